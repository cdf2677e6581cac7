package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/input"
)

// JSON output. The types below fix the keys and their order; see the
// README for the schema. Floats are rounded to 4 decimals.

type batchReport struct {
	Documents []docJSON     `json:"documents"`
	Clusters  []clusterJSON `json:"clusters"`
	Pairs     []pairJSON    `json:"pairs"`
	Errors    []errorJSON   `json:"errors"`
	Stats     statsJSON     `json:"stats"`
}

type docJSON struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Title       string  `json:"title"`
	Runes       int     `json:"runes"`
	Fingerprint *string `json:"fingerprint"`
	Error       *string `json:"error"`
}

type clusterJSON struct {
	ID      int      `json:"id"`
	Members []string `json:"members"`
}

type pairJSON struct {
	A            string          `json:"a"`
	B            string          `json:"b"`
	Verdict      compare.Verdict `json:"verdict"`
	Distance     int             `json:"distance"`
	Resemblance  float4          `json:"resemblance"`
	ContainmentA float4          `json:"containment_a"`
	ContainmentB float4          `json:"containment_b"`
	CoverageA    float4          `json:"coverage_a"`
	CoverageB    float4          `json:"coverage_b"`
	Passages     []passageJSON   `json:"passages"`
}

type passageJSON struct {
	A          excerptJSON `json:"a"`
	B          excerptJSON `json:"b"`
	Similarity float4      `json:"similarity"`
}

type excerptJSON struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	RuneStart int    `json:"rune_start"`
	RuneEnd   int    `json:"rune_end"`
	Excerpt   string `json:"excerpt"`
}

type errorJSON struct {
	Source string `json:"source"`
	Line   *int   `json:"line"`
	Offset *int64 `json:"offset"`
	Error  string `json:"error"`
}

type statsJSON struct {
	Documents     int `json:"documents"`
	InputErrors   int `json:"input_errors"`
	Identical     int `json:"identical"`
	NearDuplicate int `json:"near_duplicate"`
	PartialReuse  int `json:"partial_reuse"`
	Clusters      int `json:"clusters"`
}

// float4 is a float written with at most 4 decimals.
type float4 float64

func (f float4) MarshalJSON() ([]byte, error) { return f.append(nil), nil }

