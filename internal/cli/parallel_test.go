package cli

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParallel(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		hits := make([]int, n)
		var done atomic.Int64
		Parallel(n, 3, func(w, i int) {
			assert.Less(t, w, 3)
			hits[i]++
		}, func(k int) { done.Add(int64(k)) })
		for i := range hits {
			assert.Equal(t, 1, hits[i])
		}
		assert.Equal(t, int64(n), done.Load())
	}
}
