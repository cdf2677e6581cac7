package shingle_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/shingle"
)

// naiveWinnow is robust winnowing spelled out, O(n·w): for each window,
// its minimum; on ties the previous selection if still in the window,
// else the rightmost minimum; a position is recorded when it becomes the
// selection.
func naiveWinnow(hashes []uint64, w int) []shingle.Mark {
	n := len(hashes)
	if n == 0 {
		return nil
	}
	w = max(1, min(w, n))
	var out []shingle.Mark
	last := -1
	for lo := 0; lo+w <= n; lo++ {
		m := lo
		for i := lo; i < lo+w; i++ {
			if hashes[i] <= hashes[m] {
				m = i
			}
		}
		if last >= lo && hashes[last] == hashes[m] {
			continue
		}
		if m != last {
			out = append(out, shingle.Mark{Hash: hashes[m], Pos: int32(m)})
			last = m
		}
	}
	return out
}

func randHashes(rng *rand.Rand, n, alphabet int) []uint64 {
	h := make([]uint64, n)
	for i := range h {
		if alphabet > 0 {
			h[i] = uint64(rng.IntN(alphabet))
		} else {
			h[i] = rng.Uint64()
		}
	}
	return h
}

func TestWinnowMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		n := rng.IntN(200)
		w := rng.IntN(45) + 1
		// Small alphabets make ties and repeats, the robust rule's cases.
		alphabet := []int{0, 2, 3, 10, 1000}[trial%5]
		h := randHashes(rng, n, alphabet)
		require.Equal(t, naiveWinnow(h, w), shingle.Winnow(nil, h, w), "n=%d w=%d alphabet=%d", n, w, alphabet)
	}
	// Windows larger than the stack deque.
	h := randHashes(rng, 5000, 50)
	assert.Equal(t, naiveWinnow(h, 300), shingle.Winnow(nil, h, 300))
}

func TestWinnowEdgeCases(t *testing.T) {
	assert.Empty(t, shingle.Winnow(nil, nil, 10))
	dst := []shingle.Mark{{Hash: 7, Pos: 3}}
	assert.Equal(t, dst, shingle.Winnow(dst, nil, 10), "empty input leaves dst alone")

	// Shorter than a window: one window, its rightmost minimum.
	assert.Equal(t, []shingle.Mark{{Hash: 1, Pos: 3}}, shingle.Winnow(nil, []uint64{5, 1, 9, 1, 4}, 39))
	// w < 1 counts as 1: every position.
	assert.Len(t, shingle.Winnow(nil, []uint64{3, 3, 2}, 0), 3)

	// Equal hashes (a repeated character): one selection per w
	// positions, not one per window.
	eq := make([]uint64, 400)
	for i := range eq {
		eq[i] = 42
	}
	m := shingle.Winnow(nil, eq, 40)
	assert.Len(t, m, 10)
	assert.Equal(t, int32(39), m[0].Pos)
	assert.Equal(t, int32(79), m[1].Pos)
}

// TestWinnowWindowProperty checks the local guarantee behind the global
// one: every window of w hashes holds a selected position whose hash is
// the window's minimum, and every selected hash is the minimum of a
// window holding it.
func TestWinnowWindowProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		n := rng.IntN(300) + 1
		w := rng.IntN(60) + 1
		h := randHashes(rng, n, []int{0, 3, 50}[trial%3])
		checkWinnow(t, h, w, shingle.Winnow(nil, h, w))
	}
}

func checkWinnow(t *testing.T, h []uint64, w int, marks []shingle.Mark) {
	t.Helper()
	n := len(h)
	if n == 0 {
		require.Empty(t, marks)
		return
	}
	w = max(1, min(w, n))
	selected := make([]bool, n)
	for i, m := range marks {
		require.True(t, m.Pos >= 0 && int(m.Pos) < n, "position in range")
		require.Equal(t, h[m.Pos], m.Hash)
		if i > 0 {
			require.Greater(t, m.Pos, marks[i-1].Pos, "positions strictly increase")
		}
		selected[m.Pos] = true
		p := int(m.Pos)
		isMin := false
		for lo := max(0, p-w+1); lo <= p && lo+w <= n && !isMin; lo++ {
			isMin = slices.Min(h[lo:lo+w]) == m.Hash
		}
		require.True(t, isMin, "mark at %d is the minimum of a window holding it", p)
	}
	for lo := 0; lo+w <= n; lo++ {
		least := slices.Min(h[lo : lo+w])
		found := false
		for i := lo; i < lo+w && !found; i++ {
			found = selected[i] && h[i] == least
		}
		require.True(t, found, "window at %d has its minimum selected", lo)
	}
}

// arabic is the alphabet of the random texts: folded Arabic letters and
// a space. A small alphabet makes repeated shingles and equal hashes
// likelier than real text does.
var arabic = []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ")

