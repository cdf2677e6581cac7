package simhash

import (
	"math"
	"math/bits"
	"slices"
)

// The cost model that chooses the block count of a segment and the radii
// of a query, in nanoseconds. Only the ratios matter. They were measured
// at a million fingerprints on a 2-core AMD EPYC virtual machine with
// BenchmarkIndexQuery1M and BenchmarkBruteForce1M: a probe is mostly
// cache misses, and a full pass over a million fingerprints (1.7 ms) is
// bound by memory bandwidth, not by popcount.
const (
	costProbe     = 60  // visit a bucket: directory read, cache misses
	costEntry     = 1.0 // compare one bucket entry
	costScanEntry = 2.5 // compare one fingerprint in a full scan
	costScanFlat  = 1.7 // the same in a segment stored unbucketed

	minBlocks = 3
	maxBlocks = 8
)

// segment is an immutable set of fingerprints with its tables, except
// for deletion marks.
type segment struct {
	ids  []ID          // ascending; an entry's position is its index here
	fps  []Fingerprint // by position; only in unbucketed segments
	tabs []table       // nil: no tables, queries scan fps
	// plans[k] is how a query at distance k proceeds.
	plans [Size + 1]plan

	dead  []uint64 // bit p marks position p deleted; nil if none
	ndead int

	// scanLimit is the number of bucket entries that costs as much as a
	// scan: a query that meets more (a crowd of near-identical
	// fingerprints) gives up probing and scans, so that no query costs
	// more than about two scans.
	scanLimit int
}

// table buckets the fingerprints of a segment by one block of bits.
type table struct {
	lo, w uint   // the block is bits lo .. lo+w-1
	mask  uint64 // the block's bits
	dir   []uint32
	// ent[dir[b]:dir[b+1]] is bucket b, the entries whose block is b:
	// the fingerprint with its block bits replaced by the low w bits of
	// its position, whose other bits are in hi16 or hi32 (at most one
	// of them is non-nil; both are nil if w bits hold every position).
	ent  []uint64
	hi16 []uint16
	hi32 []uint32
	// load is the mean size of the bucket holding a random stored
	// fingerprint, Σ size²/n: what a query near the data expects to
	// meet. Clustered fingerprints make it larger than n/2^w. load1 is
	// the mean size of the buckets one bit away.
	load, load1 float64
}

// plan is the radius each table is probed with, −1 to skip it, or a scan.
type plan struct {
	scan   bool
	radius [maxBlocks]int8
}

// blockWidths splits 64 bits into m blocks as evenly as possible, wider
// blocks first.
func blockWidths(m int) []uint {
	w := make([]uint, m)
	for i := range w {
		w[i] = uint(Size / m)
		if i < Size%m {
			w[i]++
		}
	}
	return w
}

// ballCosts returns the expected cost of probing a table of w-bit
// blocks over n fingerprints out to each radius: ball[r] is the cost of
// visiting every bucket within distance r of the query's block. load0
// is the mean size of the bucket of a stored fingerprint, load1 that of
// the buckets one bit away from it; buckets farther away are taken to
// thin out in the same ratio, down to the mean n/2^w. With biased bits
// and clusters of near-duplicates the query's own bucket is the most
// crowded, so a flat load would overrate wide radii.
func ballCosts(w uint, n int, load0, load1 float64) []float64 {
	uniform := float64(n) / math.Ldexp(1, int(w))
	ratio := 1.0
	if load0 > 0 {
		ratio = min(1, load1/load0)
	}
	ball := make([]float64, w+1)
	total, count, load := 0.0, 1.0, load0
	for d := range int(w) + 1 {
		if d == 1 {
			load = load1
		} else if d > 1 {
			load = max(uniform, load*ratio)
		}
		total += count * (costProbe + costEntry*load)
		ball[d] = total
		count = count * float64(int(w)-d) / float64(d+1)
	}
	return ball
}

// radii chooses the probe radius of each table for a query at distance k:
// k+1 units shared out (a table with radius r takes r+1 units), each unit
// to the table where it adds the least expected cost; balls[i] is the
// cost of table i by radius (ballCosts). The marginal cost of a table
// grows with its radius, so the greedy choice is the cheapest. It
// returns the plan and its expected cost.
func radii(balls [][]float64, k int) (plan, float64) {
	var p plan
	for i := range p.radius {
		p.radius[i] = -1
	}
	cost := func(i, r int) float64 {
		if r < 0 {
			return 0
		}
		return balls[i][r]
	}
	for range k + 1 {
		best, bestCost := -1, math.Inf(1)
		for i, ball := range balls {
			r := int(p.radius[i])
			if r+1 >= len(ball) {
				continue // the whole block space already
			}
			if c := ball[r+1] - cost(i, r); c < bestCost {
				best, bestCost = i, c
			}
		}
		if best < 0 {
			return plan{scan: true}, math.Inf(1)
		}
		p.radius[best]++
	}
	total := 0.0
	for i := range balls {
		total += cost(i, int(p.radius[i]))
	}
	return p, total
}

