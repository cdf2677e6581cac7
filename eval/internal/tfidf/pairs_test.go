package tfidf

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/prepare"
)

// folded folds s as the recall evaluation does, debris removed.
func folded(t testing.TB, s string) []rune {
	t.Helper()
	txt, err := prepare.Of(prepare.Default).Fold(s)
	require.NoError(t, err)
	return txt.Runes
}

// bruteCosines computes the word TF-IDF cosine of every pair of texts the
// slow, obvious way, with strings for words: raw counts, ln(n/df),
// cosine of the two weight maps.
func bruteCosines(t testing.TB, texts []string) [][]float64 {
	t.Helper()
	n := len(texts)
	counts := make([]map[string]float64, n)
	df := map[string]int{}
	for i, s := range texts {
		counts[i] = map[string]float64{}
		for _, w := range strings.Fields(string(folded(t, s))) {
			counts[i][w]++
		}
		for w := range counts[i] {
			df[w]++
		}
	}
	vec := make([]map[string]float64, n)
	norm := make([]float64, n)
	for i := range n {
		vec[i] = map[string]float64{}
		for w, c := range counts[i] {
			x := c * math.Log(float64(n)/float64(df[w]))
			vec[i][w] = x
			norm[i] += x * x
		}
		norm[i] = math.Sqrt(norm[i])
	}
	cos := make([][]float64, n)
	for i := range n {
		cos[i] = make([]float64, n)
		for j := range n {
			if norm[i] == 0 || norm[j] == 0 {
				continue
			}
			var dot float64
			for w, x := range vec[i] {
				dot += x * vec[j][w]
			}
			cos[i][j] = dot / (norm[i] * norm[j])
		}
	}
	return cos
}

// rawVectors weighs texts' words with the Raw scheme over the texts.
func rawVectors(t testing.TB, texts []string) []Vector {
	t.Helper()
	bags := make([]Bag, len(texts))
	for i, s := range texts {
		bags[i] = NewWordBag(folded(t, s))
	}
	f := NewDocFreq(bags...)
	vs := make([]Vector, len(texts))
	for i, b := range bags {
		vs[i] = f.Weigh(b, Raw)
	}
	return vs
}

var tiny = []string{
	"أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في الرياض.",
	"أعلنت وزارةُ الصحة اليوم عن افتتاح مستشفى جديد في جدة",      // harakat fold away
	"عن افتتاح مستشفى جديد في الرياض، أعلنت وزارة الصحة (اليوم)", // same words, another order
	"هطلت أمطار غزيرة على مكة المكرمة اليوم",
	"الصحة الصحة الصحة مستشفى",
	"...", // no words at all
	"the ministry of health opened a new hospital today",
}

func TestWordCosineBruteForce(t *testing.T) {
	want := bruteCosines(t, tiny)
	vs := rawVectors(t, tiny)
	all := SimilarPairs(vs, func(int) int { return len(vs) }, 1e-9, 2, nil)
	got := map[[2]int]float64{}
	for _, p := range all {
		require.Less(t, p.I, p.J)
		got[[2]int{p.I, p.J}] = p.Cosine
	}
	for i := range tiny {
		if i == 5 {
			assert.Zero(t, Cosine(vs[i], vs[i]), "no word, no direction")
		} else {
			assert.InDelta(t, 1, Cosine(vs[i], vs[i]), 1e-12, "text %d with itself", i)
		}
		for j := range tiny {
			assert.InDelta(t, want[i][j], Cosine(vs[i], vs[j]), 1e-12, "%d, %d", i, j)
			if i < j {
				assert.InDelta(t, want[i][j], got[[2]int{i, j}], 1e-12, "%d, %d by postings", i, j)
				if want[i][j] > 1e-9 {
					assert.Contains(t, got, [2]int{i, j})
				}
			}
		}
	}
	assert.InDelta(t, 1, want[0][2], 1e-12, "word order and punctuation do not count")
	assert.Zero(t, want[0][6], "no word shared")
}

func TestSimilarPairsRandom(t *testing.T) {
	// Texts of a small vocabulary, so that most pairs share words and
	// some words are in nearly every text; windows of the next 7 texts.
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("شمس قمر نجم بحر نهر جبل سهل مطر ريح غيم برق رعد ثلج ورد شجر طير سمك نخل رمل صخر alpha bravo charlie delta echo")
	texts := make([]string, 80)
	for i := range texts {
		words := make([]string, 1+rng.IntN(30))
		for k := range words {
			// Zipf-like: low indices far more often.
			words[k] = vocab[int(float64(len(vocab))*math.Pow(rng.Float64(), 3))]
		}
		texts[i] = strings.Join(words, " ")
	}
	want := bruteCosines(t, texts)
	vs := rawVectors(t, texts)
	const window, least = 7, 0.3
	end := func(i int) int { return i + 1 + window }
	got := SimilarPairs(vs, end, least, 3, nil)
	var expect []Similar
	for i := range texts {
		for j := i + 1; j < min(end(i), len(texts)); j++ {
			if Cosine(vs[i], vs[j]) >= least {
				expect = append(expect, Similar{I: i, J: j, Cosine: want[i][j]})
			}
		}
	}
	require.Len(t, got, len(expect))
	require.NotEmpty(t, got)
	for k, p := range got {
		assert.Equal(t, expect[k].I, p.I)
		assert.Equal(t, expect[k].J, p.J)
		assert.InDelta(t, expect[k].Cosine, p.Cosine, 1e-12)
		assert.Equal(t, Cosine(vs[p.I], vs[p.J]), p.Cosine, "the same sums in the same order")
	}
	// The workers and the order they finish in change nothing.
	assert.Equal(t, got, SimilarPairs(vs, end, least, 1, nil))
	// Windows past the end are cut; empty ones give nothing.
	assert.Empty(t, SimilarPairs(vs, func(i int) int { return i }, 0.1, 2, nil))
	var done atomic.Int64 // called from the workers
	SimilarPairs(vs, func(int) int { return 1 << 30 }, 0.99, 2, func(k int) { done.Add(int64(k)) })
	assert.EqualValues(t, len(vs), done.Load())
}

func TestNewWordBag(t *testing.T) {
	assert.Zero(t, NewWordBag(nil).Len())
	b := NewWordBag(folded(t, "في الرياض، وفي الرياض: في"))
	assert.Equal(t, 3, b.Len()) // في, الرياض, وفي
	total := int32(0)
	for _, c := range b.counts {
		total += c
	}
	assert.Equal(t, int32(5), total)
	assert.Equal(t, NewWordBag(folded(t, "مستشفى جديد")), NewWordBag(folded(t, "مُسْتَشْفَى  جديد!")))
}

func TestRawWeights(t *testing.T) {
	a, b, c := NewWordBag(folded(t, "x x y")), NewWordBag(folded(t, "y z")), NewWordBag(folded(t, "y"))
	f := NewDocFreq(a, b, c)
	v := f.Weigh(a, Raw)
	// x: tf 2, ln(3/1); y in every text: 0.
	assert.Equal(t, []float64{1, 0}, sortedWeights(v))
	assert.Zero(t, Cosine(f.Weigh(c, Raw), v), "a text of words in every text has no direction")
	assert.Zero(t, NewDocFreq().Weigh(a, Raw).weights[0], "an empty collection weighs nothing")
}

// sortedWeights returns v's weights, largest first.
func sortedWeights(v Vector) []float64 {
	w := append([]float64(nil), v.weights...)
	if len(w) == 2 && w[0] < w[1] {
		w[0], w[1] = w[1], w[0]
	}
	return w
}
