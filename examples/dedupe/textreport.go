package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/neardup/neardup/compare"
)

// Text output: the batch report for people, and the printer the text
// output of every subcommand goes through.

// printer writes formatted text and remembers the first error.
type printer struct {
	w   *bufio.Writer
	err error
	style
}

func newPrinter(w io.Writer, s style) *printer { return &printer{w: bufio.NewWriter(w), style: s} }

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) flush() error {
	if p.err == nil {
		p.err = p.w.Flush()
	}
	return p.err
}

// listDocuments is the most documents the text report lists one by one.
const listDocuments = 50

// writeText writes the batch report for people.
func writeText(w io.Writer, res *result, s style) error {
	p := newPrinter(w, s)
	st := stats(res)

	comparable := 0
	var skipped []*document
	for _, d := range res.docs {
		if d.note == "" {
			comparable++
		} else {
			skipped = append(skipped, d)
		}
	}
	p.printf("Read %s", plural(st.Documents, "document"))
	if st.InputErrors > 0 {
		p.printf("; %s failed (see stderr)", plural(st.InputErrors, "input"))
	}
	if st.EmptyRecords > 0 {
		p.printf("; skipped %s with no text", plural(st.EmptyRecords, "empty record"))
	}
	p.printf(".\n")
	p.printf("Aligned the candidate pairs of %s (of %d possible pairs: fingerprints within %d bits, shared marks): %d %s text.\n",
		plural(comparable, "document"), comparable*(comparable-1)/2, res.flags.radius,
		len(res.matches), ifElse(len(res.matches) == 1, "shares", "share"))
	if n := len(res.docs); n > 0 && n <= listDocuments {
		p.printf("\n%s\n", p.bold(fmt.Sprintf("Documents (%d)", n)))
		for _, d := range res.docs {
			p.printf("  %s  %s\n", isolate(display(d.ID)), p.dim(docSummary(d)))
			p.printf("      %s\n", isolate(opening(d)))
		}
	}
	if len(skipped) > 0 {
		p.printf("\n%s\n", p.bold(fmt.Sprintf("Not compared (%d)", len(skipped))))
		for _, d := range skipped {
			p.printf("  %s  %s\n", isolate(display(d.ID)), p.dim(d.note))
		}
	}

	p.printf("\n%s\n", p.bold(fmt.Sprintf("Near-duplicate clusters (%d)", len(res.clusters))))
	if len(res.clusters) == 0 {
		p.printf("  none\n")
	}
	for i, c := range res.clusters {
		p.printf("\n  %s\n", p.bold(fmt.Sprintf("Cluster %d: %d documents", i+1, len(c))))
		for _, k := range c {
			d := res.docs[k]
			keep := ""
			if k == res.keep[i] {
				keep = "  " + p.bold("(kept)")
			}
			p.printf("    %s  %s%s\n", isolate(display(d.ID)), p.dim(docSummary(d)), keep)
			p.printf("        %s\n", isolate(opening(d)))
		}
	}

	groupOf := writeGroups(p, res)

	p.printf("\n%s\n", p.bold(fmt.Sprintf("Pairs sharing text (%d: %d identical, %d near-duplicate, %d rewrite, %d partial reuse, %d template)",
		len(res.matches), st.Identical, st.NearDuplicate, st.Rewrite, st.PartialReuse, st.Template)))
	if len(res.listed) < len(res.matches) {
		p.printf("  %d listed (--verdict, --min-coverage)\n", len(res.listed))
	}
	if len(res.listed) == 0 {
		p.printf("  none\n")
	}
	for i, m := range res.listed {
		a, b, r := res.docs[m.a], res.docs[m.b], m.report
		p.printf("\n  %s\n", p.bold(fmt.Sprintf("Pair %d", i+1)))
		p.printf("    A  %s%s\n    B  %s%s\n", isolate(display(a.ID)), groupOf(m.a), isolate(display(b.ID)), groupOf(m.b))
		v := p.verdict(r)
		if a.cluster != 0 && classOf(r) == classDuplicate {
			v += fmt.Sprintf(" (cluster %d)", a.cluster)
		}
		if d := derivedName(r); d != "" {
			v += p.dim("; B " + d + " from A")
		}
		p.printf("    verdict      %s\n", v)
		writeScores(p, "    ", r)
		for k, ps := range r.Passages {
			note := ""
			if ps.Kind != compare.Exact {
				note = ", " + ps.Kind.String()
			}
			if ps.Boilerplate {
				note += ", boilerplate (common text of the collection, not counted)"
			}
			p.printf("    %s\n", p.bold(fmt.Sprintf("passage %d of %d", k+1, len(r.Passages)))+
				p.dim(fmt.Sprintf("  similarity %s%s", pct(ps.Similarity), note)))
			for _, side := range []struct {
				label string
				src   string
				span  compare.Span
			}{{"A", a.Text, ps.A}, {"B", b.Text, ps.B}} {
				p.printf("      %s  %s\n", side.label, p.dim(spanText(side.span)))
				p.printf("         %s\n", isolate(excerpt(side.src[side.span.Start:side.span.End], res.flags.excerpt)))
			}
		}
		for _, sl := range r.Slots {
			p.printf("    slot  %s  ≠  %s\n", isolate(display(a.Text[sl.A.Start:sl.A.End])), isolate(display(b.Text[sl.B.Start:sl.B.End])))
		}
	}
	writeSummaryText(p, res.summary())
	return p.flush()
}

