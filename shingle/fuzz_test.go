package shingle_test

import (
	"encoding/binary"
	"testing"

	"github.com/neardup/neardup/shingle"
)

// FuzzWinnow checks Winnow on arbitrary hashes: no panic, marks in
// strictly increasing position order, each the minimum of a window
// holding it, every window's minimum selected, and the same marks as the
// naive robust winnowing. Bytes become hashes one each (many ties) or
// eight each (as real hashes), as the first byte says.
//
//	go test -run '^$' -fuzz FuzzWinnow -fuzztime 60s ./shingle/
func FuzzWinnow(f *testing.F) {
	f.Add([]byte{0, 3, 1, 4, 1, 5, 9, 2, 6}, uint8(3))
	f.Add([]byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}, uint8(39))
	f.Add([]byte{0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, uint8(4))
	f.Add([]byte{}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, w8 uint8) {
		var h []uint64
		if len(data) > 0 && data[0]%2 == 1 {
			for b := data[1:]; len(b) >= 8; b = b[8:] {
				h = append(h, binary.LittleEndian.Uint64(b))
			}
		} else {
			for _, b := range data {
				h = append(h, uint64(b%8))
			}
		}
		w := int(w8) - 8 // some windows below 1
		marks := shingle.Winnow(nil, h, w)
		checkWinnow(t, h, w, marks)
		want := naiveWinnow(h, w)
		if len(want) != len(marks) {
			t.Fatalf("%d marks, naive winnowing %d", len(marks), len(want))
		}
		for i := range want {
			if want[i] != marks[i] {
				t.Fatalf("mark %d: %v, naive winnowing %v", i, marks[i], want[i])
			}
		}
	})
}
