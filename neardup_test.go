package neardup_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/simhash"
)

func seeds(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("testdata/seeds/*.txt")
	require.NoError(t, err)
	require.Len(t, paths, 5)
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out[filepath.Base(p)[:3]] = string(b)
	}
	return out
}

// respell writes s the way another site might: harakat and tatweel added,
// hamza on alef, Persian yeh and kaf, alef maksura for final yeh,
// Arabic-Indic digits and other punctuation. Nothing in it changes a
// word.
func respell(s string) string {
	var b strings.Builder
	word := 0
	letter := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '\n':
			word++
			letter = 0
			b.WriteRune(r)
			continue
		case r >= '0' && r <= '9':
			b.WriteRune('٠' + r - '0')
			continue
		case r == '،':
			b.WriteString(",")
			continue
		case r == '.':
			b.WriteString(" ؛")
			continue
		case r == '“' || r == '”' || r == '"':
			b.WriteRune('«')
			continue
		case r == 'ا' && letter == 0 && word%2 == 0:
			r = 'أ'
		case r == 'ي' && word%3 == 0:
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		}
		b.WriteRune(r)
		letter++
		if r >= 'ء' && r <= 'ي' || r == 'ی' || r == 'ک' {
			switch {
			case letter%2 == 1:
				b.WriteRune('\u064E') // fatha
			case word%5 == 0 && letter == 2:
				b.WriteString("ـــ")
			}
		}
	}
	return b.String()
}

func TestRespelledSeedIsTheSameArticle(t *testing.T) {
	for name, s := range seeds(t) {
		v := respell(s)
		require.NotEqual(t, s, v)
		fa, err := neardup.Fingerprint(s)
		require.NoError(t, err)
		fb, err := neardup.Fingerprint(v)
		require.NoError(t, err)
		assert.LessOrEqual(t, fa.Distance(fb), 3, name)

		r, err := neardup.Compare(s, v)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, r.CoverageA, 0.95, name)
		assert.GreaterOrEqual(t, r.CoverageB, 0.95, name)
		assert.Contains(t, []compare.Verdict{compare.Identical, compare.NearDuplicate}, r.Verdict, name)
	}
}

// debrisLines are the lines of each seed that a reader would call site
// debris rather than article: judged by hand, independently of the
// debris package's rules.
var debrisLines = map[string][]string{
	"000": {"READ  ", "اترك تعليقاً", "لن يتم نشر عنوان بريدك"},
	"001": {},
	"002": {"عاجل", "روسيا تجندد كوريين", "تم نسخ الرابط"},
	"003": {"المصدر: الوطن", "كلمات دلالية", "إقرأ أيضاً", "بلومبرج تكشف", "كشفت وكالة بلومبرج", "وأعلنت روسيا استعدادها", "وأشارت الوكالة الإخبارية", "وأضافت \"بلومبرج\"", "والتقى نائب وزير", "وطالب الشرع", "مقالات مشابهة", "  •"},
	"004": {"[ad_1]", "دعمكم", "اقرأ المزيد", "ولا تزال هذه الانتخابات", "تحظى صحيفة الإندبندنت", "ساعدونا في الاستمرار", "إغلاق", "[ad_2]", "المصدر"},
}

