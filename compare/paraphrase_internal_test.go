package compare

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A table's lines join stems into classes, transitively and whatever
// their order; comments, blank and one-word lines are skipped, and a
// word of no stem (too short) joins nothing.
func TestParseParaphrases(t *testing.T) {
	stem := func(w string) uint64 {
		s, ok := stemOf(w)
		require.True(t, ok, w)
		return s
	}
	for _, table := range []string{
		"# comment\tكلمة\nالمقبل\tالقادم\t5\n\nالقادم\tالآتي\nوحيدة\nاليوم\tامس\nا\tالمقبل\n",
		"اليوم\tامس\nالقادم\tالآتي\t7\r\nالمقبل\tالقادم\n",
	} {
		p := parseParaphrases(table)
		assert.Equal(t, p.canon(stem("المقبل")), p.canon(stem("الآتي")))
		assert.Equal(t, p.canon(stem("والقادم")), p.canon(stem("المقبل")), "a stem, whatever the clitics")
		assert.Equal(t, p.canon(stem("اليوم")), p.canon(stem("امس")))
		assert.NotEqual(t, p.canon(stem("اليوم")), p.canon(stem("المقبل")))
		assert.Equal(t, stem("كلمة"), p.canon(stem("كلمة")), "a comment joins nothing")
		assert.Equal(t, 5, p.n)
	}
	var none *paraphrases
	assert.Equal(t, stem("اليوم"), none.canon(stem("اليوم")))
	// The shipped table is read and joins what it learned.
	assert.Equal(t, learned().canon(stem("الامريكي")), learned().canon(stem("الاميركي")))
}
