package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/internal/cli"
)

func TestRunDispatch(t *testing.T) {
	res := evalCmd(t, "-h")
	assert.Equal(t, cli.ExitOK, res.code)
	for _, sub := range []string{"eval pan ", "eval pan-eval ", "eval counter ", "eval judged ", "eval recall ", "eval ntrex "} {
		assert.Contains(t, res.stdout, sub)
	}

	res = evalCmd(t)
	assert.Equal(t, cli.ExitError, res.code)
	assert.Equal(t, "eval: no subcommand: want pan, pan-eval, counter, judged, recall or ntrex\nRun 'eval -h' for usage.\n", res.stderr)

	// The batch job and compare are dedupe's, not eval's.
	res = evalCmd(t, "compare", "a", "b")
	assert.Equal(t, cli.ExitError, res.code)
	assert.Contains(t, res.stderr, `eval: unknown subcommand "compare"`)
}
