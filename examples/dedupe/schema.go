package main

import (
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

// The one JSON shape of a pair and of a passage, written by every
// command: the batch report's "pairs", compare's "pair", compare --pairs'
// lines, index query's "sources" and the JSON Lines records. The README
// beside this file documents it.

// schemaVersion numbers the shape of the commands' JSON output; it grows
// when a key changes meaning or goes away (adding a key does not change
// it). 1 was the shape before the version was written: batch passages
// with "excerpt" only, compare and query with a report object of their
// own.
const schemaVersion = 2

// pairJSON is a pair of documents and how they compare.
type pairJSON struct {
	A            string           `json:"a"`
	B            string           `json:"b"`
	Verdict      compare.Verdict  `json:"verdict"`
	Derived      *string          `json:"derived"`
	Distance     int              `json:"distance"`
	Resemblance  cli.FourDecimals `json:"resemblance"`
	ContainmentA cli.FourDecimals `json:"containment_a"`
	ContainmentB cli.FourDecimals `json:"containment_b"`
	CoverageA    cli.FourDecimals `json:"coverage_a"`
	CoverageB    cli.FourDecimals `json:"coverage_b"`
	LenA         int              `json:"len_a"`
	LenB         int              `json:"len_b"`
	CrossOutlet  *bool            `json:"cross_outlet"`
	Passages     []passageJSON    `json:"passages"`
	Slots        []slotJSON       `json:"slots,omitempty"`
}

type passageJSON struct {
	A           spanJSON            `json:"a"`
	B           spanJSON            `json:"b"`
	Similarity  cli.FourDecimals    `json:"similarity"`
	Kind        compare.PassageKind `json:"kind"`
	Boilerplate bool                `json:"boilerplate,omitempty"`
}

// slotJSON is where two texts of one formula differ (compare.Slot), for
// a pair of verdict template.
type slotJSON struct {
	A spanJSON `json:"a"`
	B spanJSON `json:"b"`
}

// spanJSON is one side of a passage: where it is in the original text,
// an excerpt to recognize it by, and its full text where the command
// carries it (compare and index query always, the batch job with
// --passage-text: its report would otherwise hold most of the corpus
// twice).
type spanJSON struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	RuneStart int     `json:"rune_start"`
	RuneEnd   int     `json:"rune_end"`
	Excerpt   string  `json:"excerpt"`
	Text      *string `json:"text"`
}

// spanOptions say how passage sides are written.
type spanOptions struct {
	excerpt int  // runes at each end of an excerpt
	text    bool // carry the full text
}

// newPairJSON returns the pair of a and b compared as r.
func newPairJSON(a, b *document, r compare.Report, o spanOptions) pairJSON {
	p := pairJSON{
		A: a.ID, B: b.ID, Verdict: r.Verdict, Distance: r.Distance,
		Resemblance:  cli.FourDecimals(r.Resemblance),
		ContainmentA: cli.FourDecimals(r.ContainmentA), ContainmentB: cli.FourDecimals(r.ContainmentB),
		CoverageA: cli.FourDecimals(r.CoverageA), CoverageB: cli.FourDecimals(r.CoverageB),
		LenA: r.LenA, LenB: r.LenB,
		Passages: make([]passageJSON, len(r.Passages)),
	}
	if d := derivedName(r); d != "" {
		p.Derived = &d
	}
	if a.hasOutlet && b.hasOutlet {
		cross := a.outlet != b.outlet
		p.CrossOutlet = &cross
	}
	for k, ps := range r.Passages {
		p.Passages[k] = passageJSON{
			A:           newSpanJSON(a.Text, ps.A, o),
			B:           newSpanJSON(b.Text, ps.B, o),
			Similarity:  cli.FourDecimals(ps.Similarity),
			Kind:        ps.Kind,
			Boilerplate: ps.Boilerplate,
		}
	}
	for _, sl := range r.Slots {
		p.Slots = append(p.Slots, slotJSON{A: newSpanJSON(a.Text, sl.A, o), B: newSpanJSON(b.Text, sl.B, o)})
	}
	return p
}

func newSpanJSON(src string, s compare.Span, o spanOptions) spanJSON {
	j := spanJSON{
		Start: s.Start, End: s.End, RuneStart: s.RuneStart, RuneEnd: s.RuneEnd,
		Excerpt: excerpt(src[s.Start:s.End], o.excerpt),
	}
	if o.text {
		t := src[s.Start:s.End]
		j.Text = &t
	}
	return j
}
