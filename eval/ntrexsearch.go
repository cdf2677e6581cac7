package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/eval/internal/ntrex"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/parallel"
)

// Retrieval and false alarms of eval ntrex: the English articles as
// queries of a crosslingual.Index holding every SaudiNewsNet article
// (and, for retrieval, the set's Arabic articles).

// searchResult is what the queries found.
type searchResult struct {
	distractors int
	ids         []string // of the English articles, as the set names them
	// ranks[i] is the rank (from 1) of article i's translation among
	// its query's matches, 0 if not among them; top[i] the first match.
	ranks []int
	top   []string
	// alarms[i] are the SaudiNewsNet articles with the verdict
	// translation for English article i; partial[i] how many with
	// partial-translation.
	alarms   [][]string
	partial  []int
	allPairs bool
	// queryTimes are the retrieval queries' wall times, one at a time.
	queryTimes []time.Duration
	buildTime  time.Duration
}

// textMap is the Texts of an index over documents held in memory.
type textMap map[string]string

func (m textMap) Text(id string) (string, error) {
	t, ok := m[id]
	if !ok {
		return "", fmt.Errorf("no document %q", id)
	}
	return t, nil
}

// evaluateSearch runs the false-alarm queries against SaudiNewsNet
// alone, then adds the set's Arabic articles and runs the retrieval
// queries.
func evaluateSearch(f ntrexFlags, opt crosslingual.Options, pairs []ntrex.Pair, en []*crosslingual.Doc, p *cli.Progress, cmd string) (*searchResult, bool) {
	nc, ok := readNews(f.corpus, p, cmd)
	if !ok {
		return nil, false
	}
	n := len(pairs)
	res := &searchResult{distractors: len(nc.docs), ids: make([]string, n), ranks: make([]int, n), top: make([]string, n),
		alarms: make([][]string, n), partial: make([]int, n), allPairs: f.allPairs}
	for i, pr := range pairs {
		res.ids[i] = pr.ID
	}
	texts := textMap{}
	docs := make([]neardup.Document, len(nc.docs))
	for i, d := range nc.docs {
		texts[d.ID] = d.Text
		docs[i] = neardup.Document{ID: d.ID, Text: d.Text}
	}
	x := crosslingual.NewIndex(texts, opt)
	p.Start(fmt.Sprintf("indexing %s", cli.Plural(len(docs), "article")), -1)
	start := time.Now()
	if err := x.AddBatch(docs); err != nil {
		p.Errorf("%s: %v", cmd, err)
		return nil, false
	}
	res.buildTime = time.Since(start)
	p.Done()

	p.Start("false alarms", n)
	if f.allPairs {
		allPairAlarms(res, opt, nc.docs, en, f.workers.N(), p)
	} else {
		parallel.For(n, f.workers.N(), func(_, i int) {
			ms, err := x.QueryDoc(en[i])
			if err != nil {
				panic(fmt.Sprintf("%s: %v", cmd, err)) // texts in memory, English query
			}
			res.alarms[i], res.partial[i] = alarmsOf(ms)
		}, p.Add)
	}
	p.Done()

	for _, pr := range pairs {
		id := "ntrex:" + pr.ID
		texts[id] = pr.Arabic
		if err := x.Add(id, pr.Arabic); err != nil {
			p.Errorf("%s: %v", cmd, err)
			return nil, false
		}
	}
	p.Start("retrieval", n)
	res.queryTimes = make([]time.Duration, n)
	for i, pr := range pairs { // one at a time, for the times
		t := time.Now()
		ms, err := x.QueryDoc(en[i])
		res.queryTimes[i] = time.Since(t)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", cmd, err))
		}
		if len(ms) > 0 {
			res.top[i] = ms[0].ID
		}
		res.ranks[i] = slices.IndexFunc(ms, func(m crosslingual.Match) bool { return m.ID == "ntrex:"+pr.ID }) + 1
		p.Add(1)
	}
	p.Done()
	return res, true
}

// alarmsOf returns the IDs of the matches with the verdict translation,
// and how many have partial-translation.
func alarmsOf(ms []crosslingual.Match) (ids []string, partial int) {
	for _, m := range ms {
		switch m.Report.Verdict {
		case compare.Translation:
			ids = append(ids, m.ID)
		case compare.PartialTranslation:
			partial++
		}
	}
	return ids, partial
}

