package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup/crosslingual"
)

// readMUSE adds the pairs of a MUSE dictionary (one pair a line, the two
// words separated by a space, a tab or " @ ", in either order: the
// script tells which side is Arabic) and returns how many lines it read
// and how many pairs the lexicon took.
func readMUSE(r io.Reader, lex *crosslingual.Lexicon) (lines, taken int, err error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		lines++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		x, y, ok := splitPair(line)
		if !ok {
			return lines, taken, fmt.Errorf("line %d: not a pair of words: %q", lines, line)
		}
		if isArabicWord(x) {
			x, y = y, x
		}
		if lex.AddPair(x, y) {
			taken++
		}
	}
	return lines, taken, sc.Err()
}

// splitPair splits a MUSE line into its two words.
func splitPair(line string) (string, string, bool) {
	if x, y, ok := strings.Cut(line, " @ "); ok {
		return strings.TrimSpace(x), strings.TrimSpace(y), true
	}
	f := strings.Fields(line)
	if len(f) != 2 {
		return "", "", false
	}
	return f[0], f[1], true
}

// isArabicWord reports whether s has an Arabic letter.
func isArabicWord(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF })
}
