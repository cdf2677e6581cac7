package shingle_test

import (
	"fmt"

	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

func ExampleChars() {
	t, _ := normalize.Default.Text("كييف، أوكرانيا")
	for _, s := range shingle.Chars(t, 4)[:3] {
		start, end := t.ByteSpan(s.Pos, s.End)
		fmt.Printf("%q from %q\n", string(t.Runes[s.Pos:s.End]), t.Src[start:end])
	}
	// Output:
	// "كييف" from "كييف"
	// "ييف " from "ييف،"
	// "يف ا" from "يف، أ"
}

func ExampleWords() {
	t, _ := normalize.Default.Text("وقال سولوفي لوكالة أسوشيتد برس")
	for _, s := range shingle.Words(t, 3) {
		fmt.Println(string(t.Runes[s.Pos:s.End]))
	}
	// Output:
	// وقال سولوفي لوكاله
	// سولوفي لوكاله اسوشيتد
	// لوكاله اسوشيتد برس
}
