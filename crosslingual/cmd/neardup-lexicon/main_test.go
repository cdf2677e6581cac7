package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/cli"
)

// writeDictd writes a dictd database of entries at base, as FreeDict's
// are laid out: the index names each entry's offset and length in base
// 64.
func writeDictd(t *testing.T, base string, entries []string) {
	t.Helper()
	var text, index strings.Builder
	info := "00-database-info\nA test dictionary\n"
	index.WriteString("00databaseinfo\t" + b64(0) + "\t" + b64(len(info)) + "\n")
	text.WriteString(info)
	for _, e := range entries {
		head := strings.SplitN(e, " ", 2)[0]
		index.WriteString(head + "\t" + b64(text.Len()) + "\t" + b64(len(e)) + "\n")
		text.WriteString(e)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err := zw.Write([]byte(text.String()))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(base+".index", []byte(index.String()), 0o644))
	require.NoError(t, os.WriteFile(base+".dict.dz", z.Bytes(), 0o644))
}

func b64(n int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var s []byte
	for ; n > 0; n /= 64 {
		s = append([]byte{digits[n%64]}, s...)
	}
	return string(s)
}

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, cli.Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestBuild(t *testing.T) {
	dir := t.TempDir()
	muse := filepath.Join(dir, "en-ar.txt")
	require.NoError(t, os.WriteFile(muse, []byte("hospital مستشفى\nمستشفيات @ hospitals\nriver\tنهر\nthe ال\n"), 0o644))
	writeDictd(t, filepath.Join(dir, "freedict-eng-ara"), []string{
		"Army /ˈɑːmi/\n1. جيش\n2. الجيش النظامي\n",
		"Flood /flʌd/\nفيضان - ماء كثير\n",
	})
	writeDictd(t, filepath.Join(dir, "freedict-ara-eng"), []string{"نهر /nahr/\n1. river\n2. stream\n"})
	out := filepath.Join(dir, "en-ar.lex")
	code, stdout, stderr := runCmd("--muse", muse, "--freedict", filepath.Join(dir, "freedict-eng-ara"),
		"--freedict", filepath.Join(dir, "freedict-ara-eng"), "--out", out)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "MUSE en-ar.txt: 4 lines, 3 pairs taken")
	assert.Contains(t, stdout, "FreeDict freedict-eng-ara: 2 entries, 2 pairs taken")
	assert.Contains(t, stdout, "FreeDict freedict-ara-eng: 1 entries, 2 pairs taken")
	lex, err := crosslingual.LoadLexicon(out)
	require.NoError(t, err)
	assert.Equal(t, 5, lex.Len()) // hospital (from both lines), river (from both dictionaries), army, flood, stream
	first, err := os.ReadFile(out)
	require.NoError(t, err)
	code, _, _ = runCmd("--muse", muse, "--freedict", filepath.Join(dir, "freedict-eng-ara"),
		"--freedict", filepath.Join(dir, "freedict-ara-eng"), "--out", out)
	require.Equal(t, cli.ExitOK, code)
	again, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(first), string(again), "the same sources give the same file")
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCmd("--out", filepath.Join(dir, "x.lex"))
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "no dictionary")
	code, _, stderr = runCmd("--muse", "x")
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "--out is required")
	code, _, stderr = runCmd("--muse", filepath.Join(dir, "missing.txt"), "--out", filepath.Join(dir, "x.lex"))
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "missing.txt")
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("one two three\n"), 0o644))
	code, _, stderr = runCmd("--muse", bad, "--out", filepath.Join(dir, "x.lex"))
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "line 1: not a pair of words")
	code, _, stderr = runCmd("--freedict", filepath.Join(dir, "nothing"), "--out", filepath.Join(dir, "x.lex"))
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "nothing.index")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.index"), []byte("word\t!!\tB\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.dict.dz"), gz(t, "x"), 0o644))
	code, _, stderr = runCmd("--freedict", filepath.Join(dir, "d"), "--out", filepath.Join(dir, "x.lex"))
	assert.Equal(t, cli.ExitError, code)
	assert.Contains(t, stderr, "index line 1: bad offset")
}

func gz(t *testing.T, s string) []byte {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return z.Bytes()
}

func TestBase64Number(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 4095, 1 << 20} {
		got, err := base64Number(b64(n))
		require.NoError(t, err)
		assert.Equal(t, n, got)
	}
	_, err := base64Number("")
	assert.Error(t, err)
	_, err = base64Number("AAAAAAAAA")
	assert.Error(t, err)
}

// FreeDict entries: however malformed, reading never fails or panics,
// and a pair is taken only where both sides are single words.
func FuzzAddEntry(f *testing.F) {
	f.Add("Army /ˈɑːmi/\n1. جيش\n2. الجيش النظامي\n")
	f.Add("نهر /nahr/\nriver - a stream\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, entry string) {
		lex := crosslingual.NewLexicon()
		n := addEntry(entry, lex)
		assert.LessOrEqual(t, lex.Len(), n, "every pair taken is counted")
	})
}
