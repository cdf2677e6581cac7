package neardup_test

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/pgtest"
)

// realCorpus holds the SaudiNewsNet dumps where they are available.
const realCorpus = "../shared/corpora/saudinewsnet"

var (
	articlesMu  sync.Mutex
	articlesAll []neardup.Document // the first articles, or all of them
	articlesN   int                // how many were asked for: ≤ 0 all
)

// newsArticles returns the first n SaudiNewsNet articles with text (all of
// them if n ≤ 0), each with its URL for ID (the first of a repeated
// URL), in the order of the dumps, or skips without them. It reads no
// further than it needs: the helper processes of the concurrency tests
// each read theirs, and decoding all of the dumps under the race
// detector takes most of a minute.
func newsArticles(t testing.TB, n int) []neardup.Document {
	t.Helper()
	zips, _ := filepath.Glob(filepath.Join(realCorpus, "*.zip"))
	if len(zips) == 0 {
		t.Skipf("%s not present", realCorpus)
	}
	articlesMu.Lock()
	defer articlesMu.Unlock()
	if articlesAll == nil || (articlesN > 0 && (n <= 0 || n > articlesN)) {
		var docs []neardup.Document
		seen := map[string]bool{}
		for _, z := range zips {
			require.NoError(t, appendArticles(&docs, seen, z, n))
			if n > 0 && len(docs) >= n {
				break
			}
		}
		articlesAll, articlesN = docs, n
	}
	if n <= 0 || n > len(articlesAll) {
		return articlesAll
	}
	return articlesAll[:n]
}

// appendArticles appends the articles of the dump at path, up to limit
// in all (no limit if ≤ 0).
func appendArticles(docs *[]neardup.Document, seen map[string]bool, path string, limit int) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if limit > 0 && len(*docs) >= limit {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		var arts []struct {
			URL     string `json:"url"`
			Content string `json:"content"`
		}
		if err := json.Unmarshal(b, &arts); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, a := range arts {
			if strings.TrimSpace(a.Content) == "" || seen[a.URL] {
				continue
			}
			seen[a.URL] = true
			*docs = append(*docs, neardup.Document{ID: a.URL, Text: a.Content})
		}
	}
	return nil
}

// openShared opens a corpus in a fresh schema of the test server, closed
// when t ends, and returns it with its URL.
func openShared(t testing.TB, cfg neardup.Config) (*neardup.Corpus, string) {
	t.Helper()
	u := pgtest.URL(t)
	c, err := neardup.Open(u, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c, u
}
