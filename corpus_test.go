package neardup_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

func seedCorpus(t *testing.T) (*neardup.Corpus, map[string]string) {
	t.Helper()
	all := seeds(t)
	c := neardup.NewCorpus(neardup.Default)
	var docs []neardup.Document
	for _, name := range []string{"000", "001", "002", "003", "004"} {
		docs = append(docs, neardup.Document{ID: name, Text: all[name]})
	}
	require.NoError(t, c.AddBatch(docs))
	require.Equal(t, 5, c.Len())
	return c, all
}

func TestCorpusNearDuplicates(t *testing.T) {
	c, all := seedCorpus(t)
	got, err := c.NearDuplicates(respell(all["000"]), 3)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Match{{ID: "000", Distance: 0}}, got)
	// A wide radius returns more, nearest first.
	got, err = c.NearDuplicates(all["001"], 64)
	require.NoError(t, err)
	require.Len(t, got, 5)
	assert.Equal(t, "001", got[0].ID)
	for i := 1; i < len(got); i++ {
		assert.LessOrEqual(t, got[i-1].Distance, got[i].Distance)
	}
	_, err = c.NearDuplicates(" ، ", 3)
	assert.ErrorIs(t, err, simhash.ErrNoFeatures)
}

func TestCorpusSources(t *testing.T) {
	c, all := seedCorpus(t)
	paras := strings.Split(all["000"], "\n\n")
	composite := "مقدمة خبر جديد عن موضوع آخر تماما في العاصمة.\n\n" + paras[2] + "\n\nفقرة من عندنا لا علاقة لها بما سبق أبدا، عن الطقس والأسواق.\n\n" + paras[7]
	srcs, err := c.Sources(composite)
	require.NoError(t, err)
	require.Len(t, srcs, 1, "only seed 000 is a source")
	assert.Equal(t, "000", srcs[0].ID)
	require.Len(t, srcs[0].Report.Passages, 2)
	// A is the source, B the query: each passage reads the same in both.
	assert.Equal(t, strings.TrimSuffix(paras[2], "."), composite[srcs[0].Report.Passages[0].B.Start:srcs[0].Report.Passages[0].B.End])
	for _, p := range srcs[0].Report.Passages {
		assert.Equal(t, all["000"][p.A.Start:p.A.End], composite[p.B.Start:p.B.End])
	}
	// Two paragraphs of 000 and two short lines of its own: the query is
	// mostly 000.
	assert.Equal(t, compare.WhollyDerived, srcs[0].Report.Derived)
	assert.Less(t, srcs[0].Report.CoverageA, 0.5, "but it holds less than half of 000")

	none, err := c.Sources("نص قصير عن الطقس في الرياض اليوم، مشمس وحار، مع رياح خفيفة في المساء.")
	require.NoError(t, err)
	assert.Empty(t, none)
}

func TestCorpusClustersAndRemove(t *testing.T) {
	c, all := seedCorpus(t)
	cl, err := c.Clusters()
	require.NoError(t, err)
	assert.Empty(t, cl, "no two seeds are near-duplicates")

	require.NoError(t, c.Add("000-copy", respell(all["000"])))
	// 002 less one paragraph: most of both texts still align.
	paras := strings.Split(all["002"], "\n\n")
	require.NoError(t, c.Add("002-trimmed", strings.Join(append(paras[:6:6], paras[7:]...), "\n\n")))
	cl, err = c.Clusters()
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"000", "000-copy"}, {"002", "002-trimmed"}}, cl)

	assert.ErrorIs(t, c.Add("000", "x"), neardup.ErrDuplicateID)
	removed, err := c.Remove("000")
	require.NoError(t, err)
	assert.True(t, removed)
	removed, err = c.Remove("000")
	require.NoError(t, err)
	assert.False(t, removed)
	assert.Equal(t, 6, c.Len())
	cl, err = c.Clusters()
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"002", "002-trimmed"}}, cl)
	got, err := c.NearDuplicates(all["000"], 3)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Match{{ID: "000-copy", Distance: 0}}, got)
	// The ID can be used again.
	require.NoError(t, c.Add("000", all["000"]))

	err = c.AddBatch([]neardup.Document{{ID: "new", Text: all["001"]}, {ID: "001", Text: "x"}})
	assert.ErrorIs(t, err, neardup.ErrDuplicateID)
	assert.Contains(t, err.Error(), `"001"`)
	assert.Equal(t, 8, c.Len(), "the good document of the batch is added")
}

