package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// copiesFile writes n JSON Lines records of one 600-rune text (the
// issue's case), then seed 001, and returns the file.
func copiesFile(t testing.TB, dir string, n int) string {
	text := []rune(strings.Join(fixture.Paragraphs(fixture.Seed(t, seed0)), " "))[:600]
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"copy-%05d","text":%q}`+"\n", i, string(text))
	}
	one, err := json.Marshal(fixture.Seed(t, "001_04372fc662654fe5.txt"))
	require.NoError(t, err)
	fmt.Fprintf(&b, `{"id":"other","text":%s}`+"\n", one)
	return fixture.Write(t, dir, "copies.jsonl", b.String())
}

// 2,000 identical documents are one group and one cluster: no pair, and
// a report of well under 2 MB (it was 2 GB of pairs).
func TestIdenticalDocumentsAreOneGroup(t *testing.T) {
	p := copiesFile(t, t.TempDir(), 2000)
	out := dedupeCmd(t, "--format", "json", p)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Less(t, len(out.stdout), 2<<20)
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Groups, 1)
	g := r.Groups[0]
	assert.Equal(t, "copy-00000", g.Representative)
	assert.Len(t, g.Copies, 1999)
	assert.Equal(t, "copy-01999", g.Copies[1998])
	assert.Equal(t, 1, g.Cluster)
	require.Len(t, r.Clusters, 1)
	assert.Len(t, r.Clusters[0].Members, 2000)
	assert.Empty(t, r.Pairs)
	assert.Equal(t, 1, r.Stats["groups"])

	text := dedupeCmd(t, p)
	require.Equal(t, cli.ExitOK, text.code, text.stderr)
	assert.Contains(t, text.stdout, "Group 1 (cluster 1): 2000 documents identical after folding")
	assert.Less(t, len(text.stdout), 2<<20)
}

// A query with many identical stored copies aligns one of them and
// lists the others.
func TestIndexQueryOfCopies(t *testing.T) {
	dir := t.TempDir()
	p := copiesFile(t, dir, 30)
	db := filepath.Join(dir, "c.db")
	out := dedupeCmd(t, "index", "add", "--db", db, p)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q := fixture.Write(t, dir, "q.jsonl", strings.SplitN(readFile(t, p), "\n", 2)[0]+"\n")
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", q)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var res struct {
		Results []struct {
			Sources []struct {
				A      string   `json:"a"`
				Copies []string `json:"copies"`
			} `json:"sources"`
		} `json:"results"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &res))
	require.Len(t, res.Results, 1)
	require.Len(t, res.Results[0].Sources, 1, "its own ID left out, one of the other 29 aligned")
	src := res.Results[0].Sources[0]
	assert.Equal(t, "copy-00001", src.A)
	assert.Len(t, src.Copies, 28)

	out = dedupeCmd(t, "index", "query", "--db", db, q)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "and its 28 copies, identical after folding, not aligned:")
}

// BenchmarkIdenticalDocuments runs the batch job on N copies of one
// text: its time grows as N (2,000 copies took 29 s when they were
// paired).
func BenchmarkIdenticalDocuments(b *testing.B) {
	for _, n := range []int{2000, 5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := copiesFile(b, b.TempDir(), n)
			for b.Loop() {
				if out := dedupeCmd(b, "--format", "json", p); out.code != cli.ExitOK {
					b.Fatal(out.stderr)
				}
			}
		})
	}
}
