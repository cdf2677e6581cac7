package neardup_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
)

// copiesCorpus returns a corpus of the seeds with n copies of seed 000
// (every other one respelled, which folds away) added among them, and
// an article reusing two paragraphs of 000, with the configuration cfg.
func copiesCorpus(t *testing.T, cfg neardup.Config, n int) (*neardup.Corpus, []string) {
	t.Helper()
	all := seeds(t)
	c := neardup.NewCorpus(cfg)
	paras := strings.Split(all["000"], "\n\n")
	docs := []neardup.Document{
		{ID: "001", Text: all["001"]},
		{ID: "000", Text: all["000"]},
		{ID: "reuse", Text: paras[2] + "\n\n" + all["003"] + "\n\n" + paras[5]},
	}
	var copies []string
	for i := range n {
		id := fmt.Sprintf("copy-%02d", i)
		text := all["000"]
		if i%2 == 1 {
			text = respell(text)
		}
		docs = append(docs, neardup.Document{ID: id, Text: text})
		copies = append(copies, id)
	}
	docs = append(docs, neardup.Document{ID: "002", Text: all["002"]})
	require.NoError(t, c.AddBatch(docs))
	return c, copies
}

// A group of copies is aligned through its first document only: its
// copies are in no pair, and the pairs left are those of the first.
func TestStoriesGroupCopies(t *testing.T) {
	c, copies := copiesCorpus(t, neardup.Default, 12)
	pairs, groups, err := c.Stories(compare.PartialReuse)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Group{{Representative: "000", Copies: copies}}, groups)
	for _, p := range pairs {
		assert.NotContains(t, copies, p.A)
		assert.NotContains(t, copies, p.B)
	}

	// The same corpus paired copy by copy: the representative's pairs
	// are the same, and each copy has them too.
	all := neardup.Default
	all.GroupSize = 1000
	c2, _ := copiesCorpus(t, all, 12)
	every, groups2, err := c2.Stories(compare.PartialReuse)
	require.NoError(t, err)
	assert.Empty(t, groups2)
	var of000 []neardup.Pair
	for _, p := range every {
		if p.A == "000" && !strings.HasPrefix(p.B, "copy-") {
			of000 = append(of000, p)
		}
	}
	require.NotEmpty(t, of000)
	var grouped []neardup.Pair
	for _, p := range pairs {
		if p.A == "000" {
			grouped = append(grouped, p)
		}
	}
	assert.Equal(t, of000, grouped)
	assert.Len(t, every, len(pairs)+12*13/2+12*len(of000), "each copy with 000, each other, and 000's others")

	// Clusters hold the copies either way.
	cl, err := c.Clusters()
	require.NoError(t, err)
	cl2, err := c2.Clusters()
	require.NoError(t, err)
	assert.Equal(t, cl2, cl)
	require.Len(t, cl, 1)
	assert.Equal(t, append([]string{"000"}, copies...), cl[0])
	assert.Equal(t, cl, c.ClustersOf(pairs, groups...))

	// Pairs is Stories without the groups.
	p, err := c.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	assert.Equal(t, pairs, p)
}

// Below the group size, copies are paired as any near-duplicates.
func TestStoriesFewCopiesArePaired(t *testing.T) {
	c, copies := copiesCorpus(t, neardup.Default, neardup.DefaultGroupSize-2)
	pairs, groups, err := c.Stories(compare.NearDuplicate)
	require.NoError(t, err)
	assert.Empty(t, groups)
	n := len(copies) + 1
	assert.Len(t, pairs, n*(n-1)/2)
	for _, p := range pairs {
		assert.Equal(t, compare.Identical, p.Report.Verdict)
	}
}

// A query with many identical stored sources aligns one and lists the
// others as its copies.
func TestQueryGroupsCopies(t *testing.T) {
	c, copies := copiesCorpus(t, neardup.Default, 12)
	all := seeds(t)
	d, err := neardup.Prepare(all["000"] + "\n\nخبر إضافي في آخر المقال عن موضوع آخر تماما.")
	require.NoError(t, err)
	ans, err := c.Query(neardup.Query{Doc: d, Radius: neardup.DefaultRadius})
	require.NoError(t, err)
	var got []string
	for _, s := range ans.Sources {
		got = append(got, s.ID)
		if s.ID == "000" {
			assert.Equal(t, copies, s.Copies)
			assert.GreaterOrEqual(t, s.Report.Verdict, compare.NearDuplicate)
		} else {
			assert.Empty(t, s.Copies)
		}
	}
	assert.Contains(t, got, "000")
	for _, id := range copies {
		assert.NotContains(t, got, id)
	}
	assert.Len(t, ans.NearDuplicates, 13, "fingerprints list every copy")

	// Its own ID left out, a copy's query has the rest grouped.
	d, err = neardup.Prepare(all["000"])
	require.NoError(t, err)
	ans, err = c.Query(neardup.Query{Doc: d, ID: "000", Radius: 0})
	require.NoError(t, err)
	require.NotEmpty(t, ans.Sources)
	assert.Equal(t, "copy-00", ans.Sources[0].ID)
	assert.Equal(t, copies[1:], ans.Sources[0].Copies)
}
