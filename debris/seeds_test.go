package debris_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

// want is one expected debris line: its kind, its line number in the
// seed file (from 1), and how it starts, for the reader and as a check.
type want struct {
	kind   debris.Kind
	line   int
	starts string
}

// Each seed: the exact debris lines, and paragraphs that must survive
// (named by how their original line starts).
var seedCases = []struct {
	seed    string
	debris  []want
	survive []string
}{
	{
		seed: "000",
		debris: []want{
			// A WordPress link injection mid-article: only its line goes.
			{debris.Marker, 17, "READ"},
			// The comment form ends the article.
			{debris.Trailer, 21, "اترك تعليقاً"},
			{debris.Trailer, 23, "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"},
		},
		survive: []string{
			"يُزعم أن مقطع فيديو نشرته أوكرانيا",
			"وقال سولوفي لوكالة أسوشييتد برس",
			// Between the READ line and the comment form: no box.
			"وإذا كان هذا صحيحا، فإن وجود جنود كوريين شماليين",
		},
	},
	{
		seed: "001",
		debris: []want{
			// CNN's dateline, alone on the first line.
			{debris.Marker, 1, "سي إن إن"},
		},
		survive: []string{
			"تم تصوير جنود كوريين شماليين",
			"وقال زيلينسكي للصحفيين",
			"وقبل المحادثات بين الزعيمين",
		},
	},
	{
		seed: "002",
		debris: []want{
			{debris.Marker, 1, "عاجل"},
			// Image alt text, then the caption it starts.
			{debris.Repeat, 5, "روسيا تجندد كوريين"},
			{debris.Marker, 40, "تم نسخ الرابط"},
		},
		survive: []string{
			"لأول مرة.. موسكو تعترف بتجنيد كوريين شماليين في حرب أوكرانيا",
			"روسيا تجندد كوريين شمالين",
			"اتهام زيلينسكي لكوريا الشمالية بمساعدة روسيا",
			"وتعرضت العاصمة الأوكرانية كييف الخميس الماضي",
		},
	},
	{
		seed: "003",
		debris: []want{
			{debris.Marker, 19, "المصدر: الوطن"},
			// Tags start the trailer: a "read also" header, a whole
			// article on Syria, a related-articles list.
			{debris.Trailer, 21, "كلمات دلالية:"},
			{debris.Trailer, 23, "إقرأ أيضاً:"},
			{debris.Trailer, 25, "بلومبرج تكشف عن صفقة"},
			{debris.Trailer, 27, "كشفت وكالة بلومبرج"},
			{debris.Trailer, 29, "وأعلنت روسيا استعدادها"},
			{debris.Trailer, 31, "وأشارت الوكالة الإخبارية"},
			{debris.Trailer, 33, "وأضافت \"بلومبرج\""},
			{debris.Trailer, 35, "والتقى نائب وزير الخارجية"},
			{debris.Trailer, 37, "وطالب الشرع روسيا"},
			{debris.Trailer, 39, "مقالات مشابهة"},
			{debris.Trailer, 41, "• القوات الروسية"},
			{debris.Trailer, 42, "• أوكرانيا: انسحاب"},
			{debris.Trailer, 43, "• برلماني روسي"},
			{debris.Trailer, 44, "• بلومبرج تكشف"},
			{debris.Trailer, 45, "• مصادر أمريكية"},
			{debris.Trailer, 46, "• الحكومة الكورية"},
			{debris.Trailer, 47, "• ماذا حدث للنفط"},
			{debris.Trailer, 48, "• الدفاع الروسية"},
			{debris.Trailer, 49, "• موسكو تعلن"},
			{debris.Trailer, 50, "• سفير بالخارجية"},
		},
		survive: []string{
			"زعم مسؤولون من كوريا الجنوبية وأوكرانيا",
			"مزاعم كوريا الجنوبية وأوكرانيا",
			"نفي روسيا لتلك المزاعم",
			"هذه المزاعم نفاها المتحدث باسم الكرملين",
		},
	},
	{
		seed: "004",
		debris: []want{
			// The headline, repeated.
			{debris.Repeat, 3, "ويتجنب بوتين الأسئلة"},
			{debris.Marker, 5, "[ad_1]"},
			// The Independent's support appeal box.
			{debris.Box, 8, "دعمكم يساعدنا على رواية القصة"},
			{debris.Box, 10, "اقرأ المزيد"},
			{debris.Box, 12, "ولا تزال هذه الانتخابات متوترة"},
			{debris.Box, 14, "تحظى صحيفة الإندبندنت"},
			{debris.Box, 16, "ساعدونا في الاستمرار"},
			{debris.Box, 18, "إغلاق إقرأ المزيد إغلاق"},
			{debris.Marker, 54, "[ad_2]"},
			{debris.Marker, 56, "المصدر"},
		},
		survive: []string{
			"ويتجنب بوتين الأسئلة المتعلقة بتدريب الجنود الكوريين الشماليين في روسيا",
			"ولم ينف فلاديمير بوتين التقارير",
			"وقالت وكالة المخابرات الأوكرانية في بيان",
		},
	},
}

