package index

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnapshotRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var x MarkIndex
	docs := make([]Doc, 300)
	for i := range docs {
		marks := make([]uint64, 40)
		for k := range marks {
			marks[k] = uint64(r.IntN(2000)) // shared hashes: real document frequencies
		}
		docs[i] = Doc{ID: DocID(i * 3), Marks: marks}
	}
	require.NoError(t, x.AddBatch(docs[:200]))
	for _, d := range docs[200:] {
		require.NoError(t, x.Add(d.ID, d.Marks)) // some in the delta
	}
	x.Remove(DocID(30))
	x.Remove(DocID(600))

	var buf bytes.Buffer
	n, err := x.WriteTo(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n)

	var y MarkIndex
	m, err := y.ReadFrom(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, n, m)
	assert.Equal(t, x.Len(), y.Len())
	assert.False(t, y.Has(30))
	assert.True(t, y.Has(3))
	for _, d := range docs[:50] {
		assert.Equal(t, x.Candidates(d.Marks, QueryOptions{Limit: -1, MaxDF: -1}),
			y.Candidates(d.Marks, QueryOptions{Limit: -1, MaxDF: -1}))
		assert.Equal(t, x.DF(d.Marks[0]), y.DF(d.Marks[0]))
	}
	// The loaded index takes changes as any other.
	require.NoError(t, y.Add(DocID(5000), docs[0].Marks))
	assert.ErrorIs(t, y.Add(DocID(3), docs[0].Marks), ErrExists)

	// An empty index round-trips too.
	var e, f MarkIndex
	buf.Reset()
	_, err = e.WriteTo(&buf)
	require.NoError(t, err)
	_, err = f.ReadFrom(&buf)
	require.NoError(t, err)
	assert.Zero(t, f.Len())
}

func TestSnapshotDamage(t *testing.T) {
	var x MarkIndex
	require.NoError(t, x.Add(1, []uint64{1, 2, 3}))
	require.NoError(t, x.Add(2, []uint64{2, 4}))
	var buf bytes.Buffer
	_, err := x.WriteTo(&buf)
	require.NoError(t, err)
	good := buf.Bytes()

	var y MarkIndex
	require.NoError(t, y.Add(9, []uint64{9}))
	for name, b := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXX"), good[4:]...),
		"truncated": good[:len(good)-3],
		"header":    good[:10],
	} {
		_, err := y.ReadFrom(bytes.NewReader(b))
		assert.ErrorIs(t, err, ErrSnapshot, name)
	}
	// Flip bytes of the header and of each array: never a panic, and an
	// error or an index that still answers.
	r := rand.New(rand.NewPCG(5, 6))
	for k := range 300 {
		i := k
		if k >= 64 {
			i = r.IntN(len(good))
		}
		b := bytes.Clone(good)
		b[i] ^= 0xA5
		var z MarkIndex
		if _, err := z.ReadFrom(bytes.NewReader(b)); err == nil {
			z.Candidates([]uint64{2}, QueryOptions{})
		}
	}
	assert.True(t, y.Has(9), "a failed read leaves the index as it was")
}

func FuzzReadFrom(f *testing.F) {
	var x MarkIndex
	_ = x.Add(1, []uint64{1, 2})
	var buf bytes.Buffer
	_, _ = x.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		var y MarkIndex
		if _, err := y.ReadFrom(bytes.NewReader(b)); err != nil {
			require.ErrorIs(t, err, ErrSnapshot)
			return
		}
		y.Candidates([]uint64{1, 2}, QueryOptions{MinShared: 1})
		_ = y.Add(1000, []uint64{7})
	})
}
