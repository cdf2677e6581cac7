package shingle_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

func text(t *testing.T, s string) *normalize.Text {
	t.Helper()
	txt, err := normalize.Default.Text(s)
	require.NoError(t, err)
	return txt
}

func TestCharsRollingEqualsDirect(t *testing.T) {
	// The rolling hash of every window equals the hash of that window on
	// its own.
	txt := text(t, "كييف، أوكرانيا (AP) – يظهر الفيديو العشرات")
	for _, n := range []int{1, 2, 4, 7} {
		sh := shingle.Chars(txt, n)
		require.Len(t, sh, txt.Len()-n+1)
		for _, s := range sh {
			alone := shingle.AppendHashes(nil, txt.Runes[s.Pos:s.End], n)
			require.Len(t, alone, 1)
			assert.Equal(t, alone[0], s.Hash, "n=%d pos=%d", n, s.Pos)
		}
	}
}

func TestCharsSpellingVariantsHashAlike(t *testing.T) {
	a := shingle.Chars(text(t, "جُنُودًا كوريين شماليين في روسيا"), 0)
	b := shingle.Chars(text(t, "جنـــودا  كوريين، شماليين فى روسيا!"), 0)
	assert.Equal(t, a, b)
	// Line breaks hash as spaces.
	c := shingle.Chars(text(t, "جنودا كوريين\nشماليين في روسيا"), 0)
	for i := range a {
		assert.Equal(t, a[i].Hash, c[i].Hash)
	}
}

func TestCharsEdges(t *testing.T) {
	assert.Empty(t, shingle.Chars(text(t, ""), 4))
	assert.Empty(t, shingle.Chars(text(t, " ... ، "), 4))
	short := shingle.Chars(text(t, "ab"), 4)
	require.Len(t, short, 1, "a text shorter than n is one shingle")
	assert.Equal(t, shingle.Shingle{Hash: short[0].Hash, Pos: 0, End: 2}, short[0])
	assert.NotEqual(t, short[0].Hash, shingle.Chars(text(t, "ba"), 4)[0].Hash)
	// Distinct windows hash apart.
	seen := map[uint64]string{}
	txt := text(t, "abcdefghijklmnopqrstuvwxyz ابتثجحخدذرزسشصضطظعغفقكلمنهوي 0123456789")
	for _, s := range shingle.Chars(txt, 3) {
		w := string(txt.Runes[s.Pos:s.End])
		if prev, ok := seen[s.Hash]; ok {
			assert.Equal(t, prev, w)
		}
		seen[s.Hash] = w
	}
}

func TestTokens(t *testing.T) {
	txt := text(t, "قال الرئيس: «نعم» 2024 中华人民共和国成立了 ok")
	var words []string
	for _, tk := range shingle.AppendTokens(nil, txt.Runes) {
		words = append(words, string(txt.Runes[tk.Pos:tk.End]))
	}
	require.GreaterOrEqual(t, len(words), 7)
	assert.Equal(t, []string{"قال", "الرءيس", "نعم", "2024"}, words[:4])
	assert.Equal(t, "ok", words[len(words)-1])
	han := words[4 : len(words)-1]
	assert.Greater(t, len(han), 1, "the Han run is segmented")
	assert.Less(t, len(han), 9, "into words, not characters")
	joined := ""
	for _, w := range han {
		joined += w
	}
	assert.Equal(t, "中华人民共和国成立了", joined)
}

func TestWords(t *testing.T) {
	txt := text(t, "وقال سولوفي لوكالة أسوشيتد برس")
	w2 := shingle.Words(txt, 2)
	require.Len(t, w2, 4)
	b, e := txt.ByteSpan(w2[1].Pos, w2[1].End)
	assert.Equal(t, "سولوفي لوكالة", txt.Src[b:e])
	// Same words, different spelling and punctuation: same hashes.
	other := shingle.Words(text(t, "وقال سولوفى، لوكالة اسوشيتد برس."), 2)
	for i := range w2 {
		assert.Equal(t, w2[i].Hash, other[i].Hash)
	}
	// Word order matters inside a shingle.
	swapped := shingle.Words(text(t, "سولوفي وقال"), 2)
	assert.NotEqual(t, w2[0].Hash, swapped[0].Hash)
	assert.Len(t, shingle.Words(txt, 9), 1, "fewer words than n: one shingle")
	assert.Empty(t, shingle.Words(text(t, "،،"), 2))
}

func FuzzShingle(f *testing.F) {
	for _, s := range []string{"", "جُنُودًا كوريين", "中文 text", "a\xffb  c"} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%12 + 1
		if n < 1 {
			n += 12
		}
		txt, err := normalize.Default.Text(s)
		require.NoError(t, err)
		for _, sh := range shingle.Chars(txt, n) {
			require.True(t, 0 <= sh.Pos && sh.Pos < sh.End && sh.End <= txt.Len())
		}
		prev := 0
		for _, sh := range shingle.Words(txt, n) {
			require.True(t, prev <= sh.Pos && sh.Pos < sh.End && sh.End <= txt.Len())
			prev = sh.Pos
		}
	})
}
