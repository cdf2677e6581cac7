package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
)

// inputFlags are the flags that say how to read documents, shared by the
// batch job and compare.
type inputFlags struct {
	idField               trackedString
	textField, titleField string
	sourceField           string
	maxBytes, maxArchive  cli.SizeFlag
	maxMemory             cli.SizeFlag
	keepDebris, strict    bool
	registered            bool // by register (index stats has only some)
	keepRaw               bool // keep each JSON record's bytes (--dedup-jsonl)
}

// trackedString is a string flag that remembers whether it was given: a
// record without the ID field the user named is worth a word, one
// without the default "id" is not.
type trackedString struct {
	value string
	set   bool
}

func (t *trackedString) String() string { return t.value }

func (t *trackedString) Set(s string) error {
	t.value, t.set = s, true
	return nil
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	f.registered = true
	f.idField.value = "id"
	fs.Var(&f.idField, "id-field", "JSON `field` holding a document's ID (else its source is the ID)")
	fs.StringVar(&f.textField, "text-field", "text", "JSON `fields` holding the text: one name, or a comma list such as\ntitle,content whose fields are joined with a blank line")
	fs.StringVar(&f.titleField, "title-field", "title", "JSON `field` holding a document's title (optional)")
	f.maxBytes = input.DefaultMaxBytes
	fs.Var(&f.maxBytes, "max-bytes", "largest document accepted, in `bytes` (suffixes KiB, MiB, GiB\nand kB, MB, GB allowed); a larger one is an input error")
	f.maxArchive = input.DefaultMaxArchiveBytes
	fs.Var(&f.maxArchive, "max-archive-bytes", "most `bytes` decompressed from one zip archive, those nested in it\nincluded; the member that goes over is an input error, and the\nrest of the archive is not read")
	fs.BoolVar(&f.keepDebris, "keep-debris", false, "compare site debris (ad markers, \"read also\" lists, ...) too instead of dropping it")
	fs.StringVar(&f.sourceField, "source-field", "", "JSON `field` naming a document's outlet (SaudiNewsNet: source): pairs\nwithin one outlet are told from pairs across outlets, and the\nsummary counts reuse by outlet")
	fs.BoolVar(&f.strict, "strict", false, "count records and files with no text as input errors (exit status 2)\ninstead of skipping them with one warning")
	f.maxMemory = cli.SizeFlag(cli.DefaultMemory())
	fs.Var(&f.maxMemory, "max-memory", "memory `budget` in bytes: the Go runtime's soft limit, and work that\nwould not fit (a document needs about 12 times its size to be\nprepared) is an input error; 0 for none (default: three quarters\nof the machine's)")
}

func (f *inputFlags) options() input.Options {
	return input.Options{
		IDField: f.idField.value, TextField: f.textField, TitleField: f.titleField,
		MaxBytes: int64(f.maxBytes), MaxArchiveBytes: int64(f.maxArchive), KeepRaw: f.keepRaw,
	}
}

func (f *inputFlags) config() neardup.Config {
	c := neardup.Default
	c.KeepDebris = f.keepDebris
	return c
}

func (f *inputFlags) check(e cli.Env, cmd string) error {
	if f.maxBytes <= 0 {
		return cli.UsageError(e, cmd, "--max-bytes must be positive, not %d", int64(f.maxBytes))
	}
	if f.maxMemory < 0 {
		return cli.UsageError(e, cmd, "--max-memory must not be negative")
	}
	if f.registered && f.maxArchive <= 0 {
		return cli.UsageError(e, cmd, "--max-archive-bytes must be positive, not %d", int64(f.maxArchive))
	}
	for _, name := range strings.Split(f.textField, ",") {
		if f.registered && strings.TrimSpace(name) == "" {
			return cli.UsageError(e, cmd, "--text-field %q names an empty field", f.textField)
		}
	}
	return nil
}

