package compare

import (
	"slices"

	"github.com/neardup/neardup/internal/pool"
)

// hashTable is an open-addressing map from a 64-bit hash to a chain of
// int32 positions, for the few thousand shingles of a document. It is
// several times faster than a Go map here because it never hashes the
// key again (shingle hashes are already mixed), never allocates per
// entry, and empties with one memory clear: a zero head means an empty
// slot, so positions are stored plus one. A slot keeps its key, head and
// count together, so that a probe touches one cache line, not three.
type hashTable struct {
	mask  uint64
	slots []slot
	next  []int32 // next[pos]: 1 + the following position with the same hash, or 0
}

type slot struct {
	key   uint64
	head  int32 // 1 + first position of the slot's chain; 0 if empty
	count int32 // chain length
}

// reset empties the table for n entries at positions below npos.
func (t *hashTable) reset(n, npos int) {
	// A load of a quarter to a half; of half to three quarters for a
	// long text's words, whose slots were 32 to 64 bytes a word.
	room := 2 * n
	if n > pool.MaxLen/4 {
		room = n + n/3
	}
	size := 16
	for size < room {
		size <<= 1
	}
	t.mask = uint64(size - 1)
	t.slots = grow(t.slots, size)
	clear(t.slots)
	t.next = grow(t.next, npos)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (t *hashTable) slot(h uint64) *slot {
	i := h & t.mask
	for {
		s := &t.slots[i]
		if s.head == 0 || s.key == h {
			return s
		}
		i = (i + 1) & t.mask
	}
}

// build indexes hashes[pos] for every pos, chains in ascending order.
func (t *hashTable) build(hashes []uint64) {
	t.reset(len(hashes), len(hashes))
	for pos := len(hashes) - 1; pos >= 0; pos-- {
		t.push(hashes[pos], int32(pos))
	}
}

// push puts pos at the front of h's chain: pushing positions in
// descending order leaves chains ascending.
func (t *hashTable) push(h uint64, pos int32) {
	s := t.slot(h)
	s.key = h
	t.next[pos] = s.head
	s.head = pos + 1
	s.count++
}

// lookup returns 1 + the first position holding h (0 if none) and how
// many positions do. Follow the chain with next.
func (t *hashTable) lookup(h uint64) (first, count int32) {
	s := t.slot(h)
	return s.head, s.count
}

// intersect returns the number of values in both a and b, ascending sets
// (prepare.Doc.Shingles), and marks the top 16 bits of each in s.shared. A merge of
// two sorted arrays reads memory in order, where a hash table of either
// set would miss the cache on nearly every probe. The sets are cut in
// two at the middle value and both halves merged in one loop: each step
// waits on the loads and compare of the step before, and two independent
// merges fill that wait.
func (s *scratch) intersect(a, b []uint32) int {
	s.shared = grow(s.shared, 1<<16/64)
	clear(s.shared)
	shared := s.shared[:1<<16/64]
	const half = 1 << 31
	ka, _ := slices.BinarySearch(a, half)
	kb, _ := slices.BinarySearch(b, half)
	a0, b0, a1, b1 := a[:ka], b[:kb], a[ka:], b[kb:]
	both := 0
	i0, j0, i1, j1 := 0, 0, 0, 0
	for i0 < len(a0) && j0 < len(b0) && i1 < len(a1) && j1 < len(b1) {
		x0, y0, x1, y1 := a0[i0], b0[j0], a1[i1], b1[j1]
		if x0 == y0 {
			both++
			shared[x0>>22] |= 1 << (x0 >> 16 & 63)
		}
		if x1 == y1 {
			both++
			shared[x1>>22] |= 1 << (x1 >> 16 & 63)
		}
		// Which side moves is a coin toss for hashes: arithmetic, not
		// branches.
		i0 += b2i(x0 <= y0)
		j0 += b2i(y0 <= x0)
		i1 += b2i(x1 <= y1)
		j1 += b2i(y1 <= x1)
	}
	for _, h := range [2]struct {
		a, b []uint32
		i, j int
	}{{a0, b0, i0, j0}, {a1, b1, i1, j1}} {
		a, b, i, j := h.a, h.b, h.i, h.j
		for i < len(a) && j < len(b) {
			x, y := a[i], b[j]
			if x == y {
				both++
				shared[x>>22] |= 1 << (x >> 16 & 63)
			}
			i += b2i(x <= y)
			j += b2i(y <= x)
		}
	}
	return both
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