func TestSeeds(t *testing.T) {
	for _, c := range seedCases {
		t.Run(c.seed, func(t *testing.T) {
			src := seed(t, c.seed)
			txt := fold(t, src)
			srcLines := strings.Split(src, "\n")
			var exp []found
			for _, w := range c.debris {
				l := strings.TrimSpace(srcLines[w.line-1])
				require.True(t, strings.HasPrefix(l, w.starts), "line %d is %q", w.line, l)
				exp = append(exp, found{w.kind, l})
			}
			assert.Equal(t, exp, foundLines(txt, debris.Find(txt)))

			kept := lines(debris.Strip(txt))
			for _, p := range c.survive {
				assert.Contains(t, kept, normalize.Default.String(origLineStarting(t, src, p)), p)
			}
		})
	}
}

// Seed 003 carries a whole second article (on Syria) under "إقرأ أيضاً:"
// after its tags, then a related-articles list: stripping leaves the
// Korea article and nothing else.
func TestSeed003KeepsOnlyTheKoreaArticle(t *testing.T) {
	src := seed(t, "003")
	i := strings.Index(src, "المصدر: الوطن")
	require.Positive(t, i)
	got := debris.Strip(fold(t, src)).String()
	assert.Equal(t, normalize.Default.String(src[:i]), got)
	assert.NotContains(t, got, "سوريا")
	assert.NotContains(t, got, "بلومبرج")
}

// Ranges are whole lines, sorted, not overlapping, and merged by kind.
func TestSeedRangesAreWholeLines(t *testing.T) {
	for _, path := range seedPaths(t) {
		txt := fold(t, readFile(t, path))
		checkRanges(t, txt, debris.Find(txt))
	}
}

func checkRanges(t testing.TB, txt *normalize.Text, rs []debris.Range) {
	t.Helper()
	prev := 0
	for i, r := range rs {
		require.True(t, r.Start >= prev && r.Start < r.End && r.End <= txt.Len(), "range %d %+v of %d", i, r, txt.Len())
		require.True(t, r.Start == 0 || txt.Runes[r.Start-1] == '\n', "range %d starts mid-line", i)
		require.True(t, r.End == txt.Len() || txt.Runes[r.End-1] == '\n', "range %d ends mid-line", i)
		require.NotEqual(t, "Kind(0)", r.Kind.String())
		if i > 0 && rs[i-1].End == r.Start {
			require.NotEqual(t, rs[i-1].Kind, r.Kind, "adjacent ranges of one kind are merged")
		}
		prev = r.End
	}
}

