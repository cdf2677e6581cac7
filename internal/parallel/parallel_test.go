package parallel_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/internal/parallel"
)

func TestForVisitsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000, 10_000} {
		for _, workers := range []int{0, 1, 3, 5000} {
			seen := make([]atomic.Int32, n)
			var done atomic.Int64
			maxW := atomic.Int64{}
			parallel.For(n, workers, func(w, i int) {
				seen[i].Add(1)
				for {
					m := maxW.Load()
					if int64(w) <= m || maxW.CompareAndSwap(m, int64(w)) {
						break
					}
				}
			}, func(k int) { done.Add(int64(k)) })
			for i := range seen {
				assert.Equal(t, int32(1), seen[i].Load(), "n=%d workers=%d i=%d", n, workers, i)
			}
			assert.Equal(t, int64(n), done.Load(), "progress counts every index")
			if n > 0 {
				assert.Less(t, maxW.Load(), int64(parallel.Workers(workers)), "worker numbers in range")
			}
		}
	}
}

func TestWorkers(t *testing.T) {
	assert.Equal(t, runtime.GOMAXPROCS(0), parallel.Workers(0))
	assert.Equal(t, 3, parallel.Workers(3))
	assert.Equal(t, parallel.MaxWorkers, parallel.Workers(1<<20))
}

func TestRangesCoverOnce(t *testing.T) {
	for _, n := range []int{1, 2, 9, 65536} {
		for _, workers := range []int{1, 2, 8, 100} {
			seen := make([]atomic.Int32, n)
			parallel.Ranges(n, workers, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
			})
			for i := range seen {
				assert.Equal(t, int32(1), seen[i].Load(), "n=%d workers=%d", n, workers)
			}
		}
	}
}
