package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

func compareFixture(t *testing.T) (a, b string, reused [2]string) {
	t.Helper()
	dir := t.TempDir()
	text, reused := composite(t)
	a = write(t, dir, "000.txt", readSeed(t, seed0))
	b = write(t, dir, "composite.txt", text)
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
	orig := readSeed(t, seed0)
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

func TestCompareJSON(t *testing.T) {
	a, b, reused := compareFixture(t)
	out := dedupeCmd(t, "compare", "--format", "json", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, []string{"a", "b", "report"}, keysOf(t, out.stdout))

	var r struct {
		A, B struct {
			ID          string  `json:"id"`
			Fingerprint *string `json:"fingerprint"`
		}
		Report struct {
			Verdict  string       `json:"verdict"`
			LenA     int          `json:"len_a"`
			Passages []passageOut `json:"passages"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &r))
	assert.Equal(t, a, r.A.ID)
	assert.Equal(t, b, r.B.ID)
	assert.NotNil(t, r.A.Fingerprint)
	assert.Equal(t, "partial-reuse", r.Report.Verdict)
	assert.Greater(t, r.Report.LenA, 1000)
	require.Len(t, r.Report.Passages, 2)
	for i, p := range r.Report.Passages {
		para := strings.TrimSuffix(reused[i], ".")
		assert.Equal(t, para, p.A.Text)
		assert.Equal(t, para, p.B.Text)
		assert.Less(t, p.A.RuneStart, p.A.RuneEnd)
	}

	// The report keeps every key of compare.Report's own JSON, in order.
	var raw struct{ Report json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &raw))
	lib, err := json.Marshal(compare.Report{})
	require.NoError(t, err)
	assert.Equal(t, keysOf(t, string(lib)), keysOf(t, string(raw.Report)))
}

func TestCompareRespelled(t *testing.T) {
	dir := t.TempDir()
	s := readSeed(t, seed0)
	a := write(t, dir, "a.txt", s)
	b := write(t, dir, "b.txt", respell(s))
	out := dedupeCmd(t, "compare", "--fail-on-duplicates", a, b)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Contains(t, out.stdout, "verdict      identical")
}

func TestCompareErrors(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", readSeed(t, seed0))
	two := write(t, dir, "two.json", `[{"text": "نص أول"}, {"text": "نص ثان"}]`)
	one := write(t, dir, "one.jsonl", `{"body": "`+jsonEsc(readSeed(t, seed0))+`", "id": "x"}`+"\n")

	out := dedupeCmd(t, "compare", a, two)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Equal(t, "dedupe compare: "+two+": holds 2 documents; compare needs exactly one\n", out.stderr)
	assert.Empty(t, out.stdout)

	out = dedupeCmd(t, "compare", a, dir+"/missing.txt")
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "missing.txt: ")

	out = dedupeCmd(t, "compare", a)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "want two files")

	out = dedupeCmd(t, "compare", "-h")
	assert.Equal(t, cli.ExitOK, out.code)
	assert.Contains(t, out.stdout, "dedupe compare [flags] A B")
	assert.Contains(t, out.stdout, "--text-field")

	out = dedupeCmd(t, "compare", "--text-field", "body", a, one)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "verdict      identical")
	assert.Contains(t, out.stdout, "B  x\n")
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
