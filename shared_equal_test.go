package neardup_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
)

// The corpus in PostgreSQL answers as the embedded one does, on the same
// documents added in the same order: near-duplicates, sources with their
// reports, queries naming their own ID, pairs and clusters.

// sameAnswers checks that shared answers every query as mem does, for
// the texts of docs asked (a stored document by its ID, and its text as
// a new one), and returns how many sources they found.
func sameAnswers(t *testing.T, mem, shared *neardup.Corpus, docs []neardup.Document) int {
	t.Helper()
	found := 0
	for _, d := range docs {
		want, err := mem.Of(d.ID, neardup.DefaultRadius)
		require.NoError(t, err)
		got, err := shared.Of(d.ID, neardup.DefaultRadius)
		require.NoError(t, err)
		require.Equal(t, want, got, "Of(%q)", d.ID)
		found += len(want.Sources)

		wantNear, err := mem.NearDuplicates(d.Text, 8)
		require.NoError(t, err)
		gotNear, err := shared.NearDuplicates(d.Text, 8)
		require.NoError(t, err)
		require.Equal(t, wantNear, gotNear, "NearDuplicates(%q)", d.ID)

		wantSrc, err := mem.Sources(d.Text)
		require.NoError(t, err)
		gotSrc, err := shared.Sources(d.Text)
		require.NoError(t, err)
		require.Equal(t, wantSrc, gotSrc, "Sources(%q)", d.ID)
	}
	return found
}

// bothCorpora adds docs to an embedded corpus and to one in PostgreSQL.
func bothCorpora(t *testing.T, docs []neardup.Document) (mem, shared *neardup.Corpus) {
	t.Helper()
	mem = neardup.NewCorpus(neardup.Default)
	t.Cleanup(func() { mem.Close() })
	require.NoError(t, mem.AddBatch(docs))
	shared, _ = openShared(t, neardup.Default)
	require.NoError(t, shared.AddBatch(docs))
	return mem, shared
}

func TestSharedEqualsEmbeddedOnSeeds(t *testing.T) {
	all := seeds(t)
	var docs []neardup.Document
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range all {
			if !yield(id) {
				return
			}
		}
	}) {
		docs = append(docs, neardup.Document{ID: id, Text: all[id]})
		// A respelled copy and half of each: near-duplicates and sources
		// for the seeds, which share no passage with each other.
		docs = append(docs, neardup.Document{ID: id + "-respelled", Text: respell(all[id])})
		docs = append(docs, neardup.Document{ID: id + "-half", Text: all[id][:len(all[id])/2]})
	}
	// A group of copies (neardup.DefaultGroupSize of one text), which
	// queries and stories treat as one document.
	for k := range neardup.DefaultGroupSize {
		docs = append(docs, neardup.Document{ID: fmt.Sprintf("002-copy-%d", k), Text: all["002"]})
	}
	mem, shared := bothCorpora(t, docs)
	assert.Equal(t, mem.Len(), shared.Len())
	found := sameAnswers(t, mem, shared, docs)
	assert.Positive(t, found, "the seeds' copies are sources of each other")

	wantIDs, err := mem.IDs()
	require.NoError(t, err)
	gotIDs, err := shared.IDs()
	require.NoError(t, err)
	assert.Equal(t, wantIDs, gotIDs)

	wantPairs, err := mem.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	gotPairs, err := shared.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	assert.NotEmpty(t, wantPairs)
	assert.Equal(t, wantPairs, gotPairs)
	wantClusters, err := mem.Clusters()
	require.NoError(t, err)
	gotClusters, err := shared.Clusters()
	require.NoError(t, err)
	assert.NotEmpty(t, wantClusters)
	assert.Equal(t, wantClusters, gotClusters)
	assert.Equal(t, mem.ClustersOf(wantPairs), shared.ClustersOf(gotPairs))
	wantPairs, wantGroups, err := mem.Stories(compare.PartialReuse)
	require.NoError(t, err)
	gotPairs, gotGroups, err := shared.Stories(compare.PartialReuse)
	require.NoError(t, err)
	require.Len(t, wantGroups, 1, "the copies of 002 (and 002 itself) are a group")
	assert.Equal(t, wantPairs, gotPairs)
	assert.Equal(t, wantGroups, gotGroups)
	assert.Equal(t, mem.ClustersOf(wantPairs, wantGroups...), shared.ClustersOf(gotPairs, gotGroups...))
	src, err := shared.Sources(all["002"])
	require.NoError(t, err)
	require.NotEmpty(t, src)
	// The copies and the respelled one, whose folded text is the same.
	assert.Len(t, src[0].Copies, neardup.DefaultGroupSize+1, "a query lists the group's copies beside its first")

	r1, err := mem.Compare("000", "000-half")
	require.NoError(t, err)
	r2, err := shared.Compare("000", "000-half")
	require.NoError(t, err)
	assert.Equal(t, r1, r2)
	for _, d := range docs {
		fp1, err1 := mem.Fingerprint(d.ID)
		fp2, err2 := shared.Fingerprint(d.ID)
		assert.Equal(t, fp1, fp2)
		assert.Equal(t, err1, err2)
		text, err := shared.Text(d.ID)
		require.NoError(t, err)
		assert.Equal(t, d.Text, text)
	}

	// After removals, the same again.
	for _, id := range []string{"001", "003-half"} {
		ok1, err := mem.Remove(id)
		require.NoError(t, err)
		ok2, err := shared.Remove(id)
		require.NoError(t, err)
		assert.True(t, ok1)
		assert.True(t, ok2)
	}
	assert.Equal(t, mem.Len(), shared.Len())
	left := slices.DeleteFunc(slices.Clone(docs), func(d neardup.Document) bool { return d.ID == "001" || d.ID == "003-half" })
	sameAnswers(t, mem, shared, left)
	wantClusters, err = mem.Clusters()
	require.NoError(t, err)
	gotClusters, err = shared.Clusters()
	require.NoError(t, err)
	assert.Equal(t, wantClusters, gotClusters)
	st1, st2 := mem.Stats(), shared.Stats()
	assert.Equal(t, st1.Documents, st2.Documents)
	assert.Equal(t, st1.Fingerprints, st2.Fingerprints)
}

