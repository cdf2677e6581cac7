package prepare

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/pool"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

func TestSortedSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// The set holds the top 32 bits of each hash, distinct.
	distinct := func(hs []uint64) []uint32 {
		var c []uint32
		for _, h := range hs {
			c = append(c, uint32(h>>32))
		}
		slices.Sort(c)
		return slices.Compact(c)
	}
	// 1<<20 + 5000: a long text's set, with fewer buckets than values.
	for _, n := range []int{0, 1, 2, 5, 64, 1000, 5000, 1<<20 + 5000} {
		var a, b []uint64
		for range n {
			a = append(a, rng.Uint64())
			b = append(b, rng.Uint64())
		}
		// Shared values, repeats, and a bucket crowded by equal top bits.
		for k := range n / 3 {
			b[k] = a[n-1-k]
			a[k/2] = a[k]
		}
		for k := range min(n, 100) {
			// k/2: pairs that differ only in the low bits, which the
			// set does not keep.
			a[k] = 0xABCD<<48 | uint64(k/2)<<32 | uint64(k)
		}
		s := new(scratch)
		top32 := func(hs []uint64) []uint32 {
			out := make([]uint32, len(hs))
			for i, h := range hs {
				out[i] = uint32(h >> 32)
			}
			return out
		}
		ta, tb := top32(a), top32(b)
		a0 := slices.Clone(ta)
		sa, sb := s.sortedSet(ta), s.sortedSet(tb)
		assert.Equal(t, a0, ta, "input unchanged")
		assert.Equal(t, distinct(a), sa)
		assert.Equal(t, distinct(b), sb)
		assert.Equal(t, len(sa), cap(sa))
	}
}

// TestShingleLongText checks the two passes of a long text's shingles
// (more than pool.MaxLen) against its hashes held whole.
func TestShingleLongText(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ")
	runes := make([]rune, pool.MaxLen+20_000)
	for i := range runes {
		runes[i] = alphabet[rng.IntN(len(alphabet))]
	}
	const size = 5
	hs := shingle.AppendHashes(nil, runes, size)
	require.Greater(t, len(hs), pool.MaxLen)
	var top32 []uint32
	var tops []uint16
	for _, h := range hs {
		top32 = append(top32, uint32(h>>32))
		tops = append(tops, uint16(h>>48))
	}
	slices.Sort(top32)
	wantF, err := simhash.Sum(hs)
	require.NoError(t, err)

	set, gotTops, f, ok := new(scratch).shingle(runes, size)
	assert.Equal(t, slices.Compact(top32), set)
	assert.Equal(t, tops, gotTops)
	assert.True(t, ok)
	assert.Equal(t, wantF, f)
}
