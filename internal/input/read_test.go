package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlainTextKeptExactly(t *testing.T) {
	dir := t.TempDir()
	crlf := write(t, dir, "crlf.txt", "سطر أول\r\nسطر ثان\r\n\ttab  ")
	bom := write(t, dir, "bom.txt", "\ufeffالنص بعد العلامة")
	noExt := write(t, dir, "README", "any file that is not JSON or zip is text")

	docs, errs := collect(t, []string{crlf, bom, noExt}, Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 3)

	assert.Equal(t, Document{ID: crlf, Source: crlf, Text: "سطر أول\r\nسطر ثان\r\n\ttab  "}, docs[0])
	assert.Equal(t, "النص بعد العلامة", docs[1].Text, "BOM stripped, nothing else")
	assert.Equal(t, bom, docs[1].ID)
	assert.Equal(t, "any file that is not JSON or zip is text", docs[2].Text)
	assert.Nil(t, docs[0].Meta)
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", "b")
	write(t, dir, "a.txt", "a")
	write(t, dir, "sub/z.txt", "z")
	write(t, dir, "sub/deeper/y.txt", "y")
	write(t, dir, "sub/m.jsonl", `{"text":"m1"}`+"\n"+`{"text":"m2"}`)
	write(t, dir, "c.json", `[{"text":"c0"},{"text":"c1"}]`)
	write(t, dir, ".hidden.txt", "hidden file")
	write(t, dir, ".git/config", "hidden dir")
	write(t, dir, "sub/.cache/x.txt", "hidden nested dir")

	docs, errs := collect(t, []string{dir}, Options{})
	require.Empty(t, errs)
	j := filepath.Join
	assert.Equal(t, []string{
		j(dir, "a.txt"),
		j(dir, "b.txt"),
		j(dir, "c.json") + "#0",
		j(dir, "c.json") + "#1",
		j(dir, "sub", "deeper", "y.txt"),
		j(dir, "sub", "m.jsonl") + ":1",
		j(dir, "sub", "m.jsonl") + ":2",
		j(dir, "sub", "z.txt"),
	}, sources(docs))
	assert.Equal(t, []string{"a", "b", "c0", "c1", "y", "m1", "m2", "z"}, texts(docs))
	// Plain-text IDs are relative to the argument, with slashes.
	assert.Equal(t, "a.txt", docs[0].ID)
	assert.Equal(t, "sub/deeper/y.txt", docs[4].ID)
	// JSON objects without an ID are named by their Source.
	assert.Equal(t, docs[2].Source, docs[2].ID)
}

func TestOrderIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"k.txt", "B.txt", "a/1.txt", "a/10.txt", "a/2.txt", "Z/z.txt", "bad.json"} {
		write(t, dir, name, "text of "+name)
	}
	first := run([]string{dir, filepath.Join(dir, "k.txt")}, Options{})
	require.Len(t, first, 8)
	for range 5 {
		require.Equal(t, first, run([]string{dir, filepath.Join(dir, "k.txt")}, Options{}))
	}
	// Byte order, as os.ReadDir sorts: upper case before lower case.
	var ids []string
	for _, r := range first {
		ids = append(ids, r.Doc.ID)
	}
	assert.Equal(t, []string{"B.txt", "Z/z.txt", "a/1.txt", "a/10.txt", "a/2.txt", "", "k.txt", filepath.Join(dir, "k.txt")}, ids)
	assert.Contains(t, first[5].Err, "bad.json: malformed JSON")
}

func TestExplicitHiddenPathIsRead(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, ".notes.txt", "named on purpose")
	docs, errs := collect(t, []string{p}, Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 1)
}

func TestNonexistentPath(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.txt")
	good := write(t, dir, "good.txt", "still read")

	docs, errs := collect(t, []string{missing, good}, Options{})
	require.Len(t, errs, 1)
	assert.Equal(t, missing, errs[0].Source)
	assert.ErrorIs(t, errs[0], fs.ErrNotExist)
	assert.Equal(t, missing+": no such file or directory", errs[0].Error())
	require.Len(t, docs, 1, "other inputs go on")
	assert.Equal(t, "still read", docs[0].Text)
}

