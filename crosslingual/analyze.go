package crosslingual

import (
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
)

// Doc is a text analysed into the anchor space: its folded text (debris
// removed, as the monolingual path folds it), its anchored words and
// its sentences. It is immutable and safe for concurrent use; make one
// with Options.Analyze.
type Doc struct {
	Lang Lang
	// Text is the folded text, with its map to the original.
	Text    *normalize.Text
	items   []item
	anchors []Anchor
	sents   []sentence
	// occ holds the occurrences of the anchors, sorted, made on first
	// use (evidence.go).
	occOnce sync.Once
	occ     []occurrence
}

// item is a word or phrase with anchors: folded runes [pos, end), its
// anchors anchors[first:first+n], and its weight as evidence.
type item struct {
	pos, end int32
	first, n int32
	weight   float32
	nameOnly bool // Arabic: its only anchors are name skeletons
	// stem is, for an Arabic word, the key of the stem the lexicon
	// translated (see stemKey), what an Index files the word under; for
	// an English word, its stem's number in the lexicon plus one, what
	// an Index looks its Arabic stems up by. 0 if none.
	stem uint64
}

// sentence is a run of items [from, to) and its folded span.
type sentence struct {
	from, to int32
	pos, end int32
}

// foldPipeline folds texts as the monolingual path does by default: the
// same rules, debris removed.
var foldPipeline = prepare.Of(prepare.Default)

// maxTranslations bounds the English stems an Arabic stem anchors: a
// word with more is too ambiguous to say much, and its first ones are
// the dictionaries' first senses.
const maxTranslations = 8

// Analyze folds text and reads its anchors, as English or Arabic (l),
// or as Detect says if l is 0. The only error is normalize.ErrTooLong.
func (o Options) Analyze(text string, l Lang) (*Doc, error) {
	t, err := foldPipeline.Fold(text)
	if err != nil {
		return nil, err
	}
	if l == 0 {
		l = Detect(t.Runes)
	}
	d := &Doc{Lang: l, Text: t}
	if l == 0 {
		return d, nil
	}
	a := analyzer{o: o, d: d, src: t.Src, toks: tokenize(t, l)}
	d.items = make([]item, 0, len(a.toks))
	d.anchors = make([]Anchor, 0, 2*len(a.toks))
	a.run()
	return d, nil
}

// analyzer reads one text.
type analyzer struct {
	o       Options
	d       *Doc
	src     string
	toks    []token
	values  []string
	found   []Anchor
	skels   []string
	sentEnd []bool
}

func (a *analyzer) run() {
	a.sentEnd = sentenceEnds(a.d.Lang, a.src, a.toks)
	start := 0 // first token of the sentence being read
	from := 0  // first item of it
	for i := 0; i < len(a.toks); {
		j := a.item(i)
		if a.sentEnd[j-1] || j == len(a.toks) {
			if len(a.d.items) > from {
				a.d.sents = append(a.d.sents, sentence{from: int32(from), to: int32(len(a.d.items)),
					pos: a.toks[start].pos, end: a.toks[j-1].end})
			}
			start, from = j, len(a.d.items)
		}
		i = j
	}
}

// item reads the item at token i, adds it if it has anchors, and
// returns the token after it.
func (a *analyzer) item(i int) int {
	l, kinds := a.d.Lang, a.o.Anchors
	a.found = a.found[:0]
	j := i
	small := false
	// Weekdays first: الاثنين is Monday, not the number two.
	if kinds.Has(Calendar) {
		if k, an := readCalendar(l, a.src, a.toks, i); k > i {
			a.found, j = append(a.found, an), k
		}
	}
	if j == i && kinds.Has(Number) {
		var k int
		if k, a.values = readNumber(l, a.src, a.toks, i, a.values[:0]); k > i {
			for _, v := range a.values {
				a.found = append(a.found, anchorOf(Number, v))
			}
			j, small = k, isSmall(a.values[0])
		}
	}
	if j == i && kinds.Has(Place) {
		var buf [4]Anchor
		if k, ans := readPlace(l, a.src, a.toks, i, buf[:0]); k > i {
			a.found, j = append(a.found, ans...), k
			if k == i+1 && kinds.Has(Name) {
				// A one-word place may be a name as well: the light
				// stem of بريت (Brett) is that of البريتونية (Breton).
				a.names(&a.toks[i])
			}
		}
	}
	nameOnly, stem := false, uint64(0)
	if j == i {
		j = i + 1
		nameOnly, stem = a.word(&a.toks[i])
	}
	if len(a.found) > 0 {
		a.add(a.toks[i].pos, a.toks[j-1].end, nameOnly, small, stem)
	}
	return j
}