func (f float4) append(b []byte) []byte {
	v := math.Round(float64(f)*1e4) / 1e4
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

func newDocJSON(d *document) docJSON {
	j := docJSON{ID: d.ID, Source: d.Source, Title: d.Title, Runes: d.runes}
	if fp := d.fingerprint(); fp != "" {
		j.Fingerprint = &fp
	}
	if d.note != "" {
		note := d.note
		j.Error = &note
	}
	return j
}

func newErrorJSON(ie *input.InputError) errorJSON {
	j := errorJSON{Source: ie.Source, Error: "unknown error"}
	if ie.Err != nil {
		j.Error = ie.Err.Error()
	}
	if ie.Line > 0 {
		line := ie.Line
		j.Line = &line
	}
	if ie.Offset >= 0 {
		off := ie.Offset
		j.Offset = &off
	}
	return j
}

// writeBatchJSON writes the batch report as one indented JSON object,
// {"documents", "clusters", "pairs", "errors", "stats"}, streaming: a
// large corpus has hundreds of thousands of pairs, and building the whole
// report before encoding it doubled the peak memory and ran on one core.
// Elements are encoded in parallel, in chunks written in order, so the
// bytes are those of encoding batchReport in one go.
func writeBatchJSON(w io.Writer, res *result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("{\n")
	writeArray(bw, "documents", len(res.docs), func(i int) docJSON { return newDocJSON(res.docs[i]) })
	bw.WriteString(",\n")
	writeArray(bw, "clusters", len(res.clusters), func(i int) clusterJSON {
		ids := make([]string, len(res.clusters[i]))
		for k, m := range res.clusters[i] {
			ids[k] = res.docs[m].ID
		}
		return clusterJSON{ID: i + 1, Members: ids}
	})
	bw.WriteString(",\n")
	writeArray(bw, "pairs", len(res.matches), func(i int) pairJSON { return newPairJSON(res, res.matches[i]) })
	bw.WriteString(",\n")
	writeArray(bw, "errors", len(res.errors), func(i int) errorJSON { return newErrorJSON(res.errors[i]) })
	bw.WriteString(",\n  \"stats\": ")
	bw.Write(encodeIndented(nil, stats(res), "  "))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `  "name": [...]` with each element indented as
// json.Encoder.SetIndent("", "  ") would inside the top-level object.
// Write errors are left to the final Flush, which reports the first.
func writeArray[T any](bw *bufio.Writer, name string, n int, elem func(i int) T) {
	fmt.Fprintf(bw, "  %q: [", name)
	if n == 0 {
		bw.WriteString("]")
		return
	}
	const chunk = 256
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	for start := 0; start < n; start += chunk * workers {
		var wg sync.WaitGroup
		for k := range workers {
			lo := start + k*chunk
			hi := min(lo+chunk, n)
			if lo >= hi {
				bufs[k] = bufs[k][:0]
				continue
			}
			wg.Go(func() {
				b := bufs[k][:0]
				for i := lo; i < hi; i++ {
					if i > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n    "...)
					switch v := any(elem(i)).(type) {
					case pairJSON:
						// Most of a large report: written by hand, the
						// encoder's reflection and indenting pass took
						// three quarters of the time.
						b = v.appendIndented(b)
					default:
						b = encodeIndented(b, v, "    ")
					}
				}
				bufs[k] = b
			})
		}
		wg.Wait()
		for _, b := range bufs {
			bw.Write(b)
		}
	}
	bw.WriteString("\n  ]")
}

// encodeIndented appends v as indented JSON whose lines after the first
// start with prefix, without HTML escaping, as writeJSON writes it.
func encodeIndented(b []byte, v any, prefix string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		// The report's types always encode.
		panic(fmt.Sprintf("dedupe: encoding JSON: %v", err))
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendIndented appends p as encodeIndented(p, "    ") would; a test
// compares the two.
func (p pairJSON) appendIndented(b []byte) []byte {
	b = append(b, "{\n      \"a\": "...)
	b = appendJSONString(b, p.A)
	b = append(b, ",\n      \"b\": "...)
	b = appendJSONString(b, p.B)
	b = append(b, ",\n      \"verdict\": "...)
	b = appendJSONString(b, p.Verdict.String())
	b = append(b, ",\n      \"distance\": "...)
	b = strconv.AppendInt(b, int64(p.Distance), 10)
	for _, f := range [...]struct {
		key string
		v   float4
	}{
		{"resemblance", p.Resemblance}, {"containment_a", p.ContainmentA}, {"containment_b", p.ContainmentB},
		{"coverage_a", p.CoverageA}, {"coverage_b", p.CoverageB},
	} {
		b = append(b, ",\n      \""...)
		b = append(b, f.key...)
		b = append(b, "\": "...)
		b = f.v.append(b)
	}
	b = append(b, ",\n      \"passages\": ["...)
	for k, ps := range p.Passages {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        {\n          \"a\": "...)
		b = ps.A.appendIndented(b)
		b = append(b, ",\n          \"b\": "...)
		b = ps.B.appendIndented(b)
		b = append(b, ",\n          \"similarity\": "...)
		b = ps.Similarity.append(b)
		b = append(b, "\n        }"...)
	}
	if len(p.Passages) > 0 {
		b = append(b, "\n      "...)
	}
	return append(b, "]\n    }"...)
}

func (e excerptJSON) appendIndented(b []byte) []byte {
	b = append(b, "{\n            \"start\": "...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, ",\n            \"end\": "...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, ",\n            \"rune_start\": "...)
	b = strconv.AppendInt(b, int64(e.RuneStart), 10)
	b = append(b, ",\n            \"rune_end\": "...)
	b = strconv.AppendInt(b, int64(e.RuneEnd), 10)
	b = append(b, ",\n            \"excerpt\": "...)
	b = appendJSONString(b, e.Excerpt)
	return append(b, "\n          }"...)
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: invalid UTF-8 becomes U+FFFD; quote, backslash, control
// characters and the JavaScript line separators are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func newPairJSON(res *result, m match) pairJSON {
	a, b, r := res.docs[m.a], res.docs[m.b], m.report
	p := pairJSON{
		A: a.ID, B: b.ID, Verdict: r.Verdict, Distance: r.Distance,
		Resemblance:  float4(r.Resemblance),
		ContainmentA: float4(r.ContainmentA), ContainmentB: float4(r.ContainmentB),
		CoverageA: float4(r.CoverageA), CoverageB: float4(r.CoverageB),
		Passages: make([]passageJSON, len(r.Passages)),
	}
	for k, ps := range r.Passages {
		p.Passages[k] = passageJSON{
			A:          newExcerptJSON(a.Text, ps.A, res.flags.excerpt),
			B:          newExcerptJSON(b.Text, ps.B, res.flags.excerpt),
			Similarity: float4(ps.Similarity),
		}
	}
	return p
}

func newExcerptJSON(src string, s compare.Span, n int) excerptJSON {
	return excerptJSON{
		Start: s.Start, End: s.End, RuneStart: s.RuneStart, RuneEnd: s.RuneEnd,
		Excerpt: excerpt(src[s.Start:s.End], n),
	}
}

func stats(res *result) statsJSON {
	s := statsJSON{
		Documents:   len(res.docs),
		InputErrors: len(res.errors),
		Clusters:    len(res.clusters),
	}
	for _, m := range res.matches {
		switch m.report.Verdict {
		case compare.Identical:
			s.Identical++
		case compare.NearDuplicate:
			s.NearDuplicate++
		case compare.PartialReuse:
			s.PartialReuse++
		}
	}
	return s
}

// writeJSON writes v as indented JSON, HTML characters unescaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Text output.

// printer writes formatted text and remembers the first error.
type printer struct {
	w   *bufio.Writer
	err error
	style
}

func newPrinter(w io.Writer, s style) *printer { return &printer{w: bufio.NewWriter(w), style: s} }

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) flush() error {
	if p.err == nil {
		p.err = p.w.Flush()
	}
	return p.err
}

// style adds ANSI colours and weights when on.
type style struct{ on bool }

func newStyle(on bool) style { return style{on} }

func (s style) sgr(code, text string) string {
	if !s.on {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(text string) string { return s.sgr("1", text) }
func (s style) dim(text string) string  { return s.sgr("2", text) }

// verdict writes v, coloured by severity.
func (s style) verdict(v compare.Verdict) string {
	switch v {
	case compare.Identical, compare.NearDuplicate:
		return s.sgr("1;31", v.String())
	case compare.PartialReuse:
		return s.sgr("1;33", v.String())
	}
	return v.String()
}

// listDocuments is the most documents the text report lists one by one.
const listDocuments = 50

// writeText writes the batch report for people.
func writeText(w io.Writer, res *result, s style) error {
	p := newPrinter(w, s)
	st := stats(res)

	comparable := 0
	var skipped []*document
	for _, d := range res.docs {
		if d.note == "" {
			comparable++
		} else {
			skipped = append(skipped, d)
		}
	}
	p.printf("Read %s", plural(st.Documents, "document"))
	if st.InputErrors > 0 {
		p.printf("; %s failed (see stderr)", plural(st.InputErrors, "input"))
	}
	p.printf(".\n")
	p.printf("Aligned the candidate pairs of %s (of %d possible pairs: fingerprints within %d bits, shared seeds): %d %s text.\n",
		plural(comparable, "document"), comparable*(comparable-1)/2, res.flags.radius,
		len(res.matches), pick(len(res.matches) == 1, "shares", "share"))
	if n := len(res.docs); n > 0 && n <= listDocuments {
		p.printf("\n%s\n", p.bold(fmt.Sprintf("Documents (%d)", n)))
		for _, d := range res.docs {
			p.printf("  %s  %s\n", isolate(display(d.ID)), p.dim(docSummary(d)))
			p.printf("      %s\n", isolate(opening(d)))
		}
	}
	if len(skipped) > 0 {
		p.printf("\n%s\n", p.bold(fmt.Sprintf("Not compared (%d)", len(skipped))))
		for _, d := range skipped {
			p.printf("  %s  %s\n", isolate(display(d.ID)), p.dim(d.note))
		}
	}

	p.printf("\n%s\n", p.bold(fmt.Sprintf("Near-duplicate clusters (%d)", len(res.clusters))))
	if len(res.clusters) == 0 {
		p.printf("  none\n")
	}
	for i, c := range res.clusters {
		p.printf("\n  %s\n", p.bold(fmt.Sprintf("Cluster %d: %d documents", i+1, len(c))))
		for _, k := range c {
			d := res.docs[k]
			p.printf("    %s  %s\n", isolate(display(d.ID)), p.dim(docSummary(d)))
			p.printf("        %s\n", isolate(opening(d)))
		}
	}

	p.printf("\n%s\n", p.bold(fmt.Sprintf("Pairs sharing text (%d: %d identical, %d near-duplicate, %d partial reuse)",
		len(res.matches), st.Identical, st.NearDuplicate, st.PartialReuse)))
	if len(res.matches) == 0 {
		p.printf("  none\n")
	}
	for i, m := range res.matches {
		a, b, r := res.docs[m.a], res.docs[m.b], m.report
		p.printf("\n  %s\n", p.bold(fmt.Sprintf("Pair %d", i+1)))
		p.printf("    A  %s\n    B  %s\n", isolate(display(a.ID)), isolate(display(b.ID)))
		v := p.verdict(r.Verdict)
		if a.cluster != 0 && r.Verdict >= compare.NearDuplicate {
			v += fmt.Sprintf(" (cluster %d)", a.cluster)
		}
		p.printf("    verdict      %s\n", v)
		writeScores(p, "    ", r)
		for k, ps := range r.Passages {
			p.printf("    %s\n", p.bold(fmt.Sprintf("passage %d of %d", k+1, len(r.Passages)))+
				p.dim(fmt.Sprintf("  similarity %s", pct(ps.Similarity))))
			for _, side := range []struct {
				label string
				src   string
				span  compare.Span
			}{{"A", a.Text, ps.A}, {"B", b.Text, ps.B}} {
				p.printf("      %s  %s\n", side.label, p.dim(spanText(side.span)))
				p.printf("         %s\n", isolate(excerpt(side.src[side.span.Start:side.span.End], res.flags.excerpt)))
			}
		}
	}
	return p.flush()
}

// writeScores writes the scores of r, indented.
func writeScores(p *printer, indent string, r compare.Report) {
	p.printf("%scontainment  A in B %s   B in A %s\n", indent, pct(r.ContainmentA), pct(r.ContainmentB))
	p.printf("%scoverage     A %s   B %s   (share of each text inside passages)\n", indent, pct(r.CoverageA), pct(r.CoverageB))
	p.printf("%sresemblance  %s   fingerprint distance %s\n", indent, pct(r.Resemblance), distance(r.Distance))
}

func distance(d int) string {
	if d < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d of 64 bits", d)
}

// docSummary describes a document on one line: source (unless it is a
// path ending in the ID), size and fingerprint.
func docSummary(d *document) string {
	var parts []string
	if !strings.HasSuffix(filepath.ToSlash(d.Source), d.ID) {
		parts = append(parts, isolate(display(d.Source)))
	}
	parts = append(parts, plural(d.runes, "rune"))
	if fp := d.fingerprint(); fp != "" {
		parts = append(parts, "fingerprint "+fp)
	}
	return strings.Join(parts, ", ")
}

// opening returns the title of d, or else the start of its text, on one
// line, for people to recognize the document by.
func opening(d *document) string {
	s := d.Title
	if s == "" {
		s = d.Text
	}
	return head(s, openingRunes)
}

const openingRunes = 50

// head returns the first n runes or so of s on one line, cut at a word
// boundary if there is one near, with an ellipsis if anything was cut.
func head(s string, n int) string {
	r := []rune(display(s))
	if len(r) <= n+n/4 {
		return string(r)
	}
	r = r[:n]
	if i := lastSpace(r); i >= n-n/4 {
		r = r[:i]
	}
	return strings.TrimSpace(string(r)) + ellipsis
}

func spanText(s compare.Span) string {
	return fmt.Sprintf("bytes %d–%d, runes %d–%d", s.Start, s.End, s.RuneStart, s.RuneEnd)
}

// pct writes a share as a percentage with one decimal.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

func pick(c bool, yes, no string) string {
	if c {
		return yes
	}
	return no
}

// Excerpts and right-to-left text.

const (
	fsi      = "\u2068" // FIRST STRONG ISOLATE
	pdi      = "\u2069" // POP DIRECTIONAL ISOLATE
	ellipsis = "…"
)

// excerpt returns s on one line, white space collapsed, cut to its first
// and last n runes around an ellipsis when longer than about 2n runes.
// Cuts fall at rune boundaries, moved to a word boundary when one is
// within n/4 runes, so words are not split.
func excerpt(s string, n int) string {
	// Only the runes shown are tidied: passages run to thousands of
	// runes, and tidying all of them took most of the time of writing
	// a large report.
	limit := 2*n + n/4
	// The runes shown fit on the stack at the default length.
	var hb, tb [256]rune
	r := displayHead(hb[:0], s, limit+1)
	if len(r) <= limit {
		return string(r)
	}
	head, tail := r[:n], displayTail(tb[:0], s, n)
	if i := lastSpace(head); i >= n-n/4 && i > 0 {
		head = head[:i]
	}
	if i := firstSpace(tail); i >= 0 && i < n/4 {
		tail = tail[i+1:]
	}
	return strings.TrimSpace(string(head)) + " " + ellipsis + " " + strings.TrimSpace(string(tail))
}

// displayHead appends to dst the first n runes of display(s), or all of
// them if there are fewer.
func displayHead(dst []rune, s string, n int) []rune {
	t := tidier{n: n + len(dst)}
	for _, c := range s {
		var more bool
		if dst, more = t.add(dst, c); !more {
			break
		}
	}
	return dst
}

// displayTail appends to dst the last n runes of display(s), or all of
// them if there are fewer, reading s backwards.
func displayTail(dst []rune, s string, n int) []rune {
	t, start := tidier{n: n + len(dst)}, len(dst)
	for i := len(s); i > 0; {
		c, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		var more bool
		if dst, more = t.add(dst, c); !more {
			break
		}
	}
	slices.Reverse(dst[start:])
	return dst
}

// tidier collects up to n runes of display of the runes it is given, in
// the order given. Forwards or backwards is the same to it: display keeps
// one space between two kept runes with white space between them, and
// none at either end. The runes go in a slice the caller holds, which
// can then live on its stack.
type tidier struct {
	n     int
	space bool // white space seen since the last rune kept
}

// add appends what c gives to out, and reports whether more runes are
// wanted.
func (t *tidier) add(out []rune, c rune) ([]rune, bool) {
	if len(out) >= t.n {
		return out, false
	}
	// Letters of the Arabic block and ASCII letters and digits, nearly
	// all of a news text, are kept as they are: the table lookups of
	// the general case cost more than the rest of an excerpt.
	if !(c >= 0x0621 && c <= 0x064A || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
		switch {
		case unicode.IsSpace(c):
			t.space = len(out) > 0
			return out, true
		case dropped(c):
			return out, true
		}
	}
	if t.space {
		out = append(out, ' ')
		t.space = false
		if len(out) >= t.n {
			return out, false
		}
	}
	return append(out, c), true
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

func firstSpace(r []rune) int {
	for i, c := range r {
		if c == ' ' {
			return i
		}
	}
	return -1
}

// display makes s safe and tidy to print on one line: runs of white space
// become one space, and control characters (which could drive a terminal)
// and explicit bidirectional embeddings, overrides and isolates (which
// would unbalance ours) are dropped.
func display(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			space = b.Len() > 0
			continue
		case dropped(c):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dropped reports whether display drops c.
func dropped(c rune) bool {
	return unicode.IsControl(c) ||
		(c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
}

// isolate wraps s in a first-strong isolate if it holds right-to-left
// letters, so that terminals lay it out on its own: an Arabic excerpt
// followed by Latin text or numbers keeps both in reading order.
func isolate(s string) string {
	if !hasRTL(s) {
		return s
	}
	return fsi + s + pdi
}

func hasRTL(s string) bool {
	for _, c := range s {
		if c < 0x0590 {
			continue
		}
		p, _ := bidi.LookupRune(c)
		if cl := p.Class(); cl == bidi.R || cl == bidi.AL {
			return true
		}
	}
	return false
}
