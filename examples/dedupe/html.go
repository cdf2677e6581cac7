package main

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

// The HTML report: one self-contained page (styles inline, no script, no
// request for anything: a Content-Security-Policy says so to the
// browser) that shows each pair side by side, the reused passages
// highlighted in both texts and the words that differ inside them
// marked. Every piece of text, ID and file name goes through
// html/template, which escapes it for where it stands; bidirectional
// controls are shown as visible codes (see inert), and each block of
// article text lays itself out by its own first strong letter
// (dir="auto"), IDs, names and runs of the other direction in isolates
// (<bdi>, bidiruns.go), so that Arabic reads right to left beside Latin
// labels and Latin quoted in Arabic without either reordering the other.

//go:embed report.html.tmpl
var htmlFiles embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"inert":   inert,
	"mod":     func(k int) int { return (k - 1) % 4 },
	"percent": func(f cli.FourDecimals) string { return pct(float64(f)) },
	"deref":   func(b *bool) bool { return *b },
}).ParseFS(htmlFiles, "report.html.tmpl"))

// defaultHTMLPairs is how many pairs the batch job's HTML report shows
// side by side: each is both full texts, and a page of a few hundred
// articles is what a browser and a reader manage.
const defaultHTMLPairs = 200

// htmlPage is what the template shows.
type htmlPage struct {
	Title    string
	Lead     []string
	Clusters []htmlCluster
	Pairs    []htmlPair
	// Hidden counts the pairs listed but not shown (--html-pairs).
	Hidden  int
	Summary []summaryJSON
	Queries []htmlQuery
	Errors  []string
}

type htmlCluster struct {
	N       int
	Members []htmlMember
}

type htmlMember struct {
	ID, Source string
	Kept       bool
}

// htmlQuery is one input of index query.
type htmlQuery struct {
	ID, Source, Error string
	Near              []matchJSON
	Pairs             []int // numbers of its pairs in htmlPage.Pairs
}

type htmlPair struct {
	N              int
	A, B           htmlDoc
	Verdict, Class string // Class: none, reuse or dup (verdicts.go)
	Derived        string
	Scores         []htmlScore
	Passages       []htmlPassage
	TextA, TextB   []htmlPara
	CrossOutlet    string
	Cluster        int
}

type htmlDoc struct {
	ID, Source, Title, Outlet string
	Runes                     int
}

type htmlScore struct{ Label, Value string }

type htmlPassage struct {
	K                  int
	ARunes, BRunes     string
	Similarity         string
	ChangedA, ChangedB int
}

// htmlPara is a block of text (a line of the original), in segments.
type htmlPara struct{ Segs []htmlSeg }

// htmlSeg is a run of text: plain, in passage K (from 1), or a word that
// differs inside it; Runs are its text cut where the direction changes
// (bidiruns.go).
type htmlSeg struct {
	Text    string
	Runs    []htmlRun
	K       int
	Changed bool
	ID      string // anchor of a passage's first segment
}

// Class is the segment's CSS class.
func (s htmlSeg) Class() string {
	if s.K == 0 {
		return ""
	}
	c := fmt.Sprintf("r r%d", (s.K-1)%4)
	if s.Changed {
		c += " c"
	}
	return c
}