// split returns the seed's article lines and debris lines.
func split(s string, debris []string) (article, junk string) {
	var keep, drop []string
	for _, line := range strings.Split(s, "\n") {
		bad := false
		for _, d := range debris {
			if strings.HasPrefix(line, d) {
				bad = true
			}
		}
		if bad {
			drop = append(drop, line)
		} else {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n"), strings.Join(drop, "\n")
}

func TestDebrisDoesNotHideTheArticle(t *testing.T) {
	all := seeds(t)
	_, foreign := split(all["004"], debrisLines["004"])
	_, foreign3 := split(all["003"], debrisLines["003"])
	for name, s := range all {
		clean, _ := split(s, debrisLines[name])
		r, err := neardup.Compare(s, clean)
		require.NoError(t, err)
		assert.Contains(t, []compare.Verdict{compare.Identical, compare.NearDuplicate}, r.Verdict, "%s without its debris", name)

		// Another site's debris, where that site puts it: 004's ad
		// markers and appeal box before the article, 003's source line,
		// tags and "read also" article after it.
		withOther := "[ad_1]\n" + foreign + "\n" + clean
		if name == "004" {
			withOther = clean + "\n" + foreign3
		}
		r, err = neardup.Compare(s, withOther)
		require.NoError(t, err)
		assert.Contains(t, []compare.Verdict{compare.Identical, compare.NearDuplicate}, r.Verdict, "%s with another site's debris", name)
	}
}

func TestDebrisAloneMakesNoMatch(t *testing.T) {
	all := seeds(t)
	names := []string{"000", "001", "002", "003", "004"}
	for _, a := range names {
		for _, b := range names {
			if a == b {
				continue
			}
			cleanA, _ := split(all[a], debrisLines[a])
			_, junkB := split(all[b], debrisLines[b])
			// Article a wearing b's debris, against article b.
			r, err := neardup.Compare(cleanA+"\n"+junkB, all[b])
			require.NoError(t, err)
			assert.Less(t, r.Verdict, compare.NearDuplicate, "%s with %s's debris", a, b)
			before, err := neardup.Compare(cleanA, all[b])
			require.NoError(t, err)
			assert.Equal(t, len(before.Passages), len(r.Passages), "%s with %s's debris: debris added a passage", a, b)
		}
	}
}

func TestTwoParagraphsOfOneSeedInsideAnother(t *testing.T) {
	all := seeds(t)
	src, host := all["000"], all["002"]
	p1 := "ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات، الذي يعمل تحت إشراف وزارة الثقافة والإعلام، جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو."
	p2 := "يأتي ذلك بعد أن صرح رئيس المخابرات العسكرية الأوكرانية، كريلو بودانوف، لوسائل الإعلام المحلية. 11.000 جندي مشاة كوري شمالي يخضع حاليًا للتدريب في شرق روسيا. وتوقع أنهم سيكونون مستعدين للقتال بحلول نوفمبر. وأشار إلى أنه سيتم إرسال ما لا يقل عن 2600 جندي إلى منطقة كورسك الروسية، حيث بدأت أوكرانيا توغلها في أغسطس."
	require.Contains(t, src, p1)
	require.Contains(t, src, p2)

	// Insert p1 after the host's 4th paragraph and p2 after its 10th.
	paras := strings.Split(host, "\n\n")
	require.Greater(t, len(paras), 11)
	var parts []string
	parts = append(parts, paras[:4]...)
	parts = append(parts, p1)
	parts = append(parts, paras[4:10]...)
	parts = append(parts, p2)
	parts = append(parts, paras[10:]...)
	composite := strings.Join(parts, "\n\n")

	r, err := neardup.Compare(src, composite)
	require.NoError(t, err)
	assert.Equal(t, compare.PartialReuse, r.Verdict)
	require.Len(t, r.Passages, 2)

	runeAt := func(s, sub string) (int, int) {
		i := strings.Index(s, sub)
		start := utf8.RuneCountInString(s[:i])
		return start, start + utf8.RuneCountInString(sub)
	}
	near := func(got compare.Span, s, sub, what string) {
		start, end := runeAt(s, sub)
		assert.InDelta(t, start, got.RuneStart, 20, what+" start")
		assert.InDelta(t, end, got.RuneEnd, 20, what+" end")
	}
	near(r.Passages[0].A, src, p1, "first passage in the source")
	near(r.Passages[0].B, composite, p1, "first passage in the composite")
	near(r.Passages[1].A, src, p2, "second passage in the source")
	near(r.Passages[1].B, composite, p2, "second passage in the composite")
	assert.Greater(t, r.ContainmentA, 0.2)
	assert.Less(t, r.CoverageA, 0.8)
	assert.Greater(t, r.CoverageB, 0.2)
}

func TestDifferentSeedsAreNotNearDuplicates(t *testing.T) {
	all := seeds(t)
	names := []string{"000", "001", "002", "003", "004"}
	for i, a := range names {
		for _, b := range names[i+1:] {
			r, err := neardup.Compare(all[a], all[b])
			require.NoError(t, err)
			assert.Less(t, r.Verdict, compare.NearDuplicate, "%s %s", a, b)
			assert.Less(t, r.Resemblance, 0.3, "%s %s", a, b)
		}
	}
}

func TestNoEvidence(t *testing.T) {
	for _, s := range []string{"", "  \n ", "... ، ؟ !!", "[ad_1]\nاترك تعليقاً"} {
		_, err := neardup.Fingerprint(s)
		assert.ErrorIs(t, err, simhash.ErrNoFeatures, "%q", s)
		r, err := neardup.Compare(s, s)
		require.NoError(t, err)
		assert.Equal(t, compare.NoEvidence, r.Verdict, "%q", s)
	}
	// Invalid UTF-8 is not an error: bad bytes separate words.
	f1, err := neardup.Fingerprint("كييف\xff أوكرانيا")
	require.NoError(t, err)
	f2, err := neardup.Fingerprint("كييف أوكرانيا")
	require.NoError(t, err)
	assert.Equal(t, f1, f2)
}

func TestFingerprintMatchesPrepare(t *testing.T) {
	for name, s := range seeds(t) {
		f, err := neardup.Fingerprint(s)
		require.NoError(t, err)
		d, err := neardup.Prepare(s)
		require.NoError(t, err)
		require.True(t, d.HasFingerprint)
		assert.Equal(t, d.Fingerprint, f, name)
	}
}

func FuzzPipeline(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
	}
	f.Add("\x00\x01binary\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		fp, err := neardup.Fingerprint(s)
		d, perr := neardup.Prepare(s)
		require.NoError(t, perr)
		if err != nil {
			require.ErrorIs(t, err, simhash.ErrNoFeatures)
			require.False(t, d.HasFingerprint)
			return
		}
		require.Equal(t, d.Fingerprint, fp)
	})
}
