package simhash_test

import (
	"fmt"

	"github.com/neardup/neardup/simhash"
)

func ExampleIndex() {
	var x simhash.Index // ready to use; NewIndex sets options
	x.Add(1, 0x0123_4567_89ab_cdef)
	x.Add(2, 0x0123_4567_89ab_cdee) // one bit away: a near-duplicate
	x.Add(3, 0xfedc_ba98_7654_3210) // unrelated
	x.Add(4, 0x0123_4567_89ab_cdef) // an exact copy of 1

	for _, m := range x.Query(0x0123_4567_89ab_cdef, 3) {
		fmt.Println(m.ID, m.Fingerprint, m.Distance)
	}
	fmt.Println(x.Remove(2), x.Len())
	// Output:
	// 1 0123456789abcdef 0
	// 4 0123456789abcdef 0
	// 2 0123456789abcdee 1
	// true 3
}

func ExampleIndex_Build() {
	x := simhash.NewIndex(simhash.IndexOptions{MaxDistance: 6})
	x.Build([]simhash.Entry{
		{ID: 10, Fingerprint: 0xffff_0000_ffff_0000},
		{ID: 11, Fingerprint: 0xffff_0000_ffff_000f}, // 4 bits from 10
		{ID: 12, Fingerprint: 0x0000_ffff_0000_ffff},
	})
	var dst []simhash.Match // reused across queries: no allocation
	for _, k := range []int{3, 4} {
		dst = x.AppendQuery(dst[:0], 0xffff_0000_ffff_0000, k)
		fmt.Println(k, dst)
	}
	// Output:
	// 3 [{10 ffff0000ffff0000 0}]
	// 4 [{10 ffff0000ffff0000 0} {11 ffff0000ffff000f 4}]
}