// chooseBlocks returns the block count for a segment of n fingerprints,
// 0 for no tables: the one whose expected query costs at the distances
// 0..maxDist have the least geometric mean (a plain sum would tune for
// the widest distance alone, which costs most). Bucket sizes are estimated from
// sample, a subset of the fingerprints: SimHash bits of real text are
// biased and near-duplicates cluster, so buckets are several times as
// crowded as n/2^w, which favours fewer, wider blocks. A count is only
// considered if its directories take no more memory than the IDs.
func chooseBlocks(n int, sample []Fingerprint, maxDist int) int {
	best, bestCost := 0, float64(maxDist+1)*math.Log(costScanFlat*float64(n))
	keys := make([]uint32, len(sample))
	tmp := make([]uint32, len(sample))
	for m := minBlocks; m <= maxBlocks; m++ {
		widths := blockWidths(m)
		dirBytes := 0.0
		for _, w := range widths {
			dirBytes += 4 * math.Ldexp(1, int(w))
		}
		if dirBytes > 8*float64(n) {
			continue
		}
		balls := make([][]float64, m)
		lo := uint(0)
		for i, w := range widths {
			for j, f := range sample {
				keys[j] = uint32(uint64(f) >> lo & (1<<w - 1))
			}
			lo += w
			load0 := estimateLoad(n, w, keys, tmp)
			balls[i] = ballCosts(w, n, load0, load0*neighbourLoadRatio)
		}
		total := 0.0
		for k := 0; k <= maxDist; k++ {
			_, c := radii(balls, k)
			total += math.Log(min(c, costScanEntry*float64(n)))
		}
		if total < bestCost {
			best, bestCost = m, total
		}
	}
	return best
}

// estimateLoad estimates the mean size of the bucket holding a stored
// fingerprint, in a table of w-bit blocks over n fingerprints, from the
// blocks of a sample: 1 + (n−1)·P, where P is the chance that two
// fingerprints share the block, measured as the share of sample pairs
// that do, and at least 2^−w. It reorders keys and overwrites tmp, of
// the same length.
func estimateLoad(n int, w uint, keys, tmp []uint32) float64 {
	p := math.Ldexp(1, -int(w))
	if s := len(keys); s >= 2 {
		keys = radixSort32(keys, tmp, w)
		pairs, run := 0, 1
		for j := 1; j <= s; j++ {
			if j < s && keys[j] == keys[j-1] {
				run++
				continue
			}
			pairs += run * (run - 1) / 2
			run = 1
		}
		p = max(p, float64(pairs)/(float64(s)*float64(s-1)/2))
	}
	return 1 + float64(n-1)*p
}

