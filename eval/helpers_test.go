package main

import (
	"strings"
	"testing"

	"github.com/neardup/neardup/internal/cli"
)

// The fixtures are made of the seed articles (internal/fixture), as
// dedupe's tests are.

// seed0 is the seed article most fixtures are made of.
const seed0 = "000_eac66a7c9ec40e0f.txt"

// outcome is what one run of the command printed and returned.
type outcome struct {
	stdout, stderr string
	code           int
}

// evalCmd runs the command in-process with args. Without progress bars
// only the calling goroutine writes, so plain builders do.
func evalCmd(t testing.TB, args ...string) outcome {
	t.Helper()
	var stdout, stderr strings.Builder
	code := run(args, cli.Env{Stdout: &stdout, Stderr: &stderr})
	return outcome{stdout.String(), stderr.String(), code}
}
