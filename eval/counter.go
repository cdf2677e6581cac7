package main

import (
	"cmp"
	"flag"
	"fmt"
	"math"
	"slices"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/counter"
	"github.com/neardup/neardup/eval/internal/tfidf"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
)

const counterUsage = `eval counter measures the comparison on the COUNTER corpus of text
reuse in Urdu journalism: news-agency copy and the newspaper stories
written from it, each pair labelled wholly derived (WD), partially
derived (PD) or non derived (ND).

Usage:
  eval counter --dir DIR [--format text|json] [--cv]

DIR holds NNNN.xml (agency text) and NNNNp.xml (newspaper text) files.
A text is its headline and body joined by a blank line.

Both tasks weigh evidence by how rare it is: texts are cut into
character 4-grams with the spaces removed (so spacing variants still
match), and a gram found in many texts counts little (IDF, log((n+1) /
(df+1)) for a gram in df of n texts).

Classification: the score of a pair is the share of the newspaper
text's distinct grams, weighted by IDF over all the texts read, that
occur in its agency text (weighted_containment_b); its margin is the
score less the mean of the newspaper text's 10 best scores against the
other agency texts (independent reports of one event share names and
figures with every agency text on it, a rewrite shares much more with
its own source). A margin of at least 0.05 is derived, below is ND. A
derived pair is WD if its score times the square root of the agency
text's length over the newspaper text's (wholly; lengths in distinct
grams) is at least 0.5, else PD: a text that adds material of its own
is longer than its source. Scored by binary precision, recall and F1
(derived, WD or PD, is the positive class), the F1 of each class, their
mean (ternary macro-F1) and the confusion matrix.

Source retrieval: each newspaper text is compared with every agency
text, and the agency texts ranked by the cosine of their TF-IDF vectors
(tf sublinear, 1 + log tf; IDF over the agency texts, the collection
searched), less each agency text's hubness: its mean cosine to the 5
newspaper texts closest to it, so that an agency text on a busy beat
does not come first for every story on it. Top-1 accuracy is the share
of newspaper texts whose own source ranks first, strictly above every
other (a tie at the top counts as a miss).

--format json adds every pair's class, predicted class, classification
scores (weighted_containment_b, margin, wholly), the pair's cosine
(similarity), the library's one-shot comparison (verdict, resemblance,
containment, coverage, passages), the top-ranked source and the rank of
its own source.

--cv adds a two-fold cross-validation of the classification: the pairs
at even and at odd positions are two halves, each scored with statistics
of its own texts only (as a held-out collection would be) and classified
with the thresholds (margin, wholly) that fit the other half best
(ternary macro-F1, then binary F1). It says how the rule, not the
shipped thresholds, carries over to new data.

Exit status:
  0  done
  2  usage error, or the corpus could not be read (every problem is
     reported on stderr; nothing is scored)
`

// The classification, chosen on the COUNTER development half
// (EVALUATION.md). An independent report of the same event shares its
// names, figures and titles with the agency text, but as much with other
// agency texts on the same beat; a rewrite shares much more with its own
// source than with any other. So a pair is derived when its score stands
// out from the newspaper text's scores against the other agency texts
// (the margin). A wholly derived text adds nothing to its source, so it
// is rarely longer than it, while a partly derived one adds material of
// its own: among derived pairs, WD needs the score scaled by the square
// root of the length ratio (wholly, see wholly) to reach whollyDerived.
const (
	derivedMargin = 0.05
	whollyDerived = 0.5
	// background is how many of the best other agency texts the margin
	// is taken over: the few on the same beat, not the whole collection
	// (5 to 20 measure alike; EVALUATION.md).
	background = 10
)

// classify maps a pair's margin and wholly score to a COUNTER class. It
// is the one place where the mapping is decided.
func classify(margin, whole float64) counter.Class {
	return classifyAt(margin, whole, derivedMargin, whollyDerived)
}

// classifyAt is classify with the thresholds given.
func classifyAt(margin, whole, derived, wholly float64) counter.Class {
	switch {
	case margin < derived:
		return counter.ND
	case whole >= wholly:
		return counter.WD
	}
	return counter.PD
}

