package shingle_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// TestContentWordsOfLongText checks that the words of a text tokenized a
// stretch at a time are those of its tokens taken whole.
func TestContentWordsOfLongText(t *testing.T) {
	words := strings.Fields(normalize.Default.String("قال رئيس الوزراء في مؤتمر صحفي عقده اليوم إن المفاوضات ستستمر Tokyo 東京都に住んでいます"))
	var b strings.Builder
	for i := 0; b.Len() < 600_000; i++ {
		b.WriteString(words[i*7%len(words)])
		b.WriteString([]string{" ", "\n", " "}[i%3])
	}
	runes := []rune(b.String())
	var want []shingle.Word
	for _, tk := range shingle.AppendTokens(nil, runes) {
		if w := runes[tk.Pos:tk.End]; len(w) >= shingle.MinContentRunes {
			want = append(want, shingle.Word{Hash: shingle.AppendContentWords(nil, w, 0)[0].Hash, Stem: shingle.AppendContentWords(nil, w, 0)[0].Stem, Pos: int32(tk.Pos), End: int32(tk.End)})
		}
	}
	got := shingle.AppendContentWords(nil, runes, 0)
	require.Greater(t, len(runes), 1<<17)
	assert.Equal(t, want, got)
	assert.Equal(t, len(got), cap(got))
}
