package prepare_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
)

// go test -run '^$' -bench . -benchmem -count 6 -cpu 1 ./prepare/

func benchTexts(b *testing.B) ([]string, int64) {
	paths, _ := filepath.Glob("../testdata/seeds/*.txt")
	var out []string
	var n int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
		n += int64(len(data))
	}
	if n == 0 {
		b.Skip("no seeds")
	}
	return out, n
}

func benchPrepare(b *testing.B, s prepare.Settings) {
	texts, n := benchTexts(b)
	p := prepare.New(s)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := p.Prepare(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPrepare folds with offsets and prepares the five seed
// articles (shingle set and tops, words, marks, fingerprint), debris
// kept: the cost of a Doc beside that of debris removal.
func BenchmarkPrepare(b *testing.B) {
	benchPrepare(b, prepare.Settings{Rules: normalize.Default, KeepDebris: true})
}

// BenchmarkPrepareDefault is Prepare with debris removal, as a Corpus
// prepares.
func BenchmarkPrepareDefault(b *testing.B) { benchPrepare(b, prepare.Default) }