func TestPermissionDenied(t *testing.T) {
	dir := t.TempDir()
	locked := write(t, dir, "locked.txt", "secret")
	write(t, dir, "open.txt", "public")
	lockedDir := filepath.Join(dir, "lockeddir")
	write(t, lockedDir, "inside.txt", "unreachable")

	if os.Geteuid() == 0 {
		// Root reads anything, so simulate what the OS would say.
		t.Cleanup(func() { openFile, readDir = realOpenFile, realReadDir })
		openFile = func(name string) (io.ReadCloser, error) {
			if name == locked {
				return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
			}
			return realOpenFile(name)
		}
		readDir = func(name string) ([]fs.DirEntry, error) {
			if name == lockedDir {
				return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
			}
			return realReadDir(name)
		}
	} else {
		require.NoError(t, os.Chmod(locked, 0))
		require.NoError(t, os.Chmod(lockedDir, 0))
		t.Cleanup(func() { _ = os.Chmod(lockedDir, 0o755) })
	}

	docs, errs := collect(t, []string{dir}, Options{})
	require.Len(t, errs, 2)
	assert.Equal(t, locked, errs[0].Source)
	assert.ErrorIs(t, errs[0], fs.ErrPermission)
	assert.Equal(t, lockedDir, errs[1].Source)
	assert.ErrorIs(t, errs[1], fs.ErrPermission)
	assert.Equal(t, locked+": permission denied", errs[0].Error())
	require.Len(t, docs, 1)
	assert.Equal(t, "public", docs[0].Text)
}

var (
	realOpenFile = openFile
	realReadDir  = readDir
)

func TestEmptyText(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"empty.txt":      "",
		"blank.txt":      " \r\n\t\n",
		"bomonly.txt":    "\ufeff",
		"empty.json":     "",
		"blank.json":     "\n  \n",
		"emptyarr.json":  "[ ]",
		"emptystr.json":  `{"text": ""}`,
		"blankstr.json":  `{"text": " \n "}`,
		"empty.jsonl":    "",
		"blanks.jsonl":   "\n\n  \r\n",
		"emptyline.json": `[{"text":"ok"},{"text":""}]`,
	}
	for name, content := range cases {
		write(t, dir, name, content)
	}
	docs, errs := collect(t, []string{dir}, Options{})
	require.Len(t, docs, 1)
	assert.Equal(t, "ok", docs[0].Text)
	require.Len(t, errs, len(cases))
	for _, e := range errs {
		assert.ErrorIs(t, e, ErrEmpty, e.Error())
		assert.Contains(t, e.Error(), "empty text")
	}
	msgs := errorMap(errs)
	assert.Equal(t, "empty text: file is empty", msgs["empty.txt"])
	assert.Equal(t, "empty text: only white space", msgs["blank.txt"])
	assert.Equal(t, "empty text: file is empty", msgs["bomonly.txt"])
	assert.Equal(t, "empty text: JSON array is empty", msgs["emptyarr.json"])
	assert.Equal(t, "empty text: only blank lines", msgs["blanks.jsonl"])
	assert.Equal(t, `empty text in field "text" (line 1, byte 0)`, msgs["emptystr.json"])
	assert.Equal(t, `empty text in field "text" (line 1, byte 15)`, msgs["emptyline.json#1"])
}

// errorMap maps the base name of each error's Source to the rest of its
// message.
func errorMap(errs []*InputError) map[string]string {
	m := make(map[string]string)
	for _, e := range errs {
		m[filepath.Base(e.Source)] = strings.TrimPrefix(e.Error(), e.Source+": ")
	}
	return m
}

func TestInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	txt := write(t, dir, "latin1.txt", "first line\nca\xe7a") // Latin-1 ç
	bom := write(t, dir, "bom.txt", "\ufeffab\xff")
	arr := write(t, dir, "arr.json", "[{\"text\":\"good\"},\n {\"text\":\"ba\xc3d\"},\n {\"text\":\"also good\"}]")
	key := write(t, dir, "key.json", "{\"text\":\"fine\",\"\xff\":\"bad key\"}")
	lines := write(t, dir, "l.jsonl", "{\"text\":\"good\"}\n{\"text\":\"\xed\xa0\x80\"}\n{\"text\":\"good too\"}\n")

	docs, errs := collect(t, []string{txt, bom, arr, key, lines}, Options{})
	assert.Equal(t, []string{"good", "also good", "good", "good too"}, texts(docs))
	require.Len(t, errs, 5)
	for _, e := range errs {
		assert.ErrorIs(t, e, ErrInvalidUTF8)
	}
	assert.Equal(t, txt+": invalid UTF-8 (line 2, byte 13)", errs[0].Error())
	assert.Equal(t, int64(13), errs[0].Offset)
	assert.Equal(t, int64(5), errs[1].Offset, "offset counts the BOM")
	assert.Equal(t, arr+"#1", errs[2].Source)
	assert.Equal(t, 2, errs[2].Line)
	assert.Equal(t, int64(strings.Index("[{\"text\":\"good\"},\n {\"text\":\"ba\xc3d", "\xc3")), errs[2].Offset)
	assert.Equal(t, int64(16), errs[3].Offset)
	assert.Equal(t, lines+":2", errs[4].Source)
	assert.Equal(t, 2, errs[4].Line)
	assert.Equal(t, int64(25), errs[4].Offset, "a UTF-8 encoded surrogate is invalid")
}

