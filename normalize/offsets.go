package normalize

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/neardup/neardup/internal/pool"
)

// The offset map of a Text, from each folded rune back to the original
// rune it came from, is kept compact: a prepared corpus holds one per
// document, and four bytes of byte offset plus four of rune offset for
// every rune were as much as the folded text itself, twice over. Byte
// offsets never decrease and mostly grow by one or two bytes a rune, so
// each is kept as a one-byte step from the one before, with the full
// offsets (byte and rune) of every runeStep-th rune to start from. Rune
// offsets are counted from there when asked for, which is only at the
// ends of passages.

// runeStep is the spacing of Text.blocks, in folded runes.
const runeStep = 32

// far marks a step that does not fit a byte; the offset is in Text.far.
const far = 0xFF

// block holds the offsets of rune k*runeStep: in bytes and in runes of
// Src.
type block struct{ byteOff, runeOff int32 }

// farOffset is the byte offset of rune i, whose step did not fit.
type farOffset struct{ i, byteOff int32 }

// offsetPool holds the plain offset slices that folding fills before they
// are packed.
var offsetPool = sync.Pool{New: func() any { return new([]int32) }}

// putOffsets returns buf to offsetPool unless it is too long to keep.
func putOffsets(buf *[]int32) {
	if pool.Keeps(cap(*buf)) {
		offsetPool.Put(buf)
	}
}

// setOffsets packs off, the byte offset of every folded rune.
func (t *Text) setOffsets(off []int32) {
	t.blocks = make([]block, (len(off)+runeStep-1)/runeStep)
	t.steps = make([]uint8, len(off))
	t.far = nil
	nfar := 0
	for i := 1; i < len(off); i++ {
		if d := off[i] - off[i-1]; i%runeStep != 0 && (d < 0 || d >= far) {
			nfar++
		}
	}
	if nfar > 0 {
		t.far = make([]farOffset, 0, nfar)
	}
	r, b := 0, 0
	for i, o := range off {
		if i%runeStep == 0 {
			r += t.runeCount(t.Src[b:o])
			b = int(o)
			t.blocks[i/runeStep] = block{o, int32(r)}
			continue
		}
		switch d := o - off[i-1]; {
		case d >= 0 && d < far:
			t.steps[i] = uint8(d)
		default:
			t.steps[i] = far
			t.far = append(t.far, farOffset{int32(i), o})
		}
	}
}

// byteOff returns the byte offset in Src of the rune Runes[i] came from.
func (t *Text) byteOff(i int) int {
	k := i / runeStep
	off := int(t.blocks[k].byteOff)
	for p := k*runeStep + 1; p <= i; p++ {
		if d := t.steps[p]; d != far {
			off += int(d)
		} else {
			off = t.farAt(p)
		}
	}
	return off
}

func (t *Text) farAt(i int) int {
	k, _ := slices.BinarySearchFunc(t.far, int32(i), func(f farOffset, i int32) int { return int(f.i - i) })
	return int(t.far[k].byteOff)
}

// appendOffsets appends the byte offset of every folded rune to dst.
func (t *Text) appendOffsets(dst []int32) []int32 {
	var off int32
	nf := 0
	for i, d := range t.steps {
		switch {
		case i%runeStep == 0:
			off = t.blocks[i/runeStep].byteOff
		case d != far:
			off += int32(d)
		default:
			off = t.far[nf].byteOff
			nf++
		}
		dst = append(dst, off)
	}
	return dst
}

// runeOffset returns the rune index in Src of the rune Runes[i] came
// from. The folding loop counts a rune per decoding step, an invalid
// byte as one, exactly as utf8.RuneCountInString does, so counting from
// a block's start gives the same index.
func (t *Text) runeOffset(i int) int {
	bl := t.blocks[i/runeStep]
	return int(bl.runeOff) + t.runeCount(t.Src[bl.byteOff:t.byteOff(i)])
}

func (t *Text) runeCount(s string) int {
	if t.invalid {
		return utf8.RuneCountInString(s)
	}
	return runeCount(s)
}
