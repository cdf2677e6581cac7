package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// crossText reads one of the short wire stories and Arabic translations
// written for the cross-lingual tests line by line, as NTREX lays them
// out (no lexicon: numbers, dates and names are the anchors).
func crossText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "crosslingual", name))
	require.NoError(t, err)
	return string(b)
}

// ntrexOut mirrors the documented JSON of eval ntrex independently of
// the types that write it.
type ntrexOut struct {
	Dir          string `json:"dir"`
	Articles     int    `json:"articles"`
	Lines        int    `json:"lines"`
	Anchors      string `json:"anchors"`
	LexiconPairs int    `json:"lexicon_pairs"`
	Alignment    struct {
		Predicted, Gold, Correct int
		Precision, Recall, F1    float64
	} `json:"line_alignment"`
	Translated struct {
		Pairs     int            `json:"pairs"`
		ByVerdict map[string]int `json:"by_verdict"`
	} `json:"translated_pairs"`
	Mismatched struct {
		Pairs     int            `json:"pairs"`
		ByVerdict map[string]int `json:"by_verdict"`
	} `json:"mismatched_pairs"`
	Search *struct {
		Distractors   int     `json:"distractors"`
		Top1          int     `json:"top1"`
		Top1Rate      float64 `json:"top1_rate"`
		NotFound      int     `json:"not_found"`
		FalseAlarms   int     `json:"false_alarms"`
		PartialAlarms int     `json:"partial_alarm_articles"`
		AllPairs      bool    `json:"all_pairs"`
		MedianQueryMS float64 `json:"median_query_ms"`
		IndexBuildS   float64 `json:"index_build_s"`
		Misses        []struct {
			ID   string `json:"id"`
			Rank int    `json:"rank"`
			Top  string `json:"top"`
		} `json:"misses"`
		AlarmedArticles []struct {
			ID    string   `json:"id"`
			Alarm []string `json:"alarms"`
		} `json:"false_alarm_articles"`
	} `json:"search"`
	Pairs []struct {
		ID        string  `json:"id"`
		Lines     int     `json:"lines"`
		Verdict   string  `json:"verdict"`
		CoverageE float64 `json:"coverage_english"`
		CoverageA float64 `json:"coverage_arabic"`
		Passages  int     `json:"passages"`
		Alignment struct {
			Predicted, Gold, Correct int
			Precision, Recall, F1    float64
		} `json:"line_alignment"`
	} `json:"pairs"`
	TranslationRate float64 `json:"translation_rate"`
	MismatchRate    float64 `json:"mismatched_translation_rate"`
}

func decodeNTREX(t testing.TB, out string) ntrexOut {
	t.Helper()
	var r ntrexOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

// newNTREXFixture writes the two stories in the NTREX layout.
func newNTREXFixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	fixture.Write(t, dir, "eng/flood.txt", crossText(t, "flood.en.txt"))
	fixture.Write(t, dir, "arb/flood.txt", crossText(t, "flood.ar.txt"))
	fixture.Write(t, dir, "eng/quake.txt", crossText(t, "quake.en.txt"))
	fixture.Write(t, dir, "arb/quake.txt", crossText(t, "quake.ar.txt"))
	return dir
}

func TestNTREXJSON(t *testing.T) {
	t.Setenv(crosslingual.LexiconEnv, "")
	dir := newNTREXFixture(t)
	res := evalCmd(t, "ntrex", "--dir", dir, "--format", "json", "--workers", "1")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	r := decodeNTREX(t, res.stdout)
	assert.Equal(t, 2, r.Articles)
	assert.Equal(t, 9, r.Lines)
	assert.Zero(t, r.LexiconPairs)
	assert.Equal(t, map[string]int{"translation": 2}, r.Translated.ByVerdict)
	assert.Equal(t, 2, r.Mismatched.Pairs)
	assert.Zero(t, r.Mismatched.ByVerdict["translation"], "a flood is not an earthquake")
	assert.Equal(t, 1.0, r.TranslationRate)
	assert.Zero(t, r.MismatchRate)
	assert.Equal(t, 9, r.Alignment.Gold)
	assert.Greater(t, r.Alignment.F1, 0.7)
	assert.Nil(t, r.Search, "no corpus, no search")
	require.Len(t, r.Pairs, 2)
	assert.Equal(t, "flood", r.Pairs[0].ID)
	assert.Equal(t, 5, r.Pairs[0].Lines)
	assert.Equal(t, []string{"dir", "articles", "lines", "anchors", "lexicon_pairs", "line_alignment", "translated_pairs",
		"mismatched_pairs", "search", "pairs", "translation_rate", "mismatched_translation_rate"}, fixture.Keys(t, res.stdout))
}

