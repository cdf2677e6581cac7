package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Postings is what a query needs from an index, and all a persistent or
// remote backend has to provide for Rank to query it. MarkIndex implements
// it in memory.
//
// A database server would store one row per (hash, document) posting,
// keyed by hash (a B-tree or LSM key of hash then document), and keep
// each hash's document frequency beside it (a counter updated with the
// postings, or an aggregate over the key range) together with the
// number of documents; Lookup is then one batched range read, the
// document lists fetched only for the hashes at or under maxDF, so that
// stock phrases held by millions of documents cost one counter read.
// Adding and removing documents are the backend's own business.
type Postings interface {
	// Len returns the number of documents indexed: the N of the
	// inverse document frequency.
	Len() int
	// Lookup calls visit once for each of hashes (sorted, distinct) that
	// some document holds, with its index i in hashes, its document
	// frequency df and, when df <= maxDF, the documents holding it, in
	// any order; when df > maxDF docs may be nil. docs is valid only
	// during the call. An error ends the query.
	Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []DocID)) error
}

// QueryOptions tune Candidates and Rank. The zero value means the
// defaults, chosen by measurement on SaudiNewsNet (package
// documentation).
type QueryOptions struct {
	// MinShared is the least number of distinct counted hashes a
	// candidate shares with the query (default 2). One shared hash is
	// guaranteed by a shared run of w + k − 1 runes (50 by default), two
	// by one of 2w + k − 1 (89); but one hash alone is mostly a shared
	// name or set phrase: on SaudiNewsNet, 1.3% of the candidates sharing
	// one hash share a passage, and they are 12 times as many as the
	// others.
	MinShared int
	// MaxDF skips hashes held by more documents than this, as stock
	// phrases or site debris: they neither count nor score (default 30;
	// negative: no absolute cap). Reused text is held by its copies,
	// however large the collection, while set phrases grow with it, so
	// the default cap is absolute.
	MaxDF int
	// MaxDFRatio is a cap on document frequency as a share of the
	// documents indexed (default none). When both caps are set the
	// larger applies. Negative MaxDF and MaxDFRatio ≤ 0 skip no hash.
	MaxDFRatio float64
	// Limit is the most candidates returned, the best ranked (default
	// 100; negative: all).
	Limit int
	// ShortMarks is the number of distinct marks below which a query is
	// short and its caps are raised in proportion, up to ShortBoost
	// times (default 40; negative: never). A short text (a wire item of
	// a few lines) has a dozen marks, most of them its titles and set
	// phrases: under the absolute cap it has nothing left to be found
	// by, though the same few lines printed twice are the same item.
	ShortMarks int
	// Exclude lists documents never returned, such as the query's own.
	Exclude []DocID
}

// Query defaults, measured in TestMeasureSaudiNewsNet (ShortMarks on
// the judged pairs, EVALUATION.md).
const (
	DefaultMinShared  = 2
	DefaultMaxDF      = 30
	DefaultLimit      = 100
	DefaultShortMarks = 40
	// ShortBoost is the most a short query's caps are raised by.
	ShortBoost = 4
)

// capFor returns the document frequency cap of a query with marks
// distinct hashes against n documents.
func (o QueryOptions) capFor(n, marks int) int {
	c := o.maxDF(n)
	short := o.ShortMarks
	if short == 0 {
		short = DefaultShortMarks
	}
	if short < 0 || marks >= short || c == math.MaxInt || marks == 0 {
		return c
	}
	return min(c*short/marks, c*ShortBoost)
}

// IsShort reports whether a text of marks distinct mark hashes is short
// in the sense of ShortMarks: its cap is raised.
func (o QueryOptions) IsShort(marks int) bool { return o.capFor(1, marks) != o.maxDF(1) }

// maxDF returns the document frequency cap for n documents.
func (o QueryOptions) maxDF(n int) int {
	abs := o.MaxDF
	if abs == 0 {
		abs = DefaultMaxDF
	}
	if abs < 0 {
		abs = math.MaxInt
	}
	if o.MaxDFRatio > 0 {
		rel := int(min(o.MaxDFRatio*float64(n), math.MaxInt32))
		if abs == math.MaxInt {
			return rel
		}
		return max(abs, rel)
	}
	return abs
}

// Candidate is an indexed document sharing hashes with a query.
type Candidate struct {
	Doc DocID
	// Shared is the number of distinct hashes shared, not counting those
	// skipped as too frequent.
	Shared int
	// Score is the sum over the shared hashes of ln(1 + N/df): rare
	// hashes weigh most.
	Score float64
}

type rankScratch struct {
	hashes  []uint64
	dfs     []int32
	hits    []uint64 // doc<<32 | index of the hash
	touched []DocID
}

var rankPool = sync.Pool{New: func() any { return new(rankScratch) }}

// distinct sets s.hashes to the distinct hashes of marks, ascending.
func (s *rankScratch) distinct(marks []uint64) {
	s.hashes = s.hashes[:0]
	s.hashes = append(s.hashes, marks...)
	slices.Sort(s.hashes)
	s.hashes = slices.Compact(s.hashes)
}

