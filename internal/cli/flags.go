package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/neardup/neardup/internal/parallel"
)

// ErrUsage marks a usage error already reported.
var ErrUsage = errors.New("usage error")

// ParseFlags parses args with fs, allowing flags after the positional
// arguments as well as before them ("dedupe dir --format json"); an
// argument "--" ends the flags. It returns the positional arguments. On
// -h it prints the usage on stdout and returns flag.ErrHelp; on any other
// error it prints the error and a hint on stderr and returns ErrUsage.
// The commands share it so that their flags read and fail alike.
func ParseFlags(fs *flag.FlagSet, args []string, usage string, e Env) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.Stdout, usage)
			PrintFlags(e.Stdout, fs)
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, UsageError(e, fs.Name(), "%v%s", err, suggestFlag(fs, err))
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

// ParseNoArgs parses the flags of a subcommand that takes no positional
// arguments (why says where its inputs come from instead). It returns
// ok, or the exit status to return: ExitOK after -h, ExitError on an
// error, which it has reported.
func ParseNoArgs(fs *flag.FlagSet, args []string, usage string, e Env, cmd, why string) (int, bool) {
	paths, err := ParseFlags(fs, args, usage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return ExitOK, false
	case err != nil:
		return ExitError, false
	case len(paths) > 0:
		UsageError(e, cmd, "unexpected argument %q: "+why, paths[0])
		return ExitError, false
	}
	return 0, true
}

// UsageError reports a usage problem of command cmd on stderr, with a
// hint to run cmd -h, and returns ErrUsage.
func UsageError(e Env, cmd, format string, args ...any) error {
	Warnf(e.Stderr, "%s: %s", cmd, fmt.Sprintf(format, args...))
	Warnf(e.Stderr, "Run '%s -h' for usage.", cmd)
	return ErrUsage
}

// PrintFlags lists the flags of fs with GNU-style double dashes (single
// dashes work as well).
func PrintFlags(w io.Writer, fs *flag.FlagSet) {
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

// Format is the value of a --format flag: one of the formats its
// command writes (NewFormat), refused otherwise as it is parsed.
type Format struct {
	Value   string
	allowed []string
}

// NewFormat returns a --format of the given formats, the first the
// default.
func NewFormat(allowed ...string) Format { return Format{allowed[0], allowed} }

func (f *Format) String() string { return f.Value }

func (f *Format) Set(s string) error {
	if !slices.Contains(f.allowed, s) {
		return fmt.Errorf("want %s, not %q", OrList(f.allowed), s)
	}
	f.Value = s
	return nil
}

// Usage describes the flag for -h.
func (f *Format) Usage() string { return "output `format`: " + OrList(f.allowed) }

// OrList writes "a, b or c".
func OrList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// SizeFlag is a size in bytes, written with an optional unit suffix
// (KiB, MiB, GiB; kB, MB, GB; B).
type SizeFlag int64

var sizeUnits = []struct {
	suffix string
	n      int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

func (s *SizeFlag) String() string {
	for _, u := range sizeUnits[:3] {
		if v := int64(*s); v >= u.n && v%u.n == 0 && (v/u.n < 1<<10 || u.n == 1<<30) {
			return strconv.FormatInt(v/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(*s), 10)
}

func (s *SizeFlag) Set(v string) error {
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
	*s = SizeFlag(n * mult)
	return nil
}

// WorkersFlag is a --workers flag: a pool size from 0 (one per core) to
// parallel.MaxWorkers, checked as it is parsed, so that every command
// refuses the same values with the same words.
type WorkersFlag int

// WorkersUsage is the usage line of a --workers flag.
const WorkersUsage = "parallel `workers` (0: one per core)"

func (w *WorkersFlag) String() string { return strconv.Itoa(int(*w)) }

func (w *WorkersFlag) Set(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > parallel.MaxWorkers {
		return fmt.Errorf("--workers must be from 0 to %d", parallel.MaxWorkers)
	}
	*w = WorkersFlag(n)
	return nil
}

// N returns the size of the pool: one per core for 0.
func (w WorkersFlag) N() int { return parallel.Workers(int(w)) }
