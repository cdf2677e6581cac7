package index_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/index"
)

// TestSharingIsRankWithoutLimit checks Sharing against Rank with no
// limit, on indexes of random documents over a small vocabulary of
// hashes (so that documents share many), with removals, caps and
// exclusions.
func TestSharingIsRankWithoutLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 20 {
		x := new(index.MarkIndex)
		n := 50 + rng.IntN(200)
		var docs [][]uint64
		for d := range n {
			var ms []uint64
			for range rng.IntN(30) {
				ms = append(ms, uint64(rng.IntN(300))*0x9E3779B97F4A7C15)
			}
			docs = append(docs, ms)
			require.NoError(t, x.Add(index.DocID(d), ms))
		}
		for range rng.IntN(10) {
			x.Remove(index.DocID(rng.IntN(n)))
		}
		opt := index.QueryOptions{MinShared: 1 + rng.IntN(3), MaxDF: []int{-1, 5, 30}[round%3], Limit: -1,
			Exclude: []index.DocID{index.DocID(rng.IntN(n))}}
		work := make([]uint64, n)
		for q := range n {
			from := index.DocID(rng.IntN(n + 1))
			ranked, err := index.Rank(x, docs[q], opt)
			require.NoError(t, err)
			var want []index.DocID
			for _, c := range ranked {
				if c.Doc >= from {
					want = append(want, c.Doc)
				}
			}
			slices.Sort(want)
			for _, p := range []index.Postings{x, twice{x}} {
				got, err := index.Sharing(p, docs[q], opt, from, work, nil)
				require.NoError(t, err)
				require.Equal(t, want, got, "round %d query %d", round, q)
				require.Equal(t, make([]uint64, n), work, "work left zero")
			}
		}
		// A work array too short for the documents found is an error,
		// not a panic, and is still left zero.
		short, failed := make([]uint64, n/2), 0
		for q := range n {
			_, err := index.Sharing(x, docs[q], index.QueryOptions{MinShared: 1}, 0, short, nil)
			if err != nil {
				require.ErrorContains(t, err, "too few")
				failed++
			}
			require.Equal(t, make([]uint64, n/2), short)
		}
		require.Positive(t, failed)
	}
}

// twice is a backend that lists every document twice.
type twice struct{ p index.Postings }

func (t twice) Len() int { return t.p.Len() }

func (t twice) Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []index.DocID)) error {
	return t.p.Lookup(hashes, maxDF, func(i, df int, docs []index.DocID) {
		visit(i, df, append(slices.Clone(docs), docs...))
	})
}