// newHTMLPair builds pair n of documents a and b compared as r; cfg
// folds the words that are compared.
func newHTMLPair(n int, a, b *document, r compare.Report, cfg neardup.Config) htmlPair {
	p := htmlPair{
		N: n, A: newHTMLDoc(a), B: newHTMLDoc(b),
		Verdict: r.Verdict.String(), Derived: derivedName(r), Cluster: a.cluster,
		Class: [...]string{"none", "formula", "reuse", "dup"}[classOf(r)],
		Scores: []htmlScore{
			{"coverage", fmt.Sprintf("A %s · B %s", pct(r.CoverageA), pct(r.CoverageB))},
			{"containment", fmt.Sprintf("A in B %s · B in A %s", pct(r.ContainmentA), pct(r.ContainmentB))},
			{"resemblance", pct(r.Resemblance)},
			{"fingerprint distance", distance(r.Distance)},
		},
	}
	if classOf(r) != classDuplicate || a.cluster != b.cluster {
		p.Cluster = 0
	}
	if a.hasOutlet && b.hasOutlet {
		p.CrossOutlet = ifElse(a.outlet != b.outlet, "across outlets", "within one outlet")
	}
	var spansA, spansB []markSpan
	for k, ps := range r.Passages {
		ta, tb := a.Text[ps.A.Start:ps.A.End], b.Text[ps.B.Start:ps.B.End]
		var ca, cb [][2]int
		if !isTranslated(ps) {
			ca, cb = wordDiff(ta, tb, cfg.Rules.String)
		}
		p.Passages = append(p.Passages, htmlPassage{
			K:          k + 1,
			ARunes:     fmt.Sprintf("%d–%d", ps.A.RuneStart, ps.A.RuneEnd),
			BRunes:     fmt.Sprintf("%d–%d", ps.B.RuneStart, ps.B.RuneEnd),
			Similarity: pct(ps.Similarity),
			ChangedA:   len(ca), ChangedB: len(cb),
		})
		spansA = append(spansA, markSpan{ps.A.Start, ps.A.End, k + 1, shift(ca, ps.A.Start)})
		spansB = append(spansB, markSpan{ps.B.Start, ps.B.End, k + 1, shift(cb, ps.B.Start)})
	}
	p.TextA = paragraphsOf(a.Text, spansA, fmt.Sprintf("p%d-a-", n))
	p.TextB = paragraphsOf(b.Text, spansB, fmt.Sprintf("p%d-b-", n))
	return p
}

func newHTMLDoc(d *document) htmlDoc {
	return htmlDoc{ID: d.ID, Source: d.Source, Title: d.Title, Outlet: d.outlet, Runes: d.runes}
}

// markSpan is a passage on one side: its byte span, number, and the
// spans of its changed words.
type markSpan struct {
	start, end, k int
	changed       [][2]int
}

func shift(spans [][2]int, by int) [][2]int {
	out := make([][2]int, len(spans))
	for i, s := range spans {
		out[i] = [2]int{s[0] + by, s[1] + by}
	}
	return out
}

// paragraphsOf cuts text into lines, and each line into segments by
// passage and changed word. Passages that overlap on this side (they are
// aligned in the order of the other) are drawn as the earlier one.
func paragraphsOf(text string, spans []markSpan, anchor string) []htmlPara {
	slices.SortStableFunc(spans, func(x, y markSpan) int { return x.start - y.start })
	// Cut points, and what holds from each.
	type mark struct {
		at, k   int
		changed bool
	}
	var marks []mark
	end := 0
	for _, s := range spans {
		start := max(s.start, end)
		if start >= s.end {
			continue
		}
		at := start
		for _, c := range s.changed {
			c0, c1 := max(c[0], start), min(c[1], s.end)
			if c0 >= c1 {
				continue
			}
			if c0 > at {
				marks = append(marks, mark{at, s.k, false})
			}
			marks = append(marks, mark{c0, s.k, true})
			at = c1
		}
		if at < s.end {
			marks = append(marks, mark{at, s.k, false})
		}
		marks = append(marks, mark{s.end, 0, false})
		end = s.end
	}
	var (
		paras []htmlPara
		cur   htmlPara
		seen  = map[int]bool{}
	)
	emit := func(from, to, k int, changed bool) {
		for from < to {
			nl := strings.IndexByte(text[from:to], '\n')
			stop := to
			if nl >= 0 {
				stop = from + nl
			}
			if t := inert(text[from:stop]); t != "" {
				seg := htmlSeg{Text: t, K: k, Changed: changed}
				if k > 0 && !seen[k] {
					seen[k], seg.ID = true, fmt.Sprintf("%s%d", anchor, k)
				}
				cur.Segs = append(cur.Segs, seg)
			}
			if nl < 0 {
				break
			}
			if strings.TrimSpace(segText(cur)) != "" {
				paras = append(paras, withRuns(cur))
			}
			cur = htmlPara{}
			from = stop + 1
		}
	}
	at, k, changed := 0, 0, false
	for _, m := range marks {
		emit(at, m.at, k, changed)
		at, k, changed = m.at, m.k, m.changed
	}
	emit(at, len(text), k, changed)
	if strings.TrimSpace(segText(cur)) != "" {
		paras = append(paras, withRuns(cur))
	}
	return paras
}