// writeGroups writes the groups of identical documents, if any, and
// returns what to write after the ID of a document in a pair: which
// group it stands for, or "".
func writeGroups(p *printer, res *result) func(doc int) string {
	if len(res.groups) == 0 {
		return func(int) string { return "" }
	}
	p.printf("\n%s\n", p.bold(fmt.Sprintf("Groups of identical documents (%d)", len(res.groups))))
	p.printf("  %s\n", p.dim("each aligned through its first document, which stands for the others in pairs"))
	of := map[int]string{}
	for i, g := range res.groups {
		rep := res.docs[g.rep]
		p.printf("\n  %s\n", p.bold(fmt.Sprintf("Group %d (cluster %d): %d documents identical after folding", i+1, rep.cluster, len(g.copies)+1)))
		p.printf("    %s  %s\n", isolate(display(rep.ID)), p.dim(docSummary(rep)))
		for _, k := range g.copies {
			p.printf("    %s\n", isolate(display(res.docs[k].ID)))
		}
		of[g.rep] = p.dim(fmt.Sprintf("  (and its %s, group %d)", copies(len(g.copies)), i+1))
	}
	return func(doc int) string { return of[doc] }
}

// copies returns "1 copy" or "n copies".
func copies(n int) string { return ifElse(n == 1, "1 copy", fmt.Sprintf("%d copies", n)) }

// writeSummaryText writes the per-source summary table.
func writeSummaryText(p *printer, rows []summaryJSON) {
	p.printf("\n%s\n", p.bold(fmt.Sprintf("Who shares text with whom (%s; A is the earlier document)", plural(len(rows), "row"))))
	if len(rows) == 0 {
		p.printf("  none\n")
		return
	}
	for _, r := range rows {
		kind := ""
		if r.CrossOutlet != nil {
			kind = ifElse(*r.CrossOutlet, "  across outlets", "  within one outlet")
		}
		p.printf("  %s → %s  %s, %d documents of %s in them, covered %s on average%s\n",
			isolate(display(r.From)), isolate(display(r.To)), plural(r.Pairs, "pair"), r.DocumentsB,
			isolate(display(r.To)), pct(float64(r.CoverageB)), p.dim(kind))
	}
}

// writeScores writes the scores of r, indented.
func writeScores(p *printer, indent string, r compare.Report) {
	p.printf("%scontainment  A in B %s   B in A %s\n", indent, pct(r.ContainmentA), pct(r.ContainmentB))
	p.printf("%scoverage     A %s   B %s   (share of each text inside passages)\n", indent, pct(r.CoverageA), pct(r.CoverageB))
	p.printf("%sresemblance  %s   fingerprint distance %s\n", indent, pct(r.Resemblance), distance(r.Distance))
}

func distance(d int) string {
	if d < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d of 64 bits", d)
}

// docSummary describes a document on one line: source (unless it is a
// path ending in the ID), size and fingerprint.
func docSummary(d *document) string {
	var parts []string
	if !strings.HasSuffix(filepath.ToSlash(d.Source), d.ID) {
		parts = append(parts, isolate(display(d.Source)))
	}
	parts = append(parts, plural(d.runes, "rune"))
	if fp := d.fingerprint(); fp != "" {
		parts = append(parts, "fingerprint "+fp)
	}
	return strings.Join(parts, ", ")
}

// opening returns the title of d, or else the start of its text, on one
// line, for people to recognize the document by.
func opening(d *document) string {
	s := d.Title
	if s == "" {
		s = d.Text
	}
	return head(s, openingRunes)
}

const openingRunes = 50

func spanText(s compare.Span) string {
	return fmt.Sprintf("bytes %d–%d, runes %d–%d", s.Start, s.End, s.RuneStart, s.RuneEnd)
}

// pct writes a share as a percentage with one decimal.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// ifElse returns yes if c holds, else no.
func ifElse(c bool, yes, no string) string {
	if c {
		return yes
	}
	return no
}
