package pan

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ann is an annotation of suspicious document "s" and source "x".
func ann(off, length, srcOff, srcLength int) Annotation {
	return Annotation{Suspicious: "s", Offset: off, Length: length, Source: "x", SourceOffset: srcOff, SourceLength: srcLength}
}

func obf(a Annotation, o string) Annotation { a.Obfuscation = o; return a }

func assertScore(t *testing.T, want, got Score) {
	t.Helper()
	const eps = 1e-12
	assert.InDelta(t, want.Precision, got.Precision, eps, "precision")
	assert.InDelta(t, want.Recall, got.Recall, eps, "recall")
	assert.InDelta(t, want.Granularity, got.Granularity, eps, "granularity")
	assert.InDelta(t, want.Plagdet, got.Plagdet, eps, "plagdet")
	assert.Equal(t, want.Cases, got.Cases, "cases")
	assert.Equal(t, want.Detections, got.Detections, "detections")
	assert.Equal(t, want.DetectedCases, got.DetectedCases, "detected cases")
}

func TestMeasureToys(t *testing.T) {
	caseAB := ann(0, 100, 1000, 100)
	for _, tc := range []struct {
		name  string
		cases []Annotation
		dets  []Annotation
		want  Score
	}{{
		name:  "exact",
		cases: []Annotation{caseAB}, dets: []Annotation{caseAB},
		want: Score{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 1, Detections: 1, DetectedCases: 1},
	}, {
		// Half of both passages: 100 of 200 characters. F1 = 2/3.
		name:  "half",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(0, 50, 1000, 50)},
		want: Score{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3, Cases: 1, Detections: 1, DetectedCases: 1},
	}, {
		// Half in the suspicious document, all of the source: 150 of 200.
		name:  "half one side",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(50, 50, 1000, 100)},
		want: Score{Precision: 1, Recall: 0.75, Granularity: 1, Plagdet: 2 * 0.75 / 1.75, Cases: 1, Detections: 1, DetectedCases: 1},
	}, {
		// Two halves: all found, in two pieces. plagdet = 1/log2(3).
		name:  "two pieces",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(0, 50, 1000, 50), ann(50, 50, 1050, 50)},
		want: Score{Precision: 1, Recall: 1, Granularity: 2, Plagdet: 1 / math.Log2(3), Cases: 1, Detections: 2, DetectedCases: 1},
	}, {
		// Overlapping detections: characters count once. Recall
		// (75+75)/200; each detection lies inside the case.
		name:  "overlapping detections",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(0, 50, 1000, 50), ann(25, 50, 1025, 50)},
		want: Score{Precision: 1, Recall: 0.75, Granularity: 2, Plagdet: (2 * 0.75 / 1.75) / math.Log2(3), Cases: 1, Detections: 2, DetectedCases: 1},
	}, {
		// Too long in the suspicious document: 200 of 300 detected
		// characters are right.
		name:  "too long",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(0, 200, 1000, 100)},
		want: Score{Precision: 2.0 / 3, Recall: 1, Granularity: 1, Plagdet: 0.8, Cases: 1, Detections: 1, DetectedCases: 1},
	}, {
		// Overlaps in the suspicious document only: detects nothing.
		name:  "wrong source passage",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(0, 100, 0, 100)},
		want: Score{Precision: 0, Recall: 0, Granularity: 1, Plagdet: 0, Cases: 1, Detections: 1},
	}, {
		// Adjacent is not overlapping.
		name:  "adjacent",
		cases: []Annotation{caseAB}, dets: []Annotation{ann(100, 50, 1100, 50)},
		want: Score{Granularity: 1, Cases: 1, Detections: 1},
	}, {
		name:  "wrong source document",
		cases: []Annotation{caseAB}, dets: []Annotation{{Suspicious: "s", Length: 100, Source: "y", SourceOffset: 1000, SourceLength: 100}},
		want: Score{Granularity: 1, Cases: 1, Detections: 1},
	}, {
		// Two cases, one found exactly, one missed; one false
		// detection elsewhere: recall 1/2, precision 1/2.
		name:  "missed case and false detection",
		cases: []Annotation{caseAB, ann(500, 100, 0, 100)},
		dets:  []Annotation{caseAB, ann(300, 100, 300, 100)},
		want:  Score{Precision: 0.5, Recall: 0.5, Granularity: 1, Plagdet: 0.5, Cases: 2, Detections: 2, DetectedCases: 1},
	}, {
		// One detection spanning two cases: granularity counts per case.
		name:  "one detection, two cases",
		cases: []Annotation{ann(0, 100, 0, 100), ann(100, 100, 100, 100)},
		dets:  []Annotation{ann(0, 200, 0, 200)},
		want:  Score{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 2, Detections: 1, DetectedCases: 2},
	}, {
		name: "nothing to find, nothing found",
		want: Score{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1},
	}, {
		name:  "nothing found",
		cases: []Annotation{caseAB},
		want:  Score{Granularity: 1, Cases: 1},
	}, {
		name: "nothing to find",
		dets: []Annotation{caseAB},
		want: Score{Granularity: 1, Detections: 1},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			assertScore(t, tc.want, Measure(tc.cases, tc.dets))
		})
	}
}

