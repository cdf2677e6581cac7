package simhash

import (
	"cmp"
	"slices"
	"sync"
)

// ID identifies a fingerprint stored in an Index. The caller chooses it:
// a document number, a row key, a hash of the URL.
type ID uint64

// Entry is one fingerprint to store in an Index.
type Entry struct {
	ID          ID
	Fingerprint Fingerprint
}

// Match is one stored fingerprint found by a query.
type Match struct {
	ID          ID
	Fingerprint Fingerprint
	Distance    int // Hamming distance to the query, 0..64
}

// DefaultMaxDistance is the query distance an Index tunes its tables for
// when IndexOptions.MaxDistance is zero. Near-duplicate news text is
// usually searched at 3 to 6 bits; 8 leaves room for looser searches.
const DefaultMaxDistance = 8

// IndexOptions configures an Index. The zero value is the default.
type IndexOptions struct {
	// MaxDistance is the largest query distance the tables are tuned
	// for (default DefaultMaxDistance): the block count of each segment
	// is chosen for queries at distances 0..MaxDistance. It is a tuning
	// target, not a limit: a query at a larger distance is still exact,
	// it probes wider radii or scans, whichever is expected to be
	// cheaper.
	MaxDistance int
}

// Index finds the stored fingerprints within a Hamming distance of a
// query. The zero value is an empty Index with default options, ready
// to use. An Index holds at most 2³²−1 fingerprints.
//
// Every query is exact: it returns the same set as comparing the query
// with every stored fingerprint, whatever the distance.
//
// # Scheme
//
// The index is multi-index hashing (Norouzi, Punjani and Fleet, CVPR
// 2012), the bucketed form of the blocked tables of Manku, Jain and Das
// Sarma (WWW 2007). The 64 bits are cut into m contiguous blocks (m is 3
// to 8: four blocks of 16 bits for a million fingerprints at the default
// distance) and each block has a table: the fingerprints bucketed by the
// value of that block, with a directory giving where each bucket starts.
// By the pigeonhole principle, if two fingerprints differ in at most k
// bits and r₁ + … + rₘ ≥ k + 1 − m, some block i differs in at most rᵢ
// bits; a radius of −1 skips a table (the general pigeonhole principle
// of Qin et al., ICDE 2018). A query gives each table a radius, visits
// the buckets within that radius of its own block, and verifies each
// entry there by popcount; a match found by several tables is kept only
// by the first whose radius covers it, so no set is needed. With even
// buckets, distances up to 3 need one bucket in each of k+1 tables and 6
// needs 52 buckets.
//
// The radii are chosen per segment and distance to minimise the expected
// cost, from the measured sizes of the bucket of a stored fingerprint
// and of the buckets one bit away, so that the crowded buckets of
// biased bits and near-duplicate clusters (SimHash of real news text has
// bit frequencies from 0.1 to 0.9) move the work to the tables where
// buckets are small. When probing would cost more than comparing every
// fingerprint, as for very wide queries or small segments, the query
// scans instead; a query that meets more entries than a scan would
// compare gives up probing and scans, so none costs much more than a
// scan. The block count is chosen the same way, from a sample, when a
// segment is built: the one with the least geometric mean of expected
// query costs over the distances 0..MaxDistance, among those whose
// directories are no larger than the IDs.
//
// A table entry is the fingerprint with its block bits (known from the
// bucket) replaced by the low bits of the entry's position, and the
// remaining position bits in a side array: 10 bytes per fingerprint per
// table of 16-bit blocks. With the 8-byte ID that is 48 bytes per
// fingerprint for four tables, plus 1 MB of directories.
//
// # Updates
//
// Fingerprints live in segments, each with its own tables, plus a small
// unsorted tail that every query scans. Add appends to the tail; a full
// tail (1024 entries) becomes a segment, and the newest segments are
// merged while the older one is at most four times the size of the
// newer ones together, so sizes fall geometrically (four segments and a
// tail for a million fingerprints added one by one) and each fingerprint
// is rebuilt about once per level: amortized O(log n) per Add, about
// 4 µs at a million. Remove marks the entry deleted; a segment more than
// half deleted is rebuilt, and merges drop deleted entries. A single Add
// that triggers a merge costs time linear in the merged segments, up to
// the whole index (0.1 to 0.3 s at a million). Build replaces the
// contents with one segment, sorting once.
//
// # Concurrency
//
// An Index is safe for concurrent use. Queries share a read lock and run
// in parallel; Add, Remove and the swap at the end of Build take the
// write lock, so they wait for running queries and block new ones, for
// as long as a merge takes when one is due.
type Index struct {
	mu   sync.RWMutex
	opts IndexOptions
	tune tuning

	segs    []*segment // oldest (and largest) first
	tailIDs []ID       // unsorted recent additions
	tailFPs []Fingerprint
}

