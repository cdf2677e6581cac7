package measure_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/shingle"
)

// TestMeasureSaudiNewsNet is the measurement behind the defaults. It
// needs the SaudiNewsNet dumps and takes several minutes and 8 GB, so it
// runs only when asked:
//
//	NEARDUP_MEASURE=1 go test -run TestMeasureSaudiNewsNet -v -timeout 60m ./eval/measure/
//
// Ground truth: every pair of two samples of 1,000 articles (one drawn
// from the whole corpus, one from a single day's dump, where rewrites
// of the same news are commoner) aligned with neardup.Default; a pair
// with at least one passage is a positive. Passages are classed by how
// much rare text (12-rune windows held by at most 30 articles of the
// corpus) they hold: "stock" passages have none (royal honorifics and
// other set phrases), "rare≥50" hold at least 39 rare windows, about 50
// runes of rare text. For each guarantee length t (k = 12, w = t − 11)
// and document frequency cap, every article is queried against the
// index of the whole corpus: the table gives the recall of the positive
// pairs (found from either side) by class and MinShared, and the
// candidates per article.
func TestMeasureSaudiNewsNet(t *testing.T) {
	if os.Getenv("NEARDUP_MEASURE") == "" || testing.Short() {
		t.Skip("measurement: set NEARDUP_MEASURE=1")
	}
	start := time.Now()
	arts := loadCorpus(t)
	t.Logf("%d articles loaded and prepared in %v", len(arts), time.Since(start).Round(time.Millisecond))
	runes := 0
	for _, a := range arts {
		runes += a.doc.Text.Len()
	}
	t.Logf("mean %d folded runes per article", runes/len(arts))
	g := newGramDF(arts)

	rng := rand.New(rand.NewPCG(4, 2))
	perm := rng.Perm(len(arts))
	sampleAll := slices.Clone(perm[:1000])
	var sameDay []int
	for _, i := range perm {
		if arts[i].day == 5 && len(sameDay) < 1000 {
			sameDay = append(sameDay, i)
		}
	}
	truth := map[pairKey]truthPair{}
	for _, s := range []struct {
		name   string
		sample []int
	}{{"random", sampleAll}, {"one day", sameDay}} {
		start = time.Now()
		tr := allPairs(arts, s.sample, g)
		counts := make([]int, len(truthClasses))
		for k, p := range tr {
			truth[k] = p
			for c, tc := range truthClasses {
				if tc.in(p) {
					counts[c]++
				}
			}
		}
		t.Logf("sample %q of %d: %d pairs aligned in %v; with a passage by class %v: %v",
			s.name, len(s.sample), len(s.sample)*(len(s.sample)-1)/2, time.Since(start).Round(time.Second), classNames(), counts)
	}
	classCount := make([]int, len(truthClasses))
	for _, p := range truth {
		for c, tc := range truthClasses {
			if tc.in(p) {
				classCount[c]++
			}
		}
	}
	t.Logf("both samples: %v pairs with a passage by class %v", classCount, classNames())

	caps := []struct {
		name string
		opt  index.QueryOptions
	}{
		{"df≤10", index.QueryOptions{MaxDF: 10}},
		{"df≤30", index.QueryOptions{MaxDF: 30}},
		{"df≤50", index.QueryOptions{MaxDF: 50}},
		{"df≤100", index.QueryOptions{MaxDF: 100}},
		{"no cap", index.QueryOptions{MaxDF: -1}},
	}
	t.Logf("columns: t | marks/article | postings | bytes/posting | build | cap | minShared | recall by class %v | candidates/article mean p99 | µs/query", classNames())
	for _, tt := range []int{30, 40, 50, 65, 80} {
		w := tt - shingle.DefaultSeedSize + 1
		marks := marksOf(arts, shingle.DefaultSeedSize, w)
		nm := 0
		for _, m := range marks {
			nm += len(m)
		}
		x, buildTime := buildFrom(t, marks)
		st := x.Stats()
		for _, c := range caps {
			opt := c.opt
			opt.Limit = -1
			opt.MinShared = 1
			cands := make([][]index.Candidate, len(arts))
			start := time.Now()
			parallelFor(len(arts), func(i int) {
				o := opt
				o.Exclude = []index.DocID{index.DocID(i)}
				cands[i] = x.Candidates(hashesOf(marks[i]), o)
			})
			perQuery := time.Since(start) * time.Duration(runtime.GOMAXPROCS(0)) / time.Duration(len(arts))
			for m := 1; m <= 3; m++ {
				var counts []int
				for _, cs := range cands {
					n := 0
					for _, cd := range cs {
						if cd.Shared >= m {
							n++
						}
					}
					counts = append(counts, n)
				}
				sort.Ints(counts)
				total := 0
				for _, n := range counts {
					total += n
				}
				found := func(a, b int) bool {
					for _, cd := range cands[a] {
						if int(cd.Doc) == b && cd.Shared >= m {
							return true
						}
					}
					return false
				}
				hit := make([]int, len(truthClasses))
				for k, p := range truth {
					if found(k.a, k.b) || found(k.b, k.a) {
						for ci, tc := range truthClasses {
							if tc.in(p) {
								hit[ci]++
							}
						}
					}
				}
				rec := make([]string, len(hit))
				for ci := range hit {
					rec[ci] = fmt.Sprintf("%.3f", float64(hit[ci])/float64(max(1, classCount[ci])))
				}
				t.Logf("%d | %.1f | %d | %.2f | %v | %s | %d | %s | %.1f %d | %.0f",
					tt, float64(nm)/float64(len(arts)), st.Postings, float64(st.Bytes)/float64(st.Postings), buildTime.Round(time.Millisecond),
					c.name, m, strings.Join(rec, " "), float64(total)/float64(len(arts)), counts[len(counts)*99/100],
					float64(perQuery.Nanoseconds())/1e3)
			}
		}
	}

	measureDefaults(t, arts, truth, classCount)
}

