package simhash

import (
	"cmp"
	"slices"
)

// sortEntries sorts e by ID, stably, and returns the sorted slice: e or
// a new buffer of the same length. Long inputs go
// through an LSD radix sort on bytes, skipping the bytes every ID shares,
// so a million sequential IDs take three linear passes.
func sortEntries(e []Entry) []Entry {
	if slices.IsSortedFunc(e, cmpEntryID) {
		return e
	}
	if len(e) < 256 {
		slices.SortStableFunc(e, cmpEntryID)
		return e
	}
	var count [8][256]int
	for _, x := range e {
		id := uint64(x.ID)
		for d := range 8 {
			count[d][byte(id>>(8*d))]++
		}
	}
	tmp := make([]Entry, len(e))
	for d := range 8 {
		c := &count[d]
		if c[byte(uint64(e[0].ID)>>(8*d))] == len(e) {
			continue // every ID has this byte
		}
		sum := 0
		for b, n := range c {
			c[b] = sum
			sum += n
		}
		shift := 8 * d
		for _, x := range e {
			b := byte(uint64(x.ID) >> shift)
			tmp[c[b]] = x
			c[b]++
		}
		e, tmp = tmp, e
	}
	return e
}

func cmpEntryID(a, b Entry) int { return cmp.Compare(a.ID, b.ID) }

// dedupLastWins drops all but the last of each run of entries with equal
// IDs in e, sorted stably by ID.
func dedupLastWins(e []Entry) []Entry {
	out := e[:0]
	for i, x := range e {
		if i+1 < len(e) && e[i+1].ID == x.ID {
			continue
		}
		out = append(out, x)
	}
	return out
}
