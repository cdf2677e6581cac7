package compare_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/compare"
)

// A national day's cable to one country and to another is one formula
// filled twice, however common the countries' names: the countries are
// slots, even with no collection to say which words are rare; the same
// cable to one country, reworded, is one item.
func TestCountriesFillFormulaSlots(t *testing.T) {
	cable := func(country, president string) string {
		return "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز برقية تهنئة إلى الرئيس " + president + " رئيس " + country +
			" بمناسبة ذكرى اليوم الوطني لبلاده. وأعرب خادم الحرمين الشريفين باسمه واسم شعب وحكومة المملكة عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لرئيس " +
			country + " ولحكومة وشعب " + country + " الصديق اطراد التقدم والازدهار."
	}
	a, b := cable("سنغافورة", "توني تان"), cable("تشاد", "إدريس ديبي")
	r := run(t, a, b)
	assert.Equal(t, compare.Template, r.Verdict)
	require.GreaterOrEqual(t, len(r.Slots), 2)
	var filled []string
	for _, s := range r.Slots {
		filled = append(filled, a[s.A.Start:s.A.End]+"/"+b[s.B.Start:s.B.End])
	}
	assert.Contains(t, filled, "سنغافورة/تشاد")

	same := run(t, a, cable("سنغافورة", "توني تان")+" وتمنى له دوام الصحة.")
	assert.Empty(t, same.Slots)
	assert.True(t, same.Verdict.IsStory(), same.Verdict)
}
