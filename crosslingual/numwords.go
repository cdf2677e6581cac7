package crosslingual

import (
	"strconv"
	"strings"

	"github.com/neardup/neardup/normalize"
)

// Numbers in words. English puts the larger part first (two hundred and
// fifty), Arabic the units before the tens (خمسة وعشرون, five and
// twenty), joined by و; both are read by one additive rule: values add
// up, a hundred multiplies what came before it, a scale (thousand,
// million, ألف, مليون) multiplies what came before and closes a group.
// "one" and "a" are left alone (one of them, a million reasons): only
// "one" before a hundred or a scale counts.

// wordValue is what a number word does.
type wordValue struct {
	v     int64
	scale bool // thousand and up: multiplies and closes a group
	times bool // hundred: multiplies what came before
	teen  bool // Arabic عشر after a unit: adds ten (ثلاثة عشر)
}

// maxWordNumber bounds the values numbers in words reach, so that sums
// and products never overflow on any input.
const maxWordNumber = int64(1) << 50

var englishNumberWords = func() map[string]wordValue {
	m := map[string]wordValue{"hundred": {v: 100, times: true}, "thousand": {v: 1e3, scale: true},
		"million": {v: 1e6, scale: true}, "billion": {v: 1e9, scale: true}, "trillion": {v: 1e12, scale: true}}
	for k, w := range strings.Fields("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen") {
		m[w] = wordValue{v: int64(k + 2)}
	}
	for k, w := range strings.Fields("twenty thirty forty fifty sixty seventy eighty ninety") {
		m[w] = wordValue{v: int64(20 + 10*k)}
	}
	return m
}()

// readEnglishWords reads an English number in words at token i.
func readEnglishWords(toks []token, i int, dst []string) (int, []string) {
	word := func(k int) (wordValue, bool) {
		if k >= len(toks) {
			return wordValue{}, false
		}
		w, ok := englishNumberWords[toks[k].s]
		return w, ok
	}
	j := i
	if toks[i].s == "one" {
		if w, ok := word(i + 1); !ok || !(w.scale || w.times) {
			return i, dst
		}
		j = i + 1
	}
	var sum sumOf
	if j == i+1 {
		sum.add(wordValue{v: 1})
	}
	for j < len(toks) && j-i < maxNumberTokens {
		if w, ok := word(j); ok {
			sum.add(w)
			j++
			continue
		}
		// "and" joins number words: two hundred and fifty.
		if _, ok := word(j + 1); ok && toks[j].s == "and" && sum.any {
			j++
			continue
		}
		break
	}
	if !sum.any {
		return i, dst
	}
	return j, append(dst, strconv.FormatInt(sum.value(), 10))
}

// arabicNumberWords are keyed by folded form.
var arabicNumberWords = func() map[string]wordValue {
	m := map[string]wordValue{}
	put := func(v wordValue, words string) {
		for _, w := range strings.Fields(words) {
			m[normalize.Default.String(w)] = v
		}
	}
	put(wordValue{v: 1}, "أحد إحدى")
	put(wordValue{v: 2}, "اثنان اثنين اثنتان اثنتين اثنا اثنتا")
	units := []string{"ثلاث ثلاثة", "أربع أربعة", "خمس خمسة", "ست ستة", "سبع سبعة", "ثمان ثماني ثمانية", "تسع تسعة"}
	tens := []string{"ثلاثون ثلاثين", "أربعون أربعين", "خمسون خمسين", "ستون ستين", "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"}
	hundreds := []string{"ثلاثمائة ثلاثمئة", "أربعمائة أربعمئة", "خمسمائة خمسمئة", "ستمائة ستمئة", "سبعمائة سبعمئة", "ثمانمائة ثمانمئة ثمانيمائة", "تسعمائة تسعمئة"}
	for k := range units {
		put(wordValue{v: int64(k + 3)}, units[k])
		put(wordValue{v: int64(10*k + 30)}, tens[k])
		put(wordValue{v: int64(100*k + 300)}, hundreds[k])
	}
	put(wordValue{v: 10, teen: true}, "عشر عشرة")
	put(wordValue{v: 20}, "عشرون عشرين")
	put(wordValue{v: 100, times: true}, "مائة مئة")
	put(wordValue{v: 200}, "مائتان مائتين مئتان مئتين")
	put(wordValue{v: 1e3, scale: true}, "ألف آلاف")
	put(wordValue{v: 2e3}, "ألفان ألفين")
	put(wordValue{v: 1e6, scale: true}, "مليون ملايين")
	put(wordValue{v: 2e6}, "مليونان مليونين")
	put(wordValue{v: 1e9, scale: true}, "مليار مليارات بليون")
	return m
}()

// readArabicWords reads an Arabic number in words at token i: its first
// word may carry a proclitic or the article (بخمسة، الخمسة), the others
// the conjunction (وعشرون).
func readArabicWords(toks []token, i int, dst []string) (int, []string) {
	first, ok := arabicNumberWord(toks[i].s, true)
	if ok && first.v == 1 && i+1 < len(toks) {
		// أحد عشر, eleven
		next, _ := arabicNumberWord(toks[i+1].s, false)
		ok = next.teen
	} else if first.v == 1 {
		ok = false
	}
	if !ok || first.scale || first.times {
		// أحد alone is "someone", ألف alone "alef", مائة alone often
		// "per cent" (بالمائة): a number starts with a count.
		return i, dst
	}
	var sum sumOf
	sum.add(first)
	j := i + 1
	for j < len(toks) && j-i < maxNumberTokens {
		w, ok := arabicNumberWord(toks[j].s, false)
		if !ok || w.v == 1 {
			break
		}
		sum.add(w)
		j++
	}
	return j, append(dst, strconv.FormatInt(sum.value(), 10))
}

// arabicNumberWord looks a folded word up, without the conjunction و
// (and, first, without a proclitic or the article).
func arabicNumberWord(w string, first bool) (wordValue, bool) {
	if v, ok := arabicNumberWords[w]; ok {
		return v, true
	}
	prefixes := numberPrefixes[:1]
	if first {
		prefixes = numberPrefixes
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok {
			if v, ok := arabicNumberWords[rest]; ok {
				return v, true
			}
		}
	}
	return wordValue{}, false
}

// numberPrefixes may stand before a number word: the conjunction, and
// before the first word of a number a proclitic or the article.
var numberPrefixes = []string{"و", "ب", "ل", "ال", "بال", "وال"}

// sumOf adds number words up: total holds closed groups, cur the one
// being read.
type sumOf struct {
	total, cur int64
	any        bool
}

func (s *sumOf) add(w wordValue) {
	s.any = true
	switch {
	case w.scale:
		s.total = min(s.total+max(s.cur, 1)*w.v, maxWordNumber)
		s.cur = 0
	case w.times:
		s.cur = min(max(s.cur, 1)*w.v, maxWordNumber)
	case w.teen && s.cur > 0 && s.cur < 10:
		s.cur += 10
	default:
		s.cur = min(s.cur+w.v, maxWordNumber)
	}
}

func (s *sumOf) value() int64 { return min(s.total+s.cur, maxWordNumber) }

// foldedKeys returns m with its keys folded as text is.
func foldedKeys[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[normalize.Default.String(k)] = v
	}
	return out
}
