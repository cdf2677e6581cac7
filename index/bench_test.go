package index_test

import (
	"testing"

	"github.com/neardup/neardup/index"
)

// Benchmarks. The exact command used for the numbers in the package
// documentation:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./index/
//
// The SaudiNewsNet benchmarks skip without the dumps.

// BenchmarkBuildSaudiNewsNet: building the index of all SaudiNewsNet
// articles in bulk from their marks.
func BenchmarkBuildSaudiNewsNet(b *testing.B) {
	marks := loadMarks(b)
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
	marks := loadMarks(b)
	var x *index.MarkIndex
	i := 0
	for b.Loop() {
		if i%len(marks) == 0 {
			x = new(index.MarkIndex)
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
	marks := loadMarks(b)
	x := buildFrom(b, marks)
	i := 0
	n := 0
	for b.Loop() {
		d := i % len(marks)
		n += len(x.Candidates(marks[d], index.QueryOptions{Exclude: []index.DocID{index.DocID(d)}}))
		i++
	}
	b.ReportMetric(float64(n)/float64(i), "cands/query")
}
