package compare_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
)

// folded prepares texts folded by every rule, debris kept: these tests
// are about alignment alone.
var folded = prepare.Of(prepare.Settings{Rules: normalize.Default, KeepDebris: true})

func doc(t testing.TB, s string) *prepare.Doc {
	t.Helper()
	d, err := folded.Prepare(s)
	require.NoError(t, err)
	return d
}

func run(t testing.TB, a, b string) compare.Report {
	t.Helper()
	r, err := compare.Options{}.Compare(doc(t, a), doc(t, b))
	require.NoError(t, err)
	return r
}

func seed(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/seeds/" + name)
	require.NoError(t, err)
	return string(b)
}

const para = "ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات، الذي يعمل تحت إشراف وزارة الثقافة والإعلام، جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس."

func TestIdenticalAndNoEvidence(t *testing.T) {
	r := run(t, para, strings.ReplaceAll(para, "،", ","))
	assert.Equal(t, compare.Identical, r.Verdict)
	assert.Equal(t, 0, r.Distance)
	assert.InDelta(t, 1, r.CoverageA, 1e-9)
	require.Len(t, r.Passages, 1)

	r = run(t, para, " ... ")
	assert.Equal(t, compare.NoEvidence, r.Verdict)
	assert.Equal(t, -1, r.Distance)
	r = run(t, "", "")
	assert.Equal(t, compare.NoEvidence, r.Verdict, "two empty texts are not identical")
}

func TestEditsInsideAPassageDoNotSplitIt(t *testing.T) {
	edited := strings.NewReplacer("الأوكراني", "الأوكرانى", "يصطفون", "يقفون", "الأخرى", "المختلفة").Replace(para)
	r := run(t, "مقدمة لا علاقة لها بالموضوع على الإطلاق. "+para, edited+" خاتمة مختلفة تماما.")
	require.Len(t, r.Passages, 1)
	p := r.Passages[0]
	assert.Greater(t, p.Similarity, 0.8)
	assert.Less(t, p.Similarity, 1.0)
	assert.Contains(t, []compare.Verdict{compare.PartialReuse, compare.NearDuplicate}, r.Verdict)
}

func TestSpansPointIntoOriginals(t *testing.T) {
	a := "نص أول مختلف تماما عن غيره. " + para + " نهاية."
	b := "«بداية» أخرى لا تشبه شيئا، ثم: " + para
	r := run(t, a, b)
	require.Len(t, r.Passages, 1)
	p := r.Passages[0]
	assert.Equal(t, strings.TrimSuffix(para, "."), a[p.A.Start:p.A.End])
	assert.Equal(t, strings.TrimSuffix(para, "."), b[p.B.Start:p.B.End])
	assert.Equal(t, a[p.A.Start:p.A.End], string([]rune(a)[p.A.RuneStart:p.A.RuneEnd]))
	// B is the paragraph plus a short lead-in: coverage is the
	// paragraph's share of B.
	lead := len([]rune(normalize.Default.String("«بداية» أخرى لا تشبه شيئا، ثم: ")))
	want := float64(r.LenB-lead-1) / float64(r.LenB) // less the separator after the lead-in
	assert.InDelta(t, want, r.CoverageB, 0.02)
	assert.Less(t, r.CoverageA, r.CoverageB)
	assert.Greater(t, r.ContainmentB, r.ContainmentA, "more of B is in A than the converse")
}

func TestSharedNamesAreNotPassages(t *testing.T) {
	// Two independent sentences sharing a long name and stock words.
	a := "قال المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات إن الجنود وصلوا إلى المنطقة الحدودية صباح الأحد بعد رحلة طويلة."
	b := "نفى المتحدث باسم الكرملين ما أعلنه المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات أمس، ووصفه بأنه دعاية لا أساس لها."
	r := run(t, a, b)
	assert.Empty(t, r.Passages)
	assert.Equal(t, compare.Unrelated, r.Verdict)
	assert.Greater(t, r.Resemblance, 0.0, "the shared name still shows in the shingle sets")
}

func TestRepeatedPhraseDoesNotCross(t *testing.T) {
	// B holds A's paragraph once; A holds it twice: both copies align,
	// to the same place in B, as two passages.
	r := run(t, para+"\nفاصل قصير هنا لا أكثر ولا أقل من ذلك بكثير\n"+para, para)
	require.Len(t, r.Passages, 2)
	assert.Equal(t, r.Passages[0].B, r.Passages[1].B)
	assert.Less(t, r.Passages[0].A.End, r.Passages[1].A.Start)
}

