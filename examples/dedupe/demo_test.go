package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// TestDemo checks what README.md says of its example, the report of
// testdata/demo: wire.txt is seed 000; copy.txt is wire.txt respelled;
// paper.txt is the first paragraphs of seed 003; composite.txt has two
// paragraphs of wire.txt (one edited), three of paper.txt and two
// sentences of its own. testdata/bad/not-utf8.txt is not UTF-8.
func TestDemo(t *testing.T) {
	demo := func(name string) string {
		b, err := os.ReadFile(filepath.Join(demoDir, name))
		require.NoError(t, err)
		return string(b)
	}
	wire, copyText, paper, comp := demo("wire.txt"), demo("copy.txt"), demo("paper.txt"), demo("composite.txt")
	bad := demo("../bad/not-utf8.txt")

	// The files are made of the seeds as the README says.
	assert.Equal(t, fixture.Seed(t, seed0), wire)
	assert.NotEqual(t, wire, copyText)
	seed3 := fixture.Seed(t, "003_4e929452d58b46a1.txt")
	for _, p := range fixture.Paragraphs(paper) {
		assert.Contains(t, seed3, strings.TrimSpace(p))
	}
	firstLine := strings.IndexByte(bad, '\n') + 1
	require.Positive(t, firstLine)
	assert.True(t, utf8.ValidString(bad[:firstLine]))
	assert.False(t, utf8.ValidString(bad[firstLine:]))

	// The README's main command: a finding, and nothing wrong.
	out := dedupeCmd(t, demoDir)
	assert.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Empty(t, out.stderr)

	badPath := filepath.Join(demoDir, "..", "bad", "not-utf8.txt")
	out = dedupeCmd(t, "--format", "json", demoDir, badPath)
	assert.Equal(t, cli.ExitError, out.code, "not-utf8.txt is an input error")
	assert.Equal(t, "dedupe: "+badPath+": invalid UTF-8 (line 2, byte "+strconv.Itoa(firstLine)+")\n"+
		"dedupe: 1 input failed (4 documents read)\n", out.stderr)
	r := decodeBatch(t, out.stdout)

	var ids []string
	for _, d := range r.Documents {
		ids = append(ids, d.ID)
		assert.Nil(t, d.Error, d.ID)
	}
	assert.Equal(t, []string{"composite.txt", "copy.txt", "paper.txt", "wire.txt"}, ids)

	require.Len(t, r.Errors, 1)
	e := r.Errors[0]
	assert.Equal(t, badPath, e.Source)
	assert.Equal(t, "invalid UTF-8", e.Error)
	require.NotNil(t, e.Line)
	require.NotNil(t, e.Offset)
	assert.Equal(t, 2, *e.Line)
	assert.Equal(t, int64(firstLine), *e.Offset)

	require.Len(t, r.Clusters, 1)
	assert.Equal(t, []string{"copy.txt", "wire.txt"}, r.Clusters[0].Members)
	assert.Equal(t, "copy.txt", r.Clusters[0].Representative, "the earliest in input order")

	verdicts := map[[2]string]string{}
	for _, p := range r.Pairs {
		verdicts[[2]string{p.A, p.B}] = p.Verdict
		for _, share := range []float64{p.Resemblance, p.ContainmentA, p.ContainmentB, p.CoverageA, p.CoverageB} {
			assert.True(t, share >= 0 && share <= 1, "%s and %s: share %v", p.A, p.B, share)
		}
		for _, ps := range p.Passages {
			assert.True(t, ps.Similarity > 0 && ps.Similarity <= 1, "%s and %s: similarity %v", p.A, p.B, ps.Similarity)
		}
	}
	assert.Contains(t, []string{"identical", "near-duplicate"}, verdicts[[2]string{"copy.txt", "wire.txt"}])
	delete(verdicts, [2]string{"copy.txt", "wire.txt"})
	assert.Equal(t, map[[2]string]string{
		{"composite.txt", "copy.txt"}:  "partial-reuse",
		{"composite.txt", "paper.txt"}: "partial-reuse",
		{"composite.txt", "wire.txt"}:  "partial-reuse",
	}, verdicts)
	assert.Equal(t, 4, r.Stats["documents"])
	assert.Equal(t, 1, r.Stats["input_errors"])
	assert.Equal(t, 1, r.Stats["identical"]+r.Stats["near_duplicate"])
	assert.Equal(t, 3, r.Stats["partial_reuse"])
	assert.Equal(t, 1, r.Stats["clusters"])

	// Every paragraph composite.txt takes from the others is inside a
	// passage on both sides, and its own sentences are in none.
	cp, wp, pp := fixture.Paragraphs(comp), fixture.Paragraphs(wire), fixture.Paragraphs(paper)
	require.Len(t, cp, 6)
	for _, p := range r.Pairs {
		if p.A != "composite.txt" || p.B == "copy.txt" {
			continue
		}
		var a, b []spanOut
		for _, ps := range p.Passages {
			a, b = append(a, ps.A), append(b, ps.B)
		}
		switch p.B {
		case "wire.txt":
			require.Len(t, p.Passages, 2)
			assertInside(t, comp, wp[2], a)
			assertInside(t, wire, wp[2], b)
			assertInside(t, comp, cp[3], a) // wp[6], edited
			assertInside(t, wire, wp[6], b)
		case "paper.txt":
			require.Len(t, p.Passages, 3)
			for _, i := range []int{0, 3, 6} {
				assertInside(t, comp, pp[i], a)
				assertInside(t, paper, pp[i], b)
			}
		}
		own := []string{strings.TrimPrefix(cp[1], wp[2]), cp[5]}
		require.NotEqual(t, cp[1], own[0])
		for _, s := range own {
			start := strings.Index(comp, s)
			for _, ps := range a {
				assert.Zero(t, overlapOf(start, start+len(s), ps.Start, ps.End), "%s: own text in a passage", p.B)
			}
		}
	}

	// The text report.
	out = dedupeCmd(t, demoDir, badPath)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stdout, "Read 4 documents; 1 input failed (see stderr).")
	assert.Contains(t, out.stdout, "Cluster 1: 2 documents")
	assert.Contains(t, out.stdout, "3 partial reuse, 0 template)")
}

// assertInside checks that para, but for its final punctuation, lies in
// text inside one of spans.
func assertInside(t *testing.T, text, para string, spans []spanOut) {
	t.Helper()
	start := strings.Index(text, para)
	require.GreaterOrEqual(t, start, 0)
	end := start + len(strings.TrimRightFunc(para, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
	for _, s := range spans {
		if s.Start <= start && end <= s.End {
			return
		}
	}
	assert.Failf(t, "paragraph in no passage", "bytes %d–%d of %q; passages %+v", start, end, para[:min(len(para), 60)], spans)
}

func overlapOf(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }
