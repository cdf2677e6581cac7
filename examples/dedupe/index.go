package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

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
  dedupe index list --db PATH [flags]            the stored IDs, in the order added
  dedupe index remove --db PATH [flags] ID...    remove documents (or --ids FILE)
  dedupe index check --db PATH [flags]           read the whole store and
                                                 report any damage

The store is one file (created by the first add). An add holds it alone;
query and stats open it read-only, as many at once as you like, but not
beside an add (one waits a second for the other, then fails). Every
document that add reports as added is on disk, even if the process is
killed right after. Documents are known by their IDs
(--id-field, else their source): an ID already in the store is skipped,
not replaced (remove it first to replace it). An INPUT is a file, a
directory or a document's source as the reports print it
("day.zip!day.json#3", "news.jsonl:12"); "-" reads standard input. Inputs are read as by the batch job ('dedupe -h'); a
document's title (--title-field) is read but not stored. The store
remembers how its texts were normalized: --keep-debris must be the same
at every use.

query reports, for each input document, the stored documents whose
fingerprints are within --radius bits and that alignment finds identical
or near-duplicate (near-duplicates) and the stored documents it shares
passages with (sources, found through shared marks and fingerprints,
then aligned), most of the input covered first; a stored document with
the input's own ID is left out. --radius defaults to the batch job's,
neardup.DefaultRadius: every document that near is aligned, so a
fingerprint that is close by chance lists nothing.

query --cross-lingual reads the inputs as English and the store as
Arabic: each input's sources are the stored documents that translate it,
whole or in part (package crosslingual; words through the lexicon
--lexicon or $NEARDUP_LEXICON names, see compare -h), found through an
anchor index built from the store when the command starts.

check reads every record, text, set of marks and snapshot of the
store and checks each against its checksum and the others; each problem
is a line on stderr, naming the damaged document when it can. A store
file is never read past its end, and damage met by add, query or stats
is an error (exit 2), never a crash.

Shared: --db postgres://USER@HOST:PORT/DATABASE keeps the corpus in a
PostgreSQL database instead (its tables are made by the first add):
any number of add, query, list and remove commands, on any machines,
use it at once; two adding one ID, one adds it and the other reports it
as already in the store. The URL's password is never printed; put it in
~/.pgpass or PGPASSWORD rather than on the command line.

Examples:
  dedupe index add --db wire.db wire/2026-11-*.jsonl
  dedupe index query --db wire.db --format json today/ > reuse.json
  dedupe index query --db arabic.db --cross-lingual --lexicon en-ar.lex ap-wire/
  dedupe index stats --db wire.db
  dedupe index check --db wire.db
  dedupe index add --db postgres://news@db.example/corpus wire/

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
	case "list":
		return runIndexList(args[1:], e)
	case "remove":
		return runIndexRemove(args[1:], e)
	case "check":
		return runIndexCheck(args[1:], e)
	}
	cmds := []string{"add", "query", "stats", "list", "remove", "check"}
	hint := ""
	if s := cli.Suggest(args[0], cmds); s != "" {
		hint = " (did you mean " + s + "?)"
	}
	cli.UsageError(e, "dedupe index", "unknown command %q%s: want %s", args[0], hint, cli.OrList(cmds))
	return cli.ExitError
}

// indexFlags are the flags every index command takes.
type indexFlags struct {
	db     string
	format cli.Format
	in     inputFlags
	align  alignFlags // query only
	radius int        // query only: the corpus aligns candidates this near
}

// register registers the flags of an index command writing formats.
func (f *indexFlags) register(fs *flag.FlagSet, inputs bool, formats ...string) {
	f.registerStore(fs, formats...)
	f.radius = neardup.DefaultRadius
	if inputs {
		f.in.register(fs)
	} else {
		fs.BoolVar(&f.in.keepDebris, "keep-debris", false, "the store was built with --keep-debris")
	}
}

// registerStore registers the flags of every index command: the store
// and the output format.
func (f *indexFlags) registerStore(fs *flag.FlagSet, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"text", "json"}
	}
	f.format = cli.NewFormat(formats...)
	f.in.maxBytes = input.DefaultMaxBytes
	fs.StringVar(&f.db, "db", "", "the store: a `file`, or a postgres:// URL (see 'Shared')")
	fs.Var(&f.format, "format", f.format.Usage())
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
		cli.UsageError(e, fs.Name(), "--db is required: the store's file or a postgres:// URL")
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
	if !create && !f.exists(e, cmd) {
		return nil, false
	}
	open, cfg := openCorpus, f.config()
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

// config is the corpus configuration of the flags.
func (f *indexFlags) config() neardup.Config {
	cfg := f.in.config()
	cfg.Compare = f.align.options(cfg.Compare)
	cfg.Radius = f.radius
	return cfg
}

// exists reports whether the store of f is there, saying why not. A
// database says so itself when it is opened.
func (f *indexFlags) exists(e cli.Env, cmd string) bool {
	if neardup.IsDatabaseURL(f.db) {
		return true
	}
	_, err := os.Stat(f.db)
	if errors.Is(err, fs.ErrNotExist) {
		err = fmt.Errorf("no store at %s ('dedupe index add --db %s INPUT...' makes one)", f.db, f.db)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return false
	}
	return true
}

// readBatches reads the documents of paths and calls fn with them in
// batches of up to n documents and, but for a single document, maxBytes
// of text, in input order, until fn returns false. Input errors, and
// documents too long to prepare within budget, are reported on stderr
// and returned, with the sources of the records without text.
func (f *inputFlags) readBatches(paths []string, budget int64, n, maxBytes int, p *cli.Progress, cmd string, fn func([]*document) bool) loaded {
	rd := reading{f: f, p: p, cmd: cmd, budget: budget}
	var (
		batch []*document
		bytes int
	)
	for d, err := range input.Read(paths, f.options()) {
		doc := rd.take(d, err)
		if doc == nil {
			continue
		}
		if len(batch) > 0 && bytes+len(doc.Text) > maxBytes {
			if !fn(batch) {
				rd.finish()
				return rd.out
			}
			batch, bytes = nil, 0
		}
		batch, bytes = append(batch, doc), bytes+len(doc.Text)
		if len(batch) == n {
			if !fn(batch) {
				rd.finish()
				return rd.out
			}
			batch, bytes = nil, 0
		}
	}
	if len(batch) > 0 {
		fn(batch)
	}
	rd.finish()
	return rd.out
}
