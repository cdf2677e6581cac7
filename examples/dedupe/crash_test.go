//go:build linux

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

// buildDedupe builds the command, for the tests that need a process.
func buildDedupe(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	exe := filepath.Join(t.TempDir(), "dedupe")
	out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput()
	require.NoError(t, err, string(out))
	return exe
}

// A run whose worker is killed (as the kernel's out-of-memory killer
// does) or dies of its own crash exits 3, not 2 (an input that failed).
func TestCrashHasItsOwnStatus(t *testing.T) {
	exe := buildDedupe(t)
	dir := t.TempDir()
	long := fixture.Write(t, dir, "long.txt", strings.Repeat(fixture.Seed(t, seed0)+"\n\n", 20<<20/3730))
	cmd := exec.Command(exe, long)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	var child string
	for range 100 {
		out, _ := exec.Command("pgrep", "-P", fmt.Sprint(cmd.Process.Pid)).Output()
		if child = strings.TrimSpace(string(out)); child != "" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	require.NotEmpty(t, child, "the worker started")
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, exec.Command("kill", "-KILL", child).Run())
	err := cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, cli.ExitCrash, ee.ExitCode())
	assert.Contains(t, stderr.String(), "dedupe: the run crashed (signal: killed)")

	// An input that fails is still 2, and done is 0.
	err = exec.Command(exe, fixture.Write(t, dir, "bad.json", "{not json")).Run()
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, cli.ExitError, ee.ExitCode())
	assert.NoError(t, exec.Command(exe, seedsDir).Run())
}

// A signal reaches the command, and ends the watching process with the
// shell's status for it; no child outlives its parent.
func TestSignalsReachTheCommand(t *testing.T) {
	exe := buildDedupe(t)
	long := fixture.Write(t, t.TempDir(), "long.txt", strings.Repeat(fixture.Seed(t, seed0)+"\n\n", 20<<20/3730))
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		cmd := exec.Command(exe, long)
		require.NoError(t, cmd.Start())
		time.Sleep(300 * time.Millisecond)
		require.NoError(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		var ee *exec.ExitError
		require.True(t, errors.As(err, &ee), "%v", err)
		if sig == syscall.SIGTERM {
			assert.Equal(t, 128+int(sig), ee.ExitCode())
		}
		time.Sleep(200 * time.Millisecond)
		out, _ := exec.Command("pgrep", "-f", exe).Output()
		assert.Empty(t, strings.TrimSpace(string(out)), "the worker outlived %v", sig)
	}
	_ = os.Remove(long)
}
