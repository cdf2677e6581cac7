package neardup_test

import (
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
)

// peakHeap runs fn and returns the most heap it held beyond what was
// held before, sampled every millisecond with the collector run at
// every 10% of growth, so that the heap stays near what is live.
func peakHeap(fn func()) int64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := int64(ms.HeapAlloc)
	var peak atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if h := int64(ms.HeapAlloc) - base; h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// longText returns n bytes of the seeds' words in a random order.
func longText(t testing.TB, n int, seed uint64) string {
	var words []string
	for _, s := range seeds(t) {
		words = append(words, strings.Fields(s)...)
	}
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(" \n"[r.IntN(2)])
	}
	return b.String()
}

// The memory of long documents through the pipeline is a small
// multiple of their size, the multiples dedupe's --max-memory counts by
// (examples/dedupe/memory.go): preparing and adding one about 10.5 bytes
// a byte, preparing and comparing two 7.5 to 9 bytes a byte of both;
// the test holds both to 12. The texts are the seeds' words shuffled,
// the shape of the hostile inputs of tools/hostile: nearly every window
// of one occurs in the other, so no filter spares alignment any work.
func TestMemoryOfLongDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("prepares 24 MB of text")
	}
	const n = 8 << 20
	text := longText(t, n, 1)
	peak := peakHeap(func() {
		c := neardup.NewCorpus(neardup.Config{Settings: neardup.Default.Settings, Radius: neardup.DefaultRadius, CacheBytes: -1})
		require.NoError(t, c.Add("long", text))
	})
	t.Logf("Corpus.Add of %d bytes: %.1f bytes a byte", n, float64(peak)/n)
	assert.Less(t, peak, int64(12*n))

	a, b := longText(t, n, 2), longText(t, n, 3)
	peak = peakHeap(func() {
		_, err := neardup.Compare(a, b)
		require.NoError(t, err)
	})
	t.Logf("Compare of 2 × %d bytes: %.1f bytes a byte", len(a), float64(peak)/float64(len(a)+len(b)))
	assert.Less(t, peak, int64(12*(len(a)+len(b))))
}