// tuning holds the constants of the update policy and of the table
// layout. The zero value means the defaults; tests change them to reach
// merges and tables with few fingerprints.
type tuning struct {
	tailMax int  // tail size that triggers a flush into a segment
	ratio   int  // merge while older segment ≤ ratio × newer ones
	blocks  int  // fixed block count (3..8), 0 to choose by cost
	noScan  bool // probe whenever the pigeonhole allows, never scan
}

const (
	defaultTailMax = 1024
	defaultRatio   = 4
)

// NewIndex returns an empty Index with the given options.
func NewIndex(opts IndexOptions) *Index {
	return &Index{opts: opts}
}

func (x *Index) maxDistance() int {
	if x.opts.MaxDistance <= 0 {
		return DefaultMaxDistance
	}
	return min(x.opts.MaxDistance, Size)
}

func (x *Index) tailMax() int {
	if x.tune.tailMax > 0 {
		return x.tune.tailMax
	}
	return defaultTailMax
}

func (x *Index) ratio() int {
	if x.tune.ratio > 0 {
		return x.tune.ratio
	}
	return defaultRatio
}

// Len returns the number of fingerprints stored.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.tailIDs)
	for _, s := range x.segs {
		n += s.live()
	}
	return n
}

// MemoryBytes returns the bytes held by the index's state: IDs, tables,
// directories, deletion marks and the tail, counted by capacity.
func (x *Index) MemoryBytes() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := cap(x.tailIDs)*8 + cap(x.tailFPs)*8
	for _, s := range x.segs {
		n += s.memoryBytes()
	}
	return n
}

// Add stores fp under id, replacing the fingerprint id had, if any.
func (x *Index) Add(id ID, fp Fingerprint) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.removeLocked(id)
	x.tailIDs = append(x.tailIDs, id)
	x.tailFPs = append(x.tailFPs, fp)
	if len(x.tailIDs) >= x.tailMax() {
		x.flushLocked()
	}
}

// Remove deletes the fingerprint stored under id and reports whether
// there was one.
func (x *Index) Remove(id ID) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.removeLocked(id)
}

func (x *Index) removeLocked(id ID) bool {
	if i := slices.Index(x.tailIDs, id); i >= 0 {
		last := len(x.tailIDs) - 1
		x.tailIDs[i], x.tailFPs[i] = x.tailIDs[last], x.tailFPs[last]
		x.tailIDs, x.tailFPs = x.tailIDs[:last], x.tailFPs[:last]
		return true
	}
	for i := len(x.segs) - 1; i >= 0; i-- {
		s := x.segs[i]
		if !s.remove(id) {
			continue
		}
		// Half-deleted segments are rebuilt so that deleted entries
		// never cost more than the live ones in memory and scans.
		switch {
		case s.live() == 0:
			x.segs = slices.Delete(x.segs, i, i+1)
		case 2*s.ndead > len(s.ids):
			x.segs[i] = x.newSegment(s.entries())
		}
		return true
	}
	return false
}

