package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/eval/internal/pan"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
	"github.com/neardup/neardup/prepare"
)

// panEvalOut mirrors the documented JSON of pan-eval independently of the
// types that write it.
type panEvalOut struct {
	Truth             string     `json:"truth"`
	Detections        string     `json:"detections"`
	Overall           panScore   `json:"overall"`
	ByObfuscation     []panScore `json:"by_obfuscation"`
	IgnoredCases      int        `json:"ignored_cases"`
	IgnoredDetections int        `json:"ignored_detections"`
}

type panScore struct {
	Obfuscation   string  `json:"obfuscation"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
	Granularity   float64 `json:"granularity"`
	Plagdet       float64 `json:"plagdet"`
	Cases         int     `json:"cases"`
	DetectedCases int     `json:"detected_cases"`
	Detections    int     `json:"detections"`
}

func decodePanEval(t testing.TB, out string) panEvalOut {
	t.Helper()
	var r panEvalOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

// runeIndex returns the code-point offset of the first occurrence of sub
// in s.
func runeIndex(t testing.TB, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	require.GreaterOrEqual(t, i, 0, "%q not found", sub)
	return len([]rune(s[:i]))
}

// panFixture is a tiny PAN corpus made of the seed articles: two sources
// (seeds 000 and 001), and two suspicious documents: one made of seed
// 003's paragraphs with paragraph 2 of seed 000 and paragraph 1 of seed
// 001 inserted, opened by a line of harakat and emoji so that byte,
// rune and folded offsets all differ; the other seed 004 alone, which
// reuses nothing.
type panFixture struct {
	src, susp, truth string
	suspText         string
	reused           [2]string // the inserted paragraphs
}

func newPANFixture(t *testing.T) panFixture {
	t.Helper()
	dir := t.TempDir()
	f := panFixture{
		src:   filepath.Join(dir, "src"),
		susp:  filepath.Join(dir, "susp"),
		truth: filepath.Join(dir, "truth"),
	}
	s0, s1 := fixture.Seed(t, seed0), fixture.Seed(t, "001_04372fc662654fe5.txt")
	fixture.Write(t, f.src, "source-document00001.txt", s0)
	fixture.Write(t, f.src, "source-document00002.txt", s1)
	p3 := fixture.Paragraphs(fixture.Seed(t, "003_4e929452d58b46a1.txt"))
	f.reused = [2]string{fixture.Paragraphs(s0)[2], seed001Line(t, s1)}
	f.suspText = strings.Join([]string{"🙂 مُقَدِّمَةٌ 🙂", p3[0], f.reused[0], p3[1], p3[2], f.reused[1], p3[3]}, "\n\n")
	fixture.Write(t, f.susp, "suspicious-document001.txt", f.suspText)
	fixture.Write(t, f.susp, "suspicious-document002.txt", fixture.Seed(t, "004_eec36a63520b864b.txt"))

	var cases []pan.Annotation
	for k, para := range f.reused {
		src := []string{s0, s1}[k]
		n := len([]rune(para))
		cases = append(cases, pan.Annotation{
			Offset: runeIndex(t, f.suspText, para), Length: n,
			Source:       []string{"source-document00001.txt", "source-document00002.txt"}[k],
			SourceOffset: runeIndex(t, src, para), SourceLength: n,
			Obfuscation: []string{"none", "word shuffling"}[k],
		})
	}
	require.NoError(t, os.MkdirAll(f.truth, 0o755))
	writeCases(t, filepath.Join(f.truth, "suspicious-document001.xml"), "suspicious-document001.txt", cases)
	writeCases(t, filepath.Join(f.truth, "suspicious-document002.xml"), "suspicious-document002.txt", nil)
	return f
}

// writeCases writes annotated cases as PAN writes them.
func writeCases(t *testing.T, path, ref string, cases []pan.Annotation) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<document reference="` + ref + `">` + "\n")
	for _, c := range cases {
		b.WriteString(`<feature name="plagiarism" this_offset="` + strconv.Itoa(c.Offset) + `" this_length="` + strconv.Itoa(c.Length) +
			`" source_reference="` + c.Source + `" source_offset="` + strconv.Itoa(c.SourceOffset) +
			`" source_length="` + strconv.Itoa(c.SourceLength) + `" obfuscation="` + c.Obfuscation + `" type="artificial"/>` + "\n")
	}
	b.WriteString("</document>\n")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

