package main

import (
	"errors"
	"flag"
	"io"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/simhash"
)

// queryRadius is the default --radius of index query. Its near-duplicates
// are what the fingerprints say, unverified, so it is tighter than the
// radius within which the corpus takes candidates for alignment
// (neardup.DefaultRadius), whose false matches alignment drops.
const queryRadius = 3

// queryBatchBytes bounds the text of the inputs index query prepares
// at once (each takes about 20 bytes a byte while it is compared).
const queryBatchBytes = 16 << 20

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
	// Copies are the stored documents identical to this one after
	// folding that make a group with it (neardup.Group): not aligned.
	Copies []string `json:"copies"`
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
	fs.IntVar(&radius, "radius", queryRadius, "near-duplicates: stored fingerprints within this many `bits` (0-64)")
	fs.IntVar(&excerptLen, "excerpt", defaultExcerpt, "text output: passages show their first and last this many `runes`")
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
	// Documents are looked up in parallel, a batch at a time; a long
	// one alone, so that two are not prepared at once.
	errs := readBatches(paths, f.in.options(), f.in.budget(), 64, queryBatchBytes, p, cmd, func(docs []input.Document) bool {
		part := make([]queryJSON, len(docs))
		parallel.For(len(docs), 0, func(_, i int) {
			part[i] = query(c, f.in.config(), docs[i], radius)
		}, p.Add)
		for _, q := range part {
			if q.Error != nil && *q.Error != noFeatures {
				failed = true
				p.Errorf("%s: %s: %s", cmd, q.Source, *q.Error)
			}
		}
		results = append(results, part...)
		return true
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

// query looks d up in c: the document is prepared once, and its own
// stored copy, if any, is left out before any alignment.
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
	doc, err := cfg.Prepare(d.Text)
	if err != nil {
		return fail(err)
	}
	if !doc.HasFingerprint {
		return fail(simhash.ErrNoFeatures)
	}
	hex := doc.Fingerprint.String()
	q.Fingerprint = &hex
	ans, err := c.Query(neardup.Query{Doc: doc, ID: d.ID, Radius: radius})
	if err != nil {
		return fail(err)
	}
	for _, m := range ans.NearDuplicates {
		q.NearDuplicates = append(q.NearDuplicates, matchJSON{m.ID, m.Distance})
	}
	a := &document{Document: input.Document{Text: d.Text}}
	for _, s := range ans.Sources {
		text, err := c.Text(s.ID)
		if errors.Is(err, neardup.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return fail(err)
		}
		src := &document{Document: input.Document{Text: text}}
		q.Sources = append(q.Sources, sourceJSON{ID: s.ID, Report: newReportJSON(src, a, s.Report), Copies: append([]string{}, s.Copies...)})
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
			if len(s.Copies) > 0 {
				pr.printf("      and its %s, identical after folding, not aligned:\n", copies(len(s.Copies)))
				for _, id := range s.Copies {
					pr.printf("        %s\n", isolate(display(id)))
				}
			}
			for _, p := range r.Passages {
				pr.printf("      stored [%d–%d]  %s\n", p.A.RuneStart, p.A.RuneEnd, isolate(excerpt(p.A.Text, n)))
				pr.printf("      this   [%d–%d]  %s\n", p.B.RuneStart, p.B.RuneEnd, isolate(excerpt(p.B.Text, n)))
			}
		}
	}
	return pr.flush()
}
