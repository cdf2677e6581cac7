package compare_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/prepare"
)

// Run: go test -run '^$' -bench . -benchmem ./compare/
// The root package's BenchmarkCompareDocs is the figure in the README;
// these split it by the kind of pair a corpus run mostly sees.

func seedFiles(b *testing.B) []string {
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	require.NoError(b, err)
	slices.Sort(paths)
	var out []string
	for _, p := range paths {
		out = append(out, seed(b, filepath.Base(p)))
	}
	return out
}

func prepared(b *testing.B, texts ...string) []*prepare.Doc {
	out := make([]*prepare.Doc, len(texts))
	for i, s := range texts {
		out[i] = doc(b, s)
	}
	return out
}

// BenchmarkCompareUnrelated compares every pair of the five seed
// articles, which share no passage: most candidate pairs of a corpus run
// look like this.
func BenchmarkCompareUnrelated(b *testing.B) {
	docs := prepared(b, seedFiles(b)...)
	b.ReportAllocs()
	for b.Loop() {
		for i := range docs {
			for j := range docs {
				if i != j {
					_, _ = compare.Options{}.Compare(docs[i], docs[j])
				}
			}
		}
	}
}

// BenchmarkCompareReuse compares an article with a copy of its first
// half, edited, followed by part of another article.
func BenchmarkCompareReuse(b *testing.B) {
	all := seedFiles(b)
	edit := strings.NewReplacer("في", "فى", "إلى", "الى", "،", ",")
	half := []rune(all[1])
	docs := prepared(b, all[1], edit.Replace(string(half[:len(half)/2]))+"\n"+all[0][:2000])
	b.ReportAllocs()
	for b.Loop() {
		_, _ = compare.Options{}.Compare(docs[0], docs[1])
	}
}
