package main

import (
	"flag"
	"fmt"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/judged"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/parallel"
)

const recallUsage = `eval recall measures the candidate search of dedupe's batch job on
SaudiNewsNet against a reference independent of it: pairs of similar
articles found by word TF-IDF cosine, which pairwise alignment confirms
(issue 12).

Usage:
  eval recall --corpus DIR [--min-cosine 0.5] [--max-cosine 1]
              [--format text|json] [--sample N] [--list N] [--workers N]

DIR holds the SaudiNewsNet dumps, *.zip of JSON arrays of {source, url,
date_extracted, title, author, content}, read as 'eval judged' reads
them; the batch job runs on every article with text, as there.

The pairs: articles of different sources (the source field) whose days
of extraction (the first ten characters of date_extracted) are at most
one day apart, with a word TF-IDF cosine in [--min-cosine, --max-cosine)
(no upper bound when --max-cosine is 1 or more). Words are the runs
between separators of the folded text, debris removed (Config.Prepare's
Text.Runes): harakat, tatweel, letter variants, digits and case folded,
punctuation a separator. A word counts raw (tf, its number of
occurrences) times ln(N/df), N being the articles with text and df
those holding the word; no word is skipped however common. The cosine
of two articles is that of their vectors, found through an inverted
index.

Each pair is aligned on its own, as the batch job would align it had its
candidate search proposed it (neardup.Corpus.Compare: with the
collection's statistics, so that boilerplate and formulas are judged
alike in both); those
it reports as reuse (identical, near-duplicate, rewrite or
partial-reuse, by verdict name) are the reference. Recall is the share
of them the batch job reports as reuse. Printed: the pairs in range,
those pairwise alignment reports, by verdict, and how many of those the
batch job reports, with the share.

--sample N aligns N pairs in range chosen at random (the same on every
run) instead of all of them. --list N adds N of the pairs the batch job
misses, most similar first: url_a, url_b, cosine, the pairwise verdict,
coverages and fingerprint distance.

Exit status:
  0  done
  2  usage error, or a corpus that could not be read (records without
     text are counted, not errors)
`

// recallResult is everything eval recall measured.
type recallResult struct {
	corpus           *newsCorpus
	batch            *batchReport
	undated          int   // articles without a source or a date
	crossSource      int64 // pairs in the window of different sources
	least, most      float64
	inRange, aligned int // pairs in range, and aligned (a sample, or all)
	// byVerdict counts the aligned pairs that pairwise alignment reports
	// as reuse, and of those the batch job reports, by pairwise verdict.
	byVerdict map[string]*recallCount
	reported  recallCount // all verdicts
	// missed are the pairs pairwise alignment reports and the batch job
	// does not, most similar first.
	missed []missedPair
	// disagree counts the pairs both report with different verdicts: 0
	// unless alignment depended on how a pair is found.
	disagree int
}

// recallCount is how many pairs pairwise alignment reports, and how many
// of those the batch job reports.
type recallCount struct{ pairwise, inBatch int }

// missedPair is a pair pairwise alignment reports and the batch job not.
type missedPair struct {
	scoredPair
	report compare.Report
}

