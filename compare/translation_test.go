package compare_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

// The verdicts and passage kind of cross-lingual comparison read and
// write by name, and a partial translation is reuse but not one story.
func TestTranslationVerdicts(t *testing.T) {
	assert.Equal(t, "translation", compare.Translation.String())
	assert.Equal(t, "partial-translation", compare.PartialTranslation.String())
	assert.Equal(t, "translated", compare.Translated.String())
	assert.True(t, compare.Translation.IsStory())
	assert.True(t, compare.Translation.IsReuse())
	assert.False(t, compare.PartialTranslation.IsStory())
	assert.True(t, compare.PartialTranslation.IsReuse())
	for _, v := range []compare.Verdict{compare.PartialTranslation, compare.Translation} {
		var back compare.Verdict
		require.NoError(t, back.UnmarshalText([]byte(v.String())))
		assert.Equal(t, v, back)
	}
	var k compare.PassageKind
	require.NoError(t, k.UnmarshalText([]byte("translated")))
	assert.Equal(t, compare.Translated, k)
	// The verdicts of one language keep their numbers.
	assert.Equal(t, compare.Verdict(6), compare.Identical)
}
