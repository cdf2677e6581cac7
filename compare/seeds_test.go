package compare

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

func alignTestTexts(t *testing.T) []string {
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	require.NoError(t, err)
	slices.Sort(paths)
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	// Pairs that share passages, and a text made of one repeated phrase.
	edit := strings.NewReplacer("في", "فى", "إلى", "الى", "،", ",")
	out = append(out, edit.Replace(out[1][:3000])+"\n"+out[0][:2000], strings.Repeat("قال المتحدث إن ", 40))
	return out
}

func alignTestDoc(t *testing.T, o params, s string) *prepare.Doc {
	p := prepare.Of(prepare.Settings{Rules: normalize.Default, KeepDebris: true, ShingleSize: o.ShingleSize, SeedSize: o.SeedSize})
	d, err := p.Prepare(s)
	require.NoError(t, err)
	return d
}

// sized returns the options of a comparison of documents with the given
// sizes, defaults filled in.
func sized(shingleSize, seedSize int) params {
	s := prepare.Of(prepare.Settings{ShingleSize: shingleSize, SeedSize: seedSize}).Settings()
	return params{Options: Options{}.withDefaults(), ShingleSize: s.ShingleSize, SeedSize: s.SeedSize}
}

// TestSeedsAreThoseThatCanMatch checks what makes alignment's result
// independent of the filter in seeds: every window of one text whose
// hash occurs in the other is kept, with its hash, in order.
func TestSeedsAreThoseThatCanMatch(t *testing.T) {
	all := alignTestTexts(t)
	for _, o := range []params{sized(0, 0), sized(0, 6), sized(0, 80), sized(16, 0), sized(5, 5)} {
		docs := make([]*prepare.Doc, len(all))
		for i, s := range all {
			docs[i] = alignTestDoc(t, o, s)
		}
		for i, a := range docs {
			for j, b := range docs {
				s := new(scratch)
				s.intersect(a.Shingles, b.Shingles)
				for _, side := range [][2]*prepare.Doc{{a, b}, {b, a}} {
					x, y := side[0], side[1]
					n := s.markSeeds(x, o)
					var got []seed
					for it := s.seedIter(x, o); it.next(); {
						for k, h := range it.hashes {
							got = append(got, seed{h, int32(it.from + k)})
						}
					}
					require.Len(t, got, n)
					hx := shingle.AppendHashes(nil, x.Text.Runes, o.SeedSize)
					hy := shingle.AppendHashes(nil, y.Text.Runes, o.SeedSize)
					inY := map[uint64]bool{}
					for _, h := range hy {
						inY[h] = true
					}
					var want []seed
					for p, h := range hx {
						if inY[h] {
							want = append(want, seed{h, int32(p)})
						}
					}
					var kept []seed
					for _, sd := range got {
						require.Equal(t, hx[sd.pos], sd.hash, "options %+v, texts %d, %d", o, i, j)
						if inY[sd.hash] {
							kept = append(kept, sd)
						}
					}
					require.Equal(t, want, kept, "options %+v, texts %d, %d", o, i, j)
					require.True(t, slices.IsSortedFunc(got, func(p, q seed) int { return int(p.pos - q.pos) }))
					checkSeedIndex(t, s, x, y, o, got)
				}
			}
		}
	}
}

// seed is a window that may occur in the other text, at pos.
type seed struct {
	hash uint64
	pos  int32
}

// checkSeedIndex checks that the index of b's seeds, with and without
// the filter of a's, finds for each hash of a's seeds every position of
// b's seeds with that hash, ascending.
func checkSeedIndex(t *testing.T, s *scratch, b, a *prepare.Doc, o params, seedsB []seed) {
	at := map[uint64][]int32{}
	for _, sd := range seedsB {
		at[sd.hash] = append(at[sd.hash], sd.pos)
	}
	for _, filtered := range []bool{false, true} {
		var filter *seedFilter
		if filtered {
			filter = s.buildSeedFilter(a, o, s.markSeeds(a, o))
		}
		x := s.buildSeedIndex(b, o, s.markSeeds(b, o), filter)
		s.markSeeds(a, o)
		for it := s.seedIter(a, o); it.next(); {
			for _, h := range it.hashes {
				first, n := x.lookup(h)
				got := x.pos[first : first+n]
				if len(at[h]) == 0 {
					require.Empty(t, got)
				} else {
					require.Equal(t, at[h], got, "filtered %v", filtered)
				}
			}
		}
		if filtered {
			assert.LessOrEqual(t, len(x.hash), len(seedsB))
		} else {
			assert.Len(t, x.hash, len(seedsB))
		}
	}
}

func TestIntersect(t *testing.T) {
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
	for _, n := range []int{0, 1, 2, 5, 64, 1000, 5000} {
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
		sa, sb := distinct(a), distinct(b)
		both := 0
		for _, h := range sb {
			if _, ok := slices.BinarySearch(sa, h); ok {
				both++
			}
		}
		assert.Equal(t, both, s.intersect(sa, sb), "n=%d", n)
		assert.Equal(t, both, s.intersect(sb, sa), "n=%d", n)
	}
}