// seed001Line returns a long line of seed 001 (written without blank
// lines between paragraphs).
func seed001Line(t testing.TB, s string) string {
	t.Helper()
	line := strings.Split(s, "\n")[7]
	require.Greater(t, len([]rune(line)), 300)
	return line
}

// assertWholePassage asserts that got is para but for punctuation at its
// end (passages end on a word).
func assertWholePassage(t testing.TB, para, got string) {
	t.Helper()
	rest, ok := strings.CutPrefix(para, got)
	require.True(t, ok, "passage %q is not the start of %q", got, para)
	assert.Empty(t, strings.TrimFunc(rest, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }), "left out: %q", rest)
}

func TestPanAlignsInCodePoints(t *testing.T) {
	f := newPANFixture(t)
	out := filepath.Join(t.TempDir(), "det")
	res := evalCmd(t, "pan", "--src", f.src, "--susp", f.susp, "--out", out)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	// Seed 004 reports the same event as the sources, in part in the
	// same words: both its pairs are candidates.
	assert.Equal(t, "Read 2 suspicious documents and 2 source documents.\n"+
		"Compared 4 candidate pairs of 4 possible (sharing rare words).\n"+
		"Wrote 2 detection files to "+out+": 2 detections in 1 document.\n", res.stdout)

	doc, err := pan.ReadFile(filepath.Join(out, "suspicious-document001.xml"))
	require.NoError(t, err)
	assert.Equal(t, "suspicious-document001.txt", doc.Reference)
	require.Len(t, doc.Annotations, 2)
	susp := []rune(f.suspText)
	for k, d := range doc.Annotations {
		assert.Equal(t, []string{"source-document00001.txt", "source-document00002.txt"}[k], d.Source)
		// The offsets are code points of the files: the passage read
		// from both files is the reused paragraph (passages end on a
		// word: final punctuation may be left out).
		src, err := os.ReadFile(filepath.Join(f.src, d.Source))
		require.NoError(t, err)
		inSusp := string(susp[d.Offset:d.End()])
		inSrc := string([]rune(string(src))[d.SourceOffset:d.SourceEnd()])
		assertWholePassage(t, f.reused[k], inSusp)
		assert.Equal(t, inSusp, inSrc)
		assert.NotEqual(t, strings.Index(f.suspText, inSusp), d.Offset, "byte and rune offsets differ here")
	}

	// A document reusing nothing gets a file without detections.
	doc, err = pan.ReadFile(filepath.Join(out, "suspicious-document002.xml"))
	require.NoError(t, err)
	assert.Equal(t, "suspicious-document002.txt", doc.Reference)
	assert.Empty(t, doc.Annotations)

	// --all-pairs finds the same, comparing all four pairs.
	out2 := filepath.Join(t.TempDir(), "det")
	res = evalCmd(t, "pan", "--all-pairs", "--workers", "1", "--src", f.src, "--susp", f.susp, "--out", out2)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Compared 4 candidate pairs of 4 possible (all pairs).")
	for _, name := range []string{"suspicious-document001.xml", "suspicious-document002.xml"} {
		a, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(out2, name))
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b))
	}

	// Scored against the cases: the detections cover the paragraphs
	// but their final punctuation.
	res = evalCmd(t, "pan-eval", "--format", "json", "--truth", f.truth, "--det", out)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	r := decodePanEval(t, res.stdout)
	assert.Equal(t, 2, r.Overall.Cases)
	assert.Equal(t, 2, r.Overall.DetectedCases)
	assert.Equal(t, 1.0, r.Overall.Precision)
	assert.Greater(t, r.Overall.Recall, 0.99)
	assert.Equal(t, 1.0, r.Overall.Granularity)
	require.Len(t, r.ByObfuscation, 2)
	assert.Equal(t, "none", r.ByObfuscation[0].Obfuscation)
	assert.Equal(t, "word shuffling", r.ByObfuscation[1].Obfuscation)
}

