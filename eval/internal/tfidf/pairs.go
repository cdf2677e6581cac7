package tfidf

import (
	"cmp"
	"slices"

	"github.com/neardup/neardup/internal/parallel"
)

// Similar is a pair of vectors, by index, I < J, and their cosine.
type Similar struct {
	I, J   int
	Cosine float64
}

// posting is a text holding a term, and the term's weight in its vector.
type posting struct {
	doc    int32
	weight float64
}

// SimilarPairs returns every pair (i, j) of vs with i < j < end(i) whose
// cosine (as Cosine computes it, to the bit) is at least least and
// above 0, ordered by i then j. The vectors must come from one DocFreq
// and Scheme. Pairs sharing no term of positive weight are never
// looked at, and no pair outside the windows end gives: order vs (by
// date, say) so that the pairs wanted are those of each text with the
// texts following it up to some point.
//
// It goes through an inverted index rather than comparing every pair:
// for each text i, the products of its terms' weights with those of the
// texts in [i+1, end(i)) holding them are added up, term by term, in a
// dense array as wide as the widest window. No term is skipped, however
// common. It runs on workers goroutines (see parallel.For), calling done
// (if not nil) from them with the number of texts finished, for
// progress: done must be safe for concurrent use.
func SimilarPairs(vs []Vector, end func(i int) int, least float64, workers int, done func(k int)) []Similar {
	// Number the terms of positive weight, and list the texts holding
	// each, in increasing order.
	ids := map[uint64]int32{}
	var postings [][]posting
	terms := make([][]int32, len(vs)) // term of vs[i]'s k-th hash, -1 for weight 0
	for i, v := range vs {
		terms[i] = make([]int32, len(v.hashes))
		for k, h := range v.hashes {
			if v.weights[k] == 0 {
				terms[i][k] = -1
				continue
			}
			id, ok := ids[h]
			if !ok {
				id = int32(len(postings))
				ids[h] = id
				postings = append(postings, nil)
			}
			terms[i][k] = id
			postings[id] = append(postings[id], posting{int32(i), v.weights[k]})
		}
	}
	ends := make([]int, len(vs))
	width := 0
	for i := range vs {
		ends[i] = min(end(i), len(vs))
		width = max(width, ends[i]-i-1)
	}

	accs := make([][]float64, parallel.Workers(workers))
	found := make([][]Similar, len(vs))
	parallel.For(len(vs), workers, func(w, i int) {
		lo, hi := int32(i+1), int32(ends[i])
		if hi <= lo {
			return
		}
		if accs[w] == nil {
			accs[w] = make([]float64, width)
		}
		acc := accs[w]
		// In increasing order of hash, as Cosine adds them.
		for k, id := range terms[i] {
			if id < 0 {
				continue
			}
			wi, ps := vs[i].weights[k], postings[id]
			s, _ := slices.BinarySearchFunc(ps, lo, func(p posting, doc int32) int { return cmp.Compare(p.doc, doc) })
			for _, p := range ps[s:] {
				if p.doc >= hi {
					break
				}
				acc[p.doc-lo] += wi * p.weight
			}
		}
		for d, c := range acc[:hi-lo] {
			if c != 0 {
				if c >= least {
					found[i] = append(found[i], Similar{I: i, J: i + 1 + d, Cosine: c})
				}
				acc[d] = 0
			}
		}
	}, done)
	var out []Similar
	for _, f := range found {
		out = append(out, f...)
	}
	return out
}
