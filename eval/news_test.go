package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// newsRecord is an article as the SaudiNewsNet dumps hold it. Content
// is a pointer so that a record can lack it.
type newsRecord struct {
	Source        string  `json:"source"`
	URL           string  `json:"url"`
	DateExtracted string  `json:"date_extracted"`
	Title         string  `json:"title"`
	Author        string  `json:"author"`
	Content       *string `json:"content,omitempty"`
}

// writeNewsZip writes records to dir/name, a zip of one JSON array, as
// the dumps are laid out.
func writeNewsZip(t testing.TB, dir, name string, records []newsRecord) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	w, err := zw.Create(strings.TrimSuffix(name, ".zip") + ".json")
	require.NoError(t, err)
	require.NoError(t, json.NewEncoder(w).Encode(records))
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}

func ptr(s string) *string { return &s }

// The URLs of the news fixture.
const (
	urlWire    = "http://wire.example/1"  // seed 000
	urlCopy    = "http://daily.example/1" // seed 000 respelled: identical once folded
	urlPart    = "http://other.example/7" // seed 003 with a paragraph of seed 000
	urlElse    = "http://daily.example/2" // seed 001, independent
	urlLater   = "http://other.example/9" // seed 000 again, three days later
	urlSameSrc = "http://wire.example/2"  // seed 000 again, from the wire, same day
)

// newNewsFixture writes a tiny corpus in the SaudiNewsNet layout, made of
// the seed articles, in two zips; a record without content is counted
// and skipped.
func newNewsFixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	s0 := fixture.Seed(t, seed0)
	p3 := fixture.Paragraphs(fixture.Seed(t, "003_4e929452d58b46a1.txt"))
	p0 := fixture.Paragraphs(s0)
	part := strings.Join([]string{p3[0], p3[1], p0[1], p0[2], p3[2], p3[3]}, "\n\n")
	day1, day2 := "2015-07-21 08:00:00", "2015-07-22 23:59:00"
	writeNewsZip(t, dir, "2015-07-21.zip", []newsRecord{
		{Source: "wire", URL: urlWire, DateExtracted: day1, Content: ptr(s0)},
		{Source: "daily", URL: urlCopy, DateExtracted: day1, Content: ptr(fixture.Respell(s0))},
		{Source: "wire", URL: urlSameSrc, DateExtracted: day1, Content: ptr(s0 + "\n\nالمصدر: وكالة")},
		{Source: "daily", URL: "http://daily.example/empty", DateExtracted: day1},
	})
	writeNewsZip(t, dir, "2015-07-22.zip", []newsRecord{
		{Source: "other", URL: urlPart, DateExtracted: day2, Content: ptr(part)},
		{Source: "daily", URL: urlElse, DateExtracted: day2, Content: ptr(fixture.Seed(t, "001_04372fc662654fe5.txt"))},
		{Source: "other", URL: urlLater, DateExtracted: "2015-07-25 10:00:00", Content: ptr(s0)},
	})
	return dir
}

func TestReadNews(t *testing.T) {
	dir := newNewsFixture(t)
	nc, ok := readNews(dir, cli.NewProgress(cli.Env{}), "test")
	require.True(t, ok)
	assert.Equal(t, 2, nc.zips)
	assert.Equal(t, 1, nc.noText)
	require.Len(t, nc.docs, 6)
	assert.Equal(t, 0, nc.byID[urlWire])
	assert.Equal(t, 3, nc.byID[urlPart])
	assert.Equal(t, "other", nc.docs[3].Meta["source"])

	var stderr strings.Builder
	_, ok = readNews(t.TempDir(), cli.NewProgress(cli.Env{Stderr: &stderr}), "test")
	assert.False(t, ok)
	assert.Contains(t, stderr.String(), "test: no *.zip file in ")

	// A damaged dump is an error, not a smaller corpus.
	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, "2015-07-21.zip"), []byte("not a zip"), 0o644))
	stderr.Reset()
	_, ok = readNews(bad, cli.NewProgress(cli.Env{Stderr: &stderr}), "test")
	assert.False(t, ok)
	assert.Contains(t, stderr.String(), "2015-07-21.zip")
}

func TestUniqueIDs(t *testing.T) {
	docs := []*document{{}, {}, {}, {}}
	for i, id := range []string{"u", "v", "u", "u"} {
		docs[i].ID, docs[i].Source = id, "z.zip!a.json#"+string(rune('0'+i))
	}
	docs[3].Source = docs[2].Source // as if read twice
	byID := uniqueIDs(docs)
	assert.Equal(t, []string{"u", "v", "z.zip!a.json#2", "z.zip!a.json#2#2"},
		[]string{docs[0].ID, docs[1].ID, docs[2].ID, docs[3].ID})
	assert.Equal(t, map[string]int{"u": 0, "v": 1, "z.zip!a.json#2": 2, "z.zip!a.json#2#2": 3}, byID)
}

func TestTurned(t *testing.T) {
	b := &batchReport{pairs: map[docPair]compare.Report{}}
	r := compare.Report{Verdict: compare.PartialReuse, CoverageA: 0.25, CoverageB: 0.5, LenA: 10, LenB: 20,
		ContainmentA: 0.1, ContainmentB: 0.2, Passages: []compare.Passage{{A: compare.Span{Start: 1}, B: compare.Span{Start: 2}}}}
	b.pairs[docPair{3, 7}] = r
	got, ok := b.lookup(3, 7)
	require.True(t, ok)
	assert.Equal(t, r, got)
	got, ok = b.lookup(7, 3)
	require.True(t, ok)
	assert.Equal(t, 0.5, got.CoverageA)
	assert.Equal(t, 0.2, got.ContainmentA)
	assert.Equal(t, 20, got.LenA)
	assert.Equal(t, 2, got.Passages[0].A.Start)
	assert.Equal(t, r, turned(got))
	_, ok = b.lookup(3, 8)
	assert.False(t, ok)
}
