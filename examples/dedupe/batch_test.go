package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

func TestSeedsJSON(t *testing.T) {
	out := dedupeCmd(t, "--format", "json", seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Empty(t, out.stderr)

	assert.Equal(t, []string{"schema_version", "documents", "clusters", "groups", "pairs", "summary", "errors", "empty", "stats"}, fixture.Keys(t, out.stdout))
	r := decodeBatch(t, out.stdout)
	assert.Equal(t, schemaVersion, r.SchemaVersion)
	require.Len(t, r.Documents, 5)
	hex := regexp.MustCompile(`^[0-9a-f]{16}$`)
	for i, d := range r.Documents {
		assert.True(t, strings.HasPrefix(d.ID, []string{"000_", "001_", "002_", "003_", "004_"}[i]), "input order: %s", d.ID)
		assert.Equal(t, filepath.Join(seedsDir, d.ID), d.Source)
		assert.Greater(t, d.Runes, 1000)
		require.NotNil(t, d.Fingerprint)
		assert.Regexp(t, hex, *d.Fingerprint)
		assert.Nil(t, d.Error)
	}
	assert.Empty(t, r.Clusters, "the seeds are five different stories")
	for _, p := range r.Pairs {
		assert.Equal(t, "partial-reuse", p.Verdict, "%s and %s", p.A, p.B)
	}
	assert.Empty(t, r.Errors)
	assert.Equal(t, 5, r.Stats["documents"])
	assert.Equal(t, 0, r.Stats["clusters"])
	assert.Equal(t, 0, r.Stats["identical"]+r.Stats["near_duplicate"])

	// Empty lists are [], not null.
	assert.Contains(t, out.stdout, `"clusters": []`)
	assert.Contains(t, out.stdout, `"errors": []`)
}

func TestSeedsText(t *testing.T) {
	out := dedupeCmd(t, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Empty(t, out.stderr, "nothing on stderr but errors when it is not a terminal")
	assert.Contains(t, out.stdout, "Read 5 documents.")
	assert.Contains(t, out.stdout, "Near-duplicate clusters (0)")
	assert.Contains(t, out.stdout, "000_eac66a7c9ec40e0f.txt")
	// The opening of seed 000, isolated.
	assert.Contains(t, out.stdout, fsi+"يُزعم أن مقطع فيديو")
	assert.NotContains(t, out.stdout, "\x1b[", "no colour unless stdout is a terminal")
	assert.Equal(t, strings.Count(out.stdout, fsi), strings.Count(out.stdout, pdi))
}

func TestRespelledCopyIsOneCluster(t *testing.T) {
	dir := t.TempDir()
	orig := fixture.Seed(t, seed0)
	fixture.Write(t, dir, "a.txt", orig)
	fixture.Write(t, dir, "b.txt", fixture.Respell(orig))
	fixture.Write(t, dir, "c.txt", fixture.Seed(t, "004_eec36a63520b864b.txt"))

	out := dedupeCmd(t, "--format", "json", dir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Clusters, 1)
	assert.Equal(t, 1, r.Clusters[0].ID)
	assert.Equal(t, []string{"a.txt", "b.txt"}, r.Clusters[0].Members)

	var found bool
	for _, p := range r.Pairs {
		if p.A == "a.txt" && p.B == "b.txt" {
			found = true
			assert.Contains(t, []string{"identical", "near-duplicate"}, p.Verdict)
			assert.Equal(t, 0, p.Distance)
			assert.InDelta(t, 1, p.CoverageA, 1e-9)
			require.NotEmpty(t, p.Passages)
			assert.Equal(t, 0, p.Passages[0].A.Start)
			assert.Equal(t, 0, p.Passages[0].B.Start)
		}
	}
	assert.True(t, found, "the pair is listed")

	out = dedupeCmd(t, "--fail-on-duplicates", dir)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Contains(t, out.stdout, "Cluster 1: 2 documents")
	assert.Empty(t, out.stderr)

	// --fail-on-reuse alone is not about duplicates.
	out = dedupeCmd(t, "--fail-on-reuse", filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"))
	assert.Equal(t, cli.ExitOK, out.code)
}

func TestCompositeIsPartialReuse(t *testing.T) {
	dir := t.TempDir()
	orig := fixture.Seed(t, seed0)
	text, reused := composite(t)
	a := fixture.Write(t, dir, "000.txt", orig)
	b := fixture.Write(t, dir, "composite.txt", text)

	out := dedupeCmd(t, "--format", "json", a, b)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	r := decodeBatch(t, out.stdout)
	assert.Empty(t, r.Clusters)
	require.Len(t, r.Pairs, 1)
	p := r.Pairs[0]
	assert.Equal(t, a, p.A, "a plain-text file named as an argument has its path as ID")
	assert.Equal(t, b, p.B)
	assert.Equal(t, "partial-reuse", p.Verdict)
	assert.Greater(t, p.ContainmentB, p.ContainmentA, "the composite is made of more of the seed than the seed of it")
	assert.Greater(t, p.CoverageB, 0.1)
	assert.Less(t, p.CoverageA, 0.5)
	require.Len(t, p.Passages, 2)
	for i, ps := range p.Passages {
		para := reused[i]
		assertSpanAt(t, orig, para, ps.A)
		assertSpanAt(t, text, para, ps.B)
		words := strings.Fields(para)
		assert.True(t, strings.HasPrefix(ps.A.Excerpt, strings.Join(words[:3], " ")), ps.A.Excerpt)
		assert.True(t, strings.HasPrefix(ps.B.Excerpt, strings.Join(words[:3], " ")), ps.B.Excerpt)
		assert.LessOrEqual(t, utf8.RuneCountInString(ps.A.Excerpt), 2*60+3)
	}

	out = dedupeCmd(t, "--fail-on-reuse", a, b)
	assert.Equal(t, cli.ExitFound, out.code)
	assert.Contains(t, out.stdout, "partial-reuse")
	assert.Contains(t, out.stdout, "passage 2 of 2")
	out = dedupeCmd(t, "--fail-on-duplicates", a, b)
	assert.Equal(t, cli.ExitOK, out.code)
}

// assertSpanAt checks that span s of text covers para: from its first
// byte to its last letter (the passage leaves out final punctuation).
func assertSpanAt(t *testing.T, text, para string, s spanOut) {
	t.Helper()
	start := strings.Index(text, para)
	require.GreaterOrEqual(t, start, 0)
	end := start + len(para)
	assert.Equal(t, start, s.Start, "passage start")
	assert.LessOrEqual(t, s.End, end, "passage end")
	assert.GreaterOrEqual(t, s.End, end-len("."), "passage end")
	assert.Equal(t, utf8.RuneCountInString(text[:s.Start]), s.RuneStart)
	assert.Equal(t, utf8.RuneCountInString(text[:s.End]), s.RuneEnd)
}

func TestJSONInputs(t *testing.T) {
	dir := t.TempDir()
	p := fixture.Paragraphs(fixture.Seed(t, seed0))
	content := strings.Join(p[1:8], "\n\n")
	other := strings.Join(fixture.Paragraphs(fixture.Seed(t, "002_dc7e6487002a072e.txt")), "\n\n")
	fixture.Write(t, dir, "array.json", `[
  {"url": "https://a.example/1", "title": "`+jsonEsc(p[0])+`", "content": "`+jsonEsc(content)+`"},
  {"url": "https://a.example/2", "title": "", "content": "`+jsonEsc(other)+`"}
]`)
	fixture.Write(t, dir, "lines.jsonl",
		`{"url": "https://b.example/1", "title": "`+jsonEsc(fixture.Respell(p[0]))+`", "content": "`+jsonEsc(fixture.Respell(content))+`"}`+"\n\n"+
			`{"url": 42, "content": "`+jsonEsc(fixture.Seed(t, "004_eec36a63520b864b.txt"))+`"}`+"\n")

	out := dedupeCmd(t, "--format", "json", "--id-field", "url", "--text-field", "title,content", dir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 4)
	var ids, sources []string
	for _, d := range r.Documents {
		ids = append(ids, d.ID)
		sources = append(sources, filepath.Base(d.Source))
	}
	assert.Equal(t, []string{"https://a.example/1", "https://a.example/2", "https://b.example/1", "42"}, ids)
	assert.Equal(t, []string{"array.json#0", "array.json#1", "lines.jsonl:1", "lines.jsonl:3"}, sources)
	assert.Equal(t, p[0], r.Documents[0].Title)
	// Title and content are joined by a blank line.
	assert.Equal(t, utf8.RuneCountInString(p[0]+"\n\n"+content), r.Documents[0].Runes)

	require.Len(t, r.Clusters, 1)
	assert.Equal(t, []string{"https://a.example/1", "https://b.example/1"}, r.Clusters[0].Members)

	// With the default text field, the JSON documents have no text.
	out = dedupeCmd(t, "--format", "json", dir)
	assert.Equal(t, cli.ExitError, out.code)
	r = decodeBatch(t, out.stdout)
	assert.Empty(t, r.Documents)
	assert.Len(t, r.Errors, 4)
}

func jsonEsc(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return r.Replace(s)
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := fixture.Write(t, dir, "good.txt", fixture.Seed(t, seed0))
	copyOf := fixture.Write(t, dir, "sub/copy.txt", fixture.Respell(fixture.Seed(t, seed0)))
	bad := []string{
		fixture.Write(t, dir, "invalid.txt", "نص عربي \xff\xfe ثم نص"),
		fixture.Write(t, dir, "binary.bin", "\x7fELF\x02\x01\x01\x00\x00\x00\x00"),
		fixture.Write(t, dir, "malformed.json", `{"text": "نص", `),
		filepath.Join(dir, "missing.txt"),
		fixture.Write(t, dir, "empty.txt", ""),
	}
	args := append([]string{"--format", "json", "--strict", good, copyOf}, bad...)
	out := dedupeCmd(t, args...)
	assert.Equal(t, cli.ExitError, out.code)

	lines := strings.Split(strings.TrimSuffix(out.stderr, "\n"), "\n")
	require.Len(t, lines, len(bad)+1, out.stderr)
	for i, path := range bad {
		assert.True(t, strings.HasPrefix(lines[i], "dedupe: "+path+": "), lines[i])
	}
	assert.Contains(t, lines[0], "invalid UTF-8")
	assert.Contains(t, lines[1], "binary")
	assert.Contains(t, lines[2], "malformed JSON")
	assert.Contains(t, lines[3], "no such file")
	assert.Contains(t, lines[4], "empty", "--strict: an empty file is an error")
	assert.Equal(t, "dedupe: 5 inputs failed (2 documents read)", lines[5])

	// The good documents were still compared.
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 2)
	require.Len(t, r.Clusters, 1)
	require.Len(t, r.Errors, len(bad))
	for i, e := range r.Errors {
		assert.Equal(t, bad[i], e.Source)
		assert.NotEmpty(t, e.Error)
	}
	require.NotNil(t, r.Errors[0].Offset)
	assert.Equal(t, int64(len("نص عربي ")), *r.Errors[0].Offset)
	assert.Nil(t, r.Errors[3].Line)
	assert.Equal(t, 5, r.Stats["input_errors"])

	// Text output says so too, and failure wins over --fail-on-duplicates.
	out = dedupeCmd(t, append([]string{"--fail-on-duplicates", good, copyOf}, bad...)...)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stdout, "4 inputs failed (see stderr); skipped 1 empty record with no text.")

	// Without the unreadable inputs, an empty one is no failure:
	// --fail-on-duplicates can return 1.
	out = dedupeCmd(t, "--fail-on-duplicates", good, copyOf, bad[4])
	assert.Equal(t, cli.ExitFound, out.code, out.stderr)
}

func TestTooLarge(t *testing.T) {
	dir := t.TempDir()
	fixture.Write(t, dir, "a.txt", fixture.Seed(t, seed0))
	out := dedupeCmd(t, "--max-bytes", "1000", dir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "a.txt: too large")
}

func TestNothingToCompare(t *testing.T) {
	dir := t.TempDir()
	fixture.Write(t, dir, "a.txt", fixture.Seed(t, seed0))
	fixture.Write(t, dir, "dots.txt", "... !!! ...")
	out := dedupeCmd(t, "--format", "json", dir)
	require.Equal(t, cli.ExitOK, out.code, "a document without letters is not an input error")
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 2)
	assert.Nil(t, r.Documents[1].Fingerprint)
	require.NotNil(t, r.Documents[1].Error)
	assert.Contains(t, *r.Documents[1].Error, "nothing to compare")

	out = dedupeCmd(t, dir)
	assert.Contains(t, out.stdout, "Not compared (1)")
}