func TestBinary(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "nul.txt", "looks like text\x00but is not")
	write(t, dir, "image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	write(t, dir, "controls.dat", strings.Repeat("\x01\x02\x03\x04a", 100))
	write(t, dir, "utf16.txt", "\xff\xfeh\x00i\x00")
	write(t, dir, "utf16.json", "\xff\xfe[\x00]\x00")
	write(t, dir, "utf16be.jsonl", "\xfe\xff\x00{\x00}")
	write(t, dir, "latenul.txt", strings.Repeat("نص عادي طويل\n", 1000)+"\x00tail")
	write(t, dir, "ok.txt", "a form feed \f or bell \a here and there is fine")

	docs, errs := collect(t, []string{dir}, Options{})
	require.Len(t, docs, 1)
	require.Len(t, errs, 7)
	for _, e := range errs {
		assert.ErrorIs(t, e, ErrBinary)
	}
	msgs := errorMap(errs)
	assert.Equal(t, "binary file: mostly control characters", msgs["controls.dat"])
	assert.Equal(t, "binary file: NUL byte (line 3, byte 8)", msgs["image.png"])
	assert.Equal(t, "binary file: NUL byte (line 1, byte 15)", msgs["nul.txt"])
	assert.Equal(t, "binary file: NUL byte (line 1001, byte 23000)", msgs["latenul.txt"])
	for _, name := range []string{"utf16.txt", "utf16.json", "utf16be.jsonl"} {
		assert.Equal(t, "binary file: UTF-16 text; convert it to UTF-8", msgs[name], name)
	}
}

func TestTooLarge(t *testing.T) {
	dir := t.TempDir()
	opt := Options{MaxBytes: 100}
	exact := write(t, dir, "exact.txt", strings.Repeat("x", 100))
	big := write(t, dir, "big.txt", strings.Repeat("x", 101))

	docs, errs := collect(t, []string{exact, big}, opt)
	require.Len(t, docs, 1, "exactly MaxBytes is allowed")
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrTooLarge)
	assert.Equal(t, big+": too large: 101 bytes, more than the limit of 100", errs[0].Error())
}

func TestTooLargeJSON(t *testing.T) {
	dir := t.TempDir()
	opt := Options{MaxBytes: 100}
	long := strings.Repeat("ن", 60) // 120 bytes
	// A value a little over the limit is skipped and the array goes on.
	arr := write(t, dir, "arr.json", `[{"text":"a"},{"text":"`+long+`"},{"text":"c"}]`)
	lines := write(t, dir, "l.jsonl", `{"text":"a"}`+"\n"+`{"text":"`+long+`"}`+"\n"+`{"text":"c"}`+"\n")
	docs, errs := collect(t, []string{arr, lines}, opt)
	assert.Equal(t, []string{"a", "c", "a", "c"}, texts(docs))
	require.Len(t, errs, 2)
	assert.Equal(t, arr+"#1: too large: 131 bytes, more than the limit of 100 (line 1, byte 14)", errs[0].Error())
	assert.Equal(t, lines+":2: too large: more than the limit of 100 bytes (line 2, byte 13)", errs[1].Error())

	// A value far over the limit is not buffered whole: reading stops.
	huge := strings.Repeat("x", 3*readChunk)
	arr2 := write(t, dir, "arr2.json", `[{"text":"a"},{"text":"`+huge+`"},{"text":"c"}]`)
	docs, errs = collect(t, []string{arr2}, opt)
	assert.Equal(t, []string{"a"}, texts(docs))
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrTooLarge)
	assert.Equal(t, arr2+"#1", errs[0].Source)
	assert.Contains(t, errs[0].Error(), "rest of the file not read")

	// JSON Lines recover at the next line whatever the length.
	lines2 := write(t, dir, "l2.jsonl", `{"text":"a"}`+"\n"+`{"text":"`+huge+`"}`+"\n"+`{"text":"c"}`)
	docs, errs = collect(t, []string{lines2}, opt)
	assert.Equal(t, []string{"a", "c"}, texts(docs))
	require.Len(t, errs, 1)
	assert.Equal(t, 2, errs[0].Line)
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "real/a.txt", "a")
	write(t, dir, "other/b.txt", "b")
	link := func(target, name string) {
		require.NoError(t, os.Symlink(target, filepath.Join(dir, name)))
	}
	link("..", "real/up")                       // up/real loops back to the argument
	link(".", "real/self")                      // loops to itself
	link(filepath.Join(dir, "other"), "real/o") // followed
	link("a.txt", "real/alias.txt")             // followed
	link("nowhere.txt", "real/broken.txt")      // reported

	docs, errs := collect(t, []string{filepath.Join(dir, "real")}, Options{})
	assert.Equal(t, []string{"a.txt", "alias.txt", "o/b.txt", "up/other/b.txt"}, ids(docs))
	require.Len(t, errs, 3)
	assert.ErrorIs(t, errs[0], fs.ErrNotExist)
	assert.Equal(t, filepath.Join(dir, "real", "broken.txt"), errs[0].Source)
	assert.ErrorIs(t, errs[1], ErrLoop)
	assert.Equal(t, filepath.Join(dir, "real", "self"), errs[1].Source)
	assert.ErrorIs(t, errs[2], ErrLoop)
	assert.Equal(t, filepath.Join(dir, "real", "up", "real"), errs[2].Source)
}

