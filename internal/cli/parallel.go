package cli

import (
	"sync"
	"sync/atomic"
)

// MaxWorkers bounds --workers: the work is CPU-bound, and each worker
// runs on an OS thread of its own, of which the Go runtime allows 10,000.
const MaxWorkers = 1024

// Parallel calls fn(w, i) for every i in [0, n) on a pool of workers
// goroutines, w being the worker's number in [0, workers), so that fn can
// keep scratch space per worker. Indices are handed out in small chunks
// in increasing order; after each chunk, done is called with its length
// (for progress). Results must be stored by index: the order in which
// the calls run is not deterministic, what they compute must not depend
// on it. Every command's parallel stages share it, so that none needs
// its own pool.
func Parallel(n, workers int, fn func(w, i int), done func(k int)) {
	if n <= 0 {
		return
	}
	workers = max(1, min(workers, n))
	// Chunks small enough to balance uneven work, large enough to keep
	// the shared counter cool.
	chunk := max(1, min(64, n/(workers*32)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(int64(chunk))) - chunk
				if start >= n {
					return
				}
				end := min(start+chunk, n)
				for i := start; i < end; i++ {
					fn(w, i)
				}
				if done != nil {
					done(end - start)
				}
			}
		})
	}
	wg.Wait()
}
