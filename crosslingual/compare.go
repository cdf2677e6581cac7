package crosslingual

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/normalize"
)

// Options tune cross-lingual analysis, alignment and the verdict. The
// zero value means the defaults, with no lexicon: numbers, dates,
// places and names only.
type Options struct {
	// Lexicon maps Arabic word stems to English ones; nil means none
	// (see LoadLexicon for why none ships, and how to build one).
	Lexicon *Lexicon
	// Anchors are the kinds of anchors read (0: all): for measuring
	// what each kind adds.
	Anchors Kinds
	// MinSimilarity is the least anchor similarity of aligned sentences
	// (default 0.2): below it, a pair of sentences shares no more than
	// two unrelated sentences do.
	MinSimilarity float64
	// Translation is the least share of each text inside aligned
	// sentences for the verdict translation (default 0.5).
	Translation float64
	// PartialTranslation is the least share of either text inside
	// aligned sentences, and MinSentences the fewest aligned groups,
	// for the verdict partial-translation (defaults 0.2 and 2).
	PartialTranslation float64
	MinSentences       int
	// LengthWeight weighs the deviation of aligned sentences' lengths
	// from the usual ratio against their similarity (default 0.1).
	LengthWeight float64
	// Candidates is how many documents an Index query aligns, best by
	// anchor score first (default DefaultCandidates).
	Candidates int
}

// params are the options with their defaults filled in.
type params struct {
	minSimilarity, translation, partial, lengthWeight float64
	minSentences, candidates                          int
}

func (o Options) params() params {
	share := func(v, d float64) float64 {
		if !(v > 0) { // NaN too
			return d
		}
		return v
	}
	p := params{
		minSimilarity: share(o.MinSimilarity, 0.2),
		translation:   share(o.Translation, 0.5),
		partial:       share(o.PartialTranslation, 0.2),
		lengthWeight:  share(o.LengthWeight, 0.1),
		minSentences:  o.MinSentences,
	}
	if p.minSentences <= 0 {
		p.minSentences = 2
	}
	if p.candidates = o.Candidates; p.candidates <= 0 {
		p.candidates = DefaultCandidates
	}
	return p
}

// ErrSameLanguage is returned by CompareTexts for two texts in one
// language (or with no letters to tell): compare them with package
// compare instead.
var ErrSameLanguage = errors.New("crosslingual: the texts are not one English and one Arabic")

// ErrTooManySentences is returned by Compare for texts whose sentences,
// English times Arabic, are more than MaxSentencePairs.
var ErrTooManySentences = errors.New("crosslingual: too many sentences to align")

// MaxSentencePairs bounds the sentence pairs Compare weighs: the
// alignment holds about 30 bytes of evidence and score for each, so
// 2,048 sentences a side take some 120 MB, and two long books would take
// the machine. A news article has tens of sentences.
const MaxSentencePairs = 1 << 22

// CompareTexts analyses and compares two texts, one English and one
// Arabic, in either order (the languages are detected). See Compare.
func (o Options) CompareTexts(a, b string) (compare.Report, error) {
	da, err := o.Analyze(a, 0)
	if err != nil {
		return compare.Report{}, err
	}
	db, err := o.Analyze(b, 0)
	if err != nil {
		return compare.Report{}, err
	}
	return o.Compare(da, db)
}