func TestDeterminism(t *testing.T) {
	dir := t.TempDir()
	text, _ := composite(t)
	for _, name := range []string{"000_eac66a7c9ec40e0f.txt", "001_04372fc662654fe5.txt", "002_dc7e6487002a072e.txt", "003_4e929452d58b46a1.txt", "004_eec36a63520b864b.txt"} {
		s := fixture.Seed(t, name)
		fixture.Write(t, dir, name, s)
		fixture.Write(t, dir, "copies/"+name, fixture.Respell(s))
	}
	fixture.Write(t, dir, "composite.txt", text)
	first := dedupeCmd(t, "--format", "json", "--workers", "1", dir)
	require.Equal(t, cli.ExitOK, first.code, first.stderr)
	r := decodeBatch(t, first.stdout)
	assert.Len(t, r.Clusters, 5)
	for range 3 {
		again := dedupeCmd(t, "--format", "json", "--workers", "4", dir)
		require.Equal(t, first.stdout, again.stdout)
	}
	text1 := dedupeCmd(t, "--workers", "1", dir)
	text2 := dedupeCmd(t, "--workers", "3", dir)
	assert.Equal(t, text1.stdout, text2.stdout)
}

func TestDuplicateIDsAreMadeUnique(t *testing.T) {
	dir := t.TempDir()
	s := fixture.Seed(t, seed0)
	fixture.Write(t, dir, "x/a.txt", s)
	fixture.Write(t, dir, "y/a.txt", s)
	out := dedupeCmd(t, "--format", "json", filepath.Join(dir, "x"), filepath.Join(dir, "y"), filepath.Join(dir, "y"))
	require.Equal(t, cli.ExitOK, out.code)
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 3)
	ya := filepath.Join(dir, "y", "a.txt")
	assert.Equal(t, "a.txt", r.Documents[0].ID)
	assert.Equal(t, ya, r.Documents[1].ID)
	assert.Equal(t, ya+"#2", r.Documents[2].ID)
	require.Len(t, r.Clusters, 1)
	assert.Equal(t, []string{"a.txt", ya, ya + "#2"}, r.Clusters[0].Members)
	assert.Len(t, r.Pairs, 3)
}

