package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

func compareFixture(t *testing.T) (a, b string, reused [2]string) {
	t.Helper()
	dir := t.TempDir()
	text, reused := composite(t)
	a = fixture.Write(t, dir, "000.txt", fixture.Seed(t, seed0))
	b = fixture.Write(t, dir, "composite.txt", text)
	return a, b, reused
}

func TestCompareText(t *testing.T) {
	a, b, reused := compareFixture(t)
	out := dedupeCmd(t, "compare", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Empty(t, out.stderr)
	s := out.stdout
	for _, want := range []string{
		"A  " + a, "B  " + b,
		"verdict      partial-reuse",
		"containment  A in B", "coverage     A", "resemblance", "fingerprint distance",
		"passages     2",
		"Passage 1 of 2", "Passage 2 of 2",
	} {
		assert.Contains(t, s, want)
	}
	orig := fixture.Seed(t, seed0)
	text, _ := composite(t)
	for _, para := range reused {
		// Byte and rune offsets of both sides, then the full text.
		sa, sb := strings.Index(orig, para), strings.Index(text, para)
		assert.Contains(t, s, "bytes "+itoa(sa)+"–")
		assert.Contains(t, s, "bytes "+itoa(sb)+"–")
		assert.Contains(t, s, "runes "+itoa(len([]rune(orig[:sa])))+"–")
		assert.Equal(t, 2, strings.Count(s, fsi+strings.TrimSuffix(para, ".")), "full text of both sides, isolated")
	}

	out = dedupeCmd(t, "compare", "--fail-on-reuse", a, b)
	assert.Equal(t, cli.ExitFound, out.code)
}

func TestCompareRespelled(t *testing.T) {
	dir := t.TempDir()
	s := fixture.Seed(t, seed0)
	a := fixture.Write(t, dir, "a.txt", s)
	b := fixture.Write(t, dir, "b.txt", fixture.Respell(s))
	out := dedupeCmd(t, "compare", "--fail-on-duplicates", a, b)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Contains(t, out.stdout, "verdict      identical")
}

func TestCompareJSON(t *testing.T) {
	a, b, reused := compareFixture(t)
	out := dedupeCmd(t, "compare", "--format", "json", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, []string{"schema_version", "documents", "pair"}, fixture.Keys(t, out.stdout))

	var r struct {
		SchemaVersion int `json:"schema_version"`
		Documents     []struct {
			ID          string  `json:"id"`
			Fingerprint *string `json:"fingerprint"`
		}
		Pair pairOut
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &r))
	assert.Equal(t, schemaVersion, r.SchemaVersion)
	require.Len(t, r.Documents, 2)
	assert.Equal(t, a, r.Documents[0].ID)
	assert.Equal(t, b, r.Documents[1].ID)
	assert.NotNil(t, r.Documents[0].Fingerprint)
	p := r.Pair
	assert.Equal(t, a, p.A)
	assert.Equal(t, "partial-reuse", p.Verdict)
	require.NotNil(t, p.Derived)
	assert.Greater(t, p.LenA, 1000)
	require.Len(t, p.Passages, 2)
	for i, ps := range p.Passages {
		para := strings.TrimSuffix(reused[i], ".")
		require.NotNil(t, ps.A.Text)
		assert.Equal(t, para, *ps.A.Text)
		assert.Equal(t, para, *ps.B.Text)
		assert.NotEmpty(t, ps.A.Excerpt)
		assert.Less(t, ps.A.RuneStart, ps.A.RuneEnd)
	}

	// The pair has the keys of the batch report's pairs, in order.
	var raw struct{ Pair json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &raw))
	batch := dedupeCmd(t, "--format", "json", a, b)
	var braw struct{ Pairs []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(batch.stdout), &braw))
	require.Len(t, braw.Pairs, 1)
	assert.Equal(t, fixture.Keys(t, string(braw.Pairs[0])), fixture.Keys(t, string(raw.Pair)))
}

// Seeds 000 and 004 report one event: their shingles overlap enough for
// the library's containment rule to call 004 partly derived, but no
// passage is shared. The command shows the verdict and no derivation.
func TestCompareLabelsAgree(t *testing.T) {
	a := seedsDir + "/" + seed0
	b := seedsDir + "/004_eec36a63520b864b.txt"
	out := dedupeCmd(t, "compare", "--format", "json", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var r struct{ Pair pairOut }
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &r))
	assert.Equal(t, "unrelated", r.Pair.Verdict)
	assert.Nil(t, r.Pair.Derived)
	assert.Contains(t, out.stdout, `"derived": null`)
	out = dedupeCmd(t, "compare", a, b)
	assert.NotContains(t, out.stdout, "derived")
}

