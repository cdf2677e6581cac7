package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/store"
)

const indexUsage = `dedupe index keeps a corpus on disk and answers queries against it.

Usage:
  dedupe index add --db PATH [flags] INPUT...    add documents to the store
  dedupe index query --db PATH [flags] INPUT...  near-duplicates and sources
                                                 of each input in the store
  dedupe index stats --db PATH [flags]           what the store holds
  dedupe index check --db PATH [flags]           read the whole store and
                                                 report any damage

The store is one file (created by the first add). An add holds it alone;
query and stats open it read-only, as many at once as you like, but not
beside an add (one waits a second for the other, then fails). Every
document that add reports as added is on disk, even if the process is
killed right after. Documents are known by their IDs
(--id-field, else their source): an ID already in the store is skipped,
not replaced. Inputs are read as by the batch job ('dedupe -h'); a
document's title (--title-field) is read but not stored. The store
remembers how its texts were normalized: --keep-debris must be the same
at every use.

query reports, for each input document, the stored documents whose
fingerprints are within --radius bits (near-duplicates, by fingerprint
only) and the stored documents it shares passages with (sources, found
through shared marks and fingerprints, then aligned), most of the
input covered first; a stored document with the input's own ID is left
out.

check reads every record, text, set of marks and snapshot of the
store and checks each against its checksum and the others; each problem
is a line on stderr, naming the damaged document when it can. A store
file is never read past its end, and damage met by add, query or stats
is an error (exit 2), never a crash.

Examples:
  dedupe index add --db wire.db wire/2026-11-*.jsonl
  dedupe index query --db wire.db --format json today/ > reuse.json
  dedupe index stats --db wire.db
  dedupe index check --db wire.db

Exit status:
  0  done
  1  query with --fail-on-duplicates and an input has a near-duplicate,
     or with --fail-on-reuse and an input has a source; check found
     damage
  2  usage error, the store cannot be opened, or some inputs could not
     be read or added (each reported on stderr); 2 wins over 1
  3  the command crashed (out of memory, a fault, a bug)
`

// runIndex dispatches dedupe index's subcommands.
func runIndex(args []string, e cli.Env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprint(e.Stdout, indexUsage)
		if len(args) == 0 {
			return cli.ExitError
		}
		return cli.ExitOK
	}
	switch args[0] {
	case "add":
		return runIndexAdd(args[1:], e)
	case "query":
		return runIndexQuery(args[1:], e)
	case "stats":
		return runIndexStats(args[1:], e)
	case "check":
		return runIndexCheck(args[1:], e)
	}
	cli.UsageError(e, "dedupe index", "unknown command %q: want add, query, stats or check", args[0])
	return cli.ExitError
}

// indexFlags are the flags every index command takes.
type indexFlags struct {
	db     string
	format cli.FormatFlag
	in     inputFlags
}

func (f *indexFlags) register(fs *flag.FlagSet, inputs bool) {
	f.registerStore(fs)
	if inputs {
		f.in.register(fs)
	} else {
		fs.BoolVar(&f.in.keepDebris, "keep-debris", false, "the store was built with --keep-debris")
	}
}

// registerStore registers the flags of every index command: the store
// and the output format.
func (f *indexFlags) registerStore(fs *flag.FlagSet) {
	f.format = "text"
	f.in.maxBytes = input.DefaultMaxBytes
	fs.StringVar(&f.db, "db", "", "the store's `file`")
	fs.Var(&f.format, "format", "output `format`: text or json")
}

// parse parses args and checks the common flags; it returns the
// positional arguments, or an exit status if the command is to stop.
func (f *indexFlags) parse(fs *flag.FlagSet, args []string, e cli.Env) ([]string, int, bool) {
	paths, err := cli.ParseFlags(fs, args, indexUsage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, cli.ExitOK, false
	case err != nil:
		return nil, cli.ExitError, false
	case f.db == "":
		cli.UsageError(e, fs.Name(), "--db is required: the store's file")
		return nil, cli.ExitError, false
	case f.in.check(e, fs.Name()) != nil:
		return nil, cli.ExitError, false
	}
	return paths, 0, true
}

// openCorpus opens a store to write; tests replace it to make writes
// fail.
var openCorpus = neardup.Open

// open opens the store of f, reporting a failure on stderr. A store that
// does not exist is created only if create; without create it is opened
// read-only.
func (f *indexFlags) open(e cli.Env, cmd string, create bool) (*neardup.Corpus, bool) {
	open, cfg := openCorpus, f.in.config()
	if create {
		// add prepares each document once, to store it: a cache of
		// prepared documents would be filled and never read.
		cfg.CacheBytes = -1
	} else {
		open = neardup.OpenReadOnly // query and stats: many may run at once
	}
	c, err := open(f.db, cfg)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		switch {
		case errors.Is(err, neardup.ErrConfig):
			cli.Warnf(e.Stderr, "%s: a store is read with the --keep-debris it was built with, by a dedupe that folds text as the one that built it; otherwise build it again", cmd)
		case errors.Is(err, store.ErrIncomplete):
			cli.Warnf(e.Stderr, "%s: 'dedupe index add --db %s' makes it a store", cmd, f.db)
		case errors.Is(err, store.ErrCorrupt):
			cli.Warnf(e.Stderr, "%s: 'dedupe index check --db %s' lists the damage; build the store again from the original documents", cmd, f.db)
		}
		return nil, false
	}
	return c, true
}

// readBatches reads the documents of paths and calls fn with them in
// batches of up to n documents and, but for a single document, maxBytes
// of text, in input order, until fn returns false. Input errors, and
// documents too long to prepare within budget, are reported on stderr
// and returned.
func readBatches(paths []string, opt input.Options, budget int64, n, maxBytes int, p *cli.Progress, cmd string, fn func([]input.Document) bool) []*input.InputError {
	var (
		errs  []*input.InputError
		batch []input.Document
		bytes int
	)
	for d, err := range input.Read(paths, opt) {
		if err == nil {
			if err = overBudget(prepareCost(len(d.Text)), budget); err != nil {
				err = &input.InputError{Source: d.Source, Offset: -1, Err: err}
			}
		}
		if err != nil {
			errs = append(errs, reportInputError(p, cmd, err))
			continue
		}
		if len(batch) > 0 && bytes+len(d.Text) > maxBytes {
			if !fn(batch) {
				return errs
			}
			batch, bytes = nil, 0
		}
		batch, bytes = append(batch, d), bytes+len(d.Text)
		if len(batch) == n {
			if !fn(batch) {
				return errs
			}
			batch, bytes = nil, 0
		}
	}
	if len(batch) > 0 {
		fn(batch)
	}
	return errs
}
