package compare

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A table's lines join stems into classes, transitively and whatever
// their order; comments, blank and one-word lines are skipped, and a
// word of no stem (too short) joins nothing.
func TestParseParaphrases(t *testing.T) {
	stem := func(w string) uint64 {
		s, ok := stemOf(w)
		require.True(t, ok, w)
		return s
	}
	for _, table := range []string{
		"# comment\tكلمة\nالمقبل\tالقادم\t5\n\nالقادم\tالآتي\nوحيدة\nاليوم\tامس\nا\tالمقبل\n",
		"اليوم\tامس\nالقادم\tالآتي\t7\r\nالمقبل\tالقادم\n",
	} {
		p := parseParaphrases(table)
		assert.Equal(t, p.canon(stem("المقبل")), p.canon(stem("الآتي")))
		assert.Equal(t, p.canon(stem("والقادم")), p.canon(stem("المقبل")), "a stem, whatever the clitics")
		assert.Equal(t, p.canon(stem("اليوم")), p.canon(stem("امس")))
		assert.NotEqual(t, p.canon(stem("اليوم")), p.canon(stem("المقبل")))
		assert.Equal(t, stem("كلمة"), p.canon(stem("كلمة")), "a comment joins nothing")
		assert.Len(t, p.reps, 5)
	}
	var none *paraphrases
	assert.Equal(t, stem("اليوم"), none.canon(stem("اليوم")))
	// The shipped table is read and joins what it learned.
	assert.Equal(t, learned().canon(stem("الامريكي")), learned().canon(stem("الاميركي")))
}

// The hash table answers for every stem of the shipped table
// as a plain map of the same classes would, collisions and all, and
// leaves other stems alone.
func TestParaphraseTableLookups(t *testing.T) {
	p := learned()
	// The classes as connected stems, by a map and a walk of its own.
	links := map[uint64][]uint64{}
	for line := range strings.Lines(paraphraseTable) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		x, okX := stemOf(f[0])
		y, okY := stemOf(f[1])
		if okX && okY {
			links[x] = append(links[x], y)
			links[y] = append(links[y], x)
		}
	}
	require.NotEmpty(t, links)
	assert.Len(t, p.reps, len(links), "every stem of the table has a class")
	for x := range links {
		// The least stem reachable from x stands for its class.
		least, seen, todo := x, map[uint64]bool{x: true}, []uint64{x}
		for len(todo) > 0 {
			v := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			least = min(least, v)
			for _, w := range links[v] {
				if !seen[w] {
					seen[w] = true
					todo = append(todo, w)
				}
			}
		}
		require.Equal(t, least, p.canon(x))
	}
	for _, w := range []string{"كلمة", "المدرسة", "الطائرة"} {
		s, ok := stemOf(w)
		require.True(t, ok)
		if _, in := links[s]; !in {
			assert.Equal(t, s, p.canon(s), w)
		}
	}
}
