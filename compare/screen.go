package compare

import (
	"github.com/neardup/neardup/prepare"
)

// The screen of the order-free aligner: a condition every passage it
// finds meets, tested in one pass over A's words with a bit set of B's,
// before the aligner builds its hash table. Most candidate pairs of a
// collection share topic words and no passage (70% of SaudiNewsNet's);
// a screen that fails proves the aligner would find nothing, so reports
// are the same with it and without it.

// wordBitsLog is the log2 of the bits of a wordBits: an article's few
// hundred distinct words set about one bit in ten.
const wordBitsLog = 12

// wordBits is a set of word hashes by their top bits: a hash it holds
// may be another's, one it lacks is in no text it was made from.
type wordBits [1 << wordBitsLog / 64]uint64

func (w *wordBits) add(h uint64) {
	k := h >> (64 - wordBitsLog)
	w[k/64] |= 1 << (k % 64)
}

// bit is 1 if w may hold h, 0 if it does not.
func (w *wordBits) bit(h uint64) int {
	k := h >> (64 - wordBitsLog)
	return int(w[k/64] >> (k % 64) & 1)
}

// bagPossible reports whether bagAlign may find a passage with windows
// of need hits. Such a window spans a stretch of A with need or more
// words B may hold (hits, and words bagAlign ignores as frequent in B)
// and at most bagWindow-need words B certainly lacks (misses, at most
// its own): and the longest stretches with that many such words lie
// between the one before and the one after.
func bagPossible(s *scratch, a, b *prepare.Doc, need int) bool {
	w := &s.words
	clear(w[:])
	for _, t := range b.Words {
		w.add(t.Hash)
	}
	ta := a.Words
	// The positions of the words B lacks, between -1 and len(ta).
	lack := grow(s.lack, len(ta)+2)
	lack[0] = -1
	n := 1
	for i, t := range ta {
		lack[n] = int32(i)
		n += 1 - w.bit(t.Hash) // no branch on a coin toss
	}
	lack[n] = int32(len(ta))
	n++
	s.lack = lack
	// Between lack[k] and lack[k+gap] lie gap-1 = bagWindow-need words B
	// lacks, so need or more it may hold when they are bagWindow+1 apart.
	gap := bagWindow - need + 1
	if n-1 < gap {
		return len(ta)-(n-2) >= need
	}
	for k := 0; k+gap < n; k++ {
		if lack[k+gap]-lack[k] > bagWindow {
			return true
		}
	}
	return false
}
