package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
	"github.com/neardup/neardup/store"
)

// fullDisk is a store whose writes fail once it holds some records.
type fullDisk struct {
	store.Memory
	puts int
}

func (f *fullDisk) Put(recs []store.Record, texts []string) error {
	if f.puts == 0 {
		return fmt.Errorf("write wire.db: %w", syscall.ENOSPC)
	}
	f.puts--
	return f.Memory.Put(recs, texts)
}

// A full disk stops index add at the first failed write, with one line
// saying so and the summary of what was added.
func TestIndexAddStopsAtFullDisk(t *testing.T) {
	defer func(o func(string, neardup.Config) (*neardup.Corpus, error)) { openCorpus = o }(openCorpus)
	openCorpus = func(_ string, cfg neardup.Config) (*neardup.Corpus, error) {
		return neardup.OpenStore(&fullDisk{puts: 3}, cfg)
	}
	dir := t.TempDir()
	var b strings.Builder
	for i := range 3 * addBatchDocs {
		fmt.Fprintf(&b, `{"id":"d%05d","text":"نص الخبر رقم %d عن موضوع ما"}`+"\n", i, i)
	}
	in := fixture.Write(t, dir, "many.jsonl", b.String())
	db := filepath.Join(dir, "wire.db")

	out := dedupeCmd(t, "index", "add", "--db", db, in)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Equal(t, 1, strings.Count(out.stderr, "\n"), out.stderr)
	assert.Contains(t, out.stderr, "no space left on device: stopped, with 1536 documents of this run added and 2560 documents read but not added")
	assert.Contains(t, out.stdout, "Added 1536 documents to "+db+"; stopped at a failed write, 2560 documents not added")

	out = dedupeCmd(t, "index", "add", "--db", db, "--format", "json", in)
	assert.Equal(t, cli.ExitError, out.code)
	var add struct {
		Added      int     `json:"added"`
		WriteError *string `json:"write_error"`
		NotAdded   int     `json:"not_added"`
		Errors     []any   `json:"errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &add))
	assert.Equal(t, 1536, add.Added)
	require.NotNil(t, add.WriteError)
	assert.Contains(t, *add.WriteError, "writing the store failed")
	assert.Equal(t, addBatchDocs-1536, add.NotAdded, "the first batch read, no more")
	assert.Empty(t, add.Errors)
}
