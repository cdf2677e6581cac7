package neardup

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/simhash"
)

// DefaultRadius is the Hamming distance within which Clusters looks for
// near-duplicates: an edited copy of a news article (5% of its words
// replaced) stays within 6 bits of the original in 88% of cases, while
// random article pairs that close are about one in 10,000 (README,
// "Choosing the shingle size"). Every pair found is verified by
// alignment.
const DefaultRadius = 6

// ErrDuplicateID is returned by Add for an ID the corpus already holds.
var ErrDuplicateID = errors.New("neardup: document ID already in the corpus")

// Corpus is an in-memory collection of prepared documents that answers,
// for a new text, "what is near this?" (NearDuplicates) and "what does
// this reuse?" (Sources), and groups its documents into stories
// (Clusters). Fingerprints live in a simhash.Index and winnowed seed
// windows in an index.Index, so queries cost a few lookups and the
// alignment of a handful of candidates, not a pass over the corpus.
//
// A Corpus is safe for concurrent use: queries run in parallel; Add and
// Remove exclude one another and queries only while they update the
// indexes (preparing a text happens outside any lock).
type Corpus struct {
	cfg Config

	mu   sync.RWMutex
	ids  map[string]uint32 // external ID → internal number
	docs []*entry          // by internal number; nil once removed
	fps  simhash.Index
	segs index.Index
}

type entry struct {
	id    string
	doc   *compare.Doc
	marks []index.Mark // winnowed seed windows, as indexed
}

// Document is a text with the caller's ID, for AddBatch.
type Document struct {
	ID   string
	Text string
}

// Match is a document of the corpus near a query.
type Match struct {
	ID       string `json:"id"`
	Distance int    `json:"distance"`
}

// Source is a document of the corpus that a query text reuses: the
// report compares the source (A) with the query (B).
type Source struct {
	ID     string         `json:"id"`
	Report compare.Report `json:"report"`
}

// NewCorpus returns an empty corpus that prepares and compares texts
// with cfg.
func NewCorpus(cfg Config) *Corpus {
	return &Corpus{cfg: cfg, ids: map[string]uint32{}}
}

// Len returns the number of documents in the corpus.
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.ids)
}

// Add prepares text and adds it under id. It returns ErrDuplicateID if
// id is taken, or normalize.ErrTooLong.
func (c *Corpus) Add(id, text string) error {
	d, err := c.cfg.Prepare(text)
	if err != nil {
		return fmt.Errorf("neardup: document %q: %w", id, err)
	}
	return c.insert(id, d)
}