func TestCompareErrors(t *testing.T) {
	dir := t.TempDir()
	a := fixture.Write(t, dir, "a.txt", fixture.Seed(t, seed0))
	two := fixture.Write(t, dir, "two.json", `[{"text": "نص أول"}, {"text": "نص ثان"}]`)
	one := fixture.Write(t, dir, "one.jsonl", `{"body": "`+jsonEsc(fixture.Seed(t, seed0))+`", "id": "x"}`+"\n")

	out := dedupeCmd(t, "compare", a, two)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Equal(t, "dedupe compare: "+a+" and "+two+" hold 3 documents; compare needs two (pick them with --id)\n", out.stderr)
	assert.Empty(t, out.stdout)

	out = dedupeCmd(t, "compare", a, dir+"/missing.txt")
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "missing.txt: ")

	out = dedupeCmd(t, "compare", a)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "hold 1 document; compare needs two")

	out = dedupeCmd(t, "compare", "--id", "x", a)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "--id picks A and B: give it twice")

	out = dedupeCmd(t, "compare", "--id", "x", "--id", "nope", "--text-field", "body", a, one)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, `no document with ID "nope"`)

	out = dedupeCmd(t, "compare", "-h")
	assert.Equal(t, cli.ExitOK, out.code)
	assert.Contains(t, out.stdout, "dedupe compare [flags] A B")
	assert.Contains(t, out.stdout, "--text-field")

	out = dedupeCmd(t, "compare", "--text-field", "body", a, one)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "verdict      identical")
	assert.Contains(t, out.stdout, "B  x\n")

	// Two documents of one collection.
	out = dedupeCmd(t, "compare", two)
	assert.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "A  "+two+"#0\n")
}

// Every address the batch report prints opens with compare: the
// documents of a zip of JSON arrays, by source and by ID.
func TestCompareAddresses(t *testing.T) {
	dir := t.TempDir()
	seed := fixture.Seed(t, seed0)
	text, _ := composite(t)
	day := `[{"url": "u/1", "source": "wire", "content": "` + jsonEsc(seed) + `"},` +
		`{"url": "u/2", "source": "paper", "content": "` + jsonEsc("مقدمة.") + `"},` +
		`{"url": "u/3", "source": "paper", "content": "` + jsonEsc(text) + `"}]`
	zipPath := fixture.Write(t, dir, "2015-07-21.zip", string(zipOf(t, "2015-07-21.json", day)))

	batch := dedupeCmd(t, "--format", "json", "--text-field", "content", "--id-field", "url", "--min-passage", "60", zipPath)
	require.Equal(t, cli.ExitOK, batch.code, batch.stderr)
	r := decodeBatch(t, batch.stdout)
	require.Len(t, r.Pairs, 1)
	srcOf := map[string]string{}
	for _, d := range r.Documents {
		srcOf[d.ID] = d.Source
	}
	pa, pb := srcOf[r.Pairs[0].A], srcOf[r.Pairs[0].B]
	assert.Equal(t, zipPath+"!2015-07-21.json#0", pa)

	for _, args := range [][]string{
		{pa, pb},
		{"--id-field", "url", "--id", "u/1", "--id", "u/3", zipPath},
		{"--id-field", "url", "--id", "u/1", "--id", "u/3", zipPath + "!2015-07-21.json"},
	} {
		out := dedupeCmd(t, append([]string{"compare", "--format", "json", "--text-field", "content", "--min-passage", "60"}, args...)...)
		require.Equal(t, cli.ExitOK, out.code, "%v: %s", args, out.stderr)
		var c struct{ Pair pairOut }
		require.NoError(t, json.Unmarshal([]byte(out.stdout), &c))
		assert.Equal(t, r.Pairs[0].CoverageA, c.Pair.CoverageA, "%v", args)
		assert.Equal(t, len(r.Pairs[0].Passages), len(c.Pair.Passages), "%v", args)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// With colours, the words of a passage not in the other side's passage
// are shown in reverse video; without, the text is as it was.
func TestCompareMarksChangedWords(t *testing.T) {
	a, b := demoDir+"/wire.txt", demoDir+"/composite.txt"
	out := dedupeCmd(t, "compare", "--color", "always", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "\x1b[7mإعلام محلية، إن 11 ألف\x1b[27m", "the composite's own wording")
	assert.Contains(t, out.stdout, "\x1b[7mالإعلام المحلية. 11.000\x1b[27m", "the wire's")
	plain := dedupeCmd(t, "compare", a, b)
	assert.NotContains(t, plain.stdout, "\x1b")
	assert.NotContains(t, plain.stdout, string(changeStart))
}
