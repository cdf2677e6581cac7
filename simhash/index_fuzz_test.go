package simhash_test

import (
	"testing"

	"github.com/neardup/neardup/simhash"
)

// FuzzIndex runs a sequence of operations decoded from the input against
// an Index and a plain map, and requires every query to return exactly
// what a scan of the map returns. Run it with
//
//	go test -run '^$' -fuzz FuzzIndex -fuzztime 60s ./simhash/
//
// The first two bytes choose the tuning: tail size 1..8, merge ratio
// 2..5, block count (auto, or 4..8 forced to probe), so that flushes,
// merges, compactions and every table layout occur within a few dozen
// operations. Each later group of four bytes is one operation:
// add/replace, remove, query or rebuild; fingerprints are one of four
// bases with up to two bits flipped, so distances are small and buckets
// shared.
func FuzzIndex(f *testing.F) {
	f.Add([]byte{0x00, 0x00, 0, 1, 0, 0, 0, 2, 1, 5, 2, 1, 0, 0, 2, 3, 0, 0})
	f.Add([]byte{0x13, 0x42, 0, 1, 2, 3, 0, 2, 4, 5, 0, 3, 6, 7, 1, 1, 0, 0, 2, 9, 1, 200, 3, 0, 0, 0})
	f.Add([]byte{0x21, 0x07, 0, 9, 9, 9, 0, 8, 8, 8, 0, 7, 7, 7, 0, 6, 6, 6, 1, 8, 0, 0, 2, 4, 9, 70})
	f.Fuzz(runFuzzOnce)
}

var fuzzBases = [4]simhash.Fingerprint{0, 0x0123_4567_89ab_cdef, 0xffff_ffff_0000_0000, 0x0123_4567_89ab_cdee}

func runFuzzOnce(t *testing.T, data []byte) {
	bases := fuzzBases
	{
		if len(data) < 2 || len(data) > 1200 {
			return
		}
		blocks := []int{0, 4, 5, 6, 7, 8, 8, 8}[data[1]&7]
		x := simhash.NewIndex(simhash.IndexOptions{MaxDistance: int(data[1] >> 3 & 15)})
		simhash.IndexTuning(x, 1+int(data[0]&7), 2+int(data[0]>>3&3), blocks, blocks != 0)
		model := map[simhash.ID]simhash.Fingerprint{}
		fp := func(a, b byte) simhash.Fingerprint {
			f := bases[a&3]
			if a&4 != 0 {
				f ^= 1 << (b & 63)
			}
			if a&8 != 0 {
				f ^= 1 << (a >> 4 * 4) // one of 16 spread bits
			}
			if b&64 != 0 {
				f ^= 1 << ((b*7 + a) & 63)
			}
			return f
		}
		for ops := data[2:]; len(ops) >= 4; ops = ops[4:] {
			op, id := ops[0]&3, simhash.ID(ops[1]&31)
			switch op {
			case 0:
				f := fp(ops[2], ops[3])
				x.Add(id, f)
				model[id] = f
			case 1:
				_, had := model[id]
				if got := x.Remove(id); got != had {
					t.Fatalf("Remove(%d) = %v, stored %v", id, got, had)
				}
				delete(model, id)
			case 2:
				q, k := fp(ops[2], ops[1]), int(ops[3]%16)-2
				if ops[3] >= 250 {
					k = 60 + int(ops[3]-250) // up to 65: everything
				}
				set := make([]simhash.Entry, 0, len(model))
				for id, f := range model {
					set = append(set, simhash.Entry{ID: id, Fingerprint: f})
				}
				want, got := brute(set, q, k), x.Query(q, k)
				if len(want) != len(got) || (len(want) > 0 && !equalMatches(want, got)) {
					t.Fatalf("Query(%v, %d) = %v, want %v", q, k, got, want)
				}
			case 3:
				// Rebuild from the current contents, with a stale
				// duplicate of each first so that the last wins.
				var set []simhash.Entry
				for id, f := range model {
					set = append(set, simhash.Entry{ID: id, Fingerprint: ^f}, simhash.Entry{ID: id, Fingerprint: f})
				}
				x.Build(set)
			}
			if x.Len() != len(model) {
				t.Fatalf("Len() = %d, want %d", x.Len(), len(model))
			}
		}
	}
}

func equalMatches(a, b []simhash.Match) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
