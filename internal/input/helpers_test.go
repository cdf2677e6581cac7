package input

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/zip"
	"github.com/stretchr/testify/require"
)

// write creates dir/name with content, making parent directories.
func write(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// result is one step of a Read iteration, for comparing whole runs.
type result struct {
	Doc Document
	Err string
}

// collect runs Read to the end, checking that every error is an
// *InputError and every document is valid.
func collect(t testing.TB, paths []string, opt Options) (docs []Document, errs []*InputError) {
	t.Helper()
	for doc, err := range Read(paths, opt) {
		if err != nil {
			ie, ok := err.(*InputError)
			require.True(t, ok, "error %v is a %T, not *InputError", err, err)
			require.Zero(t, doc)
			errs = append(errs, ie)
			continue
		}
		checkDoc(t, doc)
		docs = append(docs, doc)
	}
	return docs, errs
}

func checkDoc(t testing.TB, doc Document) {
	t.Helper()
	require.NotEmpty(t, doc.Source)
	require.NotEmpty(t, doc.ID)
	require.NotEmpty(t, bytes.TrimSpace([]byte(doc.Text)), "blank text from %s", doc.Source)
	require.True(t, utf8.ValidString(doc.Text), "invalid UTF-8 text from %s", doc.Source)
	require.True(t, utf8.ValidString(doc.Title))
	for k, v := range doc.Meta {
		require.True(t, utf8.ValidString(k) && utf8.ValidString(v))
	}
}

// run returns the whole iteration as comparable values.
func run(paths []string, opt Options) []result {
	var out []result
	for doc, err := range Read(paths, opt) {
		r := result{Doc: doc}
		if err != nil {
			r.Err = err.Error()
		}
		out = append(out, r)
	}
	return out
}

func sources(docs []Document) []string {
	var s []string
	for _, d := range docs {
		s = append(s, d.Source)
	}
	return s
}

func texts(docs []Document) []string {
	var s []string
	for _, d := range docs {
		s = append(s, d.Text)
	}
	return s
}

type member struct {
	name, body string
}

// zipData builds a zip archive holding members in the given order.
func zipData(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		require.NoError(t, err)
		_, err = io.WriteString(w, m.body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// readBytes reads data as if it were a file called name, without touching
// the file system.
func readBytes(name string, data []byte, opt Options) (docs []Document, errs []error) {
	r := newReader(opt, func(doc Document, err error) bool {
		if err != nil {
			errs = append(errs, err)
		} else {
			docs = append(docs, doc)
		}
		return true
	})
	r.blob(blob{
		name:   name,
		source: name,
		id:     name,
		size:   int64(len(data)),
		open:   func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
	}, 0)
	return docs, errs
}