// allPairAlarms compares every English article with every article of
// docs, a batch of analysed articles at a time.
func allPairAlarms(res *searchResult, opt crosslingual.Options, docs []*document, en []*crosslingual.Doc, workers int, p *cli.Progress) {
	const batch = 2048
	for start := 0; start < len(docs); start += batch {
		part := docs[start:min(start+batch, len(docs))]
		ar := make([]*crosslingual.Doc, len(part))
		parallel.For(len(part), workers, func(_, k int) { ar[k], _ = opt.Analyze(part[k].Text, crosslingual.Arabic) }, nil)
		found := make([][]crosslingual.Match, len(en))
		parallel.For(len(en), workers, func(_, i int) {
			for k, d := range ar {
				if r, err := opt.Compare(d, en[i]); err == nil && r.Verdict.IsReuse() {
					found[i] = append(found[i], crosslingual.Match{ID: part[k].ID, Report: r})
				}
			}
		}, nil)
		for i, ms := range found {
			ids, partial := alarmsOf(ms)
			res.alarms[i] = append(res.alarms[i], ids...)
			res.partial[i] += partial
		}
	}
	p.Add(len(en))
}

// searchJSON is the JSON of the search measures.
type searchJSON struct {
	Distractors     int              `json:"distractors"`
	Top1            int              `json:"top1"`
	Top1Rate        cli.FourDecimals `json:"top1_rate"`
	NotFound        int              `json:"not_found"`
	FalseAlarms     int              `json:"false_alarms"`
	PartialAlarms   int              `json:"partial_alarm_articles"`
	AllPairs        bool             `json:"all_pairs"`
	MedianQueryMS   cli.FourDecimals `json:"median_query_ms"`
	IndexBuildS     cli.FourDecimals `json:"index_build_s"`
	Misses          []searchMissJSON `json:"misses"`
	AlarmedArticles []searchMissJSON `json:"false_alarm_articles"`
}

type searchMissJSON struct {
	ID    string   `json:"id"`
	Rank  int      `json:"rank"`
	Top   string   `json:"top"`
	Alarm []string `json:"alarms,omitempty"`
}

func newSearchJSON(r *searchResult) searchJSON {
	j := searchJSON{Distractors: r.distractors, AllPairs: r.allPairs, Misses: []searchMissJSON{}, AlarmedArticles: []searchMissJSON{},
		IndexBuildS: cli.FourDecimals(r.buildTime.Seconds())}
	for i, rank := range r.ranks {
		switch rank {
		case 1:
			j.Top1++
		case 0:
			j.NotFound++
		}
		if rank != 1 {
			j.Misses = append(j.Misses, searchMissJSON{ID: r.ids[i], Rank: rank, Top: r.top[i]})
		}
		if len(r.alarms[i]) > 0 {
			j.FalseAlarms++
			j.AlarmedArticles = append(j.AlarmedArticles, searchMissJSON{ID: r.ids[i], Alarm: r.alarms[i]})
		}
		if r.partial[i] > 0 {
			j.PartialAlarms++
		}
	}
	j.Top1Rate = cli.FourDecimals(shareOf(j.Top1, len(r.ranks)))
	ts := slices.Clone(r.queryTimes)
	slices.Sort(ts)
	if len(ts) > 0 {
		j.MedianQueryMS = cli.FourDecimals(float64(ts[len(ts)/2].Microseconds()) / 1000)
	}
	return j
}

func writeSearchText(w io.Writer, j *searchJSON) {
	scope := "the index's candidates"
	if j.AllPairs {
		scope = "every article"
	}
	fmt.Fprintf(w, "retrieval\ttop-1 %.4f\t%d of %d, %d not found; %d SaudiNewsNet distractors, median query %.1f ms, index built in %.1f s\n",
		float64(j.Top1Rate), j.Top1, len(j.Misses)+j.Top1, j.NotFound, j.Distractors, float64(j.MedianQueryMS), float64(j.IndexBuildS))
	fmt.Fprintf(w, "false alarms\t%d of %d\tarticles with a translation in SaudiNewsNet (%s); %d with a partial one\n",
		j.FalseAlarms, len(j.Misses)+j.Top1, scope, j.PartialAlarms)
}
