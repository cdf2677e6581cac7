package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

const compareUsage = `dedupe compare shows how two documents compare, in detail.

Usage:
  dedupe compare [flags] A B

A and B are files: plain text, or JSON, JSON Lines or zip archives read
as by the batch job ('dedupe -h'), with --id-field and --text-field; each
must hold exactly one document. The output gives the verdict, every
score, and every shared passage with its byte and rune offsets in both
originals, followed by its full text on both sides.

Examples:
  dedupe compare wire.txt article.txt
  dedupe compare --format json wire.txt article.txt
  dedupe compare --text-field title,content a.json b.json

Exit status:
  0  done
  1  --fail-on-duplicates and the pair is identical or near-duplicate, or
     --fail-on-reuse and it is a partial reuse
  2  usage error, or A or B could not be read or does not hold exactly
     one document
`

// compareJSON is the output of compare --format json.
type compareJSON struct {
	A      docJSON    `json:"a"`
	B      docJSON    `json:"b"`
	Report reportJSON `json:"report"`
}

// reportJSON is compare.Report as JSON, floats rounded, with the text of
// every passage.
type reportJSON struct {
	Verdict      compare.Verdict    `json:"verdict"`
	Derived      compare.Derivation `json:"derived"`
	Distance     int                `json:"distance"`
	Resemblance  cli.FourDecimals   `json:"resemblance"`
	ContainmentA cli.FourDecimals   `json:"containment_a"`
	ContainmentB cli.FourDecimals   `json:"containment_b"`
	CoverageA    cli.FourDecimals   `json:"coverage_a"`
	CoverageB    cli.FourDecimals   `json:"coverage_b"`
	LenA         int                `json:"len_a"`
	LenB         int                `json:"len_b"`
	Passages     []textPassage      `json:"passages"`
}

type textPassage struct {
	A          textSpan         `json:"a"`
	B          textSpan         `json:"b"`
	Similarity cli.FourDecimals `json:"similarity"`
}

type textSpan struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	RuneStart int    `json:"rune_start"`
	RuneEnd   int    `json:"rune_end"`
	Text      string `json:"text"`
}

func newTextSpan(src string, s compare.Span) textSpan {
	return textSpan{Start: s.Start, End: s.End, RuneStart: s.RuneStart, RuneEnd: s.RuneEnd, Text: src[s.Start:s.End]}
}

func newReportJSON(a, b *document, r compare.Report) reportJSON {
	j := reportJSON{
		Verdict: r.Verdict, Derived: r.Derived, Distance: r.Distance,
		Resemblance:  cli.FourDecimals(r.Resemblance),
		ContainmentA: cli.FourDecimals(r.ContainmentA), ContainmentB: cli.FourDecimals(r.ContainmentB),
		CoverageA: cli.FourDecimals(r.CoverageA), CoverageB: cli.FourDecimals(r.CoverageB),
		LenA: r.LenA, LenB: r.LenB,
		Passages: make([]textPassage, len(r.Passages)),
	}
	for i, p := range r.Passages {
		j.Passages[i] = textPassage{A: newTextSpan(a.Text, p.A), B: newTextSpan(b.Text, p.B), Similarity: cli.FourDecimals(p.Similarity)}
	}
	return j
}

