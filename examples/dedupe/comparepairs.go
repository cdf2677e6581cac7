package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/parallel"
)

const comparePairsUsage = `dedupe compare --pairs compares many pairs of documents, one JSON line each.

Usage:
  dedupe compare --pairs FILE [flags]

FILE lists one pair per line: the paths of A and B separated by a tab
("-" reads the list from stdin). Blank lines and lines starting with #
are skipped; relative paths are relative to the current directory. Each
path is read as by 'dedupe compare' (plain text, JSON, JSON Lines or zip,
with --id-field and --text-field) and must hold exactly one document; a
path named on several lines is read and prepared once.

The output is JSON Lines: for each pair, in the order of FILE, one line
holding the object 'dedupe compare --format json A B' writes,
{"schema_version", "documents": [a, b], "pair": pair}. A pair whose A or B
could not be read is left out (the reason is on stderr).

Examples:
  printf 'wire.txt\tarticle.txt\n' > pairs.tsv
  dedupe compare --pairs pairs.tsv > reports.jsonl

Exit status:
  0  done
  1  --fail-on-duplicates and a pair is identical or near-duplicate, or
     --fail-on-reuse and a pair is a partial reuse
  2  usage error, a line of FILE is malformed, or a document could not
     be read (the other pairs are still compared); 2 wins over 1
`

// hasFlag reports whether args set the flag name (as -name, --name,
// -name=... or --name=...) before any "--".
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// pairLine is one pair of a --pairs file.
type pairLine struct {
	line int
	a, b string
}

// readPairList reads a --pairs file; it reports each malformed line and
// returns how many there were.
func readPairList(path string, e cli.Env, cmd string) ([]pairLine, int, error) {
	f := os.Stdin
	if path != "-" {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, 0, err
		}
		defer f.Close()
	}
	var (
		pairs []pairLine
		bad   int
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, b, ok := strings.Cut(line, "\t")
		if !ok || a == "" || b == "" || strings.Contains(b, "\t") {
			cli.Warnf(e.Stderr, "%s: %s:%d: want two paths separated by one tab", cmd, path, n)
			bad++
			continue
		}
		pairs = append(pairs, pairLine{line: n, a: a, b: b})
	}
	return pairs, bad, sc.Err()
}

// runComparePairs runs dedupe compare --pairs and returns the exit
// status.
func runComparePairs(args []string, e cli.Env) int {
	const cmd = "dedupe compare"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		list               string
		in                 inputFlags
		align              alignFlags
		format             = cli.NewFormat("json")
		nworkers           cli.WorkersFlag
		failDup, failReuse bool
	)
	fs.StringVar(&list, "pairs", "", "`file` listing pairs, A<TAB>B per line (- for stdin)")
	fs.Var(&format, "format", "output `format`: json only (JSON Lines) with --pairs")
	fs.BoolVar(&failDup, "fail-on-duplicates", false, "exit 1 if a pair is identical or near-duplicate")
	fs.BoolVar(&failReuse, "fail-on-reuse", false, "exit 1 if a pair is a partial reuse")
	in.register(fs)
	align.register(fs)
	fs.Var(&nworkers, "workers", cli.WorkersUsage)
	paths, err := cli.ParseFlags(fs, args, comparePairsUsage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return cli.ExitOK
	case err != nil:
		return cli.ExitError
	case list == "":
		cli.UsageError(e, cmd, "--pairs needs a file")
		return cli.ExitError
	case len(paths) > 0:
		cli.UsageError(e, cmd, "with --pairs, give no files A and B (they are listed in %s)", list)
		return cli.ExitError
	case align.check(e, cmd) != nil:
		return cli.ExitError
	case in.check(e, cmd) != nil:
		return cli.ExitError
	}
	workers := nworkers.N()

	pairs, failed, err := readPairList(list, e, cmd)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}

	// Read each distinct path once, in order of first mention.
	p := cli.NewProgress(e)
	byPath := make(map[string]*document)
	var docs []*document
	// Every document is prepared and held: together they must fit the
	// budget.
	budget, held := in.budget(), int64(0)
	for _, pl := range pairs {
		for _, path := range []string{pl.a, pl.b} {
			if _, seen := byPath[path]; seen {
				continue
			}
			d, ok := in.readOne(path, budget, p, cmd)
			if ok {
				if err := overBudget(held+prepareCost(len(d.Text)), budget); err != nil {
					p.Errorf("%s: %s: with the documents before it, %v", cmd, d.Source, err)
					ok = false
				}
			}
			if !ok {
				failed++
				byPath[path] = nil
				continue
			}
			held += prepareCost(len(d.Text))
			d.index = len(docs)
			byPath[path] = d
			docs = append(docs, d)
		}
	}
	cfg := in.config()
	cfg.Compare = align.options(cfg.Compare)
	failed += len(prepareAll(cfg, docs, workers, p, cmd))

	out := make([][]byte, len(pairs))
	reports := make([]compare.Report, len(pairs))
	p.Start(fmt.Sprintf("comparing %d pairs", len(pairs)), len(pairs))
	parallel.For(len(pairs), workers, func(_, k int) {
		a, b := byPath[pairs[k].a], byPath[pairs[k].b]
		if a == nil || b == nil || a.prep == nil || b.prep == nil {
			return
		}
		r, err := cfg.CompareDocs(a.prep, b.prep)
		if err != nil {
			panic(fmt.Sprintf("%s: comparing prepared documents: %v", cmd, err))
		}
		reports[k] = r
		out[k], err = jsonLine(newCompareJSON(a, b, r))
		if err != nil {
			panic(fmt.Sprintf("%s: encoding JSON: %v", cmd, err))
		}
	}, p.Add)
	p.Done()

	w := bufio.NewWriter(e.Stdout)
	found, skipped := false, 0
	for k, line := range out {
		if line == nil {
			skipped++
			continue
		}
		_, _ = w.Write(line)
		found = found || failsOn(reports[k], failDup, failReuse)
	}
	if err := w.Flush(); err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	if failed > 0 {
		cli.Warnf(e.Stderr, "%s: %s; %d of %s left out", cmd, plural(failed, "problem"), skipped, plural(len(pairs), "pair"))
		return cli.ExitError
	}
	if found {
		return cli.ExitFound
	}
	return cli.ExitOK
}

// jsonLine encodes v as one line of JSON, newline included.
func jsonLine(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}
