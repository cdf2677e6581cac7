package prepare_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

func seedTexts(t *testing.T) []string {
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	return out
}

func TestSettingsResolved(t *testing.T) {
	got := prepare.New(prepare.Settings{}).Settings()
	assert.Equal(t, shingle.DefaultSize, got.ShingleSize)
	assert.Equal(t, shingle.DefaultSeedSize, got.SeedSize)
	assert.Equal(t, shingle.DefaultMarkSpan, got.MarkSpan)
	got = prepare.New(prepare.Settings{ShingleSize: -3, SeedSize: 20, MarkSpan: 5}).Settings()
	assert.Equal(t, shingle.DefaultSize, got.ShingleSize)
	assert.Equal(t, 20, got.MarkSpan, "a span shorter than a seed window is one window")
}

func TestOfShares(t *testing.T) {
	a := prepare.Of(prepare.Default)
	assert.Same(t, a, prepare.Of(prepare.Default))
	s := prepare.Default
	s.ShingleSize = shingle.DefaultSize // the same once resolved
	assert.Same(t, a, prepare.Of(s))
	assert.NotSame(t, a, prepare.Of(prepare.Settings{Rules: normalize.Default, KeepDebris: true}))
}

// The fingerprint's fast path gives what a whole Doc has, with debris
// removed or kept.
func TestFingerprintMatchesPrepare(t *testing.T) {
	texts := append(seedTexts(t), "", "  ...  ", "كلمة", "[ad_1]\nتم نسخ الرابط\n")
	for _, keep := range []bool{false, true} {
		p := prepare.Of(prepare.Settings{Rules: normalize.Default, KeepDebris: keep})
		for i, s := range texts {
			d, err := p.Prepare(s)
			require.NoError(t, err)
			fp, err := p.Fingerprint(s)
			if !d.HasFingerprint {
				assert.ErrorIs(t, err, simhash.ErrNoFeatures, "text %d", i)
				continue
			}
			require.NoError(t, err)
			assert.Equal(t, d.Fingerprint, fp, "text %d, keep debris %v", i, keep)
		}
	}
}

// A Doc's parts agree with the steps they come from.
func TestDocParts(t *testing.T) {
	p := prepare.Of(prepare.Default)
	for _, s := range seedTexts(t) {
		d, err := p.Prepare(s)
		require.NoError(t, err)
		hashes := shingle.AppendHashes(nil, d.Text.Runes, shingle.DefaultSize)
		require.Len(t, d.Tops, len(hashes))
		var set []uint32
		for i, h := range hashes {
			assert.Equal(t, uint16(h>>48), d.Tops[i])
			set = append(set, uint32(h>>32))
		}
		slices.Sort(set)
		assert.Equal(t, slices.Compact(set), d.Shingles)
		assert.Equal(t, shingle.AppendMarks(nil, d.Text.Runes, shingle.DefaultSeedSize, shingle.DefaultMarkWindow), d.Marks())
		assert.Equal(t, shingle.AppendContentWords(nil, d.Text.Runes, 0), d.Words)
		assert.Len(t, d.MarkHashes(nil), len(d.Marks()))
		assert.True(t, d.Alike(d))
		assert.Equal(t, p.Settings(), d.Settings())
	}
}

// Stamps change with the settings, not from call to call.
func TestStamp(t *testing.T) {
	a, err := prepare.Of(prepare.Default).Stamp()
	require.NoError(t, err)
	b, err := prepare.New(prepare.Default).Stamp()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	c, err := prepare.Of(prepare.Settings{Rules: normalize.Default, SeedSize: 10}).Stamp()
	require.NoError(t, err)
	assert.NotEqual(t, a, c)
}
