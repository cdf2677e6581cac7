package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"github.com/neardup/neardup/simhash"
)

// stores returns a fresh store of each kind, and a function reopening
// it (nil for Memory, which does not survive a close).
func stores(t *testing.T) map[string]func() Store {
	dir := t.TempDir()
	n := 0
	return map[string]func() Store{
		"memory": func() Store { return new(Memory) },
		"bolt": func() Store {
			n++
			s, err := Open(filepath.Join(dir, fmt.Sprintf("s%d.db", n)))
			require.NoError(t, err)
			return s
		},
	}
}

func rec(n uint32) (Record, string) {
	r := Record{Num: n, ID: fmt.Sprintf("doc-%d", n), Marks: []uint64{uint64(n), 1 << 63, uint64(n) * 7}}
	if n%3 != 0 {
		r.Fingerprint, r.HasFingerprint = simhash.Fingerprint(uint64(n)*0x9E3779B97F4A7C15), true
	}
	return r, fmt.Sprintf("النص رقم %d", n)
}

// scanAll returns the records of s with their marks.
func scanAll(t *testing.T, s Store) []Record {
	var out []Record
	require.NoError(t, s.Scan(func(r Record) error {
		require.Nil(t, r.Marks, "Scan leaves marks out")
		out = append(out, r)
		return nil
	}))
	i := 0
	require.NoError(t, s.ScanMarks(0, func(n uint32, marks []uint64) error {
		require.Equal(t, out[i].Num, n)
		out[i].Marks = append([]uint64(nil), marks...)
		i++
		return nil
	}))
	require.Equal(t, len(out), i)
	return out
}

func TestStoreContract(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			defer s.Close()
			var recs []Record
			var texts []string
			for _, n := range []uint32{5, 1, 300, 2, 70000} {
				r, text := rec(n)
				recs, texts = append(recs, r), append(texts, text)
			}
			require.NoError(t, s.Put(recs, texts))
			got := scanAll(t, s)
			require.Len(t, got, 5)
			for i, n := range []uint32{1, 2, 5, 300, 70000} {
				want, text := rec(n)
				assert.Equal(t, want, got[i])
				gotText, err := s.Text(n)
				require.NoError(t, err)
				assert.Equal(t, text, gotText)
			}

			// Replace, delete, and the errors.
			r, _ := rec(2)
			r.ID = "replaced"
			require.NoError(t, s.Put([]Record{r}, []string{"new"}))
			text, err := s.Text(2)
			require.NoError(t, err)
			assert.Equal(t, "new", text)
			require.NoError(t, s.Delete([]uint32{5, 999}))
			_, err = s.Text(5)
			assert.ErrorIs(t, err, ErrNotFound)
			got = scanAll(t, s)
			require.Len(t, got, 4)
			assert.Equal(t, "replaced", got[1].ID)

			assert.Error(t, s.Put([]Record{r}, nil), "texts must match records")
			long := Record{Num: 9, ID: string(make([]byte, MaxIDLen+1))}
			assert.Error(t, s.Put([]Record{long}, []string{""}))

			var from []uint32
			require.NoError(t, s.ScanMarks(300, func(n uint32, _ []uint64) error {
				from = append(from, n)
				return nil
			}))
			assert.Equal(t, []uint32{300, 70000}, from)

			stop := errors.New("stop")
			calls := 0
			assert.ErrorIs(t, s.Scan(func(Record) error { calls++; return stop }), stop)
			assert.Equal(t, 1, calls)

			v, err := s.Meta("config")
			require.NoError(t, err)
			assert.Nil(t, v)
			require.NoError(t, s.SetMeta("config", []byte("x=1")))
			v, err = s.Meta("config")
			require.NoError(t, err)
			assert.Equal(t, []byte("x=1"), v)

			require.NoError(t, s.Close())
			_, err = s.Text(1)
			assert.ErrorIs(t, err, ErrClosed)
			assert.ErrorIs(t, s.Put(recs, texts), ErrClosed)
			assert.ErrorIs(t, s.Scan(func(Record) error { return nil }), ErrClosed)
		})
	}
}

