package crosslingual_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/crosslingual"
)

// A translation is aligned line by line, with offsets into both
// originals, and gets the verdict translation.
func TestCompareTranslation(t *testing.T) {
	o := crosslingual.Options{Lexicon: testLexicon(t)}
	r, err := o.CompareTexts(wireEnglish, wireArabic)
	require.NoError(t, err)
	assert.Equal(t, compare.Translation, r.Verdict)
	assert.Equal(t, compare.WhollyDerived, r.Derived)
	assert.Equal(t, -1, r.Distance)
	enLines, arLines := strings.Split(wireEnglish, "\n"), strings.Split(wireArabic, "\n")
	require.Len(t, r.Passages, len(enLines))
	for k, p := range r.Passages {
		assert.Equal(t, compare.Translated, p.Kind)
		assert.Equal(t, enLines[k], wireEnglish[p.A.Start:p.A.End])
		assert.Equal(t, arLines[k], wireArabic[p.B.Start:p.B.End])
		assert.Equal(t, len([]rune(wireArabic[:p.B.Start])), p.B.RuneStart)
		assert.Equal(t, len([]rune(wireArabic[:p.B.End])), p.B.RuneEnd)
		assert.Greater(t, p.Similarity, 0.2)
	}
	assert.InDelta(t, 1, r.CoverageA, 1e-9)
	assert.InDelta(t, 1, r.CoverageB, 1e-9)
}

// The order of the arguments only exchanges the sides; Derived is set
// only when A is the English original.
func TestCompareEitherOrder(t *testing.T) {
	o := crosslingual.Options{Lexicon: testLexicon(t)}
	ab, err := o.CompareTexts(wireEnglish, wireArabic)
	require.NoError(t, err)
	ba, err := o.CompareTexts(wireArabic, wireEnglish)
	require.NoError(t, err)
	assert.Equal(t, ab.Verdict, ba.Verdict)
	assert.Equal(t, compare.NotDerived, ba.Derived)
	assert.Equal(t, ab.CoverageA, ba.CoverageB)
	require.Len(t, ba.Passages, len(ab.Passages))
	for k := range ab.Passages {
		assert.Equal(t, ab.Passages[k].A, ba.Passages[k].B)
	}
}

// An unrelated story is not a translation, however many function words
// and small numbers it shares; half a translation is partial.
func TestCompareUnrelatedAndPartial(t *testing.T) {
	o := crosslingual.Options{Lexicon: testLexicon(t)}
	r, err := o.CompareTexts(wireEnglish, otherArabic)
	require.NoError(t, err)
	assert.Equal(t, compare.Unrelated, r.Verdict)
	assert.Empty(t, r.Passages)

	lines := strings.Split(wireArabic, "\n")
	half := strings.Join(lines[1:3], "\n") + "\n" + otherArabic
	r, err = o.CompareTexts(wireEnglish, half)
	require.NoError(t, err)
	assert.Equal(t, compare.PartialTranslation, r.Verdict)
	assert.Equal(t, compare.PartlyDerived, r.Derived)
	assert.Len(t, r.Passages, 2)
}

// Without a lexicon, numbers, dates, places and names still align the
// lines that have them.
func TestCompareWithoutLexicon(t *testing.T) {
	r, err := crosslingual.Options{}.CompareTexts(wireEnglish, wireArabic)
	require.NoError(t, err)
	assert.NotEmpty(t, r.Passages)
	for _, p := range r.Passages {
		assert.Equal(t, strings.Count(wireEnglish[:p.A.Start], "\n"), strings.Count(wireArabic[:p.B.Start], "\n"),
			"passage %q", wireEnglish[p.A.Start:p.A.End])
	}
}

func TestCompareErrors(t *testing.T) {
	o := crosslingual.Options{}
	_, err := o.CompareTexts(wireArabic, otherArabic)
	assert.ErrorIs(t, err, crosslingual.ErrSameLanguage)
	_, err = o.CompareTexts("one text", "another")
	assert.ErrorIs(t, err, crosslingual.ErrSameLanguage)
	r, err := o.CompareTexts("the of and", wireArabic)
	require.NoError(t, err)
	assert.Equal(t, compare.NoEvidence, r.Verdict)
}

// FuzzCompareTexts runs the cross-lingual pipeline (analysis of both
// texts, sentence alignment, verdict) on arbitrary texts: an error or a
// report whose passages lie inside both originals and whose shares are
// shares, never a panic.
func FuzzCompareTexts(f *testing.F) {
	f.Add(wireEnglish, wireArabic)
	f.Add("On 5 May 2024 Egypt said 1,500", "قالت مصر في 5 مايو ٢٠٢٤ إن ١٥٠٠")
	f.Add("", "")
	f.Add("\xff\xfe", "ـــــ")
	lex := testLexicon(f)
	f.Fuzz(func(t *testing.T, a, b string) {
		r, err := crosslingual.Options{Lexicon: lex}.CompareTexts(a, b)
		if err != nil {
			return
		}
		for _, s := range []float64{r.CoverageA, r.CoverageB, r.ContainmentA, r.ContainmentB} {
			assert.True(t, s >= 0 && s <= 1, "share %v", s)
		}
		for _, p := range r.Passages {
			assert.True(t, 0 <= p.A.Start && p.A.Start <= p.A.End && p.A.End <= len(a), "A %+v of %d bytes", p.A, len(a))
			assert.True(t, 0 <= p.B.Start && p.B.Start <= p.B.End && p.B.End <= len(b), "B %+v of %d bytes", p.B, len(b))
		}
	})
}

// Texts with more sentence pairs than MaxSentencePairs are refused with
// ErrTooManySentences before any evidence is weighed, not aligned in
// memory and time that grow with the product of their lengths.
func TestCompareTooManySentences(t *testing.T) {
	// Each line its own, or debris removal would take repeated lines
	// for site furniture.
	lines := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, 1000+i)
		}
		return b.String()
	}
	const n = 2100 // 2,100² sentence pairs, over the bound
	en, ar := lines(n, "Egypt said %d on Monday.\n"), lines(n, "قالت مصر %d يوم الاثنين.\n")
	_, err := crosslingual.Options{}.CompareTexts(en, ar)
	require.ErrorIs(t, err, crosslingual.ErrTooManySentences)
	assert.Contains(t, err.Error(), "2100 English by 2100 Arabic")

	r, err := crosslingual.Options{}.CompareTexts(lines(n/10, "Egypt said %d on Monday.\n"), lines(n/10, "قالت مصر %d يوم الاثنين.\n"))
	require.NoError(t, err, "a tenth of each is within the bound")
	assert.Equal(t, compare.Translation, r.Verdict)
}
