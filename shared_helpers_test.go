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
	articlesOnce sync.Once
	articlesAll  []neardup.Document
	articlesErr  error
)

// newsArticles returns the first n SaudiNewsNet articles with text (all of
// them if n ≤ 0), each with its URL for ID (the first of a repeated
// URL), in the order of the dumps, or skips without them.
func newsArticles(t testing.TB, n int) []neardup.Document {
	t.Helper()
	zips, _ := filepath.Glob(filepath.Join(realCorpus, "*.zip"))
	if len(zips) == 0 {
		t.Skipf("%s not present", realCorpus)
	}
	articlesOnce.Do(func() {
		seen := map[string]bool{}
		for _, z := range zips {
			if articlesErr = appendArticles(&articlesAll, seen, z); articlesErr != nil {
				return
			}
		}
	})
	require.NoError(t, articlesErr)
	if n <= 0 || n > len(articlesAll) {
		return articlesAll
	}
	return articlesAll[:n]
}

func appendArticles(docs *[]neardup.Document, seen map[string]bool, path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
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
