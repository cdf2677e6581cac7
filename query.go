package neardup

import (
	"cmp"
	"errors"
	"slices"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
)

// Fingerprint returns the fingerprint of the document with id:
// simhash.ErrNoFeatures if it has none (nothing left to shingle), an
// error wrapping ErrNotFound if there is no such document.
func (c *Corpus) Fingerprint(id string) (simhash.Fingerprint, error) {
	if c.shared != nil {
		return c.sharedFingerprint(id)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.ids[id]
	switch {
	case c.closed:
		return 0, ErrClosed
	case !ok:
		return 0, notFound(id)
	case !c.docs[n].hasFP:
		return 0, simhash.ErrNoFeatures
	}
	return c.docs[n].fp, nil
}

// Text returns the original text of the document with id, as added:
// the text the byte and rune offsets of its reports refer to. It returns
// an error wrapping ErrNotFound if there is no such document.
func (c *Corpus) Text(id string) (string, error) {
	if c.shared != nil {
		return c.sharedText(id)
	}
	c.mu.RLock()
	n, ok := c.ids[id]
	closed := c.closed
	c.mu.RUnlock()
	switch {
	case closed:
		return "", ErrClosed
	case !ok:
		return "", notFound(id)
	}
	text, err := c.store.Text(n)
	if err != nil {
		// A damaged text names its document.
		return "", &DocumentError{id, err}
	}
	return text, nil
}

// Query is a question about one prepared document: what is near it and
// what it reuses.
type Query struct {
	// Doc is the document asked about, prepared with the corpus's
	// Config (Config.Prepare).
	Doc *prepare.Doc
	// ID is the document's own ID, if it has one: a stored document of
	// that ID is left out of the answer (and not aligned).
	ID string
	// Radius is the fingerprint distance, in bits, of the near-duplicates
	// listed (0 lists equal fingerprints only; negative, none).
	Radius int
}

// Answer is what a Corpus knows of a Query's document.
type Answer struct {
	// NearDuplicates are the documents with fingerprints within the
	// query's radius, nearest first (ties in insertion order): what the
	// fingerprints say.
	NearDuplicates []Match
	// Sources are the documents the query's document shares at least one
	// passage with, as Sources returns them.
	Sources []Source
}

// Query answers q: near-duplicates and sources at once, from one
// prepared document.
func (c *Corpus) Query(q Query) (Answer, error) {
	if q.Doc.Settings() != c.pipe.Settings() {
		return Answer{}, compare.ErrMismatch
	}
	if c.isClosed() {
		return Answer{}, ErrClosed
	}
	if c.shared != nil {
		return c.sharedQuery(q)
	}
	var a Answer
	var err error
	if q.Radius >= 0 && q.Doc.HasFingerprint {
		if a.NearDuplicates, err = c.near(q.Doc.Fingerprint, q.Radius, q.ID); err != nil {
			return Answer{}, err
		}
	}
	a.Sources, err = c.sources(q.Doc, q.ID)
	return a, err
}

// NearDuplicates returns the documents whose fingerprints are within k
// bits of text's, nearest first (ties by insertion order). A text
// without a fingerprint returns simhash.ErrNoFeatures. The result is what
// the fingerprints say; Sources and Clusters verify by alignment.
func (c *Corpus) NearDuplicates(text string, k int) ([]Match, error) {
	if c.isClosed() {
		return nil, ErrClosed
	}
	fp, err := c.pipe.Fingerprint(text)
	if err != nil {
		return nil, err
	}
	return c.near(fp, k, "")
}

// near returns the documents whose fingerprints are within k bits of
// fp, but the one of ID self.
func (c *Corpus) near(fp simhash.Fingerprint, k int, self string) ([]Match, error) {
	if c.shared != nil {
		return c.sharedNear(fp, k, self)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, ErrClosed
	}
	var out []Match
	for _, m := range c.fingerprints.Query(fp, k) {
		if e := c.docs[m.ID]; e.id != "" && e.id != self {
			out = append(out, Match{ID: e.id, Distance: m.Distance})
		}
	}
	return out, nil
}

// Sources returns the documents of the corpus that text shares at least
// one passage with, most of text covered first. Candidates come from the
// mark index (shared marks, stock phrases discounted) and from
// fingerprints within Config.Radius; each is aligned with text. The
// text of a stored document finds that document: Of, or Query with an
// ID, leaves it out.
func (c *Corpus) Sources(text string) ([]Source, error) {
	if c.isClosed() {
		return nil, ErrClosed
	}
	q, err := c.pipe.Prepare(text)
	if err != nil {
		return nil, err
	}
	return c.sources(q, "")
}

// sources returns the documents but the one of ID self that q shares a
// passage with.
func (c *Corpus) sources(q *prepare.Doc, self string) ([]Source, error) {
	if c.shared != nil {
		return c.sharedSources(q, self)
	}
	if err := c.readyStemsAlone(); err != nil {
		return nil, err
	}
	opts := c.options()
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return nil, ErrClosed
	}
	opt := c.cfg.Marks
	if n, ok := c.ids[self]; ok && self != "" {
		opt.Exclude = append(slices.Clip(opt.Exclude), index.DocID(n))
	}
	nums := c.candidates(q, opt)
	ids := make([]string, 0, len(nums))
	keep := nums[:0]
	for _, n := range nums {
		if id := c.docs[n].id; id != self {
			ids = append(ids, id)
			keep = append(keep, n)
		}
	}
	nums = keep
	nums, ids, copies := c.groupSources(nums, ids)
	c.mu.RUnlock()
	// On every core: a query with a hundred candidates to prepare and
	// align waits for the slowest of them, not for their sum.
	reports := make([]compare.Report, len(nums))
	errs := make([]error, len(nums))
	parallel.For(len(nums), c.cfg.Workers, func(_, i int) {
		d, err := c.doc(nums[i])
		switch {
		case errors.Is(err, ErrNotFound): // removed since
		case err != nil:
			errs[i] = &DocumentError{ids[i], err}
		default:
			reports[i], errs[i] = opts.Compare(d, q)
		}
	}, nil)
	var out []Source
	for i, r := range reports {
		if errs[i] != nil {
			return nil, errs[i] // the first, as one candidate at a time would
		}
		if len(r.Passages) > 0 {
			out = append(out, Source{ID: ids[i], Report: r, Copies: copies[i]})
		}
	}
	slices.SortStableFunc(out, func(x, y Source) int {
		return cmp.Or(cmp.Compare(y.Report.CoverageB, x.Report.CoverageB),
			cmp.Compare(y.Report.ContainmentB, x.Report.ContainmentB))
	})
	return out, nil
}

