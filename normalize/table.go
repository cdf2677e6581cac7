package normalize

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// A table entry says what one original rune folds to. The low 21 bits
// hold a rune or an expansion index; the kind sits above them.
type entry uint32

const (
	kindRune    entry = 0 << 24 // one folded rune
	kindDrop    entry = 1 << 24 // nothing: a mark, tatweel, format character
	kindSpace   entry = 2 << 24 // a separator
	kindNewline entry = 3 << 24 // a separator that breaks the line
	kindExpand  entry = 4 << 24 // several folded runes, see table.exp
	kindMask    entry = 7 << 24
	valueMask   entry = 1<<21 - 1
)

// bmpSize covers the Basic Multilingual Plane, where nearly all news text
// lives; rarer runes are folded on the fly.
const bmpSize = 0x10000

// table is a compiled Rules: a direct lookup for every BMP rune. It is
// built once per Rules value and read-only afterwards, so concurrent
// readers need no locking.
type table struct {
	rules Rules
	bmp   []entry
	// exp holds the folded runes of expansions back to back; ' ' and
	// '\n' in it stand for separators (a folded letter is never one).
	exp    []rune
	expIdx []uint32 // expansion i is exp[expIdx[i]:expIdx[i+1]]

	folders sync.Pool // *folder, for runes outside the BMP
}

var tables sync.Map // Rules → func() *table

// compiled returns the table for r, building it on first use.
func (r Rules) compiled() *table {
	if f, ok := tables.Load(r); ok {
		return f.(func() *table)()
	}
	f, _ := tables.LoadOrStore(r, sync.OnceValue(func() *table { return build(r) }))
	return f.(func() *table)()
}

func build(r Rules) *table {
	t := &table{rules: r, bmp: make([]entry, bmpSize), expIdx: []uint32{0}}
	f := newFolder(r)
	var buf []rune
	for c := rune(0); c < bmpSize; c++ {
		if c >= 0xD800 && c <= 0xDFFF {
			// Surrogates never come out of UTF-8 decoding.
			t.bmp[c] = kindSpace
			continue
		}
		buf = f.fold(buf[:0], c)
		t.bmp[c] = t.encode(buf)
	}
	return t
}

// encode turns a folded rune sequence into an entry, recording an
// expansion when it needs more than one rune.
func (t *table) encode(out []rune) entry {
	switch {
	case len(out) == 0:
		return kindDrop
	case isSeparators(out):
		for _, c := range out {
			if c == '\n' {
				return kindNewline
			}
		}
		return kindSpace
	case len(out) == 1:
		return kindRune | entry(out[0])
	}
	i := len(t.expIdx) - 1
	t.exp = append(t.exp, out...)
	t.expIdx = append(t.expIdx, uint32(len(t.exp)))
	return kindExpand | entry(i)
}

func isSeparators(out []rune) bool {
	for _, c := range out {
		if c != ' ' && c != '\n' {
			return false
		}
	}
	return true
}

// folder applies Rules to single runes. It is only used while building a
// table or for runes outside the BMP, and is not safe for concurrent use
// (the case folder keeps state).
type folder struct {
	r     Rules
	caser cases.Caser
}

func newFolder(r Rules) *folder { return &folder{r: r, caser: cases.Fold()} }

// fold appends what c folds to, with ' ' and '\n' standing for
// separators.
func (f *folder) fold(dst []rune, c rune) []rune {
	if k, ok := f.whole(c); ok {
		return append(dst, k)
	}
	r := f.r
	s := string(c)
	compat := r.Compat && !(c >= 0xAC00 && c <= 0xD7A3)
	// The library calls are skipped where they cannot change anything,
	// which is most runes: it makes building a table five times faster.
	if compat && !norm.NFKD.IsNormalString(s) {
		s = norm.NFKD.String(s)
	}
	// Case folding can produce runes that decompose further (İ → i + dot
	// above), so it goes between two decompositions: folding twice must
	// change nothing. A rune alone in its simple case orbit has no
	// folding once compatibility-decomposed.
	if r.Case && isCherokee(c) {
		// Unicode folds Cherokee to its capitals, but cases.Fold swaps
		// the two cases, which would make folding twice undo it.
		s = string(unicode.ToUpper(c))
	} else if r.Case && hasCase(s) {
		s = f.caser.String(s)
		if compat && !norm.NFKD.IsNormalString(s) {
			s = norm.NFKD.String(s)
		}
	}
	for len(s) > 0 {
		d, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		// A seat that compatibility decomposition split from its hamza
		// (ﺅ → و + U+0654) folds as the precomposed letter does; the
		// mark goes with the letter.
		if m, mn := utf8.DecodeRuneInString(s); mn > 0 && isSeatMark(m) {
			if k, ok := f.whole(compose(d, m)); ok {
				dst = append(dst, k)
				s = s[mn:]
				continue
			}
		}
		dst = f.foldOne(dst, d)
	}
	return dst
}

