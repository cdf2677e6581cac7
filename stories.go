package neardup

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
)

// Pairs aligns every pair of documents that the indexes propose (as for
// Sources, but with no limit on the number of candidates) and returns
// those whose verdict is at least least, ordered by A then B in
// insertion order. It uses all cores. Changes wait until it returns;
// queries do not.
//
// It works in two passes so that each document is prepared once and
// held only while pairs that need it remain: first the candidates of
// every document, from its stored marks; then the alignments, in order,
// each prepared document dropped after its last pair. Before them it
// compacts the mark index (see index.MarkIndex.Compact), whose sorted
// segment answers the lookups of every document faster than its delta of
// recent additions: a rewrite of all postings, paid again by the next
// call only if documents were added or removed in between, and small
// beside the alignments.
//
// Documents whose folded texts are identical, Config.GroupSize of them
// or more, are paired through their first only: see Stories, which
// returns these groups too.
func (c *Corpus) Pairs(least compare.Verdict) ([]Pair, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	pairs, _, err := c.pairs(least)
	return pairs, err
}

// Stories is Pairs, with the groups of documents whose folded texts are
// identical (see Group) that the pairs leave out, by representative in
// insertion order. A group of N costs N, where its pairs would cost
// N²/2 alignments.
func (c *Corpus) Stories(least compare.Verdict) ([]Pair, []Group, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.pairs(least)
}

