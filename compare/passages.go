package compare

import (
	"cmp"
	"slices"
)

// From runs to passages: merging runs, extending and snapping their ends,
// and reconciling the exact and order-free passages.

// merger joins runs, which come in order of their start in A, into
// passages, and judges each passage once no run can join it: extended,
// snapped to words, and dropped if short or sparse. spans holds the
// passages in order of their start, dropped ones marked (aStart -1)
// until enough of them are to be worth removing.
type merger struct {
	s     *scratch
	o     params
	A, B  []rune
	spans []span
	open  []int // passages runs may still join, in ascending order
	drops int
}

// add merges r, the next run in order of start in A.
func (m *merger) add(r run) {
	seed := m.o.SeedSize
	// A frequent tail is no match (see maxOccurrences).
	a0, a1 := int(r.aStart), int(r.anchorI)+seed
	b0, b1 := int(r.bStart), int(r.bStart)+(a1-a0)
	spans := m.spans
	// Passages that end too far back in A can take no more runs.
	open := m.open[:0]
	for _, k := range m.open {
		if spans[k].aEnd+m.o.MaxGap < a0 {
			m.judge(k)
		} else {
			open = append(open, k)
		}
	}
	m.open = open
	best, bestCost := -1, 0
	for _, k := range m.open {
		p := &spans[k]
		gapA, gapB := a0-p.aEnd, b0-p.bEnd
		// A run may overlap the passage's end by less than a seed (the
		// trace of a small insertion or deletion) but may not go back in
		// either text: that would be a crossing match, a phrase repeated
		// elsewhere.
		if gapA > m.o.MaxGap || gapB > m.o.MaxGap || gapA < -seed || gapB < -seed ||
			a1 <= p.aEnd || b1 <= p.bEnd || b0 < p.bStart {
			continue
		}
		cost := max(gapA, gapB) + abs(gapA-gapB)
		if best < 0 || cost < bestCost {
			best, bestCost = k, cost
		}
	}
	if best < 0 {
		m.compact()
		m.open = append(m.open, len(m.spans))
		m.spans = append(m.spans, span{aStart: a0, aEnd: a1, bStart: b0, bEnd: b1, matched: a1 - a0})
		return
	}
	p := &spans[best]
	p.matched += a1 - max(a0, p.aEnd)
	p.aEnd, p.bEnd = a1, max(p.bEnd, b1)
}

// judge extends passage k over equal runes, snaps it to words and marks
// it dropped if it is too short or too sparse.
func (m *merger) judge(k int) {
	p := &m.spans[k]
	extend(p, m.A, m.B)
	snap(p, m.A, m.B)
	short := min(p.aEnd-p.aStart, p.bEnd-p.bStart)
	long := max(p.aEnd-p.aStart, p.bEnd-p.bStart)
	if short < m.o.MinPassage || float64(p.matched) < m.o.MinDensity*float64(long) {
		p.aStart = -1
		m.drops++
	}
}

// compact removes the dropped passages once they are most of spans.
func (m *merger) compact() {
	if m.drops < 1024 || 2*m.drops < len(m.spans) {
		return
	}
	kept, o := m.spans[:0], 0
	for k, p := range m.spans {
		if o < len(m.open) && m.open[o] == k {
			m.open[o] = len(kept)
			o++
		}
		if p.aStart >= 0 {
			kept = append(kept, p)
		}
	}
	m.spans, m.drops = kept, 0
}

// finish judges the passages still open and returns those kept.
func (m *merger) finish() []span {
	for _, k := range m.open {
		m.judge(k)
	}
	m.s.open = m.open[:0]
	return slices.DeleteFunc(m.spans, func(p span) bool { return p.aStart < 0 })
}

// extend grows a passage over runes equal in both texts at either end:
// an exact match shorter than a seed, cut off by an edit, still belongs
// to the passage.
func extend(p *span, A, B []rune) {
	for p.aStart > 0 && p.bStart > 0 && A[p.aStart-1] == B[p.bStart-1] {
		p.aStart--
		p.bStart--
		p.matched++
	}
	for p.aEnd < len(A) && p.bEnd < len(B) && A[p.aEnd] == B[p.bEnd] {
		p.aEnd++
		p.bEnd++
		p.matched++
	}
}

// snap moves passage ends that fall inside a word, in either text, back
// to the word boundary: a reader wants whole words, and a word matched in
// part ("الروس" in "الروسية") is not shared. The ends lie in exact
// matches, so both sides move together. It gives up after a word's
// length rather than eat a passage made of one long token.
func snap(p *span, A, B []rune) {
	const longestWord = 20
	for k := 0; k < longestWord && p.aEnd > p.aStart && (inWord(A, p.aEnd) || inWord(B, p.bEnd)); k++ {
		p.aEnd--
		p.bEnd--
		p.matched--
	}
	for k := 0; k < longestWord && p.aStart < p.aEnd && (inWord(A, p.aStart) || inWord(B, p.bStart)); k++ {
		p.aStart++
		p.bStart++
		p.matched--
	}
}

// inWord reports whether position i of R splits a word.
func inWord(R []rune, i int) bool {
	return i > 0 && i < len(R) && !isSep(R[i]) && !isSep(R[i-1])
}

func isSep(r rune) bool { return r == ' ' || r == '\n' }

