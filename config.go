package neardup

import (
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
)

// DefaultRadius is the Hamming distance within which a Corpus takes
// documents for candidates by fingerprint (Config.Radius): an edited
// copy of a news article (5% of its words replaced) stays within 6 bits
// of the original in 88% of cases, while random article pairs that close
// are about one in 10,000 (README, "Choosing the shingle size"). Every
// candidate is verified by alignment.
const DefaultRadius = 6

// DefaultCacheBytes is how much memory of prepared documents a Corpus
// keeps by default (Config.CacheBytes). A prepared document takes about
// 17 bytes a rune plus its text (27 KB for the average SaudiNewsNet
// article), so 512 MiB hold some 17,000 news articles: the stories of a
// few days, which is where candidates come from.
const DefaultCacheBytes = 512 << 20

// Config holds the settings of the whole pipeline. It is a plain value;
// the work is done by the prepare.Pipeline it compiles to (Pipeline).
//
// Start from Default and change what you need: the zero Config folds
// whitespace only (normalize.Rules{}) and takes candidates at distance 0,
// which finds far fewer near-duplicates than the defaults do.
type Config struct {
	// Settings say how a text is prepared: normalization rules, debris
	// removal, shingle and seed sizes. Documents are compared, and a
	// store is opened, only with the settings they were prepared with.
	prepare.Settings
	// Compare tunes alignment and the verdict; its zero value means the
	// defaults.
	Compare compare.Options

	// The fields below concern Corpus only.

	// Radius is the fingerprint distance within which a Corpus takes
	// documents as candidates for alignment (DefaultRadius in Default);
	// a negative value takes none by fingerprint (shared marks still
	// find copies).
	Radius int
	// Marks tunes the candidates found by shared marks (see
	// index.QueryOptions; the zero value means its defaults). Leave its
	// Exclude empty: a Corpus numbers its documents itself, and does not
	// show the numbers.
	Marks index.QueryOptions
	// CacheBytes bounds the memory of the prepared documents a Corpus
	// keeps for alignment: 0 means DefaultCacheBytes, a negative value
	// none (every candidate is prepared again from its text).
	CacheBytes int
	// GroupSize is the fewest documents with identical folded texts
	// that a Corpus aligns through one of them, as a Group: 0 means
	// DefaultGroupSize, and 2 or less groups every pair of copies.
	GroupSize int
	// Workers is how many goroutines a Corpus prepares and aligns
	// documents on (AddBatch, Pairs): 0 means one per core
	// (runtime.GOMAXPROCS).
	Workers int
}

// Default is the configuration of the package-level functions: every
// normalization rule, debris removed, default sizes and thresholds.
var Default = Config{Settings: prepare.Default, Radius: DefaultRadius}

// Pipeline returns the compiled pipeline of c's Settings, built once and
// shared by every Config with the same Settings.
func (c Config) Pipeline() *prepare.Pipeline { return prepare.Of(c.Settings) }

// Prepare normalizes text, removes debris and prepares it, ready to be
// compared with other prepared texts by c.CompareDocs. Prepare once,
// compare many times. Invalid UTF-8 bytes count as separators; the only
// error is normalize.ErrTooLong.
func (c Config) Prepare(text string) (*prepare.Doc, error) { return c.Pipeline().Prepare(text) }

// Fingerprint returns the SimHash of text's character shingles after
// normalization and debris removal. A text with nothing left to shingle
// (empty, punctuation or debris only) returns simhash.ErrNoFeatures:
// such texts have no fingerprint rather than all sharing one.
func (c Config) Fingerprint(text string) (simhash.Fingerprint, error) {
	return c.Pipeline().Fingerprint(text)
}

// CompareDocs compares two prepared texts. Both must be prepared with
// equal Settings; otherwise it returns compare.ErrMismatch.
func (c Config) CompareDocs(a, b *prepare.Doc) (compare.Report, error) {
	return c.Compare.Compare(a, b)
}

// CompareTexts prepares and compares two texts: how much of each is in
// the other, where, and the verdict. Use Prepare and CompareDocs to
// compare one text with many.
func (c Config) CompareTexts(a, b string) (compare.Report, error) {
	p := c.Pipeline()
	da, err := p.Prepare(a)
	if err != nil {
		return compare.Report{}, err
	}
	db, err := p.Prepare(b)
	if err != nil {
		return compare.Report{}, err
	}
	return c.Compare.Compare(da, db)
}

func (c Config) cacheBytes() int {
	if c.CacheBytes == 0 {
		return DefaultCacheBytes
	}
	return max(c.CacheBytes, 0)
}

// Prepare is Default.Prepare.
func Prepare(text string) (*prepare.Doc, error) { return Default.Prepare(text) }

// Fingerprint is Default.Fingerprint.
func Fingerprint(text string) (simhash.Fingerprint, error) { return Default.Fingerprint(text) }

// Compare is Default.CompareTexts.
func Compare(a, b string) (compare.Report, error) { return Default.CompareTexts(a, b) }
