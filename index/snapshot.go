package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync/atomic"
	"unsafe"
)

// Snapshot format (little-endian): the magic "NDIX", a version, the
// counts, then the live bitset and the main segment's three arrays. The
// index is compacted first, so the delta is empty and no posting belongs
// to a removed document.
const (
	snapMagic   = "NDIX"
	snapVersion = 1
)

// ErrSnapshot is wrapped by the errors of ReadFrom about data that is
// not a snapshot or is damaged.
var ErrSnapshot = errors.New("index: bad snapshot")

// WriteTo writes the index to w in a binary form that ReadFrom reads
// back, which is much faster than adding the documents again. It
// compacts the index first. Changes wait while it runs; queries do not.
func (x *MarkIndex) WriteTo(w io.Writer) (int64, error) {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if len(x.delta.ents) > 0 || x.nDead > 0 {
		x.compact(nil)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countWriter{w: bw}
	hdr := []byte(snapMagic)
	hdr = binary.LittleEndian.AppendUint32(hdr, snapVersion)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(x.nLive))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(x.live)))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(x.main.lo)))
	if _, err := cw.Write(hdr); err != nil {
		return cw.n, err
	}
	buf := make([]byte, 0, 1<<16)
	flush := func() error {
		_, err := cw.Write(buf)
		buf = buf[:0]
		return err
	}
	for _, v := range x.live {
		if buf = binary.LittleEndian.AppendUint64(buf, v); len(buf) >= 1<<16-8 {
			if err := flush(); err != nil {
				return cw.n, err
			}
		}
	}
	start := x.main.start
	if start == nil {
		start = make([]uint32, nBuckets+1)
	}
	words := func(a []uint32) error {
		for _, v := range a {
			if buf = binary.LittleEndian.AppendUint32(buf, v); len(buf) >= 1<<16-4 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := words(start); err != nil {
		return cw.n, err
	}
	if err := words(x.main.lo); err != nil {
		return cw.n, err
	}
	// DocID is a uint32: the same words, without a copy.
	if err := words(unsafe.Slice((*uint32)(unsafe.SliceData(x.main.doc)), len(x.main.doc))); err != nil {
		return cw.n, err
	}
	if err := flush(); err != nil {
		return cw.n, err
	}
	return cw.n, bw.Flush()
}

// ReadFrom replaces the contents of the index with a snapshot written by
// WriteTo. It checks the snapshot's structure (sizes, bucket offsets,
// order of the postings, their documents) and returns an error wrapping
// ErrSnapshot, leaving the index unchanged, if it does not hold.
func (x *MarkIndex) ReadFrom(r io.Reader) (int64, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	cr := &countReader{r: br}
	hdr := make([]byte, 4+4+8+8+8)
	if _, err := io.ReadFull(cr, hdr); err != nil {
		return cr.n, fmt.Errorf("%w: header: %v", ErrSnapshot, err)
	}
	if string(hdr[:4]) != snapMagic {
		return cr.n, fmt.Errorf("%w: not an index snapshot", ErrSnapshot)
	}
	if v := binary.LittleEndian.Uint32(hdr[4:]); v != snapVersion {
		return cr.n, fmt.Errorf("%w: version %d, want %d", ErrSnapshot, v, snapVersion)
	}
	nLive := binary.LittleEndian.Uint64(hdr[8:])
	nWords := binary.LittleEndian.Uint64(hdr[16:])
	nPost := binary.LittleEndian.Uint64(hdr[24:])
	if nWords > math.MaxUint32/64+1 || nPost >= math.MaxUint32 || nLive > nWords*64 {
		return cr.n, fmt.Errorf("%w: impossible sizes", ErrSnapshot)
	}
	// Read in pieces, so that a damaged size fails at the end of the
	// data rather than by allocating it.
	live, err := readWords[uint64](cr, int(nWords))
	if err != nil {
		return cr.n, err
	}
	start, err := readWords[uint32](cr, nBuckets+1)
	if err != nil {
		return cr.n, err
	}
	lo, err := readWords[uint32](cr, int(nPost))
	if err != nil {
		return cr.n, err
	}
	docs, err := readWords[uint32](cr, int(nPost))
	if err != nil {
		return cr.n, err
	}
	seg := segment{start: start, lo: lo, doc: unsafe.Slice((*DocID)(unsafe.SliceData(docs)), len(docs))}
	if err := checkSegment(&seg, bitset(live), int(nLive)); err != nil {
		return cr.n, err
	}
	if nPost == 0 {
		seg = segment{}
	}
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	x.main, x.delta, x.live, x.dead = seg, delta{}, bitset(live), nil
	x.nLive, x.nDead = int(nLive), 0
	return cr.n, nil
}

// checkSegment checks what queries rely on: offsets that cover the
// postings in order, postings sorted by (lo, doc) within each bucket,
// and every posting's document live; and that nLive counts the bitset.
func checkSegment(s *segment, live bitset, nLive int) error {
	n := 0
	for _, w := range live {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	if n != nLive {
		return fmt.Errorf("%w: %d live documents counted, %d recorded", ErrSnapshot, n, nLive)
	}
	if s.start[0] != 0 || int(s.start[nBuckets]) != len(s.lo) {
		return fmt.Errorf("%w: bucket offsets do not cover the postings", ErrSnapshot)
	}
	for b := range nBuckets {
		if s.start[b+1] < s.start[b] {
			return fmt.Errorf("%w: bucket offsets out of order", ErrSnapshot)
		}
	}
	// The postings, checked in parallel by ranges of buckets.
	var badDoc, badOrder atomic.Bool
	byBuckets(func(b0, b1 int) {
		for b := b0; b < b1; b++ {
			i, j := s.start[b], s.start[b+1]
			for k := i; k < j; k++ {
				if !live.has(s.doc[k]) {
					badDoc.Store(true)
					return
				}
				if k > i && (s.lo[k] < s.lo[k-1] || s.lo[k] == s.lo[k-1] && s.doc[k] <= s.doc[k-1]) {
					badOrder.Store(true)
					return
				}
			}
		}
	})
	switch {
	case badDoc.Load():
		return fmt.Errorf("%w: posting of a document not in the index", ErrSnapshot)
	case badOrder.Load():
		return fmt.Errorf("%w: postings out of order", ErrSnapshot)
	}
	return nil
}

// littleEndian says whether words in memory are laid out as in a
// snapshot, so that they can be read without decoding.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// readWords reads n little-endian words.
func readWords[T uint32 | uint64](r io.Reader, n int) ([]T, error) {
	size := int(unsafe.Sizeof(T(0)))
	// Sized at once up to 2²⁷ words, so that a large index is read
	// without copies; a damaged size fails at the end of the data after
	// at most that much.
	out := make([]T, 0, min(n, 1<<27))
	var buf []byte
	for len(out) < n {
		k := min(n-len(out), 1<<18)
		start := len(out)
		out = slices.Grow(out, k)[:start+k]
		if littleEndian {
			buf = unsafe.Slice((*byte)(unsafe.Pointer(&out[start])), k*size)
		} else if len(buf) < k*size {
			buf = make([]byte, k*size)
		}
		if _, err := io.ReadFull(r, buf[:k*size]); err != nil {
			return nil, fmt.Errorf("%w: truncated: %v", ErrSnapshot, err)
		}
		if !littleEndian {
			for i := range k {
				if size == 8 {
					out[start+i] = T(binary.LittleEndian.Uint64(buf[i*8:]))
				} else {
					out[start+i] = T(binary.LittleEndian.Uint32(buf[i*4:]))
				}
			}
		}
	}
	return out, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
