package compare

import (
	"math/bits"

	"github.com/neardup/neardup/internal/pool"
	"github.com/neardup/neardup/prepare"
)

// seedIndex finds B's seeds by hash: they are sorted by hash, positions
// ascending among equal hashes, with a directory of where each bucket of
// top hash bits starts. It takes 12 bytes a seed and 4 a bucket (an
// eighth of a bucket a seed in a long text, 1 to 2 in a short one), where a
// hash table of chains took 32 bytes a seed and 4 a position of B; it is
// built by hashing B's seeds twice (counting, then placing), so that
// they are never held twice.
type seedIndex struct {
	shift uint
	dir   []int32 // dir[k]: the first seed of bucket k; one more for the end
	hash  []uint64
	pos   []int32
}

// lookup returns the index of the first of B's seeds of hash h and how
// many there are: their positions are pos[first : first+count].
func (x *seedIndex) lookup(h uint64) (first, count int32) {
	k := h >> x.shift
	lo, hi := x.dir[k], x.dir[k+1]
	for lo < hi && x.hash[lo] < h {
		lo++
	}
	n := lo
	for n < hi && x.hash[n] == h {
		n++
	}
	return lo, n - lo
}

// buildSeedIndex indexes the seeds of b that markSeeds(b) marked, of
// which there are n, less those whose hash filter says A does not have.
func (s *scratch) buildSeedIndex(b *prepare.Doc, o params, n int, filter *seedFilter) *seedIndex {
	x := &s.index
	width := bits.Len(uint(n))
	if n > pool.MaxLen {
		// An eighth as many buckets as seeds in a long text (fewer once
		// the filter has kept out some): a bucket of a few seeds costs a
		// lookup little more.
		width -= 3
	}
	x.shift = uint(64 - width)
	dir := grow(s.dir, 1<<width+1)
	clear(dir)
	if filter == nil {
		// All n seeds are indexed: hashed once, held in order of
		// position, then placed (a short text's index, or a test's).
		hs, ps := grow(s.unsortedHash, n)[:0], grow(s.unsortedPos, n)[:0]
		for it := s.seedIter(b, o); it.next(); {
			for k, h := range it.hashes {
				dir[h>>x.shift+1]++
				hs, ps = append(hs, h), append(ps, int32(it.from+k))
			}
			s.seedHashes = it.hashes
		}
		s.unsortedHash, s.unsortedPos = hs, ps
		x.alloc(dir, s)
		for k, h := range hs {
			x.put(dir, h, ps[k])
		}
		x.sortBuckets()
		return x
	}
	for it := s.seedIter(b, o); it.next(); {
		for _, h := range it.hashes {
			if filter.has(h) {
				dir[h>>x.shift+1]++
			}
		}
		s.seedHashes = it.hashes
	}
	x.alloc(dir, s)
	for it := s.seedIter(b, o); it.next(); {
		for k, h := range it.hashes {
			if filter.has(h) {
				x.put(dir, h, int32(it.from+k))
			}
		}
		s.seedHashes = it.hashes
	}
	x.sortBuckets()
	return x
}

// alloc turns dir, the count of seeds of bucket k at k+1, into where
// put writes the next seed of bucket k (at k+1), and makes room for
// them all in x.
func (x *seedIndex) alloc(dir []int32, s *scratch) {
	for k := 1; k < len(dir); k++ {
		dir[k] += dir[k-1]
	}
	total := int(dir[len(dir)-1])
	copy(dir[1:], dir[:len(dir)-1])
	x.hash, x.pos = grow(s.indexHash, total), grow(s.indexPos, total)
	s.dir, s.indexHash, s.indexPos = dir, x.hash, x.pos
	x.dir = dir
}

// put places a seed in its bucket; when all are placed, dir[k] is where
// bucket k starts.
func (x *seedIndex) put(dir []int32, h uint64, pos int32) {
	at := &dir[h>>x.shift+1]
	x.hash[*at], x.pos[*at] = h, pos
	*at++
}

// sortBuckets sorts each bucket by hash. Buckets are ranges of hashes
// in order, so one insertion sort of the whole moves each seed only
// within its bucket. Seeds came in order of position, and the sort is
// stable: equal hashes keep that order.
func (x *seedIndex) sortBuckets() {
	hs, ps := x.hash, x.pos
	for i := 1; i < len(hs); i++ {
		h, p := hs[i], ps[i]
		j := i
		for ; j > 0 && hs[j-1] > h; j-- {
			hs[j], ps[j] = hs[j-1], ps[j-1]
		}
		hs[j], ps[j] = h, p
	}
}

// seedFilter is a bit set of A's seed hashes (a bit a hash, eight bits
// a seed): what B's seeds are tested by before they are indexed, so that
// a long B's index holds about the seeds A has, not all it may share
// (half of two 16 MB texts of shuffled words). A nil filter passes all.
type seedFilter struct {
	mask uint64
	bits []uint64
}

// has reports whether h may be a hash that was added.
func (f *seedFilter) has(h uint64) bool {
	if f == nil {
		return true
	}
	k := h & f.mask
	return f.bits[k>>6]&(1<<(k&63)) != 0
}

// buildSeedFilter sets a filter of the n seeds of a that markSeeds(a)
// marked.
func (s *scratch) buildSeedFilter(a *prepare.Doc, o params, n int) *seedFilter {
	f := &s.filter
	size := max(1<<bits.Len(uint(8*n)), 64)
	f.mask = uint64(size - 1)
	f.bits = grow(f.bits, size/64)
	clear(f.bits)
	for it := s.seedIter(a, o); it.next(); {
		for _, h := range it.hashes {
			k := h & f.mask
			f.bits[k>>6] |= 1 << (k & 63)
		}
		s.seedHashes = it.hashes
	}
	return f
}
