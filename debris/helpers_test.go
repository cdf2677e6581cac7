package debris_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

func fold(t testing.TB, src string) *normalize.Text {
	t.Helper()
	txt, err := normalize.Default.Text(src)
	require.NoError(t, err)
	return txt
}

// seed returns the text of the seed file whose name starts with prefix.
func seed(t testing.TB, prefix string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", prefix+"*.txt"))
	require.NoError(t, err)
	require.Len(t, paths, 1, prefix)
	b, err := os.ReadFile(paths[0])
	require.NoError(t, err)
	return string(b)
}

func seedPaths(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, paths, 5)
	return paths
}

// found is one debris line: its kind and its original line, trimmed.
type found struct {
	Kind debris.Kind
	Line string
}

// origLine is an original line of src holding debris: its byte span
// [Start, End) without the line break.
type origLine struct {
	Start, End int
	Kind       debris.Kind
}

// debrisLines returns the original lines the ranges cover, one per folded
// line, widened to whole original lines so that punctuation the folding
// dropped ("[ad_1]", "بـ *") is shown.
func debrisLines(txt *normalize.Text, rs []debris.Range) []origLine {
	var out []origLine
	for _, r := range rs {
		for i := r.Start; i < r.End; {
			j := i
			for j < r.End && txt.Runes[j] != '\n' {
				j++
			}
			if j > i {
				s, e := txt.ByteSpan(i, j)
				s = strings.LastIndexByte(txt.Src[:s], '\n') + 1
				if k := strings.IndexByte(txt.Src[e:], '\n'); k >= 0 {
					e += k
				} else {
					e = len(txt.Src)
				}
				out = append(out, origLine{s, e, r.Kind})
			}
			i = j + 1
		}
	}
	return out
}

func foundLines(txt *normalize.Text, rs []debris.Range) []found {
	var out []found
	for _, l := range debrisLines(txt, rs) {
		out = append(out, found{l.Kind, strings.TrimSpace(txt.Src[l.Start:l.End])})
	}
	return out
}

// lines returns the folded lines of a text.
func lines(txt *normalize.Text) []string {
	if txt.Len() == 0 {
		return nil
	}
	return strings.Split(txt.String(), "\n")
}

// trigrams returns the word 3-grams of a folded text, across line breaks.
func trigrams(s string) map[string]bool {
	w := strings.Fields(s)
	out := make(map[string]bool)
	for i := 0; i+3 <= len(w); i++ {
		out[strings.Join(w[i:i+3], " ")] = true
	}
	return out
}

// origLineStarting returns the original line of src that starts with
// prefix.
func origLineStarting(t testing.TB, src, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return l
		}
	}
	require.Failf(t, "no line", "no line starts with %q", prefix)
	return ""
}

// isSubsequence reports whether a is a subsequence of b.
func isSubsequence(a, b []rune) bool {
	j := 0
	for _, c := range a {
		for j < len(b) && b[j] != c {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
