package pgtest

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childEnv marks this test binary run again by TestBaseWithoutServer.
const childEnv = "NEARDUP_PGTEST_CHILD"

// TestBaseChild is run only as a child of TestBaseWithoutServer: it asks
// for the server, as every test of the corpus in PostgreSQL does.
func TestBaseChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("run by TestBaseWithoutServer")
	}
	Base(t)
}

// Without a server a test that needs one skips with the line that says
// how to run it, and under CI=true it fails: a skip there would pass a
// run in which nothing was tested.
func TestBaseWithoutServer(t *testing.T) {
	run := func(ci string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBaseChild$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"=1", EnvURL+"=", "CI="+ci)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("")
	require.NoError(t, err, out)
	assert.Contains(t, out, "--- SKIP: TestBaseChild")
	assert.Contains(t, out, Skip)

	out, err = run("true")
	require.Error(t, err, out)
	assert.Contains(t, out, "--- FAIL: TestBaseChild")
	assert.Contains(t, out, "CI=true but "+EnvURL+" is not set")
}
