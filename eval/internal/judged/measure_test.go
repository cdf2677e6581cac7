package judged

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVerdictClasses(t *testing.T) {
	for _, c := range []struct {
		name         string
		reuse, whole bool
	}{
		{"identical", true, true},
		{"near-duplicate", true, true},
		{"rewrite", true, true},
		{"partial-reuse", true, false},
		{"template", false, false},
		{"unrelated", false, false},
		{"no-evidence", false, false},
		{None, false, false},
		{"boilerplate", false, false}, // unknown: not reuse
		{"", false, false},
	} {
		assert.Equal(t, c.reuse, IsReuse(c.name), c.name)
		assert.Equal(t, c.whole, IsWhole(c.name), c.name)
	}
	for _, c := range verdictClasses {
		assert.False(t, c.whole && !c.reuse, "%s: whole but not reuse", c.name)
	}
	assert.Equal(t, []string{"identical", "near-duplicate", "rewrite", "partial-reuse"}, ReuseVerdicts())
	assert.Equal(t, []string{"identical", "near-duplicate", "rewrite"}, WholeVerdicts())

	names := []string{None, "zebra", "unrelated", "boilerplate", "identical", "partial-reuse"}
	SortVerdicts(names)
	assert.Equal(t, []string{"identical", "partial-reuse", "unrelated", "boilerplate", "zebra", None}, names)
}

// handMade is a set of labelled pairs and verdicts whose measures are
// counted by hand below.
func handMade() ([]Pair, []string) {
	type row struct {
		label    Label
		reworded bool
		verdict  string
	}
	rows := []row{
		{Whole, false, "identical"},       // 1: a, b
		{Whole, false, "near-duplicate"},  // 2: a, b
		{Whole, false, "partial-reuse"},   // 3: a; b missed
		{Whole, true, "rewrite"},          // 4: a, b, c
		{Whole, true, None},               // 5: a, b, c missed
		{Part, false, "partial-reuse"},    // 6: a
		{Part, false, None},               // 7: a missed
		{Part, true, "template"},          // 8: a, c missed (template is not reuse)
		{Event, false, "partial-reuse"},   // 9: d error
		{Event, false, None},              // 10: d fine
		{Unrelated, false, "unrelated"},   // 11: d fine
		{Unrelated, false, "boilerplate"}, // 12: d fine (unknown name: not reuse)
	}
	pairs := make([]Pair, len(rows))
	verdicts := make([]string, len(rows))
	for i, r := range rows {
		pairs[i] = Pair{N: i + 1, URLA: fmt.Sprint("a", i), URLB: fmt.Sprint("b", i), Label: r.label, Reworded: r.reworded}
		verdicts[i] = r.verdict
	}
	return pairs, verdicts
}

func TestEvaluate(t *testing.T) {
	pairs, verdicts := handMade()
	res := Evaluate(pairs, verdicts)

	type got struct {
		name     string
		num, den int
		lower    bool
	}
	var ms []got
	for _, m := range res.Measures {
		ms = append(ms, got{m.Name, m.Numerator, m.Denominator, m.LowerIsBetter})
		assert.InDelta(t, float64(m.Numerator)/float64(m.Denominator), m.Share, 1e-15)
		assert.NotEmpty(t, m.Description)
	}
	assert.Equal(t, []got{
		{"reuse_reported", 5, 8, false},       // 1 2 3 4 6 of 1-8
		{"whole_reported_whole", 3, 5, false}, // 1 2 4 of 1-5
		{"reworded_reported", 1, 3, false},    // 4 of 4 5 8
		{"non_reuse_reported", 1, 4, true},    // 9 of 9-12
	}, ms)

	errs := map[int][]string{}
	for _, o := range res.Pairs {
		assert.Equal(t, verdicts[o.N-1], o.Verdict)
		if len(o.Errors) > 0 {
			errs[o.N] = o.Errors
		}
	}
	assert.Equal(t, map[int][]string{
		3: {"whole_reported_whole"},
		5: {"reuse_reported", "whole_reported_whole", "reworded_reported"},
		7: {"reuse_reported"},
		8: {"reuse_reported", "reworded_reported"},
		9: {"non_reuse_reported"},
	}, errs)

	c := res.Confusion
	assert.Equal(t, Rows, c.Rows)
	assert.Equal(t, []string{"identical", "near-duplicate", "rewrite", "partial-reuse", "template", "unrelated", "boilerplate", "none"}, c.Columns)
	assert.Equal(t, [][]int{
		{1, 1, 0, 1, 0, 0, 0, 0}, // WHOLE-no
		{0, 0, 1, 0, 0, 0, 0, 1}, // WHOLE-yes
		{0, 0, 0, 1, 0, 0, 0, 1}, // PART-no
		{0, 0, 0, 0, 1, 0, 0, 0}, // PART-yes
		{0, 0, 0, 1, 0, 0, 0, 1}, // EVENT
		{0, 0, 0, 0, 0, 1, 1, 0}, // UNRELATED
	}, c.Counts)
	total := 0
	for _, r := range c.Counts {
		for _, n := range r {
			total += n
		}
	}
	assert.Equal(t, len(pairs), total)
}

func TestEvaluateEmpty(t *testing.T) {
	res := Evaluate(nil, nil)
	require.Len(t, res.Measures, 4)
	for _, m := range res.Measures {
		assert.Zero(t, m.Denominator)
		assert.True(t, math.IsNaN(m.Share), "no pair counts: no share")
	}
	assert.Equal(t, []string{None}, res.Confusion.Columns, "the none column is always there")
	assert.Len(t, res.Confusion.Counts, len(Rows))
	assert.Panics(t, func() { Evaluate(make([]Pair, 1), nil) })
}
