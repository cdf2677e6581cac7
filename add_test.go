package neardup

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/store"
)

func TestCutSteps(t *testing.T) {
	doc := func(n int) Document { return Document{Text: strings.Repeat("x", n)} }
	var docs []Document
	for range 1100 {
		docs = append(docs, doc(10))
	}
	docs = append(docs, doc(batchBytes/2), doc(batchBytes/2), doc(1), doc(3*batchBytes), doc(1))
	var sizes, bytes []int
	for _, st := range cutSteps(docs) {
		sizes, bytes = append(sizes, len(st.docs)), append(bytes, st.bytes)
	}
	assert.Equal(t, []int{512, 512, 77, 2, 1, 1}, sizes, "by count, then by bytes; a long document alone")
	assert.Equal(t, []int{5120, 5120, 760 + batchBytes/2, batchBytes/2 + 1, 3 * batchBytes, 1}, bytes)
	assert.Empty(t, cutSteps(nil))
}

// fullDisk is a store whose writes fail after some.
type fullDisk struct {
	store.Memory
	left int
}

func (f *fullDisk) Put(recs []store.Record, texts []string) error {
	if f.left == 0 {
		return fmt.Errorf("write c.db: %w", syscall.ENOSPC)
	}
	f.left--
	return f.Memory.Put(recs, texts)
}

// A failed write ends AddBatch: the steps before it are added, its own
// documents fail with the store's error, and the others are not tried.
func TestAddBatchStopsAtFailedWrite(t *testing.T) {
	s := &fullDisk{left: 2}
	c, err := OpenStore(s, Default)
	require.NoError(t, err)
	var docs []Document
	for i := range 4 * batchSize {
		docs = append(docs, Document{ID: fmt.Sprintf("d%04d", i), Text: fmt.Sprintf("نص الخبر رقم %d عن موضوع ما", i)})
	}
	err = c.AddBatch(docs)
	require.Error(t, err)
	assert.Equal(t, 2*batchSize, c.Len())
	var write, stopped int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var de *DocumentError
		require.True(t, errors.As(e, &de))
		switch {
		case errors.Is(e, ErrWrite):
			assert.ErrorIs(t, e, syscall.ENOSPC)
			write++
		case errors.Is(e, ErrStopped):
			stopped++
		default:
			t.Errorf("unexpected %v", e)
		}
	}
	assert.Equal(t, batchSize, write)
	assert.Equal(t, batchSize, stopped)
	assert.ErrorIs(t, c.Add("one", "نص آخر"), ErrWrite)
}
