package compare

// hashTable is an open-addressing map from a 64-bit hash to a chain of
// int32 positions, for the few thousand shingles of a document. It is
// several times faster than a Go map here because it never hashes the
// key again (shingle hashes are already mixed), never allocates per
// entry, and empties with one memory clear: a zero head means an empty
// slot, so positions are stored plus one.
type hashTable struct {
	mask  uint64
	keys  []uint64
	head  []int32 // 1 + first position of the slot's chain; 0 if empty
	count []int32 // chain length
	next  []int32 // next[pos]: 1 + the following position with the same hash, or 0
}

func (t *hashTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.mask = uint64(size - 1)
	t.keys = grow(t.keys, size)
	t.head = grow(t.head, size)
	t.count = grow(t.count, size)
	clear(t.head)
	clear(t.count)
	t.next = grow(t.next, n)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (t *hashTable) slot(h uint64) uint64 {
	i := h & t.mask
	for t.head[i] != 0 && t.keys[i] != h {
		i = (i + 1) & t.mask
	}
	return i
}

// build indexes hashes[pos] for every pos, chains in ascending order.
func (t *hashTable) build(hashes []uint64) {
	t.reset(len(hashes))
	for pos := len(hashes) - 1; pos >= 0; pos-- {
		h := hashes[pos]
		i := t.slot(h)
		t.keys[i] = h
		t.next[pos] = t.head[i]
		t.head[i] = int32(pos) + 1
		t.count[i]++
	}
}

// lookup returns 1 + the first position holding h (0 if none) and how
// many positions do. Follow the chain with next.
func (t *hashTable) lookup(h uint64) (first, count int32) {
	i := t.slot(h)
	return t.head[i], t.count[i]
}

// setCounts returns the number of distinct hashes in a, in b, and in
// both: the sizes that resemblance and containment are made of.
func setCounts(t *hashTable, a, b []uint64) (na, nb, both int) {
	t.reset(len(a) + len(b))
	// head doubles as a flag word here: bit 0 seen in a, bit 1 in b.
	for _, h := range a {
		i := t.slot(h)
		if t.head[i] == 0 {
			t.keys[i] = h
			t.head[i] = 1
			na++
		}
	}
	for _, h := range b {
		i := t.slot(h)
		switch t.head[i] {
		case 0:
			t.keys[i] = h
			t.head[i] = 2
			nb++
		case 1:
			t.head[i] = 3
			nb++
			both++
		}
	}
	return na, nb, both
}
