package crosslingual

import (
	"strconv"
	"strings"

	"github.com/neardup/neardup/normalize"
)

// Months and days of the week. The English and the first Arabic names
// of each month are CLDR's (golang.org/x/text keeps them in an internal
// table it does not export, so they are written out here); Arabic
// writers also use the Levantine and Iraqi names (كانون الثاني, شباط)
// and the Maghrebi ones (جانفي, غشت), and spell a few otherwise (إبريل,
// يونيه). The English names that are also common words (May, March)
// count only capitalized; abbreviations (Jan, Sept) too.

// calendarNames maps each month (1–12) and weekday (Monday 21 to
// Sunday 27) to its names, English then Arabic, space-separated; a name
// of two words is joined by "_".
var calendarNames = map[int]string{
	1:  "january Jan يناير كانون_الثاني جانفي",
	2:  "february Feb فبراير شباط فيفري",
	3:  "March Mar مارس آذار",
	4:  "april Apr أبريل إبريل نيسان أفريل",
	5:  "May مايو أيار ماي",
	6:  "june Jun يونيو يونيه حزيران جوان",
	7:  "july Jul يوليو يوليه تموز جويلية يوليوز",
	8:  "august Aug أغسطس آب أوت غشت",
	9:  "september Sep Sept سبتمبر أيلول شتنبر",
	10: "october Oct أكتوبر تشرين_الأول",
	11: "november Nov نوفمبر تشرين_الثاني نونبر",
	12: "december Dec ديسمبر كانون_الأول دجنبر",
	21: "monday الاثنين الإثنين",
	22: "tuesday الثلاثاء",
	23: "wednesday الأربعاء",
	24: "thursday الخميس",
	25: "friday الجمعة",
	26: "saturday السبت",
	27: "sunday الأحد",
}

// calendarName is one name of a month or weekday, folded: its words.
type calendarName struct {
	words []string
	key   int
	caps  bool // English: counts only capitalized
}

// calendarByFirst indexes the names by their first folded word, and by
// that word without the article for Arabic weekdays (يوم الجمعة, الجمعة
// and جمعة differ: only the first two are Friday, so the article is
// kept in the key and a proclitic before it taken off).
var calendarByFirst = func() map[string][]calendarName {
	m := map[string][]calendarName{}
	for key, names := range calendarNames {
		for _, n := range strings.Fields(names) {
			caps := n[0] >= 'A' && n[0] <= 'Z'
			words := strings.Fields(normalize.Default.String(strings.ReplaceAll(n, "_", " ")))
			m[words[0]] = append(m[words[0]], calendarName{words: words, key: key, caps: caps})
		}
	}
	return m
}()

// readCalendar reads a month or weekday name at token i, returning the
// token after it and its anchor, or i.
func readCalendar(l Lang, src string, toks []token, i int) (int, Anchor) {
	w := toks[i].s
	cands := calendarByFirst[w]
	if len(cands) == 0 && l == Arabic && len(toks[i].r) > 4 && isProclitic(toks[i].r[0]) {
		cands = calendarByFirst[w[len(string(toks[i].r[0])):]]
	}
	for _, c := range cands {
		if c.caps && !capitalized(src, toks[i]) {
			continue
		}
		if j := i + len(c.words); j <= len(toks) && wordsAt(toks, i+1, c.words[1:]) {
			return j, anchorOf(Calendar, strconv.Itoa(c.key))
		}
	}
	return i, 0
}

// wordsAt reports whether the tokens from i are words.
func wordsAt(toks []token, i int, words []string) bool {
	for k, w := range words {
		if i+k >= len(toks) || toks[i+k].s != w {
			return false
		}
	}
	return true
}
