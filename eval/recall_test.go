package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// recallOut mirrors the documented JSON of eval recall independently of
// the types that write it.
type recallOut struct {
	Corpus struct {
		Dir                string `json:"dir"`
		Zips               int    `json:"zips"`
		Articles           int    `json:"articles"`
		RecordsWithoutText int    `json:"records_without_text"`
	} `json:"corpus"`
	Undated int `json:"articles_without_source_or_date"`
	Batch   struct {
		Pairs     int            `json:"pairs"`
		ByVerdict map[string]int `json:"by_verdict"`
		Clusters  int            `json:"clusters"`
	} `json:"batch"`
	WindowDays       int      `json:"window_days"`
	CrossSourcePairs int64    `json:"cross_source_pairs"`
	MinCosine        float64  `json:"min_cosine"`
	MaxCosine        *float64 `json:"max_cosine"`
	PairsInRange     int      `json:"pairs_in_range"`
	Aligned          int      `json:"aligned"`
	ReportedPairwise int      `json:"reported_pairwise"`
	InBatch          int      `json:"in_batch"`
	Share            *float64 `json:"share"`
	ByVerdict        []struct {
		Verdict          string   `json:"verdict"`
		ReportedPairwise int      `json:"reported_pairwise"`
		InBatch          int      `json:"in_batch"`
		Share            *float64 `json:"share"`
	} `json:"by_verdict"`
	VerdictsDiffer int `json:"verdicts_differ"`
	Missed         []struct {
		URLA      string  `json:"url_a"`
		URLB      string  `json:"url_b"`
		Cosine    float64 `json:"cosine"`
		Verdict   string  `json:"pairwise_verdict"`
		CoverageA float64 `json:"coverage_a"`
		CoverageB float64 `json:"coverage_b"`
		Distance  int     `json:"distance"`
	} `json:"missed"`
}