func ids(docs []Document) []string {
	var s []string
	for _, d := range docs {
		s = append(s, d.ID)
	}
	return s
}

func TestStopEarly(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", `[{"text":"1"},{"text":"2"},{"text":"3"}]`)
	write(t, dir, "b.txt", "b")
	n := 0
	for doc, err := range Read([]string{dir, filepath.Join(dir, "missing")}, Options{}) {
		require.NoError(t, err)
		n++
		if doc.Text == "2" {
			break
		}
	}
	assert.Equal(t, 2, n)

	// Stopping on an error works too.
	n = 0
	for _, err := range Read([]string{filepath.Join(dir, "missing"), dir}, Options{}) {
		n++
		if err != nil {
			break
		}
	}
	assert.Equal(t, 1, n)
}

func TestInputError(t *testing.T) {
	base := errors.New("boom")
	cases := []struct {
		e    InputError
		want string
	}{
		{InputError{Source: "a.txt", Offset: -1, Err: base}, "a.txt: boom"},
		{InputError{Source: "a.json#2", Line: 3, Offset: 40, Err: base}, "a.json#2: boom (line 3, byte 40)"},
		{InputError{Source: "a.json", Offset: 0, Err: base}, "a.json: boom (byte 0)"},
		{InputError{Source: "x", Line: 2, Offset: -1}, "x: unknown error (line 2)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.e.Error())
	}
	var err error = &InputError{Source: "s", Err: base}
	assert.ErrorIs(t, err, base)
	ie, ok := errors.AsType[*InputError](err)
	require.True(t, ok)
	assert.Equal(t, "s", ie.Source)
}

func TestOptionDefaults(t *testing.T) {
	r := newReader(Options{}, nil)
	assert.Equal(t, "id", r.idField)
	assert.Equal(t, "title", r.titleField)
	assert.Equal(t, []string{"text"}, r.textFields)
	assert.Equal(t, int64(DefaultMaxBytes), r.max)

	r = newReader(Options{TextField: " title , content ,", MaxBytes: -5}, nil)
	assert.Equal(t, []string{"title", "content"}, r.textFields)
	assert.Equal(t, int64(DefaultMaxBytes), r.max)

	r = newReader(Options{TextField: ",", MaxBytes: math.MaxInt64}, nil)
	assert.Equal(t, []string{"text"}, r.textFields)
	assert.Equal(t, int64(maxLimit), r.max)
}

// TestReadAheadKeepsOrder reads a directory of many files, which are read
// ahead on several goroutines, and checks that documents and errors come
// in directory order, and that stopping in the middle ends the iteration
// with every reader done (the race detector sees any that is not).
func TestReadAheadKeepsOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	dir := t.TempDir()
	var want []string
	for i := range 40 {
		name := fmt.Sprintf("%02d", i)
		switch i % 4 {
		case 0:
			write(t, dir, name+".json", `[{"id":"`+name+`a","text":"x"},{"id":"`+name+`b","text":"y"}]`)
			want = append(want, name+"a", name+"b")
		case 1:
			write(t, dir, name+".json", `{"text": 1}`)
			want = append(want, "error "+name+".json")
		case 2:
			write(t, dir, name+"/in.txt", "in a subdirectory")
			want = append(want, name+"/in.txt")
		default:
			write(t, dir, name+".txt", "plain")
			want = append(want, name+".txt")
		}
	}
	var got []string
	for doc, err := range Read([]string{dir}, Options{}) {
		if err != nil {
			got = append(got, "error "+filepath.Base(err.(*InputError).Source))
		} else {
			got = append(got, doc.ID)
		}
	}
	assert.Equal(t, want, got)

	for stop := range 12 {
		n := 0
		for range Read([]string{dir}, Options{}) {
			if n++; n > stop {
				break
			}
		}
		assert.Equal(t, stop+1, n)
	}
}

