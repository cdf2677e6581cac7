package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/counter"
	"github.com/neardup/neardup/internal/cli"
)

// The output of eval counter: JSON for programs, tables for people.

type counterJSON struct {
	Corpus          string            `json:"corpus"`
	Pairs           []counterPairJSON `json:"pairs"`
	Scores          counterScoresJSON `json:"scores"`
	Retrieval       retrievalJSON     `json:"retrieval"`
	CrossValidation *cvJSON           `json:"cross_validation,omitempty"`
}

// cvJSON is the outcome of --cv: the scores of both halves' predictions
// together, and the thresholds fitted on each half.
type cvJSON struct {
	Scores counterScoresJSON `json:"scores"`
	Fitted []fittedJSON      `json:"fitted"`
}

type fittedJSON struct {
	Half   string           `json:"half"` // "even" or "odd" positions
	Margin cli.FourDecimals `json:"margin"`
	Wholly cli.FourDecimals `json:"wholly"`
}

type counterPairJSON struct {
	ID        string        `json:"id"`
	Class     counter.Class `json:"class"`
	Predicted counter.Class `json:"predicted"`
	// WeightedContainmentB, Margin and Wholly are the classification
	// scores; Similarity the TF-IDF cosine of the pair's two texts, which
	// retrieval ranks by less the source's hubness.
	WeightedContainmentB cli.FourDecimals `json:"weighted_containment_b"`
	Margin               cli.FourDecimals `json:"margin"`
	Wholly               cli.FourDecimals `json:"wholly"`
	Similarity           cli.FourDecimals `json:"similarity"`
	Verdict              compare.Verdict  `json:"verdict"`
	Resemblance          cli.FourDecimals `json:"resemblance"`
	ContainmentA         cli.FourDecimals `json:"containment_a"`
	ContainmentB         cli.FourDecimals `json:"containment_b"`
	CoverageA            cli.FourDecimals `json:"coverage_a"`
	CoverageB            cli.FourDecimals `json:"coverage_b"`
	Passages             int              `json:"passages"`
	// Retrieved is the ID of the agency text ranked first for this
	// pair's newspaper text; SourceRank the rank of its own.
	Retrieved  string `json:"retrieved"`
	SourceRank int    `json:"source_rank"`
}

type counterScoresJSON struct {
	Pairs     int              `json:"pairs"`
	Accuracy  cli.FourDecimals `json:"accuracy"`
	Binary    binaryJSON       `json:"binary"`
	PerClass  []classScoreJSON `json:"per_class"`
	MacroF1   cli.FourDecimals `json:"macro_f1"`
	Confusion confusionJSON    `json:"confusion"`
}

type binaryJSON struct {
	Precision cli.FourDecimals `json:"precision"`
	Recall    cli.FourDecimals `json:"recall"`
	F1        cli.FourDecimals `json:"f1"`
	TP        int              `json:"tp"`
	FP        int              `json:"fp"`
	FN        int              `json:"fn"`
	TN        int              `json:"tn"`
}

type classScoreJSON struct {
	Class     counter.Class    `json:"class"`
	Precision cli.FourDecimals `json:"precision"`
	Recall    cli.FourDecimals `json:"recall"`
	F1        cli.FourDecimals `json:"f1"`
	Support   int              `json:"support"`
}

// confusionJSON is the matrix with its labels: counts[t][p] pairs of
// class labels[t] were predicted labels[p].
type confusionJSON struct {
	Labels []counter.Class `json:"labels"`
	Counts [3][3]int       `json:"counts"`
}

type retrievalJSON struct {
	Queries  int                  `json:"queries"`
	Correct  int                  `json:"correct"`
	Accuracy cli.FourDecimals     `json:"accuracy"`
	ByClass  []classRetrievalJSON `json:"by_class"`
}

type classRetrievalJSON struct {
	Class    counter.Class    `json:"class"`
	Queries  int              `json:"queries"`
	Correct  int              `json:"correct"`
	Accuracy cli.FourDecimals `json:"accuracy"`
}

func newCounterJSON(dir string, res *counterResult) counterJSON {
	j := counterJSON{
		Corpus: dir,
		Pairs:  make([]counterPairJSON, len(res.pairs)),
		Scores: newCounterScoresJSON(res.scores),
		Retrieval: retrievalJSON{
			Queries: res.retrieval.Queries, Correct: res.retrieval.Correct,
			Accuracy: cli.FourDecimals(res.retrieval.Accuracy),
		},
	}
	if cv := res.cv; cv != nil {
		j.CrossValidation = &cvJSON{Scores: newCounterScoresJSON(cv.scores)}
		for h, name := range []string{"even", "odd"} {
			j.CrossValidation.Fitted = append(j.CrossValidation.Fitted,
				fittedJSON{Half: name, Margin: cli.FourDecimals(cv.fitted[h][0]), Wholly: cli.FourDecimals(cv.fitted[h][1])})
		}
	}
	for k, c := range counter.Classes {
		rc := res.byClass[k]
		j.Retrieval.ByClass = append(j.Retrieval.ByClass, classRetrievalJSON{Class: c, Queries: rc.Queries, Correct: rc.Correct, Accuracy: cli.FourDecimals(rc.Accuracy)})
	}
	for i, pr := range res.pairs {
		r := res.reports[i]
		j.Pairs[i] = counterPairJSON{
			ID: pr.ID, Class: pr.Class, Predicted: res.predicted[i],
			WeightedContainmentB: cli.FourDecimals(res.score[i]), Margin: cli.FourDecimals(res.margin[i]),
			Wholly:       cli.FourDecimals(res.whole[i]),
			Similarity:   cli.FourDecimals(res.similarity[i]),
			Verdict:      r.Verdict,
			Resemblance:  cli.FourDecimals(r.Resemblance),
			ContainmentA: cli.FourDecimals(r.ContainmentA), ContainmentB: cli.FourDecimals(r.ContainmentB),
			CoverageA: cli.FourDecimals(r.CoverageA), CoverageB: cli.FourDecimals(r.CoverageB),
			Passages:   len(r.Passages),
			Retrieved:  res.pairs[res.retrieval.Top[i]].ID,
			SourceRank: res.retrieval.Rank[i],
		}
	}
	return j
}

