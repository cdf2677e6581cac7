package shingle_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

// go test -run '^$' -bench Winnow\|Marks -benchmem -count 6 ./shingle/

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
	dst := make([]shingle.Mark, 0, len(hashes))
	b.SetBytes(int64(size))
	for b.Loop() {
		dst = shingle.Winnow(dst[:0], hashes, shingle.DefaultMarkWindow)
	}
}

// BenchmarkAppendMarks: hashing and winnowing the folded seed articles.
func BenchmarkAppendMarks(b *testing.B) {
	runes, size := seedRunes(b)
	dst := make([]shingle.Mark, 0, len(runes))
	b.SetBytes(int64(size))
	for b.Loop() {
		dst = shingle.AppendMarks(dst[:0], runes, 0, 0)
	}
}

// BenchmarkAppendMarksFresh: the same into a new slice each time, as a
// corpus does for every document it adds.
func BenchmarkAppendMarksFresh(b *testing.B) {
	runes, size := seedRunes(b)
	b.SetBytes(int64(size))
	for b.Loop() {
		shingle.AppendMarks(nil, runes, 0, 0)
	}
}

// BenchmarkContentWords cuts the folded seed articles into content words
// with their stems' hashes (the stemming is what is new).
func BenchmarkContentWords(b *testing.B) {
	runes, size := seedRunes(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		shingle.AppendContentWords(nil, runes, 0)
	}
}
