package index_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/normalize"
)

// Benchmarks. The exact command used for the numbers in the package
// documentation:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./index/
//
// The SaudiNewsNet benchmarks skip without the dumps.

// seedRunes returns the folded runes of the five seed articles.
func seedRunes(b *testing.B) ([]rune, int) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var all []rune
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
		all = normalize.Default.AppendRunes(all, string(data))
		all = append(all, ' ')
	}
	if size == 0 {
		b.Skip("no seeds")
	}
	return all, size
}

// BenchmarkWinnow: winnowing the 12-rune shingle hashes of the seed
// articles (27 KB of Arabic); MB/s of original text.
func BenchmarkWinnow(b *testing.B) {
	runes, size := seedRunes(b)
	hashes := shingleHashes(runes)
	dst := make([]index.Mark, 0, len(hashes))
	b.SetBytes(int64(size))
	for b.Loop() {
		dst = index.Winnow(dst[:0], hashes, index.DefaultW)
	}
}

// BenchmarkAppendMarks: hashing and winnowing the folded seed articles.
func BenchmarkAppendMarks(b *testing.B) {
	runes, size := seedRunes(b)
	dst := make([]index.Mark, 0, len(runes))
	b.SetBytes(int64(size))
	for b.Loop() {
		dst = index.AppendMarks(dst[:0], runes, 0, 0)
	}
}

// BenchmarkAppendMarksFresh: the same into a new slice each time, as a
// corpus does for every document it adds.
func BenchmarkAppendMarksFresh(b *testing.B) {
	runes, size := seedRunes(b)
	b.SetBytes(int64(size))
	for b.Loop() {
		index.AppendMarks(nil, runes, 0, 0)
	}
}

func corpusMarks(b *testing.B) [][]index.Mark {
	arts := loadCorpus(b)
	return marksOf(arts, index.DefaultK, index.DefaultW)
}

// BenchmarkBuildSaudiNewsNet: building the index of all SaudiNewsNet
// articles in bulk from their marks.
func BenchmarkBuildSaudiNewsNet(b *testing.B) {
	marks := corpusMarks(b)
	docs := make([]index.Doc, len(marks))
	for i, m := range marks {
		docs[i] = index.Doc{ID: index.DocID(i), Marks: m}
	}
	for b.Loop() {
		if _, err := index.Build(docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
}

// BenchmarkAddSaudiNewsNet: adding the SaudiNewsNet articles one by one
// (continuous ingest, compactions included); ns/op is per article.
func BenchmarkAddSaudiNewsNet(b *testing.B) {
	marks := corpusMarks(b)
	var x *index.Index
	i := 0
	for b.Loop() {
		if i%len(marks) == 0 {
			x = new(index.Index)
		}
		if err := x.Add(index.DocID(i%len(marks)), marks[i%len(marks)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCandidatesSaudiNewsNet: one query with the default options
// against the index of all SaudiNewsNet articles; ns/op is per query.
func BenchmarkCandidatesSaudiNewsNet(b *testing.B) {
	marks := corpusMarks(b)
	x, _ := buildFrom(b, marks)
	i := 0
	n := 0
	for b.Loop() {
		d := i % len(marks)
		n += len(x.Candidates(marks[d], index.QueryOptions{Exclude: []index.DocID{index.DocID(d)}}))
		i++
	}
	b.ReportMetric(float64(n)/float64(i), "cands/query")
}
