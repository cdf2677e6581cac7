package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/normalize"
)

func pick(s string, spans [][2]int) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, s[sp[0]:sp[1]])
	}
	return out
}

func TestWordDiff(t *testing.T) {
	fold := normalize.Default.String
	a := "قال الوزير إن الاجتماع ناقش ١٢ ملفا، وأكد أهمية التعاون."
	b := "قال الوزير إنّ الاجتماع بحث 12 ملفا وأكد ضرورة التعاون بين البلدين."
	ca, cb := wordDiff(a, b, fold)
	// Harakat, digits and punctuation fold away; the reworded words and
	// the added ones do not.
	assert.Equal(t, []string{"ناقش", "أهمية"}, pick(a, ca))
	assert.Equal(t, []string{"بحث", "ضرورة", "بين البلدين."}, pick(b, cb))

	ca, cb = wordDiff(a, a, fold)
	assert.Empty(t, ca)
	assert.Empty(t, cb)

	ca, cb = wordDiff("", b, fold)
	assert.Empty(t, ca)
	assert.Equal(t, []string{b}, pick(b, cb), "every word of b is new, one span")

	// A punctuation-only token is never a change.
	ca, cb = wordDiff("أ — ب", "أ ب", fold)
	assert.Empty(t, ca)
	assert.Empty(t, cb)
}

// Past the table's bound, the differing middle is marked whole, and the
// common start and end still are not.
func TestWordDiffBound(t *testing.T) {
	n := 2100
	var x, y []string
	for i := range n {
		x = append(x, "a"+strings.Repeat("x", i%7)+string(rune('a'+i%26)))
		y = append(y, "b"+strings.Repeat("y", i%5)+string(rune('a'+i%26)))
	}
	a := "same start " + strings.Join(x, " ") + " same end"
	b := "same start " + strings.Join(y, " ") + " same end"
	ca, cb := wordDiff(a, b, strings.ToLower)
	assert.Equal(t, [][2]int{{len("same start "), len(a) - len(" same end")}}, ca)
	assert.Equal(t, [][2]int{{len("same start "), len(b) - len(" same end")}}, cb)
}
