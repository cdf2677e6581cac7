package normalize_test

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/normalize"
)

// runeIndex maps each byte offset at which a decoding step starts to the
// number of steps before it: the rune index RuneSpan must report.
func runeIndex(s string) map[int]int {
	m := map[int]int{}
	ri := 0
	for i := 0; i < len(s); ri++ {
		m[i] = ri
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	m[len(s)] = ri
	return m
}

// checkRuneSpans checks every folded rune's rune offset, which Text
// counts from sparse checkpoints rather than storing, against a plain
// decoding of Src.
func checkRuneSpans(t *testing.T, txt *normalize.Text) {
	t.Helper()
	idx := runeIndex(txt.Src)
	for i := range txt.Len() {
		b0, b1 := txt.ByteSpan(i, i+1)
		r0, r1 := txt.RuneSpan(i, i+1)
		want, ok := idx[b0]
		require.True(t, ok, "rune %d starts inside a source rune", i)
		require.Equal(t, want, r0, "rune %d", i)
		require.Equal(t, idx[b1], r1, "rune %d", i)
		e0, e1 := txt.RuneSpan(i, i)
		require.Equal(t, want, e0)
		require.Equal(t, want, e1)
	}
	n := utf8.RuneCountInString(txt.Src)
	e0, e1 := txt.RuneSpan(txt.Len(), txt.Len())
	require.Equal(t, [2]int{n, n}, [2]int{e0, e1})
	if txt.Len() > 1 {
		r0, r1 := txt.RuneSpan(0, txt.Len())
		first, _ := txt.RuneSpan(0, 1)
		_, last := txt.RuneSpan(txt.Len()-1, txt.Len())
		require.Equal(t, [2]int{first, last}, [2]int{r0, r1})
	}
}

func TestRuneSpanFromCheckpoints(t *testing.T) {
	pieces := []string{
		"كييف، أوكرانيا", "جُنُودًا", "ـــ", "ﷺ", "ﻻ", " ", "\n", "...", "AP",
		"😀", "𝐀𝐁", "ß", "Ǆ", "١٢٣", "\xff", "\xe2\x82", "\xed\xa0\x80", "\x80",
	}
	valid := 14 // pieces[:valid] are valid UTF-8
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 400 {
		use := pieces
		if k%2 == 0 {
			// Valid text has its runes counted without decoding.
			use = pieces[:valid]
		}
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(use[rng.IntN(len(use))])
		}
		txt, err := normalize.Default.Text(b.String())
		require.NoError(t, err)
		checkRuneSpans(t, txt)
		// Without keeps the map into the same Src.
		var ranges [][2]int
		for p := 0; p < txt.Len(); {
			start := p + rng.IntN(200)
			end := min(start+1+rng.IntN(150), txt.Len())
			if start >= end {
				break
			}
			ranges = append(ranges, [2]int{start, end})
			p = end
		}
		checkRuneSpans(t, txt.Without(ranges))
	}
	for _, p := range seedPaths(t) {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		txt, err := normalize.Default.Text(string(src))
		require.NoError(t, err)
		checkRuneSpans(t, txt)
	}
}
