package compare

import (
	_ "embed"
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
// ones: an open-addressing table by the stem's low bits (stems are mixed
// hashes) answers in a probe or two, where a Go map hashed each key again
// (a twentieth of the collection's batch time).
type paraphrases struct {
	bits wordBits // the stems with a class, for a test before the table
	// keys[i] is a stem with a class and reps[i] the stem standing for
	// it; a zero key is an empty slot
	keys, reps []uint64
	mask       uint64
	n          int // stems with a class
}

// canon returns the stem standing for stem's class (stem if it has none).
func (p *paraphrases) canon(stem uint64) uint64 {
	if p == nil || p.bits.bit(stem) == 0 {
		return stem
	}
	for i := stem & p.mask; ; i = (i + 1) & p.mask {
		switch p.keys[i] {
		case stem:
			return p.reps[i]
		case 0:
			return stem
		}
	}
}

// put gives stem the class rep; the table has room (newParaphrases).
func (p *paraphrases) put(stem, rep uint64) {
	i := stem & p.mask
	for p.keys[i] != 0 && p.keys[i] != stem {
		i = (i + 1) & p.mask
	}
	if p.keys[i] == 0 {
		p.n++
	}
	p.keys[i], p.reps[i] = stem, rep
	p.bits.add(stem)
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
	// A load of a quarter at most: a word the table lacks ends its probe
	// at once.
	size := 16
	for size < 4*len(parent) {
		size <<= 1
	}
	p := &paraphrases{keys: make([]uint64, size), reps: make([]uint64, size), mask: uint64(size - 1)}
	for x := range parent {
		if x != 0 { // the empty key; no stem of the table is 0
			p.put(x, find(x))
		}
	}
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
