package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/neardup/neardup/eval/internal/judged"
	"github.com/neardup/neardup/internal/cli"
)

// The output of eval recall: JSON for programs, tables for people.

type recallJSON struct {
	Corpus  newsCorpusJSON `json:"corpus"`
	Undated int            `json:"articles_without_source_or_date"`
	Batch   batchJSON      `json:"batch"`
	// The pairs looked at: different sources, at most WindowDays apart;
	// those of them with a cosine in [MinCosine, MaxCosine) (MaxCosine
	// null: no upper bound) are in range.
	WindowDays       int               `json:"window_days"`
	CrossSourcePairs int64             `json:"cross_source_pairs"`
	MinCosine        float64           `json:"min_cosine"`
	MaxCosine        *float64          `json:"max_cosine"`
	PairsInRange     int               `json:"pairs_in_range"`
	Aligned          int               `json:"aligned"` // all in range, or a sample
	ReportedPairwise int               `json:"reported_pairwise"`
	InBatch          int               `json:"in_batch"`
	Share            cli.FourDecimals  `json:"share"`
	ByVerdict        []recallCountJSON `json:"by_verdict"`
	VerdictsDiffer   int               `json:"verdicts_differ"`
	Missed           []missedJSON      `json:"missed"`
}

type recallCountJSON struct {
	Verdict          string           `json:"verdict"` // pairwise
	ReportedPairwise int              `json:"reported_pairwise"`
	InBatch          int              `json:"in_batch"`
	Share            cli.FourDecimals `json:"share"`
}

type missedJSON struct {
	URLA      string           `json:"url_a"`
	URLB      string           `json:"url_b"`
	Cosine    cli.FourDecimals `json:"cosine"`
	Verdict   string           `json:"pairwise_verdict"`
	CoverageA cli.FourDecimals `json:"coverage_a"`
	CoverageB cli.FourDecimals `json:"coverage_b"`
	Distance  int              `json:"distance"`
}

// shareOf returns k/n, NaN for n = 0.
func shareOf(k, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}

// verdictsOf returns the names of res.byVerdict in the order of
// judged.SortVerdicts.
func verdictsOf(res *recallResult) []string {
	var names []string
	for v := range res.byVerdict {
		names = append(names, v)
	}
	judged.SortVerdicts(names)
	return names
}

// sortMissed orders missed pairs most similar first, then by A and B.
func sortMissed(m []missedPair) {
	slices.SortFunc(m, func(x, y missedPair) int {
		return cmp.Or(cmp.Compare(y.cosine, x.cosine), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
}

func newRecallJSON(res *recallResult) recallJSON {
	j := recallJSON{
		Corpus: newNewsCorpusJSON(res.corpus), Undated: res.undated, Batch: newBatchJSON(res.batch),
		WindowDays: windowDays, CrossSourcePairs: res.crossSource, MinCosine: res.least,
		PairsInRange: res.inRange, Aligned: res.aligned,
		ReportedPairwise: res.reported.pairwise, InBatch: res.reported.inBatch,
		Share:          cli.FourDecimals(shareOf(res.reported.inBatch, res.reported.pairwise)),
		ByVerdict:      []recallCountJSON{},
		VerdictsDiffer: res.disagree,
		Missed:         make([]missedJSON, len(res.missed)),
	}
	if res.most < 1 {
		j.MaxCosine = &res.most
	}
	for _, v := range verdictsOf(res) {
		c := res.byVerdict[v]
		j.ByVerdict = append(j.ByVerdict, recallCountJSON{v, c.pairwise, c.inBatch, cli.FourDecimals(shareOf(c.inBatch, c.pairwise))})
	}
	docs := res.corpus.docs
	for i, m := range res.missed {
		j.Missed[i] = missedJSON{
			URLA: docs[m.a].ID, URLB: docs[m.b].ID, Cosine: cli.FourDecimals(m.cosine), Verdict: m.report.Verdict.String(),
			CoverageA: cli.FourDecimals(m.report.CoverageA), CoverageB: cli.FourDecimals(m.report.CoverageB),
			Distance: m.report.Distance,
		}
	}
	return j
}

// cosineRange writes the range of cosines looked at.
func cosineRange(res *recallResult) string {
	if res.most >= 1 {
		return fmt.Sprintf("[%.2f, 1]", res.least)
	}
	return fmt.Sprintf("[%.2f, %.2f)", res.least, res.most)
}

// writeRecallText writes the counts for people.
func writeRecallText(w io.Writer, res *recallResult) error {
	b := new(strings.Builder)
	nc := res.corpus
	fmt.Fprintf(b, "Corpus: %s with text in %s (%s without text",
		cli.Plural(len(nc.docs), "article"), cli.Plural(nc.zips, "zip"), cli.Plural(nc.noText, "record"))
	if res.undated > 0 {
		fmt.Fprintf(b, "; %d without a source or date, left out", res.undated)
	}
	fmt.Fprintf(b, ").\nBatch job: %s sharing text (%s).\n\n", cli.Plural(len(res.batch.pairs), "pair"), verdictCounts(res.batch.byVerdict()))

	fmt.Fprintf(b, "Pairs of articles of different sources extracted at most %s apart: %d\n", cli.Plural(windowDays, "day"), res.crossSource)
	fmt.Fprintf(b, "  with a word TF-IDF cosine in %s: %d\n", cosineRange(res), res.inRange)
	if res.aligned < res.inRange {
		fmt.Fprintf(b, "  aligned, a random sample: %d\n", res.aligned)
	}
	r := res.reported
	fmt.Fprintf(b, "  reported as reuse by pairwise alignment: %d\n", r.pairwise)
	fmt.Fprintf(b, "  of those in the batch report: %d (%s)\n\n", r.inBatch, share(shareOf(r.inBatch, r.pairwise)))

	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "pairwise verdict\tpairwise\tin batch\tshare\t\n")
	for _, v := range verdictsOf(res) {
		c := res.byVerdict[v]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", v, c.pairwise, c.inBatch, share(shareOf(c.inBatch, c.pairwise)))
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%s\t\n", r.pairwise, r.inBatch, share(shareOf(r.inBatch, r.pairwise)))
	tw.Flush()
	if res.disagree > 0 {
		fmt.Fprintf(b, "(%s in both with different verdicts)\n", cli.Plural(res.disagree, "pair"))
	}

	if len(res.missed) > 0 {
		fmt.Fprintf(b, "\nMissed by the batch job, most similar first\n")
		tw = tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "url_a\turl_b\tcosine\tpairwise\tcoverage_a\tcoverage_b\tdistance\n")
		for _, m := range res.missed {
			fmt.Fprintf(tw, "%s\t%s\t%.4f\t%s\t%.4f\t%.4f\t%d\n", nc.docs[m.a].ID, nc.docs[m.b].ID, m.cosine,
				m.report.Verdict, m.report.CoverageA, m.report.CoverageB, m.report.Distance)
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}
