package prepare

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"sync"

	"github.com/neardup/neardup/internal/pool"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

// Doc is a prepared text: everything the later steps read of it. It is
// immutable (its slices must not be changed) and safe for concurrent
// use. Make one with Pipeline.Prepare; Docs prepared by pipelines of
// equal Settings compare with each other.
type Doc struct {
	// Text is the folded text, debris removed, with its map to the
	// original.
	Text *normalize.Text
	// Fingerprint is the SimHash of the character shingles. It is valid
	// only if HasFingerprint: a text without a single shingle (empty or
	// punctuation only) has none.
	Fingerprint    simhash.Fingerprint
	HasFingerprint bool
	// Shingles holds the top 32 bits of the character shingle hashes,
	// distinct, ascending: resemblance and containment are sizes of these
	// sets, a merge finds what two share, and what they share tells
	// alignment which seed windows to hash. 32 bits are enough for that
	// (two texts of 5,000 shingles share a false one once in 170 pairs, a
	// 0.0002 change in a containment) at half the memory of the hashes.
	Shingles []uint32
	// Tops holds the top 16 bits of each shingle's hash, in text order:
	// where shared seed windows may be, at a quarter of the memory of the
	// hashes. Seed windows themselves are not kept: hashing them again
	// where needed costs less than the memory of a corpus of them.
	Tops []uint16
	// Words are the content words (shingle.MinContentRunes or longer),
	// in text order, for order-free alignment.
	Words []shingle.Word
	// Stems are the distinct stems of Words, ascending: what of the
	// other text's words a comparison looks up.
	Stems []uint64
	p     *Pipeline
	// marks are made on first use: a pair compared alone never needs
	// them, and they are a fifth of the cost of preparing.
	marksOnce sync.Once
	marks     []shingle.Mark
}

// Marks returns d's marks, the winnowed seed windows in text order: what
// an index finds the document by (package index). It computes them on
// the first call.
func (d *Doc) Marks() []shingle.Mark {
	d.marksOnce.Do(func() {
		d.marks = shingle.AppendMarks(nil, d.Text.Runes, d.p.s.SeedSize, d.p.window)
	})
	return d.marks
}

// Settings returns the settings d was prepared with.
func (d *Doc) Settings() Settings { return d.p.s }

// Alike reports whether d and e were prepared with equal settings, so
// that their shingles, seeds and marks can be compared.
func (d *Doc) Alike(e *Doc) bool { return d.p == e.p || d.p.s == e.p.s }

// HasStem reports whether d has a word of stem s.
func (d *Doc) HasStem(s uint64) bool {
	_, ok := slices.BinarySearch(d.Stems, s)
	return ok
}

// MarkHashes appends the hashes of d's marks to dst.
func (d *Doc) MarkHashes(dst []uint64) []uint64 {
	marks := d.Marks()
	dst = slices.Grow(dst, len(marks))
	for _, m := range marks {
		dst = append(dst, m.Hash)
	}
	return dst
}

// probeHash sums up a probe document's fingerprint and marks.
func probeHash(d *Doc) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%x %v", d.Fingerprint, d.Marks())
	return h.Sum64()
}

