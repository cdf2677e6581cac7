package main

import (
	"cmp"
	"path"
	"slices"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// The per-source summary: who reuses whom, and how much (passim's
// "series"). A document's group is its outlet (--source-field), or else
// the collection it was read from: its JSON or JSON Lines file, or the
// directory of a plain-text file. A pair's A is the earlier document in
// input order, so with inputs given oldest first a row reads "documents
// of 'to' share text with earlier documents of 'from'".

// summaryJSON is one row: the listed pairs from one group to another.
type summaryJSON struct {
	From       string           `json:"from"`
	To         string           `json:"to"`
	Pairs      int              `json:"pairs"`
	Verdicts   map[string]int   `json:"verdicts"`
	DocumentsA int              `json:"documents_a"` // distinct documents of from
	DocumentsB int              `json:"documents_b"` // distinct documents of to
	CoverageB  cli.FourDecimals `json:"coverage_b"`  // mean share of B's text inside passages
	// CrossOutlet is whether from and to are different outlets, null
	// without --source-field.
	CrossOutlet *bool `json:"cross_outlet"`
}

// noOutlet is the group of a document without --source-field's field.
const noOutlet = "(no outlet)"

// groupOf returns the group a document is summarized under.
func groupOf(d *document, bySource bool) string {
	switch {
	case d.hasOutlet:
		return d.outlet
	case bySource:
		return noOutlet
	}
	return collectionOf(d.Source)
}

// collectionOf returns the collection a source is in: its JSON file, or
// the directory (or archive directory) of a plain-text file.
func collectionOf(source string) string {
	if f := fileOf(source); f != source {
		return f
	}
	if a, ok := input.ParseAddress(source); ok && len(a.Members) > 0 {
		last := &a.Members[len(a.Members)-1]
		if dir := path.Dir(*last); dir != "." {
			*last = dir
			return a.String()
		}
		a.Members = a.Members[:len(a.Members)-1]
		return a.String()
	}
	return path.Dir(source)
}

// summarize returns the rows of the pairs, most pairs first.
func summarize(docs []*document, pairs []match, bySource bool) []summaryJSON {
	type key struct{ from, to string }
	type acc struct {
		row      summaryJSON
		as, bs   map[int]bool
		coverage float64
	}
	rows := map[key]*acc{}
	var order []key
	for _, m := range pairs {
		a, b := docs[m.a], docs[m.b]
		k := key{groupOf(a, bySource), groupOf(b, bySource)}
		r := rows[k]
		if r == nil {
			r = &acc{row: summaryJSON{From: k.from, To: k.to, Verdicts: map[string]int{}}, as: map[int]bool{}, bs: map[int]bool{}}
			if bySource {
				cross := k.from != k.to
				r.row.CrossOutlet = &cross
			}
			rows[k] = r
			order = append(order, k)
		}
		r.row.Pairs++
		r.row.Verdicts[m.report.Verdict.String()]++
		r.as[m.a], r.bs[m.b] = true, true
		r.coverage += m.report.CoverageB
	}
	out := make([]summaryJSON, 0, len(order))
	for _, k := range order {
		r := rows[k]
		r.row.DocumentsA, r.row.DocumentsB = len(r.as), len(r.bs)
		r.row.CoverageB = cli.FourDecimals(r.coverage / float64(r.row.Pairs))
		out = append(out, r.row)
	}
	slices.SortStableFunc(out, func(x, y summaryJSON) int {
		return cmp.Or(cmp.Compare(y.Pairs, x.Pairs), cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
	})
	return out
}

// summary returns the batch report's summary rows, of the pairs listed.
func (res *result) summary() []summaryJSON {
	return summarize(res.docs, res.listed, res.flags.in.sourceField != "")
}
