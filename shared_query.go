package neardup

import (
	"cmp"
	"errors"
	"slices"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
)

// Queries of a corpus in PostgreSQL. Each reads one pg.View, so that
// its lookups see the database of one moment; the candidates are those
// of the embedded corpus (Rank over the postings, fingerprints within
// Config.Radius), aligned and ordered alike, so the answers are equal.

// sharedView begins a view, unless the corpus is closed.
func (c *Corpus) sharedView() (*pg.View, error) {
	if c.isClosed() {
		return nil, ErrClosed
	}
	return c.shared.db.View(ctx)
}

// sharedQuery is Query for a corpus in PostgreSQL: near-duplicates and
// sources from one view.
func (c *Corpus) sharedQuery(q Query) (Answer, error) {
	v, err := c.sharedView()
	if err != nil {
		return Answer{}, err
	}
	defer v.Close()
	var a Answer
	if q.Radius >= 0 && q.Doc.HasFingerprint {
		if a.NearDuplicates, err = sharedNearIn(v, q.Doc.Fingerprint, q.Radius, q.ID); err != nil {
			return Answer{}, err
		}
	}
	a.Sources, err = c.sharedSourcesIn(v, q.Doc, q.ID)
	return a, err
}

// sharedNear is near for a corpus in PostgreSQL: one statement and no
// view, as a lookup alone has no other lookup to agree with.
func (c *Corpus) sharedNear(fp simhash.Fingerprint, k int, self string) ([]Match, error) {
	if c.isClosed() {
		return nil, ErrClosed
	}
	ms, err := c.shared.db.Near(ctx, uint64(fp), k, true)
	if err != nil {
		return nil, err
	}
	return nearMatches(ms, self), nil
}

// sharedNearIn returns the documents of v but the one of ID self whose
// fingerprints are within k bits of fp, nearest first, then in the
// order added.
func sharedNearIn(v *pg.View, fp simhash.Fingerprint, k int, self string) ([]Match, error) {
	ms, err := v.Near(uint64(fp), k, true)
	if err != nil {
		return nil, err
	}
	return nearMatches(ms, self), nil
}

// nearMatches returns ms but the one of ID self.
func nearMatches(ms []pg.Match, self string) []Match {
	var out []Match
	for _, m := range ms {
		if m.ID != self {
			out = append(out, Match{ID: m.ID, Distance: m.Distance})
		}
	}
	return out
}

// sharedSources is sources for a corpus in PostgreSQL.
func (c *Corpus) sharedSources(q *prepare.Doc, self string) ([]Source, error) {
	v, err := c.sharedView()
	if err != nil {
		return nil, err
	}
	defer v.Close()
	return c.sharedSourcesIn(v, q, self)
}

// sharedSourcesIn returns the documents of v but the one of ID self
// that q shares a passage with, as sources does.
func (c *Corpus) sharedSourcesIn(v *pg.View, q *prepare.Doc, self string) ([]Source, error) {
	if _, _, _, err := v.Counts(); err != nil {
		return nil, err
	}
	opt := c.cfg.Marks
	selfNum := int64(-1)
	if self != "" {
		s, found, err := v.ByID(self)
		if err != nil {
			return nil, err
		}
		if found {
			selfNum = s.Num
			opt.Exclude = append(slices.Clip(opt.Exclude), index.DocID(s.Num))
		}
	}
	st := newViewStats(v)
	cands, err := index.Rank(recordingPostings{v, st}, q.MarkHashes(nil), opt)
	if err != nil {
		return nil, err
	}
	nums := make([]int64, 0, len(cands))
	for _, cand := range cands {
		nums = append(nums, int64(cand.Doc))
	}
	if q.HasFingerprint && c.cfg.Radius >= 0 {
		near, err := v.Near(uint64(q.Fingerprint), c.cfg.Radius, false)
		if err != nil {
			return nil, err
		}
		for _, m := range near {
			nums = append(nums, m.Num)
		}
	}
	slices.Sort(nums)
	nums = slices.DeleteFunc(slices.Compact(nums), func(n int64) bool { return n == selfNum })
	docs, ids, copies, err := c.sharedDocs(v, nums)
	if err != nil {
		return nil, err
	}
	reports, err := c.sharedAlign(st, docs, q)
	if err != nil {
		return nil, err
	}
	var out []Source
	for i, d := range docs {
		if d != nil && len(reports[i].Passages) > 0 {
			out = append(out, Source{ID: ids[i], Report: reports[i], Copies: copies[i]})
		}
	}
	slices.SortStableFunc(out, func(x, y Source) int {
		return cmp.Or(cmp.Compare(y.Report.CoverageB, x.Report.CoverageB),
			cmp.Compare(y.Report.ContainmentB, x.Report.ContainmentB))
	})
	return out, nil
}