// trim takes separators off the ends of both sides. The ends of a
// passage are exact matches, so what comes off A was counted as matched.
func trim(p *span, A, B []rune) {
	sep := isSep
	for p.aStart < p.aEnd && sep(A[p.aStart]) {
		p.aStart++
		p.matched--
	}
	for p.aEnd > p.aStart && sep(A[p.aEnd-1]) {
		p.aEnd--
		p.matched--
	}
	p.matched = max(0, min(p.matched, p.aEnd-p.aStart))
	for p.bStart < p.bEnd && sep(B[p.bStart]) {
		p.bStart++
	}
	for p.bEnd > p.bStart && sep(B[p.bEnd-1]) {
		p.bEnd--
	}
}

// tighten replaces an order-free passage by the extent of the exact
// passages inside it when they cover most of it (0.8 of its A side): the
// exact ends are precise, the order-free ones run a few words into
// neighbouring text on the same topic. The order-free passage then only
// unites exact pieces that reordering split.
//
// It reports false when two exact pieces inside each span most of its B
// side (four fifths):
// that is one passage of B used twice in A, which the exact passages
// already say, and no reordering to unite.
func tighten(g span, exact []span) (span, bool) {
	var in []span
	for _, p := range exact {
		if overlap(p.aStart, p.aEnd, g.aStart, g.aEnd) > 0 && overlap(p.bStart, p.bEnd, g.bStart, g.bEnd) > 0 {
			for _, q := range in {
				if whole(p, g) && whole(q, g) {
					return g, false
				}
			}
			in = append(in, p)
		}
	}
	if len(in) == 0 {
		return g, true
	}
	clip := make([][2]int, len(in))
	for i, p := range in {
		clip[i] = [2]int{max(p.aStart, g.aStart), min(p.aEnd, g.aEnd)}
	}
	sortRanges(clip)
	covered, end := 0, 0
	for _, r := range clip {
		if start := max(r[0], end); r[1] > start {
			covered += r[1] - start
			end = r[1]
		}
	}
	if 5*covered < 4*(g.aEnd-g.aStart) {
		return g, true
	}
	t := in[0]
	for _, p := range in[1:] {
		t.aStart, t.aEnd = min(t.aStart, p.aStart), max(t.aEnd, p.aEnd)
		t.bStart, t.bEnd = min(t.bStart, p.bStart), max(t.bEnd, p.bEnd)
		t.matched += p.matched
	}
	t.matched = min(t.matched, t.aEnd-t.aStart)
	return t, true
}

// whole reports whether p spans four fifths of g's B side.
func whole(p, g span) bool { return 5*(p.bEnd-p.bStart) >= 4*(g.bEnd-g.bStart) }

// coalesce merges passages that overlap, or nearly touch, in both
// texts into their bounding box: the pieces of one reordered passage, or
// an order-free passage and the exact ones inside it.
func coalesce(spans []span, gap int) []span {
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(spans); i++ {
			for j := i + 1; j < len(spans); j++ {
				p, q := spans[i], spans[j]
				// Exact passages stay apart (merge already joined what
				// follows on); only order-free ones absorb others.
				if p.kind == Exact && q.kind == Exact ||
					overlap(p.aStart-gap, p.aEnd+gap, q.aStart, q.aEnd) == 0 ||
					overlap(p.bStart-gap, p.bEnd+gap, q.bStart, q.bEnd) == 0 {
					continue
				}
				m := span{
					aStart: min(p.aStart, q.aStart), aEnd: max(p.aEnd, q.aEnd),
					bStart: min(p.bStart, q.bStart), bEnd: max(p.bEnd, q.bEnd),
					kind: max(p.kind, q.kind),
				}
				// q counts for the part of it outside p.
				outside := 1 - float64(overlap(p.aStart, p.aEnd, q.aStart, q.aEnd))/float64(max(1, q.aEnd-q.aStart))
				m.matched = min(p.matched+int(outside*float64(q.matched)), m.aEnd-m.aStart)
				spans[i] = m
				spans = slices.Delete(spans, j, j+1)
				merged = true
				j--
			}
		}
	}
	return spans
}

// coversShorter reports whether spans cover at least share of the
// shorter text: then reworded passages could add little.
func coversShorter(spans []span, la, lb int, share float64) bool {
	if la <= lb {
		return coverage(spans, la, func(p span) (int, int) { return p.aStart, p.aEnd }) >= share
	}
	return coverage(spans, lb, func(p span) (int, int) { return p.bStart, p.bEnd }) >= share
}

// covered reports whether four fifths of p's A side lie inside spans.
func covered(p span, spans []span) bool {
	in := 0
	for _, q := range spans {
		in += overlap(p.aStart, p.aEnd, q.aStart, q.aEnd)
	}
	return 5*in >= 4*(p.aEnd-p.aStart)
}

// dropShadowed removes passages that lie mostly inside a longer one in
// both texts: the same reuse found twice through a repeated phrase.
func dropShadowed(spans []span) []span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(x, y span) int {
		return cmp.Compare(y.aEnd-y.aStart+y.bEnd-y.bStart, x.aEnd-x.aStart+x.bEnd-x.bStart)
	})
	kept := spans[:0]
	for _, p := range spans {
		shadowed := false
		for _, q := range kept {
			if 2*overlap(p.aStart, p.aEnd, q.aStart, q.aEnd) > p.aEnd-p.aStart &&
				2*overlap(p.bStart, p.bEnd, q.bStart, q.bEnd) > p.bEnd-p.bStart {
				shadowed = true
				break
			}
		}
		if !shadowed {
			kept = append(kept, p)
		}
	}
	return kept
}

func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sortRanges(r [][2]int) {
	slices.SortFunc(r, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
}