func TestStoreConcurrent(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			defer s.Close()
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Go(func() {
					for i := range 25 {
						r, text := rec(uint32(w*100 + i))
						assert.NoError(t, s.Put([]Record{r}, []string{text}))
						_, err := s.Text(uint32(w*100 + i))
						assert.NoError(t, err)
						assert.NoError(t, s.Scan(func(Record) error { return nil }))
					}
				})
			}
			wg.Wait()
			assert.Len(t, scanAll(t, s), 100)
		})
	}
}

func TestBoltReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path)
	require.NoError(t, err)
	r, text := rec(7)
	require.NoError(t, s.Put([]Record{r}, []string{text}))
	require.NoError(t, s.SetMeta("k", []byte("v")))

	// The file is locked while open.
	_, err = Open(path)
	assert.ErrorContains(t, err, "in use")
	require.NoError(t, s.Close())

	s, err = Open(path)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, []Record{r}, scanAll(t, s))
	v, err := s.Meta("k")
	require.NoError(t, err)
	assert.Equal(t, []byte("v"), v)
	assert.Equal(t, path, s.Path())
}

func TestBoltBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	// A real store, to damage.
	good := filepath.Join(dir, "good.db")
	s, err := Open(good)
	require.NoError(t, err)
	r, text := rec(1)
	require.NoError(t, s.Put([]Record{r}, []string{text}))
	require.NoError(t, s.Close())
	data, err := os.ReadFile(good)
	require.NoError(t, err)

	garbled := append([]byte(nil), data...)
	for i := 0; i < len(garbled); i += 7 {
		garbled[i] ^= 0x5A
	}
	cases := map[string]string{
		"text":      write("notes.txt", []byte("this is a text file, not a database\n")),
		"binary":    write("random.bin", noise(8192)),
		"truncated": write("trunc.db", data[:100]),
		"garbled":   write("garbled.db", garbled),
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			s, err := Open(path)
			if err == nil {
				// A damage bbolt's checks miss must still not pass
				// unnoticed by a reader.
				defer s.Close()
				err = s.Scan(func(Record) error { return nil })
			}
			assert.ErrorIs(t, err, ErrCorrupt)
		})
	}

	t.Run("other application", func(t *testing.T) {
		p := filepath.Join(dir, "other.db")
		db, err := bolt.Open(p, 0o644, nil)
		require.NoError(t, err)
		require.NoError(t, db.Update(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("sessions"))
			return err
		}))
		require.NoError(t, db.Close())
		_, err = Open(p)
		assert.ErrorIs(t, err, ErrCorrupt)
	})

	t.Run("newer format", func(t *testing.T) {
		p := filepath.Join(dir, "future.db")
		s, err := Open(p)
		require.NoError(t, err)
		require.NoError(t, s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(rootBucket).Put(formatKey, []byte("99"))
		}))
		require.NoError(t, s.Close())
		_, err = Open(p)
		assert.ErrorIs(t, err, ErrVersion)
		assert.ErrorContains(t, err, `"99"`)
	})

	t.Run("directory", func(t *testing.T) {
		_, err := Open(dir)
		assert.ErrorContains(t, err, "directory")
	})

	t.Run("unwritable place", func(t *testing.T) {
		_, err := Open(filepath.Join(dir, "no", "such", "dir", "x.db"))
		require.Error(t, err)
		assert.NotErrorIs(t, err, ErrCorrupt)
	})

	t.Run("bad record", func(t *testing.T) {
		p := filepath.Join(dir, "badrec.db")
		s, err := Open(p)
		require.NoError(t, err)
		defer s.Close()
		require.NoError(t, s.db.Update(func(tx *bolt.Tx) error {
			return bucket(tx, recsBucket).Put(key(3), []byte{0xFF, 1, 2})
		}))
		err = s.Scan(func(Record) error { return nil })
		assert.ErrorIs(t, err, ErrCorrupt)
		assert.ErrorContains(t, err, "record 3")
	})
}

// noise returns n pseudo-random bytes.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func TestRecordRoundTrip(t *testing.T) {
	for _, r := range []Record{
		{},
		{ID: "x", Fingerprint: 1, HasFingerprint: true},
		{ID: "عربي"},
	} {
		var got Record
		require.NoError(t, decodeRecord(appendRecord(nil, r), &got))
		assert.Equal(t, r, got)
	}
	marks := []uint64{0, ^uint64(0), 42}
	got, err := decodeMarks(nil, appendMarks(nil, marks))
	require.NoError(t, err)
	assert.Equal(t, marks, got)
	_, err = decodeMarks(nil, []byte{1, 2, 3})
	assert.ErrorIs(t, err, ErrCorrupt)
}

