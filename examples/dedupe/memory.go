package main

import (
	"fmt"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// The memory budget (--max-memory): what the work on a document costs,
// measured, and the refusal of work that would not fit.

// Measured peaks, with the collector held to the live heap (GOMEMLIMIT
// far below them): preparing a text takes about 20 bytes a byte of it
// (a 64 MiB text 1.33 GB, an 8 MB one 160 MB); comparing two texts,
// both prepared and aligned, about 72 bytes a byte of the two (two of
// 16 MB, 2.3 GB). A little more is counted for the program itself.
const (
	prepareBytesPerByte = 20
	pairBytesPerByte    = 72
	baseBytes           = 32 << 20
)

// prepareCost estimates the peak memory of preparing a text of n bytes.
func prepareCost(n int) int64 { return prepareBytesPerByte*int64(n) + baseBytes }

// pairCost estimates the peak memory of comparing texts of a and b
// bytes.
func pairCost(a, b int) int64 { return pairBytesPerByte*int64(a+b) + baseBytes }

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
