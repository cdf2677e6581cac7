package debris_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

const englishBody = `Storm closes ports along the northern coast

Harbour authorities shut three ports on Tuesday as a winter storm pushed waves over the sea walls, stranding dozens of cargo ships offshore.

The national weather office said gusts reached 120 kilometres per hour overnight and warned that conditions would not ease before Thursday.

Fishing crews in the port of Ardan said they had moved their boats inland a day early after warnings from the coast guard.

Officials expect the ports to reopen once the swell drops below four metres, and said no injuries had been reported.`

// englishPage is englishBody as an English news site serves it.
const englishPage = `BREAKING
Storm closes ports along the northern coast
Storm closes ports along the northern coast
Advertisement
Harbour authorities shut three ports on Tuesday as a winter storm pushed waves over the sea walls, stranding dozens of cargo ships offshore.
READ MORE: Fuel prices climb for a third week
The national weather office said gusts reached 120 kilometres per hour overnight and warned that conditions would not ease before Thursday.
Support independent journalism
Our reporters are on the ground when it matters. Your backing keeps them there.
We never put our reporting behind a paywall.
Close
Fishing crews in the port of Ardan said they had moved their boats inland a day early after warnings from the coast guard.
Story continues below advertisement
Officials expect the ports to reopen once the swell drops below four metres, and said no injuries had been reported.
Source: Harbour Authority
Tags: storm, ports, weather
Share this article
Facebook Twitter WhatsApp Email
Related Articles
• Fuel prices climb for a third week
• Rail strike called off after late talks
Leave a Reply
Your email address will not be published. Required fields are marked *
© 2024 Example News. All rights reserved.`

func TestEnglishPage(t *testing.T) {
	txt := fold(t, englishPage)
	assert.Equal(t, []found{
		{debris.Marker, "BREAKING"},
		{debris.Repeat, "Storm closes ports along the northern coast"},
		{debris.Marker, "Advertisement"},
		{debris.Marker, "READ MORE: Fuel prices climb for a third week"},
		{debris.Box, "Support independent journalism"},
		{debris.Box, "Our reporters are on the ground when it matters. Your backing keeps them there."},
		{debris.Box, "We never put our reporting behind a paywall."},
		{debris.Box, "Close"},
		{debris.Marker, "Story continues below advertisement"},
		{debris.Marker, "Source: Harbour Authority"},
		{debris.Trailer, "Tags: storm, ports, weather"},
		{debris.Trailer, "Share this article"},
		{debris.Trailer, "Facebook Twitter WhatsApp Email"},
		{debris.Trailer, "Related Articles"},
		{debris.Trailer, "• Fuel prices climb for a third week"},
		{debris.Trailer, "• Rail strike called off after late talks"},
		{debris.Trailer, "Leave a Reply"},
		{debris.Trailer, "Your email address will not be published. Required fields are marked *"},
		{debris.Trailer, "© 2024 Example News. All rights reserved."},
	}, foundLines(txt, debris.Find(txt)))
	assert.Equal(t, normalize.Default.String(englishBody), debris.Strip(txt).String())
}

// A text without debris comes back as it is: the same *Text.
func TestNoDebrisUnchanged(t *testing.T) {
	for _, src := range []string{englishBody, arabicStory} {
		txt := fold(t, src)
		assert.Empty(t, debris.Find(txt))
		assert.Same(t, txt, debris.Strip(txt))
	}
	assert.Empty(t, debris.Find(fold(t, "")))
	assert.Empty(t, debris.Find(nil))
}

// Markers match whatever spelling folds alike: hamza on alef or not, teh
// marbuta or heh, harakat, tatweel, Persian yeh and keheh, case.
func TestSpellingVariants(t *testing.T) {
	article := strings.Join(strings.Split(arabicStory, "\n\n")[:5], "\n\n")
	cases := []struct{ name, debris string }{
		{"hamza on alef", "إقرأ أيضاً: ارتفاع أسعار الذهب"},
		{"bare alef", "اقرا ايضا: ارتفاع أسعار الذهب"},
		{"harakat", "اِقْرَأْ أَيْضًا: ارتفاع أسعار الذهب"},
		{"tatweel", "اقـــرأ أيضـــاً: ارتفاع أسعار الذهب"},
		{"teh marbuta as heh", "مقالات ذات صله\nارتفاع أسعار الذهب"},
		{"persian yeh and keheh", "کلمات دلالیة: القهوة، الأسعار"},
		{"tanween on the other letter", "اترك تعليقًا"},
		{"alef maksura for final yeh", "لن يتم نشر عنوان بريدك الإلكترونى"},
		{"upper case", "LEAVE A REPLY"},
		{"presentation forms", "ﺍﺗﺮﻙ ﺗﻌﻠﻴﻘﺎ"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			txt := fold(t, article+"\n\n"+c.debris)
			assert.Equal(t, normalize.Default.String(article), debris.Strip(txt).String())
		})
	}
}

