package neardup

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// marksPerDoc is the mean number of winnowed marks of a SaudiNewsNet
// article (package index documentation).
const marksPerDoc = 83

// buildStore writes a store of n synthetic documents the way a Corpus
// would, without preparing texts: clustered fingerprints (stories of a
// few copies a few bits apart), 83 marks each drawn from a vocabulary
// where a fifth of the marks are shared with other documents, and a
// short text.
func buildStore(tb testing.TB, path string, n int) {
	tb.Helper()
	s, err := store.Open(path)
	require.NoError(tb, err)
	defer s.Close()
	stamp, err := Default.Pipeline().Stamp()
	require.NoError(tb, err)
	require.NoError(tb, s.SetMeta("config", []byte(stamp)))
	r := rand.New(rand.NewPCG(1, uint64(n)))
	const batch = 10_000
	var story uint64
	for start := 0; start < n; start += batch {
		recs := make([]store.Record, 0, batch)
		texts := make([]string, 0, batch)
		for i := start; i < min(start+batch, n); i++ {
			if r.IntN(4) == 0 {
				story = r.Uint64()
			}
			fp := story
			for range r.IntN(4) {
				fp ^= 1 << r.IntN(64)
			}
			marks := make([]uint64, marksPerDoc)
			for k := range marks {
				if r.IntN(5) == 0 {
					marks[k] = uint64(r.IntN(n * 4)) // shared
				} else {
					marks[k] = r.Uint64()
				}
			}
			recs = append(recs, store.Record{Num: uint32(i), ID: fmt.Sprintf("doc-%08d", i),
				Fingerprint: simhash.Fingerprint(fp), HasFingerprint: true, Marks: marks})
			texts = append(texts, "نص")
		}
		require.NoError(tb, s.Put(recs, texts))
	}
}

// noSnapshots hides a store's snapshots, so that OpenStore rebuilds the
// shingle index from the marks: the baseline.
type noSnapshots struct{ store.Store }

// BenchmarkOpen measures opening stores of synthetic documents: reading
// IDs and fingerprints, building the Hamming index, and loading the
// shingle index from its snapshot ("snapshot") or rebuilding it from the
// stored marks ("rebuild", the baseline). The store of a million
// documents (about 1.5 GB) is built only when NEARDUP_BENCH_1M is set:
//
//	NEARDUP_BENCH_1M=1 go test -run '^$' -bench Open -benchtime 3x -timeout 60m .
func BenchmarkOpen(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("NEARDUP_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		path := filepath.Join(b.TempDir(), "bench.db")
		buildStore(b, path, n)
		c, err := Open(path, Default) // rebuilds, and Close writes the snapshot
		require.NoError(b, err)
		require.NoError(b, c.Close())
		b.Run(fmt.Sprintf("docs=%d/snapshot", n), func(b *testing.B) {
			for b.Loop() {
				c, err := Open(path, Default)
				require.NoError(b, err)
				require.Equal(b, n, c.Len())
				require.False(b, c.dirty)
				require.NoError(b, c.Close())
			}
		})
		b.Run(fmt.Sprintf("docs=%d/rebuild", n), func(b *testing.B) {
			for b.Loop() {
				s, err := store.Open(path)
				require.NoError(b, err)
				c, err := OpenStore(noSnapshots{s}, Default)
				require.NoError(b, err)
				require.Equal(b, n, c.Len())
				require.NoError(b, c.Close())
			}
		})
	}
}
