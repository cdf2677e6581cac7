package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The table compare ships is the one this command learns from the
// corpus (when the corpus is here to learn from).
func TestTableIsReproduced(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "saudinewsnet")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no corpus at %s", dir)
	}
	if testing.Short() || raceEnabled {
		t.Skip("learning reads and aligns the whole corpus; skipped in -short mode and under the race detector")
	}
	var got bytes.Buffer
	require.NoError(t, run(&got, dir, 5, 0.04))
	want, err := os.ReadFile(filepath.Join("..", "..", "compare", "paraphrases.txt"))
	require.NoError(t, err)
	assert.Equal(t, string(want), got.String())
}

// A directory without the dumps is an error, not an empty table.
func TestNoCorpus(t *testing.T) {
	var out bytes.Buffer
	assert.ErrorContains(t, run(&out, t.TempDir(), 5, 0.04), "no *.zip file")
	assert.Empty(t, out.String())
}
