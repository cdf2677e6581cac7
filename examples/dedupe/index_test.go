package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/store"
)

// queryOut mirrors the JSON of index query, to read it back.
type queryOut struct {
	Results []struct {
		ID             string  `json:"id"`
		Fingerprint    *string `json:"fingerprint"`
		Error          *string `json:"error"`
		NearDuplicates []struct {
			ID       string `json:"id"`
			Distance int    `json:"distance"`
		} `json:"near_duplicates"`
		Sources []struct {
			ID     string `json:"id"`
			Report struct {
				Verdict  string `json:"verdict"`
				Passages []struct {
					A, B struct {
						Start, End int
						Text       string
					}
				} `json:"passages"`
			} `json:"report"`
		} `json:"sources"`
	} `json:"results"`
	Errors []json.RawMessage `json:"errors"`
}

func TestIndexAddQueryStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wire.db")
	out := dedupeCmd(t, "index", "add", "--db", db, "--format", "json", seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var add struct {
		Added   int      `json:"added"`
		Skipped []string `json:"skipped"`
		Store   struct {
			Documents int `json:"documents"`
		} `json:"store"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &add))
	assert.Equal(t, 5, add.Added)
	assert.Empty(t, add.Skipped)
	assert.Equal(t, 5, add.Store.Documents)

	// Adding again skips every ID, and says so.
	out = dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "Added 0 documents")
	assert.Contains(t, out.stdout, "skipped 5 documents already there")

	// Query: a respelled copy of seed 000 and a composite reusing two of
	// its paragraphs.
	dir := t.TempDir()
	orig := readSeed(t, seed0)
	write(t, dir, "copy.txt", respell(orig))
	comp, reused := composite(t)
	write(t, dir, "comp.txt", comp)
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", dir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var q queryOut
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &q))
	require.Len(t, q.Results, 2)
	byID := map[string]int{}
	for i, r := range q.Results {
		byID[r.ID] = i
	}
	cp := q.Results[byID["copy.txt"]]
	require.Len(t, cp.NearDuplicates, 1)
	assert.Equal(t, seed0, cp.NearDuplicates[0].ID)
	require.NotEmpty(t, cp.Sources)
	assert.Equal(t, seed0, cp.Sources[0].ID)
	assert.Contains(t, []string{"identical", "near-duplicate"}, cp.Sources[0].Report.Verdict)

	cm := q.Results[byID["comp.txt"]]
	assert.Empty(t, cm.NearDuplicates, "a composite is not a near-duplicate")
	// Its paragraphs come from 003 and from 000, most from 003.
	require.Len(t, cm.Sources, 2)
	assert.Equal(t, "003_4e929452d58b46a1.txt", cm.Sources[0].ID)
	assert.Equal(t, seed0, cm.Sources[1].ID)
	require.Len(t, cm.Sources[1].Report.Passages, 2)
	for i, p := range cm.Sources[1].Report.Passages {
		// Offsets into both originals, and the texts they hold.
		assert.Equal(t, orig[p.A.Start:p.A.End], p.A.Text)
		assert.Equal(t, comp[p.B.Start:p.B.End], p.B.Text)
		assert.Contains(t, reused[i], strings.TrimSpace(p.B.Text)[:40])
	}

	// A stored document is not its own source.
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q = queryOut{}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &q))
	require.Len(t, q.Results, 5)
	for _, r := range q.Results {
		assert.Empty(t, r.NearDuplicates, r.ID)
		assert.Empty(t, r.Sources, r.ID)
	}
	out = dedupeCmd(t, "index", "query", "--db", db, "--fail-on-duplicates", dir)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Contains(t, out.stdout, "near-duplicate "+isolate(seed0))

	out = dedupeCmd(t, "index", "stats", "--db", db, "--format", "json")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var st struct {
		Format int `json:"format"`
		Stats  struct {
			Documents, Fingerprints, Postings int
		} `json:"stats"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &st))
	assert.Equal(t, store.Format, st.Format)
	assert.Equal(t, 5, st.Stats.Documents)
	assert.Equal(t, 5, st.Stats.Fingerprints)
	assert.Positive(t, st.Stats.Postings)
}

func TestIndexErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"index"}, "dedupe index keeps"},
		{[]string{"index", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"index", "add", seedsDir}, "--db is required"},
		{[]string{"index", "add", "--db", db}, "no inputs"},
		{[]string{"index", "query", "--db", db, seedsDir}, "no such file"},
		{[]string{"index", "stats", "--db", db}, "no such file"},
		{[]string{"index", "stats", "--db", db, "extra"}, "takes no inputs"},
		{[]string{"index", "query", "--db", db, "--radius", "65", seedsDir}, "--radius"},
	}
	for _, c := range cases {
		out := dedupeCmd(t, c.args...)
		assert.Equal(t, cli.ExitError, out.code, c.args)
		assert.Contains(t, out.stdout+out.stderr, c.want, c.args)
	}
	_, err := os.Stat(db)
	assert.True(t, os.IsNotExist(err), "query and stats never create a store")

	// An empty file stays one.
	empty := write(t, dir, "empty.db", "")
	for _, sub := range []string{"stats", "query"} {
		args := []string{"index", sub, "--db", empty}
		if sub == "query" {
			args = append(args, seedsDir)
		}
		out := dedupeCmd(t, args...)
		assert.Equal(t, cli.ExitError, out.code, sub)
		assert.Contains(t, out.stderr, "incomplete", sub)
		assert.Contains(t, out.stderr, "'dedupe index add --db", sub)
		fi, err := os.Stat(empty)
		require.NoError(t, err)
		assert.Zero(t, fi.Size(), "%s made it a store", sub)
	}

	// A file that is not a store.
	bad := write(t, dir, "bad.db", strings.Repeat("not a store\n", 500))
	out := dedupeCmd(t, "index", "stats", "--db", bad)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "corrupt or not a neardup store")

	// Another normalization than the store's.
	out = dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	out = dedupeCmd(t, "index", "query", "--db", db, "--keep-debris", seedsDir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "different configuration")
	assert.Contains(t, out.stderr, "--keep-debris")

	// A bad input is reported; the others are added.
	in := t.TempDir()
	write(t, in, "good.txt", readSeed(t, seed0))
	write(t, in, "empty.txt", "")
	db2 := filepath.Join(dir, "d.db")
	out = dedupeCmd(t, "index", "add", "--db", db2, in)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "empty.txt")
	assert.Contains(t, out.stdout, "Added 1 document ")
}

// Queries open the store read-only: several run at once.
func TestIndexQueriesSideBySide(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wire.db")
	out := dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	// Another reader holds the store throughout.
	held, err := neardup.OpenReadOnly(db, neardup.Default)
	require.NoError(t, err)
	defer held.Close()
	var wg sync.WaitGroup
	outs := make([]outcome, 4)
	for i := range outs {
		wg.Go(func() {
			if i%2 == 0 {
				outs[i] = dedupeCmd(t, "index", "query", "--db", db, seedsDir)
			} else {
				outs[i] = dedupeCmd(t, "index", "stats", "--db", db)
			}
		})
	}
	wg.Wait()
	for i, out := range outs {
		assert.Equal(t, cli.ExitOK, out.code, "%d: %s", i, out.stderr)
	}
	assert.Equal(t, outs[0].stdout, outs[2].stdout)
	out = dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "in use", "an add waits for the readers")
}
