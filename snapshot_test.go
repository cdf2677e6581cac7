package neardup

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/store"
)

// sources returns the IDs of the sources of text in c.
func sourceIDs(t *testing.T, c *Corpus, text string) []string {
	t.Helper()
	srcs, err := c.Sources(text)
	require.NoError(t, err)
	var ids []string
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestSnapshotReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	a := strings.Repeat("الخبر الأول عن افتتاح المعرض الدولي للكتاب في الرياض بمشاركة واسعة. ", 6)
	b := strings.Repeat("وزارة الصحة تعلن نتائج حملة التطعيم الموسمية في جميع المناطق. ", 6)
	d := strings.Repeat("ارتفاع أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج. ", 6)

	c, err := Open(path, Default)
	require.NoError(t, err)
	require.NoError(t, c.Add("a", a))
	require.NoError(t, c.Add("b", b))
	require.NoError(t, c.Add("top", d)) // the highest number, removed later
	require.NoError(t, c.Close())       // snapshot of a, b, top

	// Reopened from the snapshot; changed; not closed (as if killed).
	c, err = Open(path, Default)
	require.NoError(t, err)
	assert.False(t, c.dirty, "loaded from the snapshot, nothing replayed")
	assert.Equal(t, []string{"a"}, sourceIDs(t, c, a))
	removed, err := c.Remove("top")
	require.NoError(t, err)
	require.True(t, removed)
	require.NoError(t, c.Add("c", "نص جديد تماما عن مباراة كرة القدم في الدوري السعودي للمحترفين مساء أمس. "+a[:200]))
	require.NoError(t, c.store.Close())

	c, err = Open(path, Default)
	require.NoError(t, err)
	assert.Empty(t, sourceIDs(t, c, d), "removed after the snapshot, still removed")
	assert.Equal(t, []string{"a", "c"}, sourceIDs(t, c, a), "added after the snapshot, replayed")
	require.NoError(t, c.Add("top2", d))
	assert.Equal(t, []string{"top2"}, sourceIDs(t, c, d))
	require.NoError(t, c.Close())

	// A damaged snapshot is ignored: the index is rebuilt from the marks.
	s, err := store.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.SaveSnapshot(snapshotName, func(w io.Writer) error {
		_, err := w.Write([]byte("\x05\x00\x00\x00garbage"))
		return err
	}))
	require.NoError(t, s.Close())
	c, err = Open(path, Default)
	require.NoError(t, err)
	assert.True(t, c.dirty)
	assert.Equal(t, []string{"a", "c"}, sourceIDs(t, c, a))
	assert.Equal(t, []string{"top2"}, sourceIDs(t, c, d))
	require.NoError(t, c.Close())
}
