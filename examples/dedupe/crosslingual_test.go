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
// written line by line for the cross-lingual tests (testdata/crosslingual).
func crossText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "crosslingual", name))
	require.NoError(t, err)
	return string(b)
}

// crossFixture writes the stories to dir and a small lexicon for them;
// it returns their paths and the lexicon's.
func crossFixture(t *testing.T) (en, ar, quake, lex string) {
	t.Helper()
	t.Setenv(crosslingual.LexiconEnv, "")
	dir := t.TempDir()
	l := crosslingual.NewLexicon()
	for _, p := range [][2]string{{"flood", "فيضانات"}, {"rain", "أمطار"}, {"army", "جيش"}, {"river", "نهر"}, {"meeting", "اجتماع"}} {
		require.True(t, l.AddPair(p[0], p[1]))
	}
	f, err := os.Create(filepath.Join(dir, "en-ar.lex"))
	require.NoError(t, err)
	require.NoError(t, l.Encode(f, "written by a test"))
	require.NoError(t, f.Close())
	return fixture.Write(t, dir, "flood-en.txt", crossText(t, "flood.en.txt")), fixture.Write(t, dir, "flood-ar.txt", crossText(t, "flood.ar.txt")),
		fixture.Write(t, dir, "quake-en.txt", crossText(t, "quake.en.txt")), f.Name()
}

// compare --cross-lingual aligns a translation line by line, with
// offsets into both originals; without a lexicon it says so and still
// compares numbers, dates and names.
func TestCompareCrossLingual(t *testing.T) {
	en, ar, _, lex := crossFixture(t)
	for _, withLex := range []bool{false, true} {
		args := []string{"compare", "--cross-lingual", "--format", "json", en, ar}
		if withLex {
			args = append(args, "--lexicon", lex)
		}
		out := dedupeCmd(t, args...)
		require.Equal(t, cli.ExitOK, out.code, out.stderr)
		if withLex {
			assert.Empty(t, out.stderr)
		} else {
			assert.Contains(t, out.stderr, "no lexicon: words are not compared")
		}
		var r struct {
			Documents []struct {
				ID          string  `json:"id"`
				Fingerprint *string `json:"fingerprint"`
			}
			Pair pairOut
		}
		require.NoError(t, json.Unmarshal([]byte(out.stdout), &r))
		assert.Equal(t, "translation", r.Pair.Verdict)
		assert.Equal(t, -1, r.Pair.Distance, "fingerprints do not cross languages")
		assert.Nil(t, r.Documents[0].Fingerprint)
		enLines, arLines := strings.Split(crossText(t, "flood.en.txt"), "\n"), strings.Split(crossText(t, "flood.ar.txt"), "\n")
		require.Len(t, r.Pair.Passages, 5)
		for k, p := range r.Pair.Passages {
			assert.Equal(t, "translated", p.Kind)
			require.NotNil(t, p.A.Text)
			assert.Equal(t, enLines[k], *p.A.Text)
			assert.Equal(t, arLines[k], *p.B.Text)
		}
	}
	out := dedupeCmd(t, "compare", "--cross-lingual", "--lexicon", lex, "--color", "always", ar, en)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "translation")
	assert.Contains(t, out.stdout, "Passage 5 of 5")
	assert.NotContains(t, out.stdout, "derivation", "the Arabic text A is not derived from the English B")
	assert.NotContains(t, out.stdout, "\x1b[7m", "no word is marked as changed across languages")
}

// The HTML report shows a translated pair side by side, with no word
// marked as changed (every word differs across languages).
func TestCompareCrossLingualHTML(t *testing.T) {
	en, ar, _, lex := crossFixture(t)
	out := dedupeCmd(t, "compare", "--cross-lingual", "--lexicon", lex, "--format", "html", en, ar)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "translation")
	assert.Contains(t, out.stdout, "Imran Khan ordered")
	assert.Contains(t, out.stdout, "عمران خان")
	_, texts, ok := strings.Cut(out.stdout, `<div class="sides">`)
	require.True(t, ok)
	assert.Contains(t, texts, `<mark class="r r3" id="p1-b-4">`)
	assert.NotContains(t, texts, ` c"`, "no changed word in the texts")
	assert.Contains(t, out.stdout, "<td>0 · 0</td>")
}

func TestCompareCrossLingualErrors(t *testing.T) {
	en, ar, quake, lex := crossFixture(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "--lexicon", lex, en, ar}, "--lexicon is for --cross-lingual"},
		{[]string{"compare", "--cross-lingual", "--lexicon", lex, en, quake}, "not one English and one Arabic"},
		{[]string{"compare", "--cross-lingual", "--lexicon", lex + ".none", en, ar}, "build one with neardup-lexicon"},
	} {
		out := dedupeCmd(t, c.args...)
		assert.Equal(t, cli.ExitError, out.code, c.args)
		assert.Contains(t, out.stderr, c.want, c.args)
	}
	out := dedupeCmd(t, "compare", "--cross-lingual", "--lexicon", lex, "--fail-on-duplicates", en, ar)
	assert.Equal(t, cli.ExitFound, out.code, "a translation is the same article")
}

// index query --cross-lingual finds the stored Arabic translation of an
// English input among the seeds, and nothing for another story.
func TestIndexQueryCrossLingual(t *testing.T) {
	en, ar, quake, lex := crossFixture(t)
	db := filepath.Join(t.TempDir(), "ar.db")
	out := dedupeCmd(t, "index", "add", "--db", db, seedsDir, ar)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	out = dedupeCmd(t, "index", "query", "--db", db, "--cross-lingual", "--lexicon", lex, "--format", "json", en, quake)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q := decodeQuery(t, out.stdout)
	require.Len(t, q.Results, 2)
	flood := q.Results[0]
	require.Len(t, flood.Sources, 1)
	assert.Equal(t, ar, flood.Sources[0].A)
	assert.Equal(t, en, flood.Sources[0].B)
	assert.Equal(t, "translation", flood.Sources[0].Verdict)
	assert.Nil(t, flood.Sources[0].Derived, "the stored translation is A: the library reads no derivation")
	assert.Len(t, flood.Sources[0].Passages, 5)
	assert.Empty(t, flood.NearDuplicates)
	assert.Empty(t, q.Results[1].Sources, "an earthquake in Japan is in no stored article")

	out = dedupeCmd(t, "index", "query", "--db", db, "--cross-lingual", "--lexicon", lex, "--fail-on-reuse", en)
	assert.Equal(t, cli.ExitFound, out.code, out.stderr)
	assert.Contains(t, out.stdout, "translation")

	// An Arabic input is not a cross-lingual query.
	out = dedupeCmd(t, "index", "query", "--db", db, "--cross-lingual", "--lexicon", lex, "--format", "json", ar)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "the query is not English")
}
