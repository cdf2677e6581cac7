package main

import (
	"slices"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/eval/internal/counter"
	"github.com/neardup/neardup/internal/cli"
)

// cvResult is the outcome of crossValidate.
type cvResult struct {
	// scores are of the predictions of both halves together.
	scores counter.Scores
	// fitted[h] are the thresholds (margin, wholly) fitted on half h and
	// used to classify the other.
	fitted [2][2]float64
}

// crossValidate measures how the classification carries over to a
// collection its thresholds were not chosen on, as the held-out half of a
// corpus is: the pairs at even and at odd positions are two halves, each
// scored with statistics of its own texts only, and each classified with
// the thresholds that fit the other half best. It needs two pairs.
func crossValidate(cfg neardup.Config, pairs []counter.Pair, workers int, p *cli.Progress, cmd string) (*cvResult, bool) {
	var halves [2][]counter.Pair
	for i, pr := range pairs {
		halves[i%2] = append(halves[i%2], pr)
	}
	var res [2]*counterResult
	for h := range halves {
		var ok bool
		if res[h], ok = evaluateCounter(cfg, halves[h], workers, p, cmd); !ok {
			return nil, false
		}
	}
	cv := &cvResult{}
	var truth, predicted []counter.Class
	for h := range res {
		m, w := fitThresholds(res[h])
		cv.fitted[h] = [2]float64{m, w}
		other := res[1-h]
		for i, pr := range other.pairs {
			truth = append(truth, pr.Class)
			predicted = append(predicted, classifyAt(other.margin[i], other.whole[i], m, w))
		}
	}
	var err error
	if cv.scores, err = counter.Evaluate(truth, predicted); err != nil {
		panic(err) // classes come from the reader and classifyAt: always valid
	}
	return cv, true
}

// fitThresholds returns the margin and wholly thresholds that maximise
// res's ternary macro-F1 (then binary F1; then the first, in increasing
// order, of the thresholds that tie), each tried halfway between two
// values the pairs take.
func fitThresholds(res *counterResult) (margin, whole float64) {
	truth := make([]counter.Class, len(res.pairs))
	for i, pr := range res.pairs {
		truth[i] = pr.Class
	}
	predicted := make([]counter.Class, len(truth))
	var best [2]float64
	first := true
	for _, m := range midpoints(res.margin) {
		for _, w := range midpoints(res.whole) {
			for i := range predicted {
				predicted[i] = classifyAt(res.margin[i], res.whole[i], m, w)
			}
			s, err := counter.Evaluate(truth, predicted)
			if err != nil {
				panic(err)
			}
			if first || s.MacroF1 > best[0] || s.MacroF1 == best[0] && s.Binary.F1 > best[1] {
				best, margin, whole, first = [2]float64{s.MacroF1, s.Binary.F1}, m, w, false
			}
		}
	}
	return margin, whole
}

// midpoints returns the values halfway between consecutive distinct
// values of xs, and one below the least and one above the greatest, in
// increasing order: every way of cutting xs in two.
func midpoints(xs []float64) []float64 {
	v := slices.Clone(xs)
	slices.Sort(v)
	v = slices.Compact(v)
	if len(v) == 0 {
		return []float64{0}
	}
	out := []float64{v[0] - 1}
	for i := 1; i < len(v); i++ {
		out = append(out, v[i-1]+(v[i]-v[i-1])/2)
	}
	return append(out, v[len(v)-1]+1)
}
