package simhash

import "math/bits"

// Builder accumulates feature hashes into a fingerprint. The zero value
// is an empty Builder ready to use. A Builder is not safe for concurrent
// use; it holds no pointers and may be copied to fork a tally.
//
// The per-bit tallies are kept bit-sliced: plane p holds bit p of all 64
// counters at once, so adding a feature is a few word operations rather
// than a 64-step loop. Unit-weight features go through a Harley–Seal
// carry-save tree sixteen at a time, which keeps the cost at about five
// logical operations per feature.
type Builder struct {
	buf  [16]uint64
	nbuf int

	// Unit-weight features: count = 16·c16 + 8·eights + 4·fours + 2·twos + ones.
	ones, twos, fours, eights uint64
	c16                       [60]uint64

	// Weighted features, bit-sliced in unit steps.
	weighted [64]uint64

	total uint64 // sum of all weights
}

// Add adds a feature of weight one.
func (b *Builder) Add(h uint64) {
	b.buf[b.nbuf] = h
	b.nbuf++
	if b.nbuf == len(b.buf) {
		b.block((*[16]uint64)(b.buf[:]))
		b.nbuf = 0
	}
}

// AddWeighted adds a feature of weight w. A weight of zero adds nothing.
func (b *Builder) AddWeighted(h uint64, w uint32) {
	if w == 1 {
		b.Add(h)
		return
	}
	b.total += uint64(w)
	for w != 0 {
		p := bits.TrailingZeros32(w)
		ripple(b.weighted[:], p, h)
		w &= w - 1
	}
}

// AddAll adds features of weight one.
func (b *Builder) AddAll(hashes []uint64) {
	for b.nbuf != 0 && len(hashes) > 0 {
		b.Add(hashes[0])
		hashes = hashes[1:]
	}
	b.addBlocks(hashes)
}

func (b *Builder) addBlocks(hashes []uint64) {
	for len(hashes) >= 16 {
		b.block((*[16]uint64)(hashes))
		hashes = hashes[16:]
	}
	for _, h := range hashes {
		b.Add(h)
	}
}

// Len returns the total weight added so far.
func (b *Builder) Len() uint64 { return b.total + uint64(b.nbuf) }

// Reset empties the Builder.
func (b *Builder) Reset() { *b = Builder{} }

// Sum returns the fingerprint of the features added so far, or
// ErrNoFeatures if there are none. It does not change the Builder.
func (b *Builder) Sum() (Fingerprint, error) {
	total := b.total + uint64(b.nbuf)
	if total == 0 {
		return 0, ErrNoFeatures
	}
	var count [64]uint64
	addPlane := func(plane uint64, w uint64) {
		for plane != 0 {
			i := bits.TrailingZeros64(plane)
			count[i] += w
			plane &= plane - 1
		}
	}
	addPlane(b.ones, 1)
	addPlane(b.twos, 2)
	addPlane(b.fours, 4)
	addPlane(b.eights, 8)
	for p, plane := range b.c16 {
		addPlane(plane, 16<<p)
	}
	for p, plane := range b.weighted {
		addPlane(plane, 1<<p)
	}
	for _, h := range b.buf[:b.nbuf] {
		addPlane(h, 1)
	}
	// A bit is set where its features' weight is more than half the
	// total: the sign of Σ ±w without signed arithmetic.
	var f uint64
	for i, c := range count {
		if 2*c > total {
			f |= 1 << i
		}
	}
	return Fingerprint(f), nil
}

// csa is a carry-save adder: three input bits per lane in, their sum as
// a two-bit number (hi, lo) out.
func csa(a, b, c uint64) (hi, lo uint64) {
	u := a ^ b
	return a&b | u&c, u ^ c
}

// block adds sixteen unit-weight features (Harley–Seal).
func (b *Builder) block(x *[16]uint64) {
	var twosA, twosB, foursA, foursB, eightsA, eightsB, sixteens uint64
	twosA, b.ones = csa(b.ones, x[0], x[1])
	twosB, b.ones = csa(b.ones, x[2], x[3])
	foursA, b.twos = csa(b.twos, twosA, twosB)
	twosA, b.ones = csa(b.ones, x[4], x[5])
	twosB, b.ones = csa(b.ones, x[6], x[7])
	foursB, b.twos = csa(b.twos, twosA, twosB)
	eightsA, b.fours = csa(b.fours, foursA, foursB)
	twosA, b.ones = csa(b.ones, x[8], x[9])
	twosB, b.ones = csa(b.ones, x[10], x[11])
	foursA, b.twos = csa(b.twos, twosA, twosB)
	twosA, b.ones = csa(b.ones, x[12], x[13])
	twosB, b.ones = csa(b.ones, x[14], x[15])
	foursB, b.twos = csa(b.twos, twosA, twosB)
	eightsB, b.fours = csa(b.fours, foursA, foursB)
	sixteens, b.eights = csa(b.eights, eightsA, eightsB)
	ripple(b.c16[:], 0, sixteens)
	b.total += 16
}

// ripple adds one to the bit-sliced counters selected by x, at plane p.
func ripple(planes []uint64, p int, x uint64) {
	for ; x != 0 && p < len(planes); p++ {
		carry := planes[p] & x
		planes[p] ^= x
		x = carry
	}
}
