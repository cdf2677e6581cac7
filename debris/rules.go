package debris

// How debris is found. Left in, this debris does two kinds of harm. Text that a site repeats on
// every page ("اترك تعليقاً", the same support appeal, the same related
// headlines) makes unrelated stories from that site look alike; and text
// that differs between two copies of one story (the other headlines a
// site links to, a whole second article under "اقرأ أيضاً") keeps them
// from looking alike.
//
// Detection is line based and works on folded text (normalize.Text):
// debris almost always fills whole lines, and a line is the unit a
// scraper keeps or drops. The lexicon of boilerplate phrases (lexicon.go)
// is written in natural spelling and folded with the same rules as the
// text, so a phrase matches every spelling that folds alike (أ/ا, ة/ه,
// harakat, tatweel, Persian letters, case). The rules, each bounded so
// that a false match costs a few lines and never the article body (the
// bounds are the constants in rules.go):
//
//   - Marker: a line made only of lexicon labels and numbers ("[ad_1]",
//     "عاجل", "Share", "إغلاق إقرأ المزيد إغلاق"), a short line starting
//     with a marker ("المصدر: …", "كلمات دلالية: …", "READ <headline>"),
//     or a line of at most 60 words holding a long specific phrase (a
//     comment form's "لن يتم نشر عنوان بريدك الإلكتروني").
//   - List: a "read also" or "related" header alone on its line and up to
//     6 or 12 headline-like lines under it (at most 20 words and no full
//     stop, or a bullet and at most 30 words). A header followed by a
//     headline on the same line is one injected link and takes only
//     that line.
//   - Box: a support appeal, the box control or donate button closing it,
//     and at most 5 lines and 150 words between them.
//   - Repeat: an exact repeat of an earlier line; a line of 3 or more
//     words that starts the title; the shorter of two adjacent short
//     lines one of which starts the other (alt text and caption).
//   - Trailer: from a tags line, comment form, related-articles header or
//     share block to the end, if the text before it holds twice the words
//     after it (more than them when other markers surround it).
//
// If the rules would leave less than a third of the words, only markers
// and repeats are removed; if those would leave nothing, nothing is.

// Bounds of the rules. Each one caps what a false match can cost.
const (
	// maxLabelWords bounds a line made only of lexicon phrases: button
	// rows and control strips are short.
	maxLabelWords = 12
	// maxAnywhereWords is the longest line an anywhere phrase is looked
	// for in (the largest class bound): a longer line is article text
	// with boilerplate glued on, and dropping it would lose the article.
	maxAnywhereWords = 60

	// maxHeadlineWords bounds a list item: headlines run 5–15 words. An
	// item must also not end in a full stop, which paragraphs do and
	// headlines do not; a bulleted line is an item up to maxBulletWords
	// whatever its punctuation.
	maxHeadlineWords = 20
	maxBulletWords   = 30

	// maxTitleWords bounds the title line that captions are compared
	// with; a longer first line is a paragraph. A caption repeating the
	// title's start must be at least minTitlePrefix words, so that two
	// words in common are not taken for a repeat.
	maxTitleWords  = 30
	minTitlePrefix = 3
	// A short line that is a prefix of the next short line, both at most
	// maxCaptionWords, is an image's alt text before its caption (or the
	// reverse); the shorter goes. It needs minCaptionPrefix words.
	maxCaptionWords  = 15
	minCaptionPrefix = 2

	// An appeal box holds at most maxBoxLines unmarked lines and
	// maxBoxWords words between the appeal and its closing control: The
	// Independent's box is three paragraphs, about 90 words. Past the
	// bound the appeal and the control are unrelated, and only their own
	// lines go.
	maxBoxLines = 5
	maxBoxWords = 150
	// maxBoxSpan bounds the lines of any kind between them, so that a
	// page of marker lines costs linear time.
	maxBoxSpan = 4 * maxBoxLines

	// maxChain bounds how many earlier lines sharing a line's key
	// (length, first and last rune) it is compared with, so that crafted
	// input cannot make repeat finding quadratic; real pages have a few
	// such lines at most.
	maxChain = 16

	// clusterReach is how far, in lines, another marker must be for a
	// trailer marker to count as part of an end-of-article cluster.
	clusterReach = 2

	// If the rules would keep less than minKeepNum/minKeepDen of the
	// words, Find falls back to line markers and repeats.
	minKeepNum, minKeepDen = 1, 3
)

// findAll runs every rule and sets the kind of each line.
func (p *page) findAll() {
	for i := range p.lines {
		if p.lines[i].roles != 0 {
			p.lines[i].kind = Marker
		}
	}
	p.markRepeats()
	for i := range p.lines {
		p.lines[i].base = p.lines[i].kind
	}
	p.markLists()
	p.markBoxes()
	p.markTrailer()

	total, kept := 0, 0
	for i := range p.lines {
		l := &p.lines[i]
		total += l.n()
		if l.kind == 0 {
			kept += l.n()
		}
	}
	if kept*minKeepDen >= total*minKeepNum {
		return
	}
	// The block rules would leave too little: keep to the lines that
	// match on their own. If even they take every word, the page is
	// boilerplate only (a failed scrape, a comment page) and is all
	// debris: kept whole, two such pages would look identical.
	for i := range p.lines {
		p.lines[i].kind = p.lines[i].base
	}
}

