package main

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// Runs of the other direction inside a block of text. A paragraph takes
// its direction from its first strong letter (dir="auto"); a Latin run
// inside Arabic text ("(AP)", "Twitter Space", a file name, markup quoted
// in an article) is laid out by the bidirectional algorithm, which
// attaches the neutral characters at its ends (brackets, quotes, "<",
// dots) to whichever side their neighbours say and can scatter them. Each
// such run is put in an isolate (<bdi>), so that it reads in its own
// order as one unit, and the punctuation around it in the paragraph's.

// htmlRun is a run of a segment's text, isolated or not.
type htmlRun struct {
	Text    string
	Isolate bool
}

// strongRTL says whether c is a strong right-to-left letter (true), a
// strong left-to-right one (false), or neither (ok false).
func strongRTL(c rune) (rtl, ok bool) {
	if c < 0x80 {
		isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		return false, isLetter
	}
	p, _ := bidi.LookupRune(c)
	switch p.Class() {
	case bidi.R, bidi.AL:
		return true, true
	case bidi.L:
		return false, true
	}
	return false, false
}

// baseRTL reports the direction dir="auto" gives text: that of its first
// strong letter, left to right if it has none.
func baseRTL(text string) bool {
	for _, c := range text {
		if rtl, ok := strongRTL(c); ok {
			return rtl
		}
	}
	return false
}

// isolateRuns cuts s into runs, those of the direction opposite to the
// paragraph's (rtl) isolated: each from a strong letter of that direction
// to the last one before a letter of the paragraph's direction, with the
// digits and neutrals between them, and the brackets, quotes and other
// ASCII marks touching its ends ("(AP)", "<img src=x>"): left outside, a
// "<" or "(" would take the paragraph's direction and be drawn mirrored.
// Sentence punctuation (. , ; : ! ?) after a run is the paragraph's.
func isolateRuns(s string, rtl bool) []htmlRun {
	var runs []htmlRun
	plain, start, end := 0, -1, -1 // the run being built is s[start:end]
	flush := func() {
		if start < 0 {
			return
		}
		for start > plain && attached(s[start-1]) {
			start--
		}
		for end < len(s) && attached(s[end]) {
			end++
		}
		if plain < start {
			runs = append(runs, htmlRun{Text: s[plain:start]})
		}
		runs = append(runs, htmlRun{Text: s[start:end], Isolate: true})
		plain, start = end, -1
	}
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if r, ok := strongRTL(c); ok {
			if r == rtl {
				flush()
			} else {
				if start < 0 {
					start = i
				}
				end = i + size
			}
		}
		i += size
	}
	flush()
	if plain < len(s) {
		runs = append(runs, htmlRun{Text: s[plain:]})
	}
	return runs
}

// attached reports whether an ASCII mark next to an isolated run goes in
// it: brackets, quotes, slashes, markup, but not sentence punctuation or
// space.
func attached(c byte) bool {
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') &&
		!strings.ContainsRune(".,;:!?", rune(c))
}
