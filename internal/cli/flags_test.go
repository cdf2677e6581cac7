package cli

import (
	"bytes"
	"flag"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFlags(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	v := fs.Bool("v", false, "")
	n := fs.Int("n", 0, "")
	pos, err := ParseFlags(fs, []string{"a", "-v", "b", "--n", "3", "--", "-c", "--n"}, "", Env{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "-c", "--n"}, pos)
	assert.True(t, *v)
	assert.Equal(t, 3, *n)
}

func TestParseNoArgs(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := Env{Stdout: &stdout, Stderr: &stderr}
	newFS := func() *flag.FlagSet {
		fs := flag.NewFlagSet("x y", flag.ContinueOnError)
		fs.String("dir", "", "`directory` to read")
		return fs
	}

	code, ok := ParseNoArgs(newFS(), []string{"--dir", "d"}, "usage\n", e, "x y", "the input is --dir")
	assert.True(t, ok)
	assert.Equal(t, 0, code)

	code, ok = ParseNoArgs(newFS(), []string{"--dir", "d", "extra"}, "usage\n", e, "x y", "the input is --dir")
	assert.False(t, ok)
	assert.Equal(t, ExitError, code)
	assert.Equal(t, "x y: unexpected argument \"extra\": the input is --dir\nRun 'x y -h' for usage.\n", stderr.String())

	stderr.Reset()
	code, ok = ParseNoArgs(newFS(), []string{"--nope"}, "usage\n", e, "x y", "")
	assert.False(t, ok)
	assert.Equal(t, ExitError, code)
	assert.True(t, strings.HasPrefix(stderr.String(), "x y: flag provided but not defined: -nope\n"), stderr.String())

	code, ok = ParseNoArgs(newFS(), []string{"-h"}, "usage\n", e, "x y", "")
	assert.False(t, ok)
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, "usage\n\nFlags (one or two dashes; flags may follow the inputs):\n  --dir directory\n        directory to read\n", stdout.String())
}

func TestFormatFlag(t *testing.T) {
	f := NewFormat("text", "json")
	require.NoError(t, f.Set("json"))
	assert.Equal(t, "json", f.String())
	assert.Error(t, f.Set("xml"))
	assert.Equal(t, "json", f.String())
}

func TestSizeFlag(t *testing.T) {
	for in, want := range map[string]int64{"1000": 1000, "500KiB": 500 << 10, "64MiB": 64 << 20, "2 GiB": 2 << 30, "10MB": 10e6, "3kB": 3000, "7B": 7} {
		var s SizeFlag
		require.NoError(t, s.Set(in), in)
		assert.Equal(t, want, int64(s), in)
	}
	for _, in := range []string{"", "x", "-1", "1.5MiB", "9999999999GiB"} {
		var s SizeFlag
		assert.Error(t, s.Set(in), in)
	}
	s := SizeFlag(64 << 20)
	assert.Equal(t, "64MiB", s.String())
	s = 1000
	assert.Equal(t, "1000", s.String())
}

func TestWorkersFlag(t *testing.T) {
	var w WorkersFlag
	assert.Equal(t, runtime.GOMAXPROCS(0), w.N(), "0 is one per core")
	require.NoError(t, w.Set("3"))
	assert.Equal(t, 3, w.N())
	for _, bad := range []string{"-1", "1025", "two", ""} {
		assert.ErrorContains(t, w.Set(bad), "--workers must be from 0 to 1024", bad)
	}
	assert.Equal(t, "3", w.String())
}
