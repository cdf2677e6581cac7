package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// checkOut mirrors the JSON of index check.
type checkOut struct {
	Path      string `json:"path"`
	Format    int    `json:"format"`
	FileBytes int64  `json:"file_bytes"`
	Stats     *struct {
		Records   int   `json:"records"`
		TextBytes int64 `json:"text_bytes"`
		Snapshots int   `json:"snapshots"`
	} `json:"stats"`
	Damage []struct {
		Record *uint32 `json:"record"`
		ID     *string `json:"id"`
		Error  string  `json:"error"`
	} `json:"damage"`
	Seconds float64 `json:"seconds"`
}

func checkStore(t *testing.T, db string) (outcome, checkOut) {
	t.Helper()
	out := dedupeCmd(t, "index", "check", "--db", db, "--format", "json")
	var c checkOut
	dec := json.NewDecoder(bytes.NewReader([]byte(out.stdout)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&c), out.stdout+out.stderr)
	return out, c
}

func TestIndexCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "wire.db")
	out := dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	clean, err := os.ReadFile(db)
	require.NoError(t, err)

	out, c := checkStore(t, db)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Empty(t, out.stderr)
	require.NotNil(t, c.Stats)
	assert.Equal(t, 5, c.Stats.Records)
	assert.Equal(t, 2, c.Stats.Snapshots, "the mark index and the stem counts")
	assert.Empty(t, c.Damage)
	out = dedupeCmd(t, "index", "check", "--db", db)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "5 records")
	assert.Contains(t, out.stdout, "no damage found")

	// One byte of a stored text changed: check names the document, and
	// a query that reads it fails, naming it too.
	text := fixture.Seed(t, seed0)
	at := bytes.Index(clean, []byte(text[1000:1100]))
	require.Positive(t, at, "the text is stored as it is")
	damaged := bytes.Clone(clean)
	damaged[at] ^= 0x20
	require.NoError(t, os.WriteFile(db, damaged, 0o644))
	out, c = checkStore(t, db)
	assert.Equal(t, cli.ExitFound, out.code)
	require.Len(t, c.Damage, 1)
	require.NotNil(t, c.Damage[0].ID)
	assert.Equal(t, seed0, *c.Damage[0].ID)
	assert.Contains(t, c.Damage[0].Error, "checksum")
	assert.Contains(t, out.stderr, seed0)
	out = dedupeCmd(t, "index", "query", "--db", db, filepath.Join(seedsDir, seed0))
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "corrupt")
	assert.Contains(t, out.stderr, seed0)

	// Cut short: every command refuses it, none crashes.
	require.NoError(t, os.WriteFile(db, clean[:len(clean)/3], 0o644))
	out, c = checkStore(t, db)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Nil(t, c.Stats)
	require.Len(t, c.Damage, 1)
	assert.Contains(t, c.Damage[0].Error, "cut short")
	for _, args := range [][]string{
		{"index", "stats", "--db", db},
		{"index", "query", "--db", db, seedsDir},
		{"index", "add", "--db", db, seedsDir},
	} {
		out := dedupeCmd(t, args...)
		assert.Equal(t, cli.ExitError, out.code, args)
		assert.Contains(t, out.stderr, "cut short", args)
		assert.Contains(t, out.stderr, "index check", args)
	}

	// A store of the first format is another version, to build again.
	require.NoError(t, os.WriteFile(db, clean, 0o644))
	bdb, err := bolt.Open(db, 0o644, nil)
	require.NoError(t, err)
	require.NoError(t, bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("neardup")).Put([]byte("format"), []byte("1"))
	}))
	require.NoError(t, bdb.Close())
	out = dedupeCmd(t, "index", "check", "--db", db)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "build the store again")

	out = dedupeCmd(t, "index", "check", "--db", db, seedsDir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "takes no inputs")
}
