package simhash_test

import (
	"cmp"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/simhash"
)

// uniformEntries returns n entries with random fingerprints and IDs 0..n-1.
func uniformEntries(rng *rand.Rand, n int) []simhash.Entry {
	e := make([]simhash.Entry, n)
	for i := range e {
		e[i] = simhash.Entry{ID: simhash.ID(i), Fingerprint: simhash.Fingerprint(rng.Uint64())}
	}
	return e
}

// clusteredEntries returns n entries shaped like the fingerprints of a
// news stream. Stories (one per 250 entries) have copies that differ
// from the story's fingerprint in 0..6 bits; story sizes are skewed (the
// i-th of C stories is picked with probability about 1/(2√(iC)), so in
// a million the largest has 12,600 copies, a seventh of them exact
// reprints, and the smallest about 100); a fifth of the entries are
// lone stories. Every bit is set with its own probability, uniform in
// 0.15..0.85: unit-weight SimHash of real text is biased by the
// features every text shares (SaudiNewsNet character 4-gram
// fingerprints have bit frequencies from 0.14 to 0.90 and 16-bit
// buckets 9 times as crowded as uniform ones), and so are these.
func clusteredEntries(rng *rand.Rand, n int) []simhash.Entry {
	var bias [64]float64
	for i := range bias {
		bias[i] = 0.15 + 0.7*rng.Float64()
	}
	story := func() simhash.Fingerprint {
		var f uint64
		for b, p := range bias {
			if rng.Float64() < p {
				f |= 1 << b
			}
		}
		return simhash.Fingerprint(f)
	}
	centres := make([]simhash.Fingerprint, max(1, n/250))
	for i := range centres {
		centres[i] = story()
	}
	e := make([]simhash.Entry, n)
	for i := range e {
		var f simhash.Fingerprint
		if rng.IntN(5) == 0 {
			f = story()
		} else {
			u := rng.Float64()
			f = flipBits(rng, centres[int(u*u*float64(len(centres)))], rng.IntN(7))
		}
		e[i] = simhash.Entry{ID: simhash.ID(i), Fingerprint: f}
	}
	return e
}

// flipBits returns f with d distinct random bits flipped.
func flipBits(rng *rand.Rand, f simhash.Fingerprint, d int) simhash.Fingerprint {
	var flip uint64
	for bits.OnesCount64(flip) < d {
		flip |= 1 << rng.IntN(64)
	}
	return f ^ simhash.Fingerprint(flip)
}

// queries returns n query fingerprints: half random, half stored ones
// with 0..8 bits flipped, the case a deduplicator meets.
func queries(rng *rand.Rand, set []simhash.Entry, n int) []simhash.Fingerprint {
	q := make([]simhash.Fingerprint, n)
	for i := range q {
		if i%2 == 0 || len(set) == 0 {
			q[i] = simhash.Fingerprint(rng.Uint64())
		} else {
			q[i] = flipBits(rng, set[rng.IntN(len(set))].Fingerprint, rng.IntN(9))
		}
	}
	return q
}

