// Package parallel runs loops on a pool of goroutines: the one worker
// pool of the module, for the corpus, the indexes and the command.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// MaxWorkers bounds a pool: the work is CPU-bound, and each worker runs
// on an OS thread of its own, of which the Go runtime allows 10,000.
const MaxWorkers = 1024

// Workers returns the size of a pool asked for n workers: n within
// [1, MaxWorkers], or one per core (runtime.GOMAXPROCS) for n ≤ 0.
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return min(n, MaxWorkers)
}

// For calls fn(w, i) for every i in [0, n) on Workers(workers)
// goroutines, w being the worker's number, so that fn can keep scratch
// space per worker. Indices are handed out in small chunks in
// increasing order; after each chunk, done (if not nil) is called with
// its length, for progress. Results must be stored by index: the order
// in which the calls run is not deterministic, what they compute must
// not depend on it.
func For(n, workers int, fn func(w, i int), done func(k int)) {
	if n <= 0 {
		return
	}
	workers = max(1, min(Workers(workers), n))
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

// Ranges splits [0, n) into one range per worker, at most workers of
// them (Workers(workers)), and calls f on each at once.
func Ranges(n, workers int, f func(lo, hi int)) {
	p := max(1, min(Workers(workers), n))
	if p == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + p - 1) / p
	for lo := 0; lo < n; lo += step {
		wg.Go(func() { f(lo, min(lo+step, n)) })
	}
	wg.Wait()
}
