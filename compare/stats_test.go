package compare_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

// fixedStats are a collection of n documents in which every stem is held
// by stem documents and every mark by mark documents.
type fixedStats struct{ n, stem, mark int }

func (s fixedStats) Docs() int         { return s.n }
func (s fixedStats) StemDF(uint64) int { return s.stem }
func (s fixedStats) MarkDF(uint64) int { return s.mark }

// A mark's frequency matters up to CommonMark and a stem's up to
// CommonStem, and no further: a Stats may stop counting there (as the
// corpus in PostgreSQL does) and give the reports exact counts give; one
// below it is rare, and the shared passage is reuse.
func TestFrequencyCountsToCommon(t *testing.T) {
	text := "وصل إلى العاصمة اليوم وفد رفيع المستوى برئاسة وزير الخارجية في زيارة رسمية تستغرق ثلاثة أيام يبحث خلالها سبل تعزيز العلاقات الثنائية بين البلدين الشقيقين في مختلف المجالات"
	a, b := doc(t, text+" وأكد المسؤولون أهمية الزيارة."), doc(t, "وفي سياق آخر، "+text)
	const many = 1_000_000
	for _, kind := range []struct {
		name   string
		common func(n int) int
		stats  func(n, df int) fixedStats // df for this kind, the other common
	}{
		{"mark", compare.CommonMark, func(n, df int) fixedStats { return fixedStats{n, many, df} }},
		{"stem", compare.CommonStem, func(n, df int) fixedStats { return fixedStats{n, df, many} }},
	} {
		for _, n := range []int{1000, 30_000, 200_000} {
			common := kind.common(n)
			report := func(df int) compare.Report {
				r, err := compare.Options{Stats: kind.stats(n, df)}.Compare(a, b)
				require.NoError(t, err)
				require.NotEmpty(t, r.Passages)
				return r
			}
			exact := report(50 * common)
			assert.Equal(t, exact, report(common), "%s, n=%d: counted to the bound", kind.name, n)
			assert.True(t, exact.Passages[0].Boilerplate)
			rare := report(common - 1)
			assert.NotEqual(t, exact, rare, "%s, n=%d: one below the bound", kind.name, n)
			assert.False(t, rare.Passages[0].Boilerplate, "%s, n=%d: one below the bound is rare", kind.name, n)
			assert.True(t, rare.Verdict.IsReuse())
		}
	}
}
