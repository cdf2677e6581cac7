package compare_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

// Two papers' rewordings of one item, most of whose words differ as
// the shipped paraphrases say papers' wordings differ: with them the
// reworded aligner finds the item, with stems alone it does not.
func TestParaphrasesFindRewording(t *testing.T) {
	a := doc(t, "أعلنت الوزارة اليوم أن المشاريع الجديدة ستبدأ الشهر المقبل في كافة المناطق خاصة الرياض بتكلفة نحو مليار ريال، "+
		"وأوضحت أن العديد من الشركات أبدت مؤخرا رغبتها في المشاركة بينما يعد توافر العمالة من الأمور المهمة اعتبارا من العام الجاري.")
	b := doc(t, "وأعلنت الوزارة أمس أن المشروعات الجديدة ستنطلق الشهر القادم في جميع المناطق خصوصا الرياض بكلفة حوالي مليار ريال، "+
		"مبينة أن الكثير من الشركات أظهرت أخيرا رغبتها بالمشاركة فيما يعتبر توفر العمالة من الأمور الهامة ابتداء من العام الحالي.")
	with, err := compare.Options{}.Compare(a, b)
	require.NoError(t, err)
	without, err := compare.Options{NoParaphrases: true}.Compare(a, b)
	require.NoError(t, err)
	require.NotEmpty(t, with.Passages)
	assert.Equal(t, compare.Reworded, with.Passages[0].Kind)
	assert.Greater(t, with.CoverageB, 0.8)
	assert.Less(t, without.CoverageB, 0.5)
	assert.True(t, with.Verdict.IsStory(), with.Verdict)
	assert.False(t, without.Verdict.IsStory(), without.Verdict)
}