// radixSort32 sorts keys of at most w bits, w ≤ 24, in two counting-sort
// passes through tmp, and returns the sorted slice (keys, in fact).
func radixSort32(keys, tmp []uint32, w uint) []uint32 {
	half := (w + 1) / 2
	var count [1<<12 + 1]int
	for _, shift := range [2]uint{0, half} {
		clear(count[:1<<half+1])
		for _, k := range keys {
			count[k>>shift&(1<<half-1)+1]++
		}
		for i := 1; i <= 1<<half; i++ {
			count[i] += count[i-1]
		}
		for _, k := range keys {
			b := k >> shift & (1<<half - 1)
			tmp[count[b]] = k
			count[b]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

// neighbourLoadRatio is the size of the buckets one bit away from a
// stored fingerprint's bucket relative to that bucket, assumed by
// chooseBlocks before the tables exist: measured 0.3–0.45 on the
// synthetic clustered sets of the tests, 0.6–0.7 on SaudiNewsNet, and
// n/2^w / (n/2^w + 1) on uniform fingerprints.
const neighbourLoadRatio = 0.5

// loadSampleSize is the number of fingerprints chooseBlocks samples: the
// pairs of 4,096 include about 128 that share a uniform 16-bit block.
const loadSampleSize = 4096

// newSegment builds a segment from entries sorted by unique ID.
func newSegment(sorted []Entry, maxDist int, tune tuning) *segment {
	n := len(sorted)
	if uint64(n) > math.MaxUint32 {
		panic("simhash: an Index holds at most 2^32-1 fingerprints")
	}
	s := &segment{ids: make([]ID, n)}
	fps := make([]Fingerprint, n)
	for i, e := range sorted {
		s.ids[i], fps[i] = e.ID, e.Fingerprint
	}
	m := tune.blocks
	if m == 0 {
		sample := fps
		if n > loadSampleSize {
			sample = make([]Fingerprint, loadSampleSize)
			for i := range sample {
				sample[i] = fps[i*n/loadSampleSize]
			}
		}
		m = chooseBlocks(n, sample, maxDist)
	}
	if m == 0 {
		s.fps = fps
		for k := range s.plans {
			s.plans[k].scan = true
		}
		return s
	}

	widths := blockWidths(m)
	s.tabs = make([]table, m)
	var cursor []uint32
	lo := uint(0)
	for i, w := range widths {
		t := &s.tabs[i]
		t.lo, t.w, t.mask = lo, w, (1<<w-1)<<lo
		lo += w
		cursor = t.build(fps, cursor)
	}

	balls := make([][]float64, m)
	for i := range s.tabs {
		t := &s.tabs[i]
		balls[i] = ballCosts(t.w, n, t.load, t.load1)
	}
	scanCost := costScanEntry*float64(n) + costEntry*math.Ldexp(1, int(widths[0]))
	s.scanLimit = int(scanCost / costEntry)
	if tune.noScan {
		s.scanLimit = math.MaxInt
	}
	for k := range s.plans {
		p, c := radii(balls, k)
		if c > scanCost && !tune.noScan {
			p = plan{scan: true}
		}
		s.plans[k] = p
	}
	return s
}

// build buckets fps by the table's block with a counting sort, so each
// bucket lists its entries in position order. cursor is scratch space,
// returned for reuse.
func (t *table) build(fps []Fingerprint, cursor []uint32) []uint32 {
	nb := 1 << t.w
	low := uint64(nb - 1)
	t.dir = make([]uint32, nb+1)
	for _, f := range fps {
		t.dir[uint64(f)>>t.lo&low+1]++
	}
	sumSq := 0.0
	for b := range nb {
		c := float64(t.dir[b+1])
		sumSq += c * c
		t.dir[b+1] += t.dir[b]
	}
	if len(fps) > 0 {
		t.load = sumSq / float64(len(fps))
		near := 0.0
		for b := range nb {
			c := t.dir[b+1] - t.dir[b]
			if c == 0 {
				continue
			}
			around := uint32(0)
			for bit := range t.w {
				o := b ^ 1<<bit
				around += t.dir[o+1] - t.dir[o]
			}
			near += float64(c) * float64(around)
		}
		t.load1 = near / float64(len(fps)) / float64(t.w)
	}
	cursor = append(cursor[:0], t.dir[:nb]...)

	t.ent = make([]uint64, len(fps))
	hiBits := bits.Len(uint(len(fps)-1)) - int(t.w)
	switch {
	case len(fps) == 0 || hiBits <= 0:
	case hiBits <= 16:
		t.hi16 = make([]uint16, len(fps))
	default:
		t.hi32 = make([]uint32, len(fps))
	}
	for p, f := range fps {
		b := uint64(f) >> t.lo & low
		j := cursor[b]
		cursor[b]++
		t.ent[j] = uint64(f)&^t.mask | uint64(p)&low<<t.lo
		if t.hi16 != nil {
			t.hi16[j] = uint16(p >> t.w)
		} else if t.hi32 != nil {
			t.hi32[j] = uint32(p >> t.w)
		}
	}
	return cursor
}

// position returns the position of table entry j.
func (t *table) position(j int) int {
	p := int(t.ent[j] >> t.lo & (1<<t.w - 1))
	switch {
	case t.hi16 != nil:
		p |= int(t.hi16[j]) << t.w
	case t.hi32 != nil:
		p |= int(t.hi32[j]) << t.w
	}
	return p
}

func (s *segment) live() int { return len(s.ids) - s.ndead }

func (s *segment) isDead(p int) bool {
	return s.dead != nil && s.dead[p>>6]>>(p&63)&1 != 0
}

// remove marks id deleted and reports whether it was stored here.
func (s *segment) remove(id ID) bool {
	p, ok := slices.BinarySearch(s.ids, id)
	if !ok || s.isDead(p) {
		return false
	}
	if s.dead == nil {
		s.dead = make([]uint64, (len(s.ids)+63)/64)
	}
	s.dead[p>>6] |= 1 << (p & 63)
	s.ndead++
	return true
}

// entries returns the live entries in ID order. A bucketed segment keeps
// no fingerprint array; the first table holds every fingerprint.
func (s *segment) entries() []Entry {
	out := make([]Entry, len(s.ids))
	for p, id := range s.ids {
		out[p].ID = id
	}
	if s.tabs == nil {
		for p, f := range s.fps {
			out[p].Fingerprint = f
		}
	} else {
		t := &s.tabs[0]
		for b := range len(t.dir) - 1 {
			for j := int(t.dir[b]); j < int(t.dir[b+1]); j++ {
				out[t.position(j)].Fingerprint = Fingerprint(t.ent[j]&^t.mask | uint64(b)<<t.lo)
			}
		}
	}
	if s.ndead > 0 {
		live := out[:0]
		for p, e := range out {
			if !s.isDead(p) {
				live = append(live, e)
			}
		}
		out = live
	}
	return out
}

func (s *segment) memoryBytes() int {
	n := 8*cap(s.ids) + 8*cap(s.fps) + 8*cap(s.dead) + planBytes
	for i := range s.tabs {
		t := &s.tabs[i]
		n += 4*cap(t.dir) + 8*cap(t.ent) + 2*cap(t.hi16) + 4*cap(t.hi32)
	}
	return n
}

// planBytes is the size of a segment's plans.
const planBytes = (Size + 1) * (1 + maxBlocks)
