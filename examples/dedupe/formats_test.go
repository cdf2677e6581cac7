package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// JSON Lines: each line stands alone, and its pairs are the JSON report's.
func TestBatchJSONL(t *testing.T) {
	out := dedupeCmd(t, "--format", "jsonl", demoDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	whole := decodeBatch(t, dedupeCmd(t, "--format", "json", demoDir).stdout)

	kinds := map[string]int{}
	var pairs []pairOut
	for line := range strings.SplitSeq(strings.TrimSuffix(out.stdout, "\n"), "\n") {
		var head struct {
			Record        string `json:"record"`
			SchemaVersion int    `json:"schema_version"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &head), line)
		assert.Equal(t, schemaVersion, head.SchemaVersion)
		assert.Equal(t, []string{"record", "schema_version"}, fixture.Keys(t, line)[:2])
		kinds[head.Record]++
		if head.Record == "pair" {
			var p pairOut
			require.NoError(t, json.Unmarshal([]byte(line), &p))
			pairs = append(pairs, p)
		}
	}
	assert.Equal(t, map[string]int{"pair": 4, "cluster": 1, "summary": 1, "stats": 1}, kinds)
	assert.Equal(t, whole.Pairs, pairs)
}

func TestBatchCSV(t *testing.T) {
	summary := t.TempDir() + "/summary.csv"
	out := dedupeCmd(t, "--format", "csv", "--summary-csv", summary, demoDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	rows, err := csv.NewReader(strings.NewReader(out.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, pairColumns, rows[0])
	whole := decodeBatch(t, dedupeCmd(t, "--format", "json", demoDir).stdout)
	for i, p := range whole.Pairs {
		assert.Equal(t, []string{p.A, p.B, p.Verdict}, rows[i+1][:3])
	}
	s, err := csv.NewReader(strings.NewReader(readFile(t, summary))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{summaryColumns, {"../../testdata/demo", "../../testdata/demo", "4",
		"identical:1;partial-reuse:3", "2", "3", "0.5044", ""}}, s)

	out = dedupeCmd(t, "--summary-csv", summary, demoDir)
	assert.Equal(t, cli.ExitError, out.code, "--summary-csv without csv")
}

// A cell a spreadsheet would take for a formula is written as text.
func TestCSVCells(t *testing.T) {
	assert.Equal(t, "'=HYPERLINK(\"x\")", cell(`=HYPERLINK("x")`))
	assert.Equal(t, "'-1", cell("-1"))
	assert.Equal(t, "'@SUM(A1)", cell("@SUM(A1)"))
	assert.Equal(t, "نص", cell("نص"))
	assert.Equal(t, "", cell(""))
}

// FuzzCSVRow: whatever the IDs and excerpts hold, a pair's row reads
// back as one record of the columns, each text cell as written but for
// the apostrophe that keeps a formula from running.
func FuzzCSVRow(f *testing.F) {
	for _, s := range []string{"", "a,b", "\"q\"", "=1+1", "line\nbreak", "\r\n", "عربي\u202e", "\xff"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, id, ex string) {
		p := pairJSON{A: id, B: ex, Verdict: compare.PartialReuse, Passages: []passageJSON{{
			A: spanJSON{Excerpt: ex}, B: spanJSON{Excerpt: id},
		}}}
		var buf bytes.Buffer
		require.NoError(t, writeCSV(&buf, pairColumns, func(yield func([]string) bool) { yield(pairRow(p, id, ex)) }))
		rows, err := csv.NewReader(&buf).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 2)
		require.Len(t, rows[1], len(pairColumns))
		// encoding/csv reads \r\n inside a quoted cell as \n.
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		for _, c := range []struct{ got, want string }{
			{rows[1][0], id}, {rows[1][1], ex}, {rows[1][12], id}, {rows[1][13], ex}, {rows[1][16], ex}, {rows[1][17], id},
		} {
			got := c.got
			if got != "" && got[0] == '\'' && c.want != "" && strings.ContainsRune("=+-@\t\r", rune(c.want[0])) {
				got = got[1:]
			}
			assert.Equal(t, norm(c.want), got)
		}
	})
}

func TestFilters(t *testing.T) {
	r := decodeBatch(t, dedupeCmd(t, "--format", "json", "--verdict", "identical", demoDir).stdout)
	require.Len(t, r.Pairs, 1)
	assert.Equal(t, "identical", r.Pairs[0].Verdict)
	assert.Len(t, r.Clusters, 1, "clusters read every pair")
	assert.Equal(t, 1, r.Stats["pairs"])
	assert.Equal(t, 3, r.Stats["partial_reuse"], "stats count every pair found")

	r = decodeBatch(t, dedupeCmd(t, "--format", "json", "--min-coverage", "0.5", demoDir).stdout)
	require.NotEmpty(t, r.Pairs)
	for _, p := range r.Pairs {
		assert.GreaterOrEqual(t, max(p.CoverageA, p.CoverageB), 0.5)
	}
	assert.Less(t, len(r.Pairs), 4)

	out := dedupeCmd(t, "--verdict", "nearly", demoDir)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, `unknown verdict "nearly"`)
	out = dedupeCmd(t, "--min-coverage", "2", demoDir)
	assert.Equal(t, cli.ExitError, out.code)

	out = dedupeCmd(t, "--verdict", "identical", demoDir)
	assert.Contains(t, out.stdout, "1 listed (--verdict, --min-coverage)")
}

// Alignment thresholds reach compare.Options: a passage minimum longer
// than the demo's passages leaves none.
func TestAlignmentFlags(t *testing.T) {
	r := decodeBatch(t, dedupeCmd(t, "--format", "json", "--min-passage", "5000", demoDir).stdout)
	for _, p := range r.Pairs {
		assert.Equal(t, "identical", p.Verdict, "%s %s", p.A, p.B)
	}
	out := dedupeCmd(t, "compare", "--near-duplicate", "0.3", demoDir+"/composite.txt", demoDir+"/paper.txt")
	assert.Contains(t, out.stdout, "verdict      near-duplicate")
	out = dedupeCmd(t, "--min-density", "1.5", demoDir)
	assert.Equal(t, cli.ExitError, out.code)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// --passage-text gives each passage's full text in the batch report,
// the text its offsets point at.
func TestPassageText(t *testing.T) {
	r := decodeBatch(t, dedupeCmd(t, "--format", "json", "--passage-text", demoDir).stdout)
	texts := map[string]string{}
	for _, name := range []string{"composite.txt", "copy.txt", "paper.txt", "wire.txt"} {
		texts[name] = readFile(t, demoDir+"/"+name)
	}
	require.NotEmpty(t, r.Pairs)
	for _, p := range r.Pairs {
		for _, ps := range p.Passages {
			require.NotNil(t, ps.A.Text)
			assert.Equal(t, texts[p.A][ps.A.Start:ps.A.End], *ps.A.Text)
			assert.Equal(t, texts[p.B][ps.B.Start:ps.B.End], *ps.B.Text)
		}
	}
	r = decodeBatch(t, dedupeCmd(t, "--format", "json", demoDir).stdout)
	assert.Nil(t, r.Pairs[0].Passages[0].A.Text, "without the flag, excerpts only")
}
