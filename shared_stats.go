package neardup

import (
	"slices"
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/prepare"
)

// The collection statistics of a corpus in PostgreSQL (compare.Stats):
// the whole database's, as of a query's view. A comparison asks for the
// frequency of one stem or mark at a time, and only for the pairs that
// share passages; each question would be a round trip. So a query first
// aligns its candidates without statistics (the passages do not depend
// on them), then reads at once the frequencies of everything the pairs
// with passages can ask about — the stems of both documents, the marks
// they share — and aligns those pairs again with them (prefetch). The
// marks' frequencies are mostly known already: the candidate search
// read every posting of the query's rare marks (recordingPostings).

// viewStats are the frequencies read from one view, cached for the
// pairs of a query.
type viewStats struct {
	v     *pg.View
	mu    sync.Mutex
	stems map[uint64]int
	marks map[uint64]int
	err   error // the first error of a read; the query fails with it
}

func newViewStats(v *pg.View) *viewStats {
	return &viewStats{v: v, stems: map[uint64]int{}, marks: map[uint64]int{}}
}

// failed returns the error of a read made during a comparison, which
// compare.Stats cannot return.
func (s *viewStats) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// df returns the frequency of key in cache, reading those of keys not
// cached first (one read) if key is not.
func (s *viewStats) df(cache map[uint64]int, key uint64, keys func() []uint64, read func([]uint64) (map[uint64]int, error)) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if df, ok := cache[key]; ok || s.err != nil {
		return df
	}
	var want []uint64
	for _, k := range keys() {
		if _, ok := cache[k]; !ok {
			want = append(want, k)
		}
	}
	if !slices.Contains(want, key) {
		want = append(want, key)
	}
	got, err := read(want)
	if err != nil {
		s.err = err
		return 0
	}
	for _, k := range want {
		cache[k] = got[k] // 0 if no document holds it
	}
	return cache[key]
}

// pairStats are viewStats as seen by the comparison of a and b.
type pairStats struct {
	s    *viewStats
	a, b *prepare.Doc
}

func (p pairStats) Docs() int { return p.s.v.Len() }

// prefetch reads the frequencies of the stems of q and docs and of the
// marks q shares with each of docs, those not known yet, in one read
// each.
func (s *viewStats) prefetch(q *prepare.Doc, docs []*prepare.Doc) error {
	stems := q.Stems
	var marks []uint64
	for _, d := range docs {
		stems = union(stems, d.Stems)
		marks = union(marks, sharedMarks(q, d))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range []struct {
		keys  []uint64
		cache map[uint64]int
		read  func([]uint64) (map[uint64]int, error)
	}{{stems, s.stems, s.v.StemDFs}, {marks, s.marks, s.v.MarkDFs}} {
		want := slices.DeleteFunc(x.keys, func(k uint64) bool { _, ok := x.cache[k]; return ok })
		if len(want) == 0 {
			continue
		}
		got, err := x.read(want)
		if err != nil {
			s.err = err
			return err
		}
		for _, k := range want {
			x.cache[k] = got[k]
		}
	}
	return nil
}

// recordingPostings is a view's postings that note, for the statistics,
// the frequencies of the hashes they read whole.
type recordingPostings struct {
	v *pg.View
	s *viewStats
}

func (r recordingPostings) Len() int { return r.v.Len() }

func (r recordingPostings) Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []index.DocID)) error {
	return r.v.Lookup(hashes, maxDF, func(i, df int, docs []index.DocID) {
		if df <= maxDF {
			// Every posting was read: df is exact (past the cap it is a
			// lower bound, and MarkDF reads it again if asked).
			r.s.mu.Lock()
			r.s.marks[hashes[i]] = df
			r.s.mu.Unlock()
		}
		visit(i, df, docs)
	})
}

func (p pairStats) StemDF(stem uint64) int {
	return p.s.df(p.s.stems, stem, func() []uint64 { return union(p.a.Stems, p.b.Stems) }, p.s.v.StemDFs)
}

func (p pairStats) MarkDF(hash uint64) int {
	return p.s.df(p.s.marks, hash, func() []uint64 { return sharedMarks(p.a, p.b) }, p.s.v.MarkDFs)
}

// sharedOptions returns the comparison options for a and b: the
// corpus's, with the database's statistics unless the configuration
// brings its own.
func (c *Corpus) sharedOptions(s *viewStats, a, b *prepare.Doc) compare.Options {
	o := c.cfg.Compare
	if o.Stats == nil {
		o.Stats = pairStats{s, a, b}
	}
	return o
}

// union returns the distinct values of two ascending lists, ascending.
func union(x, y []uint64) []uint64 {
	out := make([]uint64, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			out, x = append(out, x[0]), x[1:]
		case x[0] > y[0]:
			out, y = append(out, y[0]), y[1:]
		default:
			out, x, y = append(out, x[0]), x[1:], y[1:]
		}
	}
	return append(append(out, x...), y...)
}

// sharedMarks returns the distinct mark hashes a and b both hold.
func sharedMarks(a, b *prepare.Doc) []uint64 {
	ha, hb := a.MarkHashes(nil), b.MarkHashes(nil)
	slices.Sort(ha)
	slices.Sort(hb)
	ha, hb = slices.Compact(ha), slices.Compact(hb)
	var out []uint64
	for len(ha) > 0 && len(hb) > 0 {
		switch {
		case ha[0] < hb[0]:
			ha = ha[1:]
		case ha[0] > hb[0]:
			hb = hb[1:]
		default:
			out, ha, hb = append(out, ha[0]), ha[1:], hb[1:]
		}
	}
	return out
}

var _ compare.Stats = pairStats{}