// document is one document read, and what became of it.
type document struct {
	input.Document
	index int // in input order, from 0
	runes int // runes of Text
	// outlet is the value of --source-field, if hasOutlet.
	outlet    string
	hasOutlet bool
	// prep is the prepared document, nil if preparation failed (set by
	// prepare, for the subcommands that compare documents themselves).
	prep *prepare.Doc
	// fp is the fingerprint, if hasFP (set by prepare and addAll).
	fp    simhash.Fingerprint
	hasFP bool
	// note says why the document is not compared, "" if it is.
	note    string
	cluster int // cluster number from 1, or 0 if none
}

// fingerprint returns the fingerprint as hex, or "" if there is none.
func (d *document) fingerprint() string {
	if !d.hasFP {
		return ""
	}
	return d.fp.String()
}

// noFeatures is the note of a document with nothing left to compare.
const noFeatures = "nothing to compare: no letters or digits left after normalization and debris removal"

// asInputError returns err, an error of input.Read, as an
// *input.InputError (Read returns no other kind, but the report needs one
// whatever comes).
func asInputError(err error) *input.InputError {
	ie, ok := errors.AsType[*input.InputError](err)
	if !ok {
		ie = &input.InputError{Offset: -1, Err: err}
	}
	return ie
}

// reportInputError prints err, an error of input.Read, and returns it as
// an *input.InputError.
func reportInputError(p *cli.Progress, cmd string, err error) *input.InputError {
	ie := asInputError(err)
	p.Errorf("%s: %v", cmd, ie)
	return ie
}

// loaded is what load read.
type loaded struct {
	docs []*document
	errs []*input.InputError
	// empty are the sources of the records and files with no text,
	// skipped (not errors) unless --strict.
	empty []string
}

// load reads every document of paths, in input order. Input errors are
// printed on stderr as they are found and returned; reading goes on with
// the other inputs. Records without text are counted, not reported one
// by one (see notes). With a budget, a document too long to be prepared
// within it is an input error, and so is every one past half of it:
// the texts are kept to the end, and the other half goes to preparing
// them and to the cache of prepared documents (a quarter at most).
func (f *inputFlags) load(paths []string, budget int64, p *cli.Progress, cmd string) loaded {
	rd := reading{f: f, p: p, cmd: cmd, budget: budget, keeps: true}
	p.Start("reading", -1)
	for d, err := range input.Read(paths, f.options()) {
		if doc := rd.take(d, err); doc != nil {
			doc.index = len(rd.out.docs)
			rd.out.docs = append(rd.out.docs, doc)
			p.Add(1)
		}
	}
	p.Done()
	rd.finish()
	uniqueIDs(rd.out.docs)
	return rd.out
}

// reading is the state of one read of inputs: what it found, and the
// notes to print once at the end.
type reading struct {
	f     *inputFlags
	p     *cli.Progress
	cmd   string
	notes notes
	out   loaded // the errors and empty records; the caller keeps the documents
	// budget is --max-memory (0: none); held the bytes of text kept,
	// counted against half of it if keeps (the texts are kept to the
	// end, as the batch job does).
	budget, held int64
	keeps        bool
}

// take returns the document of one step of input.Read, or nil after
// noting or reporting its error.
func (rd *reading) take(d input.Document, err error) *document {
	if err == nil {
		err = overBudget(prepareCost(len(d.Text)), rd.budget)
		if err == nil && rd.keeps && rd.budget > 0 && rd.held+int64(len(d.Text)) > rd.budget/2 {
			err = fmt.Errorf("%w: the texts read fill half of --max-memory %s", input.ErrTooLarge, sizeString(rd.budget))
		}
		if err != nil {
			err = &input.InputError{Source: d.Source, Offset: -1, Err: err}
		}
	}
	if err != nil {
		ie := asInputError(err)
		switch {
		case errors.Is(ie, input.ErrEmpty) && !rd.f.strict:
			rd.out.empty = append(rd.out.empty, ie.Source)
		case rd.notes.missingField(ie):
			rd.out.errs = append(rd.out.errs, ie)
		default:
			rd.out.errs = append(rd.out.errs, reportInputError(rd.p, rd.cmd, err))
		}
		return nil
	}
	rd.held += int64(len(d.Text))
	doc := &document{Document: d, runes: utf8.RuneCountInString(d.Text)}
	if f := rd.f; f.sourceField != "" {
		doc.outlet, doc.hasOutlet = d.Meta[f.sourceField]
		if !doc.hasOutlet {
			rd.notes.noOutlet(d, f)
		}
	}
	if d.NoID && rd.f.idField.set {
		rd.notes.noID(d, rd.f)
	}
	return doc
}

