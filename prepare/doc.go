package prepare

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"sync"

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
	at     []int32
	sorted []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the longest text, in runes, whose working memory goes back
// to the pool: that of a longer one is left to the collector, so that one
// huge document does not keep hundreds of megabytes pooled while the rest
// of a run needs them for other things (fmt drops its large buffers the
// same way).
const maxPooled = 1 << 20

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(s *scratch) {
	if cap(s.hashes) <= maxPooled && cap(s.runes) <= maxPooled {
		scratchPool.Put(s)
	}
}

// sortedSet returns the distinct top 32 bits of hs in ascending order, in
// a slice of its own of exactly that length; hs is left unchanged.
// Hashes are uniform, so one counting pass on their top bits puts each
// value within a few places of where it belongs, and an insertion sort
// finishes in linear time, where a comparison sort of a document's
// shingles would cost several times as much as the rest of Prepare.
func (s *scratch) sortedSet(hs []uint64) []uint32 {
	n := len(hs)
	if n == 0 {
		return nil
	}
	shift := uint(32 - min(bits.Len(uint(n)), 32))
	at := grow(s.at, 1<<(32-shift))
	clear(at)
	for _, h := range hs {
		at[uint32(h>>32)>>shift]++
	}
	sum := int32(0)
	for k, c := range at {
		at[k] = sum
		sum += c
	}
	out := grow(s.sorted, n)
	for _, h := range hs {
		v := uint32(h >> 32)
		k := v >> shift
		out[at[k]] = v
		at[k]++
	}
	s.at, s.sorted = at, out
	if !insertionSort(out, 8*n) {
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
