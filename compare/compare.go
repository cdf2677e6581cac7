// Package compare measures how much two prepared documents share and
// where: Jaccard resemblance and containment of their shingle sets,
// SimHash distance, the aligned passages, each with its span in both
// original texts, and the verdict.
//
// It reads prepare.Docs and prepares nothing itself: prepare a text once
// and compare it with many others.
package compare

import (
	"cmp"
	"errors"
	"slices"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
)

// Options tune alignment and the verdict. The zero value means the
// defaults; a field left at zero, or set to a negative number or NaN,
// takes its default. The defaults are explained in EVALUATION.md and
// measured in the tests. The sizes of shingles and of the seed windows
// alignment starts from are the documents' own (prepare.Settings).
type Options struct {
	// MaxGap is the longest stretch, in folded runes, of unmatched text
	// inside one passage, in either text (default 60): edits shorter than
	// this (a word swapped, a clause inserted) do not split a passage.
	MaxGap int
	// MinPassage is the shortest passage reported, in folded runes of the
	// shorter side (default 80, about 15 words).
	MinPassage int
	// MinDensity is the least share of a passage that must be covered by
	// exact matches (default 0.6), so that scattered shared names cannot
	// chain into a passage. Passages of the order-free aligner (see
	// BagDensity) are held to BagDensity instead.
	MinDensity float64
	// NearDuplicate is the least coverage of both texts by passages for a
	// pair to count as near-duplicates (default 0.8).
	NearDuplicate float64
	// Rewrite is the least coverage of the shorter text by passages for
	// a pair to count as a rewrite (default 0.7): a shortened, extended,
	// reordered or reworded copy.
	Rewrite float64
	// NoRewording turns off the reworded aligner (PassageKind Reworded).
	NoRewording bool
	// NoParaphrases turns off the paraphrases the reworded aligner
	// takes for matches beside equal stems (word pairs learned from how
	// papers' copies of one item differ, shipped in paraphrases.txt):
	// stems alone match.
	NoParaphrases bool
	// Stats are the document frequencies of the collection the texts
	// come from (a Corpus's own): with them, passages made of common
	// text are marked Boilerplate and formulas filled differently get
	// the verdict Template. Nil means no collection: neither is judged,
	// except formulas whose figures or countries differ.
	Stats Stats
	// IgnoreStats turns collection statistics off, even those a Corpus
	// would give: to measure what they add.
	IgnoreStats bool
	// BagDensity is the least share of the content words in a window of
	// A (30 words of three runes or more) that must occur in B for the
	// order-free aligner to take the window as reused (default 0.8). It
	// finds reuse with words or sentences reordered, which has no
	// diagonal for the seeds to follow. A value above 1 turns it off.
	BagDensity float64
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxGap, 60)
	def(&o.MinPassage, 80)
	share := func(v *float64, d float64) {
		if !(*v > 0) { // NaN too
			*v = d
		}
	}
	share(&o.MinDensity, 0.6)
	share(&o.NearDuplicate, 0.8)
	share(&o.Rewrite, 0.7)
	share(&o.BagDensity, 0.8)
	return o
}

// ErrMismatch is returned when two Docs were prepared with different
// settings: their shingles and seeds do not compare.
var ErrMismatch = errors.New("compare: documents prepared with different settings")

// params are the options of one comparison, with the sizes of its
// documents.
type params struct {
	Options
	ShingleSize, SeedSize int
	// run the reworded aligner if other passages were found
	// (rewordMaybe), or whatever they found (rewordAlone)
	rewordMaybe, rewordAlone bool
	// the paraphrases of the reworded aligner (nil: none)
	para *paraphrases
}

// Compare measures a against b. Both must be prepared with equal
// settings (prepare.Doc.Alike); otherwise it returns ErrMismatch. The report does not
// depend on the order of the arguments: Compare(b, a) is Compare(a, b)
// with the sides exchanged, Derived apart (it reads B as derived from A).
func (opt Options) Compare(a, b *prepare.Doc) (Report, error) {
	if !a.Alike(b) {
		return Report{}, ErrMismatch
	}
	set := a.Settings()
	o := params{Options: opt.withDefaults(), ShingleSize: set.ShingleSize, SeedSize: set.SeedSize}
	if o.IgnoreStats {
		o.Stats = nil
	}
	if !o.NoParaphrases {
		o.para = learned()
	}
	r := Report{LenA: a.Text.Len(), LenB: b.Text.Len(), Distance: -1}
	if !a.HasFingerprint || !b.HasFingerprint {
		r.Verdict = NoEvidence
		return r, nil
	}
	r.Distance = a.Fingerprint.Distance(b.Fingerprint)

	// Alignment is not symmetric (the order-free aligner looks for dense
	// stretches of A and places them in B), so the pair is always aligned
	// one way round, and the report turned to match the caller's order:
	// Compare(b, a) mirrors Compare(a, b).
	var f facts
	if swapped(a, b) {
		m, mf := measure(b, a, o)
		r.Resemblance = m.Resemblance
		r.ContainmentA, r.ContainmentB = m.ContainmentB, m.ContainmentA
		r.CoverageA, r.CoverageB = m.CoverageB, m.CoverageA
		r.Passages = m.Passages
		for i := range r.Passages {
			p := &r.Passages[i]
			p.A, p.B = p.B, p.A
		}
		// The order align gives: by folded position in A, then in B
		// (byte offsets can tie where one rune folds to several).
		slices.SortFunc(r.Passages, func(x, y Passage) int {
			return cmp.Or(cmp.Compare(x.A.Pos, y.A.Pos), cmp.Compare(x.B.Pos, y.B.Pos))
		})
		f = facts{sharedRare: mf.sharedRare}
		for _, sl := range mf.slots {
			f.slots = append(f.slots, [2][2]int{sl[1], sl[0]})
		}
	} else {
		m, mf := measure(a, b, o)
		r.Resemblance, r.ContainmentA, r.ContainmentB = m.Resemblance, m.ContainmentA, m.ContainmentB
		r.CoverageA, r.CoverageB, r.Passages = m.CoverageA, m.CoverageB, m.Passages
		f = mf
	}
	r.Verdict = verdict(a, b, r, f, o)
	if r.Verdict == Template {
		for _, sl := range f.slots {
			r.Slots = append(r.Slots, Slot{A: spanOf(a.Text, sl[0][0], sl[0][1]), B: spanOf(b.Text, sl[1][0], sl[1][1])})
		}
	}
	r.Derived = derived(r, o)
	return r, nil
}