// finish prints the notes.
func (rd *reading) finish() { rd.notes.print(rd.p, rd.cmd, rd.f, rd.out.empty) }

// uniqueIDs makes document IDs unique, so that clusters and pairs can name
// documents by ID: a document whose ID is taken by an earlier one is
// known by its source instead, or by its source and "#2", "#3", ...
func uniqueIDs(docs []*document) {
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		id := d.ID
		if seen[id] {
			id = d.Source
			for n := 2; seen[id]; n++ {
				id = d.Source + "#" + strconv.Itoa(n)
			}
		}
		d.ID = id
		seen[id] = true
	}
}

// addAll adds docs to c, in steps so that progress shows, and sets
// each document's fingerprint and note. A document that cannot be added
// (too long) is an input error: it is printed on stderr and returned.
func addAll(c *neardup.Corpus, docs []*document, p *cli.Progress, cmd string) []*input.InputError {
	p.Start(fmt.Sprintf("preparing %s", plural(len(docs), "document")), len(docs))
	var errs []*input.InputError
	// Steps of several of AddBatch's own, which it pipelines.
	const step = 4096
	for start := 0; start < len(docs); start += step {
		part := docs[start:min(start+step, len(docs))]
		batch := make([]neardup.Document, len(part))
		for i, d := range part {
			batch[i] = neardup.Document{ID: d.ID, Text: d.Text}
		}
		failed := map[string]error{}
		if err := c.AddBatch(batch); err != nil {
			for _, e := range cli.Unjoin(err) {
				if de, ok := errors.AsType[*neardup.DocumentError](e); ok {
					failed[de.ID] = de.Err
				}
			}
		}
		for _, d := range part {
			if err := failed[d.ID]; err != nil {
				d.note = err.Error()
				ie := &input.InputError{Source: d.Source, Offset: -1, Err: err}
				errs = append(errs, ie)
				p.Errorf("%s: %v", cmd, ie)
				continue
			}
			fp, err := c.Fingerprint(d.ID)
			if err != nil {
				d.note = noFeatures
				continue
			}
			d.fp, d.hasFP = fp, true
		}
		p.Add(len(part))
	}
	p.Done()
	return errs
}

// prepareAll prepares every document with cfg on workers goroutines. A
// document that cannot be prepared is an input error: it is printed on
// stderr and returned.
func prepareAll(cfg neardup.Config, docs []*document, workers int, p *cli.Progress, cmd string) []*input.InputError {
	p.Start(fmt.Sprintf("preparing %d documents", len(docs)), len(docs))
	fails := make([]error, len(docs))
	parallel.For(len(docs), workers, func(_, i int) {
		d := docs[i]
		d.prep, fails[i] = cfg.Prepare(d.Text)
		switch {
		case fails[i] != nil:
			d.note = fails[i].Error()
		case !d.prep.HasFingerprint:
			d.note = noFeatures
		default:
			d.fp, d.hasFP = d.prep.Fingerprint, true
		}
	}, p.Add)
	p.Done()
	var errs []*input.InputError
	for i, err := range fails {
		if err != nil {
			ie := &input.InputError{Source: docs[i].Source, Offset: -1, Err: err}
			errs = append(errs, ie)
			p.Errorf("%s: %v", cmd, ie)
		}
	}
	return errs
}
