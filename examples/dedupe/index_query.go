package main

import (
	"errors"
	"flag"
	"io"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/simhash"
)

// queryJSON is one input's result in index query --format json.
type queryJSON struct {
	ID             string      `json:"id"`
	Source         string      `json:"source"`
	Fingerprint    *string     `json:"fingerprint"`
	NearDuplicates []matchJSON `json:"near_duplicates"`
	// Sources are the pairs of a stored document (a) and the input (b)
	// that share passages, most of the input covered first.
	Sources []sourceJSON `json:"sources"`
	Error   *string      `json:"error"`
	// input and stored are the documents of the pairs, for the HTML
	// report (texts, outlets).
	input   *document            `json:"-"`
	stored  map[string]*document `json:"-"`
	reports []compare.Report     `json:"-"` // of Sources
}

// sourceJSON is a pair of a stored document and the input, with the
// stored documents identical to the first after folding that make a
// group with it (neardup.Group): not aligned, they are its copies.
type sourceJSON struct {
	pairJSON
	Copies []string `json:"copies,omitempty"`
}

// queryBatchBytes bounds the text of the inputs index query prepares
// at once (each takes about 12 bytes a byte while it is compared).
const queryBatchBytes = 16 << 20

// matchJSON is a stored near-duplicate: within --radius bits, and found
// identical or near-duplicate by alignment.
type matchJSON struct {
	ID       string          `json:"id"`
	Distance int             `json:"distance"`
	Verdict  compare.Verdict `json:"verdict"`
}

func runIndexQuery(args []string, e cli.Env) int {
	const cmd = "dedupe index query"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		f                  indexFlags
		radius, excerptLen int
		failDup, failReuse bool
		cross              crossFlags
	)
	f.register(fs, true, "text", "json", "jsonl", "csv", "html")
	cross.register(fs, "the inputs are English, the store Arabic: its sources are the stored\ndocuments that translate an input, whole or in part (no near-duplicates)")
	f.align.register(fs)
	fs.IntVar(&radius, "radius", neardup.DefaultRadius, "near-duplicates: stored documents whose fingerprints are within this\nmany `bits` (0-64) and that alignment finds identical or near-duplicate")
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
	case f.align.check(e, cmd) != nil, cross.check(e, cmd) != nil:
		return cli.ExitError
	}
	f.radius = radius
	c, ok := f.open(e, cmd, false)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()

	p := cli.NewProgress(e)
	lookUp := func(d *document) queryJSON { return query(c, f.config(), d, radius, excerptLen) }
	if cross.on {
		x, ok := crossIndex(c, &cross, e, p, cmd)
		if !ok {
			return cli.ExitError
		}
		lookUp = func(d *document) queryJSON { return queryCrossLingual(x, c, d, excerptLen) }
	}
	var results []queryJSON
	failed := false
	p.Start("querying", -1)
	// Documents are looked up in parallel, a batch at a time; a long
	// one alone, so that two are not prepared at once.
	read := f.in.readBatches(paths, f.in.budget(), 64, queryBatchBytes, p, cmd, func(docs []*document) bool {
		part := make([]queryJSON, len(docs))
		parallel.For(len(docs), 0, func(_, i int) {
			part[i] = lookUp(docs[i])
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

	errs := read.errs
	werr := writeQuery(e, f.format.Value, results, errs, f.config())
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
func query(c *neardup.Corpus, cfg neardup.Config, d *document, radius, excerptLen int) queryJSON {
	q := queryJSON{ID: d.ID, Source: d.Source, NearDuplicates: []matchJSON{}, Sources: []sourceJSON{}, input: d, stored: map[string]*document{}}
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
	verdicts := map[string]compare.Report{}
	spans := spanOptions{excerpt: excerptLen, text: true}
	for _, s := range ans.Sources {
		text, err := c.Text(s.ID)
		if errors.Is(err, neardup.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return fail(err)
		}
		src := &document{Document: input.Document{ID: s.ID, Text: text}}
		q.stored[s.ID] = src
		verdicts[s.ID] = s.Report
		q.Sources = append(q.Sources, sourceJSON{newPairJSON(src, d, s.Report, spans), s.Copies})
		q.reports = append(q.reports, s.Report)
	}
	// A fingerprint within the radius is a candidate, not a finding:
	// about one random pair of news articles in 10,000 is within 6 bits.
	// The corpus aligned every one (its Config.Radius is the radius), so
	// a near-duplicate is listed only where alignment agrees.
	for _, m := range ans.NearDuplicates {
		if r, ok := verdicts[m.ID]; ok && isNearDuplicate(r) {
			q.NearDuplicates = append(q.NearDuplicates, matchJSON{m.ID, m.Distance, r.Verdict})
		}
	}
	return q
}

func writeQueryText(w io.Writer, results []queryJSON) error {
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
			derived := ""
			if s.Derived != nil {
				derived = ", this text " + *s.Derived
			}
			pr.printf("    source %s  %s%s: %s of this text in %s\n", isolate(display(s.A)), s.Verdict, derived,
				pct(float64(s.CoverageB)), plural(len(s.Passages), "passage"))
			if len(s.Copies) > 0 {
				pr.printf("      and its %s, identical after folding, not aligned:\n", copies(len(s.Copies)))
				for _, id := range s.Copies {
					pr.printf("        %s\n", isolate(display(id)))
				}
			}
			for _, p := range s.Passages {
				pr.printf("      stored [%d–%d]  %s\n", p.A.RuneStart, p.A.RuneEnd, isolate(p.A.Excerpt))
				pr.printf("      this   [%d–%d]  %s\n", p.B.RuneStart, p.B.RuneEnd, isolate(p.B.Excerpt))
			}
		}
	}
	return pr.flush()
}
