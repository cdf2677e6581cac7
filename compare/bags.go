package compare

import (
	"slices"

	"github.com/neardup/neardup/prepare"
)

// Order-free alignment. Reuse that shuffles words (or sentences) leaves
// no diagonal for seeds to chain along, but two traces survive: nearly
// every content word of the reused stretch of A occurs in B, and where
// those words occur in B concentrates in one interval about as long as
// the stretch. bagAlign finds stretches of A dense in words found in B,
// then the interval of B their occurrences fall in.

// bagWindow is the number of content words over which hit density is
// measured: long enough that topical vocabulary shared by independent
// texts rarely fills it, short enough to find a paragraph.
const bagWindow = 30

// bagEdge is the window, in content words, that must be dense at each
// end of an order-free passage.
const bagEdge = 10

// bagAlign appends to out the order-free passages between a and b.
func bagAlign(s *scratch, a, b *prepare.Doc, o params, out []span) []span {
	if !bagPossible(s, a, b, bagNeed(o)) {
		return out
	}
	return bagFind(s, a, b, o, out)
}

// bagNeed is the hits a window needs.
func bagNeed(o params) int { return int(o.BagDensity * bagWindow) }

// bagFind is bagAlign without the screen.
func bagFind(s *scratch, a, b *prepare.Doc, o params, out []span) []span {
	ta, tb := a.Words, b.Words
	if len(ta) < bagWindow || len(tb) < bagWindow/2 {
		return out
	}
	// Occurrences of each word in B.
	s.hashes = s.hashes[:0]
	for _, t := range tb {
		s.hashes = append(s.hashes, t.Hash)
	}
	occ := &s.occ
	occ.build(s.hashes)
	// A word frequent in B is a function word or the topic itself:
	// neither a hit nor a miss.
	maxOcc := int32(max(4, len(tb)/100))
	hit := grow(s.hit, len(ta)) // 1 hit, 0 miss, -1 ignored
	first := grow(s.first, len(ta))
	idx := s.idx[:0] // positions of counted words
	for i, t := range ta {
		f, n := occ.lookup(t.Hash)
		first[i] = f
		switch {
		case n == 0:
			hit[i] = 0
		case n > maxOcc:
			hit[i] = -1
		default:
			hit[i] = 1
		}
		if hit[i] >= 0 {
			idx = append(idx, i)
		}
	}
	s.hit, s.first, s.idx = hit, first, idx
	// Dense stretches: windows of bagWindow counted words with at least
	// BagDensity hits, merged where they overlap.
	if len(idx) < bagWindow {
		return out
	}
	segs := s.segs[:0] // in indices of idx
	hits := 0
	for k := range bagWindow {
		hits += int(hit[idx[k]])
	}
	need := bagNeed(o)
	for k := 0; ; k++ {
		if hits >= need {
			if n := len(segs); n > 0 && segs[n-1][1] >= k {
				segs[n-1][1] = k + bagWindow
			} else {
				segs = append(segs, [2]int{k, k + bagWindow})
			}
		}
		if k+bagWindow >= len(idx) {
			break
		}
		hits += int(hit[idx[k+bagWindow]]) - int(hit[idx[k]])
	}
	s.segs = segs
	for _, sg := range segs {
		// A window keeps its density for a few words past the end of a
		// reused stretch, and words of a shared topic stretch it further:
		// take each end in until a short window at it is dense too.
		lo, hi := sg[0], sg[1]
		dense := func(from, to int) bool {
			n := 0
			for k := from; k < to; k++ {
				n += int(hit[idx[k]])
			}
			return float64(n) >= o.BagDensity*float64(to-from)
		}
		for lo+bagEdge <= hi && (hit[idx[lo]] != 1 || !dense(lo, lo+bagEdge)) {
			lo++
		}
		for hi-bagEdge >= lo && (hit[idx[hi-1]] != 1 || !dense(hi-bagEdge, hi)) {
			hi--
		}
		if hi-lo < bagEdge {
			continue
		}
		// Where in B: words found once in B place the passage; a word
		// found several times counts at its occurrence nearest to that
		// place, so that its other uses elsewhere do not stretch it.
		pos := s.pos[:0]
		for k := lo; k < hi; k++ {
			if i := idx[k]; hit[i] == 1 && occ.next[first[i]-1] == 0 {
				pos = append(pos, first[i]-1)
			}
		}
		if len(pos) == 0 {
			continue
		}
		slices.Sort(pos)
		mid := pos[len(pos)/2]
		pos = pos[:0]
		for k := lo; k < hi; k++ {
			if i := idx[k]; hit[i] == 1 {
				pos = append(pos, nearest(occ, first[i], mid))
			}
		}
		slices.Sort(pos)
		s.pos = pos
		// The interval of B holding the central 80% of occurrences; it
		// must be about as long as the stretch, or the hits are
		// scattered topical words rather than one reused passage.
		n := len(pos)
		b0, b1 := pos[n/10], pos[n-1-n/10]
		lenA := hi - lo
		if int(b1-b0)+1 > 2*lenA+bagWindow {
			continue
		}
		// Widen to the occurrences just outside the central part that
		// stay close to it.
		for k := n/10 - 1; k >= 0 && b0-pos[k] <= bagWindow/2; k-- {
			b0 = pos[k]
		}
		for k := n - n/10; k < n && pos[k]-b1 <= bagWindow/2; k++ {
			b1 = pos[k]
		}
		p := span{
			aStart: int(ta[idx[lo]].Pos), aEnd: int(ta[idx[hi-1]].End),
			bStart: int(tb[b0].Pos), bEnd: int(tb[b1].End),
		}
		// Matched: the hit words' runes, a measure comparable with the
		// exact runes counted by the diagonal aligner.
		for k := lo; k < hi; k++ {
			if t := ta[idx[k]]; hit[idx[k]] == 1 {
				p.matched += int(t.End-t.Pos) + 1
			}
		}
		p.matched = min(p.matched, p.aEnd-p.aStart)
		out = append(out, p)
	}
	return out
}

// nearest returns the position closest to x in the ascending chain of
// positions that starts at first (1-based, as hashTable stores them).
func nearest(t *hashTable, first int32, x int32) int32 {
	best := first - 1
	for j := first; j != 0; j = t.next[j-1] {
		if abs(int(j-1-x)) < abs(int(best-x)) {
			best = j - 1
		}
	}
	return best
}
