package neardup

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/store"
)

// textCounter is a store that counts the texts read, which is what
// aligning a stored document with a query takes.
type textCounter struct {
	store.Memory
	reads atomic.Int64
}

func (s *textCounter) Text(n uint32) (string, error) {
	s.reads.Add(1)
	return s.Memory.Text(n)
}

// A query naming its own ID never aligns the document with its own
// stored copy: the copy is left out before any text is read.
func TestQueryNeverAlignsItsOwnCopy(t *testing.T) {
	s := &textCounter{}
	cfg := Default
	cfg.CacheBytes = -1 // every alignment reads its text
	c, err := OpenStore(s, cfg)
	require.NoError(t, err)
	text := "وزارة الصحة تعلن نتائج حملة التطعيم الموسمية في جميع المناطق، وتدعو المواطنين إلى مراجعة المراكز الصحية القريبة منهم قبل نهاية الشهر الجاري. "
	require.NoError(t, c.Add("self", text+text))
	d, err := Prepare(text + text)
	require.NoError(t, err)

	ans, err := c.Query(Query{Doc: d, ID: "self", Radius: DefaultRadius})
	require.NoError(t, err)
	assert.Empty(t, ans.Sources)
	assert.Empty(t, ans.NearDuplicates)
	assert.Zero(t, s.reads.Load(), "its text was read: it was aligned")

	// Under another ID, the same text is found, and aligned.
	ans, err = c.Query(Query{Doc: d, ID: "other", Radius: DefaultRadius})
	require.NoError(t, err)
	require.Len(t, ans.Sources, 1)
	assert.Equal(t, int64(1), s.reads.Load())
}
