package main

import (
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// The report model: the shapes of the batch report in JSON, and their
// construction from a result. The types fix the keys and their order; see
// the README for the schema. Floats are rounded to 4 decimals.

type batchReport struct {
	Documents []docJSON     `json:"documents"`
	Clusters  []clusterJSON `json:"clusters"`
	Pairs     []pairJSON    `json:"pairs"`
	Errors    []errorJSON   `json:"errors"`
	Stats     statsJSON     `json:"stats"`
}

type docJSON struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Title       string  `json:"title"`
	Runes       int     `json:"runes"`
	Fingerprint *string `json:"fingerprint"`
	Error       *string `json:"error"`
}

type clusterJSON struct {
	ID      int      `json:"id"`
	Members []string `json:"members"`
}

type pairJSON struct {
	A            string           `json:"a"`
	B            string           `json:"b"`
	Verdict      compare.Verdict  `json:"verdict"`
	Distance     int              `json:"distance"`
	Resemblance  cli.FourDecimals `json:"resemblance"`
	ContainmentA cli.FourDecimals `json:"containment_a"`
	ContainmentB cli.FourDecimals `json:"containment_b"`
	CoverageA    cli.FourDecimals `json:"coverage_a"`
	CoverageB    cli.FourDecimals `json:"coverage_b"`
	Passages     []passageJSON    `json:"passages"`
	Slots        []slotJSON       `json:"slots,omitempty"`
}

type passageJSON struct {
	A           excerptJSON         `json:"a"`
	B           excerptJSON         `json:"b"`
	Similarity  cli.FourDecimals    `json:"similarity"`
	Kind        compare.PassageKind `json:"kind"`
	Boilerplate bool                `json:"boilerplate,omitempty"`
}

// slotJSON is where two texts of one formula differ (compare.Slot).
type slotJSON struct {
	A excerptJSON `json:"a"`
	B excerptJSON `json:"b"`
}

type excerptJSON struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	RuneStart int    `json:"rune_start"`
	RuneEnd   int    `json:"rune_end"`
	Excerpt   string `json:"excerpt"`
}

type errorJSON struct {
	Source string `json:"source"`
	Line   *int   `json:"line"`
	Offset *int64 `json:"offset"`
	Error  string `json:"error"`
}

type statsJSON struct {
	Documents     int `json:"documents"`
	InputErrors   int `json:"input_errors"`
	Identical     int `json:"identical"`
	NearDuplicate int `json:"near_duplicate"`
	Rewrite       int `json:"rewrite"`
	PartialReuse  int `json:"partial_reuse"`
	Template      int `json:"template"`
	Clusters      int `json:"clusters"`
}

func newDocJSON(d *document) docJSON {
	j := docJSON{ID: d.ID, Source: d.Source, Title: d.Title, Runes: d.runes}
	if fp := d.fingerprint(); fp != "" {
		j.Fingerprint = &fp
	}
	if d.note != "" {
		note := d.note
		j.Error = &note
	}
	return j
}

// newClusterJSON returns cluster i of res, numbered from 1.
func newClusterJSON(res *result, i int) clusterJSON {
	ids := make([]string, len(res.clusters[i]))
	for k, m := range res.clusters[i] {
		ids[k] = res.docs[m].ID
	}
	return clusterJSON{ID: i + 1, Members: ids}
}

func newErrorJSON(ie *input.InputError) errorJSON {
	j := errorJSON{Source: ie.Source, Error: "unknown error"}
	if ie.Err != nil {
		j.Error = ie.Err.Error()
	}
	if ie.Line > 0 {
		line := ie.Line
		j.Line = &line
	}
	if ie.Offset >= 0 {
		off := ie.Offset
		j.Offset = &off
	}
	return j
}

func newPairJSON(res *result, m match) pairJSON {
	a, b, r := res.docs[m.a], res.docs[m.b], m.report
	p := pairJSON{
		A: a.ID, B: b.ID, Verdict: r.Verdict, Distance: r.Distance,
		Resemblance:  cli.FourDecimals(r.Resemblance),
		ContainmentA: cli.FourDecimals(r.ContainmentA), ContainmentB: cli.FourDecimals(r.ContainmentB),
		CoverageA: cli.FourDecimals(r.CoverageA), CoverageB: cli.FourDecimals(r.CoverageB),
		Passages: make([]passageJSON, len(r.Passages)),
	}
	for k, ps := range r.Passages {
		p.Passages[k] = passageJSON{
			A:           newExcerptJSON(a.Text, ps.A, res.flags.excerpt),
			B:           newExcerptJSON(b.Text, ps.B, res.flags.excerpt),
			Similarity:  cli.FourDecimals(ps.Similarity),
			Kind:        ps.Kind,
			Boilerplate: ps.Boilerplate,
		}
	}
	for _, sl := range r.Slots {
		p.Slots = append(p.Slots, slotJSON{
			A: newExcerptJSON(a.Text, sl.A, res.flags.excerpt),
			B: newExcerptJSON(b.Text, sl.B, res.flags.excerpt),
		})
	}
	return p
}

func newExcerptJSON(src string, s compare.Span, n int) excerptJSON {
	return excerptJSON{
		Start: s.Start, End: s.End, RuneStart: s.RuneStart, RuneEnd: s.RuneEnd,
		Excerpt: excerpt(src[s.Start:s.End], n),
	}
}

func stats(res *result) statsJSON {
	s := statsJSON{
		Documents:   len(res.docs),
		InputErrors: len(res.errors),
		Clusters:    len(res.clusters),
	}
	for _, m := range res.matches {
		switch m.report.Verdict {
		case compare.Identical:
			s.Identical++
		case compare.NearDuplicate:
			s.NearDuplicate++
		case compare.Rewrite:
			s.Rewrite++
		case compare.PartialReuse:
			s.PartialReuse++
		case compare.Template:
			s.Template++
		}
	}
	return s
}
