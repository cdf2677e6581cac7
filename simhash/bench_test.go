package simhash_test

import (
	"math/rand/v2"
	"testing"

	"github.com/neardup/neardup/simhash"
)

// The features of a 5 KB Arabic article: about 2,900 shingles.
func benchHashes() []uint64 {
	rng := rand.New(rand.NewPCG(7, 8))
	h := make([]uint64, 2900)
	for i := range h {
		h[i] = rng.Uint64()
	}
	return h
}

// BenchmarkSum is the bit-sliced Builder; BenchmarkSumNaive, in the same
// run, is the per-bit loop most SimHash libraries use.
func BenchmarkSum(b *testing.B) {
	h := benchHashes()
	b.SetBytes(int64(8 * len(h)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = simhash.Sum(h)
	}
}

func BenchmarkSumNaive(b *testing.B) {
	h := benchHashes()
	b.SetBytes(int64(8 * len(h)))
	b.ReportAllocs()
	for b.Loop() {
		_ = naive(h, nil)
	}
}
