package compare

import (
	"slices"
	"strings"
	"sync"

	"github.com/neardup/neardup/internal/cldr"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

// Stats are a collection's document frequencies: of how many of its
// documents hold a word stem (shingle.Word.Stem) or a mark
// (shingle.Mark.Hash). A neardup.Corpus provides its own. They must be
// safe for concurrent use. A mark's frequency is only ever compared
// with CommonMark(Docs()), a stem's with CommonStem(Docs()): any answer
// from there on gives the same reports.
type Stats interface {
	Docs() int
	StemDF(stem uint64) int
	MarkDF(hash uint64) int
}

// Rarity thresholds, as document frequencies in a collection of n
// documents. Text held by more documents than this is common: titles,
// set phrases and formulas, or a story printed everywhere. They are
// absolute below 30,000 documents (a small collection cannot tell a
// formula from a story) and grow with larger ones.
func rareMark(n int) int { return max(15, n/2000) }
func rareStem(n int) int { return max(50, n/600) }
func slotStem(n int) int { return max(30, n/1000) }

// CommonMark returns the least document frequency of a mark that is
// common in a collection of n documents: one held by this many documents
// or more is never evidence of reuse by itself. A Stats whose counting
// costs may stop counting a mark's documents there, as any frequency
// from it on gives the same reports.
func CommonMark(n int) int { return rareMark(n) + 1 }

// CommonStem is CommonMark for word stems: a stem held by this many
// documents or more is neither rare evidence of reuse nor a formula's
// slot.
func CommonStem(n int) int { return max(rareStem(n), slotStem(n)) + 1 }

// facts are what the verdict reads beyond the report's scores, measured
// with the pair in aligned order.
type facts struct {
	slots      [][2][2]int // folded spans of the slots, A then B
	sharedRare int         // rare stems both hold inside passages
}

// boilerplate reports whether p is common text of the collection: none
// of the marks or stems both texts hold inside it is rare.
func boilerplate(sc *scratch, p span, a, b *prepare.Doc, st Stats) bool {
	if st == nil {
		return false
	}
	n := st.Docs()
	in := sc.hashes[:0]
	for _, m := range b.Marks() {
		if int(m.Pos) >= p.bStart && int(m.Pos) < p.bEnd {
			in = append(in, m.Hash)
		}
	}
	slices.Sort(in)
	for _, m := range a.Marks() {
		if int(m.Pos) >= p.aStart && int(m.Pos) < p.aEnd {
			if _, ok := slices.BinarySearch(in, m.Hash); ok && st.MarkDF(m.Hash) <= rareMark(n) {
				sc.hashes = in
				return false
			}
		}
	}
	in = in[:0]
	for _, w := range b.Words {
		if int(w.Pos) >= p.bStart && int(w.End) <= p.bEnd {
			in = append(in, w.Stem)
		}
	}
	slices.Sort(in)
	sc.hashes = in
	for _, w := range a.Words {
		if int(w.Pos) >= p.aStart && int(w.End) <= p.aEnd {
			if _, ok := slices.BinarySearch(in, w.Stem); ok && st.StemDF(w.Stem) <= rareStem(n) {
				return false
			}
		}
	}
	return true
}

// formulaSlots finds where two texts that share passages differ in what
// fills them: runs of words inside the passages, on each side, that are
// numbers, countries or rare stems absent from the other text. It returns them
// paired in order, and how many rare stems inside the passages both
// texts hold.
func formulaSlots(sc *scratch, spans []span, a, b *prepare.Doc, st Stats) (slots [][2][2]int, shared int) {
	// Which stems each text has, looked up a word at a time: hash tables
	// cost less than binary searches here.
	inA, inB := &sc.occ, &sc.occB
	inA.build(a.Stems)
	inB.build(b.Stems)
	has := func(t *hashTable, stem uint64) bool { _, c := t.lookup(stem); return c > 0 }
	n := 0
	if st != nil {
		n = st.Docs()
	}
	isCountry := countries()
	slotLike := func(d *prepare.Doc, w shingle.Word) bool {
		r := d.Text.Runes[w.Pos]
		return r >= '0' && r <= '9' || isCountry[w.Stem] || st != nil && st.StemDF(w.Stem) <= slotStem(n)
	}
	var runsA, runsB [][2]int
	for _, p := range spans {
		runsA = appendSlotRuns(runsA, a, p.aStart, p.aEnd, func(w shingle.Word) bool { return !has(inB, w.Stem) && slotLike(a, w) })
		runsB = appendSlotRuns(runsB, b, p.bStart, p.bEnd, func(w shingle.Word) bool { return !has(inA, w.Stem) && slotLike(b, w) })
	}
	for k := range min(len(runsA), len(runsB)) {
		if filledOtherwise(a.Text.Runes[runsA[k][0]:runsA[k][1]], b.Text.Runes[runsB[k][0]:runsB[k][1]]) {
			slots = append(slots, [2][2]int{runsA[k], runsB[k]})
		}
	}
	if len(slots) < templateSlots || st == nil {
		return slots, 0 // shared rare words matter only against slots
	}
	for _, p := range spans {
		for _, w := range wordsIn(a, p.aStart, p.aEnd) {
			if has(inB, w.Stem) && st.StemDF(w.Stem) <= slotStem(n) {
				shared++
			}
		}
	}
	return slots, shared
}

// filledOtherwise reports whether two fillings of one slot differ as a
// formula's fillings do: other figures, or other words, not the same
// word spelled or inflected otherwise (مايج, ماءج) nor a figure set
// against a word (a slot seen where the texts are out of step).
func filledOtherwise(x, y []rune) bool {
	dx, dy := digits(x), digits(y)
	switch {
	case dx != "" && dy != "":
		return dx != dy
	case dx != "" || dy != "":
		return false
	}
	return 2*lcs(x, y) < max(len(x), len(y))
}

// digits returns the digits of s, in order.
func digits(s []rune) string {
	var d []rune
	for _, r := range s {
		if r >= '0' && r <= '9' {
			d = append(d, r)
		}
	}
	return string(d)
}

// lcs returns the length of the longest common subsequence of two short
// rune strings.
func lcs(x, y []rune) int {
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for _, a := range x {
		for j, b := range y {
			if a == b {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// appendSlotRuns appends the runs of consecutive words of d inside
// [from, to) that are slots.
func appendSlotRuns(runs [][2]int, d *prepare.Doc, from, to int, slot func(shingle.Word) bool) [][2]int {
	open := false
	for _, w := range wordsIn(d, from, to) {
		switch {
		case slot(w) && open:
			runs[len(runs)-1][1] = int(w.End)
		case slot(w):
			runs = append(runs, [2]int{int(w.Pos), int(w.End)})
			open = true
		default:
			open = false
		}
	}
	return runs
}

// wordsIn returns the words of d inside the folded span [from, to).
func wordsIn(d *prepare.Doc, from, to int) []shingle.Word {
	i, _ := slices.BinarySearchFunc(d.Words, int32(from), func(w shingle.Word, p int32) int { return int(w.Pos - p) })
	j := i
	for j < len(d.Words) && int(d.Words[j].End) <= to {
		j++
	}
	return d.Words[i:j]
}

// verbatim is the similarity from which a passage is a copy, with no
// room for a formula's slots.
const verbatim = 0.98

// templateSlots is the fewest differing slots that make shared passages
// a formula filled in twice.
const templateSlots = 2

func verdict(a, b *prepare.Doc, r Report, f facts, o params) Verdict {
	// Coverage of the shorter text by passages in any order: a rewrite
	// may reorder its source's paragraphs.
	shorter := r.CoverageA
	if b.Text.Len() < a.Text.Len() {
		shorter = r.CoverageB
	}
	reuse := slices.ContainsFunc(r.Passages, func(p Passage) bool { return !p.Boilerplate })
	switch {
	case slices.Equal(a.Text.Runes, b.Text.Runes):
		return Identical
	case len(f.slots) >= templateSlots && len(f.slots) > f.sharedRare:
		return Template
	case !reuse:
		return Unrelated
	case min(r.CoverageA, r.CoverageB) >= o.NearDuplicate:
		return NearDuplicate
	case shorter >= o.Rewrite:
		return Rewrite
	}
	return PartialReuse
}

// derived says how much of B comes from A, never against the verdict:
// wholly when they are near-duplicates or passages cover most of B
// (Options.Rewrite), partly when they share reuse, not otherwise.
func derived(r Report, o params) Derivation {
	switch {
	case !r.Verdict.IsReuse():
		return NotDerived
	case r.Verdict >= NearDuplicate || r.CoverageB >= o.Rewrite:
		return WhollyDerived
	}
	return PartlyDerived
}

// countries are the stems of the countries and territories whose Arabic
// name is one word (سنغافورة, تشاد, مصر): a formula filled with another
// country is another item (a national day's cable, a visit), however
// often the collection prints the country's name.
var countries = sync.OnceValue(func() map[uint64]bool {
	out := map[uint64]bool{}
	for _, pl := range cldr.Places {
		if strings.HasPrefix(pl[0], "lang:") {
			continue
		}
		if stem, ok := stemOf(normalize.Default.String(pl[2])); ok {
			out[stem] = true
		}
	}
	return out
})
