package compare

import (
	"math/bits"

	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

// Seeds: the SeedSize windows of a text that may occur in the other text
// of a comparison, which alignment starts from. A window shared by both
// texts is made of ShingleSize windows shared by both, whose top bits
// intersect has marked; the windows that pass this test are nearly
// always few, and only those are hashed, indexed and looked up. A seed
// of the other text with the same hash has the same runes (alignment
// takes hash equality for a match throughout), so it passes too, and
// lookups find the same positions and counts as over all windows. When
// shingles are longer than seeds there is no such test and every window
// is a seed. Seeds are hashed a chunk at a time where they are used,
// never held for a whole text.

// seedChunk is the most seed hashes held at a time.
const seedChunk = 1 << 12

// markSeeds sets s.starts (or s.streaks) to the positions of d's seeds
// that pass the test, for seedIter, and returns how many there are.
func (s *scratch) markSeeds(d *prepare.Doc, o params) int {
	n := len(d.Text.Runes) - o.SeedSize + 1
	// starts left empty means the positions are streaks.
	s.streaks, s.starts = s.streaks[:0], s.starts[:0]
	if n <= 0 {
		return 0
	}
	if o.ShingleSize > o.SeedSize {
		s.streaks = append(s.streaks, [2]int32{0, int32(n)})
		return n
	}
	// A seed at j holds the shingles at j .. j+need-1: the seeds that
	// pass are those of a streak of need or more shingles that pass.
	need := o.SeedSize - o.ShingleSize + 1
	shared := (*[1 << 16 / 64]uint64)(s.shared)
	if need > 64 {
		// Seeds this much longer than shingles are not the defaults'
		// business: one position at a time.
		s.streaks = grow(s.streaks, len(d.Tops)/need+1)
		s.streaks = s.streaks[:streaks(s.streaks, d.Tops, shared, need)]
		count := 0
		for k, st := range s.streaks {
			s.streaks[k][1] = st[1] - int32(need) + 1 // seed positions
			count += int(s.streaks[k][1] - st[0])
		}
		return count
	}
	// Bit q of marks says whether shingle q passes; a seed at j passes
	// when bits j .. j+need-1 all do, which shifts and ands find 64
	// positions at a time. Testing each position with a branch costs
	// several times more: whether a shingle is shared looks random to
	// the processor. Each word of marks becomes that of the seeds'
	// starts in place: word w+1 is read before it is overwritten.
	marks := grow(s.starts, (len(d.Tops)+63)/64)
	markShared(marks, d.Tops, shared)
	count := 0
	for w, cur := range marks {
		var next uint64
		if w+1 < len(marks) {
			next = marks[w+1]
		}
		starts := cur
		for k := 1; k < need && starts != 0; k++ {
			starts &= cur>>k | next<<(64-k)
		}
		marks[w] = starts
		count += bits.OnesCount64(starts)
	}
	s.starts = marks
	return count
}

// markShared sets bit q of marks (64 to a word) when tops[q] is marked in
// shared, without a branch per position. Inlined into markSeeds, its
// loop would keep its variables in memory.
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

// seedIter gives the hashes of the seeds markSeeds marked, in order of
// position, a chunk of consecutive positions at a time:
//
//	for it := s.seedIter(d, o); it.next(); { ... it.hashes, it.from ... }
type seedIter struct {
	runes   []rune
	size    int
	starts  []uint64
	streaks [][2]int32
	// the range of positions being hashed, [at, end)
	at, end int
	// hashes are the seeds at from, from+1, ...
	hashes []uint64
	from   int
}

// seedIter returns an iterator over the seeds of d that markSeeds(d)
// marked last; it hashes into s.seedHashes.
func (s *scratch) seedIter(d *prepare.Doc, o params) seedIter {
	return seedIter{runes: d.Text.Runes, size: o.SeedSize, starts: s.starts, streaks: s.streaks, hashes: s.seedHashes[:0]}
}

// next hashes the next chunk, and reports whether there was one.
func (it *seedIter) next() bool {
	if it.at == it.end && !it.nextRange() {
		return false
	}
	to := min(it.at+seedChunk, it.end)
	// A window's hash depends on its runes only, so hashing the stretch
	// that holds them gives the hashes of the whole text's windows.
	it.hashes = shingle.AppendHashes(it.hashes[:0], it.runes[it.at:to+it.size-1], it.size)
	it.from, it.at = it.at, to
	return true
}

// nextRange moves to the next range of consecutive seeds.
func (it *seedIter) nextRange() bool {
	if len(it.starts) == 0 {
		if len(it.streaks) == 0 {
			return false
		}
		it.at, it.end = int(it.streaks[0][0]), int(it.streaks[0][1])
		it.streaks = it.streaks[1:]
		return true
	}
	// The first set bit at or after end, then the first clear one.
	w := it.end / 64
	if w >= len(it.starts) {
		return false
	}
	x := it.starts[w] &^ (1<<(it.end%64) - 1)
	for x == 0 {
		if w++; w == len(it.starts) {
			return false
		}
		x = it.starts[w]
	}
	it.at = w*64 + bits.TrailingZeros64(x)
	x = ^it.starts[w] &^ (1<<(it.at%64) - 1)
	for x == 0 {
		if w++; w == len(it.starts) {
			it.end = w * 64
			return true
		}
		x = ^it.starts[w]
	}
	it.end = w*64 + bits.TrailingZeros64(x)
	return true
}
