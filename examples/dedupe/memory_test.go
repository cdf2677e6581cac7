package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
	"github.com/neardup/neardup/internal/input"
)

// Work beyond --max-memory is refused as an input error, before any of
// it is done; the rest goes on.
func TestMaxMemoryRefuses(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	dir := t.TempDir()
	seed := fixture.Seed(t, seed0)
	long := fixture.Write(t, dir, "long.txt", strings.Repeat(seed+"\n\n", 10<<20/len(seed)))
	short := fixture.Write(t, dir, "short.txt", seed)

	// long.txt (10 MiB) needs about 12 bytes a byte and 32 MiB more:
	// 152 MiB.
	out := dedupeCmd(t, "--max-memory", "64MiB", "--format", "json", long, short)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "long.txt: too large: needs about 152 MiB")
	assert.Contains(t, out.stderr, "of memory, more than --max-memory 64 MiB")
	r := decodeBatch(t, out.stdout)
	require.Len(t, r.Documents, 1)
	assert.Equal(t, short, r.Documents[0].ID)
	require.Len(t, r.Errors, 1)

	out = dedupeCmd(t, "compare", "--max-memory", "1GiB", long, short)
	assert.Equal(t, cli.ExitOK, out.code, out.stderr)
	// Two of it: 272 MiB.
	out = dedupeCmd(t, "compare", "--max-memory", "200MiB", long, long)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "needs about 272 MiB of memory, more than --max-memory 200 MiB")

	db := filepath.Join(dir, "c.db")
	out = dedupeCmd(t, "index", "add", "--db", db, "--max-memory", "64MiB", long, short)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stdout, "Added 1 document")
	assert.Contains(t, out.stderr, "long.txt: too large")
	out = dedupeCmd(t, "index", "query", "--db", db, "--max-memory", "64MiB", long)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "long.txt: too large")

	out = dedupeCmd(t, "--max-memory", "-1", short)
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "max-memory")
}

// compare holds the runtime to the pair's estimated need when that is
// below the budget, and sets no limit without a budget.
func TestCompareHoldsToItsNeed(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	dir := t.TempDir()
	a, b := fixture.Seed(t, seed0), fixture.Seed(t, "001_04372fc662654fe5.txt")
	pa, pb := fixture.Write(t, dir, "a.txt", a), fixture.Write(t, dir, "b.txt", b)

	debug.SetMemoryLimit(math.MaxInt64)
	out := dedupeCmd(t, "compare", "--max-memory", "0", pa, pb)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1))

	out = dedupeCmd(t, "compare", "--max-memory", "1GiB", pa, pb)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	// The estimate beyond the heap in use: the test's own, a few MiB.
	limit := debug.SetMemoryLimit(-1)
	assert.GreaterOrEqual(t, limit, pairCost(len(a), len(b)))
	assert.Less(t, limit, pairCost(len(a), len(b))+64<<20)
}

// The batch job keeps every text to the end: texts past half the budget
// are refused.
func TestMaxMemoryHalfForTexts(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat(fixture.Seed(t, seed0)+"\n\n", 90) // 350 KB
	var paths []string
	for i := range 80 {
		paths = append(paths, fixture.Write(t, dir, fmt.Sprintf("%02d.txt", i), text))
	}
	budget := int64(48 << 20)
	require.NoError(t, overBudget(prepareCost(len(text)), budget), "each fits alone")
	var in inputFlags
	in.maxBytes = input.DefaultMaxBytes
	l := in.load(paths, budget, cli.NewProgress(cli.Env{Stderr: io.Discard}), "dedupe")
	docs, errs := l.docs, l.errs
	n := int(budget / 2 / int64(len(text)))
	assert.Len(t, docs, n)
	require.Len(t, errs, 80-n)
	assert.ErrorIs(t, errs[0], input.ErrTooLarge)
	assert.Contains(t, errs[0].Error(), "the texts read fill half of --max-memory 48 MiB")
	assert.Equal(t, paths[n], errs[0].Source)
}

func TestDefaultMemory(t *testing.T) {
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		t.Skip("no /proc/meminfo")
	}
	m := cli.MachineMemory()
	assert.Positive(t, m)
	assert.Equal(t, m/4*3, cli.DefaultMemory())
}
