package crosslingual

import "strings"

// Names: a name written in Arabic letters keeps its consonants, roughly
// (Kavanaugh, كافانو; Pinellas, بينيلاس; Toyota, تويوتا), and drops or
// respells its vowels. So a name's anchor is its consonant skeleton:
// each consonant mapped to a class both scripts share, vowels, h and
// the letters that stand for vowels (ا و ي ى ع ء ه ح, and w, y) dropped,
// repeats collapsed. Ambiguous English spellings give each reading (th
// is ت or ث, ch is ش or ك), a few at most. Only skeletons of three
// consonants or more are anchors: shorter ones are shared by too many
// words. On the development half of NTREX, 46% of the capitalized
// English words that are not first in their line find their skeleton
// in the Arabic line, and 0.5% in a random Arabic line. No data is
// needed, so names not in any list are found too.

// minSkeleton is the fewest consonants of a name anchor.
const minSkeleton = 3

// maxSkeletons bounds the readings of one English word.
const maxSkeletons = 4

// arabicConsonant maps Arabic letters (folded), from U+0600, to the
// consonant classes; 0 drops the letter.
var arabicConsonant = func() (t [256]byte) {
	for r, c := range map[rune]byte{
		'ب': 'b', 'پ': 'b', 'ت': 't', 'ط': 't', 'ث': 's', 'ج': 'g', 'غ': 'g', 'گ': 'g', 'ڨ': 'g',
		'خ': 'k', 'ق': 'k', 'ك': 'k', 'د': 'd', 'ض': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 's', 'س': 's',
		'ش': 's', 'ص': 's', 'ظ': 's', 'ف': 'f', 'ڤ': 'f', 'ل': 'l', 'م': 'm', 'ن': 'n',
	} {
		t[r-0x0600] = c
	}
	return t
}()

// appendArabicSkeleton appends the skeleton of a folded Arabic word to
// b.
func appendArabicSkeleton(b []byte, w []rune) []byte {
	start := len(b)
	for _, r := range w {
		if r < 0x0600 || r > 0x06FF {
			continue
		}
		if c := arabicConsonant[r-0x0600]; c != 0 && (len(b) == start || b[len(b)-1] != c) {
			b = append(b, c)
		}
	}
	return b
}

// arabicNamePrefixes are what may stand before a name in Arabic: the
// article with its particles, and the proclitics, longest first.
var arabicNamePrefixes = [][]rune{[]rune("وال"), []rune("بال"), []rune("لل"), []rune("ال"), []rune("و"), []rune("ب"), []rune("ل")}

// appendArabicNames appends the name anchors of a folded Arabic word:
// the skeletons of the word, and of it without the first prefix it has
// (three letters at least left).
func appendArabicNames(dst []Anchor, w []rune) []Anchor {
	var buf [64]byte
	s := appendArabicSkeleton(buf[:0], w)
	if len(s) >= minSkeleton {
		dst = append(dst, anchorOfBytes(Name, s))
	}
	for _, p := range arabicNamePrefixes {
		if len(w)-len(p) >= 3 && hasRunePrefix(w, p) {
			t := appendArabicSkeleton(buf[:0], w[len(p):])
			if a := anchorOfBytes(Name, t); len(t) >= minSkeleton && (len(dst) == 0 || dst[len(dst)-1] != a) {
				dst = append(dst, a)
			}
			break
		}
	}
	return dst
}

func hasRunePrefix(w, p []rune) bool {
	if len(w) < len(p) {
		return false
	}
	for i, r := range p {
		if w[i] != r {
			return false
		}
	}
	return true
}

// englishSpellings are the English letter groups read otherwise than
// letter by letter, longest first within a first letter; a group with
// two readings gives both ("" drops it).
var englishSpellings = []struct {
	from string
	to   []string
}{
	{"sch", []string{"s"}}, {"tch", []string{"s"}}, {"sh", []string{"s"}}, {"ch", []string{"s", "k"}},
	{"th", []string{"t", "s"}}, {"ph", []string{"f"}}, {"gh", []string{""}}, {"ck", []string{"k"}},
	{"qu", []string{"k"}}, {"kh", []string{"k"}}, {"ce", []string{"s"}}, {"ci", []string{"s"}},
	{"cy", []string{"s"}}, {"x", []string{"ks"}},
}

// englishConsonant maps the other English letters to the classes;
// letters not in it (vowels, h, w, y) are dropped.
var englishConsonant = map[byte]byte{
	'b': 'b', 'p': 'b', 't': 't', 'd': 'd', 's': 's', 'z': 's', 'c': 'k', 'k': 'k', 'q': 'k',
	'g': 'g', 'j': 'g', 'f': 'f', 'v': 'f', 'l': 'l', 'm': 'm', 'n': 'n', 'r': 'r',
}

// englishSkeletons appends to dst the skeletons of a folded English
// word (ASCII letters; anything else makes it no name).
func englishSkeletons(dst []string, w string) []string {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return dst
		}
	}
	if strings.HasPrefix(w, "gh") {
		w = "g" + w[2:] // Ghana, غانا
	}
	readings := []string{""}
	for i := 0; i < len(w); {
		to, n := []string{string(englishConsonant[w[i]])}, 1
		if englishConsonant[w[i]] == 0 {
			to = []string{""}
		}
		for _, s := range englishSpellings {
			if strings.HasPrefix(w[i:], s.from) {
				to, n = s.to, len(s.from)
				if s.from == "ce" || s.from == "ci" || s.from == "cy" {
					n = 1 // the vowel is read on its own
				}
				break
			}
		}
		if len(readings)*len(to) > maxSkeletons {
			to = to[:1]
		}
		next := readings[:0:0]
		for _, r := range readings {
			for _, t := range to {
				next = append(next, r+t)
			}
		}
		readings = next
		i += n
	}
	for _, r := range readings {
		if s := collapse(r); len(s) >= minSkeleton && !containsString(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

// collapse drops repeated letters: ll, ss, and those mapping made (ck).
func collapse(s string) string {
	b := []byte(s)
	out := b[:0]
	for _, c := range b {
		if len(out) == 0 || out[len(out)-1] != c {
			out = append(out, c)
		}
	}
	return string(out)
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
