package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/neardup/neardup/internal/cli"
)

// The output of eval ntrex: JSON for programs, tables for people.

type ntrexJSON struct {
	Dir             string           `json:"dir"`
	Articles        int              `json:"articles"`
	Lines           int              `json:"lines"`
	Anchors         string           `json:"anchors"`
	LexiconPairs    int              `json:"lexicon_pairs"`
	Alignment       lineCountJSON    `json:"line_alignment"`
	Translated      verdictRatesJSON `json:"translated_pairs"`
	Mismatched      verdictRatesJSON `json:"mismatched_pairs"`
	Search          *searchJSON      `json:"search"`
	Pairs           []ntrexPairJSON  `json:"pairs"`
	TranslationRate cli.FourDecimals `json:"translation_rate"`
	MismatchRate    cli.FourDecimals `json:"mismatched_translation_rate"`
}

type lineCountJSON struct {
	Predicted int              `json:"predicted"`
	Gold      int              `json:"gold"`
	Correct   int              `json:"correct"`
	Precision cli.FourDecimals `json:"precision"`
	Recall    cli.FourDecimals `json:"recall"`
	F1        cli.FourDecimals `json:"f1"`
}

type verdictRatesJSON struct {
	Pairs     int            `json:"pairs"`
	ByVerdict map[string]int `json:"by_verdict"`
}

type ntrexPairJSON struct {
	ID        string           `json:"id"`
	Lines     int              `json:"lines"`
	Verdict   string           `json:"verdict"`
	CoverageE cli.FourDecimals `json:"coverage_english"`
	CoverageA cli.FourDecimals `json:"coverage_arabic"`
	Passages  int              `json:"passages"`
	Alignment lineCountJSON    `json:"line_alignment"`
}

func newNTREXJSON(res *ntrexResult) ntrexJSON {
	j := ntrexJSON{
		Dir: res.flags.dir, Articles: len(res.pairs), Lines: res.lines.Gold,
		Anchors: res.flags.anchors.kinds.String(), LexiconPairs: res.lexicon,
		Alignment:       newLineCountJSON(res.lines.Predicted, res.lines.Gold, res.lines.Correct),
		Translated:      verdictRatesJSON{len(res.pairs), res.verdicts},
		Mismatched:      verdictRatesJSON{res.mismatchN, res.mismatch},
		TranslationRate: cli.FourDecimals(shareOf(res.verdicts["translation"], len(res.pairs))),
		MismatchRate:    cli.FourDecimals(shareOf(res.mismatch["translation"], res.mismatchN)),
		Pairs:           []ntrexPairJSON{},
	}
	for i, p := range res.pairs {
		r, c := res.reports[i], res.counts[i]
		j.Pairs = append(j.Pairs, ntrexPairJSON{
			ID: p.ID, Lines: p.EnglishLines, Verdict: r.Verdict.String(),
			CoverageE: cli.FourDecimals(r.CoverageA), CoverageA: cli.FourDecimals(r.CoverageB),
			Passages: len(r.Passages), Alignment: newLineCountJSON(c.Predicted, c.Gold, c.Correct),
		})
	}
	if res.search != nil {
		rj := newSearchJSON(res.search)
		j.Search = &rj
	}
	return j
}

func newLineCountJSON(pred, gold, correct int) lineCountJSON {
	p, r := shareOf(correct, pred), shareOf(correct, gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return lineCountJSON{pred, gold, correct, cli.FourDecimals(p), cli.FourDecimals(r), cli.FourDecimals(f)}
}

// writeNTREXText writes the measures as tables, and each pair's with
// list.
func writeNTREXText(w io.Writer, res *ntrexResult, list bool) error {
	j := newNTREXJSON(res)
	lex := "no lexicon"
	if res.lexicon > 0 {
		lex = fmt.Sprintf("lexicon of %d pairs", res.lexicon)
	}
	fmt.Fprintf(w, "NTREX %s: %s, %s; anchors %s, %s.\n\n", res.flags.dir, cli.Plural(j.Articles, "article"),
		cli.Plural(j.Lines, "line"), j.Anchors, lex)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	a := j.Alignment
	fmt.Fprintf(tw, "line alignment\tprecision %.4f\trecall %.4f\tF1 %.4f\t(%d of %d predicted, %d gold)\n",
		float64(a.Precision), float64(a.Recall), float64(a.F1), a.Correct, a.Predicted, a.Gold)
	fmt.Fprintf(tw, "translated pairs\ttranslation %.4f\t%s\n", float64(j.TranslationRate), verdictList(res.verdicts))
	fmt.Fprintf(tw, "mismatched pairs\ttranslation %.4f\t%s\n", float64(j.MismatchRate), verdictList(res.mismatch))
	if r := j.Search; r != nil {
		writeSearchText(tw, r)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !list {
		return nil
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tlines\tverdict\tcov en\tcov ar\tpassages\tP\tR\tF1")
	for _, p := range j.Pairs {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.2f\t%.2f\t%d\t%.2f\t%.2f\t%.2f\n", p.ID, p.Lines, p.Verdict,
			float64(p.CoverageE), float64(p.CoverageA), p.Passages,
			float64(p.Alignment.Precision), float64(p.Alignment.Recall), float64(p.Alignment.F1))
	}
	return tw.Flush()
}

// verdictList writes counts by verdict, most first.
func verdictList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int {
		if m[x] != m[y] {
			return m[y] - m[x]
		}
		return strings.Compare(x, y)
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
