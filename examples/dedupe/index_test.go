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
	"github.com/neardup/neardup/internal/fixture"
	"github.com/neardup/neardup/store"
)

// queryOut mirrors the JSON of index query, to read it back.
type queryOut struct {
	SchemaVersion int `json:"schema_version"`
	Results       []struct {
		ID             string  `json:"id"`
		Source         string  `json:"source"`
		Fingerprint    *string `json:"fingerprint"`
		Error          *string `json:"error"`
		NearDuplicates []struct {
			ID       string `json:"id"`
			Distance int    `json:"distance"`
			Verdict  string `json:"verdict"`
		} `json:"near_duplicates"`
		Sources []pairOut `json:"sources"`
	} `json:"results"`
	Errors []json.RawMessage `json:"errors"`
}

// decodeQuery parses the output of index query --format json, refusing
// keys the schema does not have.
func decodeQuery(t *testing.T, out string) queryOut {
	t.Helper()
	var q queryOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&q), out)
	assert.Equal(t, schemaVersion, q.SchemaVersion)
	return q
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
	orig := fixture.Seed(t, seed0)
	fixture.Write(t, dir, "copy.txt", fixture.Respell(orig))
	comp, reused := composite(t)
	fixture.Write(t, dir, "comp.txt", comp)
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", dir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q := decodeQuery(t, out.stdout)
	require.Len(t, q.Results, 2)
	byID := map[string]int{}
	for i, r := range q.Results {
		byID[r.ID] = i
	}
	cp := q.Results[byID["copy.txt"]]
	require.Len(t, cp.NearDuplicates, 1)
	assert.Equal(t, seed0, cp.NearDuplicates[0].ID)
	assert.Equal(t, "identical", cp.NearDuplicates[0].Verdict, "verified by alignment")
	require.NotEmpty(t, cp.Sources)
	assert.Equal(t, seed0, cp.Sources[0].A, "a is the stored document")
	assert.Equal(t, "copy.txt", cp.Sources[0].B, "b is the input")
	assert.Contains(t, []string{"identical", "near-duplicate"}, cp.Sources[0].Verdict)

	cm := q.Results[byID["comp.txt"]]
	assert.Empty(t, cm.NearDuplicates, "a composite is not a near-duplicate")
	// Its paragraphs come from 003 and from 000, most from 003.
	require.Len(t, cm.Sources, 2)
	assert.Equal(t, "003_4e929452d58b46a1.txt", cm.Sources[0].A)
	assert.Equal(t, seed0, cm.Sources[1].A)
	require.Len(t, cm.Sources[1].Passages, 2)
	for i, p := range cm.Sources[1].Passages {
		// Offsets into both originals, and the texts they hold.
		require.NotNil(t, p.A.Text)
		assert.Equal(t, orig[p.A.Start:p.A.End], *p.A.Text)
		assert.Equal(t, comp[p.B.Start:p.B.End], *p.B.Text)
		assert.Contains(t, reused[i], strings.TrimSpace(*p.B.Text)[:40])
	}

	// A stored document is not its own source.
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q = decodeQuery(t, out.stdout)
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
		{[]string{"index", "query", "--db", db, seedsDir}, "no store at " + db + " ('dedupe index add --db " + db + " INPUT...' makes one)"},
		{[]string{"index", "stats", "--db", db}, "no store at " + db},
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
	empty := fixture.Write(t, dir, "empty.db", "")
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
	bad := fixture.Write(t, dir, "bad.db", strings.Repeat("not a store\n", 500))
	out := dedupeCmd(t, "index", "stats", "--db", bad)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "corrupt or not a neardup store")

	// Another normalization than the store's.
	out = dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	out = dedupeCmd(t, "index", "query", "--db", db, "--keep-debris", seedsDir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "different configuration: keepDebris: store false, now true\n")
	assert.Contains(t, out.stderr, "--keep-debris")

	// A bad input is reported; the others are added.
	in := t.TempDir()
	fixture.Write(t, in, "good.txt", fixture.Seed(t, seed0))
	fixture.Write(t, in, "bad.txt", "\xff")
	fixture.Write(t, in, "empty.txt", "")
	db2 := filepath.Join(dir, "d.db")
	out = dedupeCmd(t, "index", "add", "--db", db2, in)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "bad.txt: invalid UTF-8")
	assert.Contains(t, out.stderr, "skipped 1 empty record with no text")
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

// list shows what add stored, remove takes it out, and a document's
// source as the reports print it adds that document alone.
func TestIndexListRemoveAndAddresses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	coll := fixture.Write(t, dir, "day.json", `[{"id": "a", "text": "`+jsonEsc(fixture.Seed(t, seed0))+`"}, {"id": "b", "text": "`+
		jsonEsc(fixture.Seed(t, "003_4e929452d58b46a1.txt"))+`"}, {"id": "c", "text": "نص"}]`)
	out := dedupeCmd(t, "index", "add", "--db", db, coll+"#1", coll+"#0")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	out = dedupeCmd(t, "index", "list", "--db", db)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, "b\na\n", out.stdout)

	out = dedupeCmd(t, "index", "remove", "--db", db, "a", "nope")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, "Removed 1 document from "+db+".\n", out.stdout)
	assert.Equal(t, "dedupe index remove: 1 ID not in "+db+", the first \"nope\"\n", out.stderr)
	out = dedupeCmd(t, "index", "list", "--db", db, "--format", "json")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.JSONEq(t, `{"schema_version": 2, "ids": ["b"]}`, out.stdout)

	// Query by address; the stored copy of the same ID is left out.
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", coll+"#1")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q := decodeQuery(t, out.stdout)
	require.Len(t, q.Results, 1)
	assert.Equal(t, "b", q.Results[0].ID)
	assert.Empty(t, q.Results[0].Sources)

	ids := fixture.Write(t, dir, "ids.txt", "b\r\n\n")
	out = dedupeCmd(t, "index", "remove", "--db", db, "--ids", ids)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	out = dedupeCmd(t, "index", "list", "--db", db)
	assert.Empty(t, out.stdout)

	missing := filepath.Join(dir, "none.db")
	out = dedupeCmd(t, "index", "remove", "--db", missing, "a")
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "no store at "+missing)
	_, err := os.Stat(missing)
	assert.True(t, os.IsNotExist(err), "remove never creates a store")

	out = dedupeCmd(t, "index", "lst", "--db", db)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, `unknown command "lst" (did you mean list?)`)
	out = dedupeCmd(t, "--textfield", "x", dir)
	assert.Contains(t, out.stderr, "(did you mean --text-field?)")
}

// query writes every format; the HTML page shows each input's pairs side
// by side with its stored sources.
func TestIndexQueryFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	out := dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	comp, _ := composite(t)
	in := fixture.Write(t, t.TempDir(), "comp.txt", comp)

	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "html", in)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, 2, strings.Count(out.stdout, `<section class="pair"`), "two stored sources")
	assert.Contains(t, out.stdout, `<a href="#pair-1">pair 1</a>`)
	assert.Contains(t, out.stdout, "<bdi>"+in+"</bdi>")

	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "jsonl", in)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	lines := strings.Split(strings.TrimSuffix(out.stdout, "\n"), "\n")
	require.Len(t, lines, 3)
	var p pairOut
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &p))
	assert.Equal(t, in, p.B)
	assert.Contains(t, lines[2], `"record":"result"`)

	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "csv", in)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, 3, strings.Count(out.stdout, "\n"), "a header and two pairs")
}