// markRepeats marks exact repeats of earlier lines, short lines repeating
// the start of the title, and the shorter of two adjacent caption lines
// one of which starts the other.
func (p *page) markRepeats() {
	// Lines are chained by key: seen holds the last line with a key,
	// chain[i] the line before i with the same key (or -1).
	seen := make(map[uint64]int, len(p.lines))
	chain := make([]int, len(p.lines))
	title := -1
	for i := range p.lines {
		l := &p.lines[i]
		if l.kind != 0 {
			continue
		}
		if title < 0 {
			title = i
		}
		key := p.lineKey(l)
		prev, ok := seen[key]
		if !ok {
			prev = -1
		}
		chain[i], seen[key] = prev, i
		for j, k := prev, 0; j >= 0 && k < maxChain; j, k = chain[j], k+1 {
			if p.sameLine(&p.lines[j], l) {
				l.kind = Repeat
				break
			}
		}
		if l.kind == 0 && i != title && p.lines[title].n() <= maxTitleWords &&
			l.n() >= minTitlePrefix && p.prefix(l, &p.lines[title]) {
			l.kind = Repeat
		}
	}
	for i := 0; i+1 < len(p.lines); i++ {
		a, b := &p.lines[i], &p.lines[i+1]
		if a.kind != 0 || b.kind != 0 || a.n() > maxCaptionWords || b.n() > maxCaptionWords {
			continue
		}
		if a.n() > b.n() {
			a, b = b, a
		}
		if a.n() >= minCaptionPrefix && a.n() < b.n() && p.prefix(a, b) {
			a.kind = Repeat
		}
	}
}

// markLists marks a list header (a line made only of a "read also" or
// "related" phrase) and the headline-like lines under it, up to the
// class's item count. A header with no item under it stays a marker.
func (p *page) markLists() {
	for i := 0; i < len(p.lines); i++ {
		h := &p.lines[i]
		if !h.labels || h.roles&(1<<clsControl) != 0 {
			continue
		}
		limit := 0
		for c := range numClasses {
			if h.roles&(1<<c) != 0 {
				limit = max(limit, classes[c].listItems)
			}
		}
		j := i + 1
		for ; j < len(p.lines) && j-i-1 < limit; j++ {
			it := &p.lines[j]
			if it.roles != 0 || !p.headlineLike(j) {
				break
			}
		}
		if j == i+1 {
			continue
		}
		for k := i; k < j; k++ {
			p.lines[k].kind = List
		}
		i = j - 1
	}
}

func opens(c classInfo) bool  { return c.opens }
func closes(c classInfo) bool { return c.closes }

// markBoxes marks an appeal, the box control or donate button closing it,
// and everything between, if what is between is within the box bounds.
func (p *page) markBoxes() {
	for i := 0; i < len(p.lines); i++ {
		if !p.lines[i].has(opens) {
			continue
		}
		lines, words := 0, 0
		for j := i + 1; j < len(p.lines); j++ {
			l := &p.lines[j]
			if l.has(closes) {
				for k := i; k <= j; k++ {
					p.lines[k].kind = Box
				}
				i = j
				break
			}
			if l.has(opens) {
				i = j - 1 // this appeal opens its own box
				break
			}
			if l.kind == 0 {
				lines++
				words += l.n()
			}
			if lines > maxBoxLines || words > maxBoxWords || j-i > maxBoxSpan {
				break
			}
		}
	}
}

func startsTrailer(c classInfo) bool { return c.trailer }

// markTrailer marks everything from the first trailer marker (tags,
// comment form, related articles, share block) that is in the latter part
// of the text to the end. "Latter part" is counted in words of the lines
// no other rule took: the text before the marker must hold at least twice
// the words after it; or more than the words after it if another marker
// is within clusterReach lines, since source, tags, share and comments
// come together at the end of an article while a related-articles box
// injected mid-article stands alone. So a lone marker takes at most a
// third of the remaining words and a cluster less than half, and a marker
// early in the text takes nothing: seed 003's tags line has 328 words
// before it and 174 after (a whole second article), a cluster.
func (p *page) markTrailer() {
	total := 0
	for i := range p.lines {
		if p.lines[i].kind == 0 {
			total += p.lines[i].n()
		}
	}
	before := 0
	for i := range p.lines {
		l := &p.lines[i]
		if l.kind == 0 {
			before += l.n()
			continue
		}
		if !l.has(startsTrailer) {
			continue
		}
		after := total - before
		if before > 0 && (before >= 2*after || before > after && p.clustered(i)) {
			for k := i; k < len(p.lines); k++ {
				p.lines[k].kind = Trailer
			}
			return
		}
	}
}

// clustered reports whether another line within clusterReach of line i
// matches the lexicon.
func (p *page) clustered(i int) bool {
	for j := max(0, i-clusterReach); j <= min(len(p.lines)-1, i+clusterReach); j++ {
		if j != i && p.lines[j].roles != 0 {
			return true
		}
	}
	return false
}

// ranges turns the line kinds into ranges, merging adjacent lines of one
// kind. A range ends after the line break of its last line, or at the
// end of the text.
func (p *page) ranges() []Range {
	var out []Range
	n := p.t.Len()
	for i := 0; i < len(p.lines); {
		k := p.lines[i].kind
		if k == 0 {
			i++
			continue
		}
		j := i
		for j+1 < len(p.lines) && p.lines[j+1].kind == k {
			j++
		}
		end := p.lines[j].end + 1
		if j == len(p.lines)-1 {
			end = n
		}
		out = append(out, Range{Start: p.lines[i].start, End: end, Kind: k})
		i = j + 1
	}
	return out
}
