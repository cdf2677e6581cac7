//go:build unix

package input

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A FIFO would block a reader forever; it must be reported instead.
func TestFIFONotRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	write(t, dir, "z.txt", "after the pipe")

	for _, args := range [][]string{{dir}, {fifo, filepath.Join(dir, "z.txt")}} {
		docs, errs := collect(t, args, Options{})
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], ErrNotRegular)
		assert.Equal(t, fifo, errs[0].Source)
		assert.Equal(t, []string{"after the pipe"}, texts(docs))
	}
}
