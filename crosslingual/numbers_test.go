package crosslingual_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/crosslingual"
)

func TestNumbers(t *testing.T) {
	en, ar := crosslingual.English, crosslingual.Arabic
	for _, c := range []struct {
		lang crosslingual.Lang
		text string
		want []string
	}{
		{en, "nearly 150,000 cars", []string{"150000"}},
		{ar, "ما يقرب من 150.000 سيارة", []string{"150", "150000"}}, // a decimal point, or thousands
		{ar, "١٥٠٬٠٠٠ سيارة", []string{"150000"}},
		{en, "a 14% jump", []string{"14"}},
		{ar, "بنسبة ١٤٪", []string{"14"}},
		{en, "2.5 million people", []string{"2500000"}},
		{ar, "٢٫٥ مليون شخص", []string{"2500000"}},
		{ar, "2,5 مليار", []string{"2500000000"}}, // a decimal comma
		{en, "$20m and 3bn", []string{"20000000", "3000000000"}},
		{en, "in 2019, 100 people", []string{"2019", "100"}},
		{en, "twenty-five years", []string{"25"}},
		{en, "two hundred and fifty", []string{"250"}},
		{en, "one million", []string{"1000000"}},
		{en, "one of them", nil},
		{ar, "خمسة وعشرون عاما", []string{"25"}},
		{ar, "ثلاثة آلاف جندي", []string{"3000"}},
		{ar, "أحد عشر لاعبا", []string{"11"}},
		{ar, "بخمسة ملايين", []string{"5000000"}},
		{ar, "قال أحد المسؤولين", nil},
		{ar, "عام 2015م", []string{"2015"}},
		{en, "007 and 0.50", []string{"7", "0.5"}},
		{en, "1,2345", []string{"1", "2345"}}, // no reading of the groups holds
	} {
		assert.Equal(t, c.want, crosslingual.Numbers(c.lang, c.text), "%s", c.text)
	}
}

// Numbers meet across the languages: figures, separators, scales and
// words.
func TestNumbersMeet(t *testing.T) {
	o := crosslingual.Options{}
	e, err := o.Analyze("About 1,500 troops and 2.5 million dollars in twenty-five days.", crosslingual.English)
	assert.NoError(t, err)
	a, err := o.Analyze("نحو ١٬٥٠٠ جندي و٢٫٥ مليون دولار في خمسة وعشرين يوما.", crosslingual.Arabic)
	assert.NoError(t, err)
	for _, v := range []string{"1500", "2500000", "25"} {
		assert.Contains(t, e.Anchors(mustItem(t, e, v)), crosslingual.NumberAnchor(v), v)
		assert.Contains(t, a.Anchors(mustItem(t, a, v)), crosslingual.NumberAnchor(v), v)
	}
}

// mustItem returns the folded text of d's item holding the number v.
func mustItem(t *testing.T, d *crosslingual.Doc, v string) string {
	t.Helper()
	for _, it := range d.Items() {
		for _, a := range d.Anchors(it.Text) {
			if a == crosslingual.NumberAnchor(v) {
				return it.Text
			}
		}
	}
	t.Fatalf("no item with the number %s in %v", v, d.Items())
	return ""
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"150,000.5 million", "٢٫٥ مليون", "خمسة وعشرون ألف", "two hundred and fifty thousand", "1.2.3,4", "0000.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range []crosslingual.Lang{crosslingual.English, crosslingual.Arabic} {
			for _, v := range crosslingual.Numbers(l, s) {
				assert.NotEmpty(t, v)
				assert.NotRegexp(t, `^0\d|\.\d*0$|^\.`, v, "not canonical")
				assert.Regexp(t, `^\d+(\.\d+)?$`, v)
			}
		}
	})
}
