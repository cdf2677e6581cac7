package main

import (
	"fmt"
	"os"

	"github.com/neardup/neardup/internal/cli"
)

const usage = `eval measures the neardup library on labelled corpora (kept outside the
repository: research licences).

Usage (from the module root, go run ./eval SUBCOMMAND):
  eval pan [flags]        PAN text alignment: write detections ('eval pan -h')
  eval pan-eval [flags]   score PAN detections ('eval pan-eval -h')
  eval counter [flags]    measure on the COUNTER corpus ('eval counter -h')
  eval judged [flags]     score the batch job on judged SaudiNewsNet pairs ('eval judged -h')
  eval recall [flags]     recall of candidate search on SaudiNewsNet ('eval recall -h')
  eval ntrex [flags]      English–Arabic translation on NTREX-128 ('eval ntrex -h')

Exit status:
  0  done
  2  usage error, or an input could not be read
`

func main() { os.Exit(run(os.Args[1:], cli.System())) }

// run dispatches to a subcommand and returns the exit status.
func run(args []string, e cli.Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "pan":
			return runPan(args[1:], e)
		case "pan-eval":
			return runPanEval(args[1:], e)
		case "counter":
			return runCounter(args[1:], e)
		case "judged":
			return runJudged(args[1:], e)
		case "recall":
			return runRecall(args[1:], e)
		case "ntrex":
			return runNTREX(args[1:], e)
		case "-h", "-help", "--help", "help":
			fmt.Fprint(e.Stdout, usage)
			return cli.ExitOK
		}
		cli.UsageError(e, "eval", "unknown subcommand %q: want pan, pan-eval, counter, judged, recall or ntrex", args[0])
		return cli.ExitError
	}
	cli.UsageError(e, "eval", "no subcommand: want pan, pan-eval, counter, judged, recall or ntrex")
	return cli.ExitError
}
