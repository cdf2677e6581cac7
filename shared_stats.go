package neardup

import (
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/prepare"
)

// The collection statistics of a corpus in PostgreSQL (compare.Stats):
// the whole database's, as of a query's view. A comparison asks for the
// frequency of one stem or mark at a time; each question would be a
// round trip. So a query aligns its candidates with the frequencies
// read so far (at first those of the query's marks, which the candidate
// search read whole or far enough to tell they are common:
// recordingPostings), noting any other it is asked and answering it as
// common; then reads every frequency noted at once, and aligns again
// the pairs that noted one that proved not common, until none does
// (sharedAlign). A report is kept only from a round in which every
// answer came from the view or was "common" for a frequency the view
// has common too (compare.CommonStem, compare.CommonMark), so it is the
// report the view's statistics give. Few pairs ask about anything
// unread (compare looks at the words of a passage only when none of its
// marks is rare): on SaudiNewsNet most queries' comparisons ask about
// no stem or a few dozen, where reading first every stem of the pairs
// with passages read some 250 for the median query, 15 rows a stem (one
// a counter shard), and took half its time.

// viewStats are the frequencies read from one view, cached for the
// pairs of a query.
type viewStats struct {
	v     *pg.View
	mu    sync.Mutex
	stems map[uint64]int
	marks map[uint64]int
}

func newViewStats(v *pg.View) *viewStats {
	return &viewStats{v: v, stems: map[uint64]int{}, marks: map[uint64]int{}}
}

// read reads the frequencies of stems and marks not known yet, in one
// read each.
func (s *viewStats) read(stems, marks []uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range []struct {
		keys  []uint64
		cache map[uint64]int
		read  func([]uint64) (map[uint64]int, error)
	}{{stems, s.stems, s.v.StemDFs}, {marks, s.marks, func(hs []uint64) (map[uint64]int, error) {
		return s.v.MarkDFs(hs, compare.CommonMark(s.v.Len()))
	}}} {
		var want []uint64
		for _, k := range x.keys {
			if _, ok := x.cache[k]; !ok {
				want = append(want, k)
			}
		}
		if len(want) == 0 {
			continue
		}
		got, err := x.read(want)
		if err != nil {
			return err
		}
		for _, k := range want {
			x.cache[k] = got[k] // 0 if no document holds it
		}
	}
	return nil
}

// provedCommon reports whether every frequency u noted is, as read
// since, at least what compare takes for common (compare.CommonStem,
// compare.CommonMark), as the answer given for it was.
func (s *viewStats) provedCommon(u *unread) bool {
	n := s.v.Len()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range []struct {
		keys  []uint64
		read  map[uint64]int
		least int
	}{{u.stems, s.stems, compare.CommonStem(n)}, {u.marks, s.marks, compare.CommonMark(n)}} {
		for _, k := range x.keys {
			if x.read[k] < x.least {
				return false
			}
		}
	}
	return true
}

// unread notes the frequencies a comparison asked about that were not
// read yet. It is safe for concurrent use.
type unread struct {
	mu           sync.Mutex
	stems, marks []uint64
}

func (u *unread) any() bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.stems)+len(u.marks) > 0
}

// pairStats are viewStats as one comparison sees them: what was read,
// and for the rest a note in unread and an answer that makes the
// comparison go on asking (common: not rare, not a formula's slot), so
// that one round notes as much as it can.
type pairStats struct {
	s      *viewStats
	unread *unread
}

// common is the answer for a frequency not read yet.
const common = math.MaxInt32

func (p pairStats) Docs() int { return p.s.v.Len() }

func (p pairStats) StemDF(stem uint64) int { return p.get(p.s.stems, stem, &p.unread.stems) }

func (p pairStats) MarkDF(hash uint64) int { return p.get(p.s.marks, hash, &p.unread.marks) }

func (p pairStats) get(cache map[uint64]int, key uint64, missing *[]uint64) int {
	p.s.mu.Lock()
	df, ok := cache[key]
	p.s.mu.Unlock()
	if ok {
		return df
	}
	p.unread.mu.Lock()
	*missing = append(*missing, key)
	p.unread.mu.Unlock()
	return common
}

// sharedAlign compares each of docs (nil: none) with q, with the
// corpus's options and, unless they bring their own, the statistics of
// st's view: in rounds, each aligning the pairs that asked about a
// frequency not read in the round before and not common as read in
// between. On
// every core, as the candidates were prepared: the query waits for the
// slowest of a hundred candidates, not for their sum.
func (c *Corpus) sharedAlign(st *viewStats, docs []*prepare.Doc, q *prepare.Doc) ([]compare.Report, error) {
	reports := make([]compare.Report, len(docs))
	errs := make([]error, len(docs))
	notes := make([]unread, len(docs))
	var pending []int
	for i, d := range docs {
		if d != nil {
			pending = append(pending, i)
		}
	}
	// Each round reads at least one frequency for each pair it aligns
	// again, of the finitely many their words and marks have: the
	// rounds end.
	for len(pending) > 0 {
		parallel.For(len(pending), c.cfg.Workers, func(_, k int) {
			i := pending[k]
			notes[i] = unread{}
			o := c.cfg.Compare
			if o.Stats == nil {
				o.Stats = pairStats{st, &notes[i]}
			}
			reports[i], errs[i] = o.Compare(docs[i], q)
		}, nil)
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		var stems, marks []uint64
		again := pending[:0]
		for _, i := range pending {
			if notes[i].any() {
				again = append(again, i)
				stems = append(stems, notes[i].stems...)
				marks = append(marks, notes[i].marks...)
			}
		}
		if len(again) > 0 {
			slices.Sort(stems)
			slices.Sort(marks)
			if err := st.read(slices.Compact(stems), slices.Compact(marks)); err != nil {
				return nil, err
			}
			// A pair whose unread frequencies all proved common got
			// the answers the view gives (common is common for every
			// judgement compare makes): its report stands.
			again = slices.DeleteFunc(again, func(i int) bool { return st.provedCommon(&notes[i]) })
		}
		pending = again
	}
	return reports, nil
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
		// Every posting was read, and df is exact; or df is a lower
		// bound past the cap, which is as good where it makes the mark
		// common (compare.CommonMark), and is read if a comparison asks.
		if df <= maxDF || df >= compare.CommonMark(r.v.Len()) {
			r.s.mu.Lock()
			r.s.marks[hashes[i]] = df
			r.s.mu.Unlock()
		}
		visit(i, df, docs)
	})
}

var _ compare.Stats = pairStats{}
