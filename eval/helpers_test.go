package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
)

// The fixtures are made of the seed articles, as dedupe's tests are
// (examples/dedupe/helpers_test.go has the same small helpers).
const seedsDir = "../testdata/seeds"

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

// keysOf returns the keys of the JSON object s in the order written.
func keysOf(t testing.TB, s string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}

func readSeed(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, name))
	require.NoError(t, err)
	return string(b)
}

func write(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// paragraphs returns the non-blank paragraphs of s, as they are in s.
func paragraphs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, "\n\n") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// respell adds harakat and tatweel to Arabic text: spelling variants
// that normalization folds away.
func respell(s string) string {
	return strings.NewReplacer("ال", "الـ", "ك", "كَ", "م", "مُ", "ب", "بِ").Replace(s)
}
