package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/eval/internal/ntrex"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/parallel"
)

const ntrexUsage = `eval ntrex measures cross-lingual comparison and search (package
crosslingual, dedupe's --cross-lingual) on NTREX-128: English news
articles and their professional Arabic translations, line by line
(issue 16).

Usage:
  eval ntrex --dir DIR [--corpus DIR] [--lexicon FILE] [--anchors KINDS]
             [--candidates N] [--format text|json] [--list] [--all-pairs]
             [--workers N]

DIR holds eng/ID.txt and arb/ID.txt; line k of one translates line k of
the other. --corpus names the SaudiNewsNet dumps (*.zip, as 'eval
judged' reads them), the distractors of retrieval and the ground of
false alarms; without it those two are not measured. --lexicon names a
lexicon file (neardup-lexicon; default: $NEARDUP_LEXICON, none if
unset). --anchors lists the kinds of anchors read, comma-separated:
numbers (numbers and dates), names (places and names), lexicon (words
through the lexicon), or all (the default).

Measured:
  alignment      each English article compared with its translation
                 (crosslingual.Options.Compare): the line pairs its
                 passages predict against line k with line k, precision,
                 recall and F1 over all lines; and the share of pairs
                 with the verdict translation
  mismatched     each English article compared with every other
                 article's Arabic: the share with the verdict translation
                 (and partial-translation)
  retrieval      each English article as a query (crosslingual.Index)
                 against the Arabic articles of the set and every
                 SaudiNewsNet article: top-1, its own translation first
  false alarms   the same queries against SaudiNewsNet alone: English
                 articles with any translation verdict (--all-pairs
                 compares each with every article, not only the
                 index's candidates)

Exit status:
  0  done
  2  usage error, or an input could not be read
`

// kindsFlag is --anchors.
type kindsFlag struct{ kinds crosslingual.Kinds }

func (k *kindsFlag) String() string { return "all" }

func (k *kindsFlag) Set(s string) error {
	k.kinds = 0
	for _, name := range strings.Split(s, ",") {
		switch strings.TrimSpace(name) {
		case "all":
			k.kinds |= crosslingual.AllKinds
		case "numbers":
			k.kinds |= crosslingual.KindsOf(crosslingual.Number, crosslingual.Calendar)
		case "names":
			k.kinds |= crosslingual.KindsOf(crosslingual.Place, crosslingual.Name)
		case "lexicon":
			k.kinds |= crosslingual.KindsOf(crosslingual.Word)
		default:
			return fmt.Errorf("want numbers, names, lexicon or all, not %q", name)
		}
	}
	return nil
}

// ntrexFlags are eval ntrex's settings.
type ntrexFlags struct {
	dir, corpus, lexicon string
	anchors              kindsFlag
	format               cli.Format
	list, allPairs       bool
	workers              cli.WorkersFlag
	candidates           int
}

func runNTREX(args []string, e cli.Env) int {
	const cmd = "eval ntrex"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	f := ntrexFlags{format: cli.NewFormat("text", "json")}
	fs.StringVar(&f.dir, "dir", "", "the NTREX `directory` (eng/ and arb/)")
	fs.StringVar(&f.corpus, "corpus", "", "`directory` of the SaudiNewsNet *.zip dumps (distractors)")
	fs.StringVar(&f.lexicon, "lexicon", "", "lexicon `file` (default $"+crosslingual.LexiconEnv+")")
	fs.Var(&f.anchors, "anchors", "`kinds` of anchors: numbers, names, lexicon or all, comma-separated")
	fs.Var(&f.format, "format", "output `format`: text or json")
	fs.BoolVar(&f.list, "list", false, "list every pair's measures")
	fs.BoolVar(&f.allPairs, "all-pairs", false, "false alarms: compare each English article with every SaudiNewsNet article")
	fs.Var(&f.workers, "workers", cli.WorkersUsage)
	fs.IntVar(&f.candidates, "candidates", 0, "candidates a query aligns (0: crosslingual.DefaultCandidates)")
	if code, ok := cli.ParseNoArgs(fs, args, ntrexUsage, e, cmd, "the set is given by --dir"); !ok {
		return code
	}
	switch {
	case f.dir == "":
		cli.UsageError(e, cmd, "--dir is required")
		return cli.ExitError
	}
	opt := crosslingual.Options{Anchors: f.anchors.kinds, Candidates: f.candidates}
	var err error
	switch {
	case f.lexicon != "":
		opt.Lexicon, err = crosslingual.LoadLexicon(f.lexicon)
	default:
		opt.Lexicon, err = crosslingual.LoadLexiconEnv()
		if err == crosslingual.ErrNoLexicon {
			err = nil
		}
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	pairs, err := ntrex.Read(f.dir)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	p := cli.NewProgress(e)
	res, ok := evaluateNTREX(f, opt, pairs, p, cmd)
	p.Done()
	if !ok {
		return cli.ExitError
	}
	if f.format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, newNTREXJSON(res))
	} else {
		err = writeNTREXText(e.Stdout, res, f.list)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// ntrexResult is what eval ntrex measured.
type ntrexResult struct {
	flags     ntrexFlags
	lexicon   int // pairs of the lexicon, 0 for none
	pairs     []ntrex.Pair
	reports   []compare.Report // each English article against its translation
	counts    []ntrex.Count
	lines     ntrex.Count
	verdicts  map[string]int // of the translated pairs
	mismatch  map[string]int // of the mismatched pairs
	mismatchN int
	search    *searchResult // nil without --corpus
}

// evaluateNTREX analyses the set and measures alignment, verdicts and,
// with a corpus, retrieval and false alarms.
func evaluateNTREX(f ntrexFlags, opt crosslingual.Options, pairs []ntrex.Pair, p *cli.Progress, cmd string) (*ntrexResult, bool) {
	res := &ntrexResult{flags: f, pairs: pairs, verdicts: map[string]int{}, mismatch: map[string]int{}}
	if opt.Lexicon != nil {
		res.lexicon = opt.Lexicon.Len()
	}
	n := len(pairs)
	en, ar := make([]*crosslingual.Doc, n), make([]*crosslingual.Doc, n)
	p.Start("analysing the set", n)
	parallel.For(n, f.workers.N(), func(_, i int) {
		en[i], _ = opt.Analyze(pairs[i].English, crosslingual.English)
		ar[i], _ = opt.Analyze(pairs[i].Arabic, crosslingual.Arabic)
	}, p.Add)
	p.Done()
	res.reports = make([]compare.Report, n)
	res.counts = make([]ntrex.Count, n)
	mis := make([]map[string]int, n)
	p.Start("comparing", n)
	parallel.For(n, f.workers.N(), func(_, i int) {
		r, err := opt.Compare(en[i], ar[i])
		if err != nil {
			panic(fmt.Sprintf("%s: %v", cmd, err)) // both analysed in their languages
		}
		res.reports[i], res.counts[i] = r, ntrex.Score(pairs[i], r)
		mis[i] = map[string]int{}
		for j := range n {
			if j != i {
				r, _ := opt.Compare(en[i], ar[j])
				mis[i][r.Verdict.String()]++
			}
		}
	}, p.Add)
	p.Done()
	for i := range n {
		res.lines.Add(res.counts[i])
		res.verdicts[res.reports[i].Verdict.String()]++
		for v, k := range mis[i] {
			res.mismatch[v] += k
			res.mismatchN += k
		}
	}
	if f.corpus != "" {
		var ok bool
		if res.search, ok = evaluateSearch(f, opt, pairs, en, p, cmd); !ok {
			return nil, false
		}
	}
	return res, true
}