func TestSeedsAreNotNearDuplicates(t *testing.T) {
	names := []string{"000_eac66a7c9ec40e0f.txt", "001_04372fc662654fe5.txt", "002_dc7e6487002a072e.txt", "003_4e929452d58b46a1.txt", "004_eec36a63520b864b.txt"}
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			r := run(t, seed(t, names[i]), seed(t, names[j]))
			assert.Less(t, r.Verdict, compare.NearDuplicate, "%s %s", names[i], names[j])
			// Outside the default near-duplicate search radius (6).
			assert.Greater(t, r.Distance, 6, "%s %s", names[i], names[j])
			assert.Less(t, r.Resemblance, 0.3)
		}
	}
}

func TestVerbatimPassageHasSimilarityOne(t *testing.T) {
	// Separators at the passage ends are trimmed: they must not count.
	r := run(t, "مقدمة مختلفة تماما هنا. "+para+" ثم خاتمة.", "بداية أخرى لا علاقة لها! "+para+"؟ وخاتمة أخرى")
	require.Len(t, r.Passages, 1)
	assert.InDelta(t, 1.0, r.Passages[0].Similarity, 1e-9)
}

func TestMismatchedSettings(t *testing.T) {
	a := doc(t, para)
	for _, s := range []prepare.Settings{
		{Rules: normalize.Default, KeepDebris: true, SeedSize: 20},
		{Rules: normalize.Default, KeepDebris: true, ShingleSize: 5},
		{Rules: normalize.Default},
		{KeepDebris: true},
	} {
		b, err := prepare.New(s).Prepare(para)
		require.NoError(t, err)
		_, err = compare.Options{}.Compare(a, b)
		assert.ErrorIs(t, err, compare.ErrMismatch, "%+v", s)
	}
	// Equal settings compiled twice compare.
	b, err := prepare.New(folded.Settings()).Prepare(para)
	require.NoError(t, err)
	_, err = compare.Options{}.Compare(a, b)
	assert.NoError(t, err)
}

func TestReportJSON(t *testing.T) {
	r := run(t, para, para+" ملحق")
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back compare.Report
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.Verdict, back.Verdict)
	assert.Contains(t, string(b), `"verdict":"near-duplicate"`)
	var v compare.Verdict
	assert.Error(t, v.UnmarshalText([]byte("maybe")))
	assert.Equal(t, "Verdict(9)", compare.Verdict(9).String())
}

func FuzzCompare(f *testing.F) {
	f.Add(para, para+" x")
	f.Add("", "a")
	f.Add("ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab", "ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab")
	list := strings.Repeat("الجولة 1: الهلال ضد النصر في ملعب الملك فهد\n", 20) + strings.Repeat("الجولة 2: الهلال ضد النصر في ملعب الملك فهد\n", 20)
	f.Add(list, list+"ملاحظة")
	f.Fuzz(func(t *testing.T, a, b string) {
		r := run(t, a, b)
		for _, p := range r.Passages {
			require.True(t, 0 <= p.A.Start && p.A.Start < p.A.End && p.A.End <= len(a))
			require.True(t, 0 <= p.B.Start && p.B.Start < p.B.End && p.B.End <= len(b))
			require.True(t, p.Similarity > 0 && p.Similarity <= 1, "similarity %v", p.Similarity)
		}
		for _, x := range []float64{r.Resemblance, r.ContainmentA, r.ContainmentB, r.CoverageA, r.CoverageB} {
			require.True(t, x >= 0 && x <= 1, "%v", x)
		}
		// Symmetry: swapping the texts swaps the sides.
		s := run(t, b, a)
		require.Equal(t, r.Verdict, s.Verdict)
		require.InDelta(t, r.ContainmentA, s.ContainmentB, 1e-9)
		require.Equal(t, r.CoverageA, s.CoverageB)
		require.Equal(t, r.CoverageB, s.CoverageA)
		require.Len(t, s.Passages, len(r.Passages))
		seen := map[compare.Passage]bool{}
		for _, p := range s.Passages {
			seen[compare.Passage{A: p.B, B: p.A, Similarity: p.Similarity}] = true
		}
		for _, p := range r.Passages {
			require.True(t, seen[p], "passage %+v not found the other way round", p)
		}
	})
}

func TestShuffledWordsAreFound(t *testing.T) {
	// A paragraph whose words were shuffled has no diagonal to follow;
	// the order-free aligner still finds it, and only it.
	src := seed(t, "000_eac66a7c9ec40e0f.txt")
	words := strings.Fields(src[:strings.Index(src, "READ")])
	rng := rand.New(rand.NewPCG(9, 9))
	rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	shuffled := strings.Join(words, " ")
	host := seed(t, "002_dc7e6487002a072e.txt")
	mid := strings.Index(host, "صواريخ باليستية")
	susp := host[:mid] + shuffled + "\n\n" + host[mid:]
	r := run(t, susp, src)
	require.NotEmpty(t, r.Passages)
	start := utf8.RuneCountInString(susp[:mid])
	end := start + utf8.RuneCountInString(shuffled)
	got := 0
	for _, p := range r.Passages {
		got += max(0, min(p.A.RuneEnd, end)-max(p.A.RuneStart, start))
		assert.Less(t, p.A.RuneStart, end, "no passage outside the shuffled text")
		assert.Greater(t, p.A.RuneEnd, start, "no passage outside the shuffled text")
	}
	assert.Greater(t, float64(got)/float64(end-start), 0.9, "most of the shuffled text is found")

	// Turned off, nothing is found.
	o := compare.Options{BagDensity: 2}
	off, err := o.Compare(doc(t, susp), doc(t, src))
	require.NoError(t, err)
	assert.Empty(t, off.Passages)
}

