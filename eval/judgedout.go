package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/judged"
	"github.com/neardup/neardup/internal/cli"
)

// The output of eval judged: JSON for programs, tables for people.

type judgedJSON struct {
	Labels        string         `json:"labels"`
	Corpus        newsCorpusJSON `json:"corpus"`
	Batch         batchJSON      `json:"batch"`
	LabelledPairs int            `json:"labelled_pairs"`
	MissingURLs   []string       `json:"missing_urls"`
	LeftOut       []int          `json:"left_out"`
	Measures      []measureJSON  `json:"measures"`
	// PairwiseMeasures are the measures of the verdicts of pairwise
	// alignment, as if candidate search proposed every labelled pair.
	PairwiseMeasures []measureJSON    `json:"pairwise_measures"`
	Confusion        judged.Confusion `json:"confusion"`
	Pairs            []judgedPairJSON `json:"pairs"`
	VerdictClasses   verdictClassJSON `json:"verdict_classes"`
}

// newsCorpusJSON describes a SaudiNewsNet corpus read.
type newsCorpusJSON struct {
	Dir                string `json:"dir"`
	Zips               int    `json:"zips"`
	Articles           int    `json:"articles"`
	RecordsWithoutText int    `json:"records_without_text"`
}

func newNewsCorpusJSON(nc *newsCorpus) newsCorpusJSON {
	return newsCorpusJSON{Dir: nc.dir, Zips: nc.zips, Articles: len(nc.docs), RecordsWithoutText: nc.noText}
}

// batchJSON sums up the batch job's report.
type batchJSON struct {
	Pairs     int            `json:"pairs"`
	ByVerdict map[string]int `json:"by_verdict"`
	Clusters  int            `json:"clusters"`
}

func newBatchJSON(b *batchReport) batchJSON {
	return batchJSON{Pairs: len(b.pairs), ByVerdict: b.byVerdict(), Clusters: b.clusters}
}

// verdictClassJSON says which verdict names count as what.
type verdictClassJSON struct {
	Reuse []string `json:"reuse"`
	Whole []string `json:"whole"`
}

type measureJSON struct {
	Name          string           `json:"name"`
	Description   string           `json:"description"`
	Numerator     int              `json:"numerator"`
	Denominator   int              `json:"denominator"`
	Share         cli.FourDecimals `json:"share"`
	LowerIsBetter bool             `json:"lower_is_better"`
}

type judgedPairJSON struct {
	N        int          `json:"n"`
	URLA     string       `json:"url_a"`
	URLB     string       `json:"url_b"`
	Label    judged.Label `json:"label"`
	Reworded string       `json:"reworded"` // yes, no or -
	Verdict  string       `json:"verdict"`  // of the batch job, or none
	// Pairwise is the verdict of aligning the pair on its own; the
	// scores are of that alignment, url_a as A.
	Pairwise  compare.Verdict  `json:"pairwise_verdict"`
	CoverageA cli.FourDecimals `json:"coverage_a"`
	CoverageB cli.FourDecimals `json:"coverage_b"`
	Distance  int              `json:"distance"`
	Errors    []string         `json:"errors"`
}

func newJudgedJSON(res *judgedResult) judgedJSON {
	j := judgedJSON{
		Labels: res.labels, Corpus: newNewsCorpusJSON(res.corpus), Batch: newBatchJSON(res.batch),
		LabelledPairs: res.labelled, MissingURLs: nonNil(res.missing), LeftOut: nonNil(res.leftOut),
		Confusion: res.Confusion,
	}
	j.VerdictClasses = verdictClassJSON{Reuse: judged.ReuseVerdicts(), Whole: judged.WholeVerdicts()}
	j.Measures, j.PairwiseMeasures = newMeasuresJSON(res.Measures), newMeasuresJSON(res.alone.Measures)
	j.Pairs = make([]judgedPairJSON, len(res.Pairs))
	for i, o := range res.Pairs {
		r := res.pairwise[i]
		j.Pairs[i] = judgedPairJSON{
			N: o.N, URLA: o.URLA, URLB: o.URLB, Label: o.Label, Reworded: reworded(o.Pair), Verdict: o.Verdict,
			Pairwise: r.Verdict, CoverageA: cli.FourDecimals(r.CoverageA), CoverageB: cli.FourDecimals(r.CoverageB),
			Distance: r.Distance, Errors: nonNil(o.Errors),
		}
	}
	return j
}