func randText(rng *rand.Rand, n int, alphabet []rune) []rune {
	r := make([]rune, n)
	for i := range r {
		r[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return r
}

// shareRun returns two random texts that share run at random places.
func shareRun(rng *rand.Rand, run []rune, alphabet []rune) (a, b []rune) {
	a = randText(rng, rng.IntN(300), alphabet)
	b = randText(rng, rng.IntN(300), alphabet)
	i, j := rng.IntN(len(a)+1), rng.IntN(len(b)+1)
	a = slices.Concat(a[:i], run, a[i:])
	b = slices.Concat(b[:j], run, b[j:])
	return a, b
}

func commonHash(a, b []shingle.Mark) bool {
	set := make(map[uint64]bool, len(a))
	for _, m := range a {
		set[m.Hash] = true
	}
	for _, m := range b {
		if set[m.Hash] {
			return true
		}
	}
	return false
}

// TestWinnowGuarantee: two texts sharing a run of t = w + k − 1 folded
// runes always share a mark; a run of t − 1 is sometimes missed, so the
// bound is tight.
func TestWinnowGuarantee(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	trials := 3000
	if testing.Short() || raceEnabled {
		trials = 600
	}
	for _, p := range []struct{ k, w int }{{shingle.DefaultSeedSize, shingle.DefaultMarkWindow}, {12, 1}, {4, 8}, {1, 5}, {12, 100}} {
		tt := p.w + p.k - 1
		for trial := range trials {
			alphabet := arabic
			if trial%4 == 0 {
				alphabet = []rune("اب ") // many repeats and ties
			}
			run := randText(rng, tt, alphabet)
			a, b := shareRun(rng, run, alphabet)
			ma := shingle.AppendMarks(nil, a, p.k, p.w)
			mb := shingle.AppendMarks(nil, b, p.k, p.w)
			require.True(t, commonHash(ma, mb), "k=%d w=%d: a shared run of t=%d runes must give a common mark", p.k, p.w, tt)
		}
		// The bound is tight: some pair sharing a run of t − 1 runes (and
		// no longer run) has no common mark.
		if p.w == 1 {
			continue // t − 1 = k − 1: not one shingle in common, trivially
		}
		found := false
		for trial := 0; trial < 100000 && !found; trial++ {
			a, b := shareRun(rng, randText(rng, tt-1, arabic), arabic)
			found = !commonHash(shingle.AppendMarks(nil, a, p.k, p.w), shingle.AppendMarks(nil, b, p.k, p.w))
			if found {
				t.Logf("k=%d w=%d t=%d: a shared run of t−1 runes missed after %d trials", p.k, p.w, tt, trial+1)
			}
		}
		assert.True(t, found, "k=%d w=%d: no run of t−1 runes missed", p.k, p.w)
	}
}

// TestWinnowTwoMarks: a shared run of 2w + k − 1 runes holds two
// disjoint windows, so two texts sharing it share two distinct mark
// hashes (unless a shingle repeats, which the alphabet makes unlikely):
// what the default MinShared of 2 needs.
func TestWinnowTwoMarks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	k, w := shingle.DefaultSeedSize, shingle.DefaultMarkWindow
	for range 500 {
		a, b := shareRun(rng, randText(rng, 2*w+k-1, arabic), arabic)
		ma, mb := shingle.AppendMarks(nil, a, k, w), shingle.AppendMarks(nil, b, k, w)
		common := map[uint64]bool{}
		inA := map[uint64]bool{}
		for _, m := range ma {
			inA[m.Hash] = true
		}
		for _, m := range mb {
			if inA[m.Hash] {
				common[m.Hash] = true
			}
		}
		require.GreaterOrEqual(t, len(common), 2)
	}
}

func TestWinnowDensity(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	h := randHashes(rng, 200000, 0)
	for _, w := range []int{10, 39, 64} {
		got := float64(len(shingle.Winnow(nil, h, w))) / float64(len(h))
		want := 2 / float64(w+1)
		assert.InEpsilon(t, want, got, 0.03, "w=%d", w)
	}
}

func TestWinnowAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	h := randHashes(rng, 5000, 0)
	dst := make([]shingle.Mark, 0, len(h))
	allocs := testing.AllocsPerRun(20, func() { dst = shingle.Winnow(dst[:0], h, shingle.DefaultMarkWindow) })
	assert.Zero(t, allocs)
	if !raceEnabled {
		runes := randText(rng, 5000, arabic)
		allocs = testing.AllocsPerRun(20, func() { dst = shingle.AppendMarks(dst[:0], runes, 0, 0) })
		assert.Zero(t, allocs)
	}
}

func TestAppendMarksDeterministicAndFolded(t *testing.T) {
	runes := []rune("قال رئيس الوزراء في مؤتمر صحفي عقده اليوم إن المفاوضات ستستمر حتى نهاية الشهر المقبل")
	a := shingle.AppendMarks(nil, runes, 0, 0)
	b := shingle.Winnow(nil, shingle.AppendHashes(nil, runes, shingle.DefaultSeedSize), shingle.DefaultMarkWindow)
	assert.Equal(t, b, a, "defaults are DefaultSeedSize and DefaultMarkWindow")
	assert.Equal(t, a, shingle.AppendMarks(nil, runes, 0, 0))
	assert.NotEmpty(t, a)
}

func shingleHashes(runes []rune) []uint64 {
	return shingle.AppendHashes(nil, runes, shingle.DefaultSeedSize)
}

// TestAppendMarksInChunks checks that the marks of a text longer than
// the chunk AppendMarks hashes at a time are Winnow's over all its
// hashes, at the chunks' edges too, and with windows up to and past
// 256 hashes and texts shorter than a window or a shingle.
func TestAppendMarksInChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	long := randText(rng, 3<<14+77, arabic)
	for _, n := range []int{0, 1, 5, 12, 40, 1 << 14, 1<<14 + 11, len(long)} {
		runes := long[:n]
		for _, kw := range [][2]int{{12, 39}, {5, 1}, {12, 256}, {12, 300}, {3, 1 << 15}} {
			k, w := kw[0], kw[1]
			want := shingle.Winnow(nil, shingle.AppendHashes(nil, runes, k), w)
			assert.Equal(t, want, shingle.AppendMarks(nil, runes, k, w), "n=%d k=%d w=%d", n, k, w)
		}
	}
}
