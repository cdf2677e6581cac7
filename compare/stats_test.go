package compare_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

// markStats are a collection of n documents in which every mark is held
// by df documents and every stem is common.
type markStats struct{ n, df int }

func (s markStats) Docs() int         { return s.n }
func (markStats) StemDF(uint64) int   { return 1_000_000 }
func (s markStats) MarkDF(uint64) int { return s.df }

// A mark's frequency matters up to CommonMark and no further: a Stats
// may stop counting there (as the corpus in PostgreSQL does) and give
// the reports exact counts give; one below it is rare, and the shared
// passage is reuse.
func TestMarkFrequencyCountsToCommonMark(t *testing.T) {
	text := "وصل إلى العاصمة اليوم وفد رفيع المستوى برئاسة وزير الخارجية في زيارة رسمية تستغرق ثلاثة أيام يبحث خلالها سبل تعزيز العلاقات الثنائية بين البلدين الشقيقين في مختلف المجالات"
	a, b := doc(t, text+" وأكد المسؤولون أهمية الزيارة."), doc(t, "وفي سياق آخر، "+text)
	for _, n := range []int{1000, 30_000, 200_000} {
		common := compare.CommonMark(n)
		report := func(df int) compare.Report {
			r, err := compare.Options{Stats: markStats{n, df}}.Compare(a, b)
			require.NoError(t, err)
			require.NotEmpty(t, r.Passages)
			return r
		}
		exact := report(50 * common)
		assert.Equal(t, exact, report(common), "n=%d: counted to CommonMark", n)
		assert.True(t, exact.Passages[0].Boilerplate)
		rare := report(common - 1)
		assert.False(t, rare.Passages[0].Boilerplate, "n=%d: one below CommonMark is rare", n)
		assert.True(t, rare.Verdict.IsReuse())
	}
}

// stemStats are a collection of n documents in which every stem is held
// by df documents and every mark is common.
type stemStats struct{ n, df int }

func (s stemStats) Docs() int         { return s.n }
func (s stemStats) StemDF(uint64) int { return s.df }
func (s stemStats) MarkDF(uint64) int { return 1_000_000 }

// The same of stems and CommonStem: counting to it gives the reports
// exact counts give, one below it changes them.
func TestStemFrequencyCountsToCommonStem(t *testing.T) {
	text := "وصل إلى العاصمة اليوم وفد رفيع المستوى برئاسة وزير الخارجية في زيارة رسمية تستغرق ثلاثة أيام يبحث خلالها سبل تعزيز العلاقات الثنائية بين البلدين الشقيقين في مختلف المجالات"
	a, b := doc(t, text+" وأكد المسؤولون أهمية الزيارة."), doc(t, "وفي سياق آخر، "+text)
	for _, n := range []int{1000, 30_000, 200_000} {
		common := compare.CommonStem(n)
		report := func(df int) compare.Report {
			r, err := compare.Options{Stats: stemStats{n, df}}.Compare(a, b)
			require.NoError(t, err)
			require.NotEmpty(t, r.Passages)
			return r
		}
		exact := report(50 * common)
		assert.Equal(t, exact, report(common), "n=%d: counted to CommonStem", n)
		assert.True(t, exact.Passages[0].Boilerplate)
		assert.NotEqual(t, exact, report(common-1), "n=%d: one below CommonStem", n)
	}
}
