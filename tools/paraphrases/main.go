// Command paraphrases learns word paraphrases from a news collection:
// the words one copy of an item has where another has a different word,
// between words both share. It runs the batch job's alignment on the
// collection (the reworded aligner off, so that what it learns does not
// feed on itself), takes the pairs that are rewrites or near-duplicates
// of one another, and in each exact passage that is not verbatim lines up
// the content words of both sides (longest common subsequence); one word
// set against one other between shared words is a substitution. A
// substitution seen in enough pairs of documents, and in enough of those
// where either of its words was in a passage, is written out, most often
// seen first, as the table compare's reworded aligner reads
// (compare/paraphrases.txt). Only pairs of documents from two papers
// within a day are read: copies in one paper, or days apart, are mostly
// a formula filled twice, whose differing words are slots.
//
//	go run ./tools/paraphrases --corpus ../shared/corpora/saudinewsnet > compare/paraphrases.txt
//
// It is a harness, not part of the library or of dedupe.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpora/saudinewsnet", "`dir`ectory of SaudiNewsNet *.zip dumps")
	least := flag.Int("min-pairs", 5, "the fewest pairs of documents a substitution must be seen in")
	leastShare := flag.Float64("min-share", 0.04, "the least share of the pairs with either word in a passage it must be seen in")
	flag.Parse()
	if err := run(os.Stdout, *corpus, *least, *leastShare); err != nil {
		fmt.Fprintln(os.Stderr, "paraphrases:", err)
		os.Exit(1)
	}
}

// origin is where and when an article was published.
type origin struct {
	source string
	day    time.Time
}

// rewrites reports whether two articles are two papers' copies of one
// item: other sources, days at most one apart. Copies in one paper, or
// days apart, are mostly one formula filled twice (a weather report, a
// royal cable), whose differing words are slots, not paraphrases.
func (o origin) rewrites(p origin) bool {
	d := o.day.Sub(p.day)
	return o.source != p.source && !o.day.IsZero() && !p.day.IsZero() && d <= 24*time.Hour && d >= -24*time.Hour
}

// substitution is a pair of stems, the lesser first.
type substitution [2]uint64