// flushLocked turns the tail into a segment and merges the newest
// segments while the older of them is at most ratio times the size of
// the newer ones together.
func (x *Index) flushLocked() {
	if len(x.tailIDs) == 0 {
		return
	}
	batch := make([]Entry, len(x.tailIDs))
	for i, id := range x.tailIDs {
		batch[i] = Entry{id, x.tailFPs[i]}
	}
	x.tailIDs, x.tailFPs = x.tailIDs[:0], x.tailFPs[:0]

	j, newer := len(x.segs), len(batch)
	for j > 0 && x.segs[j-1].live() <= x.ratio()*newer {
		j--
		newer += x.segs[j].live()
	}
	for _, s := range x.segs[j:] {
		batch = append(batch, s.entries()...)
	}
	clear(x.segs[j:])
	x.segs = x.segs[:j]
	batch = sortEntries(batch) // IDs are unique: Add removed any older copy
	x.segs = append(x.segs, x.newSegment(batch))
}

func (x *Index) newSegment(sorted []Entry) *segment {
	return newSegment(sorted, x.maxDistance(), x.tune)
}

// Build replaces the contents of the index with entries. If an ID
// appears more than once, its last entry wins, as if the entries were
// added in order. Build sorts a copy of entries by ID (a radix sort) and
// buckets it once per table, in time linear in len(entries), using
// about as much memory again as the index while it runs; queries keep
// running on the old contents until the new ones are ready.
func (x *Index) Build(entries []Entry) {
	sorted := slices.Clone(entries)
	sorted = sortEntries(sorted)
	sorted = dedupLastWins(sorted)
	x.mu.RLock()
	maxDist, tune := x.maxDistance(), x.tune
	x.mu.RUnlock()
	var segs []*segment
	if len(sorted) > 0 {
		segs = []*segment{newSegment(sorted, maxDist, tune)}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.segs = segs
	x.tailIDs, x.tailFPs = nil, nil
}

// Query returns the stored fingerprints within distance k of fp, nearest
// first; equal distances are in ascending ID order. A negative k matches
// nothing; k of 64 or more matches everything.
func (x *Index) Query(fp Fingerprint, k int) []Match {
	return x.AppendQuery(nil, fp, k)
}

// AppendQuery is Query appending to dst, so a caller that reuses dst
// queries without allocating. Only the appended matches are sorted.
func (x *Index) AppendQuery(dst []Match, fp Fingerprint, k int) []Match {
	if k < 0 {
		return dst
	}
	k = min(k, Size)
	start := len(dst)
	x.mu.RLock()
	for _, s := range x.segs {
		dst = s.query(dst, fp, k)
	}
	for i, f := range x.tailFPs {
		if d := f.Distance(fp); d <= k {
			dst = append(dst, Match{x.tailIDs[i], f, d})
		}
	}
	x.mu.RUnlock()
	sortMatches(dst[start:])
	return dst
}

// sortMatches sorts ms by distance, then ID. Large results, where the
// sort would dominate a query, are first put in distance order in place
// by an American flag sort (distances are 0..64), then each distance is
// sorted by ID alone.
func sortMatches(ms []Match) {
	if len(ms) <= 64 {
		slices.SortFunc(ms, func(a, b Match) int {
			if a.Distance != b.Distance {
				return a.Distance - b.Distance
			}
			return cmp.Compare(a.ID, b.ID)
		})
		return
	}
	var start [Size + 2]int // group d is ms[start[d]:start[d+1]]
	for _, m := range ms {
		start[m.Distance+1]++
	}
	for d := 1; d < len(start); d++ {
		start[d] += start[d-1]
	}
	next := start
	for d := range Size + 1 {
		for next[d] < start[d+1] {
			i := next[d]
			if g := ms[i].Distance; g == d {
				next[d]++
			} else {
				ms[i], ms[next[g]] = ms[next[g]], ms[i]
				next[g]++
			}
		}
	}
	for d := range Size + 1 {
		if g := ms[start[d]:start[d+1]]; len(g) > 1 {
			slices.SortFunc(g, func(a, b Match) int { return cmp.Compare(a.ID, b.ID) })
		}
	}
}