// TestReadAheadOfLargeFiles reads a directory of files holding more
// documents than a file read ahead may buffer: reading them all keeps
// their order, and stopping early returns (the readers waiting to pass
// documents on are told to stop).
func TestReadAheadOfLargeFiles(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	const files, per = 4, 3 * spoolBytes / spoolUnit
	dir := largeDir(t, files, per)
	n := 0
	for doc, err := range Read([]string{dir}, Options{}) {
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("%d-%d", n/per, n%per), doc.ID)
		n++
	}
	assert.Equal(t, files*per, n)

	for _, stop := range []int{1, spoolBytes / spoolUnit, per + 5} {
		n := 0
		for range Read([]string{dir}, Options{}) {
			if n++; n == stop {
				break
			}
		}
		assert.Equal(t, stop, n)
	}
}

// largeDir writes a directory of files JSON Lines files, each of per
// one-line documents.
func largeDir(t *testing.T, files, per int) string {
	t.Helper()
	dir := t.TempDir()
	for f := range files {
		var b strings.Builder
		for i := range per {
			fmt.Fprintf(&b, "{\"id\": \"%d-%d\", \"text\": \"t\"}\n", f, i)
		}
		write(t, dir, fmt.Sprintf("%d.jsonl", f), b.String())
	}
	return dir
}

// TestConsumerPanicEndsReading panics and calls runtime.Goexit (as a
// failing require does) inside the loop while files read ahead wait for
// room: the iteration must unwind instead of waiting for them forever.
func TestConsumerPanicEndsReading(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	dir := largeDir(t, 4, 2*spoolBytes/spoolUnit)

	// Each way runs on a goroutine of its own, so that a deadlock fails
	// the test within a minute instead of hanging the package; ended
	// returns what the goroutine panicked with (nil after Goexit).
	ended := func(loop func()) any {
		t.Helper()
		done := make(chan any)
		go func() {
			defer func() { done <- recover() }()
			loop()
		}()
		select {
		case v := <-done:
			return v
		case <-time.After(time.Minute):
			require.Fail(t, "the iteration did not unwind")
			return nil
		}
	}
	assert.Equal(t, "consumer", ended(func() {
		for range Read([]string{dir}, Options{}) {
			panic("consumer")
		}
	}))
	n := 0
	assert.Nil(t, ended(func() {
		for range Read([]string{dir}, Options{}) {
			if n++; n == 10 {
				runtime.Goexit()
			}
		}
	}))
	assert.Equal(t, 10, n)
}

// TestReaderPanicSurfaces makes the reader of a file read ahead panic: the
// panic reaches the consumer's goroutine, where it can be recovered,
// instead of ending the process from the reader's, with the reader's
// stack.
func TestReaderPanicSurfaces(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "first")
	write(t, dir, "b.txt", "second")
	t.Cleanup(func() { openFile = realOpenFile })
	openFile = func(name string) (io.ReadCloser, error) {
		if filepath.Base(name) == "b.txt" {
			panic("reader")
		}
		return realOpenFile(name)
	}
	var got []string
	var v any
	func() {
		defer func() { v = recover() }()
		for doc, err := range Read([]string{dir}, Options{}) {
			require.NoError(t, err)
			got = append(got, doc.ID)
		}
	}()
	assert.Equal(t, []string{"a.txt"}, got)
	pe, ok := v.(*PanicError)
	require.True(t, ok, "%T %v", v, v)
	assert.Equal(t, "reader", pe.Value)
	// The reader's stack, not the consumer's.
	assert.Contains(t, string(pe.Stack), "spoolFile")
	assert.Contains(t, pe.Error(), "panic while reading: reader")
}