// On a few thousand SaudiNewsNet articles: every answer about 300 of
// them, every pair and cluster.
func TestSharedEqualsEmbeddedOnSaudiNewsNet(t *testing.T) {
	if testing.Short() {
		t.Skip("adds 3,000 articles to PostgreSQL")
	}
	docs := newsArticles(t, 3000)
	mem := neardup.NewCorpus(neardup.Default)
	t.Cleanup(func() { mem.Close() })
	require.NoError(t, mem.AddBatch(docs))
	// Two writers add the documents in turns, in the same order, and a
	// third process that added nothing answers: what it knows of the
	// corpus (the count of documents, the frequencies the cut and the
	// statistics use) is the database's, not its own.
	w1, url := openShared(t, neardup.Default)
	w2, err := neardup.Open(url, neardup.Default)
	require.NoError(t, err)
	defer w2.Close()
	for i := 0; i < len(docs); i += 200 {
		w := []*neardup.Corpus{w1, w2}[i/200%2]
		require.NoError(t, w.AddBatch(docs[i:min(i+200, len(docs))]))
	}
	shared, err := neardup.OpenReadOnly(url, neardup.Default)
	require.NoError(t, err)
	defer shared.Close()
	require.Equal(t, mem.Len(), shared.Len())
	var asked []neardup.Document
	for i := 0; i < len(docs); i += 10 {
		asked = append(asked, docs[i])
	}
	found := sameAnswers(t, mem, shared, asked)
	assert.Positive(t, found)
	wantPairs, err := mem.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	gotPairs, err := shared.Pairs(compare.PartialReuse)
	require.NoError(t, err)
	require.Equal(t, len(wantPairs), len(gotPairs))
	for i := range wantPairs {
		require.Equal(t, wantPairs[i], gotPairs[i], fmt.Sprintf("pair %d", i))
	}
	wantClusters, err := mem.Clusters()
	require.NoError(t, err)
	gotClusters, err := shared.Clusters()
	require.NoError(t, err)
	assert.Equal(t, wantClusters, gotClusters)
}
