package normalize

import (
	"errors"
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// MaxLen is the longest text, in bytes, that Text accepts: offsets are
// stored as int32 to halve the memory of the offset map.
const MaxLen = math.MaxInt32

// ErrTooLong is returned by Rules.Text for a text longer than MaxLen.
var ErrTooLong = errors.New("normalize: text longer than 2 GiB")

// Text is a folded text with the map from each folded rune back to the
// original rune it came from. Create one with Rules.Text. A Text is
// immutable and safe for concurrent reads.
type Text struct {
	// Src is the original text.
	Src string
	// Runes is the folded text. Separators are ' ' and '\n'; there is
	// never one at either end nor two in a row.
	Runes []rune

	// The map from folded runes to Src, packed (see offsets.go).
	blocks []block
	steps  []uint8
	far    []farOffset
	// invalid says Src is not valid UTF-8, which rune counting must then
	// decode (see runeCount).
	invalid bool
}

// Len returns the number of folded runes.
func (t *Text) Len() int { return len(t.Runes) }

// String returns the folded text.
func (t *Text) String() string { return string(t.Runes) }

// ByteSpan returns the byte span [start, end) of Src that the folded runes
// [i, j) came from, with the marks that folded away after the last of
// them (harakat, accents, tatweel): a span never ends inside a
// character. An empty range maps to an empty span at the position of
// rune i (or the end of Src).
func (t *Text) ByteSpan(i, j int) (start, end int) {
	if i >= j {
		p := t.byteAt(i)
		return p, p
	}
	last := t.byteOff(j - 1)
	_, size := utf8.DecodeRuneInString(t.Src[last:])
	end, _ = t.attached(j, last+size)
	return t.byteOff(i), end
}

// RuneSpan is ByteSpan in runes (Unicode code points) of Src, the unit of
// PAN-style annotations.
func (t *Text) RuneSpan(i, j int) (start, end int) {
	if i >= j {
		if i < t.Len() {
			r := t.runeOffset(i)
			return r, r
		}
		n := utf8.RuneCountInString(t.Src)
		return n, n
	}
	last := t.byteOff(j - 1)
	_, size := utf8.DecodeRuneInString(t.Src[last:])
	_, more := t.attached(j, last+size)
	return t.runeOffset(i), t.runeOffset(j-1) + 1 + more
}

// attached returns the end of the runs of marks and tatweel in Src from
// byte end, where the rune before folded rune j ends, up to where folded
// rune j comes from, and how many runes they are: what folded away with
// that rune, so that a span ending with a letter takes its marks.
func (t *Text) attached(j, end int) (int, int) {
	limit := t.byteAt(j)
	n := 0
	for end < limit {
		r, size := utf8.DecodeRuneInString(t.Src[end:limit])
		if r != 'ـ' && !unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) {
			break
		}
		end += size
		n++
	}
	return end, n
}

