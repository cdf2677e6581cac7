package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// hostile is text meant to break out of the page: a script, an element
// with a handler, quotes that would end an attribute, and a right-to-left
// override that would reorder what follows it.
const hostile = `<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">' onmouseover='window.pwned=3` + "\u202e" + "txt.exe"

// hostileCorpus writes a directory whose file names and texts carry
// hostile, beside a copy of a seed (so that the hostile document is in
// a pair), and returns it.
func hostileCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seed := fixture.Seed(t, seed0)
	paras := fixture.Paragraphs(seed)
	// The hostile text inside a reused passage, and around it.
	text := hostile + "\n\n" + paras[2] + " " + hostile + " " + paras[3] + "\n\n" + paras[5] + "\n\n" + hostile
	fixture.Write(t, dir, "a"+strings.NewReplacer("/", "_", "\u202e", "").Replace(hostile[:40])+".txt", text)
	fixture.Write(t, dir, "b\u202eevil.txt", seed)
	return dir
}

// allowedTags are the elements the template writes: anything else in the
// page came from the data.
var allowedTags = map[string]bool{
	"!DOCTYPE": true, "html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "main": true, "h1": true, "h2": true, "h3": true, "h4": true, "p": true, "nav": true,
	"a": true, "table": true, "tr": true, "th": true, "td": true, "span": true, "section": true, "div": true,
	"mark": true, "bdi": true, "strong": true, "em": true, "br": true, "ul": true, "li": true,
}

func TestHTMLEscapesEverything(t *testing.T) {
	dir := hostileCorpus(t)
	for _, args := range [][]string{
		{"--format", "html", dir},
		{"compare", "--format", "html", filepath.Join(dir, "b\u202eevil.txt"), dir + "/a" + strings.NewReplacer("/", "_", "\u202e", "").Replace(hostile[:40]) + ".txt"},
	} {
		out := dedupeCmd(t, args...)
		require.Equal(t, cli.ExitOK, out.code, out.stderr)
		page := out.stdout
		for _, m := range regexp.MustCompile(`<(/?)([!A-Za-z][A-Za-z0-9]*)`).FindAllStringSubmatch(page, -1) {
			assert.True(t, allowedTags[m[2]], "%v: element %q from the data", args[0], m[2])
		}
		assert.NotContains(t, page, "<script")
		assert.NotContains(t, page, "<img")
		assert.NotContains(t, page, "onmouseover='")
		assert.NotContains(t, page, "\u202e", "no bidi override survives")
		assert.Contains(t, page, "&lt;script&gt;window.pwned=1&lt;/script&gt;")
		assert.True(t, strings.Contains(page, "[U&#43;202E]"), "the override shown as its code")
		assert.Contains(t, page, "<mark class=\"r r0")
		assert.Contains(t, page, `dir="auto"`)
		assert.Contains(t, page, "Content-Security-Policy")
		assert.NotContains(t, page, "http://", "nothing to fetch")
		assert.NotContains(t, page, "https://")
	}
}

// The segments of a side read back as its text, lines apart, with each
// passage and changed word where the spans put them.
func TestParagraphsOf(t *testing.T) {
	text := "one two three\nfour five six\n\nseven eight"
	spans := []markSpan{
		{start: 4, end: 18, k: 1, changed: [][2]int{{8, 13}}},
		{start: 10, end: 23, k: 2}, // overlaps 1: drawn from where 1 ends
	}
	paras := paragraphsOf(text, spans, "p1-a-")
	require.Len(t, paras, 3)
	var got [][]htmlSeg
	for _, p := range paras {
		for i := range p.Segs {
			// Each segment's runs are its text, one run here.
			assert.Equal(t, []htmlRun{{Text: p.Segs[i].Text}}, p.Segs[i].Runs)
			p.Segs[i].Runs = nil
		}
		got = append(got, p.Segs)
	}
	assert.Equal(t, [][]htmlSeg{
		{{Text: "one "}, {Text: "two ", K: 1, ID: "p1-a-1"}, {Text: "three", K: 1, Changed: true}},
		{{Text: "four", K: 1}, {Text: " five", K: 2, ID: "p1-a-2"}, {Text: " six"}},
		{{Text: "seven eight"}},
	}, got)
	assert.Equal(t, "r r0 c", got[0][2].Class())
	assert.Equal(t, "r r1", got[1][1].Class())
	assert.Equal(t, "", got[1][2].Class())
}

func TestInert(t *testing.T) {
	assert.Equal(t, "abc عربي\tx", inert("abc عربي\tx"))
	assert.Equal(t, "a[U+202E]b[U+2066]c", inert("a\u202eb\u2066c\x00\x1b"))
}

// The batch job's page shows at most --html-pairs pairs, and says how
// many more there are.
func TestHTMLPairsLimit(t *testing.T) {
	out := dedupeCmd(t, "--format", "html", "--html-pairs", "1", demoDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, 1, strings.Count(out.stdout, `<section class="pair"`))
	assert.Contains(t, out.stdout, "3 more not shown")
}