// whole reports what the hamza and madda letters fold to as one rune:
// themselves when their fold is off, since decomposing them would split
// off a mark that ArabicMarks then drops, folding them anyway; the letter
// fold's result when it is on, the mark going with the letter even where
// ArabicMarks keeps marks.
func (f *folder) whole(c rune) (rune, bool) {
	switch c {
	case 'آ', 'أ', 'إ':
		if !f.r.Alef {
			return c, true
		}
	case 'ؤ', 'ئ':
		if !f.r.Hamza {
			return c, true
		}
	case 'ٵ':
		// Compatibility decomposition makes it ا + ٴ, a letter no rule
		// drops: with Alef on, it folds whole to ا as the others do.
		if !f.r.Alef {
			return 0, false
		}
	default:
		return 0, false
	}
	return f.r.letter(c)
}

// isSeatMark reports whether c is a mark that composes with a letter into
// one of the letters whole handles.
func isSeatMark(c rune) bool { return c >= 0x0653 && c <= 0x0655 }

// compose returns the rune that base and mark compose to, or 0.
func compose(base, mark rune) rune {
	s := norm.NFC.String(string([]rune{base, mark}))
	if c, n := utf8.DecodeRuneInString(s); n == len(s) {
		return c
	}
	return 0
}

func isCherokee(c rune) bool {
	return c >= 0x13A0 && c <= 0x13FF || c >= 0xAB70 && c <= 0xABBF
}

func hasCase(s string) bool {
	for _, c := range s {
		if unicode.SimpleFold(c) != c {
			return true
		}
	}
	return false
}

func (f *folder) foldOne(dst []rune, c rune) []rune {
	r := f.r
	switch {
	case c == utf8.RuneError:
		return append(dst, ' ')
	case isLineBreak(c):
		return append(dst, '\n')
	case unicode.IsSpace(c) || unicode.Is(unicode.Zs, c) || unicode.IsControl(c):
		return append(dst, ' ')
	case r.Format && unicode.Is(unicode.Cf, c):
		return dst
	case r.ArabicMarks && isArabicMark(c):
		return dst
	case r.Accents && isAccent(c):
		return dst
	case r.Tatweel && c == 'ـ':
		return dst
	}
	if d, ok := r.letter(c); ok {
		return append(dst, d)
	}
	if r.Digits {
		if v, ok := digitValue(c); ok {
			return append(dst, '0'+v)
		}
	}
	if r.Punct && unicode.IsPunct(c) {
		return append(dst, ' ')
	}
	return append(dst, c)
}

// letter applies the Arabic-script letter folds.
func (r Rules) letter(c rune) (rune, bool) {
	switch c {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ':
		if r.Alef {
			return 'ا', true
		}
	case 'ؤ', 'ئ':
		if r.Hamza {
			return 'ء', true
		}
	case 'ى':
		if r.AlefMaksura {
			return 'ي', true
		}
	case 'ة', 'ۃ':
		if r.TehMarbuta {
			return 'ه', true
		}
	case 'ک', 'ڪ':
		if r.Persian {
			return 'ك', true
		}
	case 'ی', 'ې', 'ۍ', 'ێ':
		if r.Persian {
			return 'ي', true
		}
	case 'ۀ', 'ہ', 'ۂ', 'ھ', 'ە':
		if r.Persian {
			return 'ه', true
		}
	}
	return 0, false
}

func isLineBreak(c rune) bool {
	switch c {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func isArabicMark(c rune) bool {
	switch {
	case c >= 0x0610 && c <= 0x061A,
		c >= 0x064B && c <= 0x065F,
		c == 0x0670,
		c >= 0x06D6 && c <= 0x06DC,
		c >= 0x06DF && c <= 0x06E4,
		c == 0x06E7, c == 0x06E8,
		c >= 0x06EA && c <= 0x06ED,
		c >= 0x08D3 && c <= 0x08FF && c != 0x08E2:
		return true
	}
	return false
}

func isAccent(c rune) bool {
	switch {
	case c >= 0x0300 && c <= 0x036F,
		c >= 0x1AB0 && c <= 0x1AFF,
		c >= 0x1DC0 && c <= 0x1DFF,
		c >= 0x20D0 && c <= 0x20FF,
		c >= 0xFE20 && c <= 0xFE2F:
		return true
	}
	return false
}

// digitValue returns the value of a decimal digit. Unicode lays every
// decimal digit set out as ten consecutive code points starting at zero,
// so the value is the distance from the start of its run modulo ten.
func digitValue(c rune) (rune, bool) {
	if c >= '0' && c <= '9' {
		return c - '0', true
	}
	if !unicode.IsDigit(c) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if c >= rune(rg.Lo) && c <= rune(rg.Hi) && rg.Stride == 1 {
			return (c - rune(rg.Lo)) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if c >= rune(rg.Lo) && c <= rune(rg.Hi) && rg.Stride == 1 {
			return (c - rune(rg.Lo)) % 10, true
		}
	}
	return 0, false
}
