package shingle

import (
	"slices"
	"sync"

	"github.com/neardup/neardup/internal/pool"
)

// Marks: the few seed windows of a text kept to find it again. Of the
// character windows of DefaultSeedSize runes (the seeds alignment starts
// from, package compare) robust winnowing keeps the least hash of every
// DefaultMarkWindow consecutive ones, so that any run of DefaultMarkSpan
// folded runes two texts share gives both a common mark. The defaults
// were chosen by measurement on SaudiNewsNet (EVALUATION.md, "Marks and candidate search").
const (
	// DefaultSeedSize is the length, in folded runes, of the windows
	// marks are chosen from and alignment starts from: long enough that a
	// shared name or stock phrase rarely seeds a passage alone, short
	// enough to find reuse between small edits (about two Arabic words).
	DefaultSeedSize = 12
	// DefaultMarkSpan is the guarantee: two texts sharing a run of at
	// least this many folded runes share a mark.
	DefaultMarkSpan = 50
	// DefaultMarkWindow is the winnowing window, in seed windows:
	// DefaultMarkSpan − DefaultSeedSize + 1.
	DefaultMarkWindow = DefaultMarkSpan - DefaultSeedSize + 1
)

// Mark is a selected shingle hash and the position of its shingle: the
// index of its first rune in the folded runes (equally, its index in the
// slice of hashes).
type Mark struct {
	Hash uint64
	Pos  int32
}

// Winnow appends to dst the hashes robust winnowing selects from hashes
// with a window of w consecutive hashes (w < 1 counts as 1), and returns
// the extended slice. In every window it selects the minimum hash; when
// the minimum occurs more than once it keeps the previous selection if
// that is still in the window, and otherwise takes the rightmost
// occurrence. A position is appended once, when it is first selected,
// so the marks come in strictly increasing Pos order. A slice shorter
// than one window is one window: its minimum is selected.
//
// Guarantee: if hashes are the character shingles of k runes of a text
// (AppendHashes(nil, runes, k)), any run of at least t = w + k − 1
// folded runes that two texts share contains w whole shingles, one full
// window, whose minimum both texts select: the texts have a selected hash
// in common. Shorter runs may be missed. Hash values carry the guarantee;
// the positions of the common mark may differ between the texts when the
// minimum value occurs more than once.
//
// The density is about 2/(w+1) marks per hash on random hashes. Winnow
// runs in O(len(hashes)) time with a monotone deque, and allocates nothing
// beyond dst's growth for w ≤ 256. Positions are int32: hashes must be
// shorter than 2³¹.
func Winnow(dst []Mark, hashes []uint64, w int) []Mark {
	n := len(hashes)
	if n == 0 {
		return dst
	}
	w = max(1, min(w, n))
	// Random hashes select about 2/(w+1) of the windows: room for that
	// saves a fresh slice its growth steps.
	dst = slices.Grow(dst, 2*(n-w+1)/(w+1)+8)
	if w > 256 {
		return winnowLarge(dst, hashes, w)
	}
	z := winnower{w: w, last: -1}
	return z.add(dst, hashes)
}

// winnower is the state of Winnow with a window of w ≤ 256 hashes
// between chunks of them, so that a long text's marks need only a chunk
// of its hashes at a time.
type winnower struct {
	// The deque is ring[head..tail) (indices modulo 256): positions of
	// the window in increasing order with strictly increasing hashes, so
	// that its front is the rightmost minimum of the window. It never
	// holds more than w ≤ 256 positions.
	ring       [256]Mark
	head, tail int
	last       int    // the position of the current selection, -1 for none
	lastHash   uint64 // and its hash
	w          int
	n          int // the hashes added so far
}

// add winnows the next hashes of the text, appending to dst.
func (z *winnower) add(dst []Mark, hashes []uint64) []Mark {
	ring := &z.ring
	head, tail, last, lastHash, w := z.head, z.tail, z.last, z.lastHash, z.w
	for k, h := range hashes {
		i := z.n + k
		lo := i - w + 1 // the window is hashes[lo..i]
		if tail > head && int(ring[head&255].Pos) < lo {
			head++ // at most one position leaves per step
		}
		for tail > head && ring[(tail-1)&255].Hash >= h {
			tail--
		}
		ring[tail&255] = Mark{Hash: h, Pos: int32(i)}
		tail++
		if lo < 0 {
			continue
		}
		if m := ring[head&255]; last < lo || lastHash != m.Hash {
			// A tie with the current selection keeps it (robust
			// winnowing); otherwise the front is the new selection.
			last, lastHash = int(m.Pos), m.Hash
			dst = append(dst, m)
		}
	}
	z.head, z.tail, z.last, z.lastHash = head, tail, last, lastHash
	z.n += len(hashes)
	return dst
}

// winnowLarge is Winnow for windows over 256 hashes, with a deque on
// the heap.
func winnowLarge(dst []Mark, hashes []uint64, w int) []Mark {
	ring := make([]Mark, w)
	head, size := 0, 0
	at := func(k int) *Mark { return &ring[(head+k)%w] }
	last, lastHash := -1, uint64(0)
	for i, h := range hashes {
		lo := i - w + 1
		if size > 0 && int(ring[head].Pos) < lo {
			head = (head + 1) % w
			size--
		}
		for size > 0 && at(size-1).Hash >= h {
			size--
		}
		*at(size) = Mark{Hash: h, Pos: int32(i)}
		size++
		if lo < 0 {
			continue
		}
		if m := ring[head]; last < lo || lastHash != m.Hash {
			last, lastHash = int(m.Pos), m.Hash
			dst = append(dst, m)
		}
	}
	return dst
}

type hashBuf struct{ h []uint64 }

// marksChunk is how many hashes AppendMarks winnows at a time.
const marksChunk = 1 << 14

var hashPool = sync.Pool{New: func() any { return new(hashBuf) }}

// AppendMarks appends to dst the marks of folded runes: the character
// shingles of k runes (AppendHashes), winnowed with a window of
// w hashes. k < 1 and w < 1 mean DefaultSeedSize and DefaultMarkWindow. Any run of at
// least w + k − 1 runes shared by two texts gives them a common mark
// hash. It allocates nothing beyond dst's growth in the steady state.
func AppendMarks(dst []Mark, runes []rune, k, w int) []Mark {
	if k < 1 {
		k = DefaultSeedSize
	}
	if w < 1 {
		w = DefaultMarkWindow
	}
	n := len(runes) - k + 1 // hashes
	switch {
	case len(runes) == 0:
		return dst
	case n < 1:
		n = 1 // the text is one shingle
	}
	b := hashPool.Get().(*hashBuf)
	defer func() {
		if pool.Keeps(cap(b.h)) {
			hashPool.Put(b)
		}
	}()
	if w > 256 {
		b.h = AppendHashes(b.h[:0], runes, k)
		return Winnow(dst, b.h, w)
	}
	// A chunk of hashes at a time: those of a long text held whole were
	// 8 bytes a rune.
	w = min(w, n)
	dst = slices.Grow(dst, 2*(n-w+1)/(w+1)+8)
	z := winnower{w: w, last: -1}
	for from := 0; from < n; from += marksChunk {
		to := min(from+marksChunk, n)
		b.h = AppendHashes(b.h[:0], runes[from:min(to+k-1, len(runes))], k)
		dst = z.add(dst, b.h)
	}
	return dst
}
