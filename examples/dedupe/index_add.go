package main

import (
	"errors"
	"flag"
	"time"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// addJSON is the output of index add --format json.
type addJSON struct {
	Added   int         `json:"added"`
	Skipped []string    `json:"skipped"` // IDs already in the store
	Errors  []errorJSON `json:"errors"`
	Empty   int         `json:"empty_records"` // skipped: no text
	// WriteError is the write to the store that failed and stopped the
	// run, and NotAdded the documents read but not added because of it.
	WriteError *string          `json:"write_error"`
	NotAdded   int              `json:"not_added"`
	Store      neardup.Stats    `json:"store"`
	Elapsed    cli.FourDecimals `json:"elapsed_seconds"`
	Rate       cli.FourDecimals `json:"documents_per_second"`
	errs       []*input.InputError
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

	out := addJSON{Skipped: []string{}, Errors: []errorJSON{}}
	p := cli.NewProgress(e)
	p.Start("adding", -1)
	start := time.Now()
	var writeErr error // the failed write that stopped the run
	read := f.in.readBatches(paths, f.in.budget(), addBatchDocs, addBatchBytes, p, cmd, func(docs []*document) bool {
		batch := make([]neardup.Document, len(docs))
		source := map[string]string{}
		for i, d := range docs {
			batch[i] = neardup.Document{ID: d.ID, Text: d.Text}
			source[d.ID] = d.Source
		}
		failed := 0
		for _, err := range cli.Unjoin(c.AddBatch(batch)) {
			failed++
			de, ok := errors.AsType[*neardup.DocumentError](err)
			switch {
			case ok && errors.Is(de.Err, neardup.ErrDuplicateID):
				out.Skipped = append(out.Skipped, de.ID)
			case ok && (errors.Is(de.Err, neardup.ErrWrite) || errors.Is(de.Err, neardup.ErrStopped)):
				// One line for the write, not one a document.
				if writeErr == nil && errors.Is(de.Err, neardup.ErrWrite) {
					writeErr = de.Err
				}
				out.NotAdded++
			case ok:
				out.errs = append(out.errs, &input.InputError{Source: source[de.ID], Offset: -1, Err: de.Err})
				p.Errorf("%s: %v", cmd, out.errs[len(out.errs)-1])
			default:
				out.errs = append(out.errs, &input.InputError{Offset: -1, Err: err})
				p.Errorf("%s: %v", cmd, err)
			}
		}
		out.Added += len(docs) - failed
		p.Add(len(docs))
		return writeErr == nil
	})
	p.Done()
	elapsed := time.Since(start).Seconds()
	out.errs = append(read.errs, out.errs...)
	out.Empty = len(read.empty)
	for _, ie := range out.errs {
		out.Errors = append(out.Errors, newErrorJSON(ie))
	}
	if writeErr != nil {
		msg := writeErr.Error()
		out.WriteError = &msg
		p.Errorf("%s: %v: stopped, with %s of this run added and %s read but not added", cmd, writeErr,
			plural(out.Added, "document"), plural(out.NotAdded, "document"))
	}
	out.Store = c.Stats()
	out.Elapsed = cli.FourDecimals(elapsed)
	if elapsed > 0 {
		out.Rate = cli.FourDecimals(float64(out.Added) / elapsed)
	}
	// The summary comes first: the documents added are on disk whether
	// or not the snapshot that closing writes fits there too.
	status := cli.ExitOK
	if len(out.errs) > 0 || writeErr != nil {
		status = cli.ExitError
	}
	if code := writeAddSummary(e, f, out); code != cli.ExitOK {
		status = code
	}
	if err := c.Close(); err != nil {
		cli.Warnf(e.Stderr, "%s: closing the store: %v (the documents added are stored; the next open rebuilds the index)", cmd, err)
		status = cli.ExitError
	}
	return status
}

// writeAddSummary writes the output of index add, and returns
// cli.ExitError if it could not.
func writeAddSummary(e cli.Env, f indexFlags, out addJSON) int {
	const cmd = "dedupe index add"
	var werr error
	if f.format.Value == "json" {
		werr = cli.WriteJSON(e.Stdout, out)
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("Added %s to %s", plural(out.Added, "document"), f.name())
		if n := len(out.Skipped); n > 0 {
			pr.printf("; skipped %s already there", plural(n, "document"))
		}
		if n := len(out.errs); n > 0 {
			pr.printf("; %s failed (see stderr)", plural(n, "input"))
		}
		if out.WriteError != nil {
			pr.printf("; stopped at a failed write, %s not added (see stderr)", plural(out.NotAdded, "document"))
		}
		pr.printf(" (%.1f s, %.0f documents/s).\n", float64(out.Elapsed), float64(out.Rate))
		writeStoreStats(pr, out.Store, f.isDB())
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	return cli.ExitOK
}

// addBatchDocs and addBatchBytes bound the documents index add reads
// before adding them: many of AddBatch's steps, which it pipelines, and
// a bounded amount of text however long the documents.
const (
	addBatchDocs  = 4096
	addBatchBytes = 32 << 20
)

func writeStoreStats(pr *printer, s neardup.Stats, db bool) {
	where := "in memory"
	if db {
		where = "of tables on the server"
	}
	pr.printf("The store holds %s (%d with a fingerprint); %d postings; indexes %.1f MiB %s.\n",
		plural(s.Documents, "document"), s.Fingerprints, s.Postings, float64(s.IndexBytes)/(1<<20), where)
}
