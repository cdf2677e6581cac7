package main

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
)

// Candidate generation. Aligning every pair of N documents costs N²/2
// comparisons, too many for a corpus, so candidate pairs come from two
// cheap filters, and only candidates are compared in full:
//
//  1. Fingerprints: pairs whose SimHash fingerprints differ in at most
//     radius bits. All pairs are tested by brute force, one XOR and one
//     popcount each (about a nanosecond): a second for 50,000 documents.
//     This finds copies, however short.
//
//  2. Shared seeds: alignment starts from exact matches of 12 folded
//     runes, so two texts that share a passage share many such windows.
//     Each document's window hashes are winnowed (index.AppendMarks: the
//     minimum of every 39 consecutive hashes, so any shared run of 50
//     runes gives both documents a common mark); an inverted index maps
//     each mark to the documents holding it; a mark held by more than
//     maxDocs documents (--max-seed-docs, 30, measured in package index)
//     is a stock phrase or site debris and is ignored; and two documents
//     sharing at least minShared marks (--min-shared-seeds, 2) are a
//     candidate. This finds passages reused inside otherwise different
//     texts, which fingerprints miss.
//
// On SaudiNewsNet (30,676 articles) this gives 178,560 candidates
// (against 1.6 million with the earlier sampling of one hash in eight
// and a cap of 50 documents), and the whole run takes 24 s instead of
// about 4.5 minutes.

// pair is a candidate pair of document indices, a < b.
type pair struct{ a, b int32 }

// candidateStats counts candidates by the filters that found them.
type candidateStats struct {
	Pairs         int `json:"pairs"`
	ByFingerprint int `json:"by_fingerprint"`
	BySeeds       int `json:"by_seeds"`
}

// sampleSeeds returns the winnowed seed hashes of runes (index.Winnow:
// 12-rune windows, any shared run of 50 folded runes yields a common
// one), sorted and without repeats.
func sampleSeeds(runes []rune) []uint64 {
	marks := index.AppendMarks(nil, runes, index.DefaultK, index.DefaultW)
	hs := make([]uint64, len(marks))
	for i, m := range marks {
		hs[i] = m.Hash
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// seedFilter sets the filter by shared seeds.
type seedFilter struct {
	maxDocs   int // ignore hashes held by more documents than this
	minShared int // least hashes shared by a candidate pair, 1 to maxMinShared
}

const maxMinShared = 1000

// findCandidates returns the candidate pairs among docs, sorted, by the
// two filters above (radius < 0 turns off the first, sf.maxDocs < 2 the
// second). A nil entry of docs, or one without fingerprint, takes no part.
func findCandidates(docs []*compare.Doc, radius int, sf seedFilter, workers int, p *progress) ([]pair, candidateStats) {
	n := len(docs)
	fps := make([]uint64, n)
	has := make([]bool, n)
	samples := make([][]uint64, n)
	p.start("sampling seeds", n)
	parallel(n, workers, func(_, i int) {
		d := docs[i]
		if d == nil || !d.HasFingerprint {
			return
		}
		fps[i], has[i] = uint64(d.Fingerprint), true
		samples[i] = sampleSeeds(d.Text.Runes)
	}, p.add)
	p.done()

	postings := seedIndex(samples, sf.maxDocs)

	// Per document i, its partners j > i, from both filters, sorted.
	type found struct {
		js     []int32
		fp, sd int
	}
	out := make([]found, n)
	// Per worker: shared-seed counts by document, and which are non-zero.
	counts := make([][]uint16, workers)
	touched := make([][]int32, workers)
	p.start("finding candidates", n)
	parallel(n, workers, func(w, i int) {
		if !has[i] {
			return
		}
		var byFP []int32
		if radius >= 0 {
			byFP = closeFingerprints(byFP, fps, has, i, radius)
		}
		if counts[w] == nil {
			counts[w] = make([]uint16, n)
		}
		cnt, tch := counts[w], touched[w][:0]
		var bySeed []int32
		for _, h := range samples[i] {
			for _, j := range postings[h] {
				if int(j) <= i {
					continue
				}
				switch c := cnt[j]; {
				case int(c) >= sf.minShared:
					continue // found already; counts stop here
				case c == 0:
					tch = append(tch, j)
				}
				if cnt[j]++; int(cnt[j]) == sf.minShared {
					bySeed = append(bySeed, j)
				}
			}
		}
		for _, j := range tch {
			cnt[j] = 0
		}
		touched[w] = tch
		slices.Sort(bySeed)
		out[i] = found{js: mergeSorted(byFP, bySeed), fp: len(byFP), sd: len(bySeed)}
	}, p.add)
	p.done()

	var st candidateStats
	for _, f := range out {
		st.Pairs += len(f.js)
		st.ByFingerprint += f.fp
		st.BySeeds += f.sd
	}
	pairs := make([]pair, 0, st.Pairs)
	for i, f := range out {
		for _, j := range f.js {
			pairs = append(pairs, pair{int32(i), j})
		}
	}
	return pairs, st
}

// closeFingerprints appends to dst the documents j > i whose
// fingerprints are within radius bits of document i's.
func closeFingerprints(dst []int32, fps []uint64, has []bool, i, radius int) []int32 {
	fi := fps[i]
	for j := i + 1; j < len(fps); j++ {
		if bits.OnesCount64(fi^fps[j]) <= radius && has[j] {
			dst = append(dst, int32(j))
		}
	}
	return dst
}

// seedIndex maps each winnowed hash held by 2 to maxDocs documents to
// those documents, in increasing order. Hashes held by one document only
// cannot make a pair and are left out, which keeps the map small.
func seedIndex(samples [][]uint64, maxDocs int) map[uint64][]int32 {
	type entry struct {
		h uint64
		d int32
	}
	total := 0
	for _, s := range samples {
		total += len(s)
	}
	entries := make([]entry, 0, total)
	for d, s := range samples {
		for _, h := range s {
			entries = append(entries, entry{h, int32(d)})
		}
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if c := cmp.Compare(x.h, y.h); c != 0 {
			return c
		}
		return cmp.Compare(x.d, y.d)
	})
	docs := make([]int32, len(entries))
	for k, e := range entries {
		docs[k] = e.d
	}
	index := make(map[uint64][]int32)
	for s := 0; s < len(entries); {
		e := s + 1
		for e < len(entries) && entries[e].h == entries[s].h {
			e++
		}
		if n := e - s; n >= 2 && n <= maxDocs {
			index[entries[s].h] = docs[s:e:e]
		}
		s = e
	}
	return index
}

// mergeSorted merges two sorted lists into one without repeats.
func mergeSorted(x, y []int32) []int32 {
	if len(y) == 0 {
		return x
	}
	if len(x) == 0 {
		return y
	}
	out := make([]int32, 0, len(x)+len(y))
	out = append(out, x...)
	out = append(out, y...)
	slices.Sort(out)
	return slices.Compact(out)
}
