// Package ntrex reads the NTREX-128 English–Arabic test set (WMT
// newstest2019's English articles with a professional Arabic
// translation, line by line: eng/ID.txt and arb/ID.txt, line k of one
// translating line k of the other) and measures line alignment on it.
package ntrex

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/neardup/neardup/compare"
)

// Pair is one article and its translation.
type Pair struct {
	ID              string
	English, Arabic string
	EnglishLines    int // lines, as Lines counts them
	ArabicLines     int
}

// Read reads the pairs of dir (dir/eng/*.txt and dir/arb/*.txt), sorted
// by ID. Every English file must have its Arabic one, with as many
// lines.
func Read(dir string) ([]Pair, error) {
	names, err := filepath.Glob(filepath.Join(dir, "eng", "*.txt"))
	if err == nil && len(names) == 0 {
		err = fmt.Errorf("no eng/*.txt in %s", dir)
	}
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []Pair
	for _, n := range names {
		id := strings.TrimSuffix(filepath.Base(n), ".txt")
		en, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ar, err := os.ReadFile(filepath.Join(dir, "arb", id+".txt"))
		if err != nil {
			return nil, err
		}
		p := Pair{ID: id, English: string(en), Arabic: string(ar),
			EnglishLines: len(Lines(string(en))), ArabicLines: len(Lines(string(ar)))}
		if p.EnglishLines != p.ArabicLines {
			return nil, fmt.Errorf("%s: %d English lines, %d Arabic", id, p.EnglishLines, p.ArabicLines)
		}
		out = append(out, p)
	}
	return out, nil
}

// Lines returns the byte spans of the lines of text (without their line
// breaks), a final empty line left out.
func Lines(text string) [][2]int {
	var out [][2]int
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		out = append(out, [2]int{start, end})
		start = end + 1
	}
	return out
}

// linesOf returns the lines a byte span [start, end) overlaps.
func linesOf(lines [][2]int, start, end int) []int {
	var out []int
	for k, l := range lines {
		if l[0] < end && start < l[1] {
			out = append(out, k)
		}
	}
	return out
}

// Count is line alignment counted on one pair or many: the line pairs
// predicted, the gold ones (line k with line k), and those in both.
type Count struct {
	Predicted, Gold, Correct int
}

// Add adds c2 to c.
func (c *Count) Add(c2 Count) {
	c.Predicted += c2.Predicted
	c.Gold += c2.Gold
	c.Correct += c2.Correct
}

// Precision, Recall and F1 of the count (0 when undefined).
func (c Count) Precision() float64 { return ratio(c.Correct, c.Predicted) }
func (c Count) Recall() float64    { return ratio(c.Correct, c.Gold) }
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Score counts the line pairs that the passages of r (A English, B
// Arabic) predict for p: every English line a passage overlaps with
// every Arabic line it overlaps, each pair once.
func Score(p Pair, r compare.Report) Count {
	le, la := Lines(p.English), Lines(p.Arabic)
	pred := map[[2]int]bool{}
	for _, ps := range r.Passages {
		for _, i := range linesOf(le, ps.A.Start, ps.A.End) {
			for _, j := range linesOf(la, ps.B.Start, ps.B.End) {
				pred[[2]int{i, j}] = true
			}
		}
	}
	c := Count{Predicted: len(pred), Gold: len(le)}
	for k := range pred {
		if k[0] == k[1] {
			c.Correct++
		}
	}
	return c
}