// Site debris moves with the site, not with the story. Each seed's site
// debris (everything but repeats of its own headline) is kept in place
// and its story replaced by another: stripping must give exactly the new
// story, and two stories in two different sites' debris must share
// nothing the stories themselves do not share.
func TestSiteDebrisNeverMatches(t *testing.T) {
	storyA := strings.Join(strings.Split(seed(t, "001"), "\n")[2:], "\n") // CNN's story, without its dateline
	storyB := arabicStory
	frames := map[string]func(string) string{}
	for _, c := range seedCases {
		src := seed(t, c.seed)
		frames[c.seed] = frame(t, src)
	}
	inStoryA := trigrams(normalize.Default.String(storyA))
	inStoryB := trigrams(normalize.Default.String(storyB))
	for a, fa := range frames {
		for b, fb := range frames {
			ta := debris.Strip(fold(t, fa(storyA)))
			tb := debris.Strip(fold(t, fb(storyB)))
			require.Equal(t, normalize.Default.String(storyA), ta.String(), "site %s", a)
			require.Equal(t, normalize.Default.String(storyB), tb.String(), "site %s", b)
			inB := trigrams(tb.String())
			for g := range trigrams(ta.String()) {
				if inB[g] {
					assert.True(t, inStoryA[g] && inStoryB[g], "sites %s and %s share %q", a, b, g)
				}
			}
		}
	}
}

// frame returns a function putting a story in src's place: the site
// debris lines stay, the story lines and repeats go, and the new story
// goes where the first story line was.
func frame(t testing.TB, src string) func(story string) string {
	txt := fold(t, src)
	site := map[int]bool{} // start offsets of original lines that are site debris
	for _, l := range debrisLines(txt, debris.Find(txt)) {
		if l.Kind != debris.Repeat {
			site[l.Start] = true
		}
	}
	return func(story string) string {
		var out []string
		placed := false
		off := 0
		for _, l := range strings.SplitAfter(src, "\n") {
			switch {
			case site[off] || strings.TrimSpace(l) == "":
				out = append(out, l)
			case !placed:
				out = append(out, story+"\n")
				placed = true
			}
			off += len(l)
		}
		return strings.Join(out, "")
	}
}

// arabicStory shares no subject with the seeds.
const arabicStory = `ارتفعت أسعار القهوة في الأسواق العالمية إلى أعلى مستوى منذ عقد

قفزت العقود الآجلة لحبوب البن إلى أعلى مستوى لها منذ عشر سنوات خلال تعاملات الأربعاء، بعد أن أدت موجة جفاف طويلة في مناطق الزراعة الرئيسية إلى تقليص توقعات المحصول لهذا الموسم.

وقال تجار في بورصة السلع إن المشترين سارعوا إلى تأمين الشحنات قبل حلول الشتاء، فيما خفضت شركات التحميص الكبرى مخزوناتها إلى أدنى حد ممكن.

وأشار خبراء زراعيون إلى أن الأشجار التي تضررت من الحرارة المرتفعة تحتاج إلى عامين على الأقل حتى تستعيد قدرتها الكاملة على الإنتاج.

ويتوقع أصحاب المقاهي الصغيرة أن تنتقل الزيادة إلى المستهلكين خلال أسابيع، إذ لم يعد بإمكانهم امتصاص التكاليف الإضافية للنقل والتعبئة والعمالة.

وفي المقابل، يرى محللون أن الطلب قد يتراجع قليلا مع ارتفاع الأسعار، ما قد يخفف الضغط على السوق في النصف الثاني من العام المقبل.

وتعمل جمعيات المزارعين على برامج لتوزيع شتلات أكثر تحملا للجفاف، وتطالب بتمويل ميسر يساعد العائلات الريفية على تركيب أنظمة ري حديثة.

ويعد البن من أكثر السلع تداولا في العالم، ويعتمد ملايين المزارعين الصغار على عائداته مصدرا رئيسيا للدخل في أمريكا اللاتينية وأفريقيا وآسيا.

وأكدت منظمة دولية معنية بالمحاصيل الاستوائية أنها ستصدر تقديرا محدثا للإنتاج مطلع الشهر المقبل، بعد جولات ميدانية في المزارع المتضررة.

ونصح مستشارون ماليون الشركات المستوردة بتنويع مصادر الشراء وإبرام عقود طويلة الأجل لتفادي التقلبات الحادة في الأسعار خلال الفترة المقبلة.`