// Compare aligns a with b, one English and one Arabic Doc in either
// order, sentence by sentence, and returns the report of A = a and
// B = b: the verdict (translation, partial-translation, unrelated, or
// no-evidence when either has no anchor), each aligned group of
// sentences as a passage of kind compare.Translated with its
// similarity, the coverage of each text by them and, in Resemblance
// and the containments, the share of the anchors' weight found in the
// other text as a whole. The fingerprint distance is −1 (fingerprints
// do not cross languages). Derived reads B as translated from A, so it
// is set only when A is the English text. Docs must come from Options
// with the same Lexicon and Anchors.
func (o Options) Compare(a, b *Doc) (compare.Report, error) {
	e, ar, swapped := a, b, false
	switch {
	case a.Lang == English && b.Lang == Arabic:
	case a.Lang == Arabic && b.Lang == English:
		e, ar, swapped = b, a, true
	default:
		return compare.Report{}, ErrSameLanguage
	}
	p := o.params()
	r := compare.Report{Distance: -1, LenA: a.Text.Len(), LenB: b.Text.Len()}
	if len(e.items) == 0 || len(ar.items) == 0 {
		r.Verdict = compare.NoEvidence
		return r, nil
	}
	if ne, na := len(e.sents), len(ar.sents); int64(ne)*int64(na) > MaxSentencePairs {
		return compare.Report{}, fmt.Errorf("%w: %d English by %d Arabic, more than %d pairs; compare them in parts", ErrTooManySentences, ne, na, MaxSentencePairs)
	}
	g := newGrid(e, ar)
	beads := g.align(p)
	covE, covA := coverage(e, beads, true), coverage(ar, beads, false)
	cE, cA, res := containment(g)
	for _, bd := range beads {
		pa := compare.Passage{
			A:          spanOf(e.Text, e.sents[bd.i0].pos, e.sents[bd.i1-1].end),
			B:          spanOf(ar.Text, ar.sents[bd.j0].pos, ar.sents[bd.j1-1].end),
			Similarity: bd.sim,
			Kind:       compare.Translated,
		}
		if swapped {
			pa.A, pa.B = pa.B, pa.A
		}
		r.Passages = append(r.Passages, pa)
	}
	r.Resemblance = res
	r.CoverageA, r.CoverageB, r.ContainmentA, r.ContainmentB = covE, covA, cE, cA
	if swapped {
		r.CoverageA, r.CoverageB, r.ContainmentA, r.ContainmentB = covA, covE, cA, cE
	}
	switch {
	case covE >= p.translation && covA >= p.translation:
		r.Verdict = compare.Translation
	case len(beads) >= p.minSentences && max(covE, covA) >= p.partial:
		r.Verdict = compare.PartialTranslation
	default:
		r.Verdict = compare.Unrelated
	}
	if !swapped {
		switch r.Verdict {
		case compare.Translation:
			r.Derived = compare.WhollyDerived
		case compare.PartialTranslation:
			r.Derived = compare.PartlyDerived
		}
	}
	return r, nil
}

// coverage returns the share of d's sentences' folded runes inside the
// beads (on the English side if english).
func coverage(d *Doc, beads []bead, english bool) float64 {
	var in, all int32
	for _, s := range d.sents {
		all += s.end - s.pos
	}
	for _, b := range beads {
		from, to := b.j0, b.j1
		if english {
			from, to = b.i0, b.i1
		}
		for _, s := range d.sents[from:to] {
			in += s.end - s.pos
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// containment returns the share of the English weight found anywhere in
// the Arabic text, the converse, and both together.
func containment(g *grid) (e, a, both float64) {
	var mE, mA, wE, wA, nA float32
	for i := range g.ne {
		var m float32
		for j := range g.na {
			m += g.matchE[i*g.na+j]
		}
		mE += min(m, g.weightE[i])
		wE += g.weightE[i]
	}
	for j := range g.na {
		var m, names float32
		for i := range g.ne {
			m += g.matchA[i*g.na+j]
			names = max(names, g.nameA[i*g.na+j])
		}
		mA += min(m, g.weightA[j]+names)
		wA += g.weightA[j]
		nA += names
	}
	ratio := func(m, w float32) float64 {
		if w == 0 {
			return 0
		}
		return float64(m) / float64(w)
	}
	return ratio(mE, wE), ratio(mA, wA+nA), ratio(mE+mA, wE+wA+nA)
}

// spanOf returns the span of the sentences of folded runes [pos, end)
// of t: in the original, with the punctuation that closes the last
// (a full stop, a closing quote), which folding made a separator.
func spanOf(t *normalize.Text, pos, end int32) compare.Span {
	s, e := t.ByteSpan(int(pos), int(end))
	rs, re := t.RuneSpan(int(pos), int(end))
	for e < len(t.Src) {
		r, size := utf8.DecodeRuneInString(t.Src[e:])
		if !unicode.IsPunct(r) || unicode.In(r, unicode.Ps) {
			break
		}
		e, re = e+size, re+1
	}
	return compare.Span{Start: s, End: e, RuneStart: rs, RuneEnd: re, Pos: int(pos), PosEnd: int(end)}
}
