package compare

import (
	"slices"

	"github.com/neardup/neardup/prepare"
)

// Reworded alignment. A rewrite keeps most of its source's content words
// and their order but changes the words between them (synonyms,
// clitics, inflection, a clause reworded): too few exact 12-rune windows
// survive for the seeds, and the order-free aligner asks a denser window
// than rewording leaves. rewordAlign follows content words by their
// light stems (shingle.Stem) in order: a passage is a chain of words of
// A found in B with the same stem, each within rewordGap words of the
// one before in both texts, holding at least rewordMinWords of them and
// dense on both sides.

const (
	// rewordGap is the most content words between two chained words in
	// either text: a clause reworded or inserted, not a paragraph.
	rewordGap = 6
	// rewordMinWords is the fewest chained words in a reworded passage:
	// a sentence, more than a name with its title (8 found more
	// paraphrase in ExAraPlagDet, but as many false passages).
	rewordMinWords = 10
	// rewordDensity is the least share of the content words of each
	// side of a reworded passage that are chained.
	rewordDensity = 0.5
	// rewordContainment is the least share of one text's shingles found
	// in the other for a pair to be searched for reworded passages, and
	// rewordAloneContainment for one in which the other aligners found
	// no passage: most candidate pairs share some topic and nothing
	// else, and are not worth the search.
	rewordContainment      = 0.35
	rewordAloneContainment = 0.4
	// rewordMaxOcc is the most places in B a stem may have to be
	// followed: more is a topic word in a text of 1,600 content words
	// or more (an article has a few hundred).
	rewordMaxOcc = 32
)

// wordMatch is a word of A (i) found in B (j) with the same stem.
type wordMatch struct{ i, j int32 }

// chainEnd is the longest chain (n words) ending at a word of B, with
// the word of A (i) and the match (k) it ends at.
type chainEnd struct{ n, i, k int32 }

// rewordAlign appends to out the reworded passages between a and b,
// taking words whose stems para puts in one class for a match too.
func rewordAlign(s *scratch, a, b *prepare.Doc, para *paraphrases, out []span) []span {
	ta, tb := a.Words, b.Words
	if len(ta) < rewordMinWords || len(tb) < rewordMinWords {
		return out
	}
	s.hashes = s.hashes[:0]
	for _, t := range tb {
		s.hashes = append(s.hashes, para.canon(t.Stem))
	}
	occ := &s.occ
	occ.build(s.hashes)
	// A stem frequent in B is a function word or the topic itself: it
	// would chain anything to anything. The cap is absolute beyond an
	// article's length, so that the matches of a long text grow with its
	// words, not with their square.
	maxOcc := int32(max(4, min(len(tb)/50, rewordMaxOcc)))
	ms := s.matches[:0]
	for i, t := range ta {
		f, n := occ.lookup(para.canon(t.Stem))
		if n == 0 || n > maxOcc {
			continue
		}
		for j := f; j != 0; j = occ.next[j-1] {
			ms = append(ms, wordMatch{int32(i), j - 1})
		}
	}
	s.matches = ms
	if len(ms) < rewordMinWords {
		return out
	}
	// The longest chain ending at each match. atB[j] holds the best
	// chain ending at B's word j among A's words already done: a match
	// (i, j) looks at the rewordGap places of B before j, not at every
	// match of the rewordGap words of A before i, and a row of A is
	// written only once it is all read, so that a chain never takes two
	// words of one row.
	n := grow(s.chainLen, len(ms))
	prev := grow(s.chainPrev, len(ms))
	atB := grow(s.atB, len(tb))
	clear(atB)
	for k0 := 0; k0 < len(ms); {
		i := ms[k0].i
		k1 := k0
		for k1 < len(ms) && ms[k1].i == i {
			x := ms[k1]
			n[k1], prev[k1] = 1, -1
			for j := max(0, x.j-rewordGap); j < x.j; j++ {
				if e := atB[j]; e.n > 0 && i-e.i <= rewordGap && e.n+1 > n[k1] {
					n[k1], prev[k1] = e.n+1, e.k
				}
			}
			k1++
		}
		for k := k0; k < k1; k++ {
			j := ms[k].j
			if e := atB[j]; e.n == 0 || i-e.i > rewordGap || n[k] >= e.n {
				atB[j] = chainEnd{n: n[k], i: i, k: int32(k)}
			}
		}
		k0 = k1
	}
	s.atB = atB
	s.chainLen, s.chainPrev = n, prev
	// Take chains longest first; a chain stops where it meets one taken.
	// Only ends of chains long enough are candidates: for most pairs
	// there are none, and nothing is sorted.
	order := s.order[:0]
	for k := range ms {
		if n[k] >= rewordMinWords {
			order = append(order, int32(k))
		}
	}
	s.order = order
	if len(order) == 0 {
		return out
	}
	slices.SortStableFunc(order, func(x, y int32) int { return int(n[y] - n[x]) })
	used := grow(s.used, len(ms))
	clear(used)
	s.used = used
	for _, k := range order {
		if used[k] {
			continue
		}
		last, first, count, matched := ms[k], ms[k], 0, 0
		for q := k; q >= 0 && !used[q]; q = prev[q] {
			used[q] = true
			first = ms[q]
			count++
			matched += int(ta[ms[q].i].End-ta[ms[q].i].Pos) + 1
		}
		wa, wb := int(last.i-first.i)+1, int(last.j-first.j)+1
		if count < rewordMinWords || float64(count) < rewordDensity*float64(wa) || float64(count) < rewordDensity*float64(wb) {
			continue
		}
		p := span{
			aStart: int(ta[first.i].Pos), aEnd: int(ta[last.i].End),
			bStart: int(tb[first.j].Pos), bEnd: int(tb[last.j].End),
			kind: Reworded,
		}
		p.matched = min(matched, p.aEnd-p.aStart)
		out = append(out, p)
	}
	return out
}
