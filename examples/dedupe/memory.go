package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// The memory budget (--max-memory): what the work on a document costs,
// measured, and the refusal of work that would not fit.

// Measured peaks, with the collector held to the live heap (GOMEMLIMIT
// far below them; go test -run TestMemoryOfLongDocuments -v . in the
// module root): preparing and adding a text takes about 10.5 bytes a
// byte of it (an 8 MB one 86 MB), comparing two texts, both prepared
// and aligned, about 7.5 to 9 bytes a byte of the two (two of 8 MB of
// shuffled words, 126 MB); 12 leaves a margin for both. A little more is
// counted for the program itself.
const (
	prepareBytesPerByte = 12
	pairBytesPerByte    = 12
	baseBytes           = 32 << 20
)

// prepareCost estimates the peak memory of preparing a text of n bytes.
func prepareCost(n int) int64 { return prepareBytesPerByte*int64(n) + baseBytes }

// pairCost estimates the peak memory of comparing texts of a and b
// bytes.
func pairCost(a, b int) int64 { return pairBytesPerByte*int64(a+b) + baseBytes }

// holdTo sets the Go runtime's soft memory limit to need, the estimated
// peak of work known in advance (one pair), beyond the heap already in
// use (the texts read, all of them if the pair was picked by --id), if
// that is below budget: Go's collector otherwise lets the heap grow to
// twice what was live at its last cycle, and most of a long pair's
// memory is arrays without pointers, which a cycle marks at little
// cost. An estimate short of the work only makes the collector run more
// often. No budget (0) sets no limit.
func holdTo(need, budget int64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if limit := need + int64(ms.HeapAlloc); budget > 0 && limit < budget {
		debug.SetMemoryLimit(limit)
	}
}

// overBudget returns the input error of work needing need bytes of
// memory, or nil if it fits budget (0: no budget).
func overBudget(need, budget int64) error {
	if budget <= 0 || need <= budget {
		return nil
	}
	return fmt.Errorf("%w: needs about %s of memory, more than --max-memory %s", input.ErrTooLarge, sizeString(need), sizeString(budget))
}

// sizeString writes n bytes for people, in MiB or GiB.
func sizeString(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

// budgetOf returns the budget of f: its --max-memory, and applies it
// to the Go runtime.
func (f *inputFlags) budget() int64 {
	b := int64(f.maxMemory)
	cli.LimitMemory(b)
	return b
}
