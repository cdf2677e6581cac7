package pg

// The fingerprint's multi-index blocks (simhash.Index's scheme, as rows):
// the 64 bits cut into Blocks blocks of BlockBits bits, one row a block
// and document, keyed by the block's number and value. By the
// generalized pigeonhole principle, if two fingerprints differ in at
// most k bits and the radii r₀ … r₃ (each ≥ −1, −1 skipping a block)
// sum to at least k + 1 − Blocks, then some block i differs in at most
// rᵢ bits: a query at distance k reads the rows of every key within rᵢ
// bits of its own block i, and verifies each by popcount.
//
// Four blocks of 16 bits are tuned for the radii of near-duplicate
// search, DefaultRadius (6) and up to 8 (simhash.DefaultMaxDistance): 6
// reads the rows of 52 keys, 8 of 188, each bucket holding N/65,536
// fingerprints on average (1,500 at 100 million). A wider query would
// read more keys than rows it is worth: past MaxProbeKeys it scans the
// fingerprints instead. Both are exact.

const (
	// Blocks is the number of blocks a fingerprint is cut into.
	Blocks = 4
	// BlockBits is the width of a block.
	BlockBits = 64 / Blocks
	// MaxProbeKeys is the most keys a query probes before it scans.
	MaxProbeKeys = 1200
)

// blockKeys returns the keys of fp's blocks: block i's number in the
// high bits, its value in the low BlockBits.
func blockKeys(fp uint64) [Blocks]int32 {
	var k [Blocks]int32
	for i := range Blocks {
		k[i] = int32(i<<BlockBits) | int32(fp>>(i*BlockBits)&(1<<BlockBits-1))
	}
	return k
}

// radii returns the search radius of each block for a query at
// distance k: radii summing to k + 1 − Blocks, as even as they go.
func radii(k int) [Blocks]int {
	var r [Blocks]int
	t := k + 1 - Blocks
	if t <= 0 {
		// k+1 blocks searched for equality suffice, the others skipped.
		for i := range r {
			if i > k {
				r[i] = -1
			}
		}
		return r
	}
	for i := range r {
		r[i] = t / Blocks
		if i < t%Blocks {
			r[i]++
		}
	}
	return r
}

// probeKeys returns the keys whose rows hold every fingerprint within
// k bits of fp, and false if there would be more than MaxProbeKeys.
func probeKeys(fp uint64, k int) ([]int32, bool) {
	if k < 0 {
		return nil, true
	}
	r := radii(k)
	n := 0
	for _, ri := range r {
		n += ballSize(ri)
		if n > MaxProbeKeys {
			return nil, false
		}
	}
	keys := make([]int32, 0, n)
	own := blockKeys(fp)
	for i, ri := range r {
		if ri < 0 {
			continue
		}
		keys = appendBall(keys, own[i], ri, BlockBits)
	}
	return keys, true
}

// ballSize is the number of BlockBits-bit values within r bits of one.
func ballSize(r int) int {
	n, c := 0, 1
	for d := 0; d <= r && d <= BlockBits; d++ {
		n += c
		c = c * (BlockBits - d) / (d + 1)
	}
	return n
}

// appendBall appends key with every combination of up to r of its low
// w bits flipped.
func appendBall(keys []int32, key int32, r, w int) []int32 {
	keys = append(keys, key)
	var flip func(from, left int, k int32)
	flip = func(from, left int, k int32) {
		for b := from; b < w; b++ {
			kk := k ^ 1<<b
			keys = append(keys, kk)
			if left > 1 {
				flip(b+1, left-1, kk)
			}
		}
	}
	if r > 0 {
		flip(0, r, key)
	}
	return keys
}
