package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Inputs made to cost: blank lines by the million, archives that inflate
// far beyond their size, names that are not text.

// blankZip returns a zip archive of one JSON Lines member made of n
// line breaks, with a document before and after them.
func blankZip(t testing.TB, n int) []byte {
	body := `{"id":"first","text":"a"}` + "\n" + strings.Repeat("\n", n) + " \t\r\n" + `{"id":"last","text":"b"}` + "\n"
	return zipData(t, member{"blank.jsonl", body})
}

// Blank lines cost their scan: 64 MiB of line breaks read in well under
// a second (the 256 MiB took 48 s when each line paid a message
// before its blank check), and the lines after them keep their numbers.
func TestBlankLinesAreCheap(t *testing.T) {
	const n = 64 << 20
	data := blankZip(t, n)
	var (
		docs []Document
		errs []error
	)
	// What a line costs is counted in allocations, not timed (the speed
	// is BenchmarkBlankLines'): a message made for each of 64 Mi blank
	// lines, as before, would be tens of millions.
	allocs := testing.AllocsPerRun(1, func() { docs, errs = readBytes("f.zip", data, Options{}) })
	require.Empty(t, errs)
	require.Len(t, docs, 2)
	assert.Equal(t, "f.zip!blank.jsonl:1", docs[0].Source)
	assert.Equal(t, fmt.Sprintf("f.zip!blank.jsonl:%d", n+3), docs[1].Source)
	t.Logf("%.0f allocations", allocs)
	assert.Less(t, allocs, float64(n/1000), "allocations for %d blank lines", n)

	// An error after blank lines has its line and offset right.
	body := strings.Repeat(" \n", 70000) + "{bad\n"
	_, errs = readBytes("f.jsonl", []byte(body), Options{})
	require.Len(t, errs, 1)
	ie := errs[0].(*InputError)
	assert.Equal(t, 70001, ie.Line)
	assert.Equal(t, int64(2*70000+1), ie.Offset)
}

func BenchmarkBlankLines(b *testing.B) {
	data := blankZip(b, 256<<20)
	b.SetBytes(256 << 20)
	for b.Loop() {
		if docs, errs := readBytes("f.zip", data, Options{}); len(docs) != 2 || len(errs) != 0 {
			b.Fatal(docs, errs)
		}
	}
}

// An archive stops being read once it has inflated MaxArchiveBytes,
// nested archives counting toward it, with one error naming the
// member that went over.
func TestArchiveLimit(t *testing.T) {
	big := strings.Repeat("نص ", 2000) // 6 KB a member
	var members []member
	for i := range 10 {
		members = append(members, member{fmt.Sprintf("%02d.txt", i), big})
	}
	dir := t.TempDir()
	p := write(t, dir, "a.zip", string(zipData(t, members...)))
	docs, errs := collect(t, []string{p}, Options{MaxArchiveBytes: 4*int64(len(big)) + 100})
	assert.Equal(t, []string{p + "!00.txt", p + "!01.txt", p + "!02.txt", p + "!03.txt"}, sources(docs))
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrTooLarge)
	assert.Equal(t, p+"!04.txt", errs[0].Source)
	assert.Contains(t, errs[0].Error(), "the rest of it is not read")

	// Nested: the inner archive's bytes and its members' count, and
	// the outer archive stops with the inner one.
	inner := zipData(t, members[:3]...)
	q := write(t, dir, "n.zip", string(zipData(t, member{"in.zip", string(inner)}, members[3], members[4])))
	docs, errs = collect(t, []string{q}, Options{MaxArchiveBytes: int64(len(inner)) + 2*int64(len(big)) + 100})
	assert.Equal(t, []string{q + "!in.zip!00.txt", q + "!in.zip!01.txt"}, sources(docs))
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrTooLarge)
	assert.Equal(t, q+"!in.zip!02.txt", errs[0].Source)

	// The default lets every archive of a few days of news through.
	docs, errs = collect(t, []string{p, q}, Options{})
	assert.Equal(t, 15, len(docs))
	assert.Empty(t, errs)
}

// A member named with backslashes, as archivers on Windows write them,
// is read; only hidden files are skipped.
func TestZipBackslashNames(t *testing.T) {
	data := zipData(t,
		member{`..\x.txt`, "x"},
		member{`dir\.hidden.txt`, "h"},
		member{`.\y.txt`, "y"},
	)
	docs, errs := readBytes("f.zip", data, Options{})
	require.Empty(t, errs)
	assert.Equal(t, []string{`f.zip!..\x.txt`, `f.zip!.\y.txt`}, sources(docs))
}

// File names that are not UTF-8 keep distinct, valid IDs: each byte
// that is not UTF-8 is written \xNN.
func TestNamesNotUTF8(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a\xff.txt", "a\xfe.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("نص"), 0o644); err != nil {
			t.Skip("the file system refuses names that are not UTF-8")
		}
	}
	write(t, dir, "bad\xff.json", "[1]")
	docs, errs := collect(t, []string{dir}, Options{})
	assert.Equal(t, []string{`a\xfe.txt`, `a\xff.txt`}, ids(docs))
	assert.Equal(t, []string{filepath.Join(dir, `a\xfe.txt`), filepath.Join(dir, `a\xff.txt`)}, sources(docs))
	require.Len(t, errs, 1)
	assert.Equal(t, filepath.Join(dir, `bad\xff.json#0`), errs[0].Source)
}