// AddBatch adds documents, preparing them in parallel on all cores. Every
// document that can be added is; the error joins the failures, each
// naming its document.
func (c *Corpus) AddBatch(docs []Document) error {
	prepared := make([]*compare.Doc, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				prepared[i], errs[i] = c.cfg.Prepare(docs[i].Text)
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, d := range docs {
		if errs[i] != nil {
			errs[i] = fmt.Errorf("neardup: document %q: %w", d.ID, errs[i])
			continue
		}
		errs[i] = c.insert(d.ID, prepared[i])
	}
	return errors.Join(errs...)
}

func (c *Corpus) insert(id string, d *compare.Doc) error {
	marks := index.AppendMarks(nil, d.Text.Runes, index.DefaultK, index.DefaultW)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.ids[id]; ok {
		return fmt.Errorf("%w: %q", ErrDuplicateID, id)
	}
	n := uint32(len(c.docs))
	if err := c.segs.Add(index.DocID(n), marks); err != nil {
		return fmt.Errorf("neardup: document %q: %w", id, err)
	}
	c.ids[id] = n
	c.docs = append(c.docs, &entry{id: id, doc: d, marks: marks})
	if d.HasFingerprint {
		c.fps.Add(simhash.ID(n), d.Fingerprint)
	}
	return nil
}

// Remove removes the document with id and reports whether it was there.
func (c *Corpus) Remove(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.ids[id]
	if !ok {
		return false
	}
	delete(c.ids, id)
	c.docs[n] = nil
	c.fps.Remove(simhash.ID(n))
	c.segs.Remove(index.DocID(n))
	return true
}

// NearDuplicates returns the documents whose fingerprints are within k
// bits of text's, nearest first (ties by insertion order). A text
// without a fingerprint returns simhash.ErrNoFeatures. The result is what
// the fingerprints say; Sources and Clusters verify by alignment.
func (c *Corpus) NearDuplicates(text string, k int) ([]Match, error) {
	fp, err := c.cfg.Fingerprint(text)
	if err != nil {
		return nil, err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []Match
	for _, m := range c.fps.Query(fp, k) {
		if e := c.docs[m.ID]; e != nil {
			out = append(out, Match{ID: e.id, Distance: m.Distance})
		}
	}
	return out, nil
}

// Sources returns the documents of the corpus that text shares at least
// one passage with, most of text covered first. Candidates come from the
// shingle index (shared winnowed windows, stock phrases discounted) and
// from fingerprints within DefaultRadius; each is aligned with text.
func (c *Corpus) Sources(text string) ([]Source, error) {
	q, err := c.cfg.Prepare(text)
	if err != nil {
		return nil, err
	}
	marks := index.AppendMarks(nil, q.Text.Runes, index.DefaultK, index.DefaultW)
	c.mu.RLock()
	cands := c.candidates(q, marks, -1)
	c.mu.RUnlock()
	var out []Source
	for _, e := range cands {
		r, err := c.cfg.CompareDocs(e.doc, q)
		if err != nil {
			return nil, err
		}
		if len(r.Passages) > 0 {
			out = append(out, Source{ID: e.id, Report: r})
		}
	}
	slices.SortStableFunc(out, func(x, y Source) int {
		return cmp.Or(cmp.Compare(y.Report.CoverageB, x.Report.CoverageB),
			cmp.Compare(y.Report.ContainmentB, x.Report.ContainmentB))
	})
	return out, nil
}

// candidates returns the entries worth aligning with q, whose winnowed
// marks are given, in insertion order, skipping the entry numbered self.
// The caller holds c.mu.
func (c *Corpus) candidates(q *compare.Doc, marks []index.Mark, self int) []*entry {
	seen := map[uint32]bool{}
	if self >= 0 {
		seen[uint32(self)] = true
	}
	var nums []uint32
	add := func(n uint32) {
		if !seen[n] && c.docs[n] != nil {
			seen[n] = true
			nums = append(nums, n)
		}
	}
	for _, cand := range c.segs.Candidates(marks, index.QueryOptions{}) {
		add(uint32(cand.Doc))
	}
	if q.HasFingerprint {
		for _, m := range c.fps.Query(q.Fingerprint, DefaultRadius) {
			add(uint32(m.ID))
		}
	}
	slices.Sort(nums)
	out := make([]*entry, len(nums))
	for i, n := range nums {
		out[i] = c.docs[n]
	}
	return out
}

// Clusters groups the documents into stories: the connected components
// of pairs found identical or near-duplicate by alignment (candidates as
// for Sources). Only groups of two or more are returned; members are in
// insertion order and groups in the order of their first member, so the
// result is deterministic.
func (c *Corpus) Clusters() ([][]string, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	parent := make([]uint32, len(c.docs))
	for i := range parent {
		parent[i] = uint32(i)
	}
	find := func(x uint32) uint32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	num := map[*entry]uint32{}
	for n, e := range c.docs {
		if e != nil {
			num[e] = uint32(n)
		}
	}
	for n, e := range c.docs {
		if e == nil {
			continue
		}
		for _, o := range c.candidates(e.doc, e.marks, n) {
			m := num[o]
			if m < uint32(n) {
				continue // each pair once
			}
			r, err := c.cfg.CompareDocs(e.doc, o.doc)
			if err != nil {
				return nil, err
			}
			if r.Verdict >= compare.NearDuplicate {
				a, b := find(uint32(n)), find(m)
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	groups := map[uint32][]string{}
	var roots []uint32
	for n, e := range c.docs {
		if e == nil {
			continue
		}
		r := find(uint32(n))
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], e.id)
	}
	var out [][]string
	for _, r := range roots {
		if len(groups[r]) > 1 {
			out = append(out, groups[r])
		}
	}
	return out, nil
}
