package debris

import (
	"slices"
	"strings"
	"unicode"

	"github.com/neardup/neardup/normalize"
)

// Phrases are found by their first word, keyed by its length and first
// and last runes packed in a uint64: the key costs nothing to compute
// while the text is split (no string conversion, no hashing of every
// rune), and words sharing a key are told apart on their runes. A filter
// of the keys in the lexicon answers "no phrase starts with this word"
// for most words without a map lookup.
func wordKey(rs []rune) uint64 {
	n := min(len(rs), 1<<22-1)
	return uint64(rs[0])<<43 | uint64(rs[len(rs)-1])<<22 | uint64(n)
}

// filterBits sizes the filter; a few hundred first words set under a
// tenth of its bits.
const (
	filterShift = 12
	filterBits  = 1 << filterShift
)

// filterBit returns the word and bit of the filter for a key, from the
// top bits of a multiplicative hash.
func filterBit(key uint64) (int, uint64) {
	b := (key * 0x9E3779B97F4A7C15) >> (64 - filterShift)
	return int(b / 64), 1 << (b % 64)
}

// phrase is a folded lexicon entry.
type phrase struct {
	words       [][]rune
	class       class
	mode        mode
	label, caps bool
}

func newPhrase(folded string, e entry) *phrase {
	p := &phrase{class: e.class, mode: e.mode, label: e.label, caps: e.caps}
	for _, w := range strings.FieldsFunc(folded, func(c rune) bool { return c == ' ' || c == '\n' }) {
		p.words = append(p.words, []rune(w))
	}
	return p
}

// matchAt reports whether p's words are ws[i:i+len(p.words)].
func (p *phrase) matchAt(t *normalize.Text, ws []word, i int) bool {
	if len(ws)-i < len(p.words) {
		return false
	}
	for k, w := range p.words {
		if !slices.Equal(t.Runes[ws[i+k].start:ws[i+k].end], w) {
			return false
		}
	}
	return true
}

func sortLongestFirst(ps []*phrase) {
	slices.SortStableFunc(ps, func(a, b *phrase) int { return len(b.words) - len(a.words) })
}

// candidates returns the phrases whose first word may be w.
func (d *Detector) candidates(t *normalize.Text, w *word) []*phrase {
	key := wordKey(t.Runes[w.start:w.end])
	if i, bit := filterBit(key); d.filter[i]&bit == 0 {
		return nil
	}
	return d.byFirst[key]
}

// word is a folded word: its rune positions.
type word struct{ start, end int }

// line is a folded line.
type line struct {
	start, end int    // folded runes [start, end), end at the '\n' or the text end
	w0, w1     int    // its words are page.words[w0:w1]
	roles      uint16 // bit c set: a phrase of class c matches
	labels     bool   // it is made only of lexicon phrases and numbers
	base       Kind   // what the line rules (markers, repeats) say
	kind       Kind   // what all the rules say
}

func (l *line) n() int { return l.w1 - l.w0 }

func (l *line) has(pred func(classInfo) bool) bool {
	for c := range numClasses {
		if l.roles&(1<<c) != 0 && pred(classes[c]) {
			return true
		}
	}
	return false
}

// page is one Find call's view of a text.
type page struct {
	d     *Detector
	t     *normalize.Text
	words []word
	lines []line
}

// scan splits t into lines and words and matches every line against the
// lexicon.
func (d *Detector) scan(t *normalize.Text) *page {
	rs := t.Runes
	p := &page{d: d, t: t, words: make([]word, 0, len(rs)/5+1), lines: make([]line, 0, 16)}
	wordStart, lineStart, lineW := 0, 0, 0
	for i, c := range rs {
		if c > ' ' || c != ' ' && c != '\n' {
			continue
		}
		p.endWord(wordStart, i)
		wordStart = i + 1
		if c == '\n' {
			p.endLine(lineStart, i, lineW)
			lineStart, lineW = i+1, len(p.words)
		}
	}
	p.endWord(wordStart, len(rs))
	p.endLine(lineStart, len(rs), lineW)
	for i := range p.lines {
		d.classify(p, &p.lines[i])
	}
	return p
}

// endWord and endLine record a word or line; the checks only matter for
// a Text built by hand, with separators doubled.
func (p *page) endWord(start, end int) {
	if end > start {
		p.words = append(p.words, word{start, end})
	}
}

func (p *page) endLine(start, end, w0 int) {
	if len(p.words) > w0 {
		p.lines = append(p.lines, line{start: start, end: end, w0: w0, w1: len(p.words)})
	}
}

// classify sets the roles of a line.
func (d *Detector) classify(p *page, ln *line) {
	ws := p.words[ln.w0:ln.w1]
	n := len(ws)
	if n <= maxLabelWords {
		if roles, ok := d.segment(p, ws); ok {
			ln.roles, ln.labels = roles, true
			return
		}
	}
	for _, ph := range d.candidates(p.t, &ws[0]) {
		if ph.mode == start && n <= classes[ph.class].maxWords &&
			ph.matchAt(p.t, ws, 0) && p.capsOK(ph, ws) && p.labelOK(ph, ws) {
			ln.roles |= 1 << ph.class
		}
	}
	if n > maxAnywhereWords {
		return
	}
	for i := range ws {
		for _, ph := range d.candidates(p.t, &ws[i]) {
			if ph.mode == anywhere && n <= classes[ph.class].maxWords && ph.matchAt(p.t, ws, i) {
				ln.roles |= 1 << ph.class
			}
		}
	}
}

