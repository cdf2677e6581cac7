package simhash_test

// The Index benchmarks, with the brute-force scan as the baseline. The
// README's figures come from:
//
//	go test -run '^$' -bench 'Index|BruteForce' -benchmem -count 5 ./simhash/ | tee index.bench
//	~/go/bin/benchstat index.bench
//
// Each query benchmark times every query and reports the median (p50-ns)
// and 99th percentile (p99-ns) besides the mean (ns/op), and the matches
// per query; its B/op is the harness's latency log, not the query. The
// build benchmark reports MemoryBytes per fingerprint (B/fp) and in all
// (index-bytes). The sets take about 20 s to set up (the realnews set
// only if ../shared holds SaudiNewsNet); -short skips them.

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/neardup/neardup/simhash"
)

const benchN = 1_000_000

type benchSet struct {
	entries []simhash.Entry
	index   *simhash.Index
	queries []simhash.Fingerprint
}

var (
	benchSetsOnce sync.Once
	benchSets     map[string]*benchSet
)

// loadBenchSets builds the million-fingerprint sets once per run: uniform
// random fingerprints; clustered ones shaped like a news stream; and,
// when ../shared holds SaudiNewsNet, real ones: its 30,706 article
// fingerprints, each then copied with 0..6 bits flipped until there are
// a million (stories of about 33 copies, with real bit biases).
func loadBenchSets(b *testing.B) map[string]*benchSet {
	if testing.Short() {
		b.Skip("1M benchmarks skipped in -short mode")
	}
	benchSetsOnce.Do(func() {
		rng := rand.New(rand.NewPCG(2024, 7))
		sets := map[string][]simhash.Entry{
			"uniform":   uniformEntries(rng, benchN),
			"clustered": clusteredEntries(rng, benchN),
		}
		if real := realFingerprints(skipless{b}, 1<<30); len(real) > 0 {
			e := make([]simhash.Entry, benchN)
			for i := range e {
				f := real[i%len(real)]
				if i >= len(real) {
					f = flipBits(rng, real[rng.IntN(len(real))], rng.IntN(7))
				}
				e[i] = simhash.Entry{ID: simhash.ID(i), Fingerprint: f}
			}
			rng.Shuffle(len(e), func(i, j int) { e[i].Fingerprint, e[j].Fingerprint = e[j].Fingerprint, e[i].Fingerprint })
			sets["realnews"] = e
			benchSetNames = append(benchSetNames, "realnews")
		}
		benchSets = map[string]*benchSet{}
		for name, entries := range sets {
			x := simhash.NewIndex(simhash.IndexOptions{})
			x.Build(entries)
			benchSets[name] = &benchSet{entries, x, queries(rng, entries, 4096)}
		}
	})
	return benchSets
}

var benchSetNames = []string{"uniform", "clustered"}

// skipless turns a Skip into doing nothing, so that realFingerprints
// returns nothing instead of skipping a benchmark when ../shared is
// absent.
type skipless struct{ testing.TB }

func (skipless) Skip(...any) {}

func BenchmarkIndexBuild1M(b *testing.B) {
	sets := loadBenchSets(b)
	for _, name := range benchSetNames {
		set := sets[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var x simhash.Index
			for b.Loop() {
				x.Build(set.entries)
			}
			b.ReportMetric(float64(x.MemoryBytes())/float64(x.Len()), "B/fp")
			b.ReportMetric(float64(x.MemoryBytes()), "index-bytes")
			segs, _ := simhash.IndexStats(&x)
			b.Logf("%v", segs)
		})
	}
}

func BenchmarkIndexQuery1M(b *testing.B) {
	sets := loadBenchSets(b)
	for _, name := range benchSetNames {
		set := sets[name]
		for k := range 9 {
			b.Run(name+"/k="+strconv.Itoa(k), func(b *testing.B) {
				benchQueries(b, set.queries, func(dst []simhash.Match, q simhash.Fingerprint) []simhash.Match {
					return set.index.AppendQuery(dst, q, k)
				})
			})
		}
	}
}

// benchQueries runs query over qs in turn, timing each call.
func benchQueries(b *testing.B, qs []simhash.Fingerprint, query func([]simhash.Match, simhash.Fingerprint) []simhash.Match) {
	b.ReportAllocs()
	var (
		dst     []simhash.Match
		lat     []time.Duration
		matches int
	)
	for b.Loop() {
		q := qs[len(lat)%len(qs)]
		t0 := time.Now()
		dst = query(dst[:0], q)
		lat = append(lat, time.Since(t0))
		matches += len(dst)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(matches)/float64(len(lat)), "matches/op")
}

// BenchmarkBruteForce1M is the baseline: one popcount per stored
// fingerprint, at distance 6 (the distance hardly matters).
func BenchmarkBruteForce1M(b *testing.B) {
	sets := loadBenchSets(b)
	for _, name := range benchSetNames {
		set := sets[name]
		ids := make([]simhash.ID, len(set.entries))
		fps := make([]simhash.Fingerprint, len(set.entries))
		for i, e := range set.entries {
			ids[i], fps[i] = e.ID, e.Fingerprint
		}
		b.Run(name, func(b *testing.B) {
			benchQueries(b, set.queries, func(dst []simhash.Match, q simhash.Fingerprint) []simhash.Match {
				for i, f := range fps {
					if d := bits.OnesCount64(uint64(f ^ q)); d <= 6 {
						dst = append(dst, simhash.Match{ID: ids[i], Fingerprint: f, Distance: d})
					}
				}
				return dst
			})
		})
	}
}

// BenchmarkIndexAdd1M adds clustered fingerprints one by one to an index
// that already holds a million: the amortized cost of flushes and merges.
func BenchmarkIndexAdd1M(b *testing.B) {
	sets := loadBenchSets(b)
	set := sets["clustered"]
	var x simhash.Index
	x.Build(set.entries)
	rng := rand.New(rand.NewPCG(1, 2))
	id := simhash.ID(benchN)
	b.ReportAllocs()
	for b.Loop() {
		x.Add(id, flipBits(rng, set.entries[rng.IntN(benchN)].Fingerprint, rng.IntN(7)))
		id++
	}
	b.ReportMetric(float64(x.MemoryBytes())/float64(x.Len()), "B/fp")
}

// BenchmarkIndexQueryIncremental1M queries an index grown by a million
// single Adds, so with several segments and a tail, not one bulk build.
func BenchmarkIndexQueryIncremental1M(b *testing.B) {
	sets := loadBenchSets(b)
	set := sets["clustered"]
	var x simhash.Index
	for _, e := range set.entries {
		x.Add(e.ID, e.Fingerprint)
	}
	segs, tail := simhash.IndexStats(&x)
	fmt.Printf("segments %v, tail %d\n", segs, tail)
	for _, k := range []int{3, 6} {
		b.Run("clustered/k="+strconv.Itoa(k), func(b *testing.B) {
			benchQueries(b, set.queries, func(dst []simhash.Match, q simhash.Fingerprint) []simhash.Match {
				return x.AppendQuery(dst, q, k)
			})
		})
	}
}