func decodeRecall(t testing.TB, out string) recallOut {
	t.Helper()
	var r recallOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

func TestRecallJSON(t *testing.T) {
	dir := newNewsFixture(t)
	res := evalCmd(t, "recall", "--corpus", dir, "--format", "json", "--list", "5")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	r := decodeRecall(t, res.stdout)
	assert.Equal(t, 6, r.Corpus.Articles)
	assert.Equal(t, 1, r.WindowDays)
	// Same day: wire-daily twice, other-daily; a day apart: 2 wire × 2,
	// daily × other. The article three days later pairs with none.
	assert.EqualValues(t, 8, r.CrossSourcePairs)
	assert.Equal(t, 0.5, r.MinCosine)
	assert.Nil(t, r.MaxCosine, "no upper bound")
	// The wire and its respelled copy (cosine 1), the copy and the wire's
	// second, longer item; not the wire's two items (one source), nor
	// the copy three days later.
	assert.GreaterOrEqual(t, r.PairsInRange, 2)
	assert.Equal(t, r.PairsInRange, r.Aligned)
	assert.GreaterOrEqual(t, r.ReportedPairwise, 2)
	assert.Equal(t, r.ReportedPairwise, r.InBatch, "the batch job finds copies this plain")
	require.NotNil(t, r.Share)
	assert.Equal(t, 1.0, *r.Share)
	assert.Equal(t, "identical", r.ByVerdict[0].Verdict)
	assert.Empty(t, r.Missed)
	assert.NotNil(t, r.Missed, "a list, never null")
	assert.Zero(t, r.VerdictsDiffer)

	// Above 0.99 the respelled copy alone; below it the rest.
	res = evalCmd(t, "recall", "--corpus", dir, "--format", "json", "--min-cosine", "0.99")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	top := decodeRecall(t, res.stdout)
	res = evalCmd(t, "recall", "--corpus", dir, "--format", "json", "--max-cosine", "0.99")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	rest := decodeRecall(t, res.stdout)
	require.NotNil(t, rest.MaxCosine)
	assert.Equal(t, 0.99, *rest.MaxCosine)
	assert.Equal(t, r.PairsInRange, top.PairsInRange+rest.PairsInRange)
	assert.GreaterOrEqual(t, top.PairsInRange, 1)

	// A sample of one pair aligns one.
	res = evalCmd(t, "recall", "--corpus", dir, "--format", "json", "--sample", "1")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	one := decodeRecall(t, res.stdout)
	assert.Equal(t, r.PairsInRange, one.PairsInRange)
	assert.Equal(t, 1, one.Aligned)
}

func TestRecallText(t *testing.T) {
	dir := newNewsFixture(t)
	res := evalCmd(t, "recall", "--corpus", dir)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	out := res.stdout
	assert.Contains(t, out, "Corpus: 6 articles with text in 2 zips (1 record without text).\n")
	assert.Contains(t, out, "Pairs of articles of different sources extracted at most 1 day apart: 8\n")
	assert.Contains(t, out, "with a word TF-IDF cosine in [0.50, 1]: ")
	assert.Regexp(t, `\n +all +(\d+) +(\d+) +1\.0000\n`, out)
	assert.NotContains(t, out, "Missed")

	// The listing of misses and the disagreements, from a made-up result.
	nc := &newsCorpus{zips: 1, docs: []*document{{}, {}, {}}}
	for i, id := range []string{"http://a/1", "http://b/1", "http://c/1"} {
		nc.docs[i].ID = id
	}
	rr := &recallResult{
		corpus: nc, batch: &batchReport{pairs: map[docPair]compare.Report{}}, undated: 2, crossSource: 3,
		least: 0.35, most: 0.5, inRange: 3, aligned: 2,
		byVerdict: map[string]*recallCount{"partial-reuse": {2, 1}, "near-duplicate": {1, 1}},
		reported:  recallCount{3, 2}, disagree: 1,
		missed: []missedPair{{scoredPair{0, 2, 0.4512}, compare.Report{Verdict: compare.PartialReuse, CoverageA: 0.5, CoverageB: 0.25, Distance: 17}}},
	}
	var b strings.Builder
	require.NoError(t, writeRecallText(&b, rr))
	out = b.String()
	assert.Contains(t, out, "(0 records without text; 2 without a source or date, left out).\n")
	assert.Contains(t, out, "with a word TF-IDF cosine in [0.35, 0.50): 3\n")
	assert.Contains(t, out, "aligned, a random sample: 2\n")
	assert.Contains(t, out, "of those in the batch report: 2 (0.6667)\n")
	assert.Regexp(t, `near-duplicate +1 +1 +1\.0000\n +partial-reuse +2 +1 +0\.5000\n`, out, "strongest verdict first")
	assert.Contains(t, out, "(1 pair in both with different verdicts)\n")
	assert.Regexp(t, `\nhttp://a/1 +http://c/1 +0\.4512 +partial-reuse +0\.5000 +0\.2500 +17\n`, out)

	j := newRecallJSON(rr)
	require.NotNil(t, j.MaxCosine)
	assert.Equal(t, 0.5, *j.MaxCosine)
	assert.Equal(t, "http://c/1", j.Missed[0].URLB)
}

func TestRecallErrors(t *testing.T) {
	dir := newNewsFixture(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "--corpus is required"},
		{[]string{"--corpus", dir, "--min-cosine", "0"}, "--min-cosine must be above 0"},
		{[]string{"--corpus", dir, "--min-cosine", "1.5"}, "--min-cosine must be above 0 and at most 1"},
		{[]string{"--corpus", dir, "--min-cosine", "NaN"}, "--min-cosine must be above 0"},
		{[]string{"--corpus", dir, "--min-cosine", "0.5", "--max-cosine", "0.5"}, "--max-cosine must be above --min-cosine"},
		{[]string{"--corpus", dir, "--sample", "-1"}, "--sample and --list must not be negative"},
		{[]string{"--corpus", dir, "--list", "-3"}, "--sample and --list must not be negative"},
		{[]string{"--corpus", dir, "--workers", "100000"}, "--workers must be from 0 to"},
		{[]string{"--corpus", dir, "more"}, `unexpected argument "more"`},
	} {
		res := evalCmd(t, append([]string{"recall"}, c.args...)...)
		assert.Equal(t, cli.ExitError, res.code, c.args)
		assert.Contains(t, res.stderr, c.want, c.args)
	}
	res := evalCmd(t, "recall", "--corpus", t.TempDir())
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "no *.zip file in")
	res = evalCmd(t, "recall", "-h")
	assert.Equal(t, cli.ExitOK, res.code)
	assert.Contains(t, res.stdout, "eval recall --corpus DIR")
}

