package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

const compareUsage = `dedupe compare shows how two documents compare, in detail.

Usage:
  dedupe compare [flags] A B
  dedupe compare [flags] --id ID_A --id ID_B INPUT...

A and B are documents, each named as the batch report names them: a
file holding one document (plain text, or JSON, JSON Lines or a zip
archive read as by the batch job, 'dedupe -h', with --id-field and
--text-field), or a document's source, such as "2015-07-21.zip!2015-07-21.json#2"
(an element of a JSON array, from 0), "news.jsonl:12" (a line, from 1) or
"archive.zip!dir/a.txt". "-" reads standard input. Without --id the
inputs must hold exactly two documents between them; with --id given
twice, the two documents of those IDs (as the reports print them) are
picked out of every document the inputs hold, collections included.

The output gives the verdict, every score, and every shared passage with
its byte and rune offsets in both originals, followed by its full text on
both sides; with colours (--color), the words that differ inside a
passage are marked. --format html writes one page with the two texts side
by side, the passages highlighted and the words that differ marked.

--cross-lingual compares an English text with an Arabic one (package
crosslingual): numbers, dates, places and names, and words through the
lexicon --lexicon or $NEARDUP_LEXICON names (build it with neardup-lexicon,
see the README; without one, words are not compared). The verdict is
translation, partial-translation or unrelated; each passage is a group of
sentences aligned with its translation (kind "translated").

Examples:
  dedupe compare wire.txt article.txt
  dedupe compare --format html wire.txt article.txt > pair.html
  dedupe compare --text-field content 'day.zip!day.json#2' 'day.zip!day.json#2554'
  dedupe compare --text-field content --id-field url --id URL_A --id URL_B corpus/
  dedupe compare --cross-lingual --lexicon en-ar.lex --format json wire-en.txt article-ar.txt

Exit status:
  0  done
  1  --fail-on-duplicates and the pair is identical or near-duplicate, or
     --fail-on-reuse and it shares passages but is not
  2  usage error, or the documents could not be read or are not two
`

// compareJSON is the output of compare --format json, and each line of
// compare --pairs.
type compareJSON struct {
	SchemaVersion int       `json:"schema_version"`
	Documents     []docJSON `json:"documents"`
	Pair          pairJSON  `json:"pair"`
}

// compareSpans: compare shows one pair, so every passage in full.
var compareSpans = spanOptions{excerpt: defaultExcerpt, text: true}

func newCompareJSON(a, b *document, r compare.Report) compareJSON {
	return compareJSON{schemaVersion, []docJSON{newDocJSON(a), newDocJSON(b)}, newPairJSON(a, b, r, compareSpans)}
}

// idList is a repeatable string flag.
type idList []string

func (l *idList) String() string { return strings.Join(*l, ",") }

