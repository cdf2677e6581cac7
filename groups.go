package neardup

import (
	"slices"

	"github.com/neardup/neardup/store"
)

// DefaultGroupSize is the fewest documents with identical folded texts
// that Pairs, Stories and Query treat as one Group (Config.GroupSize).
// Below it, every copy is aligned and paired like any near-duplicate:
// 8 copies make 28 pairs, about what the near-duplicates of one story
// give in a day of news, and SaudiNewsNet's largest set of identical
// articles has 5. From it on, N copies cost N, where pairing them cost
// N²/2 alignments and as many pairs of output (2,000 copies of one text
// took 29 s and 2 GB of JSON).
const DefaultGroupSize = 9

// Group is a set of documents whose folded texts are identical (the
// verdict compare.Identical), Config.GroupSize of them or more. Such a
// group is aligned through its representative alone: Stories pairs none
// of its copies, with each other or with other documents, and Query
// aligns the representative and lists the copies beside it. Every pair
// of the representative holds, in folded text, for each copy too.
type Group struct {
	// Representative is the group's first document in insertion order.
	Representative string `json:"representative"`
	// Copies are the others, in insertion order.
	Copies []string `json:"copies"`
}

func (c Config) groupSize() int {
	if c.GroupSize == 0 {
		return DefaultGroupSize
	}
	return max(c.GroupSize, 2)
}

// copyGroups finds the groups of the corpus (by the digests of the
// documents' folded texts, so without preparing any) and returns them,
// by representative, with rep: rep[n] is the number of the
// representative of document n if n is a copy in a group, n itself
// otherwise; nil if there is no group. The caller holds c.wmu or c.mu.
func (c *Corpus) copyGroups() (rep []uint32, groups []Group) {
	byDigest := map[store.Digest][]uint32{}
	for n, e := range c.docs {
		if e.id != "" && e.hasFP && e.digest != (store.Digest{}) {
			byDigest[e.digest] = append(byDigest[e.digest], uint32(n))
		}
	}
	var reps []uint32
	for _, nums := range byDigest {
		if len(nums) >= c.cfg.groupSize() {
			if rep == nil {
				rep = make([]uint32, len(c.docs))
				for n := range rep {
					rep[n] = uint32(n)
				}
			}
			for _, n := range nums[1:] {
				rep[n] = nums[0]
			}
			reps = append(reps, nums[0])
		}
	}
	slices.Sort(reps)
	for _, r := range reps {
		nums := byDigest[c.docs[r].digest]
		g := Group{Representative: c.docs[r].id, Copies: make([]string, len(nums)-1)}
		for i, n := range nums[1:] {
			g.Copies[i] = c.docs[n].id
		}
		groups = append(groups, g)
	}
	return rep, groups
}

// isCopy reports whether document n is a copy in a group, given rep as
// copyGroups returns it.
func isCopy(rep []uint32, n int) bool { return rep != nil && rep[n] != uint32(n) }

// pairUp turns the candidates of each of n documents (*list(n):
// documents numbered above it) into candidates between representatives and
// documents in no group: a copy stands for its representative, which
// may be numbered below n, so the pair goes to the list of the lower of
// the two. Lists come back sorted and without repeats; those of copies
// are empty.
func pairUp(rep []uint32, n int, list func(n int) *[]uint32) {
	if rep == nil {
		return
	}
	with := make([][]uint32, n)
	for n := range with {
		with[n] = *list(n)
	}
	extra := make([][]uint32, len(with))
	for n, ms := range with {
		if isCopy(rep, n) {
			with[n] = nil
			continue
		}
		keep := ms[:0]
		for _, m := range ms {
			switch r := rep[m]; {
			case r == uint32(n): // n's own copy
			case r > uint32(n):
				keep = append(keep, r)
			default:
				extra[r] = append(extra[r], uint32(n))
			}
		}
		with[n] = keep
	}
	for n := range with {
		if len(extra[n]) > 0 {
			with[n] = append(with[n], extra[n]...)
		}
		slices.Sort(with[n])
		*list(n) = slices.Compact(with[n])
	}
}

// groupSources groups the candidates of a query, nums (increasing, with
// their IDs), by the digests of their texts: of a group of
// Config.GroupSize or more, only the first stays a candidate, and the
// others are its copies (copies[i] those of nums[i]). The caller holds
// c.mu.
func (c *Corpus) groupSources(nums []uint32, ids []string) ([]uint32, []string, [][]string) {
	count := map[store.Digest]int{}
	for _, n := range nums {
		if e := c.docs[n]; e.hasFP && e.digest != (store.Digest{}) {
			count[e.digest]++
		}
	}
	first := map[store.Digest]int{} // the candidate each group keeps, by its index in the result
	keepNums, keepIDs := nums[:0:0], ids[:0:0]
	var copies [][]string
	for i, n := range nums {
		d := c.docs[n].digest
		if count[d] >= c.cfg.groupSize() {
			if k, ok := first[d]; ok {
				copies[k] = append(copies[k], ids[i])
				continue
			}
			first[d] = len(keepNums)
		}
		keepNums, keepIDs = append(keepNums, n), append(keepIDs, ids[i])
		copies = append(copies, nil)
	}
	return keepNums, keepIDs, copies
}
