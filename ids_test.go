package neardup_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
)

func TestCorpusIDs(t *testing.T) {
	c, _ := seedCorpus(t)
	ids, err := c.IDs()
	require.NoError(t, err)
	assert.Equal(t, []string{"000", "001", "002", "003", "004"}, ids)
	removed, err := c.Remove("002")
	require.NoError(t, err)
	require.True(t, removed)
	ids, err = c.IDs()
	require.NoError(t, err)
	assert.Equal(t, []string{"000", "001", "003", "004"}, ids)
	require.NoError(t, c.Close())
	_, err = c.IDs()
	assert.ErrorIs(t, err, neardup.ErrClosed)
}

// IDs taken while documents are added are each a state the corpus was
// in: a prefix of the insertion order. Run with -race.
func TestCorpusIDsWhileAdding(t *testing.T) {
	c := neardup.NewCorpus(neardup.Default)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 200 {
			require.NoError(t, c.Add(string(rune('a'+i%26))+string(rune('0'+i/26)), "نص قصير رقم "+string(rune('0'+i%10))))
		}
	})
	for range 50 {
		ids, err := c.IDs()
		require.NoError(t, err)
		for k, id := range ids {
			assert.Equal(t, string(rune('a'+k%26))+string(rune('0'+k/26)), id)
		}
	}
	wg.Wait()
	ids, err := c.IDs()
	require.NoError(t, err)
	assert.Len(t, ids, 200)
}

// Sources and NearDuplicates of a stored document's own text find the
// document itself; Of leaves it out.
func TestCorpusOf(t *testing.T) {
	c, all := seedCorpus(t)
	require.NoError(t, c.Add("000-copy", respell(all["000"])))

	near, err := c.NearDuplicates(all["000"], neardup.DefaultRadius)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Match{{ID: "000", Distance: 0}, {ID: "000-copy", Distance: 0}}, near)
	srcs, err := c.Sources(all["000"])
	require.NoError(t, err)
	require.Len(t, srcs, 2)

	ans, err := c.Of("000", neardup.DefaultRadius)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Match{{ID: "000-copy", Distance: 0}}, ans.NearDuplicates)
	require.Len(t, ans.Sources, 1)
	assert.Equal(t, "000-copy", ans.Sources[0].ID)

	_, err = c.Of("nope", 3)
	assert.ErrorIs(t, err, neardup.ErrNotFound)
	assert.EqualError(t, err, `neardup: document "nope": store: no such record`)
}

// An error about a document says what and which once.
func TestDocumentErrorSaysItOnce(t *testing.T) {
	c, all := seedCorpus(t)
	assert.EqualError(t, c.Add("000", all["000"]), `neardup: document "000": ID already in the corpus`)
	assert.EqualError(t, c.Add("", "x"), `neardup: document "": empty document ID`)
}
