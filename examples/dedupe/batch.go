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
  dedupe index add|query|stats|list|remove
                               keep a corpus on disk and query it ('dedupe index -h')

Each INPUT is a file, a directory walked recursively (names starting with
'.' are skipped), a document's source as the reports print it
("day.zip!day.json#3", "news.jsonl:12") or "-" for standard input. Files
are read by extension: .json holds one object or an array of objects,
.jsonl and .ndjson one object per line, .zip archives are read member by
member, and any other file is one plain-text document (UTF-8). A file
named like a subcommand (compare, index) must be given as ./NAME.

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
  components), each with a representative (--keep); every pair that
  shares text is listed with its scores and passages, and a summary says
  who shares text with whom: by outlet with --source-field, else by
  collection (file or directory). Nine or more documents identical after
  folding are a group, aligned through the first of them: N copies cost
  N, not N²/2 pairs.

Output:
  --format text (default) is a report for people: Arabic excerpts are
  wrapped in Unicode first-strong isolates (U+2068 ... U+2069) so that
  mixed Arabic and Latin lines display in order. --format html writes one
  self-contained page to open in a browser: each pair side by side, the
  shared passages highlighted, the words that differ marked, Arabic laid
  out right to left. --format json is one object, for programs; jsonl
  one record a line (pairs as they are written, then clusters, the
  summary, errors and stats); csv one pair a row. See the README beside
  this command's source. --keep-ids, --drop-ids and --dedup-jsonl write
  the deduplicated corpus. Output does not depend on the number of
  workers. Progress bars appear on stderr only when it is a terminal.

Examples:
  dedupe testdata/demo
  dedupe --format html testdata/demo > report.html
  dedupe --format json corpus/ > report.json
  dedupe --id-field url --text-field title,content --source-field source articles.jsonl
  dedupe --keep longest --dedup-jsonl deduped.jsonl articles.jsonl
  dedupe --fail-on-duplicates incoming/ || echo "duplicates found"
  dedupe compare wire.txt article.txt

Exit status:
  0  done (records with no text are skipped with one warning, unless
     --strict)
  1  --fail-on-duplicates and an identical or near-duplicate pair was
     found, or --fail-on-reuse and a pair sharing passages but not a
     duplicate was found
  2  usage error, or some inputs could not be read or were rejected
     (each reported on stderr on a line of its own, with its source and
     the reason, or once per file for a missing field; the other inputs
     are still processed, and a summary line counts the failures); 2
     wins over 1
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
	keep     []int   // the representative of each cluster (--keep)
	matches  []match // every pair found, by a, then b
	listed   []match // those --verdict and --min-coverage let through
	errors   []*input.InputError
	empty    []string // sources of records without text, skipped
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

	f.in.keepRaw = f.dedup.records != ""
	p := cli.NewProgress(e)
	res := dedupe(paths, &f, p)
	p.Done()

	if err := writeBatch(e, res); err != nil {
		cli.Warnf(e.Stderr, "dedupe: writing output: %v", err)
		return cli.ExitError
	}
	if err := writeDedup(res, &f.dedup); err != nil {
		cli.Warnf(e.Stderr, "dedupe: writing deduplicated output: %v", err)
		return cli.ExitError
	}
	if n := len(res.errors); n > 0 {
		cli.Warnf(e.Stderr, "dedupe: %s failed (%s read)", plural(n, "input"), plural(len(res.docs), "document"))
		return cli.ExitError
	}
	for _, m := range res.matches {
		if failsOn(m.report, f.failDup, f.failReuse) {
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
	in := f.in.load(paths, budget, p, "dedupe")
	docs, errs := in.docs, in.errs
	c := neardup.NewCorpus(cfg)
	errs = append(errs, addAll(c, docs, p, "dedupe")...)

	// Corpus.Stories says nothing until it is done: no count to show.
	p.Spin(fmt.Sprintf("aligning the candidate pairs of %s", plural(c.Len(), "document")))
	pairs, groups, err := c.Stories(listedFrom)
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
	var listed []match
	for i, pr := range pairs {
		matches[i] = match{a: byID[pr.A], b: byID[pr.B], report: pr.Report}
		if f.filter.keeps(pr.Report) {
			listed = append(listed, matches[i])
		}
	}
	// Clusters come in the corpus's order, which is the input order.
	var (
		clusters [][]int
		keep     []int
	)
	for _, ids := range c.ClustersOf(pairs, groups...) {
		members := make([]int, len(ids))
		for k, id := range ids {
			members[k] = byID[id]
			docs[members[k]].cluster = len(clusters) + 1
		}
		clusters = append(clusters, members)
		keep = append(keep, f.dedup.keep.representative(docs, members, f.in.idField.value, f.in.titleField))
	}
	res := &result{docs: docs, clusters: clusters, keep: keep, matches: matches, listed: listed,
		errors: errs, empty: in.empty, flags: f}
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