// withRuns cuts each segment of p into runs by direction, against the
// direction the paragraph takes.
func withRuns(p htmlPara) htmlPara {
	rtl := baseRTL(segText(p))
	for i := range p.Segs {
		p.Segs[i].Runs = isolateRuns(p.Segs[i].Text, rtl)
	}
	return p
}

func segText(p htmlPara) string {
	var b strings.Builder
	for _, s := range p.Segs {
		b.WriteString(s.Text)
	}
	return b.String()
}

// inert returns s for showing in a page: control characters other than
// tab are dropped, and the bidirectional embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), which would reorder the text
// around them, are shown as their code, "[U+202E]", where a reader can
// see that the source had one. html/template escapes the rest.
func inert(s string) string {
	if !strings.ContainsFunc(s, needsInert) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '\u202A' && c <= '\u202E', c >= '\u2066' && c <= '\u2069':
			fmt.Fprintf(&b, "[U+%04X]", c)
		case c == '\t' || !unicode.IsControl(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

func needsInert(c rune) bool {
	return c != '\t' && unicode.IsControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
}

// writeHTML writes page.
func writeHTML(w io.Writer, page htmlPage) error {
	return htmlTemplate.Execute(w, page)
}

// writeBatchHTML writes the batch report as a page.
func writeBatchHTML(w io.Writer, res *result) error {
	st := stats(res)
	page := htmlPage{
		Title: "Near-duplicates and shared passages",
		Lead: []string{
			fmt.Sprintf("%s read; %s sharing text, %d identical, %d near-duplicate, %d partial reuse; %s.",
				plural(st.Documents, "document"), plural(len(res.matches), "pair"),
				st.Identical, st.NearDuplicate, st.PartialReuse, plural(st.Clusters, "near-duplicate cluster")),
		},
		Summary: res.summary(),
	}
	if st.InputErrors > 0 {
		page.Lead = append(page.Lead, fmt.Sprintf("%s could not be read (listed at the end).", plural(st.InputErrors, "input")))
	}
	if st.EmptyRecords > 0 {
		page.Lead = append(page.Lead, fmt.Sprintf("%s with no text skipped.", plural(st.EmptyRecords, "empty record")))
	}
	for i, c := range res.clusters {
		hc := htmlCluster{N: i + 1}
		for _, m := range c {
			d := res.docs[m]
			hc.Members = append(hc.Members, htmlMember{ID: d.ID, Source: d.Source, Kept: m == res.keep[i]})
		}
		page.Clusters = append(page.Clusters, hc)
	}
	cfg := res.flags.config()
	for i, m := range res.listed {
		if i == res.flags.htmlPairs {
			page.Hidden = len(res.listed) - i
			break
		}
		page.Pairs = append(page.Pairs, newHTMLPair(i+1, res.docs[m.a], res.docs[m.b], m.report, cfg))
	}
	for _, ie := range res.errors {
		page.Errors = append(page.Errors, ie.Error())
	}
	return writeHTML(w, page)
}

// writeCompareHTML writes compare's pair as a page.
func writeCompareHTML(w io.Writer, a, b *document, r compare.Report, cfg neardup.Config) error {
	return writeHTML(w, htmlPage{
		Title: "Two documents compared",
		Pairs: []htmlPair{newHTMLPair(1, a, b, r, cfg)},
	})
}

// writeQueryHTML writes index query's results as a page: each input
// with its near-duplicates, and the pairs of it and its stored sources.
func writeQueryHTML(w io.Writer, results []queryJSON, cfg neardup.Config) error {
	page := htmlPage{Title: "Documents looked up in the store"}
	for _, q := range results {
		hq := htmlQuery{ID: q.ID, Source: q.Source, Near: q.NearDuplicates}
		if q.Error != nil {
			hq.Error = *q.Error
		}
		for k, s := range q.Sources {
			n := len(page.Pairs) + 1
			page.Pairs = append(page.Pairs, newHTMLPair(n, q.stored[s.A], q.input, q.reports[k], cfg))
			hq.Pairs = append(hq.Pairs, n)
		}
		page.Queries = append(page.Queries, hq)
	}
	return writeHTML(w, page)
}