// word finds the anchors of a single word: through the lexicon, and its
// skeletons as a name. It reports whether only skeletons were found,
// and the item's stem (see item.stem).
func (a *analyzer) word(t *token) (nameOnly bool, stem uint64) {
	w := t.s
	if len(t.r) < 2 {
		return false, 0
	}
	lex, kinds := a.o.Lexicon, a.o.Anchors
	if a.d.Lang == English {
		if englishStop[w] {
			return false, 0
		}
		if lex != nil && kinds.Has(Word) {
			if k, ok := lex.enNum[StemEnglish(w)]; ok {
				a.found = append(a.found, lex.enWord[k])
				stem = uint64(k) + 1
			}
		}
		a.names(t)
		return false, stem
	}
	if arabicStop[w] {
		return false, 0
	}
	if lex != nil && kinds.Has(Word) {
		ens, h := lex.translations(&t.stems)
		for _, e := range ens {
			a.found = append(a.found, lex.enWord[e])
		}
		if h != 0 {
			stem = stemKey(h)
		}
	}
	words := len(a.found)
	a.names(t)
	return words == 0, stem
}

// names adds the name anchors of word t: of an Arabic word always, of
// an English one if it is capitalized.
func (a *analyzer) names(t *token) {
	switch {
	case !a.o.Anchors.Has(Name):
	case a.d.Lang == Arabic:
		a.found = appendArabicNames(a.found, t.r)
	case capitalized(a.src, *t):
		for _, s := range englishSkeletons(a.skels[:0], t.s) {
			a.found = append(a.found, anchorOf(Name, s))
		}
	}
}

// Weights of the kinds of anchors as evidence of translation: a figure
// or a place is rarer in a sentence, and so says more, than a word.
var kindWeight = [...]float32{Number: 2, Calendar: 1.5, Place: 2, Name: 1.5, Word: 1}

// smallNumberWeight is the weight of the numbers from 0 to 12: counts
// and days that any two texts share.
const smallNumberWeight = 1

// add adds the item of the runes [pos, end) with the anchors found.
func (a *analyzer) add(pos, end int32, nameOnly, small bool, stem uint64) {
	d := a.d
	it := item{pos: pos, end: end, first: int32(len(d.anchors)), n: int32(len(a.found)), nameOnly: nameOnly, stem: stem}
	for _, an := range a.found {
		w := kindWeight[an.Kind()]
		if an.Kind() == Number && small {
			w = smallNumberWeight
		}
		it.weight = max(it.weight, w)
	}
	d.anchors = append(d.anchors, a.found...)
	d.items = append(d.items, it)
}

// isSmall reports whether the canonical number v is from 0 to 12.
func isSmall(v string) bool {
	return len(v) == 1 || v == "10" || v == "11" || v == "12"
}

// Anchored is a word or phrase of a Doc that has anchors: where it is,
// and the kinds of its anchors.
type Anchored struct {
	Span  compare.Span
	Kinds Kinds
}

// Anchored returns the words and phrases of d that have anchors, in
// text order.
func (d *Doc) Anchored() []Anchored {
	out := make([]Anchored, len(d.items))
	for k, it := range d.items {
		s, e := d.Text.ByteSpan(int(it.pos), int(it.end))
		rs, re := d.Text.RuneSpan(int(it.pos), int(it.end))
		out[k].Span = compare.Span{Start: s, End: e, RuneStart: rs, RuneEnd: re, Pos: int(it.pos), PosEnd: int(it.end)}
		for _, a := range d.anchors[it.first : it.first+it.n] {
			out[k].Kinds |= KindsOf(a.Kind())
		}
	}
	return out
}
