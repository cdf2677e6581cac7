package main

import (
	"fmt"
	"os"

	"github.com/neardup/neardup/internal/cli"
)

func main() {
	if status, ok := supervise(); ok {
		os.Exit(status)
	}
	status := run(os.Args[1:], cli.System())
	exited()
	os.Exit(status)
}

// run dispatches to a subcommand and returns the exit status.
func run(args []string, e cli.Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "compare":
			if hasFlag(args[1:], "pairs") {
				return runComparePairs(args[1:], e)
			}
			return runCompare(args[1:], e)
		case "index":
			return runIndex(args[1:], e)
		}
	}
	return runBatch(args, e)
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
func (c colorFlag) use(e cli.Env) bool {
	return c == "always" || (c == "auto" && e.Color)
}
