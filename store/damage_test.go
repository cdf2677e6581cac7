package store

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

// damaged returns a store of three records and a snapshot, written and
// closed, to damage with fn (a raw bbolt transaction) before reopening.
func damaged(t *testing.T, fn func(tx *bolt.Tx) error) *Bolt {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path)
	require.NoError(t, err)
	for n := range uint32(3) {
		r, text := rec(n)
		require.NoError(t, s.Put([]Record{r}, []string{text}))
	}
	big := noise(snapChunk + 100) // two chunks
	require.NoError(t, s.SaveSnapshot("index", func(w io.Writer) error { _, err := w.Write(big); return err }))
	if fn != nil {
		require.NoError(t, s.db.Update(fn))
	}
	require.NoError(t, s.Close())
	s, err = OpenReadOnly(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// verify returns the damage Verify finds in s.
func verify(t *testing.T, s *Bolt) []Damage {
	t.Helper()
	var found []Damage
	_, err := s.Verify(func(d Damage) { found = append(found, d) })
	require.NoError(t, err)
	for _, d := range found {
		assert.ErrorIs(t, d, ErrCorrupt)
	}
	return found
}

func TestVerifyWhole(t *testing.T) {
	s := damaged(t, nil)
	var found []Damage
	st, err := s.Verify(func(d Damage) { found = append(found, d) })
	require.NoError(t, err)
	assert.Empty(t, found)
	assert.Equal(t, VerifyStats{Records: 3, TextBytes: st.TextBytes, Snapshots: 1}, st)
	assert.Positive(t, st.TextBytes)
}

// Each kind of damage is an error of the reader that meets it, and
// Verify finds it, naming the record when there is one.
func TestDamageIsFound(t *testing.T) {
	k1 := key(1)
	flip := func(name []byte, k []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			b := bucket(tx, name)
			v := bytes.Clone(b.Get(k))
			v[len(v)/2] ^= 1
			return b.Put(k, v)
		}
	}
	del := func(name []byte, k []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error { return bucket(tx, name).Delete(k) }
	}
	read := map[string]func(s *Bolt) error{
		"text":  func(s *Bolt) error { _, err := s.Text(1); return err },
		"scan":  func(s *Bolt) error { return s.Scan(func(Record) error { return nil }) },
		"marks": func(s *Bolt) error { return s.ScanMarks(0, func(uint32, []uint64) error { return nil }) },
		"snapshot": func(s *Bolt) error {
			_, err := s.LoadSnapshot("index", func(r io.Reader) error { _, err := io.Copy(io.Discard, r); return err })
			return err
		},
	}
	snapKey := func(i uint32) []byte { return append([]byte("index/"), key(i)...) }
	cases := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		reader string
		record bool // Verify names record 1 and its ID
	}{
		{"text changed", flip(textsBucket, k1), "text", true},
		{"text lost", del(textsBucket, k1), "text", true},
		{"record changed", flip(recsBucket, k1), "scan", true},
		{"record lost", del(recsBucket, k1), "scan", false},
		{"marks changed", flip(marksBucket, k1), "marks", true},
		{"marks lost", del(marksBucket, k1), "marks", true},
		{"text moved", func(tx *bolt.Tx) error {
			b := bucket(tx, textsBucket)
			return b.Put(k1, bytes.Clone(b.Get(key(2))))
		}, "text", true},
		{"snapshot changed", flip(snapsBucket, snapKey(1)), "snapshot", false},
		{"snapshot cut short", del(snapsBucket, snapKey(1)), "snapshot", false},
		{"snapshot chunk lost", del(snapsBucket, snapKey(0)), "snapshot", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := damaged(t, c.damage)
			assert.ErrorIs(t, read[c.reader](s), ErrCorrupt)
			found := verify(t, s)
			require.NotEmpty(t, found)
			if c.record {
				assert.True(t, found[0].Record)
				assert.Equal(t, uint32(1), found[0].Num)
				if c.name != "record changed" {
					assert.Equal(t, "doc-1", found[0].ID)
					assert.Contains(t, found[0].Error(), `"doc-1"`)
				}
			}
		})
	}
}