// runRecall runs eval recall and returns the exit status.
func runRecall(args []string, e cli.Env) int {
	const cmd = "eval recall"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		dir         string
		least, most float64
		format      = cli.NewFormat("text", "json")
		n, listed   int
		nworkers    cli.WorkersFlag
	)
	fs.StringVar(&dir, "corpus", "", "`directory` of the SaudiNewsNet *.zip dumps")
	without := evidence{}
	fs.Var(without, "without", evidenceUsage)
	fs.Float64Var(&least, "min-cosine", 0.5, "least word TF-IDF `cosine` of the pairs, above 0")
	fs.Float64Var(&most, "max-cosine", 1, "`cosine` the pairs stay below (none when 1 or more)")
	fs.Var(&format, "format", "output `format`: text or json")
	fs.IntVar(&n, "sample", 0, "align this many `pairs` in range chosen at random (0: all)")
	fs.IntVar(&listed, "list", 0, "list this many `pairs` the batch job misses, most similar first")
	fs.Var(&nworkers, "workers", cli.WorkersUsage)
	if code, ok := cli.ParseNoArgs(fs, args, recallUsage, e, cmd, "the corpus is given by --corpus"); !ok {
		return code
	}
	switch {
	case dir == "":
		cli.UsageError(e, cmd, "--corpus is required")
		return cli.ExitError
	case !(least > 0 && least <= 1):
		cli.UsageError(e, cmd, "--min-cosine must be above 0 and at most 1")
		return cli.ExitError
	case !(most > least):
		cli.UsageError(e, cmd, "--max-cosine must be above --min-cosine")
		return cli.ExitError
	case n < 0 || listed < 0:
		cli.UsageError(e, cmd, "--sample and --list must not be negative")
		return cli.ExitError
	}
	workers := nworkers.N()

	p := cli.NewProgress(e)
	res, ok := evaluateRecall(dir, least, most, n, listed, workers, without, p, cmd)
	p.Done()
	if !ok {
		return cli.ExitError
	}
	var err error
	if format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, newRecallJSON(res))
	} else {
		err = writeRecallText(e.Stdout, res)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// evaluateRecall runs the batch job, finds the pairs in range, aligns
// them (or a sample of n) and counts those the batch job reports.
func evaluateRecall(dir string, least, most float64, n, listed, workers int, without evidence, p *cli.Progress, cmd string) (*recallResult, bool) {
	nc, ok := readNews(dir, p, cmd)
	if !ok {
		return nil, false
	}
	cfg := batchConfig(workers, without)
	res := &recallResult{corpus: nc, least: least, most: most, byVerdict: map[string]*recallCount{}}
	if res.batch, ok = nc.runBatch(cfg, p, cmd); !ok {
		return nil, false
	}
	if prepareAll(cfg, nc.docs, workers, p, cmd) > 0 {
		return nil, false
	}
	ds := dateArticles(nc.docs)
	for _, d := range ds {
		if !d.ok {
			res.undated++
		}
	}
	if res.undated > 0 {
		p.Errorf("%s: warning: %s without a source or a date_extracted left out of the pairs", cmd, cli.Plural(res.undated, "article"))
	}
	res.crossSource = crossSourcePairs(ds)
	pairs := pairsInRange(wordVectors(nc.docs, workers), ds, least, most, workers, p)
	res.inRange = len(pairs)
	pairs = sample(pairs, n)
	res.aligned = len(pairs)

	reports := make([]compare.Report, len(pairs))
	p.Start(fmt.Sprintf("aligning %s", cli.Plural(len(pairs), "pair")), len(pairs))
	parallel.For(len(pairs), workers, func(_, k int) {
		// As the batch job would align the pair, had its candidate
		// search proposed it: with the collection's statistics.
		r, err := res.batch.corpus.Compare(nc.docs[pairs[k].a].ID, nc.docs[pairs[k].b].ID)
		if err != nil {
			panic(fmt.Sprintf("%s: comparing stored documents: %v", cmd, err))
		}
		r.Passages = nil // not needed, and many
		reports[k] = r
	}, p.Add)
	p.Done()

	for k, pr := range pairs {
		v := reports[k].Verdict.String()
		if !judged.IsReuse(v) {
			continue
		}
		c := res.byVerdict[v]
		if c == nil {
			c = &recallCount{}
			res.byVerdict[v] = c
		}
		c.pairwise++
		res.reported.pairwise++
		br, found := res.batch.lookup(pr.a, pr.b)
		switch {
		case found && judged.IsReuse(br.Verdict.String()):
			c.inBatch++
			res.reported.inBatch++
			if br.Verdict != reports[k].Verdict {
				res.disagree++
			}
		default:
			res.missed = append(res.missed, missedPair{pr, reports[k]})
		}
	}
	sortMissed(res.missed)
	res.missed = res.missed[:min(listed, len(res.missed))]
	return res, true
}
