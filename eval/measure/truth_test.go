package measure_test

import (
	"slices"
	"sync"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/shingle"
)

// The ground truth of the measurements: the pairs of sample articles
// that share a passage, and the classes recall is reported by.

type pairKey struct{ a, b int } // a < b

// truthPair is a pair of sample articles sharing at least one passage.
type truthPair struct {
	verdict compare.Verdict
	longest int // longest passage, folded runes of the shorter side
	// rare is the most 12-rune windows of one passage (side a) held by
	// at most rareDF articles of the corpus: 0 means every passage is
	// made of common text (titles, honorifics, set phrases).
	rare int
}

// rareDF: a 12-rune window held by at most this many of the ~31,000
// articles (0.1%) is rare text; the passages without any are stock.
const rareDF = 30

// gramDF is the document frequency of every 12-rune window of the
// corpus, not only the selected ones: sorted distinct hashes and counts.
type gramDF struct {
	hashes []uint64
	counts []int32
}

func newGramDF(arts []article) *gramDF {
	per := make([][]uint64, len(arts))
	parallelFor(len(arts), func(i int) {
		h := shingle.AppendHashes(nil, arts[i].doc.Text.Runes, shingle.DefaultSeedSize)
		slices.Sort(h)
		per[i] = slices.Compact(h)
	})
	all := slices.Concat(per...)
	slices.Sort(all)
	g := &gramDF{}
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j] == all[i] {
			j++
		}
		g.hashes = append(g.hashes, all[i])
		g.counts = append(g.counts, int32(j-i))
		i = j
	}
	return g
}

func (g *gramDF) df(h uint64) int {
	i, ok := slices.BinarySearch(g.hashes, h)
	if !ok {
		return 0
	}
	return int(g.counts[i])
}

// allPairs aligns every pair of the sample (article indices) and returns
// those sharing at least one passage.
func allPairs(arts []article, sample []int, g *gramDF) map[pairKey]truthPair {
	var mu sync.Mutex
	truth := map[pairKey]truthPair{}
	parallelFor(len(sample), func(i int) {
		a := arts[sample[i]].doc
		var grams []uint64
		for j := i + 1; j < len(sample); j++ {
			r, err := neardup.Default.CompareDocs(a, arts[sample[j]].doc)
			if err != nil || len(r.Passages) == 0 {
				continue
			}
			if grams == nil {
				grams = shingle.AppendHashes(nil, a.Text.Runes, shingle.DefaultSeedSize)
			}
			tp := truthPair{verdict: r.Verdict}
			for _, p := range r.Passages {
				tp.longest = max(tp.longest, min(p.A.PosEnd-p.A.Pos, p.B.PosEnd-p.B.Pos))
				rare := 0
				for q := p.A.Pos; q+shingle.DefaultSeedSize <= p.A.PosEnd; q++ {
					if g.df(grams[q]) <= rareDF {
						rare++
					}
				}
				tp.rare = max(tp.rare, rare)
			}
			k := pairKey{min(sample[i], sample[j]), max(sample[i], sample[j])}
			mu.Lock()
			truth[k] = tp
			mu.Unlock()
		}
	})
	return truth
}

// truthClass names the classes of pairs recall is reported on.
var truthClasses = []struct {
	name string
	in   func(truthPair) bool
}{
	{"all", func(truthPair) bool { return true }},
	{"stock", func(p truthPair) bool { return p.rare == 0 }},
	{"rare<50", func(p truthPair) bool { return p.rare > 0 && p.rare < shingle.DefaultMarkWindow }},
	{"rare≥50", func(p truthPair) bool { return p.rare >= shingle.DefaultMarkWindow }},
	{"long≥200", func(p truthPair) bool { return p.longest >= 200 }},
}

// classNames returns the names of truthClasses, in order.
func classNames() []string {
	var s []string
	for _, c := range truthClasses {
		s = append(s, c.name)
	}
	return s
}