func TestCorpusConcurrentUse(t *testing.T) {
	c, all := seedCorpus(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 5 {
				id := fmt.Sprintf("w%d-%d", w, i)
				assert.NoError(t, c.Add(id, respell(all["003"])))
				_, err := c.NearDuplicates(all["003"], 3)
				assert.NoError(t, err)
				_, err = c.Sources(all["004"])
				assert.NoError(t, err)
				if i%2 == 0 {
					removed, err := c.Remove(id)
					assert.NoError(t, err)
					assert.True(t, removed)
				}
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 5+4*2, c.Len())
	cl, err := c.Clusters()
	require.NoError(t, err)
	require.Len(t, cl, 1)
	assert.Equal(t, "003", cl[0][0])
	assert.Len(t, cl[0], 9)
}

func TestCorpusPairsOptions(t *testing.T) {
	all := seeds(t)
	paras := strings.Split(all["000"], "\n\n")
	composite := "مقدمة خبر جديد عن موضوع آخر تماما في العاصمة.\n\n" + paras[2] + "\n\n" + paras[7]
	docs := []neardup.Document{
		{ID: "000", Text: all["000"]}, {ID: "comp", Text: composite},
		{ID: "004", Text: all["004"]}, {ID: "copy", Text: respell(all["000"])}, {ID: "dots", Text: "..."},
	}
	pairs := func(cfg neardup.Config) []string {
		c := neardup.NewCorpus(cfg)
		require.NoError(t, c.AddBatch(docs))
		ps, err := c.Pairs(compare.PartialReuse)
		require.NoError(t, err)
		var out []string
		for _, p := range ps {
			out = append(out, p.A+"-"+p.B)
		}
		return out
	}
	assert.Equal(t, []string{"000-comp", "000-copy", "comp-copy"}, pairs(neardup.Default))

	// Fingerprints alone (every seed window held by two documents or
	// more skipped): the copy, not the composite.
	cfg := neardup.Default
	cfg.Marks.MaxDF = 1
	assert.Equal(t, []string{"000-copy"}, pairs(cfg))
	// Neither filter: nothing is compared.
	cfg.Radius = -1
	assert.Empty(t, pairs(cfg))
	// Marks alone find everything here.
	cfg = neardup.Default
	cfg.Radius = -1
	assert.Equal(t, []string{"000-comp", "000-copy", "comp-copy"}, pairs(cfg))
	cfg.Marks.MinShared = 1000
	assert.Empty(t, pairs(cfg))
	// No cache: every candidate is prepared again; same result.
	cfg = neardup.Default
	cfg.CacheBytes = -1
	assert.Equal(t, []string{"000-comp", "000-copy", "comp-copy"}, pairs(cfg))
}

// Pairs and Clusters read documents back from the store; a Remove running
// beside them must not pull one out from under them.
func TestCorpusPairsWhileRemoving(t *testing.T) {
	all := seeds(t)
	cfg := neardup.Default
	cfg.CacheBytes = -1 // every document read back from the store
	c := neardup.NewCorpus(cfg)
	var docs []neardup.Document
	for i := range 60 {
		docs = append(docs, neardup.Document{ID: fmt.Sprint(i), Text: respell(all[fmt.Sprintf("00%d", i%5)])})
	}
	require.NoError(t, c.AddBatch(docs))
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 60 {
			removed, err := c.Remove(fmt.Sprint(i))
			assert.NoError(t, err)
			assert.True(t, removed)
		}
	})
	for range 20 {
		_, err := c.Pairs(compare.PartialReuse)
		require.NoError(t, err)
		_, err = c.Clusters()
		require.NoError(t, err)
	}
	wg.Wait()
	assert.Zero(t, c.Len())
}

// An ID the store cannot keep fails its own document only.
func TestCorpusLongID(t *testing.T) {
	all := seeds(t)
	c := neardup.NewCorpus(neardup.Default)
	long := strings.Repeat("x", store.MaxIDLen+1)
	err := c.AddBatch([]neardup.Document{{ID: "a", Text: all["000"]}, {ID: long, Text: all["001"]}, {ID: "b", Text: all["002"]}})
	require.ErrorIs(t, err, neardup.ErrLongID)
	var de *neardup.DocumentError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, long, de.ID)
	assert.Less(t, len(err.Error()), 400, "the message shows the start of the ID, not all of it")
	assert.Equal(t, 2, c.Len(), "the others are added")
	assert.ErrorIs(t, c.Add(long, all["003"]), neardup.ErrLongID)
	require.NoError(t, c.Add(strings.Repeat("x", store.MaxIDLen), all["003"]), "the longest ID kept")
}

