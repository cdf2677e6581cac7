package simhash

import "fmt"

// Test-only access to the index's internals, for the external tests and
// benchmarks of package simhash_test.

// IndexTuning sets the update policy and table layout constants of x;
// zero fields keep the defaults. blocks fixes the block count of every
// segment (3..8); noScan makes queries probe even where a scan would be
// cheaper, so that small test indexes still exercise the tables.
func IndexTuning(x *Index, tailMax, ratio, blocks int, noScan bool) {
	x.tune = tuning{tailMax: tailMax, ratio: ratio, blocks: blocks, noScan: noScan}
}

// SegmentStats describes one segment of an Index.
type SegmentStats struct {
	Len, Dead int
	Blocks    int       // 0: unbucketed, queries scan it
	Load      []float64 // per table: mean bucket size met by a stored fingerprint
	Load1     []float64 // per table: mean size of the buckets one bit away
	MaxBucket []int     // per table: the largest bucket
}

func (s SegmentStats) String() string {
	return fmt.Sprintf("len=%d dead=%d blocks=%d load=%.1f load1=%.1f maxBucket=%v", s.Len, s.Dead, s.Blocks, s.Load, s.Load1, s.MaxBucket)
}

// IndexStats returns the segments of x, oldest first, and the tail size.
func IndexStats(x *Index) ([]SegmentStats, int) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []SegmentStats
	for _, s := range x.segs {
		st := SegmentStats{Len: len(s.ids), Dead: s.ndead, Blocks: len(s.tabs)}
		for i := range s.tabs {
			t := &s.tabs[i]
			st.Load = append(st.Load, t.load)
			st.Load1 = append(st.Load1, t.load1)
			mx := 0
			for b := range len(t.dir) - 1 {
				mx = max(mx, int(t.dir[b+1]-t.dir[b]))
			}
			st.MaxBucket = append(st.MaxBucket, mx)
		}
		out = append(out, st)
	}
	return out, len(x.tailIDs)
}

// IndexPlan returns the probe radii of the first segment of x for a query
// at distance k, or nil if that query scans.
func IndexPlan(x *Index, k int) []int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(x.segs) == 0 || x.segs[0].plans[k].scan {
		return nil
	}
	s := x.segs[0]
	r := make([]int, len(s.tabs))
	for i := range r {
		r[i] = int(s.plans[k].radius[i])
	}
	return r
}

// ChooseBlocks is chooseBlocks.
var ChooseBlocks = chooseBlocks
