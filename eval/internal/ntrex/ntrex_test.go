package ntrex

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

func TestLines(t *testing.T) {
	assert.Equal(t, [][2]int{{0, 2}, {3, 3}, {4, 7}}, Lines("ab\n\ncde\n"))
	assert.Equal(t, [][2]int{{0, 1}, {2, 4}}, Lines("a\nbc"))
	assert.Empty(t, Lines(""))
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	put := func(name, text string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	_, err := Read(dir)
	assert.ErrorContains(t, err, "no eng/*.txt")
	put("eng/b.txt", "one\ntwo\n")
	put("arb/b.txt", "واحد\nاثنان\n")
	put("eng/a.txt", "x\n")
	_, err = Read(dir)
	assert.Error(t, err, "a has no Arabic file")
	put("arb/a.txt", "س\nص\n")
	_, err = Read(dir)
	assert.ErrorContains(t, err, "a: 1 English lines, 2 Arabic")
	put("arb/a.txt", "س\n")
	ps, err := Read(dir)
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.Equal(t, "a", ps[0].ID, "sorted by ID")
	assert.Equal(t, Pair{ID: "b", English: "one\ntwo\n", Arabic: "واحد\nاثنان\n", EnglishLines: 2, ArabicLines: 2}, ps[1])
}

// A passage predicts every English line it overlaps with every Arabic
// line it overlaps; only line k with line k is correct.
func TestScore(t *testing.T) {
	p := Pair{English: "aa\nbb\ncc\n", Arabic: "xx\nyy\nzz\n"}
	span := func(s, e int) compare.Span { return compare.Span{Start: s, End: e} }
	r := compare.Report{Passages: []compare.Passage{
		{A: span(0, 2), B: span(0, 2)}, // line 0 with 0
		{A: span(3, 8), B: span(3, 5)}, // lines 1 and 2 with 1: one right, one wrong
		{A: span(0, 2), B: span(0, 1)}, // line 0 with 0 again: counted once
	}}
	c := Score(p, r)
	assert.Equal(t, Count{Predicted: 3, Gold: 3, Correct: 2}, c)
	assert.InDelta(t, 2.0/3, c.Precision(), 1e-9)
	assert.InDelta(t, 2.0/3, c.Recall(), 1e-9)
	assert.InDelta(t, 2.0/3, c.F1(), 1e-9)
	c.Add(Count{Predicted: 1, Gold: 1, Correct: 1})
	assert.Equal(t, Count{Predicted: 4, Gold: 4, Correct: 3}, c)
	assert.Zero(t, Count{}.F1(), "undefined is 0")
}
