package compare

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The order-free aligner's screen only ever turns away pairs it would
// find nothing in: texts drawn from one small vocabulary, some sharing a
// reordered stretch, some a topic, at several densities.
func TestBagScreenLosesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := strings.Fields(
		"الوزير المملكة الرياض الاجتماع العلاقات الثنائية التعاون الاقتصادي المشترك الزيارة الرسمية " +
			"المسؤولين البلدين الشقيقين التطورات الإقليمية الدولية الأمن الاستقرار المنطقة السلام الحوار " +
			"المجلس الأعلى القرار البيان الصادر الحكومة الشعب التنمية المشاريع الاستثمار الطاقة النفط " +
			"الأسعار الأسواق العالمية الصادرات الواردات الميزانية العامة الإيرادات النفقات العجز")
	words := func(n, from, to int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[from+rng.IntN(to-from)]
		}
		return out
	}
	o := params{Options: Options{}.withDefaults(), ShingleSize: 5, SeedSize: 12}
	s := new(scratch)
	var screened, found int
	for range 400 {
		// A: its own words around a stretch; B: the stretch reordered, or
		// words of the same vocabulary, around words of its own.
		split := 10 + rng.IntN(len(vocab)-20)
		stretch := words(20+rng.IntN(40), 0, len(vocab))
		a := append(append(words(rng.IntN(60), 0, split), stretch...), words(rng.IntN(60), 0, split)...)
		shared := stretch
		switch rng.IntN(3) {
		case 0:
			shared = words(len(stretch), 0, len(vocab))
		case 1:
			rng.Shuffle(len(shared), func(i, j int) { shared[i], shared[j] = shared[j], shared[i] })
		}
		b := append(append(words(rng.IntN(40), split, len(vocab)), shared...), words(rng.IntN(40), split, len(vocab))...)
		da, db := alignTestDoc(t, o, strings.Join(a, " ")), alignTestDoc(t, o, strings.Join(b, " "))
		want := bagFind(s, da, db, o, nil)
		got := bagAlign(s, da, db, o, nil)
		require.Equal(t, want, got)
		if !bagPossible(s, da, db, bagNeed(o)) {
			screened++
		}
		if len(want) > 0 {
			found++
		}
	}
	// Both ways are taken, or the test proves nothing.
	assert.Greater(t, screened, 20)
	assert.Greater(t, found, 20)
	t.Logf("%d pairs screened out, %d with passages", screened, found)
}
