package cli

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// The memory budget of a command (--max-memory): the Go runtime's soft
// memory limit, so that the collector works harder rather than let the
// heap grow past it, and the measure by which a command refuses work it
// cannot do within it.

// MachineMemory returns the memory the process may use: the machine's
// (MemTotal of /proc/meminfo) or its control group's limit, whichever
// is less; 0 if neither can be read (on systems other than Linux).
func MachineMemory() int64 {
	total := int64(0)
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil {
					total = kb << 10
				}
			}
		}
	}
	// cgroup v2, then v1; "max" or a huge number means no limit.
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
		break
	}
	return total
}

// DefaultMemory is the budget of a command when --max-memory is not
// given: three quarters of MachineMemory, the rest left to the system,
// the page cache and the memory the Go runtime does not count (a
// store's file mapped into memory); 0, no budget, if that is unknown.
func DefaultMemory() int64 { return MachineMemory() / 4 * 3 }

// memoryMargin is what the Go runtime's limit leaves of a budget for
// the memory it does not count or cannot give back at once: the
// program's code, thread stacks, the pages of a store file mapped into
// memory, the heap's fragments; a sixteenth of the budget, at least
// 64 MiB (measured: the resident memory of a run held to a limit is up
// to 5% above it).
func memoryMargin(budget int64) int64 { return max(budget/16, 64<<20) }

// LimitMemory sets the Go runtime's soft memory limit to budget, less
// memoryMargin; a budget of 0 leaves the runtime without a limit.
func LimitMemory(budget int64) {
	if budget <= 0 {
		return
	}
	debug.SetMemoryLimit(max(budget-memoryMargin(budget), budget/2))
}