func TestPanErrors(t *testing.T) {
	f := newPANFixture(t)
	out := filepath.Join(t.TempDir(), "det")

	res := evalCmd(t, "pan", "--src", f.src, "--susp", f.susp)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "--src, --susp and --out are all required")

	res = evalCmd(t, "pan", "--src", f.src, "--susp", f.susp, "--out", out, "extra")
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, `unexpected argument "extra"`)

	res = evalCmd(t, "pan", "--min-word-hits", "0", "--src", f.src, "--susp", f.susp, "--out", out)
	assert.Equal(t, cli.ExitError, res.code)

	// An --out that is a file ends the run before any work.
	file := fixture.Write(t, t.TempDir(), "det.xml", "x")
	res = evalCmd(t, "pan", "--src", f.src, "--susp", f.susp, "--out", file)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "eval pan: --out:")
	assert.Empty(t, res.stdout)

	// A file that is not UTF-8 is reported; the others are processed.
	fixture.Write(t, f.susp, "suspicious-document003.txt", "\xff\xfe bad")
	res = evalCmd(t, "pan", "--src", f.src, "--susp", f.susp, "--out", out)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "suspicious-document003.txt: not valid UTF-8")
	assert.Contains(t, res.stderr, "eval pan: 1 input failed")
	assert.Contains(t, res.stdout, "Wrote 2 detection files")

	res = evalCmd(t, "pan", "--src", filepath.Join(f.src, "missing"), "--susp", f.susp, "--out", out)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "missing")

	res = evalCmd(t, "pan", "-h")
	assert.Equal(t, cli.ExitOK, res.code)
	assert.Contains(t, res.stdout, "eval pan --src DIR --susp DIR --out DIR")
	assert.Contains(t, res.stdout, "--min-word-hits")
}

func TestPanEval(t *testing.T) {
	dir := t.TempDir()
	truth, det := filepath.Join(dir, "truth"), filepath.Join(dir, "det")
	require.NoError(t, os.MkdirAll(truth, 0o755))
	require.NoError(t, os.MkdirAll(det, 0o755))
	// Two cases; one found in two halves, the other missed; one false
	// detection: recall 1/2, precision 2/3, granularity 2.
	writeCases(t, filepath.Join(truth, "s.xml"), "s.txt", []pan.Annotation{
		{Offset: 0, Length: 100, Source: "x.txt", SourceOffset: 0, SourceLength: 100, Obfuscation: "none"},
		{Offset: 500, Length: 100, Source: "x.txt", SourceOffset: 500, SourceLength: 100, Obfuscation: "phrase shuffling"},
	})
	require.NoError(t, pan.WriteFile(filepath.Join(det, "s.xml"), "s.txt", []pan.Annotation{
		{Offset: 0, Length: 50, Source: "x.txt", SourceOffset: 0, SourceLength: 50},
		{Offset: 50, Length: 50, Source: "x.txt", SourceOffset: 50, SourceLength: 50},
		{Offset: 300, Length: 50, Source: "y.txt", SourceOffset: 0, SourceLength: 50},
	}))
	res := evalCmd(t, "pan-eval", "--truth", truth, "--det", det)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Equal(t, `PAN text alignment: 2 cases, 3 detections (1 cases detected).

obfuscation                   cases  detected detections precision  recall granularity plagdet
all                               2         1          3    0.6667  0.5000      2.0000  0.3605
none                              1         1          2    1.0000  1.0000      2.0000  0.6309
phrase shuffling                  1         0          0    0.0000  0.0000      1.0000  0.0000
`, res.stdout)

	res = evalCmd(t, "pan-eval", "--format", "json", "--det", det, "--truth", truth)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Equal(t, []string{"truth", "detections", "overall", "by_obfuscation", "ignored_cases", "ignored_detections"}, fixture.Keys(t, res.stdout))
	r := decodePanEval(t, res.stdout)
	assert.Equal(t, panScore{Precision: 0.6667, Recall: 0.5, Granularity: 2, Plagdet: 0.3605, Cases: 2, DetectedCases: 1, Detections: 3}, r.Overall)
	assert.Equal(t, "phrase shuffling", r.ByObfuscation[1].Obfuscation)

	// A broken file is named and nothing is scored.
	bad := fixture.Write(t, det, "t.xml", "<document reference=\"t.txt\">\n<feature name=\"detected-plagiarism\" this_offset=\"x\"/>\n</document>\n")
	res = evalCmd(t, "pan-eval", "--truth", truth, "--det", det)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Equal(t, "eval pan-eval: "+bad+":2: feature 1 (detected-plagiarism): no source_reference attribute\n", res.stderr)
	assert.Empty(t, res.stdout)

	res = evalCmd(t, "pan-eval", "--truth", truth)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "--truth and --det are both required")
	res = evalCmd(t, "pan-eval", "--truth", truth, "--det", filepath.Join(dir, "none"))
	assert.Equal(t, cli.ExitError, res.code)
	res = evalCmd(t, "pan-eval", "--format", "xml", "--truth", truth, "--det", det)
	assert.Equal(t, cli.ExitError, res.code)
}