// measureDefaults measures the default selection and query options over
// the whole corpus, as the one-shot job would run them: build, query
// every article, align every candidate pair once.
func measureDefaults(t *testing.T, arts []article, truth map[pairKey]truthPair, classCount []int) {
	marks := marksOf(arts, 0, 0)
	x, buildTime := buildFrom(t, marks)
	st := x.Stats()
	t.Logf("defaults (t=%d, k=%d, w=%d): %d postings, %.2f bytes/posting, %.0f bytes/article, built in %v",
		shingle.DefaultMarkSpan, shingle.DefaultSeedSize, shingle.DefaultMarkWindow, st.Postings, float64(st.Bytes)/float64(st.Postings), float64(st.Bytes)/float64(len(arts)), buildTime.Round(time.Millisecond))
	cands := make([][]index.Candidate, len(arts))
	start := time.Now()
	parallelFor(len(arts), func(i int) {
		cands[i] = x.Candidates(hashesOf(marks[i]), index.QueryOptions{Exclude: []index.DocID{index.DocID(i)}})
	})
	queryTime := time.Since(start)
	pairs := map[pairKey]bool{}
	n := 0
	for i, cs := range cands {
		n += len(cs)
		for _, c := range cs {
			pairs[pairKey{min(i, int(c.Doc)), max(i, int(c.Doc))}] = true
		}
	}
	t.Logf("defaults: %.2f candidates per article, %d distinct pairs; all %d articles queried in %v on %d cores",
		float64(n)/float64(len(arts)), len(pairs), len(arts), queryTime.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	for _, limit := range []int{5, 10, 20, index.DefaultLimit} {
		hit := make([]int, len(truthClasses))
		for k, p := range truth {
			found := false
			for _, q := range [][2]int{{k.a, k.b}, {k.b, k.a}} {
				for r, c := range cands[q[0]] {
					if r < limit && int(c.Doc) == q[1] {
						found = true
					}
				}
			}
			if found {
				for ci, tc := range truthClasses {
					if tc.in(p) {
						hit[ci]++
					}
				}
			}
		}
		rec := make([]string, len(hit))
		for ci := range hit {
			rec[ci] = fmt.Sprintf("%.3f", float64(hit[ci])/float64(max(1, classCount[ci])))
		}
		t.Logf("defaults, Limit %d: recall by class %v: %s", limit, classNames(), strings.Join(rec, " "))
	}
	list := make([]pairKey, 0, len(pairs))
	for k := range pairs {
		list = append(list, k)
	}
	var withPassage, near atomic.Int64
	start = time.Now()
	parallelFor(len(list), func(i int) {
		r, err := neardup.Default.CompareDocs(arts[list[i].a].doc, arts[list[i].b].doc)
		if err == nil && len(r.Passages) > 0 {
			withPassage.Add(1)
			if r.Verdict >= compare.NearDuplicate {
				near.Add(1)
			}
		}
	})
	t.Logf("defaults: aligning the %d candidate pairs took %v on %d cores: %d share a passage (%.1f%%), %d near-duplicates or identical",
		len(list), time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0), withPassage.Load(),
		100*float64(withPassage.Load())/float64(max(1, len(list))), near.Load())
}

