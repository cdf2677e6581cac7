package main

import (
	"fmt"
	"io"
	"time"

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
	fmt.Fprintf(p.w, format+"\n", args...)
}
