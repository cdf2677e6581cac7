package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// newsroom writes a JSON Lines file of four articles from three outlets:
// a wire story, a respelled copy of it in another outlet, a longer copy
// with a paragraph added in the wire's own outlet, and an unrelated
// story; plus a record without text.
func newsroom(t *testing.T) string {
	t.Helper()
	wire := fixture.Seed(t, seed0)
	other := fixture.Seed(t, "003_4e929452d58b46a1.txt")
	rec := func(id, src, date string, n int, text string) string {
		b, err := json.Marshal(map[string]any{"id": id, "source": src, "date": date, "n": n, "text": text})
		require.NoError(t, err)
		return string(b)
	}
	lines := []string{
		rec("wire-1", "wire", "2024-10-18", 9, wire),
		rec("paper-1", "paper", "2024-10-17", 10, fixture.Respell(wire)),
		rec("wire-2", "wire", "2024-10-19", 8, wire+"\n\n"+strings.Repeat("فقرة أضافتها الوكالة لاحقا عن تطورات الموقف على الأرض في المنطقة. ", 6)),
		rec("paper-2", "paper", "2024-10-19", 99, other),
		`{"id": "blank", "source": "paper", "text": "  "}`,
	}
	return fixture.Write(t, t.TempDir(), "news.jsonl", strings.Join(lines, "\n")+"\n")
}

func TestOutlets(t *testing.T) {
	path := newsroom(t)
	out := dedupeCmd(t, "--format", "json", "--source-field", "source", path)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stderr, "skipped 1 empty record with no text (the first: "+path+":5)")
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 4)
	require.NotNil(t, r.Documents[1].Outlet)
	assert.Equal(t, "paper", *r.Documents[1].Outlet)
	assert.Equal(t, []string{path + ":5"}, r.Empty)
	assert.Equal(t, 1, r.Stats["empty_records"])
	cross := map[[2]string]bool{}
	for _, p := range r.Pairs {
		require.NotNil(t, p.CrossOutlet, "%s %s", p.A, p.B)
		cross[[2]string{p.A, p.B}] = *p.CrossOutlet
	}
	assert.Equal(t, map[[2]string]bool{{"wire-1", "paper-1"}: true, {"wire-1", "wire-2"}: false, {"paper-1", "wire-2"}: true}, cross)
	rows := map[[2]string]int{}
	for _, s := range r.Summary {
		require.NotNil(t, s.CrossOutlet)
		assert.Equal(t, s.From != s.To, *s.CrossOutlet)
		rows[[2]string{s.From, s.To}] = s.Pairs
	}
	assert.Equal(t, map[[2]string]int{{"wire", "paper"}: 1, {"wire", "wire"}: 1, {"paper", "wire"}: 1}, rows)

	// Without --source-field, no outlet and no cross_outlet.
	r = decodeBatch(t, dedupeCmd(t, "--format", "json", path).stdout)
	assert.Nil(t, r.Documents[0].Outlet)
	assert.Nil(t, r.Pairs[0].CrossOutlet)

	// A record without the field is said once.
	out = dedupeCmd(t, "--source-field", "outlet", path)
	assert.Equal(t, 1, strings.Count(out.stderr, `no string field "outlet"`), out.stderr)
	assert.Contains(t, out.stdout, "(no outlet) → (no outlet)")
}

func TestKeepAndDedupOutput(t *testing.T) {
	path := newsroom(t)
	dir := t.TempDir()
	keep, drop, recs := filepath.Join(dir, "keep.txt"), filepath.Join(dir, "drop.txt"), filepath.Join(dir, "out.jsonl")
	for _, c := range []struct {
		rule, kept string
	}{
		{"earliest", "wire-1"}, {"longest", "wire-2"}, {"min:date", "paper-1"}, {"max:date", "wire-2"},
		{"max:n", "paper-1"}, // 10 > 9 as numbers, not as text
	} {
		out := dedupeCmd(t, "--format", "json", "--keep", c.rule, "--keep-ids", keep, "--drop-ids", drop, "--dedup-jsonl", recs, path)
		require.Equal(t, cli.ExitOK, out.code, out.stderr)
		r := decodeBatch(t, out.stdout)
		require.Len(t, r.Clusters, 1, c.rule)
		assert.Equal(t, []string{"wire-1", "paper-1", "wire-2"}, r.Clusters[0].Members)
		assert.Equal(t, c.kept, r.Clusters[0].Representative, c.rule)

		var wantKeep, wantDrop []string
		for _, id := range []string{"wire-1", "paper-1", "wire-2", "paper-2"} {
			if id == c.kept || id == "paper-2" {
				wantKeep = append(wantKeep, id)
			} else {
				wantDrop = append(wantDrop, id)
			}
		}
		assert.Equal(t, strings.Join(wantKeep, "\n")+"\n", readFile(t, keep), c.rule)
		assert.Equal(t, strings.Join(wantDrop, "\n")+"\n", readFile(t, drop), c.rule)

		// The records kept, as read (these lines are compact already).
		in := strings.Split(readFile(t, path), "\n")
		var want []string
		for _, line := range in {
			for _, id := range wantKeep {
				if strings.Contains(line, `"id":"`+id+`"`) {
					want = append(want, line)
				}
			}
		}
		assert.Equal(t, strings.Join(want, "\n")+"\n", readFile(t, recs), c.rule)
	}

	out := dedupeCmd(t, "--keep", "max:", path)
	assert.Equal(t, cli.ExitError, out.code)
	out = dedupeCmd(t, "--keep", "newest", path)
	assert.Contains(t, out.stderr, "want earliest, longest, min:FIELD or max:FIELD")

	// A record spread over lines comes out on one, its fields as they were.
	pretty := fixture.Write(t, dir, "pretty.json", "[\n  {\n    \"id\": \"x\",\n    \"text\": \"نص قصير\",\n    \"tags\": [1, 2]\n  }\n]\n")
	out = dedupeCmd(t, "--dedup-jsonl", recs, pretty)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, `{"id":"x","text":"نص قصير","tags":[1,2]}`+"\n", readFile(t, recs))

	// Plain-text documents come out as records of their own.
	out = dedupeCmd(t, "--dedup-jsonl", recs, demoDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	lines := strings.Split(strings.TrimSuffix(readFile(t, recs), "\n"), "\n")
	require.Len(t, lines, 3, "wire.txt is copy.txt's duplicate")
	var first struct{ ID, Source, Text string }
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "composite.txt", first.ID)
	b, err := os.ReadFile(filepath.Join(demoDir, "composite.txt"))
	require.NoError(t, err)
	assert.Equal(t, string(b), first.Text)
}

// A misnamed field is said once per file, with the fields there are.
func TestFieldNotes(t *testing.T) {
	path := newsroom(t)
	out := dedupeCmd(t, "--text-field", "body", path)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Equal(t, "dedupe: "+path+": 5 records have no text field \"body\" (not compared); the records have: date, id, n, source, text\n"+
		"dedupe: 5 inputs failed (0 documents read)\n", out.stderr)

	out = dedupeCmd(t, "--id-field", "link", path)
	assert.Equal(t, cli.ExitOK, out.code)
	assert.Equal(t, 1, strings.Count(out.stderr, "dedupe: "+path+": 4 records have no ID field \"link\", so each is known by its source; the records have: date, id, n, source, text\n"), out.stderr)
	out = dedupeCmd(t, demoDir)
	assert.Empty(t, out.stderr, "the default ID field is not worth a word")
}