// runeCount returns the number of runes of s if s is valid UTF-8: the
// bytes that are not continuation bytes, counted eight at a time.
// utf8.RuneCountInString decodes every rune outside ASCII, which made it
// a tenth of the cost of preparing Arabic text.
func runeCount(s string) int {
	const high = 0x8080808080808080
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A continuation byte is 10xxxxxx: bit 7 set, bit 6 (shifted
		// into bit 7) clear.
		n -= bits.OnesCount64(x &^ (x << 1) & high)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

func (t *Text) byteAt(i int) int {
	if i < t.Len() {
		return t.byteOff(i)
	}
	return len(t.Src)
}

// Text folds src and keeps the offset map. Invalid UTF-8 bytes fold to a
// separator each, like any other character that cannot be part of a word,
// so no input is rejected but one longer than MaxLen.
func (r Rules) Text(src string) (*Text, error) {
	if len(src) > MaxLen {
		return nil, ErrTooLong
	}
	// Folded text is rarely longer than the original in runes (only
	// expansions such as ﷺ make it so): sized by the rune count, the
	// slices almost never grow.
	n := runeCount(src) // exact unless src is invalid, and then close
	buf := offsetPool.Get().(*[]int32)
	t := &Text{Src: src, Runes: make([]rune, 0, n)}
	s := sink{runes: t.Runes, byteOff: slices.Grow((*buf)[:0], n), track: true}
	r.compiled().run(&s, src)
	t.Runes, t.invalid = s.runes, s.invalid
	t.setOffsets(s.byteOff)
	*buf = s.byteOff
	putOffsets(buf)
	return t, nil
}

// AppendRunes appends the folded form of src to dst and returns the
// extended buffer. It keeps no offsets and, given a buffer with room,
// allocates nothing: it is the fast path for fingerprinting.
func (r Rules) AppendRunes(dst []rune, src string) []rune {
	return r.compiled().appendRunes(dst, src)
}

// String returns the folded form of s.
func (r Rules) String(s string) string {
	return string(r.AppendRunes(make([]rune, 0, len(s)/2), s))
}

type sink struct {
	runes   []rune
	base    int // len(runes) before this text: no separator goes first
	byteOff []int32
	track   bool
	sep     rune // pending separator, 0 if none
	sepByte int32
	invalid bool // an invalid UTF-8 byte was seen
}

func (s *sink) emit(c rune, b int32) {
	if s.sep != 0 {
		if len(s.runes) > s.base {
			s.runes = append(s.runes, s.sep)
			if s.track {
				s.byteOff = append(s.byteOff, s.sepByte)
			}
		}
		s.sep = 0
	}
	s.runes = append(s.runes, c)
	if s.track {
		s.byteOff = append(s.byteOff, b)
	}
}

// separate records a separator; a line break outranks a space.
func (s *sink) separate(nl bool, b int32) {
	switch {
	case s.sep == 0:
		s.sep, s.sepByte = ' ', b
		if nl {
			s.sep = '\n'
		}
	case nl:
		s.sep = '\n'
	}
}

func (s *sink) expand(exp []rune, b int32) {
	for _, c := range exp {
		switch c {
		case ' ':
			s.separate(false, b)
		case '\n':
			s.separate(true, b)
		default:
			s.emit(c, b)
		}
	}
}

// run is the folding loop shared by every entry point.
func (t *table) run(s *sink, src string) {
	for i := 0; i < len(src); {
		c, size := rune(src[i]), 1
		switch {
		case c < utf8.RuneSelf:
		case c&0xE0 == 0xC0 && c >= 0xC2 && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			// Two-byte runes (Arabic, Cyrillic, Greek, Hebrew) inline.
			c, size = (c&0x1F)<<6|rune(src[i+1]&0x3F), 2
		default:
			c, size = utf8.DecodeRuneInString(src[i:])
			s.invalid = s.invalid || c == utf8.RuneError && size == 1
		}
		if c < bmpSize && s.sep == 0 {
			if e := t.bmp[c]; e&kindMask == kindRune {
				s.runes = append(s.runes, rune(e&valueMask))
				s.byteOff = append(s.byteOff, int32(i))
				i += size
				continue
			}
		}
		t.foldInto(s, c, int32(i))
		i += size
	}
}

// foldRare folds a rune outside the BMP (emoji, historic scripts,
// mathematical letters): too sparse for a direct table and rare enough in
// news text to fold on the fly. Folders are pooled because a case folder
// keeps state.
func (t *table) foldRare(c rune) []rune {
	f, _ := t.folders.Get().(*folder)
	if f == nil {
		f = newFolder(t.rules)
	}
	out := f.fold(t.scratch(), c)
	t.folders.Put(f)
	return out
}

func (t *table) scratch() []rune { return make([]rune, 0, 4) }

// appendRunes is run without offsets, written out by hand because it is
// the hot loop of fingerprinting: one- and two-byte runes (ASCII, Arabic,
// Cyrillic, Greek, Hebrew) are decoded inline, and the common case of a
// rune that folds to one rune costs a table load and an append.
func (t *table) appendRunes(dst []rune, src string) []rune {
	base := len(dst)
	var sep rune
	for i := 0; i < len(src); {
		c := rune(src[i])
		switch {
		case c < utf8.RuneSelf:
			i++
		case c&0xE0 == 0xC0 && c >= 0xC2 && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			c = (c&0x1F)<<6 | rune(src[i+1]&0x3F)
			i += 2
		default:
			var size int
			c, size = utf8.DecodeRuneInString(src[i:])
			i += size
		}
		var e entry
		if c < bmpSize {
			e = t.bmp[c]
			if e&kindMask == kindRune {
				if sep != 0 {
					if len(dst) > base {
						dst = append(dst, sep)
					}
					sep = 0
				}
				dst = append(dst, rune(e&valueMask))
				continue
			}
		}
		// Everything else goes through the general sink, carrying the
		// separator state across.
		s := sink{runes: dst, base: base, sep: sep}
		t.foldInto(&s, c, 0)
		dst, sep = s.runes, s.sep
	}
	return dst
}

// Without returns a copy of t without the folded runes in the given
// ranges, each [start, end) in t's folded positions, sorted and not
// overlapping. The offset map still points into t.Src, so spans found in
// the result are spans of the original text. Separators are tidied so
// the result keeps the guarantees of Text: none at either end, never two
// in a row (a line break wins).
func (t *Text) Without(ranges [][2]int) *Text {
	if len(ranges) == 0 {
		return t
	}
	n := t.Len()
	// Room for what is kept and a separator per range, no more: the
	// result may be kept for long (a prepared document).
	size := n
	prev := 0
	for _, r := range ranges {
		if start, end := max(r[0], prev), min(r[1], n); start < end {
			size -= end - start - 1
			prev = end
		}
	}
	out := &Text{Src: t.Src, invalid: t.invalid}
	in, buf := offsetPool.Get().(*[]int32), offsetPool.Get().(*[]int32)
	off := t.appendOffsets((*in)[:0])
	s := sink{
		track:   true,
		runes:   make([]rune, 0, size),
		byteOff: slices.Grow((*buf)[:0], size),
	}
	keep := func(from, to int) {
		for i := from; i < to; i++ {
			switch c := t.Runes[i]; c {
			case ' ', '\n':
				s.separate(c == '\n', off[i])
			default:
				s.emit(c, off[i])
			}
		}
	}
	prev = 0
	for _, r := range ranges {
		start, end := max(r[0], prev), min(r[1], n)
		if start >= end {
			continue
		}
		keep(prev, start)
		// A removed range still separates what was on either side of it.
		s.separate(true, off[start])
		prev = end
	}
	keep(prev, n)
	out.Runes = s.runes
	out.setOffsets(s.byteOff)
	*in, *buf = off, s.byteOff
	putOffsets(in)
	putOffsets(buf)
	return out
}