// The examples of PAN's perfmeasures tests for one case's recall, on
// ann7 = (tref2, 0, 100, sref2, 0, 100).
func TestCaseRecallAsPAN(t *testing.T) {
	c := ann(0, 100, 0, 100)
	for _, tc := range []struct {
		dets []Annotation
		want float64
	}{
		{[]Annotation{ann(50, 100, 50, 100)}, 0.5},
		{[]Annotation{ann(25, 75, 25, 75)}, 0.75},
		{[]Annotation{ann(50, 100, 50, 100), ann(25, 75, 25, 75)}, 0.75},
		{[]Annotation{ann(0, 200, 0, 200)}, 1},
		{[]Annotation{ann(100, 100, 100, 100)}, 0},
	} {
		assert.InDelta(t, tc.want, Measure([]Annotation{c}, tc.dets).Recall, 1e-12, "%v", tc.dets)
	}
}

func TestEvaluateByObfuscation(t *testing.T) {
	cases := []Annotation{
		obf(ann(0, 100, 0, 100), "none"),
		obf(ann(200, 100, 200, 100), "none"),
		obf(ann(400, 100, 400, 100), "word shuffling"),
	}
	dets := []Annotation{
		ann(0, 100, 0, 100),   // case 0, exactly
		ann(400, 50, 400, 50), // half of case 2
		ann(450, 50, 450, 50), // the other half
		ann(600, 100, 600, 100),
	}
	res := Evaluate(cases, dets)
	// Overall: recall (1+0+1)/3; precision (1+1+1+0)/4; granularity
	// (1+2)/2.
	f1 := 2 * (2.0 / 3) * 0.75 / (2.0/3 + 0.75)
	assertScore(t, Score{Precision: 0.75, Recall: 2.0 / 3, Granularity: 1.5, Plagdet: f1 / math.Log2(2.5),
		Cases: 3, Detections: 4, DetectedCases: 2}, res.Overall)
	require.Len(t, res.ByObfuscation, 2)
	assert.Equal(t, "none", res.ByObfuscation[0].Obfuscation)
	// "none": recall (1+0)/2 over its two cases; precision over the one
	// detection detecting a "none" case; the false detection is no
	// type's.
	assertScore(t, Score{Precision: 1, Recall: 0.5, Granularity: 1, Plagdet: 2.0 / 3,
		Cases: 2, Detections: 1, DetectedCases: 1}, res.ByObfuscation[0].Score)
	assert.Equal(t, "word shuffling", res.ByObfuscation[1].Obfuscation)
	assertScore(t, Score{Precision: 1, Recall: 1, Granularity: 2, Plagdet: 1 / math.Log2(3),
		Cases: 1, Detections: 2, DetectedCases: 1}, res.ByObfuscation[1].Score)

	// A type none of whose cases is found.
	res = Evaluate(cases, dets[:1])
	assertScore(t, Score{Granularity: 1, Cases: 1}, res.ByObfuscation[1].Score)
}

func TestEvaluateSpanningTypes(t *testing.T) {
	// A detection over a "none" case and half of a shuffled one is
	// judged, in both types, on all it covers correctly: the whole of it.
	cases := []Annotation{
		obf(ann(0, 100, 0, 100), "none"),
		obf(ann(100, 100, 100, 100), "word shuffling"),
	}
	dets := []Annotation{ann(0, 150, 0, 150)}
	res := Evaluate(cases, dets)
	for _, o := range res.ByObfuscation {
		assert.InDelta(t, 1, o.Precision, 1e-12, o.Obfuscation)
		assert.Equal(t, 1, o.Detections)
	}
	assert.InDelta(t, 1, res.ByObfuscation[0].Recall, 1e-12)
	assert.InDelta(t, 0.5, res.ByObfuscation[1].Recall, 1e-12)
}

func TestEvaluateIgnores(t *testing.T) {
	c := ann(0, 100, 0, 100)
	res := Evaluate([]Annotation{c, c, ann(5, 0, 5, 0)}, []Annotation{c, c, ann(7, 0, 9, 0)})
	assert.Equal(t, 2, res.IgnoredCases)
	assert.Equal(t, 2, res.IgnoredDetections)
	assertScore(t, Score{Precision: 1, Recall: 1, Granularity: 1, Plagdet: 1, Cases: 1, Detections: 1, DetectedCases: 1}, res.Overall)
}

func TestDocumentsAreSeparate(t *testing.T) {
	c := ann(0, 100, 0, 100)
	other := c
	other.Suspicious = "t"
	assert.False(t, Detects(c, other))
	assertScore(t, Score{Granularity: 1, Cases: 1, Detections: 1}, Measure([]Annotation{c}, []Annotation{other}))
}

func TestPlagdet(t *testing.T) {
	assert.Equal(t, 0.0, Plagdet(0, 0, 1))
	assert.Equal(t, 0.0, Plagdet(1, 1, 0.5))
	assert.InDelta(t, 1, Plagdet(1, 1, 1), 1e-12)
	assert.InDelta(t, 0.5/math.Log2(3), Plagdet(0.5, 0.5, 2), 1e-12)
}
