// Package tfidf weighs the character n-grams of folded texts by how rare
// they are in a collection: a document frequency table, IDF-weighted
// containment and TF-IDF cosine similarity.
//
// No library package uses it. It is the evidence of the COUNTER
// evaluation (the eval command's counter), whose texts come as a
// collection; the library's one-shot comparison (package compare) has no
// corpus statistics to weigh by. Names, figures and phrases found in
// many texts of the collection (datelines, agency formulae, the words
// of every report on one topic) weigh little; the rare ones that only a
// copy would share weigh most.
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

// Bag is the multiset of a text's grams: distinct hashes in increasing
// order, each with its count. The zero value is an empty text.
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
	h := shingle.AppendHashes(nil, joined, Size)
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

// Len returns the number of distinct grams.
func (b Bag) Len() int { return len(b.hashes) }

// DocFreq counts, for each gram, the texts of a collection that hold it.
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

// IDF is log((n+1)/(df+1)) for a gram found in df of n texts: 0 for a
// gram in every text, largest for one in none (a gram of a text not in
// the collection).
func (f *DocFreq) IDF(h uint64) float64 {
	return math.Log(float64(f.n+1) / float64(f.df[h]+1))
}

// Containment is the share of b's distinct grams, weighted by IDF, that
// occur in a: how much of b is in a, not counting what every text of
// the collection shares. It is 0 when b has no gram of positive weight.
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

// Vector weighs b's grams by (1 + log tf) · IDF: a gram repeated in one
// text counts more than once, but a text cannot win by repeating one
// phrase (measured: sublinear tf ranked sources better than raw counts).
func (f *DocFreq) Vector(b Bag) Vector {
	v := Vector{hashes: b.hashes, weights: make([]float64, len(b.hashes))}
	var norm float64
	for i, h := range b.hashes {
		w := (1 + math.Log(float64(b.counts[i]))) * f.IDF(h)
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

// Cosine is the cosine similarity of two vectors from one DocFreq: 0
// when they share no gram of positive weight, 1 for equal bags.
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
