// Package debris finds the site furniture that scraped news pages carry
// around and inside an article, so that it can be dropped before
// shingling: ad slots, "read also" links and lists of other headlines,
// related-article widgets, comment forms, tags, source and byline lines,
// share and follow prompts, support appeals and the collapsible boxes they
// sit in, badges such as "عاجل", copyright and cookie notices, and a
// headline or caption repeated as a line of its own.
//
// Left in, it makes unrelated stories from one site look alike (text it
// repeats on every page) and keeps copies of one story apart (the other
// headlines each copy links to). Detection is line based, on folded
// text, with a lexicon folded by the same rules as the text; the rules
// and their bounds are described in rules.go.
package debris

import (
	"strconv"
	"sync"

	"github.com/neardup/neardup/normalize"
)

// Kind says which rule found a Range.
type Kind uint8

const (
	// Marker is a line of boilerplate on its own: an ad slot, a badge, a
	// share prompt, a source line, an injected "READ <headline>" link.
	Marker Kind = iota + 1
	// List is a "read also" or "related" header with the short
	// headline-like lines under it.
	List
	// Box is a support appeal and the lines of its collapsible box, from
	// the appeal to the control or button that closes it.
	Box
	// Repeat is a line repeating an earlier one: an exact repeat, a
	// caption repeating the start of the title or of the next caption.
	Repeat
	// Trailer runs from a strong end-of-article marker (tags, comment
	// form, related articles, share block) to the end of the text.
	Trailer
)

// String returns the lower-case name of k.
func (k Kind) String() string {
	switch k {
	case Marker:
		return "marker"
	case List:
		return "list"
	case Box:
		return "box"
	case Repeat:
		return "repeat"
	case Trailer:
		return "trailer"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Range is a run of debris in folded rune positions of a normalize.Text:
// Runes[Start:End]. It always covers whole lines: Start is 0 or follows a
// '\n', and End is the text length or follows a '\n' (the line break
// ending the last line of the range is part of it, so ranges of
// consecutive lines are adjacent and removing them leaves no empty line).
type Range struct {
	Start, End int
	Kind       Kind
}

// Detector finds debris. Build one with New; it is immutable after that
// and safe for concurrent use by any number of goroutines.
type Detector struct {
	// byFirst maps the key (wordKey) of the first folded word of each
	// lexicon phrase to the phrases that start with a word of that key,
	// longest first, so that a line is matched with at most one map
	// lookup per word; filter has the bit of each of those keys set, to
	// skip most lookups.
	byFirst map[uint64][]*phrase
	filter  [filterBits / 64]uint64
}

// New builds a Detector for texts folded with rules: the lexicon is
// folded with the same rules, so it matches whatever spelling the text
// uses that folds alike. The lexicon is tuned for normalize.Default; with
// folds turned off (Case, Alef, …) it matches only the spellings it is
// written in.
func New(rules normalize.Rules) *Detector {
	d := &Detector{byFirst: make(map[uint64][]*phrase)}
	// Spellings that fold alike are one phrase.
	type key struct {
		folded      string
		class       class
		mode        mode
		label, caps bool
	}
	seen := make(map[key]bool)
	for _, e := range lexicon {
		folded := rules.String(e.text)
		k := key{folded, e.class, e.mode, e.label, e.caps}
		if folded == "" || seen[k] {
			continue // folds away entirely under these rules, or a repeat
		}
		seen[k] = true
		p := newPhrase(folded, e)
		first := wordKey(p.words[0])
		d.byFirst[first] = append(d.byFirst[first], p)
		i, bit := filterBit(first)
		d.filter[i] |= bit
	}
	for _, ps := range d.byFirst {
		sortLongestFirst(ps)
	}
	return d
}

// Find returns the debris in t: sorted, non-overlapping ranges of whole
// lines, adjacent lines of the same kind merged into one range. It never
// lets the block rules (lists, boxes, trailer) take the article: when
// they would leave less than a third of the words, Find falls back to the
// lines that match on their own (markers and repeats). When those alone
// cover every word, the page is boilerplate only (a failed scrape, a
// comment page) and all of it is returned: such a page has no article to
// compare, and kept whole it would match every other such page.
func (d *Detector) Find(t *normalize.Text) []Range {
	if t == nil || t.Len() == 0 {
		return nil
	}
	p := d.scan(t)
	p.findAll()
	return p.ranges()
}

// Strip returns t without the debris Find reports. The offset map still
// points into t.Src. A text without debris is returned as is.
func (d *Detector) Strip(t *normalize.Text) *normalize.Text {
	rs := d.Find(t)
	if len(rs) == 0 {
		return t
	}
	cut := make([][2]int, len(rs))
	for i, r := range rs {
		cut[i] = [2]int{r.Start, r.End}
	}
	return t.Without(cut)
}

// defaultDetector is built on first use, not at init: the lexicon is
// folded through normalize.Default, whose tables are themselves built
// lazily, and a program that never strips debris should pay for neither.
var defaultDetector = sync.OnceValue(func() *Detector { return New(normalize.Default) })

// Find is Detector.Find with a detector for normalize.Default.
func Find(t *normalize.Text) []Range { return defaultDetector().Find(t) }

// Strip is Detector.Strip with a detector for normalize.Default.
func Strip(t *normalize.Text) *normalize.Text { return defaultDetector().Strip(t) }