// sharedDocs returns the prepared documents numbered nums (increasing)
// and their IDs, from the cache or read from v and prepared (and then
// cached); a number v does not hold has a nil document. Candidates in a
// group of copies are grouped as groupSources groups them: the first
// keeps its place with the others' IDs in copies, and the others have a
// nil document, neither prepared nor aligned.
func (c *Corpus) sharedDocs(v *pg.View, nums []int64) (docs []*prepare.Doc, ids []string, copies [][]string, err error) {
	docs = make([]*prepare.Doc, len(nums))
	ids = make([]string, len(nums))
	copies = make([][]string, len(nums))
	if len(nums) == 0 {
		return docs, ids, copies, nil
	}
	var missing []int64
	for i, n := range nums {
		if docs[i] = c.cache.get(uint32(n)); docs[i] == nil {
			missing = append(missing, n)
		}
	}
	// One read for all: the IDs of every document, the texts of those
	// not cached.
	rows, err := v.Docs(nums, missing)
	if err != nil {
		return nil, nil, nil, err
	}
	isCopy := groupRows(nums, rows, copies, c.cfg.groupSize())
	errs := make([]error, len(nums))
	parallel.For(len(nums), c.cfg.Workers, func(_, i int) {
		row, ok := rows[nums[i]]
		if !ok || isCopy[i] {
			docs[i] = nil
			return
		}
		ids[i] = row.ID
		if docs[i] != nil {
			return
		}
		d, err := c.pipe.Prepare(row.Text)
		if err != nil {
			errs[i] = &DocumentError{row.ID, err}
			return
		}
		c.cache.put(uint32(nums[i]), d)
		docs[i] = d
	}, nil)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	return docs, ids, copies, nil
}

// groupRows finds the groups of copies among the rows of nums
// (increasing): of groupSize or more rows with one digest, the first
// gets the IDs of the others in copies, and those are copies (isCopy).
func groupRows(nums []int64, rows map[int64]pg.Text, copies [][]string, groupSize int) (isCopy []bool) {
	count := map[string]int{}
	for _, n := range nums {
		if row, ok := rows[n]; ok && row.Digest != nil {
			count[string(row.Digest)]++
		}
	}
	isCopy = make([]bool, len(nums))
	first := map[string]int{}
	for i, n := range nums {
		row, ok := rows[n]
		if !ok || row.Digest == nil || count[string(row.Digest)] < groupSize {
			continue
		}
		if k, seen := first[string(row.Digest)]; seen {
			copies[k] = append(copies[k], row.ID)
			isCopy[i] = true
			continue
		}
		first[string(row.Digest)] = i
	}
	return isCopy
}

// sharedDoc1 returns the stored document with id, prepared, and its
// number.
func (c *Corpus) sharedDoc1(v *pg.View, id string) (*prepare.Doc, int64, error) {
	s, found, err := v.ByID(id)
	if err != nil {
		return nil, 0, err
	}
	if !found {
		return nil, 0, notFound(id)
	}
	docs, _, _, err := c.sharedDocs(v, []int64{s.Num})
	if err != nil {
		return nil, 0, err
	}
	if docs[0] == nil {
		return nil, 0, notFound(id)
	}
	return docs[0], s.Num, nil
}

// sharedCompare is Compare for a corpus in PostgreSQL.
func (c *Corpus) sharedCompare(a, b string) (compare.Report, error) {
	v, err := c.sharedView()
	if err != nil {
		return compare.Report{}, err
	}
	defer v.Close()
	if _, _, _, err := v.Counts(); err != nil {
		return compare.Report{}, err
	}
	da, _, err := c.sharedDoc1(v, a)
	if err != nil {
		return compare.Report{}, err
	}
	db, _, err := c.sharedDoc1(v, b)
	if err != nil {
		return compare.Report{}, err
	}
	r, err := c.sharedAlign(newViewStats(v), []*prepare.Doc{da}, db)
	if err != nil {
		return compare.Report{}, err
	}
	return r[0], nil
}

// sharedOf is Of for a corpus in PostgreSQL.
func (c *Corpus) sharedOf(id string, radius int) (Answer, error) {
	v, err := c.sharedView()
	if err != nil {
		return Answer{}, err
	}
	d, _, err := c.sharedDoc1(v, id)
	v.Close()
	if err != nil {
		return Answer{}, err
	}
	return c.sharedQuery(Query{Doc: d, ID: id, Radius: radius})
}

// sharedFingerprint is Fingerprint for a corpus in PostgreSQL.
func (c *Corpus) sharedFingerprint(id string) (simhash.Fingerprint, error) {
	v, err := c.sharedView()
	if err != nil {
		return 0, err
	}
	defer v.Close()
	s, found, err := v.ByID(id)
	switch {
	case err != nil:
		return 0, err
	case !found:
		return 0, notFound(id)
	case !s.HasFingerprint:
		return 0, simhash.ErrNoFeatures
	}
	return simhash.Fingerprint(s.Fingerprint), nil
}

// sharedText is Text for a corpus in PostgreSQL.
func (c *Corpus) sharedText(id string) (string, error) {
	v, err := c.sharedView()
	if err != nil {
		return "", err
	}
	defer v.Close()
	s, found, err := v.ByID(id)
	if err != nil {
		return "", err
	}
	if found {
		rows, err := v.Docs([]int64{s.Num}, []int64{s.Num})
		if err != nil {
			return "", err
		}
		if row, ok := rows[s.Num]; ok {
			return row.Text, nil
		}
	}
	return "", notFound(id)
}

// sharedIDs is IDs for a corpus in PostgreSQL.
func (c *Corpus) sharedIDs() ([]string, error) {
	v, err := c.sharedView()
	if err != nil {
		return nil, err
	}
	defer v.Close()
	return v.IDs()
}