// wholly scales a pair's score by the square root of the agency text's
// length over the newspaper text's, lengths in distinct grams: a text
// longer than its source, other things equal, is less likely to come
// from it whole.
func wholly(score float64, a, b tfidf.Bag) float64 {
	if b.Len() == 0 {
		return 0
	}
	return score * math.Sqrt(float64(a.Len())/float64(b.Len()))
}

// hubs is how many of its closest newspaper texts a source's hubness is
// the mean cosine to (3 and 5 measure alike, 10 gains less;
// EVALUATION.md).
const hubs = 5

// discountHubs lowers every score of source j by j's hubness: the mean
// of its hubs best scores against all the newspaper texts (keys[i][j]
// scores newspaper text i against source j). An agency text on a busy
// beat is close to every newspaper text on it, its own derived ones or
// not, and would otherwise be ranked first for all of them; this is the
// correction of cross-domain similarity local scaling (Conneau et al.,
// 2018) on the source side, which is the side that ranks.
func discountHubs(keys [][]counter.Key, hubs int) {
	col := make([]float64, len(keys))
	for j := range keys {
		for i := range keys {
			col[i] = keys[i][j].Primary
		}
		hub := meanOfTop(col, hubs)
		for i := range keys {
			keys[i][j].Primary -= hub
		}
	}
}

// margin returns own less the mean of the background largest of others
// (of all of them if there are fewer, none: own). It reorders others.
func margin(own float64, others []float64) float64 {
	return own - meanOfTop(others, background)
}

// meanOfTop returns the mean of the k largest of xs (of all of them if
// there are fewer; 0 if none). It reorders xs.
func meanOfTop(xs []float64, k int) float64 {
	slices.SortFunc(xs, func(x, y float64) int { return cmp.Compare(y, x) })
	top := xs[:min(k, len(xs))]
	if len(top) == 0 {
		return 0
	}
	var sum float64
	for _, x := range top {
		sum += x
	}
	return sum / float64(len(top))
}

// counterResult is everything eval counter measured.
type counterResult struct {
	pairs   []counter.Pair
	reports []compare.Report // pair i: source i (A) against derived i (B)
	// score[i] is pair i's weighted containment of B in A, margin[i]
	// what it exceeds B's best scores against other agency texts by,
	// whole[i] the score for WD (see wholly); similarity[i] the retrieval
	// cosine of derived text i and source i.
	score, margin, whole, similarity []float64
	predicted                        []counter.Class
	scores                           counter.Scores
	retrieval                        counter.Retrieval
	// byClass is the retrieval accuracy over the pairs of each class,
	// in the order of counter.Classes.
	byClass [3]counter.Retrieval
	cv      *cvResult // with --cv
}