func TestUsage(t *testing.T) {
	out := dedupeCmd(t)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "no inputs")
	assert.Empty(t, out.stdout)

	out = dedupeCmd(t, "-h")
	assert.Equal(t, cli.ExitOK, out.code)
	for _, s := range []string{"Usage:", "Examples:", "Exit status:", "--radius", "--max-seed-docs", "--text-field", "the\n       least hash of every 39"} {
		assert.Contains(t, out.stdout, s)
	}
	assert.Empty(t, out.stderr)

	for _, args := range [][]string{
		{"--format", "xml", seedsDir},
		{"--radius", "65", seedsDir},
		{"--workers", "-1", seedsDir},
		{"--workers", "100000", seedsDir},
		{"--text-field", ",", seedsDir},
		{"--text-field", "", seedsDir},
		{"--max-bytes", "lots", seedsDir},
		{"--max-bytes", "0", seedsDir},
		{"--no-such-flag", seedsDir},
	} {
		out = dedupeCmd(t, args...)
		assert.Equal(t, cli.ExitError, out.code, args)
		assert.Contains(t, out.stderr, "Run 'dedupe -h' for usage.", args)
		assert.Empty(t, out.stdout, args)
	}
}

func TestFlagsAfterInputs(t *testing.T) {
	out := dedupeCmd(t, seedsDir, "--format", "json")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Len(t, decodeBatch(t, out.stdout).Documents, 5)

	// After "--", everything is an input.
	dir := t.TempDir()
	fixture.Write(t, dir, "-x.txt", fixture.Seed(t, seed0))
	t.Chdir(dir)
	out = dedupeCmd(t, "--format", "json", "--", "-x.txt")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, "-x.txt", decodeBatch(t, out.stdout).Documents[0].ID)
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"000_eac66a7c9ec40e0f.txt", "001_04372fc662654fe5.txt", "003_4e929452d58b46a1.txt"} {
		fixture.Write(t, dir, name, fixture.Seed(t, name))
	}
	fixture.Write(t, dir, "empty.txt", "")
	fixture.Write(t, dir, "bad.txt", "\xff")
	quiet := dedupeCmd(t, dir)
	tty := runEnv(t, cli.Env{Progress: true, Color: true}, dir)
	assert.Equal(t, quiet.code, tty.code)
	assert.Contains(t, tty.stderr, "preparing 3 documents")
	assert.Contains(t, tty.stderr, "bad.txt: invalid UTF-8")
	assert.Contains(t, tty.stderr, "aligning the candidate pairs of 3 documents")
	assert.NotContains(t, tty.stderr, "3 documents (0/-)", "a step without a count shows none")
	assert.Equal(t, "dedupe: "+filepath.Join(dir, "bad.txt")+": invalid UTF-8 (line 1, byte 0)\n"+
		"dedupe: skipped 1 empty record with no text (the first: "+filepath.Join(dir, "empty.txt")+"); --strict makes them errors\n"+
		"dedupe: 1 input failed (3 documents read)\n", quiet.stderr)

	// Colour on a terminal, none when asked not to.
	assert.Contains(t, tty.stdout, "\x1b[1m")
	plain := runEnv(t, cli.Env{Color: true}, "--color", "never", dir)
	assert.Equal(t, quiet.stdout, plain.stdout)
}

