package compare

import (
	_ "embed"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/neardup/neardup/shingle"
)

// Paraphrases learned from a news collection: words one paper's copy of
// an item has where another paper's has a different one (أمريكي and
// أميركي, المشاريع and المشروعات, المقبل and القادم), learned by
// tools/paraphrases from SaudiNewsNet and shipped as paraphrases.txt.
// The reworded aligner takes a word of A and a word of B for a match when
// their stems are equal or the words are paraphrases of one another
// (Options.NoParaphrases turns this off). Words are as folded by
// normalize.Default; a text folded by other rules matches fewer of them.

//go:embed paraphrases.txt
var paraphraseTable string

// paraphrases maps a stem to the stem standing for its class: the stems
// joined by the table, transitively. The reworded aligner asks it for
// every word of both texts of a pair, and the table's words are common
// ones: the alignment's own hash table (table.go) answers in a probe or
// two, where a Go map hashed each key again (about 4% of the
// collection's batch CPU).
type paraphrases struct {
	bits wordBits // the stems with a class, for a test before the table
	// reps[k] stands for the class of the k-th stem the table indexes
	reps  []uint64
	table hashTable
}

// canon returns the stem standing for stem's class (stem if it has none).
func (p *paraphrases) canon(stem uint64) uint64 {
	if p == nil || p.bits.bit(stem) == 0 {
		return stem
	}
	if k, _ := p.table.lookup(stem); k != 0 {
		return p.reps[k-1]
	}
	return stem
}

var learned = sync.OnceValue(func() *paraphrases { return parseParaphrases(paraphraseTable) })

// parseParaphrases reads a table of lines "word<TAB>word<TAB>...": the
// two words' stems are one class; # starts a comment line.
func parseParaphrases(table string) *paraphrases {
	parent := map[uint64]uint64{}
	var find func(x uint64) uint64
	find = func(x uint64) uint64 {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for line := range strings.Lines(table) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		x, okX := stemOf(f[0])
		y, okY := stemOf(f[1])
		if !okX || !okY {
			continue
		}
		// The least stem of a class stands for it, so that the classes
		// do not depend on the order of the lines.
		rx, ry := find(x), find(y)
		parent[rx], parent[ry] = min(rx, ry), min(rx, ry)
	}
	stems := slices.Sorted(maps.Keys(parent))
	p := &paraphrases{reps: make([]uint64, len(stems))}
	for k, x := range stems {
		p.reps[k] = find(x)
		p.bits.add(x)
	}
	p.table.build(stems)
	return p
}

// stemOf returns the stem hash of a folded text of one content word, as
// prepare gives it; a shorter word, or more than one, has none.
func stemOf(word string) (uint64, bool) {
	ws := shingle.AppendContentWords(nil, []rune(word), shingle.MinContentRunes)
	if len(ws) != 1 {
		return 0, false
	}
	return ws[0].Stem, true
}
