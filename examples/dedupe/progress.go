package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
)

// progress draws one progress bar at a time on stderr, and nothing at all
// unless enabled (when stderr is a terminal). It also prints error lines,
// clearing the bar first so that the two do not mix.
type progress struct {
	enabled bool
	w       io.Writer
	bar     *progressbar.ProgressBar
}

func newProgress(e env) *progress { return &progress{enabled: e.progress, w: e.stderr} }

// start begins a bar for total steps; a negative total draws a counter of
// unknown length instead. Steps are added by add, from any goroutine.
func (p *progress) start(desc string, total int) {
	p.done()
	if !p.enabled || total == 0 {
		return
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(80 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		// No background redraws: the bar is drawn only from add, which
		// keeps it from racing with error lines printed by errorf.
		progressbar.OptionSetSpinnerChangeInterval(0),
	}
	if total < 0 {
		opts = append(opts, progressbar.OptionSpinnerType(14))
	}
	p.bar = progressbar.NewOptions(total, opts...)
	// Drawn at once: a step that ends within the throttle would
	// otherwise never show.
	_ = p.bar.RenderBlank()
}

// add advances the current bar by n steps.
func (p *progress) add(n int) {
	if p.bar != nil && n > 0 {
		_ = p.bar.Add(n)
	}
}

// done clears the current bar.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
		p.bar = nil
	}
}

// errorf prints one error line on stderr. It must not be called while
// other goroutines call add.
func (p *progress) errorf(format string, args ...any) {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	warnf(p.w, format, args...)
}

// warnf writes one line of diagnostics: format and args as by
// fmt.Fprintf, with control characters, bidirectional controls and
// invalid UTF-8 escaped (\n, \x1b, \u202e, \xff), then a line break.
// File names and input lines go into these messages, and a name with a
// line break, a terminal escape or a direction override in it must not
// forge a line, drive the terminal or reorder what is shown.
func warnf(w io.Writer, format string, args ...any) {
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
