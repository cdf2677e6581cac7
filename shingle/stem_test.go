package shingle_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

func TestStem(t *testing.T) {
	stem := func(w string) string {
		return string(shingle.Stem([]rune(normalize.Default.String(w))))
	}
	// Clitics and inflections of one word share a stem.
	for _, group := range [][]string{
		{"الطيران", "والطيران", "بالطيران", "طيران"},
		{"المتهمون", "المتهمين", "متهم"},
		{"المملكة", "مملكة"},
		{"للمستشفى", "المستشفى"},
	} {
		for _, w := range group[1:] {
			assert.Equal(t, stem(group[0]), stem(w), "%s and %s", group[0], w)
		}
	}
	// Short words keep their letters; other scripts are their own stem.
	assert.Equal(t, "ولد", stem("ولد"))
	assert.Equal(t, "news", stem("news"))
	assert.Equal(t, "2015", stem("2015"))
	assert.Equal(t, stem("2015"), stem("2015م"))
	assert.Empty(t, shingle.Stem(nil))
}

// Words carry the stem's hash: two spellings of one stem hash alike.
func TestWordStems(t *testing.T) {
	ws := shingle.AppendContentWords(nil, []rune(normalize.Default.String("بالطيران والطيران")), 0)
	assert.Len(t, ws, 2)
	assert.NotEqual(t, ws[0].Hash, ws[1].Hash)
	assert.Equal(t, ws[0].Stem, ws[1].Stem)
}
