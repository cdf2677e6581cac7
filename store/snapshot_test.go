package store

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBoltSnapshots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path)
	require.NoError(t, err)
	read := func(name string) ([]byte, bool) {
		var got []byte
		found, err := s.LoadSnapshot(name, func(r io.Reader) error {
			var err error
			got, err = io.ReadAll(r)
			return err
		})
		require.NoError(t, err)
		return got, found
	}
	_, found := read("index")
	assert.False(t, found)

	// Larger than a chunk, written in odd pieces.
	big := noise(snapChunk*2 + 12345)
	require.NoError(t, s.SaveSnapshot("index", func(w io.Writer) error {
		for p := big; len(p) > 0; {
			k := min(len(p), 1<<20+7)
			if _, err := w.Write(p[:k]); err != nil {
				return err
			}
			p = p[k:]
		}
		return nil
	}))
	require.NoError(t, s.SaveSnapshot("other", func(w io.Writer) error {
		_, err := w.Write([]byte("x"))
		return err
	}))
	got, found := read("index")
	require.True(t, found)
	assert.Equal(t, big, got)

	// Replaced by a smaller one: nothing of the old is left.
	require.NoError(t, s.SaveSnapshot("index", func(w io.Writer) error {
		_, err := w.Write([]byte("small"))
		return err
	}))
	// A failed write keeps the previous snapshot.
	assert.Error(t, s.SaveSnapshot("index", func(w io.Writer) error {
		_, _ = w.Write([]byte("partial"))
		return errors.New("disk full")
	}))
	require.NoError(t, s.Close())
	s, err = Open(path)
	require.NoError(t, err)
	defer s.Close()
	got, _ = read("index")
	assert.Equal(t, []byte("small"), got)
	got, _ = read("other")
	assert.Equal(t, []byte("x"), got)
}

// A panic in the caller's function is the caller's: it must reach the
// caller as a panic, not come back as a corrupt file, and the store must
// work after it.
func TestBoltCallerPanic(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "s.db"))
	require.NoError(t, err)
	defer s.Close()
	r, text := rec(1)
	require.NoError(t, s.Put([]Record{r}, []string{text}))
	require.NoError(t, s.SaveSnapshot("x", func(w io.Writer) error { _, err := w.Write([]byte("abc")); return err }))
	boom := errors.New("boom")
	calls := map[string]func(){
		"Scan":      func() { _ = s.Scan(func(Record) error { panic(boom) }) },
		"ScanMarks": func() { _ = s.ScanMarks(0, func(uint32, []uint64) error { panic(boom) }) },
		"SaveSnapshot": func() {
			_ = s.SaveSnapshot("x", func(w io.Writer) error { _, _ = w.Write([]byte("partial")); panic(boom) })
		},
		"LoadSnapshot": func() { _, _ = s.LoadSnapshot("x", func(io.Reader) error { panic(boom) }) },
	}
	for name, call := range calls {
		assert.PanicsWithValue(t, boom, call, name)
	}
	got, err := s.Text(1)
	require.NoError(t, err)
	assert.Equal(t, text, got)
	found, err := s.LoadSnapshot("x", func(r io.Reader) error {
		b, err := io.ReadAll(r)
		assert.Equal(t, "abc", string(b), "the panicking save was rolled back")
		return err
	})
	require.NoError(t, err)
	assert.True(t, found)
}
