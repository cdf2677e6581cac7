package neardup_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/store"
)

// IDs and texts reach the database as parameters, never as SQL, and
// come back byte for byte: quotes, backslashes, SQL, NUL bytes (which
// PostgreSQL's text type cannot hold: IDs and texts are bytea), invalid
// UTF-8, very long values.
func TestSharedHostileIDsAndTexts(t *testing.T) {
	c, _ := openShared(t, neardup.Default)
	all := seeds(t)
	seed := all["000"] + all["001"] + all["002"] + all["003"] + all["004"]
	require.Greater(t, len(seed), 14000)
	docs := []neardup.Document{
		{ID: `it's "quoted"`, Text: `a text with 'single' and "double" quotes: ` + seed},
		{ID: `back\slash\\`, Text: `back\slash \' \" \\x00 ` + seed[:2000]},
		{ID: `x'); DROP TABLE neardup_docs; --`, Text: `'); DELETE FROM neardup_marks; -- ` + seed[2000:5000]},
		{ID: "nul\x00inside", Text: "before the NUL\x00after it " + seed[5000:8000]},
		{ID: "bad utf-8 \xff\xfe", Text: "invalid \xff\xfe bytes " + seed[8000:11000]},
		{ID: strings.Repeat("long-id-", store.MaxIDLen/8), Text: strings.Repeat(seed, 40)}, // 64 KiB ID, 1 MB text
		{ID: "$1 $2 %s %v ?", Text: "placeholders $1 ? %s " + seed[11000:14000]},
	}
	require.NoError(t, c.AddBatch(docs))
	ids, err := c.IDs()
	require.NoError(t, err)
	require.Len(t, ids, len(docs))
	for i, d := range docs {
		assert.Equal(t, d.ID, ids[i], "ID %d as stored", i)
		text, err := c.Text(d.ID)
		require.NoError(t, err)
		assert.Equal(t, d.Text, text, "text of %q, byte for byte", d.ID[:min(len(d.ID), 40)])
		a, err := c.Of(d.ID, neardup.DefaultRadius)
		require.NoError(t, err)
		for _, s := range a.Sources {
			assert.NotEqual(t, d.ID, s.ID)
		}
		assert.ErrorIs(t, c.Add(d.ID, "again"), neardup.ErrDuplicateID)
	}
	// The tables are all there, and the ID one longer than the store
	// keeps is refused before it reaches the database.
	assert.Equal(t, len(docs), c.Len())
	assert.ErrorIs(t, c.Add(strings.Repeat("x", store.MaxIDLen+1), seed), neardup.ErrLongID)
	ok, err := c.Remove("nul\x00inside")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = c.Remove("nul")
	require.NoError(t, err)
	assert.False(t, ok, "an ID is matched whole, not up to a NUL")
	assert.Equal(t, len(docs)-1, c.Len())
}