// TestInspectMisses prints the passages of the pairs with rare text
// (class rare≥50) of a one-day sample that the default query misses,
// with the document frequency of the marks inside them (diagnostic):
//
//	NEARDUP_INSPECT=1 go test -run TestInspectMisses -v ./eval/measure/
func TestInspectMisses(t *testing.T) {
	if os.Getenv("NEARDUP_INSPECT") == "" {
		t.Skip("diagnostic: set NEARDUP_INSPECT=1")
	}
	arts := loadCorpus(t)
	rng := rand.New(rand.NewPCG(4, 2))
	var sample []int
	for _, i := range rng.Perm(len(arts)) {
		if arts[i].day == 5 && len(sample) < 600 {
			sample = append(sample, i)
		}
	}
	g := newGramDF(arts)
	truth := allPairs(arts, sample, g)
	marks := marksOf(arts, 0, 0)
	x, _ := buildFrom(t, marks)
	found := func(a, b int) bool {
		for _, c := range x.Candidates(hashesOf(marks[a]), index.QueryOptions{Limit: -1}) {
			if int(c.Doc) == b {
				return true
			}
		}
		return false
	}
	missed := 0
	for k, tp := range truth {
		if tp.rare < shingle.DefaultMarkWindow || found(k.a, k.b) || found(k.b, k.a) {
			continue
		}
		missed++
		a, b := arts[k.a].doc, arts[k.b].doc
		r, _ := neardup.Default.CompareDocs(a, b)
		for _, p := range r.Passages {
			var dfs []int
			for _, m := range marks[k.a] {
				if int(m.Pos) >= p.A.Pos && int(m.Pos)+shingle.DefaultSeedSize <= p.A.PosEnd {
					dfs = append(dfs, x.DF(m.Hash))
				}
			}
			txt := []rune(string(a.Text.Runes[p.A.Pos:p.A.PosEnd]))
			if len(txt) > 120 {
				txt = append(txt[:120], '…')
			}
			t.Logf("%d-%d %v rare %d len %d sim %.2f mark dfs %v\n   %q", k.a, k.b, r.Verdict, tp.rare, p.A.PosEnd-p.A.Pos, p.Similarity, dfs, string(txt))
		}
	}
	t.Logf("%d rare≥50 pairs missed", missed)
}

