package crosslingual_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/crosslingual"
)

// shared returns the anchors of kind k both texts have.
func shared(t *testing.T, en, ar string, k crosslingual.Kind) int {
	t.Helper()
	o := crosslingual.Options{}
	e, err := o.Analyze(en, crosslingual.English)
	require.NoError(t, err)
	a, err := o.Analyze(ar, crosslingual.Arabic)
	require.NoError(t, err)
	have := map[crosslingual.Anchor]bool{}
	for _, it := range a.Items() {
		for _, x := range a.Anchors(it.Text) {
			have[x] = true
		}
	}
	n := 0
	for _, it := range e.Items() {
		for _, x := range e.Anchors(it.Text) {
			if x.Kind() == k && have[x] {
				n++
				break
			}
		}
	}
	return n
}

func TestCalendarMeets(t *testing.T) {
	cal := crosslingual.Calendar
	assert.Equal(t, 2, shared(t, "On Monday, 5 May", "يوم الاثنين 5 مايو", cal))
	assert.Equal(t, 1, shared(t, "in January", "في كانون الثاني", cal))
	assert.Equal(t, 1, shared(t, "in August", "في غشت", cal))
	assert.Equal(t, 1, shared(t, "on Friday", "يوم الجمعة", cal))
	assert.Zero(t, shared(t, "you may march", "مايو مارس", cal), "may and march are months capitalized only")
	assert.Zero(t, shared(t, "on Friday", "الجمعية", cal), "an association is not Friday")
	assert.Zero(t, shared(t, "on Monday", "اثنين", cal), "two is not Monday")
}

func TestPlacesMeet(t *testing.T) {
	pl := crosslingual.Place
	assert.Equal(t, 1, shared(t, "the United States", "الولايات المتحدة", pl))
	assert.Equal(t, 1, shared(t, "in the U.S.", "في الولايات المتحدة", pl))
	assert.Equal(t, 1, shared(t, "American troops", "القوات الأمريكية", pl))
	assert.Equal(t, 1, shared(t, "China said", "قالت الصين", pl))
	assert.Equal(t, 1, shared(t, "Chinese officials", "مسؤولون صينيون", pl))
	assert.Equal(t, 1, shared(t, "in Saudi Arabia", "في المملكة العربية السعودية", pl))
	assert.Equal(t, 1, shared(t, "Bosnia and Herzegovina", "البوسنة والهرسك", pl))
	assert.Equal(t, 1, shared(t, "in Britain", "لبريطانيا", pl))
	assert.Equal(t, 1, shared(t, "the European Union", "الاتحاد الأوروبي", pl))
	assert.Equal(t, 1, shared(t, "North Korea", "كوريا الشمالية", pl))
	assert.Zero(t, shared(t, "North Korea", "كوريا الجنوبية", pl))
	assert.Zero(t, shared(t, "tell us", "الولايات المتحدة", pl), "us is the US in capitals only")
}

func TestSkeletons(t *testing.T) {
	for _, c := range []struct{ en, ar string }{
		{"kavanaugh", "كافانو"}, {"pinellas", "بينيلاس"}, {"charlotte", "شارلوت"},
		{"thomas", "توماس"}, {"imran", "عمران"}, {"florida", "فلوريدا"},
		{"christine", "كريستين"}, {"sarasota", "ساراسوتا"},
	} {
		assert.Contains(t, crosslingual.EnglishSkeletons(c.en), crosslingual.ArabicSkeleton(c.ar), "%s %s", c.en, c.ar)
	}
	assert.Empty(t, crosslingual.EnglishSkeletons("tom"), "two consonants are too few")
	assert.Empty(t, crosslingual.EnglishSkeletons("mohammed"), "nor are m, m and d (h is dropped)")
	assert.Empty(t, crosslingual.EnglishSkeletons("zoë"))
	assert.ElementsMatch(t, []string{"stm", "ktm", "ksm"}, crosslingual.EnglishSkeletons("chatham"))
}

func TestNamesMeet(t *testing.T) {
	nm := crosslingual.Name
	assert.Equal(t, 2, shared(t, "Brett Kavanaugh testified", "شهادة بريت كافانو", nm))
	assert.Equal(t, 1, shared(t, "in Florida", "بفلوريدا", nm), "a proclitic comes off")
	assert.Zero(t, shared(t, "brett kavanaugh", "بريت كافانو", nm), "lower-case English words are no names")
}

// Sentences end at line breaks and stops, not at abbreviations.
func TestSentences(t *testing.T) {
	o := crosslingual.Options{}
	d, err := o.Analyze("Mr. Smith went to Washington. He met U.S. officials on Monday! Then 2.5 percent\nnew line in Paris", crosslingual.English)
	require.NoError(t, err)
	assert.Equal(t, []string{"mr smith went to washington", "he met u s officials on monday", "then 2 5 percent", "new line in paris"}, d.Sentences())
	d, err = o.Analyze("قتل 23 شخصا. هل وصل 40 جنديا؟ نعم 12\nلا، لا", crosslingual.Arabic)
	require.NoError(t, err)
	assert.Len(t, d.Sentences(), 3, "a sentence without anchors is left out")
}

func TestDetect(t *testing.T) {
	assert.Equal(t, crosslingual.English, crosslingual.Detect([]rune("a text with one عربي word")))
	assert.Equal(t, crosslingual.Arabic, crosslingual.Detect([]rune("نص عربي مع كلمة one")))
	assert.Equal(t, crosslingual.Lang(0), crosslingual.Detect([]rune("123 …")))
	assert.Equal(t, "english", crosslingual.English.String())
	assert.Equal(t, "number+place", crosslingual.KindsOf(crosslingual.Number, crosslingual.Place).String())
	assert.True(t, crosslingual.Kinds(0).Has(crosslingual.Word))
}
