package cli

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress draws one progress bar at a time on stderr, and nothing at all
// unless enabled (when stderr is a terminal). It also prints error lines,
// clearing the bar first so that the two do not mix. It is here so that
// every command draws its bars and reports its errors alike.
type Progress struct {
	enabled bool
	w       io.Writer
	bar     *progressbar.ProgressBar
}

// NewProgress returns the progress of a run seeing e: bars only if
// e.Progress, error lines on e.Stderr.
func NewProgress(e Env) *Progress { return &Progress{enabled: e.Progress, w: e.Stderr} }

// Start begins a bar for total steps; a negative total draws a counter of
// unknown length instead. Steps are added by Add, from any goroutine.
func (p *Progress) Start(desc string, total int) { p.start(desc, total, true) }

// Spin shows desc beside a spinner with no count, for a step that gives
// no news until it ends: a count stuck at "0/-" says less than nothing.
func (p *Progress) Spin(desc string) { p.start(desc, -1, false) }

func (p *Progress) start(desc string, total int, count bool) {
	p.Done()
	if !p.enabled || total == 0 {
		return
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(80 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		// No background redraws: the bar is drawn only from Add, which
		// keeps it from racing with error lines printed by Errorf.
		progressbar.OptionSetSpinnerChangeInterval(0),
	}
	if count {
		opts = append(opts, progressbar.OptionShowCount())
	}
	if total < 0 {
		opts = append(opts, progressbar.OptionSpinnerType(14))
	}
	p.bar = progressbar.NewOptions(total, opts...)
	// Drawn at once: a step that ends within the throttle would
	// otherwise never show.
	_ = p.bar.RenderBlank()
}

// Add advances the current bar by n steps.
func (p *Progress) Add(n int) {
	if p.bar != nil && n > 0 {
		_ = p.bar.Add(n)
	}
}

// Done clears the current bar.
func (p *Progress) Done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
		p.bar = nil
	}
}

// Errorf prints one error line on stderr. It must not be called while
// other goroutines call Add.
func (p *Progress) Errorf(format string, args ...any) {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	Warnf(p.w, format, args...)
}
