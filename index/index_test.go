package index_test

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/index"
)

// ref is the reference index: a map from document to its distinct
// hashes, queried by brute force.
type ref map[index.DocID][]uint64

func (r ref) add(doc index.DocID, marks []uint64) {
	hs := slices.Clone(marks)
	slices.Sort(hs)
	r[doc] = slices.Compact(hs)
}

func (r ref) df(h uint64) int {
	n := 0
	for _, hs := range r {
		if _, ok := slices.BinarySearch(hs, h); ok {
			n++
		}
	}
	return n
}

// dfCap is the document frequency cap of opt for n documents, as the
// package documents it.
// dfCap is the cap of a query with marks distinct hashes, spelled out:
// the larger of the absolute and relative caps, raised for a short
// query in proportion to how short, at most ShortBoost times.
func dfCap(opt index.QueryOptions, n, marks int) int {
	c := baseCap(opt, n)
	short := cmp.Or(opt.ShortMarks, index.DefaultShortMarks)
	if short < 0 || marks >= short || c == math.MaxInt || marks == 0 {
		return c
	}
	return min(c*short/marks, c*index.ShortBoost)
}

func baseCap(opt index.QueryOptions, n int) int {
	abs := opt.MaxDF
	if abs == 0 {
		abs = index.DefaultMaxDF
	}
	if abs < 0 {
		abs = math.MaxInt
	}
	if opt.MaxDFRatio <= 0 {
		return abs
	}
	rel := int(opt.MaxDFRatio * float64(n))
	if abs == math.MaxInt {
		return rel
	}
	return max(abs, rel)
}

