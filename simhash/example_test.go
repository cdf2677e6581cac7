package simhash_test

import (
	"errors"
	"fmt"

	"github.com/neardup/neardup/simhash"
)

func ExampleBuilder() {
	var b simhash.Builder
	for _, h := range []uint64{0xF0F0, 0xF0FF, 0x00F0} {
		b.Add(h)
	}
	f, err := b.Sum() // each bit set where most features have it
	fmt.Println(f, err)
	b.AddWeighted(0xFFFF_0000_0000_0000, 5) // one heavy feature outvotes three light ones
	f, err = b.Sum()
	fmt.Println(f, err)
	// Output:
	// 000000000000f0f0 <nil>
	// ffff000000000000 <nil>
}

func ExampleFingerprint_Distance() {
	a, _ := simhash.Parse("ffff00000000f0f0")
	b, _ := simhash.Parse("ffff00000000f0f3")
	fmt.Println(a.Distance(b), a.Similarity(b))
	// Output: 2 0.96875
}

func ExampleSum() {
	_, err := simhash.Sum(nil)
	fmt.Println(errors.Is(err, simhash.ErrNoFeatures))
	// Output: true
}
