package simhash

import "math/bits"

// Queries of a segment: probing its tables, or scanning it.

// query appends the live entries within distance k of q to dst.
func (s *segment) query(dst []Match, q Fingerprint, k int) []Match {
	p := &s.plans[k]
	if p.scan {
		return s.scan(dst, q, k)
	}
	start, visited := len(dst), 0
	for i := range s.tabs {
		r := int(p.radius[i])
		if r < 0 {
			continue
		}
		t := &s.tabs[i]
		key := uint64(q) >> t.lo & (1<<t.w - 1)
		dst, visited = s.probe(dst, p, i, key, 0, q, k, visited)
		end := uint64(1) << t.w
		for d := 1; d <= r; d++ {
			// Every w-bit mask with d bits set, in increasing order
			// (Gosper's hack).
			for flip := uint64(1)<<d - 1; flip < end; {
				dst, visited = s.probe(dst, p, i, key^flip, d, q, k, visited)
				low := flip & -flip
				up := flip + low
				flip = (up^flip)>>2>>bits.TrailingZeros64(low) | up
			}
			if visited > s.scanLimit {
				return s.scan(dst[:start], q, k)
			}
		}
	}
	return dst
}

// probe compares q with the entries of bucket key of table i, which is
// at distance d from q's block, and adds their number to visited.
func (s *segment) probe(dst []Match, p *plan, i int, key uint64, d int, q Fingerprint, k, visited int) ([]Match, int) {
	t := &s.tabs[i]
	lo, hi := int(t.dir[key]), int(t.dir[key+1])
	budget := k - d
	qq, rest := uint64(q), ^t.mask
	for j, e := range t.ent[lo:hi] {
		if bits.OnesCount64((e^qq)&rest) <= budget {
			dst = s.hit(dst, p, i, lo+j, key, q)
		}
	}
	return dst, visited + hi - lo
}

// hit appends table i's entry j, found within distance, unless an
// earlier table of the plan also finds it (each match is reported once,
// by the first table whose radius covers it) or it is deleted.
func (s *segment) hit(dst []Match, p *plan, i, j int, key uint64, q Fingerprint) []Match {
	t := &s.tabs[i]
	fp := Fingerprint(t.ent[j]&^t.mask | key<<t.lo)
	x := uint64(fp ^ q)
	for e := range i {
		if bits.OnesCount64(x&s.tabs[e].mask) <= int(p.radius[e]) {
			return dst
		}
	}
	pos := t.position(j)
	if s.isDead(pos) {
		return dst
	}
	return append(dst, Match{s.ids[pos], fp, bits.OnesCount64(x)})
}

// scan compares q with every live fingerprint of the segment.
func (s *segment) scan(dst []Match, q Fingerprint, k int) []Match {
	if s.tabs == nil {
		for p, f := range s.fps {
			if d := bits.OnesCount64(uint64(f ^ q)); d <= k && !s.isDead(p) {
				dst = append(dst, Match{s.ids[p], f, d})
			}
		}
		return dst
	}
	t := &s.tabs[0]
	qq, rest := uint64(q), ^t.mask
	qkey := qq >> t.lo & (1<<t.w - 1)
	for b := range len(t.dir) - 1 {
		lo, hi := int(t.dir[b]), int(t.dir[b+1])
		if lo == hi {
			continue
		}
		budget := k - bits.OnesCount64(uint64(b)^qkey)
		if budget < 0 {
			continue
		}
		for j, e := range t.ent[lo:hi] {
			if d := bits.OnesCount64((e ^ qq) & rest); d <= budget {
				pos := t.position(lo + j)
				if !s.isDead(pos) {
					fp := Fingerprint(e&^t.mask | uint64(b)<<t.lo)
					dst = append(dst, Match{s.ids[pos], fp, fp.Distance(q)})
				}
			}
		}
	}
	return dst
}