func (r ref) rank(marks []uint64, opt index.QueryOptions) []index.Candidate {
	q := slices.Clone(marks)
	slices.Sort(q)
	q = slices.Compact(q)
	n := len(r)
	limit := cmp.Or(opt.Limit, index.DefaultLimit)
	minShared := cmp.Or(max(opt.MinShared, 0), index.DefaultMinShared)
	maxDF := dfCap(opt, n, len(q))
	dfs := make([]int, len(q))
	for i, h := range q {
		dfs[i] = r.df(h)
	}
	var out []index.Candidate
	for doc, hs := range r {
		c := index.Candidate{Doc: doc}
		for i, h := range q {
			df := dfs[i]
			if df == 0 || df > maxDF {
				continue
			}
			if _, ok := slices.BinarySearch(hs, h); ok {
				c.Shared++
				c.Score += math.Log1p(float64(n) / float64(df))
			}
		}
		if c.Shared >= minShared && !slices.Contains(opt.Exclude, doc) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b index.Candidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// universe is a pool of hashes; randMarks draws a document's marks from
// it with a skew, so that some hashes are in many documents.
type universe struct {
	rng    *rand.Rand
	hashes []uint64
}

func newUniverse(seed uint64, n int) *universe {
	u := &universe{rng: rand.New(rand.NewPCG(seed, 99))}
	for range n {
		u.hashes = append(u.hashes, u.rng.Uint64())
	}
	return u
}

func (u *universe) marks(n int) []uint64 {
	m := make([]uint64, n)
	for i := range m {
		// The square of a uniform variate favours the first hashes.
		f := u.rng.Float64()
		m[i] = u.hashes[int(f*f*float64(len(u.hashes)))]
	}
	return m
}

func (u *universe) options() index.QueryOptions {
	return index.QueryOptions{
		MinShared:  u.rng.IntN(4) - 1,
		MaxDF:      []int{0, -1, 3, 10, 1000}[u.rng.IntN(5)],
		MaxDFRatio: []float64{0, -1, 0.05, 0.2}[u.rng.IntN(4)],
		ShortMarks: []int{0, -1, 3, 100}[u.rng.IntN(4)],
		Limit:      []int{0, -1, 1, 5}[u.rng.IntN(4)],
		Exclude:    []index.DocID{index.DocID(u.rng.IntN(50))},
	}
}

func check(t *testing.T, x *index.MarkIndex, r ref, u *universe) {
	t.Helper()
	require.Equal(t, len(r), x.Len())
	for _, h := range u.hashes {
		require.Equal(t, r.df(h), x.DF(h), "DF")
	}
	for d := range index.DocID(60) {
		_, ok := r[d]
		require.Equal(t, ok, x.Has(d))
	}
	for range 20 {
		q := u.marks(u.rng.IntN(30))
		opt := u.options()
		require.Equal(t, r.rank(q, opt), x.Candidates(q, opt), "opt %+v", opt)
	}
}

// TestIndexMatchesReference runs random additions, batches, removals and
// compactions against the reference, with the compaction thresholds
// small (the index compacts itself often) and at their defaults (it
// never does unless asked).
func TestIndexMatchesReference(t *testing.T) {
	for _, small := range []bool{true, false} {
		if small {
			defer index.SetCompaction(300, 2, 3)()
		}
		u := newUniverse(uint64(1+btoi(small)), 300)
		x := new(index.MarkIndex)
		r := ref{}
		next := index.DocID(0)
		for step := range 400 {
			switch op := u.rng.IntN(10); {
			case op < 5:
				doc := index.DocID(u.rng.IntN(int(next) + 1)) // sometimes a used or removed ID
				if doc == next {
					next++
				}
				m := u.marks(u.rng.IntN(25))
				err := x.Add(doc, m)
				if _, ok := r[doc]; ok {
					require.ErrorIs(t, err, index.ErrExists)
				} else {
					require.NoError(t, err)
					r.add(doc, m)
				}
			case op < 7:
				doc := index.DocID(u.rng.IntN(int(next) + 1))
				_, ok := r[doc]
				require.Equal(t, ok, x.Remove(doc))
				delete(r, doc)
			case op < 9:
				batch := []index.Doc{{ID: next, Marks: u.marks(3)}}
				next++
				for range u.rng.IntN(8) {
					batch = append(batch, index.Doc{ID: next, Marks: u.marks(u.rng.IntN(40))})
					next++
				}
				// Sometimes a removed ID, reused.
				for d := range batch[0].ID {
					if _, ok := r[d]; !ok && u.rng.IntN(4) == 0 {
						batch = append(batch, index.Doc{ID: d, Marks: u.marks(5)})
						break
					}
				}
				require.NoError(t, x.AddBatch(batch))
				for _, d := range batch {
					r.add(d.ID, d.Marks)
				}
			default:
				x.Compact()
			}
			if step%25 == 0 {
				check(t, x, r, u)
			}
		}
		check(t, x, r, u)
		x.Compact()
		check(t, x, r, u)
		s := x.Stats()
		assert.Equal(t, len(r), s.Docs)
		assert.Zero(t, s.Delta)
		assert.Zero(t, s.Removed)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestBulkBuildEqualsIncremental(t *testing.T) {
	// A small delta: Build takes the bulk path, and adding one by one
	// compacts many times.
	defer index.SetCompaction(1000, 4, 10)()
	u := newUniverse(3, 2000)
	var docs []index.Doc
	for i := range 3000 {
		docs = append(docs, index.Doc{ID: index.DocID(i), Marks: u.marks(60)})
	}
	bulk, err := index.Build(docs)
	require.NoError(t, err)
	assert.Zero(t, bulk.Stats().Delta, "built in bulk")

	inc := new(index.MarkIndex)
	for i := len(docs) - 1; i >= 0; i-- { // another order
		require.NoError(t, inc.Add(docs[i].ID, docs[i].Marks))
	}
	for i, h := range u.hashes {
		if i%10 == 0 {
			require.Equal(t, inc.DF(h), bulk.DF(h))
		}
	}
	for i := range 50 {
		q := docs[i*7].Marks
		opt := index.QueryOptions{Limit: -1, MaxDF: -1, MaxDFRatio: 0.5, Exclude: []index.DocID{docs[i*7].ID}}
		assert.Equal(t, inc.Candidates(q, opt), bulk.Candidates(q, opt))
	}
	assert.Equal(t, inc.Stats().Postings, bulk.Stats().Postings)
}

func TestErrExists(t *testing.T) {
	x := new(index.MarkIndex)
	m := []uint64{1, 2}
	require.NoError(t, x.Add(5, m))
	assert.ErrorIs(t, x.Add(5, m), index.ErrExists)
	// A batch with a present ID, or an ID twice, adds nothing.
	assert.ErrorIs(t, x.AddBatch([]index.Doc{{ID: 6, Marks: m}, {ID: 5, Marks: m}}), index.ErrExists)
	assert.ErrorIs(t, x.AddBatch([]index.Doc{{ID: 7, Marks: m}, {ID: 7, Marks: m}}), index.ErrExists)
	assert.Equal(t, 1, x.Len())
	assert.False(t, x.Has(6))
	assert.False(t, x.Has(7))
	assert.Equal(t, 1, x.DF(1))
	// A removed ID can be used again; its old postings are gone.
	assert.True(t, x.Remove(5))
	assert.False(t, x.Remove(5))
	require.NoError(t, x.Add(5, []uint64{3}))
	assert.Equal(t, 0, x.DF(1))
	assert.Equal(t, 1, x.DF(3))
	_, err := index.Build([]index.Doc{{ID: 1}, {ID: 1}})
	assert.ErrorIs(t, err, index.ErrExists)
}

func TestEmpty(t *testing.T) {
	var x index.MarkIndex
	assert.Zero(t, x.Len())
	assert.Zero(t, x.DF(42))
	assert.Nil(t, x.Candidates(nil, index.QueryOptions{}))
	assert.Nil(t, x.Candidates([]uint64{1}, index.QueryOptions{}))
	assert.False(t, x.Remove(0))
	x.Compact()

	b, err := index.Build(nil)
	require.NoError(t, err)
	assert.Zero(t, b.Len())
	// A document without marks counts (it is in the collection) but is
	// never a candidate.
	require.NoError(t, x.Add(0, nil))
	require.NoError(t, x.Add(1, []uint64{9, 9}))
	assert.Equal(t, 2, x.Len())
	assert.Equal(t, 1, x.DF(9))
	one := index.QueryOptions{MinShared: 1}
	assert.Nil(t, x.Candidates([]uint64{9}, index.QueryOptions{}), "one shared hash is not enough by default")
	got := x.Candidates([]uint64{9}, one)
	require.Len(t, got, 1)
	assert.Equal(t, index.DocID(1), got[0].Doc)
	assert.Equal(t, 1, got[0].Shared)
	assert.InDelta(t, math.Log1p(2), got[0].Score, 1e-12)
	assert.Nil(t, x.Candidates([]uint64{9}, index.QueryOptions{MinShared: 1, Exclude: []index.DocID{1}}))
	assert.Nil(t, x.Candidates(nil, index.QueryOptions{}))
}

// A short query's cap is raised in proportion to how short it is, at
// most ShortBoost times: a hash of 200 documents counts for a query of
// one hash under a cap of 50 (×4), not under one of 49.
func TestShortQueriesRaiseTheCap(t *testing.T) {
	x := new(index.MarkIndex)
	for d := range index.DocID(200) {
		require.NoError(t, x.Add(d, []uint64{7, uint64(100 + d)}))
	}
	q := []uint64{7}
	assert.Len(t, x.Candidates(q, index.QueryOptions{MinShared: 1, MaxDF: 50, Limit: -1}), 200)
	assert.Nil(t, x.Candidates(q, index.QueryOptions{MinShared: 1, MaxDF: 49}))
	assert.Nil(t, x.Candidates(q, index.QueryOptions{MinShared: 1, MaxDF: 50, ShortMarks: -1}), "off")
	assert.Nil(t, x.Candidates(q, index.QueryOptions{MinShared: 1, MaxDF: 50, ShortMarks: 1}), "not short")
	assert.True(t, index.QueryOptions{}.IsShort(10))
	assert.False(t, index.QueryOptions{}.IsShort(index.DefaultShortMarks))
}

// TestFrequentHashesAreSkipped: a hash held by more documents than the
// cap (a stock phrase, site debris) makes no candidate and adds nothing
// to a score; rare hashes still do.
func TestFrequentHashesAreSkipped(t *testing.T) {
	const stock, rare1, rare2 = 1000, 1, 2
	x := new(index.MarkIndex)
	for d := range index.DocID(200) {
		m := []uint64{stock, uint64(5000 + d)}
		if d == 17 {
			m = append(m, rare1, rare2)
		}
		require.NoError(t, x.Add(d, m))
	}
	assert.Equal(t, 200, x.DF(stock))
	q := []uint64{stock}
	assert.Nil(t, x.Candidates(q, index.QueryOptions{ShortMarks: -1, MinShared: 1}), "200 > the default cap of 30")
	assert.Nil(t, x.Candidates(q, index.QueryOptions{ShortMarks: -1, MinShared: 1, MaxDF: 199}))
	assert.Len(t, x.Candidates(q, index.QueryOptions{ShortMarks: -1, MinShared: 1, MaxDF: 200, Limit: -1}), 200)
	assert.Len(t, x.Candidates(q, index.QueryOptions{ShortMarks: -1, MinShared: 1, MaxDF: 10, MaxDFRatio: 1, Limit: -1}), 200, "the larger cap applies")
	assert.Nil(t, x.Candidates(q, index.QueryOptions{ShortMarks: -1, MinShared: 1, MaxDF: -1, MaxDFRatio: 0.5}), "a relative cap alone")
	assert.Len(t, x.Candidates(q, index.QueryOptions{MinShared: 1, MaxDF: -1}), index.DefaultLimit)

	got := x.Candidates([]uint64{stock, rare1, rare2}, index.QueryOptions{MinShared: 2})
	require.Len(t, got, 1)
	assert.Equal(t, index.Candidate{Doc: 17, Shared: 2, Score: 2 * math.Log1p(200)}, got[0])
	// One shared rare hash is not enough with MinShared 2 (the default).
	assert.Nil(t, x.Candidates([]uint64{stock, rare1}, index.QueryOptions{}))
}

func TestRankingOrder(t *testing.T) {
	x := new(index.MarkIndex)
	// Doc 3 shares two hashes, docs 1 and 2 one each; hash 10 is rarer
	// than hash 20.
	require.NoError(t, x.Add(1, []uint64{20}))
	require.NoError(t, x.Add(2, []uint64{20}))
	require.NoError(t, x.Add(3, []uint64{10, 20}))
	require.NoError(t, x.Add(4, []uint64{30}))
	got := x.Candidates([]uint64{20, 10, 10}, index.QueryOptions{MinShared: 1})
	require.Len(t, got, 3)
	assert.Equal(t, []index.DocID{3, 1, 2}, []index.DocID{got[0].Doc, got[1].Doc, got[2].Doc})
	assert.Equal(t, 2, got[0].Shared)
	assert.Equal(t, got[1].Score, got[2].Score, "equal scores rank by document")
	assert.Greater(t, got[0].Score, got[1].Score)
}

// TestConcurrent adds, removes and queries from several goroutines at
// once (run with -race); the end state equals the reference's.
func TestConcurrent(t *testing.T) {
	defer index.SetCompaction(200, 2, 5)()
	const writers, perWriter = 4, 300
	u := newUniverse(11, 500)
	marks := make([][]uint64, writers*perWriter)
	for i := range marks {
		marks[i] = u.marks(20)
	}
	x := new(index.MarkIndex)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				d := index.DocID(w*perWriter + i)
				if i%50 == 0 {
					var batch []index.Doc
					for j := range 3 {
						// IDs above all the others, one range per writer.
						id := index.DocID(writers*perWriter + w*perWriter + i + j)
						batch = append(batch, index.Doc{ID: id, Marks: marks[(int(id)*7)%len(marks)]})
					}
					assert.NoError(t, x.AddBatch(batch))
				}
				assert.NoError(t, x.Add(d, marks[d]))
				if i%3 == 0 {
					assert.True(t, x.Remove(d))
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for i := range 300 {
				c := x.Candidates(marks[i], index.QueryOptions{})
				assert.True(t, slices.IsSortedFunc(c, func(a, b index.Candidate) int { return cmp.Compare(b.Score, a.Score) }))
				_ = x.DF(u.hashes[i])
				_ = x.Stats()
			}
		})
	}
	wg.Wait()

	r := ref{}
	for w := range writers {
		for i := range perWriter {
			d := index.DocID(w*perWriter + i)
			if i%3 != 0 {
				r.add(d, marks[d])
			}
			if i%50 == 0 {
				for j := range 3 {
					id := index.DocID(writers*perWriter + w*perWriter + i + j)
					r.add(id, marks[(int(id)*7)%len(marks)])
				}
			}
		}
	}
	check(t, x, r, u)
}

// mapPostings is a Postings backend over the reference, listing
// documents in reverse order and failing on demand.
type mapPostings struct {
	r    ref
	fail error
}

func (m mapPostings) Len() int { return len(m.r) }

func (m mapPostings) Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []index.DocID)) error {
	if m.fail != nil {
		return m.fail
	}
	for i := len(hashes) - 1; i >= 0; i-- { // any order will do
		var docs []index.DocID
		for d, hs := range m.r {
			if _, ok := slices.BinarySearch(hs, hashes[i]); ok {
				docs = append(docs, d)
			}
		}
		if len(docs) == 0 {
			continue
		}
		slices.Sort(docs)
		slices.Reverse(docs)
		if len(docs) > maxDF {
			visit(i, len(docs), nil)
			continue
		}
		visit(i, len(docs), docs)
	}
	return nil
}

func TestRankOverAnotherBackend(t *testing.T) {
	u := newUniverse(21, 200)
	r := ref{}
	x := new(index.MarkIndex)
	for d := range index.DocID(300) {
		m := u.marks(15)
		r.add(d, m)
		require.NoError(t, x.Add(d, m))
	}
	var _ index.Postings = x
	p := mapPostings{r: r}
	for range 30 {
		q := u.marks(20)
		opt := u.options()
		got, err := index.Rank(p, q, opt)
		require.NoError(t, err)
		assert.Equal(t, x.Candidates(q, opt), got, "the same ranking, whatever the order of the postings")
	}
	boom := errors.New("backend down")
	_, err := index.Rank(mapPostings{r: r, fail: boom}, u.marks(5), index.QueryOptions{})
	assert.ErrorIs(t, err, boom)
}
