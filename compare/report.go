package compare

import "fmt"

// Verdict sums up a comparison.
type Verdict int

const (
	// NoEvidence: one text or both have nothing to compare (empty, or
	// punctuation and debris only).
	NoEvidence Verdict = iota
	// Unrelated: no passage long enough is shared, or only boilerplate
	// (Passage.Boilerplate).
	Unrelated
	// Template: the texts share a formula filled with other names,
	// places, dates or figures (Report.Slots): two congratulation
	// cables, two days' market reports. Not the same story, and not
	// reuse.
	Template
	// PartialReuse: at least one passage is shared, but it covers less
	// than Options.Rewrite of the shorter text.
	PartialReuse
	// Rewrite: passages cover most of the shorter text
	// (Options.Rewrite): it is a rewrite, a shortened, extended or
	// reordered copy of the other; CoverageA and CoverageB say which is
	// covered.
	Rewrite
	// NearDuplicate: passages cover most of both texts.
	NearDuplicate
	// Identical: the folded texts are equal (they may still differ in
	// spelling variants, marks, punctuation or debris).
	Identical

	// The verdicts of texts in two languages (package crosslingual):
	// Compare never gives them. They come last so that the values above
	// keep their numbers.

	// PartialTranslation: aligned sentences in translation cover part
	// of the texts, but not most of both.
	PartialTranslation
	// Translation: one text translates the other, aligned sentence by
	// sentence over most of both.
	Translation
)

var verdictNames = [...]string{"no-evidence", "unrelated", "template", "partial-reuse", "rewrite", "near-duplicate", "identical",
	"partial-translation", "translation"}

// IsReuse reports whether v says one text reuses the other: partial
// reuse, rewrite, near-duplicate or identical, or a translation, whole
// or partial.
func (v Verdict) IsReuse() bool { return v >= PartialReuse }

// IsStory reports whether v puts the two texts in one story: rewrite,
// near-duplicate or identical, or a translation. Stories (clusters) are joined by such
// pairs only.
func (v Verdict) IsStory() bool { return v >= Rewrite && v != PartialTranslation }

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

// PassageKind says how a passage was found.
type PassageKind uint8

const (
	// Exact: runs of equal text, in order, with small edits between.
	Exact PassageKind = iota
	// Reordered: the words of a stretch of A, shuffled, in a stretch of
	// B of about its length (sentences or words reordered).
	Reordered
	// Reworded: content words of A, in order, found in B with the same
	// stem (clitics, inflection), other words changed between them.
	Reworded
	// Translated: a sentence or a few of A and their translation in B,
	// aligned across languages (package crosslingual).
	Translated
)

var kindNames = [...]string{"exact", "reordered", "reworded", "translated"}

// String returns the kind's name as written in JSON reports.
func (k PassageKind) String() string {
	if int(k) >= len(kindNames) {
		return fmt.Sprintf("PassageKind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText writes the kind's name.
func (k PassageKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *PassageKind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = PassageKind(i)
			return nil
		}
	}
	return fmt.Errorf("compare: unknown passage kind %q", b)
}

// Passage is a stretch of text found in both texts.
type Passage struct {
	A Span `json:"a"`
	B Span `json:"b"`
	// Similarity is the share of the longer side covered by matches
	// (exact runs, or the chained words of a reworded passage): 1 for
	// verbatim reuse, lower where words were changed.
	Similarity float64     `json:"similarity"`
	Kind       PassageKind `json:"kind"`
	// Boilerplate says the passage is common text of the collection
	// (Options.Stats): titles, set phrases, a formula, held by many
	// documents and sharing nothing rarer. It does not count as reuse.
	Boilerplate bool `json:"boilerplate,omitempty"`
}

// Slot is a place where two texts written from one formula differ: the
// name, place, date or figure each fills in.
type Slot struct {
	A Span `json:"a"`
	B Span `json:"b"`
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
	// Slots, for a Template, are where the formula's fillings differ.
	Slots []Slot `json:"slots,omitempty"`
}
