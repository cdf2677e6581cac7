package main

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// newsCorpus is a SaudiNewsNet corpus as the batch job reads it: every
// article with text of the *.zip dumps of a directory, in input order.
type newsCorpus struct {
	dir  string
	zips int
	docs []*document
	// byID finds a document by its ID, its url field (made unique as
	// the batch job makes it).
	byID map[string]int
	// noText counts the records without text (no content field, or a
	// blank one), which the batch job skips as input errors.
	noText int
}

// newsOptions read SaudiNewsNet as `dedupe --text-field content
// --id-field url` does.
var newsOptions = input.Options{IDField: "url", TextField: "content"}

// readNews reads every *.zip of dir. Records without text are counted;
// any other problem is reported on stderr, and the corpus is not
// returned.
func readNews(dir string, p *cli.Progress, cmd string) (*newsCorpus, bool) {
	zips, err := filepath.Glob(filepath.Join(dir, "*.zip"))
	if err == nil && len(zips) == 0 {
		err = fmt.Errorf("no *.zip file in %s", dir)
	}
	if err != nil {
		p.Errorf("%s: %v", cmd, err)
		return nil, false
	}
	nc := &newsCorpus{dir: dir, zips: len(zips)}
	ok := true
	p.Start("reading", -1)
	for d, err := range input.Read(zips, newsOptions) {
		switch {
		case errors.Is(err, input.ErrNoText) || errors.Is(err, input.ErrEmpty):
			nc.noText++
		case err != nil:
			p.Errorf("%s: %v", cmd, err)
			ok = false
		default:
			nc.docs = append(nc.docs, &document{Document: d})
			p.Add(1)
		}
	}
	p.Done()
	if !ok {
		return nil, false
	}
	nc.byID = uniqueIDs(nc.docs)
	return nc, true
}

// uniqueIDs makes document IDs unique as the batch job does (a document
// whose ID is taken by an earlier one is known by its source instead, or
// by its source and "#2", "#3", ...) and returns the index of each ID.
func uniqueIDs(docs []*document) map[string]int {
	byID := make(map[string]int, len(docs))
	for i, d := range docs {
		id := d.ID
		if _, taken := byID[id]; taken {
			id = d.Source
			for n := 2; ; n++ {
				if _, taken := byID[id]; !taken {
					break
				}
				id = d.Source + "#" + strconv.Itoa(n)
			}
		}
		d.ID = id
		byID[id] = i
	}
	return byID
}

// docPair is a pair of documents by index, A < B.
type docPair struct{ A, B int32 }

// pairOf returns the docPair of documents i and j, and whether they are
// in the other order.
func pairOf(i, j int) (docPair, bool) {
	if j < i {
		return docPair{int32(j), int32(i)}, true
	}
	return docPair{int32(i), int32(j)}, false
}

// batchReport is what the batch job reports: every pair sharing text,
// with the report of the pair's lower document (A) against the higher.
type batchReport struct {
	pairs    map[docPair]compare.Report
	clusters int
	// corpus is the batch job's, for aligning any pair of its documents
	// as the batch job would (with its collection statistics).
	corpus *neardup.Corpus
}

// lookup returns the batch report of documents i and j turned to have i
// as A, and whether the batch job reported the pair.
func (b *batchReport) lookup(i, j int) (compare.Report, bool) {
	k, swapped := pairOf(i, j)
	r, ok := b.pairs[k]
	if ok && swapped {
		r = turned(r)
	}
	return r, ok
}

// turned returns r with A and B exchanged (the passages' sides too).
// Derived, which says how much of B comes from A, is left as it was:
// it would need the comparison's options, and no evaluation reads it.
func turned(r compare.Report) compare.Report {
	r.ContainmentA, r.ContainmentB = r.ContainmentB, r.ContainmentA
	r.CoverageA, r.CoverageB = r.CoverageB, r.CoverageA
	r.LenA, r.LenB = r.LenB, r.LenA
	ps := make([]compare.Passage, len(r.Passages))
	for i, p := range r.Passages {
		ps[i] = compare.Passage{A: p.B, B: p.A, Similarity: p.Similarity}
	}
	r.Passages = ps
	return r
}

