package simhash_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/simhash"
)

// naive is the textbook SimHash: a signed tally per bit. It is the
// reference the bit-sliced Builder must agree with exactly, and the
// baseline of the benchmarks.
func naive(hashes []uint64, weights []uint32) simhash.Fingerprint {
	var v [64]int64
	for k, h := range hashes {
		w := int64(1)
		if weights != nil {
			w = int64(weights[k])
		}
		for i := range 64 {
			if h>>i&1 == 1 {
				v[i] += w
			} else {
				v[i] -= w
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

func TestBuilderMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 1000, 4097} {
		hashes := make([]uint64, n)
		for i := range hashes {
			hashes[i] = rng.Uint64()
			if i%7 == 3 {
				hashes[i] = hashes[i-1] // repeats, as real shingles have
			}
		}
		got, err := simhash.Sum(hashes)
		require.NoError(t, err)
		assert.Equal(t, naive(hashes, nil), got, "n=%d", n)

		// Feeding one at a time, in odd chunks, gives the same.
		var b simhash.Builder
		for len(hashes) > 0 {
			k := min(len(hashes), 1+rng.IntN(40))
			if k%2 == 0 {
				b.AddAll(hashes[:k])
			} else {
				for _, h := range hashes[:k] {
					b.Add(h)
				}
			}
			hashes = hashes[k:]
		}
		again, err := b.Sum()
		require.NoError(t, err)
		assert.Equal(t, got, again, "n=%d", n)
	}
}

func TestWeightedMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		n := 1 + rng.IntN(300)
		hashes := make([]uint64, n)
		weights := make([]uint32, n)
		var b simhash.Builder
		for i := range hashes {
			hashes[i] = rng.Uint64()
			weights[i] = uint32(rng.IntN(5)) // zero weights included
			if rng.IntN(3) == 0 {
				weights[i] = uint32(rng.IntN(100000))
			}
			b.AddWeighted(hashes[i], weights[i])
		}
		got, err := b.Sum()
		if b.Len() == 0 {
			assert.ErrorIs(t, err, simhash.ErrNoFeatures)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, naive(hashes, weights), got)
	}
}

func TestNoFeatures(t *testing.T) {
	_, err := simhash.Sum(nil)
	assert.ErrorIs(t, err, simhash.ErrNoFeatures)
	var b simhash.Builder
	b.AddWeighted(42, 0)
	_, err = b.Sum()
	assert.ErrorIs(t, err, simhash.ErrNoFeatures)
	b.Add(42)
	f, err := b.Sum()
	require.NoError(t, err)
	assert.Equal(t, simhash.Fingerprint(42), f, "one feature: its own hash")
	b.Reset()
	assert.Zero(t, b.Len())
}

func TestDistance(t *testing.T) {
	a := simhash.Fingerprint(0xF0F0)
	assert.Equal(t, 0, a.Distance(a))
	assert.Equal(t, 8, a.Distance(0xFFFF))
	assert.Equal(t, 64, simhash.Fingerprint(0).Distance(^simhash.Fingerprint(0)))
	assert.InDelta(t, 1.0, a.Similarity(a), 1e-12)
	assert.InDelta(t, 0.875, a.Similarity(0xFFFF), 1e-12)
}

func TestStringParseJSON(t *testing.T) {
	f := simhash.Fingerprint(0x00ab_cdef_0123_4567)
	assert.Equal(t, "00abcdef01234567", f.String())
	g, err := simhash.Parse(f.String())
	require.NoError(t, err)
	assert.Equal(t, f, g)
	for _, bad := range []string{"", "xyz", "00abcdef0123456g", "00abcdef012345678"} {
		_, err := simhash.Parse(bad)
		assert.Error(t, err, bad)
	}
	b, err := json.Marshal(map[string]simhash.Fingerprint{"f": f})
	require.NoError(t, err)
	assert.JSONEq(t, `{"f":"00abcdef01234567"}`, string(b))
	var back map[string]simhash.Fingerprint
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, f, back["f"])
	assert.Error(t, json.Unmarshal([]byte(`{"f":"nothex"}`), &back))
}

// Similar feature sets give close fingerprints, unrelated ones do not.
func TestLocality(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	base := make([]uint64, 2000)
	for i := range base {
		base[i] = rng.Uint64()
	}
	near := append([]uint64(nil), base...)
	for i := range 40 { // 2% of features changed
		near[i*50] = rng.Uint64()
	}
	other := make([]uint64, 2000)
	for i := range other {
		other[i] = rng.Uint64()
	}
	fb, _ := simhash.Sum(base)
	fn, _ := simhash.Sum(near)
	fo, _ := simhash.Sum(other)
	assert.LessOrEqual(t, fb.Distance(fn), 8)
	assert.Greater(t, fb.Distance(fo), 16)
}
