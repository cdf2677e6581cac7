package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

func TestHasFlag(t *testing.T) {
	assert.True(t, hasFlag([]string{"--pairs", "f"}, "pairs"))
	assert.True(t, hasFlag([]string{"a", "-pairs=f"}, "pairs"))
	assert.True(t, hasFlag([]string{"--format", "json", "--pairs=f"}, "pairs"))
	assert.False(t, hasFlag([]string{"a", "b"}, "pairs"))
	assert.False(t, hasFlag([]string{"--", "--pairs"}, "pairs"))
	assert.False(t, hasFlag([]string{"--pairsx"}, "pairs"))
}

type compareLine struct {
	Documents []struct {
		ID string `json:"id"`
	}
	Pair pairOut
}

func TestComparePairs(t *testing.T) {
	a, b, _ := compareFixture(t)
	dir := filepath.Dir(a)
	c := fixture.Write(t, dir, "respelled.txt", fixture.Respell(fixture.Seed(t, seed0)))
	list := fixture.Write(t, dir, "pairs.tsv", "# A\tB\n"+a+"\t"+b+"\n\n"+a+"\t"+c+"\r\n"+b+"\t"+c+"\n")

	res := dedupeCmd(t, "compare", "--pairs", list)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	require.Len(t, lines, 3)
	for i, want := range []struct{ a, b, verdict string }{
		{a, b, "partial-reuse"}, {a, c, "identical"}, {b, c, "partial-reuse"},
	} {
		assert.Equal(t, []string{"schema_version", "documents", "pair"}, fixture.Keys(t, lines[i]))
		var r compareLine
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &r))
		require.Len(t, r.Documents, 2)
		assert.Equal(t, want.a, r.Documents[0].ID)
		assert.Equal(t, want.b, r.Documents[1].ID)
		assert.Equal(t, want.a, r.Pair.A)
		assert.Equal(t, want.verdict, r.Pair.Verdict)
	}

	// Each line is what compare --format json writes for the pair.
	one := dedupeCmd(t, "compare", "--format", "json", a, b)
	require.Equal(t, cli.ExitOK, one.code)
	var x, y any
	require.NoError(t, json.Unmarshal([]byte(one.stdout), &x))
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &y))
	assert.Equal(t, x, y)

	res = dedupeCmd(t, "compare", "--fail-on-duplicates", "--pairs", list)
	assert.Equal(t, cli.ExitFound, res.code)
}

func TestComparePairsErrors(t *testing.T) {
	a, b, _ := compareFixture(t)
	dir := filepath.Dir(a)
	missing := filepath.Join(dir, "missing.txt")
	list := fixture.Write(t, dir, "pairs.tsv", a+"\t"+b+"\n"+"just one path\n"+a+"\t"+missing+"\n")
	res := dedupeCmd(t, "compare", "--pairs", list)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "dedupe compare: "+list+":2: want two paths separated by one tab\n")
	assert.Contains(t, res.stderr, "missing.txt")
	assert.Contains(t, res.stderr, "dedupe compare: 2 problems; 1 of 2 pairs left out\n")
	assert.Equal(t, 1, strings.Count(res.stdout, "\n"), "the good pair is still compared")

	res = dedupeCmd(t, "compare", "--pairs", list, a, b)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "give no files A and B")
	res = dedupeCmd(t, "compare", "--pairs", list, "--format", "text")
	assert.Equal(t, cli.ExitError, res.code)
	res = dedupeCmd(t, "compare", "--pairs", missing)
	assert.Equal(t, cli.ExitError, res.code)
	res = dedupeCmd(t, "compare", "--pairs", list, "-h")
	assert.Equal(t, cli.ExitOK, res.code)
	assert.Contains(t, res.stdout, "dedupe compare --pairs FILE")
}