// scratch is per-call working memory, pooled.
type scratch struct {
	runes  []rune
	hashes []uint64
	top32  []uint32
	stems  []uint64
	at     []int32
	sorted []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(s *scratch) {
	if pool.Keeps(max(cap(s.hashes), cap(s.runes), cap(s.top32), cap(s.stems), cap(s.at), cap(s.sorted))) {
		scratchPool.Put(s)
	}
}

// hashChunk is how many shingle hashes shingle holds at a time: their
// top bits are all a Doc keeps, and the hashes of a long text held
// whole were 8 bytes a rune at the peak of preparing it.
const hashChunk = 1 << 12

// shingle hashes the size-rune shingles of runes and returns their set
// of top 32 bits (Doc.Shingles), their top 16 bits in text order
// (Doc.Tops) and their fingerprint, if there is a shingle. A window's
// hash depends on its runes only, so hashing the text a chunk at a time
// gives the hashes of the whole.
func (s *scratch) shingle(runes []rune, size int) (set []uint32, tops []uint16, f simhash.Fingerprint, ok bool) {
	n := len(runes) - size + 1
	switch {
	case len(runes) == 0:
		n = 0
	case n < 1:
		n = 1 // the text is one shingle
	}
	tops = make([]uint16, n)
	var sum simhash.Builder
	if n <= pool.MaxLen {
		top32 := grow(s.top32, n)
		for from := 0; from < n; from += hashChunk {
			s.hashes = shingle.AppendHashes(s.hashes[:0], runes[from:min(from+hashChunk+size-1, len(runes))], size)
			sum.AddAll(s.hashes)
			for k, h := range s.hashes {
				top32[from+k] = uint32(h >> 32)
				tops[from+k] = uint16(h >> 48)
			}
		}
		s.top32 = top32
		set = s.sortedSet(top32)
	} else {
		// A long text's top 32 bits are counted into their buckets, then
		// hashed again and placed: never held in text order, which was 4
		// bytes a shingle more at the peak of preparing it.
		shift, at := s.buckets(n)
		for from := 0; from < n; from += hashChunk {
			s.hashes = shingle.AppendHashes(s.hashes[:0], runes[from:min(from+hashChunk+size-1, len(runes))], size)
			sum.AddAll(s.hashes)
			for k, h := range s.hashes {
				at[uint32(h>>32)>>shift]++
				tops[from+k] = uint16(h >> 48)
			}
		}
		starts(at)
		out := grow(s.sorted, n)
		for from := 0; from < n; from += hashChunk {
			s.hashes = shingle.AppendHashes(s.hashes[:0], runes[from:min(from+hashChunk+size-1, len(runes))], size)
			for _, h := range s.hashes {
				v := uint32(h >> 32)
				out[at[v>>shift]] = v
				at[v>>shift]++
			}
		}
		s.sorted = out
		set = finishSet(out)
	}
	f, err := sum.Sum()
	return set, tops, f, err == nil
}

// sortedSet returns the distinct values of hs in ascending order, in a
// slice of its own of exactly that length; hs is left unchanged.
// Hashes are uniform, so one counting pass on their top bits puts each
// value within a few places of where it belongs, and an insertion sort
// finishes in linear time, where a comparison sort of a document's
// shingles would cost several times as much as the rest of Prepare.
func (s *scratch) sortedSet(hs []uint32) []uint32 {
	n := len(hs)
	if n == 0 {
		return nil
	}
	shift, at := s.buckets(n)
	for _, h := range hs {
		at[h>>shift]++
	}
	starts(at)
	out := grow(s.sorted, n)
	for _, v := range hs {
		k := v >> shift
		out[at[k]] = v
		at[k]++
	}
	s.sorted = out
	return finishSet(out)
}

// buckets returns the shift that takes n values to their bucket of a
// counting sort, and the buckets' counts, zero.
func (s *scratch) buckets(n int) (uint, []int32) {
	width := bits.Len(uint(n))
	if n > pool.MaxLen {
		// Eight times fewer buckets than values for a long text: their
		// counts were 4 to 8 bytes a shingle, and a bucket of a few
		// values costs the insertion sort little more.
		width -= 3
	}
	shift := uint(32 - min(width, 32))
	s.at = grow(s.at, 1<<(32-shift))
	clear(s.at)
	return shift, s.at
}

// starts turns the counts of buckets into where each starts.
func starts(at []int32) {
	sum := int32(0)
	for k, c := range at {
		at[k] = sum
		sum += c
	}
}

// finishSet sorts out, whose values are each in their bucket, and
// returns its distinct values in a slice of their own.
func finishSet(out []uint32) []uint32 {
	if !insertionSort(out, 8*len(out)) {
		// Only a text built to defeat the hash gets here.
		slices.Sort(out)
	}
	out = slices.Compact(out)
	set := make([]uint32, len(out))
	copy(set, out)
	return set
}

// insertionSort sorts b unless that takes more than budget moves, and
// reports whether it did.
func insertionSort(b []uint32, budget int) bool {
	for i := 1; i < len(b); i++ {
		x := b[i]
		j := i
		for ; j > 0 && b[j-1] > x; j-- {
			b[j] = b[j-1]
		}
		b[j] = x
		if budget -= i - j; budget < 0 {
			return false
		}
	}
	return true
}

// grow returns s with length n, reusing its memory when it has room.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
