package neardup

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStampDiff(t *testing.T) {
	old := "neardup-corpus/1 rules={Compat:true Case:true Punct:true} keepDebris=false shingle=4 k=12 probe=aa"
	now := "neardup-corpus/1 rules={Compat:true Case:false Punct:true} keepDebris=true shingle=4 k=12 probe=bb"
	assert.Equal(t, "rules.Case: store true, now false; keepDebris: store false, now true", stampDiff(old, now))
	assert.Equal(t, "", stampDiff(old, old))
	assert.Equal(t, "w: not in the store's stamp, now 39; k: store 12, not a setting now",
		stampDiff("neardup-corpus/1 k=12", "neardup-corpus/1 w=39"))
}

// A store opened with other settings says which differ, and only those.
func TestOpenConfigMismatchNamesTheSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	c, err := Open(path, Default)
	require.NoError(t, err)
	require.NoError(t, c.Add("x", "نص قصير للتجربة"))
	require.NoError(t, c.Close())
	cfg := Default
	cfg.KeepDebris = true
	cfg.Rules.Case = false
	_, err = Open(path, cfg)
	require.ErrorIs(t, err, ErrConfig)
	assert.EqualError(t, err, "neardup: the store was built with a different configuration: rules.Case: store true, now false; keepDebris: store false, now true")
}

func TestOpenReadOnlyMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := OpenReadOnly(path, Default)
	assert.EqualError(t, err, "neardup: no store at "+path+": file does not exist")
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}
