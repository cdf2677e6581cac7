package index

import (
	"math"
	"runtime"
	"slices"

	"github.com/neardup/neardup/internal/parallel"
)

// The main segment, the delta of recent additions, their bulk build and
// the document bitsets.

// segment is the main, sorted part of the index. Postings of bucket b
// are lo[start[b]:start[b+1]] and doc[…], sorted by (lo, doc); lo is the
// low 32 bits of the 48-bit key, whose top 16 bits are b. A segment
// holds fewer than 2³² postings.
type segment struct {
	start []uint32 // nBuckets+1 offsets, or nil when empty
	lo    []uint32
	doc   []DocID
}

// find returns the range of key's postings.
func (s *segment) find(k uint64) (int, int) {
	if s.start == nil {
		return 0, 0
	}
	b := bucketOf(k)
	i, j := int(s.start[b]), int(s.start[b+1])
	lo := s.lo[i:j]
	want := uint32(k)
	// Lower bound of want, then of want+1.
	a, z := 0, len(lo)
	for a < z {
		m := int(uint(a+z) >> 1)
		if lo[m] < want {
			a = m + 1
		} else {
			z = m
		}
	}
	e := a
	for e < len(lo) && lo[e] == want {
		e++
		if e-a == 8 { // a frequent hash: binary search for its end
			z = len(lo)
			for e < z {
				m := int(uint(e+z) >> 1)
				if lo[m] <= want {
					e = m + 1
				} else {
					z = m
				}
			}
			break
		}
	}
	return i + a, i + e
}

// delta holds the postings added since the last compaction, newest first
// in one linked list per key.
type delta struct {
	heads map[uint64]chain
	ents  []entry
}

type chain struct {
	head uint32 // 1 + index of the newest entry
	n    uint32 // entries in the chain
}

type entry struct {
	key  uint64
	doc  DocID
	next uint32 // 1 + index of the next entry, 0 at the end
}

func (d *delta) add(k uint64, doc DocID) {
	if d.heads == nil {
		d.heads = make(map[uint64]chain)
	}
	h := d.heads[k]
	d.ents = append(d.ents, entry{key: k, doc: doc, next: h.head})
	d.heads[k] = chain{head: uint32(len(d.ents)), n: h.n + 1}
}

// build returns a new main segment holding the live postings of the
// main segment and the delta and those of docs (new documents). It costs
// O(postings): the new postings are partitioned by bucket with a
// counting pass, each bucket is sorted (in parallel), and merged with the
// main segment's bucket (in parallel). It only reads the index.
func (x *MarkIndex) build(docs []Doc) segment {
	old := &x.main
	dead := x.dead
	hasDead := x.nDead > 0

	// The run: new postings, counted and scattered by bucket.
	runStart := make([]uint32, nBuckets+1)
	for _, e := range x.delta.ents {
		if !hasDead || !dead.has(e.doc) {
			runStart[bucketOf(e.key)+1]++
		}
	}
	for _, d := range docs {
		for _, m := range d.Marks {
			runStart[bucketOf(keyOf(m))+1]++
		}
	}
	for b := range nBuckets {
		if runStart[b+1] > math.MaxUint32-runStart[b] {
			panic("index: more than 2³² postings in one compaction")
		}
		runStart[b+1] += runStart[b]
	}
	run := make([]uint64, runStart[nBuckets])
	fill := slices.Clone(runStart[:nBuckets])
	for _, e := range x.delta.ents {
		if !hasDead || !dead.has(e.doc) {
			b := bucketOf(e.key)
			run[fill[b]] = pack(uint32(e.key), e.doc)
			fill[b]++
		}
	}
	for _, d := range docs {
		for _, m := range d.Marks {
			k := keyOf(m)
			b := bucketOf(k)
			run[fill[b]] = pack(uint32(k), d.ID)
			fill[b]++
		}
	}

	// Sort and deduplicate each bucket of the run; count the new
	// segment's buckets.
	runLen := make([]uint32, nBuckets) // after deduplication
	size := fill                       // reused: postings of each bucket of the new segment
	byBuckets(func(b0, b1 int) {
		for b := b0; b < b1; b++ {
			r := run[runStart[b]:runStart[b+1]]
			slices.Sort(r)
			n := len(slices.Compact(r))
			runLen[b] = uint32(n)
			if old.start != nil {
				i, j := old.start[b], old.start[b+1]
				if !hasDead {
					n += int(j - i)
				} else {
					for _, d := range old.doc[i:j] {
						if !dead.has(d) {
							n++
						}
					}
				}
			}
			size[b] = uint32(n)
		}
	})
	start := make([]uint32, nBuckets+1)
	for b := range nBuckets {
		if size[b] > math.MaxUint32-start[b] {
			panic("index: more than 2³² postings")
		}
		start[b+1] = start[b] + size[b]
	}
	total := int(start[nBuckets])
	seg := segment{start: start, lo: make([]uint32, total), doc: make([]DocID, total)}
	if total == 0 {
		seg = segment{}
	}

	// Merge each bucket of the old segment with the run's.
	byBuckets(func(b0, b1 int) {
		for b := b0; b < b1; b++ {
			out := int(start[b])
			end := int(start[b+1])
			r := run[runStart[b] : runStart[b]+runLen[b]]
			var lo []uint32
			var doc []DocID
			if old.start != nil {
				i, j := old.start[b], old.start[b+1]
				lo, doc = old.lo[i:j], old.doc[i:j]
			}
			ri, mi := 0, 0
			for out < end {
				if mi < len(lo) && hasDead && dead.has(doc[mi]) {
					mi++
					continue
				}
				if mi < len(lo) && (ri >= len(r) || pack(lo[mi], doc[mi]) < r[ri]) {
					seg.lo[out], seg.doc[out] = lo[mi], doc[mi]
					mi++
				} else {
					seg.lo[out], seg.doc[out] = uint32(r[ri]>>32), DocID(r[ri])
					ri++
				}
				out++
			}
		}
	})

	return seg
}

// byBuckets runs f over the buckets split in one range per core, up to
// eight (beyond that, memory bandwidth is the limit).
func byBuckets(f func(b0, b1 int)) { parallel.Ranges(nBuckets, min(runtime.GOMAXPROCS(0), 8), f) }

// bitset is a set of document IDs.
type bitset []uint64

func (s bitset) has(d DocID) bool {
	i := int(d >> 6)
	return i < len(s) && s[i]&(1<<(d&63)) != 0
}

func (s *bitset) set(d DocID) {
	i := int(d >> 6)
	if i >= len(*s) {
		*s = append(*s, make([]uint64, i+1-len(*s))...)
	}
	(*s)[i] |= 1 << (d & 63)
}

func (s bitset) unset(d DocID) {
	if i := int(d >> 6); i < len(s) {
		s[i] &^= 1 << (d & 63)
	}
}
