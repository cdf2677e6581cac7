package crosslingual_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/crosslingual"
)

// A dictionary's pairs are folded and stemmed as text is; phrases and
// function words are left out.
func TestLexiconAddPair(t *testing.T) {
	lex := crosslingual.NewLexicon()
	assert.True(t, lex.AddPair("Hospitals", "المستشفيات"))
	assert.True(t, lex.AddPair("hospital", "مستشفى"))
	assert.False(t, lex.AddPair("prime minister", "رئيس الوزراء"))
	assert.False(t, lex.AddPair("the", "ال"))
	assert.False(t, lex.AddPair("in", "في"))
	assert.True(t, lex.AddPair("café", "مقهى!"))    // folded: cafe, مقهي
	assert.False(t, lex.AddPair("Ωmega", "أوميغا")) // not Latin after folding
	assert.Equal(t, 2, lex.Len())                   // hospitals and hospital stem alike, on both sides
}

// A lexicon written and read back is the same, byte for byte.
func TestLexiconRoundTrip(t *testing.T) {
	lex := testLexicon(t)
	var b bytes.Buffer
	require.NoError(t, lex.Encode(&b, "test sources", "a second\nline"))
	assert.True(t, strings.HasPrefix(b.String(), "neardup-lexicon 1 stem=1\n# test sources\n# a second line\n"))
	back, err := crosslingual.ReadLexicon(bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, lex.Len(), back.Len())
	var again bytes.Buffer
	require.NoError(t, back.Encode(&again, "test sources", "a second\nline"))
	assert.Equal(t, b.String(), again.String())
}

func TestLexiconErrors(t *testing.T) {
	for _, c := range []struct{ text, msg string }{
		{"", "empty file"},
		{"hello\n", "not a lexicon file"},
		{"neardup-lexicon 1 stem=0\n", "built with other stemming"},
		{"neardup-lexicon 1 stem=1\nمستشف hospit\n", ":2: no tab"},
		{"neardup-lexicon 1 stem=1\nمستشفى\thospit\n", "not a folded Arabic stem"},
		{"neardup-lexicon 1 stem=1\nمستشف\tHospit\n", "not an English stem"},
		{"neardup-lexicon 1 stem=1\nمستشف\thospit  clinic\n", "not an English stem"},
		{"neardup-lexicon 1 stem=1\nمستشف\thospit\nمستشف\tclinic\n", ":3: Arabic stem \"مستشف\" twice"},
	} {
		_, err := crosslingual.ReadLexicon(strings.NewReader(c.text))
		var le *crosslingual.LexiconError
		if assert.ErrorAs(t, err, &le, "%q", c.text) {
			assert.Contains(t, err.Error(), c.msg)
		}
	}
}

func TestLoadLexicon(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "en-ar.lex")
	_, err := crosslingual.LoadLexicon(path)
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "neardup-lexicon")

	require.NoError(t, os.WriteFile(path, []byte("neardup-lexicon 1 stem=1\nx\n"), 0o644))
	_, err = crosslingual.LoadLexicon(path)
	assert.ErrorContains(t, err, path+":2:")

	var b bytes.Buffer
	require.NoError(t, testLexicon(t).Encode(&b))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	t.Setenv(crosslingual.LexiconEnv, path)
	lex, err := crosslingual.LoadLexiconEnv()
	require.NoError(t, err)
	assert.Equal(t, testLexicon(t).Len(), lex.Len())
	t.Setenv(crosslingual.LexiconEnv, "")
	_, err = crosslingual.LoadLexiconEnv()
	assert.ErrorIs(t, err, crosslingual.ErrNoLexicon)
}

// Whatever the input, reading a lexicon fails cleanly or gives one that
// writes back to what reads the same.
func FuzzReadLexicon(f *testing.F) {
	f.Add("neardup-lexicon 1 stem=1\nمستشف\thospit clinic\n# comment\n\nنهر\triver\n")
	f.Add("neardup-lexicon 1 stem=1\n")
	f.Add("neardup-lexicon 1 stem=1\nا\ta\n")
	f.Fuzz(func(t *testing.T, s string) {
		lex, err := crosslingual.ReadLexicon(strings.NewReader(s))
		if err != nil {
			return
		}
		var b bytes.Buffer
		require.NoError(t, lex.Encode(&b))
		back, err := crosslingual.ReadLexicon(&b)
		require.NoError(t, err)
		assert.Equal(t, lex.Len(), back.Len())
	})
}
