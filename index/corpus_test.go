package index_test

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

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/prepare"
)

// corpusDir holds the SaudiNewsNet dumps where they are available.
const corpusDir = "../../shared/corpora/saudinewsnet"

var (
	corpusOnce  sync.Once
	corpusMarks [][]uint64
	corpusErr   error
)

// loadMarks returns the mark hashes of every SaudiNewsNet article with
// content, prepared as a corpus prepares it, or skips when the dumps are
// absent.
func loadMarks(t testing.TB) [][]uint64 {
	zips, _ := filepath.Glob(filepath.Join(corpusDir, "*.zip"))
	if len(zips) == 0 {
		t.Skipf("%s not present", corpusDir)
	}
	corpusOnce.Do(func() {
		var texts []string
		for _, z := range zips {
			if texts, corpusErr = appendZip(texts, z); corpusErr != nil {
				return
			}
		}
		p := prepare.Of(prepare.Default)
		corpusMarks = make([][]uint64, len(texts))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(texts); i = int(next.Add(1) - 1) {
					if d, err := p.Prepare(texts[i]); err == nil {
						corpusMarks[i] = d.MarkHashes(nil)
					}
				}
			})
		}
		wg.Wait()
	})
	require.NoError(t, corpusErr)
	return corpusMarks
}

// appendZip appends the non-empty content of the articles of one dump.
func appendZip(texts []string, path string) ([]string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		var arts []struct {
			Content string `json:"content"`
		}
		if err := json.Unmarshal(b, &arts); err != nil {
			return nil, err
		}
		for _, a := range arts {
			if strings.TrimSpace(a.Content) != "" {
				texts = append(texts, a.Content)
			}
		}
	}
	return texts, nil
}

func buildFrom(t testing.TB, marks [][]uint64) *index.MarkIndex {
	docs := make([]index.Doc, len(marks))
	for i, m := range marks {
		docs[i] = index.Doc{ID: index.DocID(i), Marks: m}
	}
	x, err := index.Build(docs)
	require.NoError(t, err)
	return x
}
