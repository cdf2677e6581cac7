package judged

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// None is the verdict of a pair the detector did not report.
const None = "none"

// verdictClass is what a verdict's name says of reuse.
type verdictClass struct {
	name         string
	reuse, whole bool
}

// verdictClasses says, by verdict name (compare.Verdict's String), which
// verdicts report reuse and which of those report the whole text. A new
// verdict of the library needs one line here; a name not listed is
// shown as it is and counts as not reuse. The order is the order of the
// confusion matrix's columns.
var verdictClasses = []verdictClass{
	{"identical", true, true},
	{"near-duplicate", true, true},
	{"rewrite", true, true},
	{"partial-reuse", true, false},
	{"template", false, false},
	{"unrelated", false, false},
	{"no-evidence", false, false},
}

// IsReuse says whether the verdict named v reports reuse: identical,
// near-duplicate, rewrite or partial-reuse.
func IsReuse(v string) bool {
	i := classOf(v)
	return i >= 0 && verdictClasses[i].reuse
}

// IsWhole says whether the verdict named v reports reuse of the whole
// text: identical, near-duplicate or rewrite.
func IsWhole(v string) bool {
	i := classOf(v)
	return i >= 0 && verdictClasses[i].whole
}

// classOf returns the index of v in verdictClasses, or -1.
func classOf(v string) int {
	return slices.IndexFunc(verdictClasses, func(c verdictClass) bool { return c.name == v })
}

// A measure is the share of the labelled pairs of one kind (those that
// count) whose verdict hits: for the first three the share reported, for
// the last the share wrongly reported.
type measure struct {
	name, description string
	counts            func(Pair) bool
	hits              func(verdict string) bool
	// lowerIsBetter: a hit is an error (false reuse), not a success.
	lowerIsBetter bool
}

// measures are the four measures of issue 12, in order.
var measures = []measure{
	{"reuse_reported", "labelled reuse (WHOLE or PART) reported as reuse",
		func(p Pair) bool { return p.Label.Reuse() }, IsReuse, false},
	{"whole_reported_whole", "WHOLE reported as identical, near-duplicate or rewrite",
		func(p Pair) bool { return p.Label == Whole }, IsWhole, false},
	{"reworded_reported", "reworded reuse (reworded = yes) reported as reuse",
		func(p Pair) bool { return p.Label.Reuse() && p.Reworded }, IsReuse, false},
	{"non_reuse_reported", "EVENT or UNRELATED reported as reuse",
		func(p Pair) bool { return !p.Label.Reuse() }, IsReuse, true},
}

// Measure is the score of one measure.
type Measure struct {
	// Name identifies the measure (reuse_reported, whole_reported_whole,
	// reworded_reported, non_reuse_reported); Description says it.
	Name, Description string
	// Numerator of the Denominator pairs that count hit; Share is their
	// ratio, NaN when no pair counts.
	Numerator, Denominator int
	Share                  float64
	// LowerIsBetter: the hits are errors (non_reuse_reported).
	LowerIsBetter bool
}

// Outcome is one pair's verdict and what it counts as.
type Outcome struct {
	Pair
	Verdict string
	// Errors names the measures on which the pair counts as an error: a
	// miss, or for non_reuse_reported a false report.
	Errors []string
}

// Confusion counts the pairs of each row (Rows) with each verdict.
type Confusion struct {
	Rows    []string `json:"rows"`
	Columns []string `json:"columns"`
	// Counts[i][j] is the number of pairs of row i whose verdict is
	// column j.
	Counts [][]int `json:"counts"`
}

// Result is the score of a detector's verdicts on labelled pairs.
type Result struct {
	Measures  []Measure
	Confusion Confusion
	Pairs     []Outcome
}

// Evaluate scores verdicts, verdicts[i] being the name of pair i's
// verdict, None if it was not reported.
func Evaluate(pairs []Pair, verdicts []string) Result {
	if len(verdicts) != len(pairs) {
		panic("judged: one verdict a pair")
	}
	res := Result{Measures: make([]Measure, len(measures)), Pairs: make([]Outcome, len(pairs))}
	for i, p := range pairs {
		res.Pairs[i] = Outcome{Pair: p, Verdict: verdicts[i]}
	}
	for k, m := range measures {
		s := Measure{Name: m.name, Description: m.description, LowerIsBetter: m.lowerIsBetter}
		for i := range res.Pairs {
			o := &res.Pairs[i]
			if !m.counts(o.Pair) {
				continue
			}
			s.Denominator++
			hit := m.hits(o.Verdict)
			if hit {
				s.Numerator++
			}
			if hit == m.lowerIsBetter {
				o.Errors = append(o.Errors, m.name)
			}
		}
		s.Share = math.NaN()
		if s.Denominator > 0 {
			s.Share = float64(s.Numerator) / float64(s.Denominator)
		}
		res.Measures[k] = s
	}
	res.Confusion = confusion(pairs, verdicts)
	return res
}

// confusion counts rows against the verdicts seen, ordered by
// SortVerdicts, with None always.
func confusion(pairs []Pair, verdicts []string) Confusion {
	cols := []string{None}
	for _, v := range verdicts {
		if !slices.Contains(cols, v) {
			cols = append(cols, v)
		}
	}
	SortVerdicts(cols)
	c := Confusion{Rows: Rows, Columns: cols, Counts: make([][]int, len(Rows))}
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(cols))
	}
	for i, p := range pairs {
		c.Counts[slices.Index(Rows, p.Row())][slices.Index(cols, verdicts[i])]++
	}
	return c
}

// SortVerdicts sorts verdict names as the table of verdicts lists them
// (identical, near-duplicate, rewrite, partial-reuse, template,
// unrelated, no-evidence), then names not in it in increasing order,
// then None.
func SortVerdicts(names []string) {
	rank := func(v string) int {
		switch i := classOf(v); {
		case i >= 0:
			return i
		case v == None:
			return len(verdictClasses) + 1
		}
		return len(verdictClasses)
	}
	slices.SortFunc(names, func(x, y string) int {
		if c := cmp.Compare(rank(x), rank(y)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
}

// ReuseVerdicts returns the names of the verdicts that report reuse, and
// WholeVerdicts of those that report the whole text, in the order of
// SortVerdicts.
func ReuseVerdicts() []string { return namesWhere(func(c verdictClass) bool { return c.reuse }) }

// WholeVerdicts: see ReuseVerdicts.
func WholeVerdicts() []string { return namesWhere(func(c verdictClass) bool { return c.whole }) }

func namesWhere(keep func(verdictClass) bool) []string {
	var names []string
	for _, c := range verdictClasses {
		if keep(c) {
			names = append(names, c.name)
		}
	}
	return names
}