// A file cut short is refused before bbolt reads past its end; one whose
// header was damaged and mended by the other header opens.
func TestHeaderChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path)
	require.NoError(t, err)
	for n := range uint32(50) {
		r, text := rec(n)
		require.NoError(t, s.Put([]Record{r}, []string{string(noise(3000)) + text}))
	}
	require.NoError(t, s.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, size := range []int{8 << 10, 40 << 10, len(data) / 2} {
		require.NoError(t, os.WriteFile(path, data[:size], 0o644))
		for _, open := range []func(string) (*Bolt, error){Open, OpenReadOnly} {
			_, err := open(path)
			assert.ErrorIs(t, err, ErrCorrupt, size)
			assert.ErrorContains(t, err, "cut short", size)
		}
	}
	// The newest header damaged: bbolt takes the other, of the
	// transaction before, whose records are all there too.
	m0, ok0 := parseMeta(data)
	m1, ok1 := parseMeta(data[4096:])
	require.True(t, ok0 && ok1)
	newest := 0
	if m1.txid > m0.txid {
		newest = 4096
	}
	bad := bytes.Clone(data)
	bad[newest+pageHeader+40] ^= 0xFF // its high-water mark
	require.NoError(t, os.WriteFile(path, bad, 0o644))
	s, err = OpenReadOnly(path)
	require.NoError(t, err)
	defer s.Close()
	n := 0
	require.NoError(t, s.Scan(func(Record) error { n++; return nil }))
	assert.Equal(t, 49, n, "the last Put is the one lost")
}

// fakeBolt returns the first pages of a bbolt file of pages pages of
// size bytes: its two headers (of transactions 1 and 2) and a free list
// naming free, at page 2, the rest zero.
func fakeBolt(size, pages int, free ...uint64) []byte {
	b := make([]byte, size*pages)
	le := binary.LittleEndian
	for i, txid := range []uint64{2, 1} { // the newer first, as bbolt may leave them
		page := b[i*size:]
		le.PutUint64(page, uint64(i))
		le.PutUint16(page[8:], 0x04) // meta
		m := page[pageHeader:]
		le.PutUint32(m, boltMagic)
		le.PutUint32(m[4:], boltVersion)
		le.PutUint32(m[8:], uint32(size))
		le.PutUint64(m[16:], 3) // root
		le.PutUint64(m[32:], 2) // free list
		le.PutUint64(m[40:], uint64(pages))
		le.PutUint64(m[48:], txid)
		h := fnv.New64a()
		h.Write(m[:metaSumOffset])
		le.PutUint64(m[metaSumOffset:], h.Sum64())
	}
	fl := b[2*size:]
	le.PutUint64(fl, 2)
	le.PutUint16(fl[8:], freelistFlag)
	le.PutUint16(fl[10:], uint16(len(free)))
	for i, id := range free {
		le.PutUint64(fl[pageHeader+8*i:], id)
	}
	return b
}

func TestCheckHeader(t *testing.T) {
	good := fakeBolt(1024, 6, 4, 5)
	require.NoError(t, checkHeader(bytes.NewReader(good), int64(len(good))))
	for name, b := range map[string][]byte{
		"cut short":         good[:5*1024],
		"free list outside": fakeBolt(1024, 6, 4, 9),
		"empty":             nil,
		"noise":             noise(8192),
	} {
		err := checkHeader(bytes.NewReader(b), int64(len(b)))
		assert.ErrorIs(t, err, ErrCorrupt, name)
	}
	// The newer header damaged, the older is taken, as bbolt does.
	bad := bytes.Clone(good)
	bad[pageHeader] ^= 1
	require.NoError(t, checkHeader(bytes.NewReader(bad), int64(len(bad))))
}

// FuzzCheckHeader feeds the header check files of any bytes: it reads
// only inside them, and refuses with ErrCorrupt or accepts.
func FuzzCheckHeader(f *testing.F) {
	f.Add(fakeBolt(1024, 6, 4, 5))
	f.Add(fakeBolt(1024, 4))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		err := checkHeader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			require.ErrorIs(t, err, ErrCorrupt)
		}
	})
}
