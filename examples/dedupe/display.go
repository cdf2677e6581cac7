package main

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/neardup/neardup/compare"
)

// Showing text on a terminal: colours and weights, and text tidied onto
// one line, cut to an excerpt and isolated when it runs right to left.

// style adds ANSI colours and weights when on.
type style struct{ on bool }

func newStyle(on bool) style { return style{on} }

func (s style) sgr(code, text string) string {
	if !s.on {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(text string) string { return s.sgr("1", text) }
func (s style) dim(text string) string  { return s.sgr("2", text) }

// verdict writes r's verdict, coloured by its class.
func (s style) verdict(r compare.Report) string {
	switch classOf(r) {
	case classDuplicate:
		return s.sgr("1;31", r.Verdict.String())
	case classReuse:
		return s.sgr("1;33", r.Verdict.String())
	case classFormula:
		return s.sgr("2", r.Verdict.String())
	}
	return r.Verdict.String()
}

// Changed words are marked in a text with two private-use runes before it
// is tidied for display (which would drop escape codes, as control
// characters), and the marks turned into colour after.
const (
	changeStart = '\uE000'
	changeEnd   = '\uE001'
)

// markChanged wraps the spans of s in the change marks; any mark runes
// in s itself are dropped first, so that only ours remain.
func markChanged(s string, spans [][2]int) string {
	if len(spans) == 0 {
		return strings.NewReplacer(string(changeStart), "", string(changeEnd), "").Replace(s)
	}
	var b strings.Builder
	clean := func(t string) {
		b.WriteString(strings.NewReplacer(string(changeStart), "", string(changeEnd), "").Replace(t))
	}
	at := 0
	for _, sp := range spans {
		clean(s[at:sp[0]])
		b.WriteRune(changeStart)
		clean(s[sp[0]:sp[1]])
		b.WriteRune(changeEnd)
		at = sp[1]
	}
	clean(s[at:])
	return b.String()
}

// changes turns the change marks of a display line into reverse video,
// or drops them with colours off.
func (s style) changes(line string) string {
	on, off := "", ""
	if s.on {
		on, off = "\x1b[7m", "\x1b[27m"
	}
	return strings.NewReplacer(string(changeStart), on, string(changeEnd), off).Replace(line)
}

// head returns the first n runes or so of s on one line, cut at a word
// boundary if there is one near, with an ellipsis if anything was cut.
func head(s string, n int) string {
	r := []rune(display(s))
	if len(r) <= n+n/4 {
		return string(r)
	}
	r = r[:n]
	if i := lastSpace(r); i >= n-n/4 {
		r = r[:i]
	}
	return strings.TrimSpace(string(r)) + ellipsis
}

// Excerpts and right-to-left text.

const (
	fsi      = "\u2068" // FIRST STRONG ISOLATE
	pdi      = "\u2069" // POP DIRECTIONAL ISOLATE
	ellipsis = "…"
)

// excerpt returns s on one line, white space collapsed, cut to its first
// and last n runes around an ellipsis when longer than about 2n runes.
// Cuts fall at rune boundaries, moved to a word boundary when one is
// within n/4 runes, so words are not split.
func excerpt(s string, n int) string {
	// Only the runes shown are tidied: passages run to thousands of
	// runes, and tidying all of them took most of the time of writing
	// a large report.
	limit := 2*n + n/4
	// The runes shown fit on the stack at the default length.
	var hb, tb [256]rune
	r := displayHead(hb[:0], s, limit+1)
	if len(r) <= limit {
		return string(r)
	}
	head, tail := r[:n], displayTail(tb[:0], s, n)
	if i := lastSpace(head); i >= n-n/4 && i > 0 {
		head = head[:i]
	}
	if i := firstSpace(tail); i >= 0 && i < n/4 {
		tail = tail[i+1:]
	}
	return strings.TrimSpace(string(head)) + " " + ellipsis + " " + strings.TrimSpace(string(tail))
}

// displayHead appends to dst the first n runes of display(s), or all of
// them if there are fewer.
func displayHead(dst []rune, s string, n int) []rune {
	t := displayBuilder{limit: n + len(dst)}
	for _, c := range s {
		var more bool
		if dst, more = t.add(dst, c); !more {
			break
		}
	}
	return dst
}

// displayTail appends to dst the last n runes of display(s), or all of
// them if there are fewer, reading s backwards.
func displayTail(dst []rune, s string, n int) []rune {
	t, start := displayBuilder{limit: n + len(dst)}, len(dst)
	for i := len(s); i > 0; {
		c, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		var more bool
		if dst, more = t.add(dst, c); !more {
			break
		}
	}
	slices.Reverse(dst[start:])
	return dst
}

// displayBuilder builds display of a text given one rune at a time, in
// either order: forwards or backwards is the same to it, as display keeps
// one space between two kept runes with white space between them, and
// none at either end. It appends to a slice the caller holds, which can
// then live on its stack, until the slice is limit runes long.
type displayBuilder struct {
	limit        int  // the most runes in the slice appended to
	pendingSpace bool // white space seen since the last rune kept
}

// add appends what c gives to out, and reports whether more runes are
// wanted.
func (t *displayBuilder) add(out []rune, c rune) ([]rune, bool) {
	if len(out) >= t.limit {
		return out, false
	}
	// Letters of the Arabic block and ASCII letters and digits, nearly
	// all of a news text, are kept as they are: the table lookups of
	// the general case cost more than the rest of an excerpt.
	if !(c >= 0x0621 && c <= 0x064A || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
		switch {
		case unicode.IsSpace(c):
			t.pendingSpace = len(out) > 0
			return out, true
		case dropped(c):
			return out, true
		}
	}
	if t.pendingSpace {
		out = append(out, ' ')
		t.pendingSpace = false
		if len(out) >= t.limit {
			return out, false
		}
	}
	return append(out, c), true
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

func firstSpace(r []rune) int {
	for i, c := range r {
		if c == ' ' {
			return i
		}
	}
	return -1
}

// display makes s safe and tidy to print on one line: runs of white space
// become one space, and control characters (which could drive a terminal)
// and explicit bidirectional embeddings, overrides and isolates (which
// would unbalance ours) are dropped.
func display(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			space = b.Len() > 0
			continue
		case dropped(c):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dropped reports whether display drops c.
func dropped(c rune) bool {
	return unicode.IsControl(c) ||
		(c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
}

// isolate wraps s in a first-strong isolate if it holds right-to-left
// letters, so that terminals lay it out on its own: an Arabic excerpt
// followed by Latin text or numbers keeps both in reading order.
func isolate(s string) string {
	if !hasRTL(s) {
		return s
	}
	return fsi + s + pdi
}

func hasRTL(s string) bool {
	for _, c := range s {
		if c < 0x0590 {
			continue
		}
		p, _ := bidi.LookupRune(c)
		if cl := p.Class(); cl == bidi.R || cl == bidi.AL {
			return true
		}
	}
	return false
}
