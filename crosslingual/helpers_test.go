package crosslingual_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/crosslingual"
)

// A short wire story and its Arabic translation, written for these
// tests, line by line; and an unrelated Arabic story.
const (
	wireEnglish = `Floods hit northern Pakistan
Heavy rain caused floods in northern Pakistan on Monday, killing at least 23 people, officials said.
The army evacuated 1,500 families from villages near the Swat river.
Prime Minister Imran Khan ordered an emergency meeting in Islamabad.
The meteorological department expects more rain until Thursday.`

	wireArabic = `فيضانات تضرب شمال باكستان
تسببت الأمطار الغزيرة في فيضانات في شمال باكستان يوم الاثنين، ما أسفر عن مقتل 23 شخصا على الأقل، بحسب مسؤولين.
وأجلى الجيش ١٬٥٠٠ عائلة من القرى القريبة من نهر سوات.
وأمر رئيس الوزراء عمران خان بعقد اجتماع طارئ في إسلام آباد.
وتتوقع هيئة الأرصاد الجوية مزيدا من الأمطار حتى يوم الخميس.`

	otherArabic = `فاز الفريق المحلي على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء السبت.
وسجل المهاجم هدفين في الشوط الثاني من المباراة.
ويحتل الفريق المركز الخامس في جدول الترتيب برصيد عشرين نقطة.`
)

// testLexicon is a small lexicon for the stories above, as a dictionary
// gives it.
func testLexicon(t testing.TB) *crosslingual.Lexicon {
	t.Helper()
	lex := crosslingual.NewLexicon()
	for _, p := range [][2]string{
		{"flood", "فيضانات"}, {"floods", "فيضان"}, {"rain", "أمطار"}, {"heavy", "غزيرة"}, {"army", "جيش"},
		{"village", "قرى"}, {"river", "نهر"}, {"meeting", "اجتماع"}, {"emergency", "طارئ"},
		{"family", "عائلة"}, {"killing", "مقتل"}, {"people", "شخص"}, {"official", "مسؤول"},
		{"northern", "شمال"}, {"department", "هيئة"}, {"expect", "تتوقع"}, {"minister", "وزراء"},
		{"prime", "رئيس"}, {"evacuated", "أجلى"}, {"ordered", "أمر"}, {"team", "فريق"}, {"match", "مباراة"},
		{"goal", "هدف"}, {"near", "القريبة"}, {"caused", "تسببت"},
	} {
		require.True(t, lex.AddPair(p[0], p[1]), "%v", p)
	}
	return lex
}