func TestReadInjection(t *testing.T) {
	// Only "READ" in capitals is the plugin's; "Read" begins prose.
	page := englishBody + "\n\nREAD Fuel prices climb for a third week\n\nRead between the lines, the statement leaves room for a delay.\n\nThe port reopened on Friday."
	got := debris.Strip(fold(t, page)).String()
	assert.NotContains(t, got, "fuel prices")
	assert.Contains(t, got, "read between the lines the statement leaves room for a delay")
	assert.Contains(t, got, "the port reopened on friday")
}

// One injected "read also" line takes only itself; a header alone takes
// the headlines under it but stops at the first paragraph.
func TestReadAlsoLinkAndList(t *testing.T) {
	paras := strings.Split(arabicStory, "\n\n")
	page := strings.Join([]string{
		paras[0], paras[1],
		"اقرأ أيضاً: الذهب يرتفع مع تراجع الدولار",
		paras[2],
		"اقرأ أيضاً",
		"الذهب يرتفع مع تراجع الدولار",
		"- النفط يهبط بعد بيانات المخزون",
		paras[3],
		"قصة قصيرة بلا نقطة في آخرها",
		paras[4], paras[5], paras[6], paras[7], paras[8], paras[9],
	}, "\n")
	txt := fold(t, page)
	assert.Equal(t, []found{
		{debris.Marker, "اقرأ أيضاً: الذهب يرتفع مع تراجع الدولار"},
		{debris.List, "اقرأ أيضاً"},
		{debris.List, "الذهب يرتفع مع تراجع الدولار"},
		{debris.List, "- النفط يهبط بعد بيانات المخزون"},
	}, foundLines(txt, debris.Find(txt)))
}

// A list header takes at most its item count of headlines.
func TestListIsBounded(t *testing.T) {
	var items []string
	for i := range 10 {
		items = append(items, "عنوان خبر آخر رقم "+string(rune('٠'+i)))
	}
	page := arabicStory + "\nاقرأ أيضاً\n" + strings.Join(items, "\n") + "\n" + englishBody
	txt := fold(t, page)
	var n int
	for _, f := range foundLines(txt, debris.Find(txt)) {
		if f.Kind == debris.List {
			n++
		}
	}
	assert.Equal(t, 1+6, n, "header and six items")
}

// A trailer marker early in the text, or alone mid-article, never takes
// the article body.
func TestTrailerGuard(t *testing.T) {
	paras := strings.Split(arabicStory, "\n\n")
	t.Run("tags under the headline", func(t *testing.T) {
		page := paras[0] + "\nالوسوم: قهوة، أسعار\n" + strings.Join(paras[1:], "\n")
		got := debris.Strip(fold(t, page)).String()
		assert.Equal(t, normalize.Default.String(paras[0]+"\n"+strings.Join(paras[1:], "\n")), got)
	})
	t.Run("lone related widget past the middle", func(t *testing.T) {
		// Six paragraphs before, four after: more than half, less than
		// two thirds, and no other marker near it.
		page := strings.Join(paras[:6], "\n") + "\nمقالات ذات صلة\nالذهب يرتفع مع تراجع الدولار\nالنفط يهبط بعد بيانات المخزون\n" + strings.Join(paras[6:], "\n")
		txt := fold(t, page)
		assert.Equal(t, []found{
			{debris.List, "مقالات ذات صلة"},
			{debris.List, "الذهب يرتفع مع تراجع الدولار"},
			{debris.List, "النفط يهبط بعد بيانات المخزون"},
		}, foundLines(txt, debris.Find(txt)))
	})
	t.Run("clustered end markers past the middle", func(t *testing.T) {
		page := strings.Join(paras[:6], "\n") + "\nالمصدر: وكالات\nكلمات دلالية: قهوة\n" + strings.Join(paras[6:], "\n")
		got := debris.Strip(fold(t, page)).String()
		assert.Equal(t, normalize.Default.String(strings.Join(paras[:6], "\n")), got)
	})
}

// An appeal and a close control far apart are unrelated: only their own
// lines go.
func TestBoxIsBounded(t *testing.T) {
	paras := strings.Split(arabicStory, "\n\n")
	page := paras[0] + "\nادعم الصحافة المستقلة\n" + strings.Join(paras[1:], "\n") + "\nإغلاق"
	txt := fold(t, page)
	assert.Equal(t, []found{
		{debris.Marker, "ادعم الصحافة المستقلة"},
		{debris.Marker, "إغلاق"},
	}, foundLines(txt, debris.Find(txt)))
}