func TestDenseWindow(t *testing.T) {
	assert.True(t, denseWindow([]int32{0, 10, 29}, 30, 3))
	assert.False(t, denseWindow([]int32{0, 10, 30}, 30, 3))
	assert.True(t, denseWindow([]int32{0, 100, 110, 120}, 30, 3))
	assert.False(t, denseWindow([]int32{0, 1}, 30, 3))
	assert.True(t, denseWindow([]int32{7}, 30, 1))
	assert.False(t, denseWindow(nil, 30, 1))
}

func TestSourceCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]rune, 5)
		for i := range b {
			b[i] = 'ا' + rune(rng.IntN(20))
		}
		return string(b)
	}
	text := func(n int) []string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return ws
	}
	common := text(5) // in every source
	var srcWords [][]string
	var sources []*prepare.Doc
	for range 4 {
		ws := append(text(200), common...)
		srcWords = append(srcWords, ws)
		d, err := neardup.Prepare(strings.Join(ws, " "))
		require.NoError(t, err)
		sources = append(sources, d)
	}
	// The query: 6 words of source 1 within 30 words; 6 words of source
	// 2, but 40 words apart; the 5 common words together; and 6 words of
	// source 3 within 30 words, each with a 2-rune word that does not
	// count.
	q := text(20)
	q = append(q, srcWords[1][10:16]...)
	for i := range 6 {
		q = append(q, srcWords[2][i])
		q = append(q, text(40)...)
	}
	q = append(q, common...)
	for i := range 6 {
		q = append(q, srcWords[3][i], "با")
	}
	query, err := neardup.Prepare(strings.Join(q, " "))
	require.NoError(t, err)

	p := cli.NewProgress(cli.Env{})
	got := sourceCandidates([]*prepare.Doc{query, nil}, sources, wordFilter{maxDocs: 3, minHits: 5}, 2, p)
	assert.Equal(t, [][]int32{{1, 3}, nil}, got)
	got = sourceCandidates([]*prepare.Doc{query}, sources, wordFilter{maxDocs: 0, minHits: 5}, 1, p)
	assert.Equal(t, [][]int32{{0, 1, 2, 3}}, got, "without a limit, the common words count")
	got = sourceCandidates([]*prepare.Doc{query}, sources, wordFilter{maxDocs: 3, minHits: 7}, 1, p)
	assert.Empty(t, got[0])
}
