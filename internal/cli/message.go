package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Warnf writes one line of diagnostics: format and args as by
// fmt.Fprintf, with control characters, bidirectional controls and
// invalid UTF-8 escaped (\n, \x1b, \u202e, \xff), then a line break.
// File names and input lines go into these messages, and a name with a
// line break, a terminal escape or a direction override in it must not
// forge a line, drive the terminal or reorder what is shown. Every
// command writes its diagnostics with it, so that none can forget the
// escaping.
func Warnf(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	var b strings.Builder
	for i, c := range msg {
		switch {
		case c == utf8.RuneError && !strings.HasPrefix(msg[i:], "\uFFFD"):
			fmt.Fprintf(&b, "\\x%02x", msg[i])
		case c == '\t' || !unicode.IsControl(c) && !unicode.Is(unicode.Bidi_Control, c) && c != '\u2028' && c != '\u2029':
			b.WriteRune(c)
		default:
			q := strconv.QuoteRune(c)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

// Unjoin splits an error made by errors.Join into its parts (nil for
// nil), so that a command can report each on a line of its own.
func Unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// Plural returns "1 thing" or "n things", for the counts in the
// commands' messages and reports.
func Plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
