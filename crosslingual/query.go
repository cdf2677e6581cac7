package crosslingual

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/neardup/neardup/compare"
)

// Match is an indexed Arabic document that translates a query, whole or
// in part: the report compares it (A) with the query (B), as
// neardup.Corpus.Sources reports a source and its query.
type Match struct {
	ID string `json:"id"`
	// Score is the candidate's anchor score: the summed rarity of the
	// query's items it matches.
	Score  float64        `json:"score"`
	Report compare.Report `json:"report"`
}

// ErrNotEnglish is returned by a query whose text is not English.
var ErrNotEnglish = errors.New("crosslingual: the query is not English")

// DefaultCandidates is how many candidates a query aligns
// (Options.Candidates): on NTREX with all of SaudiNewsNet as
// distractors, an article's translation is first by anchor score for
// each of the 62 articles of the development half (Candidates 1 finds
// them all); five leave room for a held-out article that ranks lower.
// Each candidate costs an analysis and an alignment (a few milliseconds
// for a long article).
const DefaultCandidates = 5

// commonShare is the share of the documents beyond which an item of a
// query is skipped: it matches too many to tell them apart, and costs
// the most to count.
const commonShare = 0.25

// Query analyses text, which must be English, and returns the indexed documents that
// translate it (verdict translation or partial-translation), best
// first: translations before partial ones, then by the coverage of
// both texts.
func (x *Index) Query(text string) ([]Match, error) {
	q, err := x.opt.Analyze(text, 0)
	if err != nil {
		return nil, err
	}
	return x.QueryDoc(q)
}

// QueryDoc is Query for an English document analysed with the index's
// Options.
func (x *Index) QueryDoc(q *Doc) ([]Match, error) {
	if q.Lang != English {
		return nil, ErrNotEnglish
	}
	var out []Match
	for _, c := range x.candidates(q) {
		text, err := x.texts.Text(c.id)
		if err != nil {
			return nil, err
		}
		d, err := x.opt.Analyze(text, Arabic)
		if err != nil {
			return nil, err
		}
		r, err := x.opt.Compare(d, q)
		if err != nil {
			return nil, err
		}
		if r.Verdict.IsReuse() {
			out = append(out, Match{ID: c.id, Score: c.score, Report: r})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(b.Report.Verdict, a.Report.Verdict),
			cmp.Compare(harmonic(b.Report), harmonic(a.Report)))
	})
	return out, nil
}

// harmonic is the harmonic mean of a report's coverages.
func harmonic(r compare.Report) float64 {
	if r.CoverageA+r.CoverageB == 0 {
		return 0
	}
	return 2 * r.CoverageA * r.CoverageB / (r.CoverageA + r.CoverageB)
}

// candidate is a document worth aligning with a query.
type candidate struct {
	id    string
	score float64
}

// scratch is a query's counting space, by document number.
type scratch struct {
	scores []float32
	stamp  []int32
	docs   []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// candidates returns the Options.Candidates documents of the best anchor
// scores for q, best first.
func (x *Index) candidates(q *Doc) []candidate {
	groups := queryGroups(q, x.opt.Lexicon)
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.ids)
	s.scores = slices.Grow(s.scores[:0], n)[:n]
	s.stamp = slices.Grow(s.stamp[:0], n)[:n]
	clear(s.scores)
	for i := range s.stamp {
		s.stamp[i] = -1
	}
	var touched []int32 // documents with a score, each once
	group := s.docs[:0] // documents of the group being counted
	limit := int(commonShare*float64(x.live)) + 1
	for g, keys := range groups {
		total := 0
		for _, k := range keys {
			total += len(x.post[k])
		}
		if total == 0 || total > 4*limit {
			continue
		}
		group = group[:0]
		for _, k := range keys {
			for _, d := range x.post[k] {
				if s.stamp[d] != int32(g) {
					s.stamp[d] = int32(g)
					group = append(group, d)
				}
			}
		}
		if len(group) > limit {
			continue
		}
		idf := float32(math.Log(1 + float64(x.live)/float64(len(group))))
		for _, d := range group {
			if s.scores[d] == 0 {
				touched = append(touched, d)
			}
			s.scores[d] += idf
		}
	}
	s.docs = group
	// A long document matches more by chance: scores are divided by
	// the document's number of keys relative to the mean, softened
	// (BM25's length normalization, b = lengthNorm).
	mean := float64(x.total) / float64(max(x.live, 1))
	for _, d := range touched {
		s.scores[d] /= float32(1 - lengthNorm + lengthNorm*float64(x.keys[d])/mean)
	}
	return x.best(touched, s.scores)
}

// lengthNorm is how much a document's length weighs on its score (0:
// not at all, 1: in proportion).
const lengthNorm = 0.5

// best returns the Options.Candidates documents of touched with the
// highest scores, best first (ties by number: the earlier added).
func (x *Index) best(touched []int32, scores []float32) []candidate {
	k := x.opt.params().candidates
	better := func(a, b int32) bool { return scores[a] > scores[b] || scores[a] == scores[b] && a < b }
	// A min-heap of the best k so far, the worst on top.
	h := make([]int32, 0, k)
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && better(h[m], h[l]) {
				m = l
			}
			if r := l + 1; r < len(h) && better(h[m], h[r]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, d := range touched {
		switch {
		case x.ids[d] == "":
		case len(h) < k:
			h = append(h, d)
			for i := len(h) - 1; i > 0 && better(h[(i-1)/2], h[i]); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case better(d, h[0]):
			h[0] = d
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b int32) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	out := make([]candidate, len(h))
	for i, d := range h {
		out[i] = candidate{x.ids[d], float64(scores[d])}
	}
	return out
}

// queryGroups returns, for each distinct item of an English query, the
// keys an Arabic document matching it is filed under.
func queryGroups(q *Doc, lex *Lexicon) [][]uint64 {
	var groups [][]uint64
	seen := map[string]bool{}
	for _, it := range q.items {
		var keys []uint64
		for _, a := range q.anchors[it.first : it.first+it.n] {
			if a.Kind() == Word {
				if lex != nil && it.stem > 0 {
					keys = append(keys, lex.arabicKeys(int32(it.stem-1))...)
				}
				continue
			}
			keys = append(keys, uint64(a))
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		sig := string(appendKeys(nil, keys))
		if len(keys) == 0 || seen[sig] {
			continue
		}
		seen[sig] = true
		groups = append(groups, keys)
	}
	return groups
}

func appendKeys(b []byte, keys []uint64) []byte {
	for _, k := range keys {
		for i := range 8 {
			b = append(b, byte(k>>(8*i)))
		}
	}
	return b
}
