package compare

import "fmt"

// Verdict sums up a comparison.
type Verdict int

const (
	// NoEvidence: one text or both have nothing to compare (empty, or
	// punctuation and debris only).
	NoEvidence Verdict = iota
	// Unrelated: no passage long enough is shared.
	Unrelated
	// PartialReuse: at least one passage is shared, but it covers less
	// than Options.NearDuplicate of one of the texts.
	PartialReuse
	// NearDuplicate: passages cover most of both texts.
	NearDuplicate
	// Identical: the folded texts are equal (they may still differ in
	// spelling variants, marks, punctuation or debris).
	Identical
)

var verdictNames = [...]string{"no-evidence", "unrelated", "partial-reuse", "near-duplicate", "identical"}

// String returns the verdict's name as written in JSON reports.
func (v Verdict) String() string {
	if v < 0 || int(v) >= len(verdictNames) {
		return fmt.Sprintf("Verdict(%d)", int(v))
	}
	return verdictNames[v]
}

// MarshalText writes the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict's name.
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, n := range verdictNames {
		if n == string(b) {
			*v = Verdict(i)
			return nil
		}
	}
	return fmt.Errorf("compare: unknown verdict %q", b)
}

// Derivation says how much of text B is derived from text A, in the
// terms of text-reuse corpora of journalism (METER, COUNTER): B is a
// newspaper story, A the agency copy it may have been written from.
type Derivation int

const (
	// NotDerived: B was written independently of A (it may report the
	// same event).
	NotDerived Derivation = iota
	// PartlyDerived: some of B comes from A.
	PartlyDerived
	// WhollyDerived: B as a whole is a rewrite of A.
	WhollyDerived
)

var derivationNames = [...]string{"not-derived", "partly-derived", "wholly-derived"}

// String returns the name written in JSON reports.
func (d Derivation) String() string {
	if d < 0 || int(d) >= len(derivationNames) {
		return fmt.Sprintf("Derivation(%d)", int(d))
	}
	return derivationNames[d]
}

// MarshalText writes the derivation's name.
func (d Derivation) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a derivation's name.
func (d *Derivation) UnmarshalText(b []byte) error {
	for i, n := range derivationNames {
		if n == string(b) {
			*d = Derivation(i)
			return nil
		}
	}
	return fmt.Errorf("compare: unknown derivation %q", b)
}

// Span locates a passage in one text.
type Span struct {
	// Start and End are byte offsets in the original text: [Start, End).
	Start int `json:"start"`
	End   int `json:"end"`
	// RuneStart and RuneEnd are the same in Unicode code points.
	RuneStart int `json:"rune_start"`
	RuneEnd   int `json:"rune_end"`
	// Pos and PosEnd are the same in folded runes.
	Pos    int `json:"-"`
	PosEnd int `json:"-"`
}

// Passage is a stretch of text found in both texts.
type Passage struct {
	A Span `json:"a"`
	B Span `json:"b"`
	// Similarity is the share of the longer side covered by exact
	// matches: 1 for verbatim reuse, lower where words were changed.
	Similarity float64 `json:"similarity"`
}

// Report is the outcome of comparing text A with text B.
type Report struct {
	Verdict Verdict `json:"verdict"`
	// Derived says how much of B is derived from A (B a newspaper story,
	// A the wire copy); see Options.PartlyDerived.
	Derived Derivation `json:"derived"`
	// Distance is the Hamming distance of the SimHash fingerprints, or −1
	// when either text has none.
	Distance int `json:"distance"`
	// Resemblance is the Jaccard index of the two shingle sets.
	Resemblance float64 `json:"resemblance"`
	// ContainmentA is the share of A's shingles that occur in B: how much
	// of A is in B. ContainmentB is the converse.
	ContainmentA float64 `json:"containment_a"`
	ContainmentB float64 `json:"containment_b"`
	// CoverageA is the share of A's folded text inside aligned passages;
	// CoverageB the same for B. Unlike containment, scattered shared
	// phrases do not count.
	CoverageA float64 `json:"coverage_a"`
	CoverageB float64 `json:"coverage_b"`
	// LenA and LenB are the folded lengths compared, in runes.
	LenA int `json:"len_a"`
	LenB int `json:"len_b"`
	// Passages are the aligned passages in the order of A.
	Passages []Passage `json:"passages"`
}
