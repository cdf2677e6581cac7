package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/eval/internal/judged"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// judgedOut mirrors the documented JSON of eval judged independently of
// the types that write it.
type judgedOut struct {
	Labels string `json:"labels"`
	Corpus struct {
		Dir                string `json:"dir"`
		Zips               int    `json:"zips"`
		Articles           int    `json:"articles"`
		RecordsWithoutText int    `json:"records_without_text"`
	} `json:"corpus"`
	Batch struct {
		Pairs     int            `json:"pairs"`
		ByVerdict map[string]int `json:"by_verdict"`
		Clusters  int            `json:"clusters"`
	} `json:"batch"`
	LabelledPairs    int          `json:"labelled_pairs"`
	MissingURLs      []string     `json:"missing_urls"`
	LeftOut          []int        `json:"left_out"`
	Measures         []measureOut `json:"measures"`
	PairwiseMeasures []measureOut `json:"pairwise_measures"`
	Confusion        struct {
		Rows    []string `json:"rows"`
		Columns []string `json:"columns"`
		Counts  [][]int  `json:"counts"`
	} `json:"confusion"`
	Pairs []struct {
		N         int      `json:"n"`
		URLA      string   `json:"url_a"`
		URLB      string   `json:"url_b"`
		Label     string   `json:"label"`
		Reworded  string   `json:"reworded"`
		Verdict   string   `json:"verdict"`
		Pairwise  string   `json:"pairwise_verdict"`
		CoverageA float64  `json:"coverage_a"`
		CoverageB float64  `json:"coverage_b"`
		Distance  int      `json:"distance"`
		Errors    []string `json:"errors"`
	} `json:"pairs"`
	VerdictClasses struct {
		Reuse []string `json:"reuse"`
		Whole []string `json:"whole"`
	} `json:"verdict_classes"`
}

type measureOut struct {
	Name          string  `json:"name"`
	Description   string  `json:"description"`
	Numerator     int     `json:"numerator"`
	Denominator   int     `json:"denominator"`
	Share         float64 `json:"share"`
	LowerIsBetter bool    `json:"lower_is_better"`
}