// With a corpus, each English article is found among the distractors
// and none is a translation of a distractor.
func TestNTREXSearch(t *testing.T) {
	t.Setenv(crosslingual.LexiconEnv, "")
	corpus := newNewsFixture(t)
	for _, all := range []bool{false, true} {
		args := []string{"ntrex", "--dir", newNTREXFixture(t), "--corpus", corpus, "--format", "json"}
		if all {
			args = append(args, "--all-pairs")
		}
		res := evalCmd(t, args...)
		require.Equal(t, cli.ExitOK, res.code, res.stderr)
		r := decodeNTREX(t, res.stdout)
		require.NotNil(t, r.Search)
		assert.Equal(t, 6, r.Search.Distractors)
		assert.Equal(t, 2, r.Search.Top1)
		assert.Empty(t, r.Search.Misses)
		assert.Zero(t, r.Search.FalseAlarms)
		assert.Equal(t, all, r.Search.AllPairs)
	}
}

func TestNTREXText(t *testing.T) {
	t.Setenv(crosslingual.LexiconEnv, "")
	dir := newNTREXFixture(t)
	res := evalCmd(t, "ntrex", "--dir", dir, "--list", "--anchors", "numbers,names")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "anchors number+calendar+place+name, no lexicon.")
	assert.Contains(t, res.stdout, "translated pairs  translation 1.0000")
	assert.Contains(t, res.stdout, "\nflood ")
	assert.Contains(t, res.stdout, "\nquake ")
}

func TestNTREXErrors(t *testing.T) {
	dir := newNTREXFixture(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"ntrex"}, "--dir is required"},
		{[]string{"ntrex", "--dir", dir, "--anchors", "verbs"}, `want numbers, names, lexicon or all, not "verbs"`},
		{[]string{"ntrex", "--dir", dir, "--workers", "-1"}, "--workers must be"},
		{[]string{"ntrex", "--dir", dir, "--lexicon", filepath.Join(dir, "none.lex")}, "lexicon"},
		{[]string{"ntrex", "--dir", filepath.Join(dir, "eng")}, "no eng/*.txt"},
		{[]string{"ntrex", "--dir", dir, "extra"}, "the set is given by --dir"},
	} {
		res := evalCmd(t, c.args...)
		assert.Equal(t, cli.ExitError, res.code, c.args)
		assert.Contains(t, res.stderr, c.want, c.args)
	}
	fixture.Write(t, dir, "arb/flood.txt", "سطر واحد\n")
	res := evalCmd(t, "ntrex", "--dir", dir)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, "flood: 5 English lines, 1 Arabic")
}

// TestEvalNTREX measures the development half of NTREX-128 with the
// lexicon $NEARDUP_LEXICON names (no search: 'eval ntrex --corpus' is
// the full measure). It asserts the floors for alignment and
// verdicts only when a lexicon is given; the figures are logged.
func TestEvalNTREX(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "ntrex")
	if names, _ := filepath.Glob(filepath.Join(dir, "eng", "*.txt")); len(names) == 0 {
		t.Skipf("no NTREX at %s", dir)
	}
	res := evalCmd(t, "ntrex", "--dir", dir, "--format", "json")
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	r := decodeNTREX(t, res.stdout)
	assert.Equal(t, 62, r.Articles)
	t.Logf("%d lexicon pairs: line alignment P %.4f R %.4f F1 %.4f; translation %.4f of translated pairs, %.4f of mismatched",
		r.LexiconPairs, r.Alignment.Precision, r.Alignment.Recall, r.Alignment.F1, r.TranslationRate, r.MismatchRate)
	if r.LexiconPairs == 0 {
		return
	}
	assert.GreaterOrEqual(t, r.Alignment.F1, 0.85)
	assert.GreaterOrEqual(t, r.TranslationRate, 0.95)
	assert.LessOrEqual(t, r.MismatchRate, 0.05)
}
