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
	Groups    []groupJSON   `json:"groups"`
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

type groupJSON struct {
	ID             int      `json:"id"`
	Representative string   `json:"representative"`
	Copies         []string `json:"copies"`
	Cluster        int      `json:"cluster"`
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
}

type passageJSON struct {
	A          excerptJSON      `json:"a"`
	B          excerptJSON      `json:"b"`
	Similarity cli.FourDecimals `json:"similarity"`
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
	PartialReuse  int `json:"partial_reuse"`
	Clusters      int `json:"clusters"`
	Groups        int `json:"groups"`
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

// newGroupJSON returns group i of res, numbered from 1.
func newGroupJSON(res *result, i int) groupJSON {
	g := res.groups[i]
	ids := make([]string, len(g.copies))
	for k, m := range g.copies {
		ids[k] = res.docs[m].ID
	}
	rep := res.docs[g.rep]
	return groupJSON{ID: i + 1, Representative: rep.ID, Copies: ids, Cluster: rep.cluster}
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
			A:          newExcerptJSON(a.Text, ps.A, res.flags.excerpt),
			B:          newExcerptJSON(b.Text, ps.B, res.flags.excerpt),
			Similarity: cli.FourDecimals(ps.Similarity),
		}
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
		Groups:      len(res.groups),
	}
	for _, m := range res.matches {
		switch m.report.Verdict {
		case compare.Identical:
			s.Identical++
		case compare.NearDuplicate:
			s.NearDuplicate++
		case compare.PartialReuse:
			s.PartialReuse++
		}
	}
	return s
}