// Common words that are markers only as labels leave sentences alone.
func TestLabelsNeedTheirPunctuation(t *testing.T) {
	for _, s := range []string{
		"المصدر قال إن الاجتماع انتهى دون اتفاق",
		"مصدر مطلع: الاجتماع انتهى دون اتفاق",
		"Source close to the talks said they had stalled",
		"Tags on the luggage were checked twice at the border",
		"اشترك في الهجوم أكثر من مئة مقاتل",
		"كتب الرئيس في تغريدة أن المفاوضات مستمرة",
		"Related talks will resume next week in Geneva",
	} {
		page := englishBody + "\n" + s + "\n" + arabicStory
		txt := fold(t, page)
		assert.Empty(t, debris.Find(txt), s)
	}
	for _, s := range []string{"المصدر: وكالات", "Source: Reuters", "Tags: a, b", "كتب - محمد علي"} {
		txt := fold(t, englishBody+"\n"+s+"\n"+arabicStory)
		assert.Equal(t, []found{{debris.Marker, s}}, foundLines(txt, debris.Find(txt)), s)
	}
}

// Find never takes every word: block rules that would leave less than a
// third fall back to line markers, and a page of nothing but markers is
// kept whole.
func TestNeverDeletesEverything(t *testing.T) {
	t.Run("block rules fall back", func(t *testing.T) {
		page := "Support independent journalism\nThe mayor opened the new bridge on Monday.\nTraffic is expected to ease.\nClose"
		txt := fold(t, page)
		assert.Equal(t, []found{
			{debris.Marker, "Support independent journalism"},
			{debris.Marker, "Close"},
		}, foundLines(txt, debris.Find(txt)))
	})
	t.Run("boilerplate only is all debris", func(t *testing.T) {
		txt := fold(t, "Share\nTags: news\nLeave a Reply\nاترك تعليقاً")
		rs := debris.Find(txt)
		require.NotEmpty(t, rs)
		assert.Equal(t, 0, rs[0].Start)
		assert.Equal(t, txt.Len(), rs[len(rs)-1].End)
		assert.Empty(t, debris.Strip(txt).Runes)
	})
}

func TestKindString(t *testing.T) {
	for k, s := range map[debris.Kind]string{
		debris.Marker: "marker", debris.List: "list", debris.Box: "box",
		debris.Repeat: "repeat", debris.Trailer: "trailer", 0: "Kind(0)", 9: "Kind(9)",
	} {
		assert.Equal(t, s, k.String())
	}
}

// A Detector is shared by goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	var texts []*normalize.Text
	var want [][]debris.Range
	for _, p := range seedPaths(t) {
		txt := fold(t, readFile(t, p))
		texts = append(texts, txt)
		want = append(want, debris.Find(txt))
	}
	d := debris.New(normalize.Default)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(texts)
				assert.Equal(t, want[k], d.Find(texts[k]))
				_ = debris.Strip(texts[k])
			}
		})
	}
	wg.Wait()
}

// Detectors for other rules fold their lexicon with those rules.
func TestOtherRules(t *testing.T) {
	r := normalize.Default
	r.Alef = false
	d := debris.New(r)
	txt, err := r.Text(arabicStory + "\nاقرأ أيضاً: الذهب يرتفع\n" + englishBody)
	require.NoError(t, err)
	assert.Len(t, d.Find(txt), 1)
}

// Marker lines on their own, mid-article: each takes its line only.
func TestMarkerLines(t *testing.T) {
	for _, s := range []string{
		"[ad_3]",
		"Advertisement",
		"Skip Advertisement",
		"إعلان",
		"فيديو",
		"Share 12",
		"فيسبوك تويتر واتساب",
		"(AP Photo/Efrem Lukatsky)",
		"AFP via Getty Images",
		"صورة أرشيفية",
		"آخر تحديث: 12:30",
		"Published: 12 October 2024",
		"Follow us on Twitter for the latest news",
		"لمشاهدة الفيديو اضغط هنا",
		"تابعونا على تيليجرام",
		"This website uses cookies to improve your experience.",
		"جميع الحقوق محفوظة © 2024",
		"© AFP",
		"Reporting by Jane Doe; Editing by John Roe",
		"الوسوم: قهوة",
		"RELATED: Fuel prices climb for a third week",
		"المقال السابق: الذهب يرتفع",
	} {
		txt := fold(t, englishBody+"\n"+s+"\n"+arabicStory)
		assert.Equal(t, []found{{debris.Marker, s}}, foundLines(txt, debris.Find(txt)), s)
	}
}