func (l *idList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// runCompare runs dedupe compare and returns the exit status.
func runCompare(args []string, e cli.Env) int {
	fs := flag.NewFlagSet("dedupe compare", flag.ContinueOnError)
	var (
		in                 inputFlags
		align              alignFlags
		ids                idList
		cross              crossFlags
		format                       = cli.NewFormat("text", "json", "jsonl", "csv", "html")
		color              colorFlag = "auto"
		failDup, failReuse bool
	)
	fs.Var(&format, "format", format.Usage())
	fs.Var(&ids, "id", "pick the document of this `ID` out of the inputs (give it twice: A,\nthen B)")
	fs.BoolVar(&failDup, "fail-on-duplicates", false, "exit 1 if the pair is identical or near-duplicate")
	fs.BoolVar(&failReuse, "fail-on-reuse", false, "exit 1 if the pair shares passages but is not a duplicate")
	in.register(fs)
	align.register(fs)
	cross.register(fs, "compare an English text with an Arabic one, in either order: the\nverdict translation or partial-translation, aligned sentence by\nsentence (the alignment flags do not apply)")
	fs.Var(&color, "color", "`when` to colour the text output: auto, always or never")
	paths, err := cli.ParseFlags(fs, args, compareUsage, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return cli.ExitOK
	case err != nil:
		return cli.ExitError
	case len(ids) != 0 && len(ids) != 2:
		cli.UsageError(e, fs.Name(), "--id picks A and B: give it twice, not %d times", len(ids))
		return cli.ExitError
	case len(ids) == 0 && len(paths) != 2 && len(paths) != 1:
		cli.UsageError(e, fs.Name(), "want two documents, A and B, not %d inputs", len(paths))
		return cli.ExitError
	case len(paths) == 0:
		cli.UsageError(e, fs.Name(), "no inputs: give the files or collections to pick --id from")
		return cli.ExitError
	case in.check(e, fs.Name()) != nil, align.check(e, fs.Name()) != nil, cross.check(e, fs.Name()) != nil:
		return cli.ExitError
	}

	p := cli.NewProgress(cli.Env{Stderr: e.Stderr}) // errors only: one pair needs no progress
	budget := in.budget()
	a, b, ok := in.pickPair(paths, ids, budget, p, fs.Name())
	if !ok {
		return cli.ExitError
	}
	need := pairCost(len(a.Text), len(b.Text))
	if err := overBudget(need, budget); err != nil {
		cli.Warnf(e.Stderr, "%s: %s and %s: %v", fs.Name(), a.Source, b.Source, err)
		return cli.ExitError
	}
	holdTo(need, budget)
	cfg := in.config()
	cfg.Compare = align.options(cfg.Compare)
	var r compare.Report
	if cross.on {
		opt, ok := cross.options(e, fs.Name())
		if !ok {
			return cli.ExitError
		}
		r, err = opt.CompareTexts(a.Text, b.Text)
	} else {
		if errs := prepareAll(cfg, []*document{a, b}, 2, p, fs.Name()); len(errs) > 0 {
			return cli.ExitError
		}
		r, err = cfg.CompareDocs(a.prep, b.prep)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", fs.Name(), err)
		return cli.ExitError
	}

	switch format.Value {
	case "json":
		err = cli.WriteJSON(e.Stdout, newCompareJSON(a, b, r))
	case "jsonl":
		j := newJSONLWriter(e.Stdout)
		j.write("pair", newPairJSON(a, b, r, compareSpans))
		err = j.flush()
	case "csv":
		err = writeCSV(e.Stdout, pairColumns, func(yield func([]string) bool) {
			yield(pairRow(newPairJSON(a, b, r, compareSpans), a.outlet, b.outlet))
		})
	case "html":
		err = writeCompareHTML(e.Stdout, a, b, r, cfg)
	default:
		err = writeCompareText(e.Stdout, a, b, r, cfg, newStyle(color.use(e)))
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", fs.Name(), err)
		return cli.ExitError
	}
	if failsOn(r, failDup, failReuse) {
		return cli.ExitFound
	}
	return cli.ExitOK
}

// pickPair reads the two documents compare compares: all the documents
// of paths if there are two, or the two of the IDs given.
func (in *inputFlags) pickPair(paths, ids []string, budget int64, p *cli.Progress, cmd string) (a, b *document, ok bool) {
	l := in.load(paths, budget, p, cmd)
	if len(l.errs) > 0 {
		return nil, nil, false
	}
	if len(ids) == 0 {
		if len(l.docs) != 2 {
			p.Errorf("%s: %s hold %s; compare needs two (pick them with --id)", cmd, strings.Join(paths, " and "), plural(len(l.docs), "document"))
			return nil, nil, false
		}
		return l.docs[0], l.docs[1], true
	}
	byID := make(map[string]*document, len(l.docs))
	for _, d := range l.docs {
		byID[d.ID] = d
	}
	var picked [2]*document
	for i, id := range ids {
		if picked[i] = byID[id]; picked[i] == nil {
			p.Errorf("%s: no document with ID %q in %s (%s read)", cmd, id, strings.Join(paths, ", "), plural(len(l.docs), "document"))
			return nil, nil, false
		}
	}
	return picked[0], picked[1], true
}

// readOne reads the one document of path, or reports why not.
func (in *inputFlags) readOne(path string, budget int64, p *cli.Progress, cmd string) (*document, bool) {
	l := in.load([]string{path}, budget, p, cmd)
	if len(l.errs) > 0 {
		return nil, false
	}
	if len(l.docs) != 1 {
		p.Errorf("%s: %s: holds %s; compare needs exactly one", cmd, path, plural(len(l.docs), "document"))
		return nil, false
	}
	return l.docs[0], true
}

// writeCompareText writes the comparison of a and b for people.
// With colours on, the words that differ inside a passage are marked.
func writeCompareText(w io.Writer, a, b *document, r compare.Report, cfg neardup.Config, s style) error {
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
	p.printf("\nverdict      %s\n", p.verdict(r))
	if d := derivedName(r); d != "" {
		p.printf("derivation   %s (how much of B comes from A)\n", d)
	}
	writeScores(p, "", r)
	p.printf("compared     A %s   B %s   (after normalization and debris removal)\n",
		plural(r.LenA, "rune"), plural(r.LenB, "rune"))
	p.printf("passages     %d\n", len(r.Passages))
	for i, ps := range r.Passages {
		p.printf("\n%s%s\n", p.bold(fmt.Sprintf("Passage %d of %d", i+1, len(r.Passages))),
			p.dim(fmt.Sprintf("   similarity %s", pct(ps.Similarity))))
		ta, tb := a.Text[ps.A.Start:ps.A.End], b.Text[ps.B.Start:ps.B.End]
		var ca, cb [][2]int
		if s.on && !isTranslated(ps) {
			ca, cb = wordDiff(ta, tb, cfg.Rules.String)
		}
		for _, side := range []struct {
			label   string
			text    string
			span    compare.Span
			changed [][2]int
		}{{"A", ta, ps.A, ca}, {"B", tb, ps.B, cb}} {
			p.printf("  %s  %s\n", p.bold(side.label), spanText(side.span))
			for _, line := range lines(markChanged(side.text, side.changed)) {
				if line == "" {
					p.printf("\n")
					continue
				}
				p.printf("     %s\n", p.changes(isolate(line)))
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
