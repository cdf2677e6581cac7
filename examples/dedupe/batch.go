package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

const batchUsage = `dedupe finds near-duplicate news articles and the passages they share.

Usage:
  dedupe [flags] INPUT...      group near-duplicates, list reused passages
  dedupe compare [flags] A B   compare two documents in detail ('dedupe compare -h')
  dedupe compare --pairs FILE  compare the pairs listed in FILE, as JSON Lines
                               ('dedupe compare --pairs FILE -h')
  dedupe index add|query|stats keep a corpus on disk and query it ('dedupe index -h')

Each INPUT is a file or a directory, walked recursively (names starting
with '.' are skipped). Files are read by extension: .json holds one object
or an array of objects, .jsonl and .ndjson one object per line, .zip
archives are read member by member, and any other file is one plain-text
document (UTF-8). A file named like a subcommand (compare, index) must be
given as ./NAME.

How it works:
  Every document is folded (harakat, tatweel, letter variants, digits,
  case and punctuation), stripped of site debris and prepared once, in
  parallel. Comparing all N² pairs would not scale, so candidate pairs
  come from two cheap filters:
    1. fingerprints: pairs whose SimHash fingerprints differ in at most
       --radius bits, found with an exact Hamming index;
    2. shared marks: each document's 12-rune windows are winnowed (the
       least hash of every 39, so any 50-rune run two documents share
       gives both a common mark) and go into an index from mark to
       documents; a mark found in more than --max-mark-docs documents is
       a stock phrase or debris and ignored; documents sharing
       --min-shared-marks (2) or more marks are candidates.
  Every candidate is then aligned passage by passage. Pairs found
  identical or near-duplicate are grouped into clusters (connected
  components); every pair that shares text (identical, near-duplicate or
  partial-reuse) is listed with its scores and passages, as excerpts of
  both originals with their byte and rune offsets. Nine or more
  documents identical after folding are a group, aligned through the
  first of them: N copies cost N, not N²/2 pairs.

Output:
  --format text (default) is a report for people: Arabic excerpts are
  wrapped in Unicode first-strong isolates (U+2068 ... U+2069) so that
  mixed Arabic and Latin lines display in order. --format json is stable,
  for programs; see the README beside this command's source. Output does
  not depend on the number of workers or the order in which they finish.
  Progress bars appear on stderr only when it is a terminal.

Examples:
  dedupe testdata/seeds
  dedupe --format json corpus/ > report.json
  dedupe --id-field url --text-field title,content articles.jsonl
  dedupe --fail-on-duplicates incoming/ || echo "duplicates found"
  dedupe compare wire.txt article.txt

Exit status:
  0  done
  1  --fail-on-duplicates and an identical or near-duplicate pair was
     found, or --fail-on-reuse and a partial-reuse pair was found
  2  usage error, or some inputs could not be read or were rejected
     (each reported on stderr on a line of its own, with its source and
     the reason; the other inputs are still processed, and a summary
     line counts the failures); 2 wins over 1
  3  the command crashed (out of memory, a fault, a bug): its output is
     incomplete
`

// match is a verified pair that shares text: its verdict is partial
// reuse, near-duplicate or identical.
type match struct {
	a, b   int // document indices, a < b
	report compare.Report
}

// result is everything the batch job found, ready for output.
type result struct {
	docs     []*document
	clusters [][]int // document indices, increasing; clusters by first member
	groups   []group // by representative
	matches  []match // by a, then b
	errors   []*input.InputError
	flags    *batchFlags
}

// group is a group of documents whose folded texts are identical,
// paired through its representative (neardup.Group).
type group struct {
	rep    int   // document index
	copies []int // document indices, increasing
}

// runBatch runs the batch job and returns the exit status.
func runBatch(args []string, e cli.Env) int {
	fs := flag.NewFlagSet("dedupe", flag.ContinueOnError)
	var f batchFlags
	f.register(fs)
	paths, err := cli.ParseFlags(fs, args, batchUsage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return cli.ExitOK
	case err != nil:
		return cli.ExitError
	case len(paths) == 0:
		cli.UsageError(e, "dedupe", "no inputs: give files or directories to read")
		return cli.ExitError
	case f.check(e) != nil:
		return cli.ExitError
	}

	p := cli.NewProgress(e)
	res := dedupe(paths, &f, p)
	p.Done()

	var werr error
	if f.format == "json" {
		werr = writeBatchJSON(e.Stdout, res)
	} else {
		werr = writeText(e.Stdout, res, newStyle(f.color.use(e)))
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "dedupe: writing output: %v", werr)
		return cli.ExitError
	}
	if n := len(res.errors); n > 0 {
		cli.Warnf(e.Stderr, "dedupe: %s failed (%s read)", plural(n, "input"), plural(len(res.docs), "document"))
		return cli.ExitError
	}
	for _, m := range res.matches {
		dup := m.report.Verdict >= compare.NearDuplicate
		if (dup && f.failDup) || (!dup && f.failReuse) {
			return cli.ExitFound
		}
	}
	return cli.ExitOK
}

// dedupe reads the documents, adds them to an in-memory neardup.Corpus
// (which prepares and indexes them), and lets it align every candidate
// pair and group the near-duplicates.
func dedupe(paths []string, f *batchFlags, p *cli.Progress) *result {
	cfg := f.config()
	budget := f.in.budget()
	if budget > 0 {
		cfg.CacheBytes = int(min(int64(cfg.CacheBytes), budget/4))
	}
	docs, errs := load(paths, f.in.options(), budget, p, "dedupe")
	c := neardup.NewCorpus(cfg)
	errs = append(errs, addAll(c, docs, p, "dedupe")...)

	p.Start(fmt.Sprintf("aligning the candidate pairs of %s", plural(c.Len(), "document")), -1)
	pairs, groups, err := c.Stories(compare.PartialReuse)
	p.Done()
	if err != nil {
		// The corpus is in memory and prepared with one configuration:
		// nothing can fail.
		panic(fmt.Sprintf("dedupe: aligning: %v", err))
	}
	byID := make(map[string]int, len(docs))
	for i, d := range docs {
		byID[d.ID] = i
	}
	matches := make([]match, len(pairs))
	for i, pr := range pairs {
		matches[i] = match{a: byID[pr.A], b: byID[pr.B], report: pr.Report}
	}
	// Clusters come in the corpus's order, which is the input order.
	var clusters [][]int
	for _, ids := range c.ClustersOf(pairs, groups...) {
		members := make([]int, len(ids))
		for k, id := range ids {
			members[k] = byID[id]
			docs[members[k]].cluster = len(clusters) + 1
		}
		clusters = append(clusters, members)
	}
	res := &result{docs: docs, clusters: clusters, matches: matches, errors: errs, flags: f}
	for _, g := range groups {
		gr := group{rep: byID[g.Representative], copies: make([]int, len(g.Copies))}
		for k, id := range g.Copies {
			gr.copies[k] = byID[id]
		}
		res.groups = append(res.groups, gr)
	}
	return res
}

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string { return cli.Plural(n, thing) }
