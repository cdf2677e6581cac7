package neardup

import (
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

// Config holds the settings of the whole pipeline. Its methods are safe
// for concurrent use.
//
// Start from Default and change what you need: the zero Config folds
// whitespace only (normalize.Rules{}) and takes candidates at distance 0,
// which finds far fewer near-duplicates than the defaults do.
type Config struct {
	// Rules are the normalization rules.
	Rules normalize.Rules
	// KeepDebris turns off the removal of site debris (ad markers, "read
	// also" lists, comment forms, appeals) before shingling.
	KeepDebris bool
	// Compare tunes shingling, alignment and the verdict; its zero value
	// means the defaults.
	Compare compare.Options

	// The fields below concern Corpus only.

	// Radius is the fingerprint distance within which a Corpus takes
	// documents as candidates for alignment (DefaultRadius in Default);
	// a negative value takes none by fingerprint (shared seed windows
	// still find copies).
	Radius int
	// Seeds tunes the candidates found by shared winnowed windows (see
	// index.QueryOptions; the zero value means its defaults). Leave its
	// Exclude empty: a Corpus numbers its documents itself, and does not
	// show the numbers.
	Seeds index.QueryOptions
	// CacheBytes bounds the memory of the prepared documents a Corpus
	// keeps for alignment: 0 means DefaultCacheBytes, a negative value
	// none (every candidate is prepared again from its text).
	CacheBytes int
}

// Default is the configuration of the package-level functions: every
// normalization rule, debris removed, default comparison options.
var Default = Config{Rules: normalize.Default, Radius: DefaultRadius}

// Prepare normalizes text, removes debris and shingles it, ready to be
// compared with other prepared texts by c.CompareDocs. Prepare once,
// compare many times. Invalid UTF-8 bytes count as separators; the only
// error is normalize.ErrTooLong.
func (c Config) Prepare(text string) (*compare.Doc, error) {
	t, err := c.Rules.Text(text)
	if err != nil {
		return nil, err
	}
	if !c.KeepDebris {
		t = detector(c.Rules).Strip(t)
	}
	return c.Compare.Prepare(t), nil
}

// Fingerprint returns the SimHash of text's character shingles after
// normalization and debris removal. A text with nothing left to shingle
// (empty, punctuation or debris only) returns simhash.ErrNoFeatures:
// such texts have no fingerprint rather than all sharing one.
func (c Config) Fingerprint(text string) (simhash.Fingerprint, error) {
	if len(text) > normalize.MaxLen {
		return 0, normalize.ErrTooLong
	}
	b := bufPool.Get().(*buffers)
	defer bufPool.Put(b)
	var runes []rune
	if c.KeepDebris {
		// The fast path: no offsets needed, nothing allocated.
		b.runes = c.Rules.AppendRunes(b.runes[:0], text)
		runes = b.runes
	} else {
		// Debris rules look at the original lines (capitals, bullets),
		// so they need the offset map.
		t, err := c.Rules.Text(text)
		if err != nil {
			return 0, err
		}
		runes = detector(c.Rules).Strip(t).Runes
	}
	b.hashes = shingle.AppendHashes(b.hashes[:0], runes, c.Compare.ShingleSize)
	return simhash.Sum(b.hashes)
}

// CompareDocs compares two prepared texts. Both must come from Prepare
// of a Config with the same Rules and KeepDebris as c: documents hold
// their shingles, not how the text was folded, so texts folded by other
// rules compare without an error, and their shingles rarely match.
func (c Config) CompareDocs(a, b *compare.Doc) (compare.Report, error) {
	return c.Compare.Compare(a, b)
}

// CompareTexts prepares and compares two texts: how much of each is in
// the other, where, and the verdict. Use Prepare and CompareDocs to
// compare one text with many.
func (c Config) CompareTexts(a, b string) (compare.Report, error) {
	da, err := c.Prepare(a)
	if err != nil {
		return compare.Report{}, err
	}
	db, err := c.Prepare(b)
	if err != nil {
		return compare.Report{}, err
	}
	return c.Compare.Compare(da, db)
}

// Prepare is Default.Prepare.
func Prepare(text string) (*compare.Doc, error) { return Default.Prepare(text) }

// Fingerprint is Default.Fingerprint.
func Fingerprint(text string) (simhash.Fingerprint, error) { return Default.Fingerprint(text) }

// Compare is Default.CompareTexts.
func Compare(a, b string) (compare.Report, error) { return Default.CompareTexts(a, b) }

type buffers struct {
	runes  []rune
	hashes []uint64
}

// bufPool keeps fingerprinting allocation-free in the steady state.
var bufPool = sync.Pool{New: func() any { return new(buffers) }}

var detectors sync.Map // normalize.Rules → *debris.Detector

// detector returns the debris detector for rules; building one folds its
// lexicon, so it is built once per rule set.
func detector(rules normalize.Rules) *debris.Detector {
	if d, ok := detectors.Load(rules); ok {
		return d.(*debris.Detector)
	}
	d, _ := detectors.LoadOrStore(rules, debris.New(rules))
	return d.(*debris.Detector)
}
