package debris_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

func FuzzStrip(f *testing.F) {
	for _, p := range seedPaths(f) {
		f.Add(readFile(f, p))
	}
	for _, s := range []string{
		"", "x", "\n\n", englishPage, englishBody,
		"READ\nREAD x\nRead x",
		"اقرأ أيضاً\nعنوان\n• عنوان آخر\nفقرة تنتهي بنقطة.",
		"ادعم الصحافة المستقلة\nنص\nإغلاق\nتبرع",
		"Tags: a\nLeave a Reply\nShare\n[ad_1]",
		"المصدر: x\nكلمات دلالية: y\nz\nz\nz",
		"a b c\na b c d\na b",
		"©2024\n© 2024 x\n×",
		"\xff\xfe ad \xff 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		txt, err := normalize.Default.Text(s)
		require.NoError(t, err)
		rs := debris.Find(txt)
		checkRanges(t, txt, rs)

		out := debris.Strip(txt)
		require.True(t, isSubsequence(out.Runes, txt.Runes), "Strip output is not a subsequence of the input")
		if len(rs) == 0 {
			require.Same(t, txt, out)
		}
		// The block rules (lists, boxes, trailer) never take everything:
		// a text can vanish only when every line is a marker or repeat on
		// its own, i.e. the page is boilerplate only.
		if strings.TrimSpace(txt.String()) != "" && len(out.Runes) == 0 {
			for _, r := range rs {
				require.Contains(t, []debris.Kind{debris.Marker, debris.Repeat}, r.Kind)
			}
		}
		// Removed runes are exactly those the ranges cover, give or take
		// the separators tidied around them.
		removed := 0
		for _, r := range rs {
			removed += r.End - r.Start
		}
		require.InDelta(t, txt.Len()-removed, out.Len(), float64(len(rs)+1))
		// Offsets of the result still point into the original.
		for i := range out.Runes {
			if b, e := out.ByteSpan(i, i+1); b < 0 || b >= e || e > len(s) {
				t.Fatalf("rune %d maps to bytes [%d, %d) of %d", i, b, e, len(s))
			}
		}
	})
}