// runCompare runs dedupe compare and returns the exit status.
func runCompare(args []string, e cli.Env) int {
	fs := flag.NewFlagSet("dedupe compare", flag.ContinueOnError)
	var (
		in                 inputFlags
		format             cli.FormatFlag = "text"
		color              colorFlag      = "auto"
		failDup, failReuse bool
	)
	fs.Var(&format, "format", "output `format`: text or json")
	fs.BoolVar(&failDup, "fail-on-duplicates", false, "exit 1 if the pair is identical or near-duplicate")
	fs.BoolVar(&failReuse, "fail-on-reuse", false, "exit 1 if the pair is a partial reuse")
	in.register(fs)
	fs.Var(&color, "color", "`when` to colour the text output: auto, always or never")
	paths, err := cli.ParseFlags(fs, args, compareUsage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return cli.ExitOK
	case err != nil:
		return cli.ExitError
	case len(paths) != 2:
		cli.UsageError(e, fs.Name(), "want two files, A and B, not %d", len(paths))
		return cli.ExitError
	case in.check(e, fs.Name()) != nil:
		return cli.ExitError
	}

	p := cli.NewProgress(cli.Env{Stderr: e.Stderr}) // errors only: one pair needs no progress
	budget := in.budget()
	a, okA := readOne(paths[0], in.options(), budget, p, fs.Name())
	b, okB := readOne(paths[1], in.options(), budget, p, fs.Name())
	if !okA || !okB {
		return cli.ExitError
	}
	if err := overBudget(pairCost(len(a.Text), len(b.Text)), budget); err != nil {
		cli.Warnf(e.Stderr, "%s: %s and %s: %v", fs.Name(), a.Source, b.Source, err)
		return cli.ExitError
	}
	b.index = 1
	if errs := prepareAll(in.config(), []*document{a, b}, 2, p, fs.Name()); len(errs) > 0 {
		return cli.ExitError
	}
	r, err := in.config().CompareDocs(a.prep, b.prep)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", fs.Name(), err)
		return cli.ExitError
	}

	if format == "json" {
		err = cli.WriteJSON(e.Stdout, compareJSON{A: newDocJSON(a), B: newDocJSON(b), Report: newReportJSON(a, b, r)})
	} else {
		err = writeCompareText(e.Stdout, a, b, r, newStyle(color.use(e)))
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", fs.Name(), err)
		return cli.ExitError
	}
	dup := r.Verdict >= compare.NearDuplicate
	if (failDup && dup) || (failReuse && r.Verdict == compare.PartialReuse) {
		return cli.ExitFound
	}
	return cli.ExitOK
}

// readOne reads the one document of path, or reports why not.
func readOne(path string, opt input.Options, budget int64, p *cli.Progress, cmd string) (*document, bool) {
	docs, errs := load([]string{path}, opt, budget, p, cmd)
	if len(errs) > 0 {
		return nil, false
	}
	if len(docs) != 1 {
		p.Errorf("%s: %s: holds %d documents; compare needs exactly one", cmd, path, len(docs))
		return nil, false
	}
	return docs[0], true
}

// writeCompareText writes the comparison of a and b for people.
func writeCompareText(w io.Writer, a, b *document, r compare.Report, s style) error {
	p := newPrinter(w, s)
	for _, d := range []struct {
		label string
		doc   *document
	}{{"A", a}, {"B", b}} {
		p.printf("%s  %s\n", p.bold(d.label), isolate(display(d.doc.ID)))
		p.printf("   %s\n", p.dim(docSummary(d.doc)))
		if d.doc.note != "" {
			p.printf("   %s\n", d.doc.note)
		}
	}
	p.printf("\nverdict      %s\n", p.verdict(r.Verdict))
	writeScores(p, "", r)
	p.printf("compared     A %s   B %s   (after normalization and debris removal)\n",
		plural(r.LenA, "rune"), plural(r.LenB, "rune"))
	p.printf("passages     %d\n", len(r.Passages))
	for i, ps := range r.Passages {
		p.printf("\n%s%s\n", p.bold(fmt.Sprintf("Passage %d of %d", i+1, len(r.Passages))),
			p.dim(fmt.Sprintf("   similarity %s", pct(ps.Similarity))))
		for _, side := range []struct {
			label string
			src   string
			span  compare.Span
		}{{"A", a.Text, ps.A}, {"B", b.Text, ps.B}} {
			p.printf("  %s  %s\n", p.bold(side.label), spanText(side.span))
			for _, line := range lines(side.src[side.span.Start:side.span.End]) {
				if line == "" {
					p.printf("\n")
					continue
				}
				p.printf("     %s\n", isolate(line))
			}
		}
	}
	return p.flush()
}

// lines splits s into display lines, without runs of blank lines.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		l = display(l)
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
