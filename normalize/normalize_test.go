package normalize_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/transform"

	"github.com/neardup/neardup/normalize"
)

func TestFolds(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"harakat and tanween", "جُنُودًا", "جنودا"},
		{"shadda sukun superscript alef", "مُحَمَّدٌ هٰذا", "محمد هذا"},
		{"quranic marks", "ٱلرَّحْمَٰنِ ۖ", "الرحمن"},
		{"tatweel", "كـــبير", "كبير"},
		{"alef forms", "أحمد إلى آخر ٱلقول", "احمد الي اخر القول"},
		{"alef forms of other languages", "ٲ ٳ ٵ", "ا ا ا"},
		{"hamza seats", "مسؤول مسئول شؤون شئون رؤوس رءوس", "مسءول مسءول شءون شءون رءوس رءوس"},
		// Decomposed seats keep their letter (Rules.Hamza says why).
		{"hamza seats decomposed", "مسو\u0654ول مسي\u0654ول", "مسوول مسيول"},
		// Presentation forms and ligatures decompose to letter + U+0654
		// within one rune, and fold as the precomposed letters do.
		{"hamza seat presentation forms", "مس\uFE85ول \uFE89 \uFE8C \uFBEA \uFE83", "مسءول ء ء ءا ا"},
		{"alef maksura", "على", "علي"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"persian letters", "کوریا الشمالیة ۀ ہ ھ", "كوريا الشماليه ه ه ه"},
		{"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"persian digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"devanagari digits", "१२३", "123"},
		{"full-width", "ＡＢＣ１２３", "abc123"},
		{"presentation forms", "ﺑﺴﻢ ﷲ ﻻ", "بسم الله لا"},
		{"latin case and accents", "Café ÉTÉ Straße İstanbul", "cafe ete strasse istanbul"},
		{"decomposed accents", "Cafe\u0301", "cafe"},
		{"arabic punctuation", "قال، ثم؛ لماذا؟ «نعم»", "قال ثم لماذا نعم"},
		{"quotes dashes ellipsis", "“yes” – no — maybe…", "yes no maybe"},
		{"numbers", "11.000 و11,000", "11 000 و11 000"},
		{"format characters", "می\u200cشود \u200fنص\u200e \ufeffx\u00ad", "ميشود نص x"},
		{"whitespace runs", "  a \t\u00a0 b  ", "a b"},
		{"line breaks win", "a \n\n  b\r\nc", "a\nb\nc"},
		{"punctuation only", " ... ، ؟ ", ""},
		{"empty", "", ""},
		{"invalid utf-8 is a separator", "ab\xffcd", "ab cd"},
		{"emoji kept", "x 😀 y", "x 😀 y"},
		{"hangul kept whole", "한국어", "한국어"},
		{"cherokee folds to capitals", "ᏹ Ᏹ ꭰ", "Ᏹ Ᏹ Ꭰ"},
		{"han kept", "中文", "中文"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, normalize.Default.String(c.in))
		})
	}
}

// TestFoldingTwiceChangesNothing checks every rune of the Basic
// Multilingual Plane and a few beyond it, alone and after a letter.
func TestFoldingTwiceChangesNothing(t *testing.T) {
	for c := rune(0); c <= 0x1FFFF; c++ {
		if c >= 0xD800 && c <= 0xDFFF {
			continue
		}
		for _, s := range []string{string(c), "a" + string(c)} {
			once := normalize.Default.String(s)
			if twice := normalize.Default.String(once); twice != once {
				assert.Failf(t, "folding twice changes the text", "%U: %+q, then %+q", c, once, twice)
			}
		}
	}
}

func TestRulesCanBeTurnedOff(t *testing.T) {
	r := normalize.Default
	r.Alef, r.TehMarbuta, r.Digits, r.Case = false, false, false, false
	assert.Equal(t, "أحمد مدرسة ١٢ Abc", r.String("أحمد مدرسة ١٢ Abc"))
	r = normalize.Default
	r.Hamza = false
	assert.Equal(t, "مسؤول", r.String("مسؤول"))
	assert.Equal(t, "مسؤول", r.String("مس\uFE85ول"), "a presentation form keeps its seat too")
	r = normalize.Default
	r.Alef = false
	assert.Equal(t, "أ إ آ", r.String("\uFE83 \uFE87 \uFE81"))
	// With marks kept, a folded letter still loses its hamza or madda,
	// written precomposed or as a presentation form.
	r = normalize.Rules{Compat: true, Alef: true, Hamza: true}
	assert.Equal(t, "ا ا ا ء ء", r.String("أ \uFE83 آ ؤ \uFE85"))
	// The zero value folds whitespace only.
	assert.Equal(t, "أَ، B\nc", normalize.Rules{}.String("أَ،  B \n c"))
}

