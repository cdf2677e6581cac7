package compare

import (
	"cmp"
	"slices"
	"sync"

	"github.com/neardup/neardup/internal/pool"
	"github.com/neardup/neardup/prepare"
)

// maxOccurrences drops seeds that occur more often than this in B as
// starts of runs: a window repeated that often is filler (a refrain, a
// list marker), and following every copy would make alignment quadratic.
// A run already under way still goes on through such a window where B
// goes on with the same runes, so that a list of lines that differ only
// by a number aligns as a list; but only as far as a window that is not
// frequent: a stock phrase after a shared word ("the Prophet, peace be
// upon him") adds nothing to the run.
const maxOccurrences = 16

// span is a passage in folded positions, [aStart, aEnd) in A and
// [bStart, bEnd) in B; matched counts A's runes inside exact matches.
type span struct {
	aStart, aEnd, bStart, bEnd int
	matched                    int
	kind                       PassageKind
}

// run is a maximal chain of consecutive seed matches on one diagonal:
// seeds at A positions aStart..lastI match B at bStart... anchorI is the
// last of them that is not a frequent window (see maxOccurrences).
type run struct{ aStart, bStart, lastI, anchorI int32 }

type scratch struct {
	// bit set of the top 16 bits of the shingles common to A and B
	shared []uint64
	// seeds (seeds.go, seedindex.go)
	seedHashes []uint64
	starts     []uint64
	streaks    [][2]int32
	filter     seedFilter
	index      seedIndex
	dir        []int32
	indexHash  []uint64
	indexPos   []int32
	// B's seeds in order of position, for a short text's index
	unsortedHash []uint64
	unsortedPos  []int32
	// for the screen of the order-free aligner (screen.go)
	words wordBits
	lack  []int32
	// for the order-free aligner and formulaSlots
	occ, occB hashTable
	hashes    []uint64
	hit       []int8
	first     []int32
	idx       []int
	pos       []int32
	segs      [][2]int

	// runs not yet merged, oldest first
	runs []run
	// the runs extended by the seed at the last A position, and those
	// extended by the current one
	live, next []int32
	open       []int
	spans      []span
	exact      []span
	bags       []span
	// for the reworded aligner
	matches   []wordMatch
	chainLen  []int32
	chainPrev []int32
	atB       []chainEnd
	order     []int32
	used      []bool
	reworded  []span
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns s, used for a pair of n runes, to the pool.
func putScratch(s *scratch, n int) {
	if pool.Keeps(n) {
		scratchPool.Put(s)
	}
}

// align finds the passages shared by a and b in three steps: seed (every
// SeedSize window of A found in B), chain (consecutive seeds on one
// diagonal are one exact run), merge (runs that follow each other in both
// texts within MaxGap join into one passage, tolerating the edits between
// them), then extend each passage over equal runes at its ends and keep
// those long and dense enough.
func align(s *scratch, a, b *prepare.Doc, o params) []span {
	A, B := a.Text.Runes, b.Text.Runes
	if len(A) < o.SeedSize || len(B) < o.SeedSize {
		return nil
	}
	spans := chain(s, a, b, o)
	exact := append(s.exact[:0], spans...)
	s.exact = exact
	if o.BagDensity <= 1 {
		bags := slices.DeleteFunc(bagAlign(s, a, b, o, s.bags[:0]), func(p span) bool {
			return min(p.aEnd-p.aStart, p.bEnd-p.bStart) < o.MinPassage
		})
		kept := bags[:0]
		for _, g := range bags {
			if t, ok := tighten(g, spans); ok {
				t.kind = Reordered
				kept = append(kept, t)
			}
		}
		bags = kept
		s.bags = bags
		spans = append(spans, bags...)
	}
	if o.rewordMaybe && (len(spans) > 0 || o.rewordAlone) && !coversShorter(spans, len(A), len(B), o.NearDuplicate) {
		// Reworded passages count where the others leave text uncovered.
		s.reworded = rewordAlign(s, a, b, o.para, s.reworded[:0])
		for _, p := range s.reworded {
			if min(p.aEnd-p.aStart, p.bEnd-p.bStart) >= o.MinPassage && !covered(p, spans) {
				spans = append(spans, p)
			}
		}
	}
	spans = coalesce(spans, o.MaxGap)
	for i := range spans {
		// A passage the exact aligner found most of is exact, whichever
		// aligner united it.
		if spans[i].kind != Exact && covered(spans[i], exact) {
			spans[i].kind = Exact
		}
	}
	spans = dropShadowed(spans)
	for i := range spans {
		trim(&spans[i], A, B)
	}
	slices.SortFunc(spans, func(x, y span) int {
		return cmp.Or(cmp.Compare(x.aStart, y.aStart), cmp.Compare(x.bStart, y.bStart))
	})
	s.spans = spans // for the next call; valid until s goes back to the pool
	return spans
}

// chain finds the exact passages: runs of consecutive seed matches on
// one diagonal, merged, extended and kept if long and dense enough. Runs
// go to the merger as soon as they end and passages are judged as soon
// as no run can join them, so that a pair of long texts holds the runs
// and passages under way, not all there were.
func chain(s *scratch, a, b *prepare.Doc, o params) []span {
	A, B := a.Text.Runes, b.Text.Runes
	m := merger{s: s, o: o, A: A, B: B, spans: s.spans[:0], open: s.open[:0]}
	nb := s.markSeeds(b, o)
	if nb == 0 {
		return m.finish()
	}
	var filter *seedFilter
	if len(A)+len(B) > pool.MaxLen {
		// Most windows of a long text pass the test of shared shingles:
		// index only B's seeds that A may have.
		filter = s.buildSeedFilter(a, o, s.markSeeds(a, o))
		s.markSeeds(b, o)
	}
	x := s.buildSeedIndex(b, o, nb, filter)
	if filter != nil {
		s.filter = seedFilter{} // used; a long pair's scratch is not pooled
	}
	if len(x.hash) == 0 || s.markSeeds(a, o) == 0 {
		return m.finish()
	}
	runs, live, next := s.runs[:0], s.live[:0], s.next[:0]
	front := 0 // runs[:front] are merged
	lastI := -2
	last := o.SeedSize - 1
	for it := s.seedIter(a, o); it.next(); {
		for k, h := range it.hashes {
			i := it.from + k
			if i != lastI+1 {
				live = live[:0]
			}
			lastI = i
			next = next[:0]
			first, n := x.lookup(h)
			if n > maxOccurrences {
				// The window at i matches B at j on a run's diagonal when
				// the one at i-1 did and the runes that enter agree.
				for _, k := range live {
					r := &runs[k]
					j := i - int(r.aStart) + int(r.bStart)
					if j+last < len(B) && A[i+last] == B[j+last] {
						r.lastI = int32(i)
						next = append(next, k)
					}
				}
			} else {
				// live is in ascending order of the position in B each
				// run expects next, as B's matches are: a walk through
				// both finds the run, if any, each match continues (at
				// most one run a diagonal is live).
				l := 0
				for _, j := range x.pos[first : first+n] {
					for l < len(live) && runs[live[l]].bStart-runs[live[l]].aStart+int32(i) < j {
						l++
					}
					if l < len(live) && runs[live[l]].bStart-runs[live[l]].aStart+int32(i) == j {
						r := &runs[live[l]]
						r.lastI, r.anchorI = int32(i), int32(i)
						next = append(next, live[l])
						l++
						continue
					}
					runs = append(runs, run{aStart: int32(i), bStart: j, lastI: int32(i), anchorI: int32(i)})
					next = append(next, int32(len(runs)-1))
				}
			}
			live, next = next, live
			// Runs not extended at i are over: merge them, oldest first.
			for front < len(runs) && int(runs[front].lastI) < i {
				m.add(runs[front])
				front++
			}
			if front >= 1024 && 2*front >= len(runs) {
				runs = runs[:copy(runs, runs[front:])]
				for k := range live {
					live[k] -= int32(front)
				}
				front = 0
			}
		}
		s.seedHashes = it.hashes
	}
	for _, r := range runs[front:] {
		m.add(r)
	}
	s.runs, s.live, s.next = runs[:0], live, next
	if len(A)+len(B) > pool.MaxLen {
		// A long pair's scratch does not go back to the pool: let the
		// collector have its seed index before the other aligners run.
		s.filter, s.index = seedFilter{}, seedIndex{}
		s.dir, s.indexHash, s.indexPos = nil, nil, nil
	}
	return m.finish()
}