func TestDerived(t *testing.T) {
	r := run(t, para, para)
	assert.Equal(t, compare.WhollyDerived, r.Derived)
	// Half of B taken from A, half B's own.
	half := "ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات، الذي يعمل تحت إشراف وزارة الثقافة والإعلام."
	own := " وفي سياق آخر، أعلنت الحكومة عن خطة جديدة لدعم المزارعين خلال موسم الجفاف الذي ضرب البلاد هذا العام."
	r = run(t, para, half+own)
	assert.Equal(t, compare.PartlyDerived, r.Derived)
	r = run(t, para, own)
	assert.Equal(t, compare.NotDerived, r.Derived)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"derived":"not-derived"`)
	var d compare.Derivation
	require.NoError(t, d.UnmarshalText([]byte("partly-derived")))
	assert.Equal(t, compare.PartlyDerived, d)
	assert.Error(t, d.UnmarshalText([]byte("maybe")))
}

// TestCompareIsSymmetric checks that Compare(b, a) is Compare(a, b)
// turned round, on the demo texts (which share passages, one of them
// found differently by the order-free aligner in each direction) and the
// seeds, and on texts of equal length.
func TestCompareIsSymmetric(t *testing.T) {
	var texts []string
	for _, name := range []string{"wire.txt", "copy.txt", "paper.txt", "composite.txt"} {
		b, err := os.ReadFile("../testdata/demo/" + name)
		require.NoError(t, err)
		texts = append(texts, string(b))
	}
	for _, name := range []string{"000_eac66a7c9ec40e0f.txt", "002_dc7e6487002a072e.txt"} {
		texts = append(texts, seed(t, name))
	}
	// Same length, different text: the tie is broken all the same.
	texts = append(texts, para+" أ", para+" ب")
	docs := make([]*prepare.Doc, len(texts))
	for i, s := range texts {
		docs[i] = doc(t, s)
	}
	shared := 0
	for i := range docs {
		for j := range docs {
			ab, err := compare.Options{}.Compare(docs[i], docs[j])
			require.NoError(t, err)
			ba, err := compare.Options{}.Compare(docs[j], docs[i])
			require.NoError(t, err)
			mirror := ba
			mirror.LenA, mirror.LenB = ba.LenB, ba.LenA
			mirror.ContainmentA, mirror.ContainmentB = ba.ContainmentB, ba.ContainmentA
			mirror.CoverageA, mirror.CoverageB = ba.CoverageB, ba.CoverageA
			mirror.Passages = make([]compare.Passage, 0, len(ba.Passages))
			for _, p := range ba.Passages {
				mirror.Passages = append(mirror.Passages, compare.Passage{A: p.B, B: p.A, Similarity: p.Similarity, Kind: p.Kind, Boilerplate: p.Boilerplate})
			}
			slices.SortFunc(mirror.Passages, func(x, y compare.Passage) int {
				return cmp.Or(cmp.Compare(x.A.Start, y.A.Start), cmp.Compare(x.B.Start, y.B.Start))
			})
			mirror.Derived = ab.Derived // the one asymmetric field, by design
			assert.Equal(t, ab, mirror, "texts %d and %d", i, j)
			if i != j && len(ab.Passages) > 0 {
				shared++
			}
		}
	}
	assert.GreaterOrEqual(t, shared, 6, "pairs sharing passages")
}

// NaN and negative settings take the defaults, as zero does: NaN fails
// every comparison, and left in place it would make every threshold
// pass or none.
func TestOddOptionsTakeDefaults(t *testing.T) {
	a := seed(t, "000_eac66a7c9ec40e0f.txt")
	b := strings.Join(strings.Split(a, "\n\n")[:5], "\n\n") + "\n\nخاتمة مختلفة تماما عن النص الأصلي."
	want := run(t, a, b)
	require.NotEmpty(t, want.Passages)
	nan := math.NaN()
	for _, o := range []compare.Options{
		{MinDensity: nan, NearDuplicate: nan, BagDensity: nan, Rewrite: nan},
		{MaxGap: -1, MinPassage: -80, MinDensity: -1, NearDuplicate: -0.5, BagDensity: -1, Rewrite: -1},
	} {
		r, err := o.Compare(doc(t, a), doc(t, b))
		require.NoError(t, err)
		assert.Equal(t, want, r)
	}
}

// A list of lines that differ only by a number (fixtures, prices, prayer
// times) repeats each window more often than a seed may start a run; the
// runs begun at the numbers must still carry through the lines.
func TestListsAlign(t *testing.T) {
	list := func(line string) string {
		var b strings.Builder
		for i := range 40 {
			fmt.Fprintf(&b, "الجولة %d: %s\n", i, line)
		}
		return b.String()
	}
	a := list("الهلال ضد النصر في ملعب الملك فهد الدولي بالرياض")
	r := run(t, a, a+"ملاحظة: المواعيد قابلة للتغيير")
	assert.Equal(t, compare.NearDuplicate, r.Verdict)
	assert.Greater(t, r.CoverageA, 0.99)
	r = run(t, a, a)
	assert.Equal(t, compare.Identical, r.Verdict)
	assert.InDelta(t, 1.0, r.CoverageA, 1e-9)
	require.Len(t, r.Passages, 1)
	// The same frame with other teams and grounds shares no passage.
	r = run(t, a, list("الاتحاد ضد الأهلي في ملعب الجوهرة المشعة بجدة"))
	assert.Empty(t, r.Passages)
}

// Two texts of one formula filled in otherwise are a template, with
// the slots that differ; the same text with a word spelled otherwise
// is not.
func TestTemplateSlots(t *testing.T) {
	cable := func(country, date, amount string) string {
		return "أعلنت الهيئة العامة للإحصاء اليوم أن صادرات المملكة إلى " + country +
			" بلغت خلال شهر " + date + " ما قيمته " + amount + " مليون ريال، وأوضحت الهيئة في بيانها الصادر اليوم أن الصادرات غير النفطية شكلت النسبة الأكبر من إجمالي الصادرات خلال الفترة، وأن الواردات سجلت تراجعا طفيفا مقارنة بالشهر ذاته من العام الماضي."
	}
	// The collection knows the formula: its words are common, the
	// fillings rare.
	rare := map[uint64]bool{}
	for _, w := range []string{"اليابان", "البرازيل", "مايو", "يونيو"} {
		for _, x := range doc(t, w+" "+w+" "+w).Words {
			rare[x.Stem] = true
		}
	}
	o := compare.Options{Stats: formulaStats{rare}}
	r, err := o.Compare(doc(t, cable("اليابان", "مايو", "4512")), doc(t, cable("البرازيل", "يونيو", "3870")))
	require.NoError(t, err)
	assert.Equal(t, compare.Template, r.Verdict)
	require.GreaterOrEqual(t, len(r.Slots), 2)
	a, b := cable("اليابان", "مايو", "4512"), cable("البرازيل", "يونيو", "3870")
	last := r.Slots[len(r.Slots)-1]
	assert.Equal(t, "4512", a[last.A.Start:last.A.End])
	assert.Equal(t, "3870", b[last.B.Start:last.B.End])
	assert.False(t, r.Verdict.IsReuse())
	// Without collection statistics only figures are slots: one is not
	// a formula.
	assert.NotEqual(t, compare.Template, run(t, cable("اليابان", "مايو", "4512"), cable("البرازيل", "يونيو", "3870")).Verdict)
	same, err := o.Compare(doc(t, cable("اليابان", "مايو", "4512")), doc(t, cable("اليابان", "مايو", "4512")+" وأضافت أن البيانات أولية."))
	require.NoError(t, err)
	assert.Empty(t, same.Slots)
	assert.True(t, same.Verdict.IsStory())
}

// formulaStats are the statistics of a collection of 10,000 documents
// in which the given stems are rare and every other word and mark
// common.
type formulaStats struct{ rare map[uint64]bool }

func (formulaStats) Docs() int { return 10000 }
func (s formulaStats) StemDF(x uint64) int {
	if s.rare[x] {
		return 2
	}
	return 500
}
func (formulaStats) MarkDF(uint64) int { return 500 }

func TestVerdictKinds(t *testing.T) {
	assert.True(t, compare.Rewrite.IsStory())
	assert.True(t, compare.Rewrite.IsReuse())
	assert.False(t, compare.PartialReuse.IsStory())
	assert.False(t, compare.Template.IsReuse())
	for v := compare.NoEvidence; v <= compare.Identical; v++ {
		var back compare.Verdict
		require.NoError(t, back.UnmarshalText([]byte(v.String())))
		assert.Equal(t, v, back)
	}
	for k := compare.Exact; k <= compare.Reworded; k++ {
		var back compare.PassageKind
		require.NoError(t, back.UnmarshalText([]byte(k.String())))
		assert.Equal(t, k, back)
	}
}