func decodeJudged(t testing.TB, out string) judgedOut {
	t.Helper()
	var r judgedOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

// labelsFile writes a labels file of the pairs given as lines of
// tab-separated columns after the header.
func labelsFile(t testing.TB, lines ...string) string {
	t.Helper()
	return fixture.Write(t, t.TempDir(), "labels.tsv",
		"#n\turl_a\turl_b\tlabel\treworded\tsource_a\tsource_b\tevidence\n"+strings.Join(lines, "\n")+"\n")
}

// fixtureLabels label pairs of the news fixture.
func fixtureLabels(t testing.TB) string {
	return labelsFile(t,
		"1\t"+urlCopy+"\t"+urlWire+"\tWHOLE\tno\tdaily\twire\tthe same text",
		"2\t"+urlWire+"\t"+urlPart+"\tPART\tyes\twire\tother\ttwo paragraphs",
		"3\t"+urlWire+"\t"+urlElse+"\tEVENT\t-\twire\tdaily\tsame war",
		"4\t"+urlCopy+"\thttp://gone.example/1\tUNRELATED\t-\tdaily\tgone\t",
		"5\t"+urlPart+"\t"+urlElse+"\tUNRELATED\t-\tother\tdaily\t",
	)
}

func TestJudgedJSON(t *testing.T) {
	dir := newNewsFixture(t)
	labels := fixtureLabels(t)
	res := evalCmd(t, "judged", "--labels", labels, "--corpus", dir, "--format", "json", "--workers", "2")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Equal(t, "eval judged: warning: http://gone.example/1 (pair 4, line 5) is not in the corpus; its pairs are left out\n", res.stderr)
	r := decodeJudged(t, res.stdout)

	assert.Equal(t, labels, r.Labels)
	assert.Equal(t, 6, r.Corpus.Articles)
	assert.Equal(t, 1, r.Corpus.RecordsWithoutText)
	assert.Equal(t, 2, r.Corpus.Zips)
	assert.Equal(t, 5, r.LabelledPairs)
	assert.Equal(t, []string{"http://gone.example/1"}, r.MissingURLs)
	assert.Equal(t, []int{4}, r.LeftOut)
	assert.Positive(t, r.Batch.Pairs)
	assert.Positive(t, r.Batch.Clusters)
	assert.Equal(t, []string{"identical", "near-duplicate", "rewrite", "partial-reuse"}, r.VerdictClasses.Reuse)

	require.Len(t, r.Pairs, 4)
	verdicts := map[int]string{}
	for _, p := range r.Pairs {
		verdicts[p.N] = p.Verdict
		assert.NotNil(t, p.Errors, "a list, empty when the pair counts as no error")
	}
	assert.Equal(t, map[int]string{1: "identical", 2: "partial-reuse", 3: "none", 5: "none"}, verdicts)
	one := r.Pairs[0]
	assert.Equal(t, urlCopy, one.URLA)
	assert.Equal(t, "WHOLE", one.Label)
	assert.Equal(t, "no", one.Reworded)
	assert.Equal(t, "identical", one.Pairwise)
	assert.Equal(t, 1.0, one.CoverageA)
	assert.Zero(t, one.Distance)
	two := r.Pairs[1]
	assert.Equal(t, "partial-reuse", two.Pairwise)
	assert.Greater(t, two.CoverageB, 0.0)
	assert.Greater(t, two.CoverageA, 0.0)
	// Coverages are of url_a and url_b, whichever order the batch job
	// found the pair in.
	res = evalCmd(t, "judged", "--labels", labelsFile(t, "2\t"+urlPart+"\t"+urlWire+"\tPART\tyes\tother\twire\t"),
		"--corpus", dir, "--format", "json")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	turned := decodeJudged(t, res.stdout).Pairs[0]
	assert.Equal(t, "partial-reuse", turned.Verdict)
	assert.Equal(t, [2]float64{two.CoverageB, two.CoverageA}, [2]float64{turned.CoverageA, turned.CoverageB})
	assert.NotEqual(t, two.CoverageA, two.CoverageB)
	assert.Equal(t, "-", r.Pairs[2].Reworded)

	type m struct {
		name     string
		num, den int
	}
	var got []m
	for _, x := range r.Measures {
		got = append(got, m{x.Name, x.Numerator, x.Denominator})
		assert.Equal(t, x.Name == "non_reuse_reported", x.LowerIsBetter)
	}
	assert.Equal(t, []m{{"reuse_reported", 2, 2}, {"whole_reported_whole", 1, 1}, {"reworded_reported", 1, 1}, {"non_reuse_reported", 0, 2}}, got)
	assert.Equal(t, 1.0, r.Measures[0].Share)
	assert.Zero(t, r.Measures[3].Share)
	require.Len(t, r.PairwiseMeasures, 4)

	c := r.Confusion
	assert.Equal(t, []string{"WHOLE-no", "WHOLE-yes", "PART-no", "PART-yes", "EVENT", "UNRELATED"}, c.Rows)
	assert.Equal(t, []string{"identical", "partial-reuse", "none"}, c.Columns)
	assert.Equal(t, [][]int{{1, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}}, c.Counts)
}

func TestJudgedText(t *testing.T) {
	dir := newNewsFixture(t)
	labels := fixtureLabels(t)
	res := evalCmd(t, "judged", "--labels", labels, "--corpus", dir, "--list")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	out := res.stdout
	assert.Contains(t, out, "Judged pairs: 4 pairs scored (2 reuse, 2 not) of 5 in "+labels+"; 1 left out, 1 article not in the corpus.\n")
	assert.Contains(t, out, "Corpus: 6 articles with text in 2 zips (1 record without text).\n")
	assert.Regexp(t, `1\.0000 +2/2 +1\.0000 +2/2 +labelled reuse \(WHOLE or PART\) reported as reuse\n`, out)
	assert.Regexp(t, `0\.0000 +0/2 +[0-9.]+ +\d/2 +EVENT or UNRELATED reported as reuse \(lower is better\)\n`, out)
	assert.Regexp(t, `\n +identical +partial-reuse +none +total\n +WHOLE-no +1 +0 +0 +1\n`, out)
	assert.Regexp(t, `\n2 +PART +yes +partial-reuse +partial-reuse +[0-9.]+ +[0-9.]+ +\d+ +-\n`, out)
	assert.NotContains(t, out, "\n4 ", "pair 4 is left out")

	// Without --list, no pairs.
	res = evalCmd(t, "judged", "--labels", labels, "--corpus", dir)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.NotContains(t, res.stdout, "coverage_a")
}

func TestJudgedErrors(t *testing.T) {
	dir := newNewsFixture(t)
	bad := labelsFile(t,
		"1\t"+urlCopy+"\t"+urlWire+"\tWHOLE\tno\tdaily\twire\t",
		"2\t"+urlWire+"\t"+urlPart+"\tSAME\tno\twire\tother\t",
		"3\t"+urlWire)
	res := evalCmd(t, "judged", "--labels", bad, "--corpus", dir)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Equal(t, "eval judged: "+bad+":3: label is \"SAME\", want WHOLE, PART, EVENT or UNRELATED\n"+
		"eval judged: "+bad+":4: 2 tab-separated columns, want 8 (n, url_a, url_b, label, reworded, source_a, source_b, evidence)\n", res.stderr)
	assert.Empty(t, res.stdout)

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--corpus", dir}, "--labels and --corpus are both required"},
		{[]string{"--labels", bad}, "--labels and --corpus are both required"},
		{[]string{"--labels", bad, "--corpus", dir, "--workers", "-1"}, "--workers must be from 0 to"},
		{[]string{"--labels", bad, "--corpus", dir, "extra"}, `unexpected argument "extra"`},
		{[]string{"--labels", bad, "--corpus", dir, "--format", "xml"}, "want text or json"},
	} {
		res := evalCmd(t, append([]string{"judged"}, c.args...)...)
		assert.Equal(t, cli.ExitError, res.code, c.args)
		assert.Contains(t, res.stderr, c.want, c.args)
	}

	res = evalCmd(t, "judged", "--labels", filepath.Join(dir, "absent.tsv"), "--corpus", dir)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "absent.tsv")
	res = evalCmd(t, "judged", "--labels", fixtureLabels(t), "--corpus", t.TempDir())
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "no *.zip file in")

	res = evalCmd(t, "judged", "-h")
	assert.Equal(t, cli.ExitOK, res.code)
	assert.Contains(t, res.stdout, "eval judged --labels FILE --corpus DIR")
}

