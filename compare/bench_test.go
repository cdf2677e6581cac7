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

// rewordedPair is seed 001's opening and a rewording of it: clitics,
// inflections and a few words changed, clauses kept in order.
func rewordedPair(b *testing.B) []*prepare.Doc {
	src := string([]rune(seedFiles(b)[1])[:2500])
	edit := strings.NewReplacer("قال", "وأضاف", "الجنود", "جنود", "في ", "داخل ", "التي", "اللتي", "أن ", "بأن ", "على ", "عند ")
	return prepared(b, src, edit.Replace(src))
}

// BenchmarkCompareReworded compares a text with a rewording of it, where
// the reworded aligner runs, with and without its learned paraphrases,
// against the same pair with it turned off (the baseline, in the same
// run).
func BenchmarkCompareReworded(b *testing.B) {
	docs := rewordedPair(b)
	for _, o := range []struct {
		name string
		opt  compare.Options
	}{{"reworded", compare.Options{}}, {"stems-only", compare.Options{NoParaphrases: true}}, {"off", compare.Options{NoRewording: true}}} {
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = o.opt.Compare(docs[0], docs[1])
			}
		})
	}
}

// commonStats say every word and mark is common: every passage is
// tested for boilerplate and every slot for a formula, to the end.
type commonStats struct{}

func (commonStats) Docs() int         { return 30000 }
func (commonStats) StemDF(uint64) int { return 1000 }
func (commonStats) MarkDF(uint64) int { return 1000 }

// BenchmarkCompareWithStats is BenchmarkCompareReuse with collection
// statistics: the cost of judging boilerplate and formulas, against the
// same pair without them (the baseline, in the same run).
func BenchmarkCompareWithStats(b *testing.B) {
	all := seedFiles(b)
	edit := strings.NewReplacer("في", "فى", "إلى", "الى", "،", ",")
	half := []rune(all[1])
	docs := prepared(b, all[1], edit.Replace(string(half[:len(half)/2]))+"\n"+all[0][:2000])
	for _, o := range []struct {
		name string
		opt  compare.Options
	}{{"stats", compare.Options{Stats: commonStats{}}}, {"none", compare.Options{}}} {
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = o.opt.Compare(docs[0], docs[1])
			}
		})
	}
}