// Stats counts the postings the index holds: a removed document's until
// the index compacts, which Pairs does, and then only the live ones.
func TestCorpusStatsPostings(t *testing.T) {
	all := seeds(t)
	c := neardup.NewCorpus(neardup.Default)
	kept := neardup.NewCorpus(neardup.Default)
	for _, id := range []string{"000", "001", "002", "003", "004"} {
		require.NoError(t, c.Add(id, all[id]))
		if id >= "003" {
			require.NoError(t, kept.Add(id, all[id]))
		}
	}
	before := c.Stats().Postings
	require.Positive(t, before)
	for _, id := range []string{"000", "001", "002"} {
		removed, err := c.Remove(id)
		require.NoError(t, err)
		require.True(t, removed)
	}
	assert.Equal(t, before, c.Stats().Postings, "held until compaction")
	_, err := c.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	assert.Equal(t, kept.Stats().Postings, c.Stats().Postings)
	assert.Less(t, c.Stats().Postings, before)
}

// After Close a corpus answers nothing from memory it could not also
// read from its store.
func TestCorpusAfterClose(t *testing.T) {
	all := seeds(t)
	for name, open := range map[string]func() *neardup.Corpus{
		"memory": func() *neardup.Corpus { return neardup.NewCorpus(neardup.Default) },
		"bolt": func() *neardup.Corpus {
			c, err := neardup.Open(filepath.Join(t.TempDir(), "c.db"), neardup.Default)
			require.NoError(t, err)
			return c
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := open()
			require.NoError(t, c.Add("000", all["000"]))
			require.NoError(t, c.Close())
			assert.ErrorIs(t, c.Close(), store.ErrClosed)
			assert.ErrorIs(t, c.Add("001", all["001"]), store.ErrClosed)
			assert.ErrorIs(t, c.AddBatch([]neardup.Document{{ID: "001", Text: all["001"]}}), store.ErrClosed)
			_, err := c.Remove("000")
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.NearDuplicates(all["000"], 3)
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.NearDuplicates(" ، ", 3)
			assert.ErrorIs(t, err, store.ErrClosed, "closed before featureless")
			assert.ErrorIs(t, c.AddBatch(nil), store.ErrClosed)
			_, err = c.Sources(all["000"])
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.Pairs(compare.PartialReuse)
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.Clusters()
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.Fingerprint("000")
			assert.ErrorIs(t, err, store.ErrClosed)
			_, err = c.Text("000")
			assert.ErrorIs(t, err, store.ErrClosed)
			assert.Equal(t, 1, c.Len())
		})
	}
}

// ClustersOf joins near-duplicate and identical pairs transitively,
// leaves partial reuse out, and orders members and groups by insertion.
func TestClustersOf(t *testing.T) {
	c := neardup.NewCorpus(neardup.Default)
	ids := []string{"d0", "d1", "d2", "d3", "d4", "d5", "d6"}
	for _, id := range ids {
		require.NoError(t, c.Add(id, "نص "+id))
	}
	nd := compare.Report{Verdict: compare.NearDuplicate}
	pr := compare.Report{Verdict: compare.PartialReuse}
	pairs := []neardup.Pair{
		{A: "d1", B: "d5", Report: nd},
		{A: "d3", B: "d5", Report: nd}, // 1-5-3: transitive
		{A: "d0", B: "d2", Report: pr}, // partial reuse joins nothing
		{A: "d4", B: "d6", Report: compare.Report{Verdict: compare.Identical}},
		{A: "d6", B: "gone", Report: nd}, // not in the corpus
	}
	assert.Equal(t, [][]string{{"d1", "d3", "d5"}, {"d4", "d6"}}, c.ClustersOf(pairs))
	assert.Empty(t, c.ClustersOf(nil))
}

// Compare aligns two stored documents as Pairs does, with the corpus's
// statistics, and says so when one is missing; a store reopened (its
// statistics from the snapshot) or rebuilt gives the same reports.
func TestCorpusCompare(t *testing.T) {
	texts := seeds(t)
	path := filepath.Join(t.TempDir(), "c.db")
	c, err := neardup.Open(path, neardup.Default)
	require.NoError(t, err)
	var docs []neardup.Document
	for id, text := range texts {
		docs = append(docs, neardup.Document{ID: id, Text: text})
	}
	docs = append(docs, neardup.Document{ID: "copy", Text: texts["000"] + "\n\nخاتمة جديدة للنص."})
	require.NoError(t, c.AddBatch(docs))
	pairs, err := c.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	require.NotEmpty(t, pairs)
	for _, p := range pairs {
		r, err := c.Compare(p.A, p.B)
		require.NoError(t, err)
		assert.Equal(t, p.Report, r)
	}
	_, err = c.Compare("000", "nope")
	assert.ErrorIs(t, err, neardup.ErrNotFound)
	require.NoError(t, c.Close())

	c, err = neardup.OpenReadOnly(path, neardup.Default)
	require.NoError(t, err)
	defer c.Close()
	for _, p := range pairs {
		r, err := c.Compare(p.A, p.B)
		require.NoError(t, err)
		assert.Equal(t, p.Report, r, "after reopening")
	}
}