// segment reports whether ws is made only of lexicon phrases and numbers,
// with at least one phrase, and the classes of the phrases. Longer
// phrases are tried first; ok[i] memoises whether ws[i:] segments.
func (d *Detector) segment(p *page, ws []word) (uint16, bool) {
	var ok [maxLabelWords + 1]bool
	var roles [maxLabelWords + 1]uint16
	n := len(ws)
	ok[n] = true
	for i := n - 1; i >= 0; i-- {
		if ok[i+1] && p.isNumber(ws[i]) {
			ok[i], roles[i] = true, roles[i+1]
			continue
		}
		for _, ph := range d.candidates(p.t, &ws[i]) {
			j := i + len(ph.words)
			if j <= n && ok[j] && ph.matchAt(p.t, ws, i) && p.capsOK(ph, ws[i:]) {
				ok[i], roles[i] = true, roles[j]|1<<ph.class
				break
			}
		}
	}
	return roles[0], ok[0] && roles[0] != 0
}

func (p *page) isNumber(w word) bool {
	for _, c := range p.t.Runes[w.start:w.end] {
		if !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// capsOK checks the caps flag of ph matched at the start of ws: no
// lower-case letter in the original words.
func (p *page) capsOK(ph *phrase, ws []word) bool {
	if !ph.caps {
		return true
	}
	b0, _ := p.t.ByteSpan(ws[0].start, ws[0].start+1)
	last := ws[len(ph.words)-1]
	_, b1 := p.t.ByteSpan(last.end-1, last.end)
	for _, c := range p.t.Src[b0:b1] {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// labelOK checks the label flag of ph matched at the start of ws: the
// phrase ends the line, or a colon or dash follows it in the original.
func (p *page) labelOK(ph *phrase, ws []word) bool {
	k := len(ph.words)
	if !ph.label || k == len(ws) {
		return true
	}
	_, b0 := p.t.ByteSpan(ws[k-1].end-1, ws[k-1].end)
	b1, _ := p.t.ByteSpan(ws[k].start, ws[k].start+1)
	return strings.ContainsAny(p.t.Src[b0:b1], ":：-–—|")
}

const lineBreaks = "\n\r\v\f\u0085\u2028\u2029"

// tail returns the original text between the last folded rune of line i
// and the line break after it: the line's closing punctuation.
func (p *page) tail(i int) string {
	ln := &p.lines[i]
	_, b0 := p.t.ByteSpan(ln.end-1, ln.end)
	b1 := len(p.t.Src)
	if i+1 < len(p.lines) {
		b1, _ = p.t.ByteSpan(p.lines[i+1].start, p.lines[i+1].start+1)
	}
	s := p.t.Src[b0:b1]
	if k := strings.IndexAny(s, lineBreaks); k >= 0 {
		s = s[:k]
	}
	return s
}

// head returns the original text between the line break before line i
// and its first folded rune: a bullet, if any.
func (p *page) head(i int) string {
	b0 := 0
	if i > 0 {
		prev := &p.lines[i-1]
		_, b0 = p.t.ByteSpan(prev.end-1, prev.end)
	}
	b1, _ := p.t.ByteSpan(p.lines[i].start, p.lines[i].start+1)
	s := p.t.Src[b0:b1]
	if k := strings.LastIndexAny(s, lineBreaks); k >= 0 {
		s = s[k+1:]
	}
	return s
}

// endsSentence reports whether line i ends in a full stop (not an
// ellipsis "..").
func (p *page) endsSentence(i int) bool {
	s := p.tail(i)
	for k := 0; k < len(s); k++ {
		if s[k] == '.' && (k+1 == len(s) || s[k+1] != '.') && (k == 0 || s[k-1] != '.') {
			return true
		}
	}
	return strings.ContainsAny(s, "۔。")
}

const bullets = "•‣◦●○▪▫■□►▶▸◆◇➤→·*-–—"

func (p *page) bulleted(i int) bool { return strings.ContainsAny(p.head(i), bullets) }

// headlineLike reports whether line i can be an item of a list of links.
func (p *page) headlineLike(i int) bool {
	n := p.lines[i].n()
	if p.bulleted(i) {
		return n <= maxBulletWords
	}
	return n <= maxHeadlineWords && !p.endsSentence(i)
}

// lineKey is a cheap key for finding repeated lines: the length and the
// first and last runes. Lines sharing a key are compared on their runes.
func (p *page) lineKey(l *line) uint64 {
	return wordKey(p.t.Runes[l.start:l.end])
}

// sameLine reports whether lines a and b have the same words.
func (p *page) sameLine(a, b *line) bool {
	return slices.Equal(p.t.Runes[a.start:a.end], p.t.Runes[b.start:b.end])
}

// prefix reports whether the words of a start the words of b.
func (p *page) prefix(a, b *line) bool {
	if a.n() > b.n() {
		return false
	}
	for k := 0; k < a.n(); k++ {
		wa, wb := p.words[a.w0+k], p.words[b.w0+k]
		if !slices.Equal(p.t.Runes[wa.start:wa.end], p.t.Runes[wb.start:wb.end]) {
			return false
		}
	}
	return true
}
