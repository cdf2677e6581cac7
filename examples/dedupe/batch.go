package main

import (
	"errors"
	"flag"
	"fmt"
	"runtime"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
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
    2. shared seeds: each document's 12-rune windows are winnowed (the
       least hash of every 39, so any 50-rune run two documents share
       gives both a common mark) and go into an index from mark to
       documents; a mark found in more than --max-seed-docs documents is
       a stock phrase or debris and ignored; documents sharing
       --min-shared-seeds (2) or more marks are candidates.
  Every candidate is then aligned passage by passage. Pairs found
  identical or near-duplicate are grouped into clusters (connected
  components); every pair that shares text (identical, near-duplicate or
  partial-reuse) is listed with its scores and passages, as excerpts of
  both originals with their byte and rune offsets.

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
`

// batchFlags are the flags of the batch job.
type batchFlags struct {
	in          inputFlags
	format      cli.FormatFlag
	color       colorFlag
	radius      int
	maxSeedDocs int
	minShared   int
	workers     int
	excerpt     int
	cache       cli.SizeFlag
	failDup     bool
	failReuse   bool
}

func (f *batchFlags) register(fs *flag.FlagSet) {
	f.format, f.color = "text", "auto"
	fs.Var(&f.format, "format", "output `format`: text or json")
	fs.IntVar(&f.radius, "radius", 6, "fingerprint filter: compare pairs whose SimHash fingerprints differ\nin at most this many `bits` (0-64; -1 turns the filter off)")
	fs.IntVar(&f.maxSeedDocs, "max-seed-docs", 30, "seed filter: ignore winnowed windows found in more than this\nmany `documents` (0 turns the filter off)")
	fs.IntVar(&f.minShared, "min-shared-seeds", 2, "seed filter: compare pairs sharing at least this many winnowed\n`windows`, 1 to 1000 (3 cuts the comparisons on a news corpus to less than\na half, but misses some short or edited passages)")
	fs.BoolVar(&f.failDup, "fail-on-duplicates", false, "exit 1 if an identical or near-duplicate pair is found")
	fs.BoolVar(&f.failReuse, "fail-on-reuse", false, "exit 1 if a partial-reuse pair is found")
	f.in.register(fs)
	fs.IntVar(&f.excerpt, "excerpt", 60, "excerpts of passages show their first and last this many `runes`")
	f.cache = defaultBatchCache
	fs.Var(&f.cache, "cache", "memory for prepared documents kept from preparing to aligning, in\n`bytes` (about 30KB an article); beyond it documents are prepared\nagain when aligned")
	fs.IntVar(&f.workers, "workers", 0, "parallel `workers` for preparing and comparing (0: one per core)")
	fs.Var(&f.color, "color", "`when` to colour the text report: auto (when stdout is a terminal\nand NO_COLOR is unset), always or never")
}

func (f *batchFlags) check(e cli.Env) error {
	switch {
	case f.radius < -1 || f.radius > 64:
		return cli.UsageError(e, "dedupe", "--radius must be from -1 to 64, not %d", f.radius)
	case f.maxSeedDocs < 0:
		return cli.UsageError(e, "dedupe", "--max-seed-docs must not be negative")
	case f.minShared < 1 || f.minShared > maxMinShared:
		return cli.UsageError(e, "dedupe", "--min-shared-seeds must be from 1 to %d", maxMinShared)
	case f.workers < 0 || f.workers > parallel.MaxWorkers:
		return cli.UsageError(e, "dedupe", "--workers must be from 0 to %d", parallel.MaxWorkers)
	case f.excerpt < 1:
		return cli.UsageError(e, "dedupe", "--excerpt must be at least 1")
	}
	if f.workers == 0 {
		f.workers = runtime.GOMAXPROCS(0)
	}
	return f.in.check(e, "dedupe")
}

// defaultBatchCache holds every prepared article of a corpus the size of
// SaudiNewsNet (31K articles, 810 MB): preparing the evicted ones again
// cost a tenth of the job's time. The texts are in memory anyway.
const defaultBatchCache = 1 << 30

// maxMinShared bounds --min-shared-seeds: more than the marks of any
// article is no filter but a typo.
const maxMinShared = 1000

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
	matches  []match // by a, then b
	errors   []*input.InputError
	flags    *batchFlags
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
// pair.
func dedupe(paths []string, f *batchFlags, p *cli.Progress) *result {
	// The corpus works on all cores; --workers sets how many those are.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(f.workers))
	cfg := f.in.config()
	cfg.Radius = f.radius
	cfg.CacheBytes = int(f.cache)
	if f.cache == 0 {
		cfg.CacheBytes = -1 // none, where 0 would mean the default
	}
	cfg.Marks.MinShared = f.minShared
	cfg.Marks.MaxDF = f.maxSeedDocs
	if f.maxSeedDocs == 0 {
		cfg.Marks.MaxDF = -1
	}
	docs, errs := load(paths, f.in.options(), p, "dedupe")
	c := neardup.NewCorpus(cfg)
	errs = append(errs, addAll(c, docs, p, "dedupe")...)

	p.Start(fmt.Sprintf("aligning the candidate pairs of %s", plural(c.Len(), "document")), -1)
	pairs, err := c.Pairs(compare.PartialReuse)
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
	return &result{
		docs:     docs,
		clusters: cluster(docs, matches),
		matches:  matches,
		errors:   errs,
		flags:    f,
	}
}

// cluster groups documents joined by identical or near-duplicate pairs
// into connected components, sets each document's cluster number and
// returns the clusters of two or more, numbered from 1 in the order of
// their first member.
func cluster(docs []*document, matches []match) [][]int {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]] // path halving
			i = parent[i]
		}
		return i
	}
	for _, m := range matches {
		if m.report.Verdict < compare.NearDuplicate {
			continue
		}
		ra, rb := find(m.a), find(m.b)
		// The smaller index is the root: the root is a component's
		// first member.
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}
	size := make([]int, len(docs))
	for i := range docs {
		size[find(i)]++
	}
	var clusters [][]int
	number := make([]int, len(docs)) // by root
	for i, d := range docs {
		r := find(i)
		if size[r] < 2 {
			continue
		}
		if r == i {
			clusters = append(clusters, make([]int, 0, size[r]))
			number[r] = len(clusters)
		}
		clusters[number[r]-1] = append(clusters[number[r]-1], i)
		d.cluster = number[r]
	}
	return clusters
}

// plural returns "1 thing" or "n things" (cli.Plural).
func plural(n int, thing string) string { return cli.Plural(n, thing) }