// run learns the table from the SaudiNewsNet dumps in dir and writes it
// to w.
func run(w io.Writer, dir string, least int, leastShare float64) error {
	zips, err := filepath.Glob(filepath.Join(dir, "*.zip"))
	if err == nil && len(zips) == 0 {
		err = fmt.Errorf("no *.zip file in %s", dir)
	}
	if err != nil {
		return err
	}
	var texts []string
	var meta []origin
	for d, err := range input.Read(zips, input.Options{IDField: "url", TextField: "content"}) {
		switch {
		case errors.Is(err, input.ErrNoText) || errors.Is(err, input.ErrEmpty):
		case err != nil:
			return err
		default:
			texts = append(texts, d.Text)
			day, _ := time.Parse(time.DateOnly, d.Meta["date_extracted"][:min(10, len(d.Meta["date_extracted"]))])
			meta = append(meta, origin{d.Meta["source"], day})
		}
	}
	cfg := neardup.Default
	cfg.CacheBytes = 1 << 30
	cfg.Compare.NoRewording = true
	c := neardup.NewCorpus(cfg)
	docs := make([]neardup.Document, len(texts))
	for i, t := range texts {
		docs[i] = neardup.Document{ID: strconv.Itoa(i), Text: t}
	}
	if err := c.AddBatch(docs); err != nil {
		return err
	}
	pairs, err := c.Pairs(compare.Rewrite)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "paraphrases: %d documents, %d rewrite or near-duplicate pairs\n", len(texts), len(pairs))

	pipe := cfg.Pipeline()
	prepared := map[int]*prepare.Doc{}
	doc := func(id string) (*prepare.Doc, error) {
		n, _ := strconv.Atoi(id)
		if d, ok := prepared[n]; ok {
			return d, nil
		}
		d, err := pipe.Prepare(texts[n])
		prepared[n] = d
		return d, err
	}
	seen := map[substitution]int{}       // pairs of documents
	opps := map[uint64]int{}             // pairs of documents with the stem in a passage
	forms := map[uint64]map[string]int{} // the folded words of each stem
	rewrites := 0
	for _, pr := range pairs {
		na, _ := strconv.Atoi(pr.A)
		nb, _ := strconv.Atoi(pr.B)
		if !meta[na].rewrites(meta[nb]) {
			continue
		}
		rewrites++
		a, err := doc(pr.A)
		if err != nil {
			return err
		}
		b, err := doc(pr.B)
		if err != nil {
			return err
		}
		here := map[substitution]bool{}
		met := map[uint64]bool{}
		for _, p := range pr.Report.Passages {
			if p.Kind != compare.Exact || p.Similarity >= 1 {
				continue
			}
			wa, wb := wordsIn(a, p.A), wordsIn(b, p.B)
			for _, w := range wa {
				met[w.Stem] = true
			}
			for _, w := range wb {
				met[w.Stem] = true
			}
			for _, s := range substitutions(wa, wb) {
				x, y := wa[s[0]], wb[s[1]]
				fx, fy := folded(a, x), folded(b, y)
				if x.Stem == y.Stem || hasDigit(fx) || hasDigit(fy) {
					continue
				}
				note(forms, x.Stem, fx)
				note(forms, y.Stem, fy)
				k := substitution{min(x.Stem, y.Stem), max(x.Stem, y.Stem)}
				here[k] = true
			}
		}
		for k := range here {
			seen[k]++
		}
		for st := range met {
			opps[st]++
		}
	}
	// A substitution of common words in passages that are mostly other
	// words' doing (what and which, said and added) is set against the
	// pairs either word had the chance to be substituted in.
	share := func(k substitution) float64 { return float64(seen[k]) / float64(min(opps[k[0]], opps[k[1]])) }
	var keep []substitution
	for k, n := range seen {
		if n >= least && share(k) >= leastShare {
			keep = append(keep, k)
		}
	}
	slices.SortFunc(keep, func(x, y substitution) int {
		return cmp.Or(cmp.Compare(seen[y], seen[x]), cmp.Compare(form(forms, x[0]), form(forms, y[0])), cmp.Compare(form(forms, x[1]), form(forms, y[1])))
	})
	fmt.Fprintf(w, "# Paraphrases learned from %s (%d documents, %d rewrite or near-duplicate pairs, %d of them\n", filepath.Base(dir), len(texts), len(pairs), rewrites)
	fmt.Fprintf(w, "# between two papers within a day)\n")
	fmt.Fprintf(w, "# by go run ./tools/paraphrases --min-pairs %d --min-share %g: word, word (folded), the pairs of\n", least, leastShare)
	fmt.Fprintf(w, "# documents it was seen in, and their share of the pairs with either word in a passage.\n")
	for _, k := range keep {
		fmt.Fprintf(w, "%s\t%s\t%d\t%.3f\n", form(forms, k[0]), form(forms, k[1]), seen[k], share(k))
	}
	return nil
}

// wordsIn returns d's content words inside span s.
func wordsIn(d *prepare.Doc, s compare.Span) []shingle.Word {
	var out []shingle.Word
	for _, w := range d.Words {
		if int(w.Pos) >= s.Pos && int(w.End) <= s.PosEnd {
			out = append(out, w)
		}
	}
	return out
}

// substitutions lines up x and y by their words' hashes (longest common
// subsequence) and returns the index pairs of one word of x set against
// one word of y between two lined-up words.
func substitutions(x, y []shingle.Word) [][2]int {
	const most = 600 // words a side: a passage longer is split by nothing here
	if len(x) > most || len(y) > most {
		return nil
	}
	n, m := len(x), len(y)
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i].Hash == y[j].Hash {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var out [][2]int
	i, j := 0, 0
	lastI, lastJ := -1, -1 // the last lined-up words
	for i < n && j < m {
		switch {
		case x[i].Hash == y[j].Hash:
			if i-lastI == 2 && j-lastJ == 2 && lastI >= 0 {
				out = append(out, [2]int{i - 1, j - 1})
			}
			lastI, lastJ = i, j
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

func folded(d *prepare.Doc, w shingle.Word) string { return string(d.Text.Runes[w.Pos:w.End]) }

func hasDigit(s string) bool { return strings.ContainsFunc(s, unicode.IsDigit) }

func note(forms map[uint64]map[string]int, stem uint64, f string) {
	if forms[stem] == nil {
		forms[stem] = map[string]int{}
	}
	forms[stem][f]++
}

// form returns the folded word most often seen for stem (the least of
// those tied).
func form(forms map[uint64]map[string]int, stem uint64) string {
	best, n := "", 0
	for f, k := range forms[stem] {
		if k > n || k == n && f < best {
			best, n = f, k
		}
	}
	return best
}
