package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
)

// The evaluation subcommands live in the eval command: to dedupe, "pan"
// is an input like any other.
func TestNoEvaluationSubcommands(t *testing.T) {
	out := dedupeCmd(t, "-h")
	require.Equal(t, cli.ExitOK, out.code)
	for _, sub := range []string{"dedupe pan", "pan-eval", "dedupe counter"} {
		assert.NotContains(t, out.stdout, sub)
	}
	out = dedupeCmd(t, "counter", "--dir", t.TempDir())
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "dedupe: flag provided but not defined: -dir")
}