// pairs is Pairs for a caller holding c.wmu. That keeps the corpus as it
// is without holding c.mu, so that a change waiting for c.wmu does not
// hold up the queries that would otherwise queue behind it at c.mu for
// as long as the alignments take.
func (c *Corpus) pairs(least compare.Verdict) ([]Pair, []Group, error) {
	if c.closed {
		return nil, nil, ErrClosed
	}
	if err := c.readyStems(); err != nil {
		return nil, nil, err
	}
	opts := c.options()
	// A copy in a group takes part through its representative only.
	rep, groups := c.copyGroups()
	opt := c.cfg.Marks
	if opt.Limit == 0 {
		opt.Limit = -1
	}

	// Pass 1: candidates.
	type job struct {
		marks []uint64
		with  []uint32 // candidates numbered above the document's own
	}
	jobs := make([]job, len(c.docs))
	err := c.store.ScanMarks(0, func(n uint32, hashes []uint64) error {
		if int(n) < len(jobs) && c.docs[n].id != "" && !isCopy(rep, int(n)) {
			jobs[n].marks = slices.Clone(hashes) // valid only during the call
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// Lookups in the index's sorted segment cost less than in its delta
	// of recent additions, and the pass looks up every document's marks.
	c.marks.Compact()
	slots := make([]pairSlot, len(c.docs))
	var failed atomic.Pointer[error]
	// Every candidate is taken, so the mark index is asked for documents
	// sharing enough marks, not for a ranking of them (index.Sharing),
	// each worker counting in an array of its own.
	// A short document's cap is raised (index.QueryOptions.ShortMarks),
	// so it asks every document, not only those after it, and a pair it
	// finds with an earlier one goes to that one's list (below, later).
	workers := parallel.Workers(c.cfg.Workers)
	works := make([][]uint64, workers)
	earlier := make([][][2]uint32, workers)
	parallel.For(len(jobs), c.cfg.Workers, func(w, n int) {
		e := c.docs[n]
		if e.id == "" || isCopy(rep, n) {
			return
		}
		if works[w] == nil {
			works[w] = make([]uint64, len(c.docs))
		}
		from := index.DocID(n + 1)
		if opt.IsShort(len(jobs[n].marks)) {
			from = 0
		}
		seeds, err := index.Sharing(&c.marks, jobs[n].marks, opt, from, works[w], nil)
		if err != nil {
			failed.CompareAndSwap(nil, &err)
			return
		}
		nums := make([]uint32, 0, len(seeds))
		for _, d := range seeds {
			switch {
			case int(d) > n:
				nums = append(nums, uint32(d))
			case int(d) < n:
				earlier[w] = append(earlier[w], [2]uint32{uint32(d), uint32(n)})
			}
		}
		jobs[n].with = c.withNear(e.fp, e.hasFP, nums, n)
		jobs[n].marks = nil
	}, nil)
	if err := failed.Load(); err != nil {
		return nil, nil, *err
	}
	for _, ps := range earlier {
		for _, p := range ps {
			jobs[p[0]].with = append(jobs[p[0]].with, p[1])
		}
	}
	for n := range jobs {
		if len(jobs[n].with) > 1 {
			slices.Sort(jobs[n].with)
			jobs[n].with = slices.Compact(jobs[n].with)
		}
	}
	pairUp(rep, len(jobs), func(n int) *[]uint32 { return &jobs[n].with })
	for n, j := range jobs {
		if len(j.with) > 0 {
			slots[n].refs.Add(int32(len(j.with)))
			for _, m := range j.with {
				slots[m].refs.Add(1)
			}
		}
	}

	// Pass 2: alignments.
	found := make([][]Pair, len(c.docs))
	get := func(n uint32) *prepare.Doc {
		s := &slots[n]
		s.once.Do(func() {
			if s.doc = c.cache.get(n); s.doc != nil {
				return
			}
			text, err := c.store.Text(n)
			if err == nil {
				s.doc, err = c.pipe.Prepare(text)
			}
			if err != nil {
				err = &DocumentError{c.docs[n].id, err}
				failed.CompareAndSwap(nil, &err)
			}
		})
		return s.doc
	}
	release := func(n uint32) {
		if slots[n].refs.Add(-1) == 0 {
			slots[n].doc = nil // its last pair is done
		}
	}
	parallel.For(len(jobs), c.cfg.Workers, func(_, n int) {
		for _, m := range jobs[n].with {
			d, o := get(uint32(n)), get(m)
			if d != nil && o != nil && failed.Load() == nil {
				r, err := opts.Compare(d, o)
				if err != nil {
					failed.CompareAndSwap(nil, &err)
				} else if r.Verdict >= least {
					found[n] = append(found[n], Pair{A: c.docs[n].id, B: c.docs[m].id, Report: r})
				}
			}
			release(uint32(n))
			release(m)
		}
	}, nil)
	if err := failed.Load(); err != nil {
		return nil, nil, *err
	}
	return slices.Concat(found...), groups, nil
}

// pairSlot holds a document for Pairs while pairs that need it remain.
type pairSlot struct {
	once sync.Once
	doc  *prepare.Doc
	refs atomic.Int32
}

// Clusters groups the documents into stories: the connected components
// of the pairs found identical, near-duplicate or rewrite by alignment,
// and of the groups of identical documents (see Stories and ClustersOf).
func (c *Corpus) Clusters() ([][]string, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	pairs, groups, err := c.pairs(compare.Rewrite)
	if err != nil {
		return nil, err
	}
	return c.clustersOf(pairs, groups), nil
}

// ClustersOf groups the documents of pairs and groups (as Stories
// returns them) into stories: the connected components of the pairs
// found identical, near-duplicate or rewrite (a template never joins
// a story), each group joining its copies to
// its representative. Only clusters of two or more are returned;
// members are in insertion order and clusters in the order of their
// first member, so the result is deterministic. Documents no longer in
// the corpus are left out.
func (c *Corpus) ClustersOf(pairs []Pair, groups ...Group) [][]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.clustersOf(pairs, groups)
}

// clustersOf is ClustersOf for a caller holding c.wmu or c.mu.
func (c *Corpus) clustersOf(pairs []Pair, groups []Group) [][]string {
	var u unionFind
	for _, p := range pairs {
		a, okA := c.ids[p.A]
		b, okB := c.ids[p.B]
		if okA && okB && p.Report.Verdict.IsStory() {
			u.union(a, b)
		}
	}
	for _, g := range groups {
		r, ok := c.ids[g.Representative]
		for _, id := range g.Copies {
			if n, okN := c.ids[id]; ok && okN {
				u.union(r, n)
			}
		}
	}
	out := make([][]string, 0)
	for _, g := range u.groups() {
		ids := make([]string, len(g))
		for i, n := range g {
			ids[i] = c.docs[n].id
		}
		out = append(out, ids)
	}
	return out
}
