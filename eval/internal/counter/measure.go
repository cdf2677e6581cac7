package counter

import (
	"fmt"
)

// Confusion counts pairs by true class (row) and predicted class
// (column), both in the order of Classes: WD, PD, ND.
type Confusion [3][3]int

// At returns the number of pairs of class truth predicted as predicted.
func (m *Confusion) At(truth, predicted Class) int { return m[truth.index()][predicted.index()] }

// Binary is the score of the binary task: derived (WD or PD) is the
// positive class, ND the negative.
type Binary struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	TN        int     `json:"tn"`
}

// ClassScore is the one-against-the-rest score of one class.
type ClassScore struct {
	Class     Class   `json:"class"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Support is the number of pairs of the class.
	Support int `json:"support"`
}

// Scores is the outcome of Evaluate.
type Scores struct {
	// Pairs is the number of pairs scored; Accuracy the share predicted
	// with the right class of three.
	Pairs    int     `json:"pairs"`
	Accuracy float64 `json:"accuracy"`
	Binary   Binary  `json:"binary"`
	// PerClass scores WD, PD and ND in that order; MacroF1 is the mean
	// of their F1.
	PerClass  [3]ClassScore `json:"per_class"`
	MacroF1   float64       `json:"macro_f1"`
	Confusion Confusion     `json:"confusion"`
}

// Evaluate scores predicted classes against the true ones, pair by pair.
//
// Precision is tp/(tp+fp), recall tp/(tp+fn), F1 their harmonic mean;
// any of them whose denominator is 0 (no pair predicted in the class, no
// pair of the class, or precision and recall both 0) is 0, so that a
// class never predicted lowers the macro average rather than being left
// out of it. The ternary macro-F1 is the unweighted mean of the three
// classes' F1, each class scored against the other two.
//
// It returns an error if the slices differ in length or hold an invalid
// class.
func Evaluate(truth, predicted []Class) (Scores, error) {
	if len(truth) != len(predicted) {
		return Scores{}, fmt.Errorf("counter: %d true classes but %d predictions", len(truth), len(predicted))
	}
	var s Scores
	s.Pairs = len(truth)
	for i := range truth {
		t, p := truth[i], predicted[i]
		if !t.Valid() || !p.Valid() {
			return Scores{}, fmt.Errorf("counter: pair %d: invalid class (truth %v, predicted %v)", i, t, p)
		}
		s.Confusion[t.index()][p.index()]++
		switch {
		case t.Derived() && p.Derived():
			s.Binary.TP++
		case p.Derived():
			s.Binary.FP++
		case t.Derived():
			s.Binary.FN++
		default:
			s.Binary.TN++
		}
	}
	b := &s.Binary
	b.Precision, b.Recall, b.F1 = prf(b.TP, b.FP, b.FN)

	correct := 0
	for k, c := range Classes {
		tp, fp, fn := s.Confusion[k][k], 0, 0
		correct += tp
		for o := range Classes {
			if o != k {
				fp += s.Confusion[o][k]
				fn += s.Confusion[k][o]
			}
		}
		cs := ClassScore{Class: c, Support: tp + fn}
		cs.Precision, cs.Recall, cs.F1 = prf(tp, fp, fn)
		s.PerClass[k] = cs
		s.MacroF1 += cs.F1 / 3
	}
	if s.Pairs > 0 {
		s.Accuracy = float64(correct) / float64(s.Pairs)
	}
	return s, nil
}

func prf(tp, fp, fn int) (p, r, f float64) {
	p, r = ratio(tp, tp+fp), ratio(tp, tp+fn)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Key is a retrieval score: a higher Primary ranks higher, and Secondary
// breaks ties.
type Key struct{ Primary, Secondary float64 }

// Less reports whether k ranks below o.
func (k Key) Less(o Key) bool {
	return k.Primary < o.Primary || k.Primary == o.Primary && k.Secondary < o.Secondary
}

// Retrieval is the outcome of Top1.
type Retrieval struct {
	// Queries is the number of derived texts; Correct how many have
	// their own source at the top; Accuracy the share.
	Queries  int     `json:"queries"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
	// Top[i] is the source ranked first for derived text i, and Rank[i]
	// the rank of its own source, from 1.
	Top  []int `json:"-"`
	Rank []int `json:"-"`
}

// Top1 measures source retrieval: scores[i][j] scores derived text i
// against source j, and source i is derived text i's own. A query is
// correct when its own source ranks first, strictly above every other
// source: ties count against it, so that a scorer cannot be right by
// giving every source the same score. Top[i] is then another source
// with the top score; Rank[i] counts its own source below every source
// scoring at least as high. It panics if scores is not square.
func Top1(scores [][]Key) Retrieval {
	n := len(scores)
	r := Retrieval{Queries: n, Top: make([]int, n), Rank: make([]int, n)}
	for i, row := range scores {
		if len(row) != n {
			panic(fmt.Sprintf("counter: Top1: row %d has %d scores for %d sources", i, len(row), n))
		}
		own := row[i]
		top, rank := i, 1
		for j, k := range row {
			if j == i {
				continue
			}
			if !k.Less(own) {
				rank++
			}
			if !k.Less(row[top]) && (top == i || row[top].Less(k)) {
				top = j
			}
		}
		r.Top[i], r.Rank[i] = top, rank
		if rank == 1 {
			r.Correct++
		}
	}
	if n > 0 {
		r.Accuracy = float64(r.Correct) / float64(n)
	}
	return r
}