// brute returns every entry of set within distance k of q, sorted as
// Query sorts: the reference every test compares with.
func brute(set []simhash.Entry, q simhash.Fingerprint, k int) []simhash.Match {
	var out []simhash.Match
	for _, e := range set {
		if d := bits.OnesCount64(uint64(e.Fingerprint ^ q)); d <= k {
			out = append(out, simhash.Match{ID: e.ID, Fingerprint: e.Fingerprint, Distance: d})
		}
	}
	slices.SortFunc(out, func(a, b simhash.Match) int {
		return cmp.Or(cmp.Compare(a.Distance, b.Distance), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// upTo returns the prefix of sorted matches within distance k.
func upTo(ms []simhash.Match, k int) []simhash.Match {
	i, _ := slices.BinarySearchFunc(ms, k+1, func(m simhash.Match, k int) int { return cmp.Compare(m.Distance, k) })
	return ms[:i]
}

// checkAgainstBrute queries x at every distance 0..maxK and a few larger
// ones and requires exactly the brute-force answer. The brute-force scan
// runs once per query, at the largest distance.
func checkAgainstBrute(t *testing.T, x *simhash.Index, set []simhash.Entry, qs []simhash.Fingerprint, maxK int) {
	t.Helper()
	ks := []int{}
	for k := 0; k <= maxK; k++ {
		ks = append(ks, k)
	}
	ks = append(ks, 14, 20)
	var got []simhash.Match
	for qi, q := range qs {
		all := brute(set, q, 20)
		for _, k := range ks {
			got = x.AppendQuery(got[:0], q, k)
			want := upTo(all, k)
			if len(got) != len(want) || (len(want) > 0 && !slices.Equal(got, want)) {
				require.Equal(t, want, got, "query %d (%v), k=%d", qi, q, k)
			}
		}
	}
}

func TestIndexMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	sets := map[string][]simhash.Entry{
		"uniform":   uniformEntries(rng, 20000),
		"clustered": clusteredEntries(rng, 40000),
	}
	for name, set := range sets {
		qs := queries(rng, set, 150)
		t.Run(name+"/auto", func(t *testing.T) {
			x := simhash.NewIndex(simhash.IndexOptions{})
			x.Build(set)
			require.Equal(t, len(set), x.Len())
			checkAgainstBrute(t, x, set, qs, 10)
		})
		// Every block count, forced to probe rather than scan, so the
		// pigeonhole plans are all exercised, wide radii included. Three
		// blocks (48 MB of directories) only once, and not under -race.
		for m := 3; m <= 8; m++ {
			if m == 3 && (name != "uniform" || raceEnabled) {
				continue
			}
			t.Run(fmt.Sprintf("%s/blocks=%d", name, m), func(t *testing.T) {
				x := simhash.NewIndex(simhash.IndexOptions{MaxDistance: 6})
				simhash.IndexTuning(x, 0, 0, m, true)
				x.Build(set)
				checkAgainstBrute(t, x, set, qs[:40], 10)
			})
		}
	}
}

// The plans are the ones the package documentation promises.
func TestIndexPlans(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	sample := make([]simhash.Fingerprint, 4096)
	for i := range sample {
		sample[i] = simhash.Fingerprint(rng.Uint64())
	}
	assert.Equal(t, 4, simhash.ChooseBlocks(1_000_000, sample, simhash.DefaultMaxDistance))
	assert.Equal(t, 0, simhash.ChooseBlocks(100, sample[:100], simhash.DefaultMaxDistance), "tiny: scan")
	// A million entries are slow to build under -race; with four blocks
	// forced, a quarter of a million give the same plans (equal bucket
	// sizes in every table).
	x := simhash.NewIndex(simhash.IndexOptions{})
	simhash.IndexTuning(x, 0, 0, 4, false)
	x.Build(uniformEntries(rng, 1<<18))
	segs, _ := simhash.IndexStats(x)
	require.Len(t, segs, 1)
	require.Equal(t, 4, segs[0].Blocks, segs[0].String())
	probes := func(r []int) int {
		n := 0
		for _, r := range r {
			n += map[int]int{-1: 0, 0: 1, 1: 17, 2: 137}[r]
		}
		return n
	}
	want := map[int]int{0: 1, 1: 2, 2: 3, 3: 4, 4: 20, 5: 36, 6: 52, 7: 68}
	for k, n := range want {
		assert.Equal(t, n, probes(simhash.IndexPlan(x, k)), "k=%d: %v", k, simhash.IndexPlan(x, k))
	}
	assert.Nil(t, simhash.IndexPlan(x, 40), "a very wide query scans")

	// IDs, four tables of 8-byte entries and 2-byte position tops, and
	// 4·2^16 directory words: 52 bytes per fingerprint at 2^18.
	assert.InDelta(t, 52, float64(x.MemoryBytes())/float64(x.Len()), 0.1)
}

// Removals mark entries deleted; a segment more than half deleted is
// rebuilt, an empty one dropped, and queries stay exact throughout.
func TestIndexRemoveCompacts(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	set := clusteredEntries(rng, 3000)
	x := simhash.NewIndex(simhash.IndexOptions{})
	x.Build(set)
	live := slices.Clone(set)
	rng.Shuffle(len(live), func(i, j int) { live[i], live[j] = live[j], live[i] })
	for len(live) > 0 {
		require.True(t, x.Remove(live[0].ID))
		live = live[1:]
		segs, _ := simhash.IndexStats(x)
		switch len(live) {
		case 1600:
			require.Len(t, segs, 1)
			assert.Equal(t, 1400, segs[0].Dead, "not yet half deleted")
			checkAgainstBrute(t, x, live, queries(rng, live, 10), 8)
		case 1499:
			require.Len(t, segs, 1)
			assert.Equal(t, simhash.SegmentStats{Len: 1499}, simhash.SegmentStats{Len: segs[0].Len, Dead: segs[0].Dead}, "rebuilt")
			checkAgainstBrute(t, x, live, queries(rng, live, 10), 8)
		case 0:
			assert.Empty(t, segs)
		}
	}
	assert.Zero(t, x.Len())
	assert.Empty(t, x.Query(set[0].Fingerprint, 64))
}

func TestIndexEdgeCases(t *testing.T) {
	var x simhash.Index // the zero value is ready
	assert.Empty(t, x.Query(0, 64))
	assert.False(t, x.Remove(1))
	x.Add(1, 0xFF)
	x.Add(2, 0xF0)
	x.Add(1, 0x0F) // replaces
	assert.Equal(t, 2, x.Len())
	assert.Empty(t, x.Query(0, -1), "negative distance: nothing")
	assert.Equal(t, []simhash.Match{{ID: 1, Fingerprint: 0x0F, Distance: 4}, {ID: 2, Fingerprint: 0xF0, Distance: 4}},
		x.Query(0, 4), "ties in ID order")
	assert.Len(t, x.Query(^simhash.Fingerprint(0), 1000), 2, "64 and more: everything")

	// Build: the last entry of an ID wins; earlier contents go.
	entries := []simhash.Entry{{ID: 7, Fingerprint: 1}, {ID: 3, Fingerprint: 2}, {ID: 7, Fingerprint: 3}}
	x.Build(entries)
	assert.Equal(t, 2, x.Len())
	assert.Equal(t, []simhash.Match{{ID: 7, Fingerprint: 3, Distance: 0}}, x.Query(3, 0))
	assert.Equal(t, simhash.Entry{ID: 7, Fingerprint: 1}, entries[0], "Build leaves its argument alone")
	assert.True(t, x.Remove(7))
	assert.False(t, x.Remove(7))
	assert.Empty(t, x.Query(3, 0))
	x.Build(nil)
	assert.Zero(t, x.Len())

	// Many duplicates of one fingerprint, in one bucket of every table.
	x.Build(nil)
	var dup []simhash.Entry
	for i := range 5000 {
		dup = append(dup, simhash.Entry{ID: simhash.ID(5000 - i), Fingerprint: 0xABCDEF})
	}
	x.Build(dup)
	got := x.Query(0xABCDEF, 3)
	require.Len(t, got, 5000)
	assert.Equal(t, simhash.ID(1), got[0].ID)
}

// A query that meets a crowd the plan did not expect (over a third of the
// index in the query's bucket of every table) gives up probing and
// scans, with the same answer.
func TestIndexCrowdFallsBackToScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	set := uniformEntries(rng, 4000)
	for i := range 1400 {
		set[i].Fingerprint = 0x5555_5555_5555_5555
	}
	x := simhash.NewIndex(simhash.IndexOptions{})
	simhash.IndexTuning(x, 0, 0, 8, false)
	x.Build(set)
	require.NotNil(t, simhash.IndexPlan(x, 8), "the plan probes")
	checkAgainstBrute(t, x, set, []simhash.Fingerprint{0x5555_5555_5555_5555, 0x5555_5555_5555_5554}, 10)
}

// A random sequence of Add, replace, Remove and Build, with tails and
// segments small enough that flushes, merges and compactions all happen,
// checked against a plain map at every step.
func TestIndexUpdatesMatchBruteForce(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		tailMax, ratio, blocks  int
		noScan                  bool
		ops, idRange, checkEach int
	}{
		{"tiny", 4, 2, 8, true, 2000, 400, 7},
		{"small", 16, 4, 0, false, 6000, 3000, 50},
		{"wide", 256, 3, 4, true, 3000, 5000, 250},
		{"default", 0, 0, 0, false, 8000, 8000, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.ops), uint64(tc.tailMax)))
			x := simhash.NewIndex(simhash.IndexOptions{})
			simhash.IndexTuning(x, tc.tailMax, tc.ratio, tc.blocks, tc.noScan)
			model := map[simhash.ID]simhash.Fingerprint{}
			centres := clusteredEntries(rng, 64)
			for op := range tc.ops {
				// IDs below 2^24 spread over three bytes: an odd
				// number of radix sort passes.
				id := simhash.ID(rng.IntN(tc.idRange)) * 2047
				switch r := rng.IntN(100); {
				case r < 65:
					fp := flipBits(rng, centres[rng.IntN(len(centres))].Fingerprint, rng.IntN(8))
					x.Add(id, fp)
					model[id] = fp
				case r < 99:
					_, had := model[id]
					require.Equal(t, had, x.Remove(id), "op %d: Remove(%d)", op, id)
					delete(model, id)
				default:
					set := clusteredEntries(rng, rng.IntN(300))
					x.Build(set)
					clear(model)
					for _, e := range set {
						model[e.ID] = e.Fingerprint
					}
				}
				if op%tc.checkEach == 0 || op == tc.ops-1 {
					require.Equal(t, len(model), x.Len(), "op %d", op)
					set := make([]simhash.Entry, 0, len(model))
					for id, fp := range model {
						set = append(set, simhash.Entry{ID: id, Fingerprint: fp})
					}
					checkAgainstBrute(t, x, set, queries(rng, set, 6), 10)
				}
			}
			segs, tail := simhash.IndexStats(x)
			t.Logf("%d segments, tail %d: %v", len(segs), tail, segs)
		})
	}
}