func TestTextOffsets(t *testing.T) {
	src := "  قالَ: «كييف، أوكرانيا» ﻻ\n١٢ Straße"
	txt, err := normalize.Default.Text(src)
	require.NoError(t, err)
	assert.Equal(t, "قال كييف اوكرانيا لا\n12 strasse", txt.String())

	// Each folded word maps back to the original word, its marks
	// included (the fatha after قال too) but no surrounding punctuation.
	f := txt.String()
	for _, w := range []struct{ folded, orig string }{
		{"قال", "قالَ"},
		{"كييف", "كييف"},
		{"اوكرانيا", "أوكرانيا"},
		{"لا", "ﻻ"},
		{"12", "١٢"},
		{"strasse", "Straße"},
	} {
		i := strings.Index(f, w.folded)
		require.GreaterOrEqual(t, i, 0, w.folded)
		ri := utf8.RuneCountInString(f[:i])
		s, e := txt.ByteSpan(ri, ri+utf8.RuneCountInString(w.folded))
		assert.Equal(t, w.orig, src[s:e], w.folded)
		rs, re := txt.RuneSpan(ri, ri+utf8.RuneCountInString(w.folded))
		assert.Equal(t, w.orig, string([]rune(src)[rs:re]), w.folded)
	}
	// Marks at the very end go with the last letter too.
	for _, src := range []string{"عاد مُحَمَّدٌ", "Cafe\u0301", "كـــبيرـ"} {
		txt, err := normalize.Default.Text(src)
		require.NoError(t, err)
		s, e := txt.ByteSpan(0, txt.Len())
		assert.Equal(t, [2]int{0, len(src)}, [2]int{s, e}, src)
		rs, re := txt.RuneSpan(0, txt.Len())
		assert.Equal(t, [2]int{0, utf8.RuneCountInString(src)}, [2]int{rs, re}, src)
	}
	s, e := txt.ByteSpan(3, 3)
	assert.Equal(t, s, e)
	s, e = txt.ByteSpan(txt.Len(), txt.Len())
	assert.Equal(t, len(src), s)
	assert.Equal(t, len(src), e)
}

// The fast path and the offset-keeping path must agree on every input.
func TestAppendRunesMatchesText(t *testing.T) {
	for _, path := range seedPaths(t) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		txt, err := normalize.Default.Text(string(b))
		require.NoError(t, err)
		assert.Equal(t, txt.Runes, normalize.Default.AppendRunes(nil, string(b)), path)
		// Appending keeps what was there and adds no leading separator.
		got := normalize.Default.AppendRunes([]rune("x"), " "+string(b))
		assert.Equal(t, append([]rune("x"), txt.Runes...), got)
	}
}

func seedPaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	require.NoError(t, err)
	require.Len(t, paths, 5)
	return paths
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "جُنُودًا كـــبير، ١٢", "a\xffb", "ﷺ ﻻ", "İ ß Ⅻ ＡＢ", "\n\n x \r\n", "e\u0301\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		txt, err := normalize.Default.Text(s)
		require.NoError(t, err)
		fast := normalize.Default.AppendRunes(nil, s)
		require.Equal(t, string(txt.Runes), string(fast))
		rs := txt.Runes
		if len(rs) > 0 {
			require.NotContains(t, []rune{' ', '\n'}, rs[0])
			require.NotContains(t, []rune{' ', '\n'}, rs[len(rs)-1])
		}
		prevEnd := 0
		for i := range rs {
			if i > 0 && (rs[i] == ' ' || rs[i] == '\n') {
				require.NotContains(t, []rune{' ', '\n'}, rs[i-1], "two separators in a row")
			}
			b, e := txt.ByteSpan(i, i+1)
			require.True(t, b >= 0 && b < e && e <= len(s), "span %d-%d", b, e)
			// A folded rune comes from one source rune (an invalid
			// byte counts as one) and takes the marks folded away
			// after it.
			_, size := utf8.DecodeRuneInString(s[b:])
			require.LessOrEqual(t, b+size, e)
			for _, m := range s[b+size : e] {
				require.True(t, m == 'ـ' || unicode.In(m, unicode.Mn, unicode.Me, unicode.Mc), "%U in the span of a folded rune", m)
			}
			require.GreaterOrEqual(t, e, prevEnd-4, "spans go forward")
			prevEnd = e
		}
		streamed, _, err := transform.String(normalize.Default.Transformer(), s)
		require.NoError(t, err)
		require.Equal(t, string(fast), streamed)
		// Folding is idempotent.
		folded := txt.String()
		require.Equal(t, folded, normalize.Default.String(folded))
		require.True(t, utf8.ValidString(folded))
	})
}

func TestWithout(t *testing.T) {
	src := "عنوان الخبر\nاقرأ أيضاً: خبر آخر\nنص الخبر هنا\nاترك تعليقاً"
	txt, err := normalize.Default.Text(src)
	require.NoError(t, err)
	f := []rune(txt.String())
	line := func(s string) [2]int {
		i := strings.Index(string(f), s)
		require.GreaterOrEqual(t, i, 0)
		ri := utf8.RuneCountInString(string(f)[:i])
		return [2]int{ri, ri + utf8.RuneCountInString(s)}
	}
	cut := txt.Without([][2]int{line("اقرا ايضا خبر اخر"), line("اترك تعليقا")})
	assert.Equal(t, "عنوان الخبر\nنص الخبر هنا", cut.String())
	// Offsets still point into the original.
	b, e := cut.ByteSpan(cut.Len()-len([]rune("نص الخبر هنا")), cut.Len())
	assert.Equal(t, "نص الخبر هنا", src[b:e])
	assert.Same(t, txt, txt.Without(nil))
	assert.Empty(t, txt.Without([][2]int{{0, txt.Len()}}).Runes)
}

func TestTransformerMatchesString(t *testing.T) {
	for _, path := range seedPaths(t) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		want := normalize.Default.String(string(b))
		got, _, err := transform.String(normalize.Default.Transformer(), string(b))
		require.NoError(t, err)
		assert.Equal(t, want, got, path)
		// Through a reader with a tiny buffer, splitting runes.
		r := transform.NewReader(iotest.OneByteReader(strings.NewReader("  "+string(b)+" \n")), normalize.Default.Transformer())
		all, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, want, string(all))
	}
}
