package main

import (
	"flag"
	"fmt"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/judged"
	"github.com/neardup/neardup/internal/cli"
)

const judgedUsage = `eval judged scores the batch job of dedupe on pairs of SaudiNewsNet
articles labelled by reading (issue 12).

Usage:
  eval judged --labels FILE --corpus DIR [--format text|json] [--list] [--workers N]

FILE is a labels file: a header line starting with '#', then one pair a
line, tab-separated: n, url_a, url_b, label (WHOLE, PART, EVENT or
UNRELATED), reworded (yes or no for WHOLE and PART, - otherwise),
source_a, source_b, evidence. A malformed line is an error naming it.

DIR holds the SaudiNewsNet dumps, *.zip of JSON arrays of {source, url,
date_extracted, title, author, content}. Every article with text is read
and run through the batch job as 'dedupe --text-field content --id-field
url DIR' runs it, with the library (neardup.Default, 1 GiB of prepared
documents cached): added to an in-memory corpus, whose candidate pairs
are aligned, those sharing text reported. A pair's verdict is the
report's on (url_a, url_b), in either order, or none if not reported.
An article not in the corpus is a warning; its pairs are left out.

Verdicts are known by name. identical, near-duplicate, rewrite and
partial-reuse are reuse; identical, near-duplicate and rewrite report
the whole text; any other name is not reuse. Measures, each a share and
a count:
  reuse_reported        labelled reuse (WHOLE or PART) reported as reuse
  whole_reported_whole  WHOLE reported as identical, near-duplicate or rewrite
  reworded_reported     reworded reuse (reworded = yes) reported as reuse
  non_reuse_reported    EVENT or UNRELATED reported as reuse (lower is better)
then the confusion of the rows WHOLE-no, WHOLE-yes, PART-no, PART-yes,
EVENT and UNRELATED (label and reworded) with the verdicts seen.

--list adds a line per pair: n, label, reworded, the batch verdict, the
verdict of pairwise alignment of the two articles (Corpus.Compare, with
the batch job's collection statistics,
which is the batch job's when it reports the pair; when they differ, the
batch job did not propose the pair), the coverages of url_a and url_b
and the fingerprint distance of that alignment, and the measures on
which the pair counts as an error (a miss, or a false report of reuse).
--format json has all of it, every pair included.

Exit status:
  0  done
  2  usage error, a malformed labels file, or a corpus that could not
     be read (records without text are counted, not errors)
`

// judgedResult is everything eval judged measured.
type judgedResult struct {
	labels   string
	corpus   *newsCorpus
	batch    *batchReport
	labelled int // pairs in the labels file
	// missing are the URLs not in the corpus, in the order of the file;
	// leftOut the numbers of the pairs with one.
	missing []string
	leftOut []int
	judged.Result
	// alone scores the verdicts of pairwise alignment instead of the
	// batch job's: what the batch job would report if its candidate
	// search proposed every labelled pair.
	alone judged.Result
	// batchReports[i] and pairwise[i] are the reports of the batch job
	// (zero when it did not report the pair) and of pairwise alignment
	// for res.Pairs[i], with url_a as A.
	batchReports, pairwise []compare.Report
}

// runJudged runs eval judged and returns the exit status.
func runJudged(args []string, e cli.Env) int {
	const cmd = "eval judged"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		labels, dir string
		format      = cli.NewFormat("text", "json")
		list        bool
		nworkers    cli.WorkersFlag
	)
	fs.StringVar(&labels, "labels", "", "labels `file` (tab-separated, as saudinewsnet-judged/labels.tsv)")
	fs.StringVar(&dir, "corpus", "", "`directory` of the SaudiNewsNet *.zip dumps")
	fs.Var(&format, "format", "output `format`: text or json")
	fs.BoolVar(&list, "list", false, "list every pair with its verdicts, coverages, distance and errors (text)")
	fs.Var(&nworkers, "workers", cli.WorkersUsage)
	without := evidence{}
	fs.Var(without, "without", evidenceUsage)
	if code, ok := cli.ParseNoArgs(fs, args, judgedUsage, e, cmd, "the inputs are given by --labels and --corpus"); !ok {
		return code
	}
	switch {
	case labels == "" || dir == "":
		cli.UsageError(e, cmd, "--labels and --corpus are both required")
		return cli.ExitError
	}
	workers := nworkers.N()

	pairs, err := judged.ReadFile(labels)
	if err != nil {
		for _, one := range cli.Unjoin(err) {
			cli.Warnf(e.Stderr, "%s: %v", cmd, one)
		}
		return cli.ExitError
	}
	p := cli.NewProgress(e)
	res, ok := evaluateJudged(labels, dir, pairs, workers, without, p, cmd)
	p.Done()
	if !ok {
		return cli.ExitError
	}
	if format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, newJudgedJSON(res))
	} else {
		err = writeJudgedText(e.Stdout, res, list)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// evaluateJudged reads the corpus, runs the batch job on it, and scores
// its verdicts on the labelled pairs whose articles it holds; it also
// aligns each of those pairs on its own.
func evaluateJudged(labels, dir string, pairs []judged.Pair, workers int, without evidence, p *cli.Progress, cmd string) (*judgedResult, bool) {
	nc, ok := readNews(dir, p, cmd)
	if !ok {
		return nil, false
	}
	res := &judgedResult{labels: labels, corpus: nc, labelled: len(pairs)}
	warned := map[string]bool{}
	kept := pairs[:0:0]
	for _, pr := range pairs {
		in := true
		for _, u := range []string{pr.URLA, pr.URLB} {
			if _, ok := nc.byID[u]; ok {
				continue
			}
			in = false
			if !warned[u] {
				warned[u] = true
				res.missing = append(res.missing, u)
				p.Errorf("%s: warning: %s (pair %d, line %d) is not in the corpus; its pairs are left out", cmd, u, pr.N, pr.Line)
			}
		}
		if !in {
			res.leftOut = append(res.leftOut, pr.N)
			continue
		}
		kept = append(kept, pr)
	}

	cfg := batchConfig(workers, without)
	if res.batch, ok = nc.runBatch(cfg, p, cmd); !ok {
		return nil, false
	}

	verdicts, alone := make([]string, len(kept)), make([]string, len(kept))
	res.batchReports = make([]compare.Report, len(kept))
	res.pairwise = make([]compare.Report, len(kept))
	for k, pr := range kept {
		a, b := nc.byID[pr.URLA], nc.byID[pr.URLB]
		verdicts[k] = judged.None
		if r, ok := res.batch.lookup(a, b); ok {
			res.batchReports[k] = r
			verdicts[k] = r.Verdict.String()
		}
		// As the batch job would align it had candidate search proposed
		// it: with the collection's statistics.
		r, err := res.batch.corpus.Compare(nc.docs[a].ID, nc.docs[b].ID)
		if err != nil {
			panic(fmt.Sprintf("%s: comparing stored documents: %v", cmd, err))
		}
		res.pairwise[k] = r
		alone[k] = r.Verdict.String()
	}
	res.Result = judged.Evaluate(kept, verdicts)
	res.alone = judged.Evaluate(kept, alone)
	return res, true
}
