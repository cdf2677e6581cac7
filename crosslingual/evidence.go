package crosslingual

import (
	"slices"
	"sync"
)

// Evidence of translation between the sentences of two texts: for each
// English sentence i and Arabic sentence j, the weight of i's items
// whose anchors j has, and of j's items whose anchors i has. It is
// found through each text's postings (the sentences holding each
// anchor), so its cost grows with the anchors the texts share, not with
// the product of their sentences' lengths.

// postings returns, for each anchor of d, the sentences holding it,
// ascending. It is computed once per Doc.
func (d *Doc) postings() map[Anchor][]int32 {
	d.postOnce.Do(func() {
		d.post = make(map[Anchor][]int32, len(d.anchors))
		for s, st := range d.sents {
			for _, it := range d.items[st.from:st.to] {
				for _, an := range d.anchors[it.first : it.first+it.n] {
					if p := d.post[an]; len(p) == 0 || p[len(p)-1] != int32(s) {
						d.post[an] = append(p, int32(s))
					}
				}
			}
		}
	})
	return d.post
}

// grid holds the evidence of every pair of sentences, row-major by the
// English sentence.
type grid struct {
	ne, na int
	// matchE[i*na+j]: weight of English sentence i's items matched in
	// Arabic sentence j; matchA the converse; nameA the part of matchA
	// from Arabic items that are names only, which count in j's weight
	// only where matched (an Arabic word has a skeleton whether or not
	// it is a name).
	matchE, matchA, nameA []float32
	// weightE[i], weightA[j]: the sentences' weights (Arabic: without
	// its name-only items).
	weightE, weightA []float32
	// lenE[i], lenA[j]: the sentences' lengths in folded runes.
	lenE, lenA []float32
}

var stampPool = sync.Pool{New: func() any { return new([]int32) }}

// newGrid measures the evidence between English e and Arabic a.
func newGrid(e, a *Doc) *grid {
	g := &grid{ne: len(e.sents), na: len(a.sents)}
	n := g.ne * g.na
	g.matchE, g.matchA, g.nameA = make([]float32, n), make([]float32, n), make([]float32, n)
	g.weightE, g.lenE = sentenceWeights(e)
	g.weightA, g.lenA = sentenceWeights(a)
	stamp := stampPool.Get().(*[]int32)
	defer stampPool.Put(stamp)
	credit(e, a.postings(), g.na, stamp, func(i, j int, it item) { g.matchE[i*g.na+j] += it.weight })
	credit(a, e.postings(), g.ne, stamp, func(j, i int, it item) {
		if it.nameOnly {
			g.matchA[i*g.na+j] += kindWeight[Name]
			g.nameA[i*g.na+j] += kindWeight[Name]
		} else {
			g.matchA[i*g.na+j] += it.weight
		}
	})
	return g
}

// credit calls add(s, t, item) once for each item of d's sentence s
// that has an anchor in the other text's sentence t (of other, by its
// postings; m sentences).
func credit(d *Doc, other map[Anchor][]int32, m int, stamp *[]int32, add func(s, t int, it item)) {
	st := slices.Grow((*stamp)[:0], m)[:m]
	for k := range st {
		st[k] = -1
	}
	*stamp = st
	for s, sn := range d.sents {
		for k, it := range d.items[sn.from:sn.to] {
			id := int32(int(sn.from) + k)
			for _, an := range d.anchors[it.first : it.first+it.n] {
				for _, t := range other[an] {
					if st[t] != id {
						st[t] = id
						add(s, int(t), it)
					}
				}
			}
		}
	}
}

// sentenceWeights returns each sentence's weight (its items', Arabic
// name-only items left out) and length in folded runes.
func sentenceWeights(d *Doc) (w, l []float32) {
	w, l = make([]float32, len(d.sents)), make([]float32, len(d.sents))
	for s, sn := range d.sents {
		for _, it := range d.items[sn.from:sn.to] {
			if !it.nameOnly {
				w[s] += it.weight
			}
		}
		l[s] = float32(sn.end - sn.pos)
	}
	return w, l
}