// batchConfig is the configuration of the batch job with dedupe's
// defaults: neardup.Default, prepared documents cached up to 1 GiB from
// preparing to aligning, and the mark filter's defaults.
func batchConfig(workers int, without evidence) neardup.Config {
	cfg := neardup.Default
	cfg.CacheBytes = 1 << 30
	cfg.Workers = workers
	cfg.Marks.MinShared = index.DefaultMinShared
	cfg.Marks.MaxDF = index.DefaultMaxDF
	if without["rewording"] {
		cfg.Compare.NoRewording = true
	}
	if without["paraphrases"] {
		cfg.Compare.NoParaphrases = true
	}
	if without["short-marks"] {
		cfg.Marks.ShortMarks = -1
	}
	if without["collection"] {
		cfg.Compare.IgnoreStats = true
	}
	return cfg
}

// evidence is the value of --without: kinds of evidence of rewriting
// turned off, to measure what each adds.
type evidence map[string]bool

// evidenceKinds are the kinds --without takes.
var evidenceKinds = []string{"rewording", "paraphrases", "short-marks", "collection"}

func (e evidence) String() string { return strings.Join(slices.Sorted(maps.Keys(e)), ",") }

func (e evidence) Set(s string) error {
	for _, k := range strings.Split(s, ",") {
		if !slices.Contains(evidenceKinds, k) {
			return fmt.Errorf("want a comma list of %s, not %q", strings.Join(evidenceKinds, ", "), k)
		}
		e[k] = true
	}
	return nil
}

// evidenceUsage is the usage of --without.
const evidenceUsage = "turn off these kinds of evidence, a comma `list` of: rewording (the reworded\naligner), paraphrases (the reworded aligner's learned paraphrases), short-marks\n(raised caps for short texts), collection (boilerplate and formulas judged by the\ncollection's statistics)"

// runBatch does what the batch job of dedupe does with the documents:
// adds them to an in-memory neardup.Corpus, which prepares and indexes
// them, and lets it align every candidate pair, keeping those at least
// partial reuse. A document the corpus refuses (too long) is reported
// on stderr, and the run fails.
func (nc *newsCorpus) runBatch(cfg neardup.Config, p *cli.Progress, cmd string) (*batchReport, bool) {
	c := neardup.NewCorpus(cfg)
	p.Start(fmt.Sprintf("batch job: preparing %s", cli.Plural(len(nc.docs), "document")), len(nc.docs))
	const step = 4096 // as dedupe adds them
	ok := true
	for start := 0; start < len(nc.docs); start += step {
		part := nc.docs[start:min(start+step, len(nc.docs))]
		batch := make([]neardup.Document, len(part))
		for i, d := range part {
			batch[i] = neardup.Document{ID: d.ID, Text: d.Text}
		}
		if err := c.AddBatch(batch); err != nil {
			for _, one := range cli.Unjoin(err) {
				p.Errorf("%s: %v", cmd, one)
			}
			ok = false
		}
		p.Add(len(part))
	}
	if !ok {
		p.Done()
		return nil, false
	}
	p.Start("batch job: aligning the candidate pairs", -1)
	pairs, err := c.Pairs(compare.Template) // as dedupe lists them
	p.Done()
	if err != nil {
		// In memory, prepared with one configuration: nothing can fail.
		panic(fmt.Sprintf("%s: aligning: %v", cmd, err))
	}
	b := &batchReport{pairs: make(map[docPair]compare.Report, len(pairs)), clusters: len(c.ClustersOf(pairs)), corpus: c}
	for _, pr := range pairs {
		k, swapped := pairOf(nc.byID[pr.A], nc.byID[pr.B])
		r := pr.Report
		if swapped {
			r = turned(r)
		}
		b.pairs[k] = r
	}
	return b, true
}

// byVerdict counts the batch report's pairs by verdict name.
func (b *batchReport) byVerdict() map[string]int {
	n := map[string]int{}
	for _, r := range b.pairs {
		n[r.Verdict.String()]++
	}
	return n
}