// TestMeasureScale measures the index at a million documents: the
// SaudiNewsNet marks replicated 33 times under distinct salts (so each
// replica is a new corpus with the same document frequencies), built in
// bulk, then added one by one as continuous ingest would. It needs the
// dumps and about 6 GB:
//
//	NEARDUP_MEASURE=1 go test -run TestMeasureScale -v -timeout 60m ./eval/measure/
func TestMeasureScale(t *testing.T) {
	if os.Getenv("NEARDUP_MEASURE") == "" || testing.Short() {
		t.Skip("measurement: set NEARDUP_MEASURE=1")
	}
	base := marksOf(loadCorpus(t), 0, 0)
	const replicas = 33
	docs := make([]index.Doc, 0, replicas*len(base))
	for r := range replicas {
		salt := uint64(r) * 0x9E3779B97F4A7C15
		for _, m := range base {
			mm := make([]uint64, len(m))
			for i := range m {
				h := m[i].Hash ^ salt
				h ^= h >> 31
				h *= 0xBF58476D1CE4E5B9
				h ^= h >> 29
				mm[i] = h
			}
			docs = append(docs, index.Doc{ID: index.DocID(len(docs)), Marks: mm})
		}
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	x, err := index.Build(docs)
	require.NoError(t, err)
	buildTime := time.Since(start)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	st := x.Stats()
	t.Logf("bulk: %d documents, %d postings built in %v; %.2f bytes/posting (Stats), heap grew by %.2f bytes/posting",
		st.Docs, st.Postings, buildTime.Round(time.Millisecond), float64(st.Bytes)/float64(st.Postings),
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(st.Postings))

	rng := rand.New(rand.NewPCG(1, 1))
	var n int
	start = time.Now()
	const queries = 20000
	for range queries {
		d := rng.IntN(len(docs))
		n += len(x.Candidates(docs[d].Marks, index.QueryOptions{Exclude: []index.DocID{index.DocID(d)}}))
	}
	t.Logf("queries: %.1f µs each, %.2f candidates", float64(time.Since(start).Microseconds())/queries, float64(n)/queries)
	x = nil
	runtime.GC()

	inc := new(index.MarkIndex)
	start = time.Now()
	var worst time.Duration
	for _, d := range docs {
		s := time.Now()
		require.NoError(t, inc.Add(d.ID, d.Marks))
		worst = max(worst, time.Since(s))
	}
	el := time.Since(start)
	st = inc.Stats()
	t.Logf("ingest one by one: %d documents in %v, %.0f documents/s, longest Add (a compaction) %v; %.2f bytes/posting",
		st.Docs, el.Round(time.Millisecond), float64(st.Docs)/el.Seconds(), worst.Round(time.Millisecond), float64(st.Bytes)/float64(st.Postings))
}

// chain returns the most shared marks (hash in ok) of a and b lying on
// nearby diagonals within span runes: a crude passage test.
func chain(a, b []shingle.Mark, ok func(uint64) bool, span, slack int) int {
	pos := map[uint64][]int32{}
	for _, m := range b {
		if ok(m.Hash) {
			pos[m.Hash] = append(pos[m.Hash], m.Pos)
		}
	}
	type pt struct{ pa, pb int32 }
	var pts []pt
	for _, m := range a {
		for _, p := range pos[m.Hash] {
			pts = append(pts, pt{m.Pos, p})
		}
	}
	best := 0
	for i, p := range pts {
		n := 0
		for _, q := range pts[i:] {
			da, db := int(q.pa-p.pa), int(q.pb-p.pb)
			if da <= span && db >= -slack && db <= span && abs(da-db) <= slack {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestMeasurePositions asks whether keeping positions in the postings
// would pay: for the candidates of 1,500 articles (every candidate,
// MinShared 1), it compares how many share a passage when grouped by
// shared hashes and when grouped by the longest chain of shared marks
// on nearby diagonals (what positions would allow). It needs the dumps:
//
//	NEARDUP_MEASURE=1 go test -run TestMeasurePositions -v -timeout 60m ./eval/measure/
func TestMeasurePositions(t *testing.T) {
	if os.Getenv("NEARDUP_MEASURE") == "" || testing.Short() {
		t.Skip("measurement: set NEARDUP_MEASURE=1")
	}
	arts := loadCorpus(t)
	marks := marksOf(arts, shingle.DefaultSeedSize, shingle.DefaultMarkWindow)
	x, _ := buildFrom(t, marks)
	rng := rand.New(rand.NewPCG(8, 8))
	queries := rng.Perm(len(arts))[:1500]
	for _, cap := range []int{30, 100} {
		type stat struct{ cands, passage int }
		var byShared [5]stat // 1,2,3,4,5+
		var byChain [5]stat  // chain 1,2,3,4,5+
		for _, q := range queries {
			cs := x.Candidates(hashesOf(marks[q]), index.QueryOptions{MaxDF: cap, MinShared: 1, Limit: -1, Exclude: []index.DocID{index.DocID(q)}})
			for _, c := range cs {
				r, _ := neardup.Default.CompareDocs(arts[q].doc, arts[c.Doc].doc)
				has := len(r.Passages) > 0
				ch := chain(marks[q], marks[c.Doc], func(h uint64) bool { d := x.DF(h); return d <= cap }, 300, 60)
				for _, s := range []*stat{&byShared[min(c.Shared, 5)-1], &byChain[min(max(ch, 1), 5)-1]} {
					s.cands++
					if has {
						s.passage++
					}
				}
			}
		}
		t.Logf("cap %d: by shared (1..5+): %+v", cap, byShared)
		t.Logf("cap %d: by chain  (1..5+): %+v", cap, byChain)
	}
}
