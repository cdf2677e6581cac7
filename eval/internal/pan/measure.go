package pan

import (
	"cmp"
	"math"
	"slices"
)

// The measures, after Potthast et al. 2010, section 3. A case s or a
// detection r is read as the set of characters it refers to: the
// characters of its passage in the suspicious document together with
// those of its passage in the source document, so that
// |s| = this_length + source_length. A detection r detects a case s when
// both refer to the same pair of documents and their passages overlap in
// the suspicious document and in the source document; s ⊓ r is then
// s ∩ r, else empty. With S the cases and R the detections:
//
//	recall(S, R)    = 1/|S| Σ_{s∈S} |s ⊓ ∪R| / |s|     (∪ over the r ∈ R detecting s)
//	precision(S, R) = 1/|R| Σ_{r∈R} |r ⊓ ∪S| / |r|     (∪ over the s ∈ S that r detects)
//	granularity     = 1/|S_R| Σ_{s∈S_R} |R_s|          (S_R: the cases detected at all,
//	                                                     R_s: the detections detecting s)
//	plagdet         = F1(precision, recall) / log2(1 + granularity)
//
// Characters covered by several detections count once (the union), as in
// PAN's perfmeasures script, which marks them in a bit array.

// Score is the outcome of scoring detections against cases.
type Score struct {
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"`
	Granularity float64 `json:"granularity"`
	Plagdet     float64 `json:"plagdet"`
	// Cases and Detections are the numbers of cases and of detections
	// scored; DetectedCases how many cases at least one detection
	// detects.
	Cases         int `json:"cases"`
	Detections    int `json:"detections"`
	DetectedCases int `json:"detected_cases"`
}

// ObfuscationScore is the score on the cases of one obfuscation type.
type ObfuscationScore struct {
	Obfuscation string `json:"obfuscation"`
	Score
}

// Result is the outcome of Evaluate.
type Result struct {
	Overall Score `json:"overall"`
	// ByObfuscation scores each obfuscation type, sorted by name; cases
	// without an obfuscation attribute form the type "".
	ByObfuscation []ObfuscationScore `json:"by_obfuscation"`
	// Ignored counts annotations left out because they refer to no
	// character at all (both lengths 0), and duplicates of an annotation
	// at the same positions.
	IgnoredCases      int `json:"ignored_cases"`
	IgnoredDetections int `json:"ignored_detections"`
}

// Evaluate scores detections against cases, overall and per obfuscation
// type of the cases.
//
// Edge cases are decided as PAN's perfmeasures script (version 1.3)
// decides them:
//
//   - no cases and no detections: precision and recall 1 (nothing was to
//     be found and nothing was wrongly found);
//   - cases but no detections: precision 0 as well as recall 0, so that
//     plagdet is 0 — precision is 0/0 here, and a detector that reports
//     nothing must not score as perfectly precise;
//   - detections but no cases: precision 0 and recall 0;
//   - a case that no detection detects counts with recall 0 in the
//     average; a detection detecting no case counts with precision 0;
//   - granularity is 1 when no case is detected;
//   - plagdet is 0 when precision and recall are both 0.
//
// Annotations are sets, as in the script: an annotation repeated at the
// same positions counts once. An annotation of no character at all (both
// lengths 0) cannot be scored (|s| = 0) and is left out; Result counts
// what was left out.
//
// Per obfuscation type T: recall is averaged over the cases of type T;
// precision over the detections that detect at least one case of type T,
// each detection's precision measured against all cases (a detection
// spanning cases of two types is judged on all it covers correctly);
// granularity over the detected cases of type T. A detection detecting no
// case belongs to no type and lowers the overall precision only.
func Evaluate(cases, detections []Annotation) Result {
	var res Result
	cases, res.IgnoredCases = clean(cases)
	detections, res.IgnoredDetections = clean(detections)
	ev := newEvaluation(cases, detections)

	res.Overall = ev.score(allIndices(len(cases)), allIndices(len(detections)))

	types := make(map[string][]int)
	for i, c := range cases {
		types[c.Obfuscation] = append(types[c.Obfuscation], i)
	}
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	slices.Sort(names)
	for _, t := range names {
		idx := types[t]
		in := make(map[int]bool, len(idx))
		for _, i := range idx {
			in[i] = true
		}
		var dets []int
		for j := range detections {
			if slices.ContainsFunc(ev.detCases[j], func(i int) bool { return in[i] }) {
				dets = append(dets, j)
			}
		}
		res.ByObfuscation = append(res.ByObfuscation, ObfuscationScore{Obfuscation: t, Score: ev.score(idx, dets)})
	}
	return res
}

// Measure scores detections against cases without the breakdown by
// obfuscation: Evaluate(cases, detections).Overall.
func Measure(cases, detections []Annotation) Score {
	return Evaluate(cases, detections).Overall
}

// clean drops annotations of no character and repeats, and returns the
// rest sorted with the number dropped.
func clean(anns []Annotation) ([]Annotation, int) {
	out := slices.Clone(anns)
	out = slices.DeleteFunc(out, func(a Annotation) bool { return a.Length+a.SourceLength <= 0 })
	Sort(out)
	out = slices.CompactFunc(out, func(x, y Annotation) bool { return samePlace(x, y) })
	return out, len(anns) - len(out)
}