// Rank returns the documents of p sharing at least opt.MinShared of the
// query's distinct mark hashes, ranked by Score (highest first) then by
// Doc, at most opt.Limit of them. Hashes held by more documents than the
// cap (opt.MaxDF, opt.MaxDFRatio) are skipped. Each counted hash adds
// ln(1 + N/df) to the score, N documents in p and df of them holding it:
// like log(N/df) for the rare hashes that matter, but never zero or
// negative, so a shared hash always counts. The result is deterministic
// for a given p and query, and is nil if no document qualifies.
//
// Candidates are the documents worth aligning with the query
// (compare.Options.Compare): Rank finds them, the alignment finds the
// passages and containment.
func Rank(p Postings, marks []uint64, opt QueryOptions) ([]Candidate, error) {
	if len(marks) == 0 {
		return nil, nil
	}
	minShared := opt.MinShared
	if minShared <= 0 {
		minShared = DefaultMinShared
	}
	limit := opt.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	n := p.Len()

	s := rankPool.Get().(*rankScratch)
	defer rankPool.Put(s)
	s.distinct(marks)
	maxDF := opt.capFor(n, len(s.hashes))
	s.dfs = slices.Grow(s.dfs[:0], len(s.hashes))[:len(s.hashes)]
	clear(s.dfs)
	s.hits = s.hits[:0]
	err := p.Lookup(s.hashes, maxDF, func(i, df int, docs []DocID) {
		if df > maxDF || df <= 0 {
			return
		}
		s.dfs[i] = int32(df)
		for _, d := range docs {
			s.hits = append(s.hits, uint64(d)<<32|uint64(i))
		}
	})
	if err != nil {
		return nil, err
	}
	// Sorting by document, then by hash, sums every score in the same
	// order: the result does not depend on the order of the postings.
	slices.Sort(s.hits)
	var out []Candidate
	for a := 0; a < len(s.hits); {
		doc := DocID(s.hits[a] >> 32)
		c := Candidate{Doc: doc}
		last := -1
		for ; a < len(s.hits) && DocID(s.hits[a]>>32) == doc; a++ {
			i := int(uint32(s.hits[a]))
			if i == last {
				continue // a backend listed the document twice
			}
			last = i
			c.Shared++
			c.Score += math.Log1p(float64(n) / float64(s.dfs[i]))
		}
		if c.Shared >= minShared && !slices.Contains(opt.Exclude, doc) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc))
	})
	if limit > 0 && len(out) > limit {
		out = slices.Clip(out[:limit])
	}
	return out, nil
}

// Sharing appends to dst, in increasing order, the documents numbered
// from on that share at least opt.MinShared distinct counted hashes with
// marks, leaving out opt.Exclude: the documents Rank would return with no
// limit, without their scores. It is for a caller that takes every
// candidate, such as a comparison of all pairs (which asks each document
// for those numbered above it), and costs a fraction of Rank: no sort of
// the postings, no score.
//
// work is scratch memory with an element for every document number p
// may return (len(work) > the largest DocID stored), all zero; Sharing
// leaves it all zero, and returns an error if it is too short. A caller
// running several queries at once gives each its own.
func Sharing(p Postings, marks []uint64, opt QueryOptions, from DocID, work []uint64, dst []DocID) ([]DocID, error) {
	if len(marks) == 0 {
		return dst, nil
	}
	minShared := opt.MinShared
	if minShared <= 0 {
		minShared = DefaultMinShared
	}
	s := rankPool.Get().(*rankScratch)
	defer rankPool.Put(s)
	s.distinct(marks)
	maxDF := opt.capFor(p.Len(), len(s.hashes))
	touched := s.touched[:0]
	// work[d] holds, above bit 32, 1 + the index of the last hash counted
	// for d, so that a document listed twice for one hash counts once;
	// below, the count.
	var short error
	err := p.Lookup(s.hashes, maxDF, func(i, df int, docs []DocID) {
		if df > maxDF || df <= 0 {
			return
		}
		tag := uint64(i+1) << 32
		for _, d := range docs {
			if d < from {
				continue
			}
			if int(d) >= len(work) {
				short = fmt.Errorf("index: Sharing: work has %d elements, too few for document %d", len(work), d)
				continue
			}
			w := work[d]
			if w&^(1<<32-1) == tag {
				continue
			}
			if w == 0 {
				touched = append(touched, d)
			}
			work[d] = tag | (w&(1<<32-1) + 1)
		}
	})
	err = cmp.Or(err, short)
	start := len(dst)
	for _, d := range touched {
		if err == nil && int(work[d]&(1<<32-1)) >= minShared && !slices.Contains(opt.Exclude, d) {
			dst = append(dst, d)
		}
		work[d] = 0
	}
	s.touched = touched
	if err != nil {
		return dst[:start], err
	}
	slices.Sort(dst[start:])
	return dst, nil
}
