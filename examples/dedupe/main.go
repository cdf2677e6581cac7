package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// Exit statuses.
const (
	exitOK    = 0 // nothing to report
	exitFound = 1 // --fail-on-duplicates or --fail-on-reuse and such a pair was found
	exitError = 2 // usage error, or an input could not be read
)

// env is what a run of the command sees of the outside world, so that
// tests can run it in-process.
type env struct {
	stdout, stderr io.Writer
	// progress says whether to draw progress bars on stderr; color
	// whether stdout may use ANSI colours (with --color=auto).
	progress, color bool
}

func main() {
	e := env{
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		progress: isTerminal(os.Stderr),
		color:    isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
	}
	os.Exit(run(os.Args[1:], e))
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// run dispatches to a subcommand and returns the exit status.
func run(args []string, e env) int {
	if len(args) > 0 {
		switch args[0] {
		case "compare":
			if hasFlag(args[1:], "pairs") {
				return runComparePairs(args[1:], e)
			}
			return runCompare(args[1:], e)
		case "pan":
			return runPan(args[1:], e)
		case "pan-eval":
			return runPanEval(args[1:], e)
		case "counter":
			return runCounter(args[1:], e)
		case "index":
			return runIndex(args[1:], e)
		}
	}
	return runBatch(args, e)
}

// errUsage marks a usage error already reported.
var errUsage = errors.New("usage error")

// parseFlags parses args with fs, allowing flags after the positional
// arguments as well as before them ("dedupe dir --format json"); an
// argument "--" ends the flags. It returns the positional arguments. On
// -h it prints the usage on stdout and returns flag.ErrHelp; on any other
// error it prints the error and a hint on stderr and returns errUsage.
func parseFlags(fs *flag.FlagSet, args []string, usage string, e env) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, usage)
			printFlags(e.stdout, fs)
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, usageError(e, fs.Name(), "%v", err)
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError reports a usage problem on stderr and returns errUsage.
func usageError(e env, cmd, format string, args ...any) error {
	warnf(e.stderr, "%s: %s", cmd, fmt.Sprintf(format, args...))
	warnf(e.stderr, "Run '%s -h' for usage.", cmd)
	return errUsage
}

// printFlags lists the flags of fs with GNU-style double dashes (single
// dashes work as well).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "\nFlags (one or two dashes; flags may follow the inputs):")
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if name != "" {
			head += " " + name
		}
		fmt.Fprintln(w, head)
		usage = strings.ReplaceAll(usage, "\n", "\n        ")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "        %s\n", usage)
	})
}

// formatFlag is the value of --format.
type formatFlag string

func (f *formatFlag) String() string { return string(*f) }

func (f *formatFlag) Set(s string) error {
	switch s {
	case "text", "json":
		*f = formatFlag(s)
		return nil
	}
	return fmt.Errorf("want text or json, not %q", s)
}

// colorFlag is the value of --color.
type colorFlag string

func (c *colorFlag) String() string { return string(*c) }

func (c *colorFlag) Set(s string) error {
	switch s {
	case "auto", "always", "never":
		*c = colorFlag(s)
		return nil
	}
	return fmt.Errorf("want auto, always or never, not %q", s)
}

// use says whether to colour output, given whether stdout allows it.
func (c colorFlag) use(e env) bool {
	return c == "always" || (c == "auto" && e.color)
}

// sizeFlag is a size in bytes, written with an optional unit suffix.
type sizeFlag int64

var sizeUnits = []struct {
	suffix string
	n      int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

func (s *sizeFlag) String() string {
	for _, u := range sizeUnits[:3] {
		if v := int64(*s); v >= u.n && v%u.n == 0 && (v/u.n < 1<<10 || u.n == 1<<30) {
			return strconv.FormatInt(v/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(*s), 10)
}

func (s *sizeFlag) Set(v string) error {
	num, mult := strings.TrimSpace(v), int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(n), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return fmt.Errorf("want a size such as 1000, 500KiB or 64MiB, not %q", v)
	}
	*s = sizeFlag(n * mult)
	return nil
}