func samePlace(x, y Annotation) bool {
	return x.Suspicious == y.Suspicious && x.Offset == y.Offset && x.Length == y.Length &&
		x.Source == y.Source && x.SourceOffset == y.SourceOffset && x.SourceLength == y.SourceLength
}

func allIndices(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// Detects reports whether r detects s: same suspicious and source
// documents, passages overlapping by at least one character in both.
// The relation is symmetric.
func Detects(r, s Annotation) bool {
	return r.Suspicious == s.Suspicious && r.Source == s.Source &&
		overlap(r.Offset, r.End(), s.Offset, s.End()) > 0 &&
		overlap(r.SourceOffset, r.SourceEnd(), s.SourceOffset, s.SourceEnd()) > 0
}

func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

// evaluation holds, for cases and detections, the per-annotation scores
// every average is made of.
type evaluation struct {
	caseRecall   []float64 // |s ⊓ ∪R| / |s| per case
	caseDets     [][]int   // R_s: the detections detecting each case
	detPrecision []float64 // |r ⊓ ∪S| / |r| per detection
	detCases     [][]int   // the cases each detection detects
}

func newEvaluation(cases, dets []Annotation) *evaluation {
	ev := &evaluation{
		caseRecall: make([]float64, len(cases)), caseDets: make([][]int, len(cases)),
		detPrecision: make([]float64, len(dets)), detCases: make([][]int, len(dets)),
	}
	// Only annotations of one suspicious document can be related.
	byDoc := make(map[string][]int)
	for j, d := range dets {
		byDoc[d.Suspicious] = append(byDoc[d.Suspicious], j)
	}
	for i, c := range cases {
		for _, j := range byDoc[c.Suspicious] {
			if Detects(dets[j], c) {
				ev.caseDets[i] = append(ev.caseDets[i], j)
				ev.detCases[j] = append(ev.detCases[j], i)
			}
		}
	}
	for i, c := range cases {
		ev.caseRecall[i] = covered(c, dets, ev.caseDets[i])
	}
	for j, d := range dets {
		ev.detPrecision[j] = covered(d, cases, ev.detCases[j])
	}
	return ev
}

// covered returns the share of x's characters, in both documents, that
// lie in at least one of others[idx].
func covered(x Annotation, others []Annotation, idx []int) float64 {
	if len(idx) == 0 {
		return 0
	}
	this := make([][2]int, 0, len(idx))
	src := make([][2]int, 0, len(idx))
	for _, k := range idx {
		o := others[k]
		this = append(this, [2]int{o.Offset, o.End()})
		src = append(src, [2]int{o.SourceOffset, o.SourceEnd()})
	}
	n := unionWithin(this, x.Offset, x.End()) + unionWithin(src, x.SourceOffset, x.SourceEnd())
	return float64(n) / float64(x.Length+x.SourceLength)
}

// unionWithin returns how many positions of [lo, hi) lie in the union of
// the ranges. It sorts ranges.
func unionWithin(ranges [][2]int, lo, hi int) int {
	slices.SortFunc(ranges, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	n, end := 0, lo
	for _, r := range ranges {
		start := max(r[0], end)
		stop := min(r[1], hi)
		if stop > start {
			n += stop - start
			end = stop
		}
	}
	return n
}

// score averages the per-annotation scores over the cases cs and the
// detections ds.
func (ev *evaluation) score(cs, ds []int) Score {
	s := Score{Cases: len(cs), Detections: len(ds), Granularity: 1}
	switch {
	case len(cs) == 0 && len(ds) == 0:
		s.Precision, s.Recall = 1, 1
	case len(cs) == 0 || len(ds) == 0:
		// Precision and recall 0; granularity 1.
		for _, i := range cs {
			if len(ev.caseDets[i]) > 0 {
				s.DetectedCases++
			}
		}
	default:
		var rec, prec float64
		detected, dets := 0, 0
		for _, i := range cs {
			rec += ev.caseRecall[i]
			if n := len(ev.caseDets[i]); n > 0 {
				detected++
				dets += n
			}
		}
		for _, j := range ds {
			prec += ev.detPrecision[j]
		}
		s.Recall = rec / float64(len(cs))
		s.Precision = prec / float64(len(ds))
		s.DetectedCases = detected
		if detected > 0 {
			s.Granularity = float64(dets) / float64(detected)
		}
	}
	s.Plagdet = Plagdet(s.Precision, s.Recall, s.Granularity)
	return s
}

// Plagdet combines precision, recall and granularity into PAN's single
// ranking score: F1 / log2(1 + granularity). It is 0 when precision and
// recall are both 0, or any of them is out of range.
func Plagdet(precision, recall, granularity float64) float64 {
	if precision <= 0 && recall <= 0 || precision < 0 || recall < 0 || granularity < 1 {
		return 0
	}
	f1 := 2 * precision * recall / (precision + recall)
	return f1 / math.Log2(1+granularity)
}
