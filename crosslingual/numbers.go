package crosslingual

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers: the anchor every language writes alike, once read. Digits
// are ASCII after folding; what differs is the separators (150,000 in
// English, 150.000 or ١٥٠٬٠٠٠ in Arabic, 2.5 and ٢٫٥), the scale words
// (2.5 million, 2.5 مليون) and numbers in words (twenty-five, خمسة
// وعشرون). A number's value is kept as a canonical decimal string (no
// leading or trailing zeros), computed on the digits themselves, so any
// length is exact and nothing overflows.

// maxNumberTokens bounds how many tokens one number spans (groups of
// digits, or number words): no real number is longer, and the bound
// keeps the reading linear on any input.
const maxNumberTokens = 12

// readNumber reads a number at token i. It returns the token after it
// and dst with its values appended (two when the separators can be read
// two ways), or i and dst unchanged if no number starts there.
func readNumber(l Lang, src string, toks []token, i int, dst []string) (int, []string) {
	if off := digitsFrom(toks[i].r); off >= 0 {
		return readDigits(l, src, toks, i, off, dst)
	}
	if l == English {
		return readEnglishWords(toks, i, dst)
	}
	return readArabicWords(toks, i, dst)
}

// digitsFrom returns where the digits of a word start: at once, or after
// a currency sign ($20m, £5) or an Arabic proclitic (و٢٫٥, ب2015); -1
// if it does not start with digits.
func digitsFrom(r []rune) int {
	switch {
	case isDigit(r[0]):
		return 0
	case len(r) > 1 && isDigit(r[1]) && (unicode.Is(unicode.Sc, r[0]) || isProclitic(r[0])):
		return 1
	}
	return -1
}

// readDigits reads digits from rune off of token i, joined groups and a
// scale after them.
func readDigits(l Lang, src string, toks []token, i, off int, dst []string) (int, []string) {
	t := toks[i].r[off:]
	n := 0
	for n < len(t) && isDigit(t[n]) {
		n++
	}
	groups := []string{string(t[:n])}
	var seps []rune
	j := i + 1
	shift, suffixed := 0, n < len(t)
	if suffixed {
		shift = suffixShift[string(t[n:])]
	} else {
		for j < len(toks) && j-i < maxNumberTokens && allDigits(toks[j].r) {
			sep := gap(src, toks, j-1)
			c, size := utf8.DecodeRuneInString(sep)
			if size != len(sep) || !strings.ContainsRune(",.٫٬", c) {
				break
			}
			groups = append(groups, toks[j].s)
			seps = append(seps, c)
			j++
		}
	}
	start := len(dst)
	// English writes 1,500.5; Arabic text either that or 1.500,5.
	dst = appendReading(dst, groups, seps, ",٬", ".٫")
	if l == Arabic {
		if v := appendReading(nil, groups, seps, ".٬", ",٫"); len(v) == 1 && (len(dst) == start || dst[start] != v[0]) {
			dst = append(dst, v[0])
		}
	}
	if len(dst) == start {
		// No reading of the groups holds: the first alone is a number.
		dst, j, shift = appendReading(dst, groups[:1], nil, "", ""), i+1, 0
		if suffixed {
			shift = suffixShift[string(t[n:])]
		}
	}
	if !suffixed && j < len(toks) {
		if s, ok := scaleWords[toks[j].s]; ok {
			shift, j = s, j+1
		}
	}
	for k := start; k < len(dst); k++ {
		dst[k] = shifted(dst[k], shift)
	}
	return j, dst
}

// appendReading appends the value of groups joined by seps, reading the
// runes of thousands as thousands separators and those of point as a
// decimal point, or nothing if that reading does not hold (a thousands
// group of other than three digits, a point before the last group).
func appendReading(dst []string, groups []string, seps []rune, thousands, point string) []string {
	intPart, frac := groups[0], ""
	for k, c := range seps {
		g := groups[k+1]
		switch {
		case strings.ContainsRune(thousands, c) && len(g) == 3:
			intPart += g
		case strings.ContainsRune(point, c) && k == len(seps)-1:
			frac = g
		default:
			return dst
		}
	}
	return append(dst, canonical(intPart, frac))
}

// canonical returns the decimal intPart.frac without leading zeros in
// the integer part nor trailing zeros in the fraction.
func canonical(intPart, frac string) string {
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		return intPart + "." + frac
	}
	return intPart
}

// shifted returns the canonical decimal v times 10^k.
func shifted(v string, k int) string {
	if k == 0 {
		return v
	}
	intPart, frac, _ := strings.Cut(v, ".")
	if len(frac) < k {
		frac += strings.Repeat("0", k-len(frac))
	}
	return canonical(intPart+frac[:k], frac[k:])
}

func allDigits(r []rune) bool {
	for _, c := range r {
		if !isDigit(c) {
			return false
		}
	}
	return len(r) > 0
}

// suffixShift are the scales written onto digits (20m, 3bn, 5k).
var suffixShift = map[string]int{"k": 3, "m": 6, "mn": 6, "mln": 6, "bn": 9, "b": 9, "bln": 9, "tn": 12}

// scaleWords are the scales written after digits, as powers of ten,
// keyed by their folded forms in both languages.
var scaleWords = foldedKeys(map[string]int{
	"thousand": 3, "thousands": 3, "million": 6, "millions": 6, "mln": 6, "billion": 9, "billions": 9,
	"bn": 9, "bln": 9, "trillion": 12, "trillions": 12,
	"ألف": 3, "آلاف": 3, "مليون": 6, "ملايين": 6, "مليار": 9, "مليارات": 9, "بليون": 9,
	"تريليون": 12, "ترليون": 12,
})