// FuzzDecodeRecord feeds the record decoder stored values, sealed or
// not: whatever decodes re-encodes to the same bytes, and everything
// else is an error wrapping ErrCorrupt.
func FuzzDecodeRecord(f *testing.F) {
	k := key(7)
	rec := appendRecord(nil, Record{ID: "a", Marks: []uint64{1, 2}, HasFingerprint: true, Digest: Digest{1, 2}})
	f.Add(rec, false)
	f.Add(seal(recsBucket, k, rec), true)
	f.Add([]byte{}, false)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, false)
	f.Fuzz(func(t *testing.T, b []byte, sealed bool) {
		var r Record
		if !sealed {
			if err := decodeRecord(b, &r); err != nil {
				require.ErrorIs(t, err, ErrCorrupt)
				return
			}
			assert.Equal(t, b, appendRecord(nil, r))
			return
		}
		if err := openRecord(k, b, &r); err != nil {
			require.ErrorIs(t, err, ErrCorrupt)
			return
		}
		assert.Equal(t, b, seal(recsBucket, k, appendRecord(nil, r)))
	})
}

func TestBoltZeroIsClosed(t *testing.T) {
	var s Bolt
	_, err := s.Text(1)
	assert.ErrorIs(t, err, ErrClosed)
	assert.ErrorIs(t, s.Scan(func(Record) error { return nil }), ErrClosed)
	assert.NoError(t, s.Close())
}

// A store opened read-only reads what was written, refuses writes, and
// may be held by several openers at once, but not beside a writer.
func TestBoltReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	_, err := OpenReadOnly(path)
	assert.ErrorIs(t, err, os.ErrNotExist, "read-only never creates")

	w, err := Open(path)
	require.NoError(t, err)
	r1, text := rec(1)
	require.NoError(t, w.Put([]Record{r1}, []string{text}))
	require.NoError(t, w.SetMeta("k", []byte("v")))
	_, err = OpenReadOnly(path)
	assert.ErrorContains(t, err, "in use", "not beside a writer")
	require.NoError(t, w.Close())

	a, err := OpenReadOnly(path)
	require.NoError(t, err)
	b, err := OpenReadOnly(path)
	require.NoError(t, err, "readers share the file")
	for _, s := range []*Bolt{a, b} {
		got, err := s.Text(1)
		require.NoError(t, err)
		assert.Equal(t, text, got)
		v, err := s.Meta("k")
		require.NoError(t, err)
		assert.Equal(t, "v", string(v))
		assert.Equal(t, []Record{r1}, scanAll(t, s))
	}
	r2, text2 := rec(2)
	assert.ErrorIs(t, a.Put([]Record{r2}, []string{text2}), ErrReadOnly)
	assert.ErrorIs(t, a.Delete([]uint32{1}), ErrReadOnly)
	assert.ErrorIs(t, a.SetMeta("k", nil), ErrReadOnly)
	assert.ErrorIs(t, a.SaveSnapshot("x", func(io.Writer) error { return nil }), ErrReadOnly)
	_, err = Open(path)
	assert.ErrorContains(t, err, "in use", "no writer beside readers")
	require.NoError(t, a.Close())
	require.NoError(t, b.Close())

	// Nor does it turn another file into a store. A file an
	// interrupted first Open left (empty, or bbolt's pages without the
	// store's) is incomplete, not corrupt, and Open completes it.
	empty := filepath.Join(dir, "empty.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	bare := filepath.Join(dir, "bare.db")
	db, err := bolt.Open(bare, 0o644, nil)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	for _, p := range []string{empty, bare} {
		before, err := os.ReadFile(p)
		require.NoError(t, err)
		_, err = OpenReadOnly(p)
		assert.ErrorIs(t, err, ErrIncomplete, p)
		assert.NotErrorIs(t, err, ErrCorrupt, p)
		after, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, before, after, "read-only leaves it as it was")
		s, err := Open(p)
		require.NoError(t, err, p)
		require.NoError(t, s.Close())
		s, err = OpenReadOnly(p)
		require.NoError(t, err, "completed by Open")
		require.NoError(t, s.Close())
	}
}