func newMeasuresJSON(ms []judged.Measure) []measureJSON {
	out := make([]measureJSON, len(ms))
	for i, m := range ms {
		out[i] = measureJSON{
			Name: m.Name, Description: m.Description, Numerator: m.Numerator, Denominator: m.Denominator,
			Share: cli.FourDecimals(m.Share), LowerIsBetter: m.LowerIsBetter,
		}
	}
	return out
}

// nonNil returns s, or an empty slice for nil: JSON lists, never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// reworded is the pair's reworded column as the labels file writes it.
func reworded(p judged.Pair) string {
	switch {
	case !p.Label.Reuse():
		return "-"
	case p.Reworded:
		return "yes"
	}
	return "no"
}

// writeJudgedText writes the measures and the confusion matrix for
// people, and with list every pair.
func writeJudgedText(w io.Writer, res *judgedResult, list bool) error {
	b := new(strings.Builder)
	reuse := 0
	for _, o := range res.Pairs {
		if o.Label.Reuse() {
			reuse++
		}
	}
	nc := res.corpus
	fmt.Fprintf(b, "Judged pairs: %s scored (%d reuse, %d not) of %d in %s",
		cli.Plural(len(res.Pairs), "pair"), reuse, len(res.Pairs)-reuse, res.labelled, res.labels)
	if len(res.leftOut) > 0 {
		fmt.Fprintf(b, "; %d left out, %s not in the corpus", len(res.leftOut), cli.Plural(len(res.missing), "article"))
	}
	fmt.Fprintf(b, ".\nCorpus: %s with text in %s (%s without text).\n",
		cli.Plural(len(nc.docs), "article"), cli.Plural(nc.zips, "zip"), cli.Plural(nc.noText, "record"))
	fmt.Fprintf(b, "Batch job: %s sharing text (%s), %s.\n\n",
		cli.Plural(len(res.batch.pairs), "pair"), verdictCounts(res.batch.byVerdict()), cli.Plural(res.batch.clusters, "cluster"))

	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "batch\tcount\tpairwise\tcount\t\t\n")
	for k, m := range res.Measures {
		note := ""
		if m.LowerIsBetter {
			note = " (lower is better)"
		}
		a := res.alone.Measures[k]
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%d/%d\t\t%s%s\n", share(m.Share), m.Numerator, m.Denominator,
			share(a.Share), a.Numerator, a.Denominator, m.Description, note)
	}
	tw.Flush()
	fmt.Fprintf(b, "(batch: shares of the batch job's verdicts; pairwise: of the verdicts of aligning\neach pair on its own, as if candidate search proposed every labelled pair)\n")

	fmt.Fprintf(b, "\nBatch verdicts (columns) of the labelled pairs (rows: label-reworded)\n")
	c := res.Confusion
	tw = tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%s\ttotal\t\n", strings.Join(c.Columns, "\t"))
	for i, row := range c.Rows {
		fmt.Fprintf(tw, "%s", row)
		total := 0
		for _, n := range c.Counts[i] {
			fmt.Fprintf(tw, "\t%d", n)
			total += n
		}
		fmt.Fprintf(tw, "\t%d\t\n", total)
	}
	tw.Flush()

	if list {
		fmt.Fprintf(b, "\nPairs (coverages and distance of pairwise alignment, url_a as A)\n")
		tw = tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "n\tlabel\treworded\tverdict\tpairwise\tcoverage_a\tcoverage_b\tdistance\terrors\n")
		for i, o := range res.Pairs {
			r := res.pairwise[i]
			errs := "-"
			if len(o.Errors) > 0 {
				errs = strings.Join(o.Errors, ",")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.4f\t%.4f\t%d\t%s\n",
				o.N, o.Label, reworded(o.Pair), o.Verdict, r.Verdict, r.CoverageA, r.CoverageB, r.Distance, errs)
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// share writes a share with four decimals, "-" if undefined.
func share(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return fmt.Sprintf("%.4f", x)
}

// verdictCounts writes counts by verdict name, in the order of
// judged.SortVerdicts.
func verdictCounts(n map[string]int) string {
	var names []string
	for name := range n {
		names = append(names, name)
	}
	judged.SortVerdicts(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%d %s", n[name], name)
	}
	return strings.Join(parts, ", ")
}
