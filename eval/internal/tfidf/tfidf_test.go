package tfidf

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/normalize"
)

// bag folds s with the default rules and cuts it into grams.
func bag(t *testing.T, s string) Bag {
	t.Helper()
	txt, err := normalize.Default.Text(s)
	require.NoError(t, err)
	return NewBag(txt.Runes)
}

func TestNewBag(t *testing.T) {
	assert.Zero(t, NewBag(nil).Len())
	// Four runes once the space is gone: one gram, where grams that kept
	// the separator would give none.
	assert.Equal(t, 1, bag(t, "ab cd").Len())
	// Spacing variants give the same grams.
	assert.Equal(t, bag(t, "شہر دار الحکومت"), bag(t, "شہردار الحکومت"))
	assert.Equal(t, bag(t, "one two\nthree"), bag(t, "onetwo three"))
	// Repeats are counted once as a gram and in the count.
	b := bag(t, "abcabcabc")
	assert.Equal(t, 3, b.Len()) // abca, bcab, cabc
	assert.Equal(t, []int32{2, 2, 2}, b.counts)
}

func TestIDF(t *testing.T) {
	a, b := bag(t, "shared wording alpha"), bag(t, "shared wording bravo")
	f := NewDocFreq(a, b)
	assert.Equal(t, 2, f.Docs())
	shared, only := bag(t, "shar").hashes[0], bag(t, "alph").hashes[0]
	assert.Zero(t, f.IDF(shared), "a gram in every text weighs nothing")
	assert.InDelta(t, math.Log(3.0/2), f.IDF(only), 1e-12)
	assert.InDelta(t, math.Log(3.0), f.IDF(bag(t, "zzzz").hashes[0]), 1e-12, "unseen grams weigh most")
}

func TestContainment(t *testing.T) {
	copyText := "the minister opened the new bridge over the river on monday"
	a := bag(t, copyText)
	part := bag(t, "the new bridge over the river")
	other := bag(t, "heavy rains flooded several villages")
	f := NewDocFreq(a, part, other)
	assert.Equal(t, 1.0, f.Containment(a, part))
	assert.Less(t, f.Containment(part, a), 1.0, "containment is not symmetric")
	assert.Zero(t, f.Containment(a, other))
	assert.Zero(t, f.Containment(a, Bag{}), "an empty text is in nothing")

	// Text every document of the collection holds is no evidence: two
	// texts that share only a dateline formula contain each other not at
	// all when every text has the formula, though a third of their grams
	// are shared; where the formula is rarer, it counts.
	formula := "city news agency "
	x, y := bag(t, formula+"storm closes port"), bag(t, formula+"team wins final")
	assert.Zero(t, NewDocFreq(x, y, bag(t, formula+"prices rise again")).Containment(x, y))
	assert.Positive(t, NewDocFreq(x, y, bag(t, "prices rise again")).Containment(x, y))
}

func TestCosine(t *testing.T) {
	a := bag(t, "the minister opened the new bridge over the river")
	b := bag(t, "the minister opened the new bridge over the river")
	c := bag(t, "heavy rains flooded several villages in the north")
	d := bag(t, "the minister opened a school")
	f := NewDocFreq(a, c, d)
	va, vb, vc, vd := f.Vector(a), f.Vector(b), f.Vector(c), f.Vector(d)
	assert.InDelta(t, 1, Cosine(va, vb), 1e-12)
	assert.Equal(t, Cosine(va, vd), Cosine(vd, va))
	assert.Greater(t, Cosine(va, vd), Cosine(va, vc))
	assert.Zero(t, Cosine(va, f.Vector(Bag{})))

	// Sublinear tf: repeating a text ten times does not make it ten
	// times closer to a text that shares one phrase of it.
	once := bag(t, "bridge closed")
	tenfold := bag(t, "bridge closed bridge closed bridge closed bridge closed bridge closed bridge closed bridge closed bridge closed bridge closed bridge closed")
	g := NewDocFreq(a, c, once)
	assert.Less(t, Cosine(g.Vector(tenfold), va), 3*Cosine(g.Vector(once), va))
}