// swapped reports whether a pair is aligned as (b, a): the longer text
// goes first, and ties are broken by fingerprint, then by the text.
func swapped(a, b *prepare.Doc) bool {
	if la, lb := a.Text.Len(), b.Text.Len(); la != lb {
		return la < lb
	}
	if a.Fingerprint != b.Fingerprint {
		return a.Fingerprint > b.Fingerprint
	}
	return slices.Compare(a.Text.Runes, b.Text.Runes) > 0
}

// measure computes the scores and passages of a against b, and the
// facts the verdict needs.
func measure(a, b *prepare.Doc, o params) (Report, facts) {
	var r Report
	s := getScratch()
	defer putScratch(s, a.Text.Len()+b.Text.Len())
	na, nb, both := len(a.Shingles), len(b.Shingles), s.intersect(a.Shingles, b.Shingles)
	r.Resemblance = float64(both) / float64(na+nb-both)
	r.ContainmentA = float64(both) / float64(na)
	r.ContainmentB = float64(both) / float64(nb)

	// Rewording keeps most shingles of the words it keeps: a pair that
	// shares few has no reworded passage worth the aligner's time.
	o.rewordMaybe = !o.NoRewording && max(r.ContainmentA, r.ContainmentB) >= rewordContainment
	o.rewordAlone = max(r.ContainmentA, r.ContainmentB) >= rewordAloneContainment
	spans := align(s, a, b, o)
	r.Passages = make([]Passage, len(spans))
	reuse := make([]span, 0, len(spans)) // what counts: not boilerplate
	for i, p := range spans {
		r.Passages[i] = Passage{
			A:           spanOf(a.Text, p.aStart, p.aEnd),
			B:           spanOf(b.Text, p.bStart, p.bEnd),
			Similarity:  float64(p.matched) / float64(max(p.aEnd-p.aStart, p.bEnd-p.bStart)),
			Kind:        p.kind,
			Boilerplate: boilerplate(s, p, a, b, o.Stats),
		}
		if !r.Passages[i].Boilerplate {
			reuse = append(reuse, p)
		}
	}
	r.CoverageA = coverage(reuse, a.Text.Len(), func(p span) (int, int) { return p.aStart, p.aEnd })
	r.CoverageB = coverage(reuse, b.Text.Len(), func(p span) (int, int) { return p.bStart, p.bEnd })
	var f facts
	// A formula filled in otherwise leaves words unmatched inside its
	// passages: where every passage is a verbatim copy there is no slot
	// to look for.
	if slices.ContainsFunc(spans, func(p span) bool {
		return float64(p.matched) < verbatim*float64(max(p.aEnd-p.aStart, p.bEnd-p.bStart))
	}) {
		f.slots, f.sharedRare = formulaSlots(s, spans, a, b, o.Stats)
	}
	return r, f
}

func spanOf(t *normalize.Text, i, j int) Span {
	s := Span{Pos: i, PosEnd: j}
	s.Start, s.End = t.ByteSpan(i, j)
	s.RuneStart, s.RuneEnd = t.RuneSpan(i, j)
	return s
}

// coverage returns the share of n folded runes inside the union of the
// spans' ranges.
func coverage(spans []span, n int, side func(span) (int, int)) float64 {
	if n == 0 || len(spans) == 0 {
		return 0
	}
	ranges := make([][2]int, len(spans))
	for i, p := range spans {
		ranges[i][0], ranges[i][1] = side(p)
	}
	sortRanges(ranges)
	covered, end := 0, 0
	for _, r := range ranges {
		start := max(r[0], end)
		if r[1] > start {
			covered += r[1] - start
			end = r[1]
		}
	}
	return float64(covered) / float64(n)
}