// Readers query while writers add and remove. Fingerprints added before
// the start and never removed must be found by every query.
func TestIndexConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	base := clusteredEntries(rng, 5000)
	x := simhash.NewIndex(simhash.IndexOptions{})
	simhash.IndexTuning(x, 32, 4, 0, false)
	x.Build(base)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 9))
			for i := range 3000 {
				id := simhash.ID(1_000_000 + w*100_000 + r.IntN(2000))
				if i%3 == 2 {
					x.Remove(id)
				} else {
					x.Add(id, flipBits(r, base[r.IntN(len(base))].Fingerprint, r.IntN(5)))
				}
			}
		})
	}
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 10))
			var got []simhash.Match
			for range 1500 {
				e := base[r.IntN(len(base))]
				got = x.AppendQuery(got[:0], e.Fingerprint, r.IntN(7))
				found := slices.ContainsFunc(got, func(m simhash.Match) bool { return m.ID == e.ID })
				if !assert.True(t, found, "stored %d lost", e.ID) {
					return
				}
				_ = x.Len()
			}
		})
	}
	wg.Wait()
	assert.GreaterOrEqual(t, x.Len(), len(base))
}

// The radix sort of Build is a stable sort by ID.
func TestIndexBuildSortsStably(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{0, 1, 100, 255, 256, 5000} {
		for _, idBits := range []uint{3, 12, 40, 64} {
			entries := make([]simhash.Entry, n)
			model := map[simhash.ID]simhash.Fingerprint{}
			for i := range entries {
				id := simhash.ID(rng.Uint64() >> (64 - idBits))
				entries[i] = simhash.Entry{ID: id, Fingerprint: simhash.Fingerprint(rng.Uint64())}
				model[id] = entries[i].Fingerprint
			}
			var x simhash.Index
			x.Build(entries)
			require.Equal(t, len(model), x.Len())
			all := x.Query(0, 64)
			require.Len(t, all, len(model))
			for _, m := range all {
				require.Equal(t, model[m.ID], m.Fingerprint, "n=%d bits=%d", n, idBits)
			}
		}
	}
}
