package main

import (
	"flag"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/cli"
)

// batchFlags are the flags of the batch job.
type batchFlags struct {
	in          inputFlags
	align       alignFlags
	filter      pairFilter
	dedup       dedupFlags
	format      cli.Format
	passageText bool
	htmlPairs   int
	summaryCSV  string
	color       colorFlag
	radius      int
	maxMarkDocs int
	minShared   int
	workers     cli.WorkersFlag
	excerpt     int
	cache       cli.SizeFlag
	failDup     bool
	failReuse   bool
}

// spans says how the batch report writes passage sides.
func (f *batchFlags) spans() spanOptions { return spanOptions{excerpt: f.excerpt, text: f.passageText} }

// defaultExcerpt is how many runes of each end of a passage the reports
// show.
const defaultExcerpt = 60

func (f *batchFlags) register(fs *flag.FlagSet) {
	f.format, f.color = cli.NewFormat("text", "json", "jsonl", "csv", "html"), "auto"
	fs.Var(&f.format, "format", f.format.Usage()+" (see the README beside\nthis command's source: jsonl and csv list pairs as they are\nwritten, html is one self-contained page to open in a browser)")
	fs.IntVar(&f.radius, "radius", neardup.DefaultRadius, "fingerprint filter: compare pairs whose SimHash fingerprints differ\nin at most this many `bits` (0-64; -1 turns the filter off)")
	fs.IntVar(&f.maxMarkDocs, "max-mark-docs", index.DefaultMaxDF, "mark filter: ignore marks (winnowed 12-rune windows) found in more\nthan this many `documents` (0 turns the filter off)")
	fs.IntVar(&f.minShared, "min-shared-marks", index.DefaultMinShared, "mark filter: compare pairs sharing at least this many `marks`, 1 to\n1000 (3 cuts the comparisons on a news corpus to less than a half, but\nmisses some short or edited passages)")
	// The names these flags had before marks were called marks.
	fs.IntVar(&f.maxMarkDocs, "max-seed-docs", index.DefaultMaxDF, "the old name of --max-mark-docs")
	fs.IntVar(&f.minShared, "min-shared-seeds", index.DefaultMinShared, "the old name of --min-shared-marks")
	fs.BoolVar(&f.failDup, "fail-on-duplicates", false, "exit 1 if an identical or near-duplicate pair is found")
	fs.BoolVar(&f.failReuse, "fail-on-reuse", false, "exit 1 if a partial-reuse pair is found")
	f.in.register(fs)
	fs.IntVar(&f.excerpt, "excerpt", defaultExcerpt, "excerpts of passages show their first and last this many `runes`")
	fs.BoolVar(&f.passageText, "passage-text", false, "json, jsonl: give every passage's full text on both sides, not only\nits excerpt (the report grows by about the size of the texts shared)")
	fs.IntVar(&f.htmlPairs, "html-pairs", defaultHTMLPairs, "html: show at most this many `pairs` side by side (the others are\ncounted; narrow them with --verdict and --min-coverage)")
	fs.StringVar(&f.summaryCSV, "summary-csv", "", "csv: write the per-source summary to `file` (CSV holds one table, and\nstandard output has the pairs)")
	f.filter.register(fs)
	f.dedup.register(fs)
	f.align.register(fs)
	f.cache = defaultBatchCache
	fs.Var(&f.cache, "cache", "memory for prepared documents kept from preparing to aligning, in\n`bytes` (about 30KB an article); beyond it documents are prepared\nagain when aligned")
	fs.Var(&f.workers, "workers", "parallel `workers` for preparing and comparing (0: one per core)")
	fs.Var(&f.color, "color", "`when` to colour the text report: auto (when stdout is a terminal\nand NO_COLOR is unset), always or never")
}

func (f *batchFlags) check(e cli.Env) error {
	switch {
	case f.radius < -1 || f.radius > 64:
		return cli.UsageError(e, "dedupe", "--radius must be from -1 to 64, not %d", f.radius)
	case f.maxMarkDocs < 0:
		return cli.UsageError(e, "dedupe", "--max-mark-docs must not be negative")
	case f.minShared < 1 || f.minShared > maxMinShared:
		return cli.UsageError(e, "dedupe", "--min-shared-marks must be from 1 to %d", maxMinShared)
	case f.excerpt < 1:
		return cli.UsageError(e, "dedupe", "--excerpt must be at least 1")
	case f.htmlPairs < 0:
		return cli.UsageError(e, "dedupe", "--html-pairs must not be negative")
	case f.summaryCSV != "" && f.format.Value != "csv":
		return cli.UsageError(e, "dedupe", "--summary-csv goes with --format csv (the other formats hold the summary)")
	}
	if err := f.align.check(e, "dedupe"); err != nil {
		return err
	}
	if err := f.filter.check(e, "dedupe"); err != nil {
		return err
	}
	return f.in.check(e, "dedupe")
}

// config is the corpus configuration the flags ask for.
func (f *batchFlags) config() neardup.Config {
	cfg := f.in.config()
	cfg.Compare = f.align.options(cfg.Compare)
	cfg.Radius = f.radius
	cfg.Workers = int(f.workers)
	cfg.CacheBytes = int(f.cache)
	if f.cache == 0 {
		cfg.CacheBytes = -1 // none, where 0 would mean the default
	}
	cfg.Marks.MinShared = f.minShared
	cfg.Marks.MaxDF = f.maxMarkDocs
	if f.maxMarkDocs == 0 {
		cfg.Marks.MaxDF = -1
	}
	return cfg
}

// defaultBatchCache holds every prepared article of a corpus the size of
// SaudiNewsNet (31K articles, 810 MB): preparing the evicted ones again
// cost a tenth of the job's time. The texts are in memory anyway.
const defaultBatchCache = 1 << 30

// maxMinShared bounds --min-shared-marks: more than the marks of any
// article is no filter but a typo.
const maxMinShared = 1000