// runCounter runs eval counter and returns the exit status.
func runCounter(args []string, e cli.Env) int {
	const cmd = "eval counter"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		dir        string
		format     = cli.NewFormat("text", "json")
		nworkers   cli.WorkersFlag
		keepDebris bool
		cv         bool
	)
	fs.StringVar(&dir, "dir", "", "`directory` of the COUNTER corpus")
	fs.Var(&format, "format", "output `format`: text or json")
	fs.BoolVar(&keepDebris, "keep-debris", false, "compare site debris too instead of dropping it")
	fs.Var(&nworkers, "workers", cli.WorkersUsage)
	fs.BoolVar(&cv, "cv", false, "also cross-validate the classification: thresholds fitted on one half of the pairs, scored on the other")
	if code, ok := cli.ParseNoArgs(fs, args, counterUsage, e, cmd, "the corpus is given by --dir"); !ok {
		return code
	}
	switch {
	case dir == "":
		cli.UsageError(e, cmd, "--dir is required")
		return cli.ExitError
	}
	workers := nworkers.N()

	pairs, err := counter.ReadDir(dir)
	if err != nil {
		for _, one := range cli.Unjoin(err) {
			cli.Warnf(e.Stderr, "%s: %v", cmd, one)
		}
		return cli.ExitError
	}
	cfg := neardup.Default
	cfg.KeepDebris = keepDebris
	if cv && len(pairs) < 2 {
		cli.UsageError(e, cmd, "--cv needs at least two pairs")
		return cli.ExitError
	}
	if len(pairs) == 1 {
		// Rarity is counted over the texts read: in the two texts of one
		// pair, every gram they share is in all texts and weighs nothing.
		cli.Warnf(e.Stderr, "%s: warning: one pair is no collection: every gram its texts share weighs 0, so it scores as ND", cmd)
	}
	p := cli.NewProgress(e)
	res, ok := evaluateCounter(cfg, pairs, workers, p, cmd)
	if ok && cv {
		res.cv, ok = crossValidate(cfg, pairs, workers, p, cmd)
	}
	p.Done()
	if !ok {
		return cli.ExitError
	}
	if format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, newCounterJSON(dir, res))
	} else {
		err = writeCounterText(e.Stdout, res)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// evaluateCounter prepares the texts of pairs, compares and classifies
// every pair, scores, then ranks the agency texts for every newspaper
// text.
func evaluateCounter(cfg neardup.Config, pairs []counter.Pair, workers int, p *cli.Progress, cmd string) (*counterResult, bool) {
	n := len(pairs)
	docs := make([]*document, 2*n) // sources, then derived texts
	for i, pr := range pairs {
		docs[i] = &document{Document: input.Document{ID: pr.Source.File, Source: pr.Source.File, Text: pr.Source.Text()}}
		docs[n+i] = &document{Document: input.Document{ID: pr.Derived.File, Source: pr.Derived.File, Text: pr.Derived.Text()}}
	}
	if prepareAll(cfg, docs, workers, p, cmd) > 0 {
		return nil, false
	}
	bags := make([]tfidf.Bag, 2*n)
	parallel.For(2*n, workers, func(_, i int) { bags[i] = tfidf.NewBag(docs[i].prep.Text.Runes) }, nil)
	// Rarity for classification is counted over every text read; for
	// retrieval over the agency texts, the collection searched.
	all, agency := tfidf.NewDocFreq(bags...), tfidf.NewDocFreq(bags[:n]...)
	vectors := make([]tfidf.Vector, 2*n)
	parallel.For(2*n, workers, func(_, i int) { vectors[i] = agency.Vector(bags[i]) }, nil)

	res := &counterResult{
		pairs: pairs, reports: make([]compare.Report, n),
		score: make([]float64, n), margin: make([]float64, n), whole: make([]float64, n),
		similarity: make([]float64, n),
		predicted:  make([]counter.Class, n),
	}
	p.Start(fmt.Sprintf("comparing %d pairs", n), n)
	parallel.For(n, workers, func(_, i int) {
		r, err := cfg.CompareDocs(docs[i].prep, docs[n+i].prep)
		if err != nil {
			panic(fmt.Sprintf("%s: comparing prepared documents: %v", cmd, err))
		}
		res.reports[i] = r
		res.score[i] = all.Containment(bags[i], bags[n+i])
	}, p.Add)
	p.Done()

	// Derived text i against every source j; j == i is the pair itself.
	keys := make([][]counter.Key, n)
	parallel.For(n, workers, func(_, i int) {
		keys[i] = make([]counter.Key, n)
		for j := range n {
			keys[i][j] = counter.Key{Primary: tfidf.Cosine(vectors[n+i], vectors[j])}
		}
		res.similarity[i] = keys[i][i].Primary
	}, nil)
	discountHubs(keys, hubs)

	// Derived text i's score against every other source, for its margin.
	parallel.For(n, workers, func(_, i int) {
		others := make([]float64, 0, n-1)
		for j := range n {
			if j != i {
				others = append(others, all.Containment(bags[j], bags[n+i]))
			}
		}
		res.margin[i] = margin(res.score[i], others)
		res.whole[i] = wholly(res.score[i], bags[i], bags[n+i])
	}, nil)

	truth := make([]counter.Class, n)
	for i, pr := range pairs {
		truth[i] = pr.Class
		res.predicted[i] = classify(res.margin[i], res.whole[i])
	}
	var err error
	if res.scores, err = counter.Evaluate(truth, res.predicted); err != nil {
		panic(err) // classes come from the reader and classify: always valid
	}
	res.retrieval = counter.Top1(keys)
	for k, c := range counter.Classes {
		rc := &res.byClass[k]
		for i, pr := range pairs {
			if pr.Class == c {
				rc.Queries++
				if res.retrieval.Rank[i] == 1 {
					rc.Correct++
				}
			}
		}
		if rc.Queries > 0 {
			rc.Accuracy = float64(rc.Correct) / float64(rc.Queries)
		}
	}
	return res, true
}