// TestCacheSizeChangesNothing runs the job with every prepared document
// kept, with none kept (each prepared again when aligned) and with room
// for about one: the report is the same.
func TestCacheSizeChangesNothing(t *testing.T) {
	dir := t.TempDir()
	text, _ := composite(t)
	fixture.Write(t, dir, "composite.txt", text)
	fixture.Write(t, dir, "copy.txt", fixture.Respell(fixture.Seed(t, "004_eec36a63520b864b.txt")))
	base := dedupeCmd(t, "--format", "json", seedsDir, dir)
	require.Equal(t, cli.ExitOK, base.code, base.stderr)
	require.NotEmpty(t, decodeBatch(t, base.stdout).Pairs)
	for _, size := range []string{"0", "40KB"} {
		got := dedupeCmd(t, "--format", "json", "--cache", size, seedsDir, dir)
		assert.Equal(t, base, got, "--cache %s", size)
	}
	bad := dedupeCmd(t, "--cache", "-1", seedsDir)
	assert.Equal(t, cli.ExitError, bad.code)
	assert.Contains(t, bad.stderr, "-cache")
}

// A file name is data: its line breaks and terminal escapes must not
// forge a line of stderr or reach the terminal.
func TestErrorLinesEscapeNames(t *testing.T) {
	dir := t.TempDir()
	fixture.Write(t, dir, "evil\ndedupe: fake.txt: forged\x1b[31m.txt", "\xff")
	fixture.Write(t, dir, "bad\xff\u202e.txt", "\xff")
	out := dedupeCmd(t, dir)
	assert.Equal(t, cli.ExitError, out.code)
	lines := strings.Split(strings.TrimSuffix(out.stderr, "\n"), "\n")
	require.Len(t, lines, 3, out.stderr) // two inputs, then the count
	assert.Contains(t, out.stderr, `evil\ndedupe: fake.txt: forged\x1b[31m.txt`)
	assert.Contains(t, out.stderr, `bad\xff\u202e.txt`)
	assert.NotContains(t, out.stderr, "\x1b")
}