// candidates returns the numbers of the documents worth aligning with
// q, in increasing order: those sharing marks (ranked, opt.Limit of
// them) and those within the radius. The caller holds c.mu.
func (c *Corpus) candidates(q *prepare.Doc, opt index.QueryOptions) []uint32 {
	var nums []uint32
	for _, cand := range c.marks.Candidates(q.MarkHashes(nil), opt) {
		nums = append(nums, uint32(cand.Doc))
	}
	return c.withNear(q.Fingerprint, q.HasFingerprint, nums, -1)
}

// withNear adds to nums the documents numbered above after whose
// fingerprints are within the radius of fp (if has), and returns them
// sorted and distinct. The caller holds c.mu.
func (c *Corpus) withNear(fp simhash.Fingerprint, has bool, nums []uint32, after int) []uint32 {
	if has && c.cfg.Radius >= 0 {
		for _, m := range c.fingerprints.Query(fp, c.cfg.Radius) {
			if int(m.ID) > after {
				nums = append(nums, uint32(m.ID))
			}
		}
	}
	slices.Sort(nums)
	return slices.Compact(nums)
}

// doc returns the prepared document numbered n, from the cache or the
// store.
func (c *Corpus) doc(n uint32) (*prepare.Doc, error) {
	if d := c.cache.get(n); d != nil {
		return d, nil
	}
	text, err := c.store.Text(n)
	if err != nil {
		return nil, err
	}
	d, err := c.pipe.Prepare(text)
	if err != nil {
		return nil, err
	}
	c.cache.put(n, d)
	return d, nil
}

// Compare compares the stored documents of IDs a and b as Pairs does:
// with the corpus's settings and its collection statistics (so that
// boilerplate and formulas are told from reuse). It returns an error
// wrapping ErrNotFound if either is not stored.
func (c *Corpus) Compare(a, b string) (compare.Report, error) {
	if c.shared != nil {
		return c.sharedCompare(a, b)
	}
	if err := c.readyStemsAlone(); err != nil {
		return compare.Report{}, err
	}
	c.mu.RLock()
	na, okA := c.ids[a]
	nb, okB := c.ids[b]
	closed := c.closed
	c.mu.RUnlock()
	switch {
	case closed:
		return compare.Report{}, ErrClosed
	case !okA:
		return compare.Report{}, notFound(a)
	case !okB:
		return compare.Report{}, notFound(b)
	}
	da, err := c.doc(na)
	if err != nil {
		return compare.Report{}, err
	}
	db, err := c.doc(nb)
	if err != nil {
		return compare.Report{}, err
	}
	return c.options().Compare(da, db)
}
