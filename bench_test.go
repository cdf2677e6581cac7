package neardup_test

import (
	"testing"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

// Run: go test -run '^$' -bench . -benchmem .
// Figures and how to read them: README.md, "Performance".

func seedTexts(b *testing.B) ([]string, int64) {
	var texts []string
	var n int64
	for _, s := range seeds(b) {
		texts = append(texts, s)
		n += int64(len(s))
	}
	return texts, n
}

// BenchmarkFingerprint is the full pipeline: normalize, strip debris,
// shingle, SimHash.
func BenchmarkFingerprint(b *testing.B) {
	texts, n := seedTexts(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			_, _ = neardup.Fingerprint(s)
		}
	}
}

// BenchmarkFingerprintKeepDebris is normalize + character shingles +
// SimHash, the figure the design targets at 150 MB/s.
func BenchmarkFingerprintKeepDebris(b *testing.B) {
	texts, n := seedTexts(b)
	c := neardup.Default
	c.KeepDebris = true
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			_, _ = c.Fingerprint(s)
		}
	}
}

// BenchmarkFingerprintNaive is the baseline: the same normalization and
// shingles, with the per-bit SimHash loop of typical libraries.
func BenchmarkFingerprintNaive(b *testing.B) {
	texts, n := seedTexts(b)
	var runes []rune
	var hashes []uint64
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			runes = normalize.Default.AppendRunes(runes[:0], s)
			hashes = shingle.AppendHashes(hashes[:0], runes, shingle.DefaultSize)
			_ = naiveSimHash(hashes)
		}
	}
}

func naiveSimHash(hashes []uint64) simhash.Fingerprint {
	var v [64]int
	for _, h := range hashes {
		for i := range 64 {
			if h>>i&1 == 1 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	var f uint64
	for i, x := range v {
		if x > 0 {
			f |= 1 << i
		}
	}
	return simhash.Fingerprint(f)
}

// A pair of about 5 KB: seed 001 (5.3 KB) and a respelled copy of it
// with one paragraph of seed 000 swapped in, so alignment has real work.
func pair(b *testing.B) (string, string) {
	all := seeds(b)
	return all["001"], respell(all["001"][:3000]) + all["000"][:2000]
}

// BenchmarkCompareDocs compares two prepared 5 KB articles: resemblance,
// containment, alignment and verdict.
func BenchmarkCompareDocs(b *testing.B) {
	x, y := pair(b)
	dx, _ := neardup.Prepare(x)
	dy, _ := neardup.Prepare(y)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = neardup.Default.CompareDocs(dx, dy)
	}
}

// BenchmarkCompareTexts is the same from raw text: both preparations
// included.
func BenchmarkCompareTexts(b *testing.B) {
	x, y := pair(b)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = neardup.Compare(x, y)
	}
}
