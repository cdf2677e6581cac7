package compare

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"

	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
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
type run struct{ aStart, bStart, lastI, anchorI int }

type scratch struct {
	table hashTable
	// bit set of the top 16 bits of the shingles common to A and B
	shared []uint64
	// seeds: window hashes of A or B, the seeds that may match
	seedHashes     []uint64
	seedsA, seedsB []seed
	streaks        [][2]int32
	marks          []uint64
	// for the order-free aligner
	occ    hashTable
	hashes []uint64
	hit    []int8
	first  []int32
	idx    []int
	pos    []int32
	segs   [][2]int

	runAt []int32 // per diagonal, 1 + index of the last run on it, or 0
	runs  []run
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

// seed is a SeedSize window that may occur in the other text.
type seed struct {
	hash uint64
	pos  int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the most runes of a pair whose working memory goes back to
// the pool: that of a longer pair is left to the collector, so that one
// huge pair does not keep hundreds of megabytes pooled for the rest of a
// run (fmt drops its large buffers the same way).
const maxPooled = 1 << 20

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns s, used for a pair of n runes, to the pool.
func putScratch(s *scratch, n int) {
	if n <= maxPooled {
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
	s.runs = s.runs[:0]
	s.seedsB = s.seeds(s.seedsB[:0], b, o)
	if len(s.seedsB) > 0 {
		s.seedsA = s.seeds(s.seedsA[:0], a, o)
	}
	if len(s.seedsB) > 0 && len(s.seedsA) > 0 {
		s.table.reset(len(s.seedsB), len(B)-o.SeedSize+1)
		for k := len(s.seedsB) - 1; k >= 0; k-- {
			s.table.push(s.seedsB[k].hash, s.seedsB[k].pos)
		}
		// runAt is all zeros between calls (see below): a fresh one is
		// made zero, a reused one is.
		s.runAt = grow(s.runAt, len(A)+len(B)+1)
	} else {
		s.seedsA = s.seedsA[:0]
	}
	live, next := s.live[:0], s.next[:0]
	lastI := -2
	for _, sd := range s.seedsA {
		i := int(sd.pos)
		if i != lastI+1 {
			live = live[:0]
		}
		lastI = i
		next = next[:0]
		j1, n := s.table.lookup(sd.hash)
		if n > maxOccurrences {
			// The window at i matches B at j on a run's diagonal when the
			// one at i-1 did and the runes that enter agree.
			last := o.SeedSize - 1
			for _, k := range live {
				r := &s.runs[k]
				j := i - r.aStart + r.bStart
				if j+last < len(B) && A[i+last] == B[j+last] {
					r.lastI = i
					next = append(next, k)
				}
			}
			live, next = next, live
			continue
		}
		for ; j1 != 0; j1 = s.table.next[j1-1] {
			j := int(j1 - 1)
			d := i - j + len(B)
			if k := s.runAt[d] - 1; k >= 0 && s.runs[k].lastI == i-1 {
				s.runs[k].lastI, s.runs[k].anchorI = i, i
				next = append(next, k)
				continue
			}
			s.runs = append(s.runs, run{aStart: i, bStart: j, lastI: i, anchorI: i})
			s.runAt[d] = int32(len(s.runs))
			next = append(next, int32(len(s.runs)-1))
		}
		live, next = next, live
	}
	s.live, s.next = live, next
	for k := range s.runs {
		s.runs[k].lastI = s.runs[k].anchorI // a frequent tail is no match
	}
	// Zero only the diagonals used: the few runs of most pairs would not
	// pay for clearing one entry per diagonal.
	for _, r := range s.runs {
		s.runAt[r.aStart-r.bStart+len(B)] = 0
	}
	spans := merge(s, o)
	for i := range spans {
		extend(&spans[i], A, B)
		snap(&spans[i], A, B)
	}
	spans = slices.DeleteFunc(spans, func(p span) bool {
		short := min(p.aEnd-p.aStart, p.bEnd-p.bStart)
		long := max(p.aEnd-p.aStart, p.bEnd-p.bStart)
		return short < o.MinPassage || float64(p.matched) < o.MinDensity*float64(long)
	})
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
		s.reworded = rewordAlign(s, a, b, s.reworded[:0])
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

// seeds appends to dst the SeedSize windows of d that may occur in the
// other text of the comparison, in ascending order. A window shared by
// both texts is made of ShingleSize windows shared by both, whose top
// bits intersect has marked; the windows that pass this test are
// nearly always few, and only those are hashed, put in a table and
// looked up, which is what alignment used to spend its time on. A seed
// of the other text with the same hash has the same runes (alignment
// takes hash equality for a match throughout), so it is kept too, and
// lookups find the same positions and counts as over all seeds. When
// shingles are longer than seeds there is no such test and every window
// is a seed.
func (s *scratch) seeds(dst []seed, d *prepare.Doc, o params) []seed {
	runes := d.Text.Runes
	if o.ShingleSize > o.SeedSize {
		return s.hashSeeds(dst, runes, 0, len(runes)-o.SeedSize+1, o.SeedSize)
	}
	// A seed at j holds the shingles at j .. j+need-1: the seeds that
	// pass are those of a streak of need or more shingles that pass,
	// hashed a streak at a time.
	need := o.SeedSize - o.ShingleSize + 1
	shared := (*[1 << 16 / 64]uint64)(s.shared)
	if need > 64 {
		// Seeds this much longer than shingles are not the defaults'
		// business: one position at a time.
		s.streaks = grow(s.streaks, len(d.Tops)/need+1)
		n := streaks(s.streaks, d.Tops, shared, need)
		for _, st := range s.streaks[:n] {
			dst = s.hashSeeds(dst, runes, int(st[0]), int(st[1])-need+1, o.SeedSize)
		}
		return dst
	}
	// Bit q of marks says whether shingle q passes; a seed at j passes
	// when bits j .. j+need-1 all do, which shifts and ands find 64
	// positions at a time. Testing each position with a branch costs
	// several times more: whether a shingle is shared looks random to
	// the processor.
	marks := grow(s.marks, (len(d.Tops)+63)/64)
	markShared(marks, d.Tops, shared)
	s.marks = marks
	for w, cur := range marks {
		if cur == 0 {
			continue
		}
		var next uint64
		if w+1 < len(marks) {
			next = marks[w+1]
		}
		starts := cur
		for k := 1; k < need; k++ {
			starts &= cur>>k | next<<(64-k)
		}
		for starts != 0 {
			lo := bits.TrailingZeros64(starts)
			hi := lo + bits.TrailingZeros64(^(starts >> lo))
			dst = s.hashSeeds(dst, runes, w*64+lo, w*64+hi, o.SeedSize)
			if hi >= 64 {
				break
			}
			starts &^= 1<<hi - 1
		}
	}
	return dst
}

// markShared sets bit q of marks (64 to a word) when tops[q] is marked in
// shared, without a branch per position. Inlined into seeds, its loop
// would keep its variables in memory.
//
//go:noinline
func markShared(marks []uint64, tops []uint16, shared *[1 << 16 / 64]uint64) {
	for w := range marks {
		chunk := tops[w*64 : min(w*64+64, len(tops))]
		// Each position's bit comes in at the top and moves down: one
		// shift by a variable amount a position, not two.
		var x uint64
		for _, top := range chunk {
			x = x>>1 | shared[top>>6]<<(63-top&63)&(1<<63)
		}
		marks[w] = x >> (64 - len(chunk))
	}
}

// streaks writes to out the bounds [start, end) of each run of need or
// more tops marked in shared, and returns how many it wrote; out has room
// for len(tops)/need+1.
func streaks(out [][2]int32, tops []uint16, shared *[1 << 16 / 64]uint64, need int) int {
	n, start := 0, 0
	for q, top := range tops {
		if shared[top>>6]&(1<<(top&63)) == 0 {
			if q-start >= need {
				out[n] = [2]int32{int32(start), int32(q)}
				n++
			}
			start = q + 1
		}
	}
	if q := len(tops); q-start >= need {
		out[n] = [2]int32{int32(start), int32(q)}
		n++
	}
	return n
}

// hashSeeds appends the seeds at positions [from, to) of runes. A
// window's hash depends on its runes only, so hashing the stretch that
// holds them gives the hashes of the whole text's windows.
func (s *scratch) hashSeeds(dst []seed, runes []rune, from, to, size int) []seed {
	s.seedHashes = shingle.AppendHashes(s.seedHashes[:0], runes[from:to+size-1], size)
	for k, h := range s.seedHashes {
		dst = append(dst, seed{h, int32(from + k)})
	}
	return dst
}
