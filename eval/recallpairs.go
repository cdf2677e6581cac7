package main

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/neardup/neardup/eval/internal/tfidf"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/parallel"
)

// The pairs the candidate-search reference looks at: articles of
// different sources extracted at most a day apart, ranked by the word
// TF-IDF cosine of their texts.

// windowDays is how many days apart two articles may be extracted.
const windowDays = 1

// dated is an article's source and day of extraction.
type dated struct {
	source string
	day    int // days since 1970-01-01
	ok     bool
}

// dateArticles reads the source and date_extracted fields of every
// article; an article without either, or with a date that does not
// start with YYYY-MM-DD, is not ok.
func dateArticles(docs []*document) []dated {
	out := make([]dated, len(docs))
	for i, d := range docs {
		src, date := d.Meta["source"], d.Meta["date_extracted"]
		if src == "" || len(date) < len("2006-01-02") {
			continue
		}
		t, err := time.Parse("2006-01-02", date[:len("2006-01-02")])
		if err != nil {
			continue
		}
		out[i] = dated{source: src, day: int(t.Unix() / 86400), ok: true}
	}
	return out
}

// crossSourcePairs counts the pairs of dated articles of different
// sources extracted at most windowDays apart.
func crossSourcePairs(ds []dated) int64 {
	type key struct {
		day    int
		source string
	}
	n := map[key]int64{}
	perDay := map[int]int64{}
	for _, d := range ds {
		if d.ok {
			n[key{d.day, d.source}]++
			perDay[d.day]++
		}
	}
	var pairs int64
	for k, c := range n {
		// Same day: with the other sources of the day, each pair once.
		pairs += c * (perDay[k.day] - c)
		// Later days in the window: with every other source.
		for d := 1; d <= windowDays; d++ {
			pairs += 2 * c * (perDay[k.day+d] - n[key{k.day + d, k.source}])
		}
	}
	return pairs / 2
}

// wordVectors weighs the words of every prepared document (its folded
// text, debris removed) by raw count times log(n/df), n being the number
// of documents.
func wordVectors(docs []*document, workers int) []tfidf.Vector {
	bags := make([]tfidf.Bag, len(docs))
	parallel.For(len(docs), workers, func(_, i int) { bags[i] = tfidf.NewWordBag(docs[i].prep.Text.Runes) }, nil)
	df := tfidf.NewDocFreq(bags...)
	vs := make([]tfidf.Vector, len(docs))
	parallel.For(len(docs), workers, func(_, i int) { vs[i] = df.Weigh(bags[i], tfidf.Raw) }, nil)
	return vs
}

// scoredPair is a pair of documents by index, A < B, and their cosine.
type scoredPair struct {
	a, b   int
	cosine float64
}

// pairsInRange returns the pairs of dated documents of different sources
// extracted at most windowDays apart whose cosine is in [least, most)
// (or at least least, when most ≥ 1), ordered by A then B.
func pairsInRange(vs []tfidf.Vector, ds []dated, least, most float64, workers int, p *cli.Progress) []scoredPair {
	// Dated documents by day, so that each one's partners in the window
	// follow it.
	var order []int
	for i, d := range ds {
		if d.ok {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(ds[i].day, ds[j].day) })
	sorted := make([]tfidf.Vector, len(order))
	for k, i := range order {
		sorted[k] = vs[i]
	}
	ends := make([]int, len(order))
	for k, e := 0, 0; k < len(order); k++ {
		for e < len(order) && ds[order[e]].day <= ds[order[k]].day+windowDays {
			e++
		}
		ends[k] = e
	}

	p.Start(fmt.Sprintf("word TF-IDF cosines of %s", cli.Plural(len(order), "article")), len(order))
	similar := tfidf.SimilarPairs(sorted, func(k int) int { return ends[k] }, least, workers, p.Add)
	p.Done()
	var out []scoredPair
	for _, s := range similar {
		a, b := order[s.I], order[s.J]
		if ds[a].source == ds[b].source || most < 1 && s.Cosine >= most {
			continue
		}
		if b < a {
			a, b = b, a
		}
		out = append(out, scoredPair{a, b, s.Cosine})
	}
	slices.SortFunc(out, func(x, y scoredPair) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return out
}

// sample returns n of pairs chosen at random, the same ones on every
// run, in their order; all of them if n is 0 or not less than their
// number.
func sample(pairs []scoredPair, n int) []scoredPair {
	if n <= 0 || n >= len(pairs) {
		return pairs
	}
	rng := rand.New(rand.NewPCG(12, 2015))
	idx := rng.Perm(len(pairs))[:n]
	slices.Sort(idx)
	out := make([]scoredPair, n)
	for k, i := range idx {
		out[k] = pairs[i]
	}
	return out
}
