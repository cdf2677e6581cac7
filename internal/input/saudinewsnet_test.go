package input

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// realCorpus holds the SaudiNewsNet dumps where they are available; the
// test is skipped elsewhere.
const realCorpus = "../../../shared/corpora/saudinewsnet"

func TestSaudiNewsNet(t *testing.T) {
	zips, err := filepath.Glob(filepath.Join(realCorpus, "*.zip"))
	require.NoError(t, err)
	if len(zips) == 0 {
		t.Skipf("no SaudiNewsNet archives in %s", realCorpus)
	}
	if _, err := os.Stat(zips[0]); err != nil {
		t.Skipf("cannot use %s: %v", zips[0], err)
	}

	docs, errs := collect(t, zips[:1], Options{TextField: "content"})
	require.NotEmpty(t, docs)
	for _, d := range docs {
		assert.NotEmpty(t, d.Text)
		assert.NotEmpty(t, d.Meta["url"], d.Source)
		assert.Contains(t, d.Source, zips[0]+"!")
	}
	// The dumps hold some articles without content; nothing else may fail.
	for _, e := range errs {
		assert.True(t, errors.Is(e, ErrEmpty), "unexpected error: %v", e)
	}
	assert.Less(t, len(errs), len(docs)/10)
	t.Logf("%s: %d documents, %d without content", zips[0], len(docs), len(errs))
}