func TestDateArticles(t *testing.T) {
	docs := []*document{
		{Document: input.Document{Meta: map[string]string{"source": "a", "date_extracted": "2015-07-21 02:51:32"}}},
		{Document: input.Document{Meta: map[string]string{"source": "a", "date_extracted": "2015-08-01"}}},
		{Document: input.Document{Meta: map[string]string{"source": "a", "date_extracted": "21/07/2015"}}},
		{Document: input.Document{Meta: map[string]string{"date_extracted": "2015-07-21"}}},
		{Document: input.Document{}},
	}
	ds := dateArticles(docs)
	assert.Equal(t, dated{"a", 16637, true}, ds[0]) // 2015-07-21
	assert.Equal(t, 16648, ds[1].day)
	for _, d := range ds[2:] {
		assert.False(t, d.ok)
	}
}

func TestCrossSourcePairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		ds := make([]dated, 1+rng.IntN(60))
		for i := range ds {
			ds[i] = dated{source: fmt.Sprint("s", rng.IntN(4)), day: rng.IntN(6), ok: rng.IntN(10) > 0}
		}
		var want int64
		for i := range ds {
			for j := i + 1; j < len(ds); j++ {
				a, b := ds[i], ds[j]
				if a.ok && b.ok && a.source != b.source && max(a.day-b.day, b.day-a.day) <= windowDays {
					want++
				}
			}
		}
		assert.Equal(t, want, crossSourcePairs(ds))
	}
}

func TestSample(t *testing.T) {
	pairs := make([]scoredPair, 100)
	for i := range pairs {
		pairs[i] = scoredPair{a: i, b: i + 1}
	}
	s := sample(pairs, 10)
	require.Len(t, s, 10)
	assert.Equal(t, s, sample(pairs, 10), "the same on every run")
	for k := 1; k < len(s); k++ {
		assert.Less(t, s[k-1].a, s[k].a, "in the pairs' order, each once")
	}
	assert.Equal(t, pairs, sample(pairs, 0))
	assert.Equal(t, pairs, sample(pairs, 100))
}

// TestEvalRecall measures candidate search on SaudiNewsNet (with the race
// detector, on its first dump only). It asserts sanity only; the counts
// are logged.
func TestEvalRecall(t *testing.T) {
	dir := newsData(t)
	if raceEnabled {
		dir = slice(t, dir, 1, func(name string) bool { return filepath.Ext(name) == ".zip" })
	}
	start := time.Now()
	res := evalCmd(t, "recall", "--corpus", dir, "--format", "json", "--list", "5")
	elapsed := time.Since(start)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	r := decodeRecall(t, res.stdout)
	assert.Positive(t, r.PairsInRange)
	assert.LessOrEqual(t, r.ReportedPairwise, r.PairsInRange)
	assert.LessOrEqual(t, r.InBatch, r.ReportedPairwise)
	require.NotNil(t, r.Share)
	assert.Greater(t, *r.Share, 0.5)
	assert.Zero(t, r.VerdictsDiffer, "alignment does not depend on how a pair is found")
	assert.Len(t, r.Missed, min(5, r.ReportedPairwise-r.InBatch))
	t.Logf("%v: %d articles, %d cross-source pairs in the window, %d at cosine ≥ 0.5, %d reported pairwise, %d of them by the batch job (%.4f)",
		elapsed.Round(time.Millisecond), r.Corpus.Articles, r.CrossSourcePairs, r.PairsInRange, r.ReportedPairwise, r.InBatch, *r.Share)
}
