package measure_test

import (
	"archive/zip"
	"encoding/json"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

// corpusDir holds the SaudiNewsNet dumps where they are available:
// beside the checkout, never in it (research licences).
const corpusDir = "../../../shared/corpora/saudinewsnet"

// article is a SaudiNewsNet article, prepared as the pipeline prepares
// it (folded, debris removed).
type article struct {
	doc *prepare.Doc
	day int // index of the dump (one day of extraction)
}

var (
	corpusOnce sync.Once
	corpusArts []article
	corpusErr  error
)

// loadCorpus returns every SaudiNewsNet article with content, prepared,
// or skips when the dumps are absent.
func loadCorpus(t testing.TB) []article {
	zips, _ := filepath.Glob(filepath.Join(corpusDir, "*.zip"))
	if len(zips) == 0 {
		t.Skipf("%s not present", corpusDir)
	}
	corpusOnce.Do(func() {
		type raw struct {
			text string
			day  int
		}
		var texts []raw
		for day, z := range zips {
			zr, err := zip.OpenReader(z)
			if err != nil {
				corpusErr = err
				return
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					corpusErr = err
					return
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					corpusErr = err
					return
				}
				var arts []struct {
					Content string `json:"content"`
				}
				if err := json.Unmarshal(b, &arts); err != nil {
					corpusErr = err
					return
				}
				for _, a := range arts {
					if strings.TrimSpace(a.Content) != "" {
						texts = append(texts, raw{a.Content, day})
					}
				}
			}
			zr.Close()
		}
		corpusArts = make([]article, len(texts))
		parallelFor(len(texts), func(i int) {
			d, err := neardup.Default.Prepare(texts[i].text)
			if err != nil {
				d, _ = neardup.Default.Prepare("")
			}
			corpusArts[i] = article{doc: d, day: texts[i].day}
		})
	})
	require.NoError(t, corpusErr)
	return corpusArts
}

// parallelFor calls f(i) for i in [0, n) on every processor.
func parallelFor(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

func marksOf(arts []article, k, w int) [][]shingle.Mark {
	out := make([][]shingle.Mark, len(arts))
	parallelFor(len(arts), func(i int) {
		out[i] = shingle.AppendMarks(nil, arts[i].doc.Text.Runes, k, w)
	})
	return out
}

func buildFrom(t testing.TB, marks [][]shingle.Mark) (*index.MarkIndex, time.Duration) {
	docs := make([]index.Doc, len(marks))
	for i, m := range marks {
		docs[i] = index.Doc{ID: index.DocID(i), Marks: hashesOf(m)}
	}
	start := time.Now()
	x, err := index.Build(docs)
	require.NoError(t, err)
	return x, time.Since(start)
}

// hashesOf returns the hashes of marks, as an index takes them.
func hashesOf(marks []shingle.Mark) []uint64 {
	out := make([]uint64, len(marks))
	for i, m := range marks {
		out[i] = m.Hash
	}
	return out
}
