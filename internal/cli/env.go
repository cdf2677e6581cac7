// Package cli is the plumbing the project's commands share (dedupe, the
// shipped command, and eval, which measures the library on labelled
// corpora): what a run sees of the outside world, exit statuses, flag
// parsing and usage errors, escaped diagnostics, progress bars and a
// worker pool. It lives in one place so that the commands behave alike
// and a fix to one reaches both.
package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Exit statuses of the commands.
const (
	ExitOK    = 0 // nothing to report
	ExitFound = 1 // a --fail-on-... flag was given and such a thing was found
	ExitError = 2 // usage error, or an input could not be read
	// ExitCrash: the command crashed (out of memory, a fault, a bug)
	// and what it wrote is incomplete.
	ExitCrash = 3
)

// Env is what a run of a command sees of the outside world, so that
// tests can run it in-process.
type Env struct {
	Stdout, Stderr io.Writer
	// Progress says whether to draw progress bars on Stderr; Color
	// whether Stdout may use ANSI colours (with --color=auto).
	Progress, Color bool
}

// System returns the Env of a process: its standard output and error,
// progress bars when stderr is a terminal, colours when stdout is one
// and neither NO_COLOR nor TERM=dumb says otherwise.
func System() Env {
	return Env{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Progress: isTerminal(os.Stderr),
		Color:    isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
