package debris_test

import (
	"testing"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

// BenchmarkStrip measures Find and Strip on the seeds, already folded;
// the normalize sub-benchmark folds the same bytes, for scale.
func BenchmarkStrip(b *testing.B) {
	var srcs []string
	var texts []*normalize.Text
	size := 0
	for _, p := range seedPaths(b) {
		s := readFile(b, p)
		srcs = append(srcs, s)
		texts = append(texts, fold(b, s))
		size += len(s)
	}
	d := debris.New(normalize.Default)
	b.Run("find", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				d.Find(t)
			}
		}
	})
	b.Run("strip", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				d.Strip(t)
			}
		}
	})
	b.Run("normalize", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range srcs {
				_, _ = normalize.Default.Text(s)
			}
		}
	})
}
