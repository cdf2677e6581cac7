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
)

const indexUsage = `dedupe index keeps a corpus on disk and answers queries against it.

Usage:
  dedupe index add --db PATH [flags] INPUT...    add documents to the store
  dedupe index query --db PATH [flags] INPUT...  near-duplicates and sources
                                                 of each input in the store
  dedupe index stats --db PATH [flags]           what the store holds
  dedupe index list --db PATH [flags]            the stored IDs, in the order added
  dedupe index remove --db PATH [flags] ID...    remove documents (or --ids FILE)

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

Examples:
  dedupe index add --db wire.db wire/2026-11-*.jsonl
  dedupe index query --db wire.db --format json today/ > reuse.json
  dedupe index query --db arabic.db --cross-lingual --lexicon en-ar.lex ap-wire/
  dedupe index stats --db wire.db

Exit status:
  0  done
  1  query with --fail-on-duplicates and an input has a near-duplicate,
     or with --fail-on-reuse and an input has a source
  2  usage error, the store cannot be opened, or some inputs could not
     be read or added (each reported on stderr); 2 wins over 1
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
	}
	cmds := []string{"add", "query", "stats", "list", "remove"}
	hint := ""
	if s := cli.Suggest(args[0], cmds); s != "" {
		hint = " (did you mean " + s + "?)"
	}
	cli.UsageError(e, "dedupe index", "unknown command %q%s: want %s", args[0], hint, orList(cmds))
	return cli.ExitError
}

// indexFlags are the flags every index command takes.
type indexFlags struct {
	db     string
	format formatFlag
	in     inputFlags
	align  alignFlags // query only
	radius int        // query only: the corpus aligns candidates this near
}

// register registers the flags of an index command writing formats.
func (f *indexFlags) register(fs *flag.FlagSet, inputs bool, formats ...string) {
	if len(formats) == 0 {
		formats = []string{"text", "json"}
	}
	f.format = newFormat(formats...)
	f.radius = neardup.DefaultRadius
	fs.StringVar(&f.db, "db", "", "the store's `file`")
	fs.Var(&f.format, "format", f.format.usage())
	if inputs {
		f.in.register(fs)
	} else {
		f.in.maxBytes = input.DefaultMaxBytes
		fs.BoolVar(&f.in.keepDebris, "keep-debris", false, "the store was built with --keep-debris")
	}
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

// open opens the store of f, reporting a failure on stderr. A store that
// does not exist is created only if create; without create it is opened
// read-only.
func (f *indexFlags) open(e cli.Env, cmd string, create bool) (*neardup.Corpus, bool) {
	if !create && !f.exists(e, cmd) {
		return nil, false
	}
	open := neardup.Open
	if !create {
		open = neardup.OpenReadOnly // query and stats: many may run at once
	}
	c, err := open(f.db, f.config())
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		if errors.Is(err, neardup.ErrConfig) {
			cli.Warnf(e.Stderr, "%s: a store is read with the --keep-debris it was built with, by a dedupe that folds text as the one that built it; otherwise build it again", cmd)
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

// exists reports whether the store of f is there, saying why not.
func (f *indexFlags) exists(e cli.Env, cmd string) bool {
	fi, err := os.Stat(f.db)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = fmt.Errorf("no store at %s ('dedupe index add --db %s INPUT...' makes one)", f.db, f.db)
	case err == nil && fi.Mode().IsRegular() && fi.Size() == 0:
		// bbolt would make an empty file a store; only add may.
		err = fmt.Errorf("%s is empty, not a store ('dedupe index add' makes one)", f.db)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return false
	}
	return true
}

// readBatches reads the documents of paths and calls fn with them in
// batches of up to n, in input order. Input errors are reported on
// stderr and returned, with the sources of the records without text.
func (f *inputFlags) readBatches(paths []string, n int, p *cli.Progress, cmd string, fn func([]*document)) loaded {
	rd := reading{f: f, p: p, cmd: cmd}
	var batch []*document
	for d, err := range input.Read(paths, f.options()) {
		doc := rd.take(d, err)
		if doc == nil {
			continue
		}
		if batch = append(batch, doc); len(batch) == n {
			fn(batch)
			batch = nil
		}
	}
	if len(batch) > 0 {
		fn(batch)
	}
	rd.finish()
	return rd.out
}
