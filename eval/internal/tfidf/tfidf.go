// Package tfidf weighs the terms of folded texts by how rare they are in
// a collection: a document frequency table, IDF-weighted containment,
// TF-IDF cosine similarity, and every similar pair of a collection
// found through an inverted index (SimilarPairs).
//
// No library package uses it. It is the evidence of two evaluations of
// the eval command, each with terms of its own:
//
//   - COUNTER (counter), over character 4-grams (NewBag), whose texts
//     come as a collection; the library's one-shot comparison (package
//     compare) has no corpus statistics to weigh by. Names, figures and
//     phrases found in many texts of the collection (datelines, agency
//     formulae, the words of every report on one topic) weigh little;
//     the rare ones that only a copy would share weigh most.
//   - The candidate-search reference on SaudiNewsNet (recall), over words
//     (NewWordBag), raw counts and log(n/df): the textbook cosine, a
//     measure independent of the library's own candidate search.
//
// Grams are taken over the folded text with its separators removed, so
// that spacing variants, common in Urdu and Arabic web text ("بنگلہ دیش"
// and "بنگلادیش", a word glued to the next), still share most of their
// grams: measured on the COUNTER development half, this ranks sources and
// separates derived from independent texts better than grams that keep
// the separators (EVALUATION.md).
package tfidf

import (
	"math"
	"slices"

	"github.com/neardup/neardup/shingle"
)

// Size is the gram length in folded runes, the same as the library's
// character shingles; 3 to 6 measure within noise of each other.
const Size = 4

// Bag is the multiset of a text's terms (grams or words): distinct
// hashes in increasing order, each with its count. The zero value is an
// empty text.
type Bag struct {
	hashes []uint64
	counts []int32
}

// NewBag cuts folded runes (as in normalize.Text.Runes) into grams of
// Size runes after dropping the separators ' ' and '\n'.
func NewBag(runes []rune) Bag {
	joined := make([]rune, 0, len(runes))
	for _, r := range runes {
		if r != ' ' && r != '\n' {
			joined = append(joined, r)
		}
	}
	return bagOf(shingle.AppendHashes(nil, joined, Size))
}

// bagOf counts the term hashes h, which it sorts.
func bagOf(h []uint64) Bag {
	slices.Sort(h)
	var b Bag
	for i, x := range h {
		if i > 0 && x == h[i-1] {
			b.counts[len(b.counts)-1]++
			continue
		}
		b.hashes = append(b.hashes, x)
		b.counts = append(b.counts, 1)
	}
	return b
}

// Len returns the number of distinct terms.
func (b Bag) Len() int { return len(b.hashes) }

// DocFreq counts, for each term, the texts of a collection that hold it.
// Build it with Add, then read it from any number of goroutines.
type DocFreq struct {
	n  int
	df map[uint64]int32
}

// NewDocFreq returns the table of the collection of bags.
func NewDocFreq(bags ...Bag) *DocFreq {
	f := &DocFreq{df: map[uint64]int32{}}
	for _, b := range bags {
		f.Add(b)
	}
	return f
}

// Add counts one more text.
func (f *DocFreq) Add(b Bag) {
	f.n++
	for _, h := range b.hashes {
		f.df[h]++
	}
}

// Docs returns the number of texts counted.
func (f *DocFreq) Docs() int { return f.n }

// IDF is log((n+1)/(df+1)) for a term found in df of n texts: 0 for a
// term in every text, largest for one in none (a term of a text not in
// the collection).
func (f *DocFreq) IDF(h uint64) float64 {
	return math.Log(float64(f.n+1) / float64(f.df[h]+1))
}

// Containment is the share of b's distinct terms, weighted by IDF, that
// occur in a: how much of b is in a, not counting what every text of
// the collection shares. It is 0 when b has no term of positive weight.
func (f *DocFreq) Containment(a, b Bag) float64 {
	var found, all float64
	i := 0
	for _, h := range b.hashes {
		w := f.IDF(h)
		all += w
		for i < len(a.hashes) && a.hashes[i] < h {
			i++
		}
		if i < len(a.hashes) && a.hashes[i] == h {
			found += w
		}
	}
	if all == 0 {
		return 0
	}
	return found / all
}

// Vector is a text's TF-IDF vector scaled to unit length.
type Vector struct {
	hashes  []uint64
	weights []float64
}

// Scheme says how a term of a text weighs in its vector, from its count
// in the text (tf) and the number of texts of the collection holding it
// (df of n).
type Scheme int

const (
	// Sublinear weighs (1 + log tf) · log((n+1)/(df+1)) (IDF): a gram
	// repeated in one text counts more than once, but a text cannot win
	// by repeating one phrase (measured on COUNTER: sublinear tf ranked
	// sources better than raw counts).
	Sublinear Scheme = iota
	// Raw weighs tf · log(n/df), the textbook TF-IDF (a term of no text
	// of the collection counts as if in one).
	Raw
)

// Vector weighs b's terms as Sublinear does.
func (f *DocFreq) Vector(b Bag) Vector { return f.Weigh(b, Sublinear) }

// Weigh returns b's vector under scheme s.
func (f *DocFreq) Weigh(b Bag, s Scheme) Vector {
	v := Vector{hashes: b.hashes, weights: make([]float64, len(b.hashes))}
	var norm float64
	for i, h := range b.hashes {
		var w float64
		if s == Raw {
			w = float64(b.counts[i]) * math.Log(float64(max(f.n, 1))/float64(max(f.df[h], 1)))
		} else {
			w = (1 + math.Log(float64(b.counts[i]))) * f.IDF(h)
		}
		v.weights[i] = w
		norm += w * w
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v.weights {
			v.weights[i] /= norm
		}
	}
	return v
}

// Cosine is the cosine similarity of two vectors from one DocFreq and
// Scheme: 0 when they share no term of positive weight, 1 for equal
// bags. It sums the products of the shared terms in increasing order of
// their hashes, as SimilarPairs does, so the two give equal results.
func Cosine(u, v Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(u.hashes) && j < len(v.hashes) {
		switch {
		case u.hashes[i] < v.hashes[j]:
			i++
		case u.hashes[i] > v.hashes[j]:
			j++
		default:
			s += u.weights[i] * v.weights[j]
			i++
			j++
		}
	}
	return s
}
