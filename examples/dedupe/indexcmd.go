package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

const indexUsage = `dedupe index keeps a corpus on disk and answers queries against it.

Usage:
  dedupe index add --db PATH [flags] INPUT...    add documents to the store
  dedupe index query --db PATH [flags] INPUT...  near-duplicates and sources
                                                 of each input in the store
  dedupe index stats --db PATH [flags]           what the store holds

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
through shared seed windows and fingerprints, then aligned), most of the
input covered first; a stored document with the input's own ID is left
out.

Examples:
  dedupe index add --db wire.db wire/2026-11-*.jsonl
  dedupe index query --db wire.db --format json today/ > reuse.json
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
	}
	cli.UsageError(e, "dedupe index", "unknown command %q: want add, query or stats", args[0])
	return cli.ExitError
}

// indexFlags are the flags every index command takes.
type indexFlags struct {
	db     string
	format cli.FormatFlag
	in     inputFlags
}

func (f *indexFlags) register(fs *flag.FlagSet, inputs bool) {
	f.format = "text"
	fs.StringVar(&f.db, "db", "", "the store's `file`")
	fs.Var(&f.format, "format", "output `format`: text or json")
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
	if !create {
		fi, err := os.Stat(f.db)
		if err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			// bbolt would make an empty file a store; only add may.
			err = fmt.Errorf("%s is empty, not a store ('dedupe index add' makes one)", f.db)
		}
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %v", cmd, err)
			return nil, false
		}
	}
	open := neardup.Open
	if !create {
		open = neardup.OpenReadOnly // query and stats: many may run at once
	}
	c, err := open(f.db, f.in.config())
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		if errors.Is(err, neardup.ErrConfig) {
			cli.Warnf(e.Stderr, "%s: a store is read with the --keep-debris it was built with, by a dedupe that folds text as the one that built it; otherwise build it again", cmd)
		}
		return nil, false
	}
	return c, true
}

// readBatches reads the documents of paths and calls fn with them in
// batches of up to n, in input order. Input errors are reported on
// stderr and returned.
func readBatches(paths []string, opt input.Options, n int, p *cli.Progress, cmd string, fn func([]input.Document)) []*input.InputError {
	var (
		errs  []*input.InputError
		batch []input.Document
	)
	for d, err := range input.Read(paths, opt) {
		if err != nil {
			errs = append(errs, reportInputError(p, cmd, err))
			continue
		}
		if batch = append(batch, d); len(batch) == n {
			fn(batch)
			batch = nil
		}
	}
	if len(batch) > 0 {
		fn(batch)
	}
	return errs
}

// addJSON is the output of index add --format json.
type addJSON struct {
	Added   int              `json:"added"`
	Skipped []string         `json:"skipped"` // IDs already in the store
	Errors  []errorJSON      `json:"errors"`
	Store   neardup.Stats    `json:"store"`
	Elapsed cli.FourDecimals `json:"elapsed_seconds"`
	Rate    cli.FourDecimals `json:"documents_per_second"`
	errs    []*input.InputError
}

func runIndexAdd(args []string, e cli.Env) int {
	const cmd = "dedupe index add"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f indexFlags
	f.register(fs, true)
	paths, code, ok := f.parse(fs, args, e)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		cli.UsageError(e, cmd, "no inputs: give files or directories to add")
		return cli.ExitError
	}
	c, ok := f.open(e, cmd, true)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()

	out := addJSON{Skipped: []string{}, Errors: []errorJSON{}}
	p := cli.NewProgress(e)
	p.Start("adding", -1)
	start := time.Now()
	errs := readBatches(paths, f.in.options(), 512, p, cmd, func(docs []input.Document) {
		batch := make([]neardup.Document, len(docs))
		source := map[string]string{}
		for i, d := range docs {
			batch[i] = neardup.Document{ID: d.ID, Text: d.Text}
			source[d.ID] = d.Source
		}
		failed := 0
		if err := c.AddBatch(batch); err != nil {
			for _, err := range cli.Unjoin(err) {
				de, ok := errors.AsType[*neardup.DocumentError](err)
				switch {
				case ok && errors.Is(de.Err, neardup.ErrDuplicateID):
					out.Skipped = append(out.Skipped, de.ID)
				case ok:
					out.errs = append(out.errs, &input.InputError{Source: source[de.ID], Offset: -1, Err: de.Err})
					p.Errorf("%s: %v", cmd, out.errs[len(out.errs)-1])
				default:
					out.errs = append(out.errs, &input.InputError{Offset: -1, Err: err})
					p.Errorf("%s: %v", cmd, err)
				}
				failed++
			}
		}
		out.Added += len(docs) - failed
		p.Add(len(docs))
	})
	p.Done()
	elapsed := time.Since(start).Seconds()
	out.errs = append(errs, out.errs...)
	for _, ie := range out.errs {
		out.Errors = append(out.Errors, newErrorJSON(ie))
	}
	out.Store = c.Stats()
	out.Elapsed = cli.FourDecimals(elapsed)
	if elapsed > 0 {
		out.Rate = cli.FourDecimals(float64(out.Added) / elapsed)
	}
	if err := c.Close(); err != nil {
		cli.Warnf(e.Stderr, "%s: closing the store: %v", cmd, err)
		return cli.ExitError
	}

	var werr error
	if f.format == "json" {
		werr = cli.WriteJSON(e.Stdout, out)
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("Added %s to %s", plural(out.Added, "document"), f.db)
		if n := len(out.Skipped); n > 0 {
			pr.printf("; skipped %s already there", plural(n, "document"))
		}
		if n := len(out.errs); n > 0 {
			pr.printf("; %s failed (see stderr)", plural(n, "input"))
		}
		pr.printf(" (%.1f s, %.0f documents/s).\n", elapsed, float64(out.Rate))
		writeStoreStats(pr, out.Store)
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	if len(out.errs) > 0 {
		return cli.ExitError
	}
	return cli.ExitOK
}

func writeStoreStats(pr *printer, s neardup.Stats) {
	pr.printf("The store holds %s (%d with a fingerprint); %d postings; indexes %.1f MiB in memory.\n",
		plural(s.Documents, "document"), s.Fingerprints, s.Postings, float64(s.IndexBytes)/(1<<20))
}

// queryJSON is one input's result in index query --format json.
type queryJSON struct {
	ID             string         `json:"id"`
	Source         string         `json:"source"`
	Fingerprint    *string        `json:"fingerprint"`
	NearDuplicates []matchJSON    `json:"near_duplicates"`
	Sources        []sourceJSON   `json:"sources"`
	Error          *string        `json:"error"`
	doc            input.Document `json:"-"`
}

type matchJSON struct {
	ID       string `json:"id"`
	Distance int    `json:"distance"`
}

type sourceJSON struct {
	ID     string     `json:"id"`
	Report reportJSON `json:"report"`
}

func runIndexQuery(args []string, e cli.Env) int {
	const cmd = "dedupe index query"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		f                  indexFlags
		radius, excerptLen int
		failDup, failReuse bool
	)
	f.register(fs, true)
	fs.IntVar(&radius, "radius", 3, "near-duplicates: stored fingerprints within this many `bits` (0-64)")
	fs.IntVar(&excerptLen, "excerpt", 60, "text output: passages show their first and last this many `runes`")
	fs.BoolVar(&failDup, "fail-on-duplicates", false, "exit 1 if an input has a near-duplicate in the store")
	fs.BoolVar(&failReuse, "fail-on-reuse", false, "exit 1 if an input shares a passage with a stored document")
	paths, code, ok := f.parse(fs, args, e)
	switch {
	case !ok:
		return code
	case len(paths) == 0:
		cli.UsageError(e, cmd, "no inputs: give files or directories to look up")
		return cli.ExitError
	case radius < 0 || radius > 64:
		cli.UsageError(e, cmd, "--radius must be from 0 to 64, not %d", radius)
		return cli.ExitError
	case excerptLen < 1:
		cli.UsageError(e, cmd, "--excerpt must be at least 1")
		return cli.ExitError
	}
	c, ok := f.open(e, cmd, false)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()

	var results []queryJSON
	failed := false
	p := cli.NewProgress(e)
	p.Start("querying", -1)
	errs := readBatches(paths, f.in.options(), 64, p, cmd, func(docs []input.Document) {
		part := make([]queryJSON, len(docs))
		parallel.For(len(docs), runtime.GOMAXPROCS(0), func(_, i int) {
			part[i] = query(c, f.in.config(), docs[i], radius)
		}, p.Add)
		for _, q := range part {
			if q.Error != nil && *q.Error != noFeatures {
				failed = true
				p.Errorf("%s: %s: %s", cmd, q.Source, *q.Error)
			}
		}
		results = append(results, part...)
	})
	p.Done()

	var werr error
	if f.format == "json" {
		if results == nil {
			results = []queryJSON{}
		}
		ej := []errorJSON{}
		for _, ie := range errs {
			ej = append(ej, newErrorJSON(ie))
		}
		werr = cli.WriteJSON(e.Stdout, struct {
			Results []queryJSON `json:"results"`
			Errors  []errorJSON `json:"errors"`
		}{results, ej})
	} else {
		werr = writeQueryText(e.Stdout, results, excerptLen)
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	if len(errs) > 0 || failed {
		return cli.ExitError
	}
	for _, q := range results {
		if (failDup && len(q.NearDuplicates) > 0) || (failReuse && len(q.Sources) > 0) {
			return cli.ExitFound
		}
	}
	return cli.ExitOK
}

// query looks d up in c.
func query(c *neardup.Corpus, cfg neardup.Config, d input.Document, radius int) queryJSON {
	q := queryJSON{ID: d.ID, Source: d.Source, NearDuplicates: []matchJSON{}, Sources: []sourceJSON{}, doc: d}
	fail := func(err error) queryJSON {
		msg := err.Error()
		if errors.Is(err, simhash.ErrNoFeatures) {
			msg = noFeatures
		}
		q.Error = &msg
		return q
	}
	fp, err := cfg.Fingerprint(d.Text)
	if err != nil {
		return fail(err)
	}
	hex := fp.String()
	q.Fingerprint = &hex
	near, err := c.NearDuplicates(d.Text, radius)
	if err != nil {
		return fail(err)
	}
	for _, m := range near {
		if m.ID != d.ID {
			q.NearDuplicates = append(q.NearDuplicates, matchJSON{m.ID, m.Distance})
		}
	}
	srcs, err := c.Sources(d.Text)
	if err != nil {
		return fail(err)
	}
	a := &document{Document: input.Document{Text: d.Text}}
	for _, s := range srcs {
		if s.ID == d.ID {
			continue
		}
		text, err := c.Text(s.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return fail(err)
		}
		src := &document{Document: input.Document{Text: text}}
		q.Sources = append(q.Sources, sourceJSON{ID: s.ID, Report: newReportJSON(src, a, s.Report)})
	}
	return q
}

func writeQueryText(w io.Writer, results []queryJSON, n int) error {
	pr := newPrinter(w, style{})
	for _, q := range results {
		pr.printf("%s  %s\n", isolate(display(q.ID)), q.Source)
		if q.Error != nil {
			pr.printf("    %s\n", *q.Error)
			continue
		}
		if len(q.NearDuplicates) == 0 && len(q.Sources) == 0 {
			pr.printf("    nothing near, no source\n")
		}
		for _, m := range q.NearDuplicates {
			pr.printf("    near-duplicate %s  (%s)\n", isolate(display(m.ID)), distance(m.Distance))
		}
		for _, s := range q.Sources {
			r := s.Report
			pr.printf("    source %s  %s, %s: %s of this text in %s\n", isolate(display(s.ID)), r.Verdict, r.Derived,
				pct(float64(r.CoverageB)), plural(len(r.Passages), "passage"))
			for _, p := range r.Passages {
				pr.printf("      stored [%d–%d]  %s\n", p.A.RuneStart, p.A.RuneEnd, isolate(excerpt(p.A.Text, n)))
				pr.printf("      this   [%d–%d]  %s\n", p.B.RuneStart, p.B.RuneEnd, isolate(excerpt(p.B.Text, n)))
			}
		}
	}
	return pr.flush()
}

func runIndexStats(args []string, e cli.Env) int {
	const cmd = "dedupe index stats"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f indexFlags
	f.register(fs, false)
	paths, code, ok := f.parse(fs, args, e)
	if !ok {
		return code
	}
	if len(paths) > 0 {
		cli.UsageError(e, cmd, "takes no inputs, only --db")
		return cli.ExitError
	}
	start := time.Now()
	c, ok := f.open(e, cmd, false)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()
	open := time.Since(start).Seconds()
	st := c.Stats()
	fi, err := os.Stat(f.db)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	var werr error
	if f.format == "json" {
		werr = cli.WriteJSON(e.Stdout, struct {
			Path        string           `json:"path"`
			Format      int              `json:"format"`
			FileBytes   int64            `json:"file_bytes"`
			OpenSeconds cli.FourDecimals `json:"open_seconds"`
			Stats       neardup.Stats    `json:"stats"`
		}{f.db, store.Format, fi.Size(), cli.FourDecimals(open), st})
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("%s: format %d, %.1f MiB on disk, opened in %.2f s.\n", f.db, store.Format, float64(fi.Size())/(1<<20), open)
		writeStoreStats(pr, st)
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	return cli.ExitOK
}