func newCounterScoresJSON(s counter.Scores) counterScoresJSON {
	j := counterScoresJSON{
		Pairs: s.Pairs, Accuracy: cli.FourDecimals(s.Accuracy),
		Binary: binaryJSON{
			Precision: cli.FourDecimals(s.Binary.Precision), Recall: cli.FourDecimals(s.Binary.Recall), F1: cli.FourDecimals(s.Binary.F1),
			TP: s.Binary.TP, FP: s.Binary.FP, FN: s.Binary.FN, TN: s.Binary.TN,
		},
		MacroF1:   cli.FourDecimals(s.MacroF1),
		Confusion: confusionJSON{Labels: counter.Classes[:], Counts: s.Confusion},
	}
	for _, c := range s.PerClass {
		j.PerClass = append(j.PerClass, classScoreJSON{
			Class: c.Class, Precision: cli.FourDecimals(c.Precision), Recall: cli.FourDecimals(c.Recall), F1: cli.FourDecimals(c.F1), Support: c.Support,
		})
	}
	return j
}

// writeCounterText writes the scores for people.
func writeCounterText(w io.Writer, res *counterResult) error {
	p := new(strings.Builder)
	s := res.scores
	count := map[counter.Class]int{}
	for _, pr := range res.pairs {
		count[pr.Class]++
	}
	fmt.Fprintf(p, "COUNTER: %s (WD %d, PD %d, ND %d).\n\n", cli.Plural(len(res.pairs), "pair"), count[counter.WD], count[counter.PD], count[counter.ND])

	b := s.Binary
	fmt.Fprintf(p, "Derived (WD or PD) vs non derived\n")
	fmt.Fprintf(p, "  precision %.4f   recall %.4f   F1 %.4f   (TP %d, FP %d, FN %d, TN %d)\n\n",
		b.Precision, b.Recall, b.F1, b.TP, b.FP, b.FN, b.TN)

	fmt.Fprintf(p, "Three classes: macro-F1 %.4f, accuracy %.4f\n", s.MacroF1, s.Accuracy)
	fmt.Fprintf(p, "  %-5s %9s %7s %7s %8s\n", "class", "precision", "recall", "F1", "support")
	for _, c := range s.PerClass {
		fmt.Fprintf(p, "  %-5s %9.4f %7.4f %7.4f %8d\n", c.Class, c.Precision, c.Recall, c.F1, c.Support)
	}
	fmt.Fprintf(p, "\nConfusion matrix (rows true, columns predicted)\n")
	fmt.Fprintf(p, "  %-5s %5s %5s %5s\n", "", "WD", "PD", "ND")
	for t, c := range counter.Classes {
		m := s.Confusion[t]
		fmt.Fprintf(p, "  %-5s %5d %5d %5d\n", c, m[0], m[1], m[2])
	}

	r := res.retrieval
	fmt.Fprintf(p, "\nSource retrieval (each newspaper text against all %d agency texts, by TF-IDF cosine less hubness)\n", len(res.pairs))
	fmt.Fprintf(p, "  top-1 accuracy %.4f (%d of %d)", r.Accuracy, r.Correct, r.Queries)
	sep := ";"
	for k, c := range counter.Classes {
		fmt.Fprintf(p, "%s %s %.4f", sep, c, res.byClass[k].Accuracy)
		sep = ","
	}
	fmt.Fprintf(p, "\n")
	if cv := res.cv; cv != nil {
		c := cv.scores
		fmt.Fprintf(p, "\nTwo-fold cross-validation (pairs at even and at odd positions, each half\n")
		fmt.Fprintf(p, "scored with its own statistics and the thresholds fitted on the other)\n")
		fmt.Fprintf(p, "  binary F1 %.4f   ternary macro-F1 %.4f   accuracy %.4f\n", c.Binary.F1, c.MacroF1, c.Accuracy)
		for h, name := range []string{"even", "odd"} {
			fmt.Fprintf(p, "  fitted on the %s half: margin %.4f, wholly %.4f\n", name, cv.fitted[h][0], cv.fitted[h][1])
		}
	}
	_, err := io.WriteString(w, p.String())
	return err
}
