package counter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusDir is the COUNTER evaluation half, present only beside the
// project's own checkout (research data, not in the repository).
var corpusDir = filepath.Join("..", "..", "..", "..", "shared", "eval", "counter")

func TestCOUNTERCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no evaluation data at %s", corpusDir)
	}
	pairs, err := ReadDir(corpusDir)
	require.NoError(t, err)
	assert.Greater(t, len(pairs), 100)
	count := map[Class]int{}
	for _, p := range pairs {
		count[p.Class]++
		require.NotEmpty(t, p.Source.Body, p.ID)
		require.NotEmpty(t, p.Derived.Body, p.ID)
		assert.NotContains(t, p.Source.Text()+p.Derived.Text(), `\"`, p.ID)
	}
	t.Logf("%d pairs: WD %d, PD %d, ND %d", len(pairs), count[WD], count[PD], count[ND])
}
