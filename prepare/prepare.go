// Package prepare turns a text into a Doc, the one prepared document that
// every later step reads: folded text with its map back to the original,
// fingerprint, shingle set, content words and marks.
//
// A Pipeline is Settings compiled once (fold tables, debris lexicon,
// sizes resolved); it composes the steps of the packages below it,
//
//	text → normalize → debris → shingle → simhash
//
// and nothing after it shingles or folds again: package compare measures
// two Docs, package index finds candidates by their marks.
package prepare

import (
	"fmt"
	"slices"
	"sync"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

// Settings are what a prepared document depends on. A size left at zero
// (or negative) takes its default; Rules and KeepDebris are taken as
// they are, so start from Default.
type Settings struct {
	// Rules are the normalization rules.
	Rules normalize.Rules
	// KeepDebris turns off the removal of site debris (ad markers, "read
	// also" lists, comment forms, appeals) before shingling.
	KeepDebris bool
	// ShingleSize is the character shingle length, in folded runes, of
	// the fingerprint, resemblance and containment (default
	// shingle.DefaultSize).
	ShingleSize int
	// SeedSize is the length, in folded runes, of the windows that marks
	// are chosen from and that alignment starts from (default
	// shingle.DefaultSeedSize).
	SeedSize int
	// MarkSpan is the length of shared text, in folded runes, that is
	// sure to give two texts a common mark (default
	// shingle.DefaultMarkSpan; at least SeedSize).
	MarkSpan int
}

// Default folds with every normalization rule, drops debris and uses the
// default sizes.
var Default = Settings{Rules: normalize.Default}

// resolved returns s with its defaults filled in.
func (s Settings) resolved() Settings {
	if s.ShingleSize <= 0 {
		s.ShingleSize = shingle.DefaultSize
	}
	if s.SeedSize <= 0 {
		s.SeedSize = shingle.DefaultSeedSize
	}
	if s.MarkSpan <= 0 {
		s.MarkSpan = shingle.DefaultMarkSpan
	}
	s.MarkSpan = max(s.MarkSpan, s.SeedSize)
	return s
}

// Pipeline prepares texts with one set of Settings. It is immutable and
// safe for concurrent use; make one with New or Of.
type Pipeline struct {
	s      Settings // resolved
	window int      // winnowing window, in seed windows
	strip  *debris.Detector
}

// New compiles s into a Pipeline: its sizes resolved, its debris lexicon
// folded with its rules. Building one costs a few milliseconds; Of keeps
// one per Settings.
func New(s Settings) *Pipeline {
	s = s.resolved()
	p := &Pipeline{s: s, window: s.MarkSpan - s.SeedSize + 1}
	if !s.KeepDebris {
		p.strip = debris.New(s.Rules)
	}
	return p
}

var pipelines sync.Map // Settings (resolved) → *Pipeline

// Of returns the Pipeline of s, compiled on first use and shared after.
func Of(s Settings) *Pipeline {
	s = s.resolved()
	if p, ok := pipelines.Load(s); ok {
		return p.(*Pipeline)
	}
	p, _ := pipelines.LoadOrStore(s, New(s))
	return p.(*Pipeline)
}

// Settings returns p's settings, defaults filled in.
func (p *Pipeline) Settings() Settings { return p.s }

// Fold normalizes text and removes its debris: the folded text every
// other step of p reads. The only error is normalize.ErrTooLong.
func (p *Pipeline) Fold(text string) (*normalize.Text, error) {
	t, err := p.s.Rules.Text(text)
	if err != nil {
		return nil, err
	}
	if p.strip != nil {
		t = p.strip.Strip(t)
	}
	return t, nil
}

// Prepare folds text and prepares it: Prepare once, compare many times.
// Invalid UTF-8 bytes count as separators; the only error is
// normalize.ErrTooLong.
func (p *Pipeline) Prepare(text string) (*Doc, error) {
	t, err := p.Fold(text)
	if err != nil {
		return nil, err
	}
	return p.PrepareFolded(t), nil
}

// PrepareFolded prepares t, a text folded by p.Fold (or by the same
// rules with debris removed or kept as p's settings say).
func (p *Pipeline) PrepareFolded(t *normalize.Text) *Doc {
	d := &Doc{Text: t, p: p}
	s := getScratch()
	defer putScratch(s)
	d.Shingles, d.Tops, d.Fingerprint, d.HasFingerprint = s.shingle(t.Runes, p.s.ShingleSize)
	d.Words = shingle.AppendContentWords(nil, t.Runes, shingle.MinContentRunes)
	// The distinct stems are sorted in scratch and copied out: the Doc
	// keeps none of the room of one stem a word.
	stems := s.stems[:0]
	for _, w := range d.Words {
		stems = append(stems, w.Stem)
	}
	slices.Sort(stems)
	s.stems = stems
	stems = slices.Compact(stems)
	d.Stems = append(make([]uint64, 0, len(stems)), stems...)
	return d
}

// Fingerprint returns the SimHash of text's character shingles after
// folding and debris removal, without the rest of a Doc. A text with
// nothing left to shingle (empty, punctuation or debris only) returns
// simhash.ErrNoFeatures: such texts have no fingerprint rather than all
// sharing one.
func (p *Pipeline) Fingerprint(text string) (simhash.Fingerprint, error) {
	if len(text) > normalize.MaxLen {
		return 0, normalize.ErrTooLong
	}
	s := getScratch()
	defer putScratch(s)
	runes := s.runes[:0]
	if p.strip == nil {
		// The fast path: no offsets needed, nothing allocated.
		runes = p.s.Rules.AppendRunes(runes, text)
		s.runes = runes
	} else {
		// Debris rules look at the original lines (capitals, bullets),
		// so they need the offset map.
		t, err := p.Fold(text)
		if err != nil {
			return 0, err
		}
		runes = t.Runes
	}
	s.hashes = shingle.AppendHashes(s.hashes[:0], runes, p.s.ShingleSize)
	return simhash.Sum(s.hashes)
}

// Stamp describes what p's fingerprints and marks depend on: the
// settings, and what they give on a probe text, which covers any change
// in how a version of the library folds. A store of prepared documents
// keeps it, to refuse documents prepared otherwise.
func (p *Pipeline) Stamp() (string, error) {
	const probe = "Probe: أَحْمَدُ ذهبَ إلى المدرسة ١٢٣ — Ünïcödé ﻻ ک ی مسؤول شئون ﺅ ٵ"
	d, err := p.Prepare(probe)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("neardup-corpus/1 rules=%+v keepDebris=%v shingle=%d k=%d w=%d probe=%x",
		p.s.Rules, p.s.KeepDebris, p.s.ShingleSize, p.s.SeedSize, p.window, probeHash(d)), nil
}
