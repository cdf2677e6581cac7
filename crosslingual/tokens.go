package crosslingual

import (
	"unicode"
	"unicode/utf8"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

// Lang is the language of a text.
type Lang uint8

// The languages of the anchor space.
const (
	English Lang = iota + 1
	Arabic
)

// String returns the language's name ("english", "arabic").
func (l Lang) String() string {
	switch l {
	case English:
		return "english"
	case Arabic:
		return "arabic"
	}
	return "unknown"
}

// Detect returns the language of a folded text: Arabic if it has more
// Arabic letters than Latin ones, English if it has any Latin letter,
// else 0.
func Detect(runes []rune) Lang {
	ar, lat := 0, 0
	for _, r := range runes {
		switch {
		case isArabic(r):
			ar++
		case r >= 'a' && r <= 'z':
			lat++
		}
	}
	switch {
	case ar > lat:
		return Arabic
	case lat > 0:
		return English
	}
	return 0
}

// token is a word of a folded text, with where it came from: what
// numbers read their separators from (a comma or a point between two
// groups of digits folds to a space), and sentences their ends.
type token struct {
	r        []rune // folded
	s        string // the same, as a string: what the tables are keyed by
	pos, end int32  // folded runes
	bs, be   int32  // bytes of the original
	// stems are, for an Arabic word, the hashes of the stems it may
	// have (arabicStems), 0 where it has fewer.
	stems [maxStems]uint64
}

// tokenize cuts t into its words, of language l.
func tokenize(t *normalize.Text, l Lang) []token {
	ts := shingle.AppendTokens(nil, t.Runes)
	out := make([]token, len(ts))
	for i, k := range ts {
		bs, be := t.ByteSpan(k.Pos, k.End)
		r := t.Runes[k.Pos:k.End]
		out[i] = token{r: r, s: string(r), pos: int32(k.Pos), end: int32(k.End), bs: int32(bs), be: int32(be)}
		if l == Arabic {
			arabicStems(&out[i].stems, r)
		}
	}
	return out
}

// gap returns the original text between tokens i and i+1: "" if i is
// the last, or if both come from one original character (ﷺ folds to
// four words).
func gap(src string, toks []token, i int) string {
	if i+1 >= len(toks) || toks[i].be >= toks[i+1].bs {
		return ""
	}
	return src[toks[i].be:toks[i+1].bs]
}

// capitalized reports whether token k starts with a capital in the
// original text.
func capitalized(src string, k token) bool {
	r, _ := utf8.DecodeRuneInString(src[k.bs:])
	return unicode.IsUpper(r)
}

// allCaps reports whether every letter of token k is a capital in the
// original (US, not us).
func allCaps(src string, k token) bool {
	for _, r := range src[k.bs:k.be] {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isDigit reports whether r is an ASCII digit (folding made every
// decimal digit one).
func isDigit(r rune) bool { return r >= '0' && r <= '9' }