// newsData returns the SaudiNewsNet dumps beside the checkout, or skips.
func newsData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpora", "saudinewsnet")
	if zips, _ := filepath.Glob(filepath.Join(dir, "*.zip")); len(zips) == 0 {
		t.Skipf("no SaudiNewsNet dumps at %s", dir)
	}
	if testing.Short() {
		t.Skip("the evaluation runs the batch job on a whole corpus; skipped in -short mode")
	}
	return dir
}

// newsSubset returns a corpus of the articles of dir whose URLs keep
// holds, written to a temporary directory (never to the repository).
func newsSubset(t *testing.T, dir string, keep map[string]bool) string {
	t.Helper()
	nc, ok := readNews(dir, cli.NewProgress(cli.Env{}), "test")
	require.True(t, ok)
	var records []newsRecord
	for _, d := range nc.docs {
		if keep[d.ID] {
			records = append(records, newsRecord{Source: d.Meta["source"], URL: d.ID,
				DateExtracted: d.Meta["date_extracted"], Content: ptr(d.Text)})
		}
	}
	require.NotEmpty(t, records)
	out := t.TempDir()
	writeNewsZip(t, out, "subset.zip", records)
	return out
}

// TestEvalJudged scores the batch job on the judged SaudiNewsNet pairs
// (with the race detector, on a corpus of the labelled articles only).
// It asserts sanity only; the scores are logged.
func TestEvalJudged(t *testing.T) {
	labelsDir := evalData(t, "saudinewsnet-judged")
	labels := filepath.Join(labelsDir, "labels.tsv")
	pairs, err := judged.ReadFile(labels)
	require.NoError(t, err)
	urls := map[string]bool{}
	for _, p := range pairs {
		urls[p.URLA], urls[p.URLB] = true, true
	}
	dir := newsData(t)
	if raceEnabled {
		// The batch job on the whole corpus would take minutes.
		dir = newsSubset(t, dir, urls)
	}

	start := time.Now()
	res := evalCmd(t, "judged", "--labels", labels, "--corpus", dir, "--format", "json")
	elapsed := time.Since(start)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr, "every labelled article is in the corpus")
	r := decodeJudged(t, res.stdout)

	assert.Equal(t, 85, r.LabelledPairs)
	assert.Empty(t, r.LeftOut)
	require.Len(t, r.Pairs, 85)
	require.Len(t, r.Measures, 4)
	den := map[string]int{}
	for _, m := range append(r.Measures, r.PairwiseMeasures...) {
		assert.GreaterOrEqual(t, m.Share, 0.0, m.Name)
		assert.LessOrEqual(t, m.Share, 1.0, m.Name)
		assert.LessOrEqual(t, m.Numerator, m.Denominator, m.Name)
		den[m.Name] = m.Denominator
	}
	assert.Equal(t, 58, den["reuse_reported"])
	assert.Equal(t, 27, den["non_reuse_reported"])
	assert.Equal(t, 85, den["reuse_reported"]+den["non_reuse_reported"])
	assert.LessOrEqual(t, den["whole_reported_whole"], 58)
	assert.LessOrEqual(t, den["reworded_reported"], 58)
	total := 0
	for _, row := range r.Confusion.Counts {
		for _, n := range row {
			total += n
		}
	}
	assert.Equal(t, 85, total)
	// Where the batch job reports a pair, its verdict is that of aligning
	// the pair alone: alignment does not depend on how a pair is found.
	for _, p := range r.Pairs {
		if p.Verdict != "none" {
			assert.Equal(t, p.Verdict, p.Pairwise, "pair %d", p.N)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%v, batch job %d pairs\n", elapsed.Round(time.Millisecond), r.Batch.Pairs)
	for k, m := range r.Measures {
		a := r.PairwiseMeasures[k]
		fmt.Fprintf(&b, "%-22s batch %.4f (%d/%d)  pairwise %.4f (%d/%d)\n", m.Name, m.Share, m.Numerator, m.Denominator, a.Share, a.Numerator, a.Denominator)
	}
	fmt.Fprintf(&b, "confusion %v\n", r.Confusion.Columns)
	for i, row := range r.Confusion.Rows {
		fmt.Fprintf(&b, "  %-9s %v\n", row, r.Confusion.Counts[i])
	}
	t.Log(b.String())
}
