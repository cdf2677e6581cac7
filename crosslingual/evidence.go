package crosslingual

import (
	"cmp"
	"slices"
)

// Evidence of translation between the sentences of two texts: for each
// English sentence i and Arabic sentence j, the weight of i's items
// whose anchors j has, and of j's items whose anchors i has. It is
// found by looking each anchor of the Arabic text up among the English
// text's, sorted (an English query is the shorter text, and is sorted
// once for all its candidates), so its cost grows with the anchors the
// texts have and share, not with the product of their sentences'
// lengths, and builds no map.

// occurrence is an anchor of an item of a sentence.
type occurrence struct {
	anchor     Anchor
	sent, item int32
}

// occurrences returns d's occurrences sorted by anchor, computed once.
// (Their order within an anchor does not matter: newGrid sorts what it
// finds.)
func (d *Doc) occurrences() []occurrence {
	d.occOnce.Do(func() {
		occ := make([]occurrence, 0, len(d.anchors))
		for s, st := range d.sents {
			for k := st.from; k < st.to; k++ {
				it := d.items[k]
				for _, a := range d.anchors[it.first : it.first+it.n] {
					occ = append(occ, occurrence{a, int32(s), k})
				}
			}
		}
		slices.SortFunc(occ, func(x, y occurrence) int { return cmp.Compare(x.anchor, y.anchor) })
		d.occ = occ
	})
	return d.occ
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

// match is an item of one text found in a sentence of the other.
type match struct{ item, sent int32 }

// newGrid measures the evidence between English e and Arabic a.
func newGrid(e, a *Doc) *grid {
	g := &grid{ne: len(e.sents), na: len(a.sents)}
	n := g.ne * g.na
	g.matchE, g.matchA, g.nameA = make([]float32, n), make([]float32, n), make([]float32, n)
	g.weightE, g.lenE = sentenceWeights(e)
	g.weightA, g.lenA = sentenceWeights(a)
	var inA, inE []match // English items found in Arabic sentences, and the converse
	oe := e.occurrences()
	for s, st := range a.sents {
		for k := st.from; k < st.to; k++ {
			it := a.items[k]
			for _, an := range a.anchors[it.first : it.first+it.n] {
				i, _ := slices.BinarySearchFunc(oe, an, func(o occurrence, an Anchor) int { return cmp.Compare(o.anchor, an) })
				for ; i < len(oe) && oe[i].anchor == an; i++ {
					inA = append(inA, match{oe[i].item, int32(s)})
					inE = append(inE, match{k, oe[i].sent})
				}
			}
		}
	}
	// An item counts once in a sentence however many of its anchors
	// are there.
	for _, m := range distinct(inA) {
		s := e.sentOf(m.item)
		g.matchE[int(s)*g.na+int(m.sent)] += e.items[m.item].weight
	}
	for _, m := range distinct(inE) {
		s, it := a.sentOf(m.item), a.items[m.item]
		c := int(m.sent)*g.na + int(s)
		if it.nameOnly {
			g.matchA[c] += kindWeight[Name]
			g.nameA[c] += kindWeight[Name]
		} else {
			g.matchA[c] += it.weight
		}
	}
	return g
}

// distinct sorts ms and drops repeats.
func distinct(ms []match) []match {
	slices.SortFunc(ms, func(x, y match) int { return cmp.Or(cmp.Compare(x.item, y.item), cmp.Compare(x.sent, y.sent)) })
	return slices.Compact(ms)
}

// sentOf returns the sentence of item k.
func (d *Doc) sentOf(k int32) int32 {
	s, _ := slices.BinarySearchFunc(d.sents, k, func(st sentence, k int32) int {
		switch {
		case k < st.from:
			return 1
		case k >= st.to:
			return -1
		}
		return 0
	})
	return int32(s)
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
