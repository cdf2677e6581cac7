package crosslingual_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/input"
)

// The query benchmarks run on all of SaudiNewsNet (../shared, absent
// from a fresh clone: they skip) with the lexicon $NEARDUP_LEXICON
// names, and a monolingual query on the same corpus as the baseline of
// the same run:
//
//	NEARDUP_LEXICON=en-ar.lex go test -run '^$' -bench Query -count 6 -cpu 1 ./crosslingual/
//
// Queries are NTREX's English articles (for the cross-lingual one) and
// their Arabic translations (for the monolingual one): texts not in the
// corpus, as a newsroom's new wire copy is.

var storeOnce = sync.OnceValues(func() (*storeFixture, error) {
	zips, _ := filepath.Glob("../../shared/corpora/saudinewsnet/*.zip")
	en, _ := filepath.Glob("../../shared/eval/ntrex/eng/*.txt")
	if len(zips) == 0 || len(en) == 0 {
		return nil, errSkip("no ../shared/corpora/saudinewsnet or ../shared/eval/ntrex")
	}
	lex, err := crosslingual.LoadLexiconEnv()
	if err != nil {
		return nil, errSkip(err.Error())
	}
	f := &storeFixture{corpus: neardup.NewCorpus(neardup.Default)}
	var docs []neardup.Document
	for d, err := range input.Read(zips, input.Options{IDField: "url", TextField: "content"}) {
		if err == nil {
			docs = append(docs, neardup.Document{ID: d.ID, Text: d.Text})
		}
	}
	// Duplicate URLs are skipped, as by dedupe index add.
	seen := map[string]bool{}
	kept := docs[:0]
	for _, d := range docs {
		if !seen[d.ID] {
			seen[d.ID] = true
			kept = append(kept, d)
		}
	}
	if err := f.corpus.AddBatch(kept); err != nil {
		return nil, err
	}
	if f.index, err = crosslingual.IndexCorpus(f.corpus, crosslingual.Options{Lexicon: lex}); err != nil {
		return nil, err
	}
	for _, p := range en {
		e, err1 := os.ReadFile(p)
		a, err2 := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(p)), "arb", filepath.Base(p)))
		if err1 != nil || err2 != nil {
			return nil, errSkip("unreadable NTREX file")
		}
		f.english = append(f.english, string(e))
		f.arabic = append(f.arabic, string(a))
	}
	return f, nil
})

type storeFixture struct {
	corpus          *neardup.Corpus
	index           *crosslingual.Index
	english, arabic []string
}

type errSkip string

func (e errSkip) Error() string { return string(e) }

func fixture(b *testing.B) *storeFixture {
	f, err := storeOnce()
	if _, skip := err.(errSkip); skip {
		b.Skip(err)
	}
	require.NoError(b, err)
	return f
}

// BenchmarkQueryCrossLingual: an English article against the 31K Arabic
// articles: candidates by anchor score, the best aligned.
func BenchmarkQueryCrossLingual(b *testing.B) {
	f := fixture(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := f.index.Query(f.english[i%len(f.english)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryMonolingual: the baseline, an Arabic article against the
// same corpus (Corpus.Sources: candidates by marks, aligned).
func BenchmarkQueryMonolingual(b *testing.B) {
	f := fixture(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := f.corpus.Sources(f.arabic[i%len(f.arabic)]); err != nil {
			b.Fatal(err)
		}
	}
}
