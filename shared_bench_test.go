package neardup_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
)

// The corpus in PostgreSQL against the embedded one, on all of
// SaudiNewsNet (README, "Past one machine"):
//
//	go test -run '^$' -bench Shared -benchtime 1x -count 3 -timeout 60m .
//
// Each needs NEARDUP_PG_URL (skipped without it) and the corpus (skipped
// without it).

// BenchmarkSharedIngest adds every article with 1, 2 and 4 workers,
// each a Corpus of its own (as a process would be) adding its share in
// AddBatch's steps; the embedded corpus, one writer to a file, is the
// baseline.
func BenchmarkSharedIngest(b *testing.B) {
	docs := newsArticles(b, 0)
	b.Run("embedded", func(b *testing.B) {
		for b.Loop() {
			c, err := neardup.Open(filepath.Join(b.TempDir(), "bench.db"), neardup.Default)
			require.NoError(b, err)
			start := time.Now()
			require.NoError(b, c.AddBatch(docs))
			b.ReportMetric(float64(len(docs))/time.Since(start).Seconds(), "articles/s")
			require.NoError(b, c.Close())
		}
	})
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("postgres-%d", workers), func(b *testing.B) {
			for b.Loop() {
				_, url := openShared(b, neardup.Default)
				elapsed := ingest(b, url, docs, workers)
				b.ReportMetric(float64(len(docs))/elapsed.Seconds(), "articles/s")
				if workers == 4 {
					reportTableBytes(b, url, len(docs))
				}
			}
		})
	}
}

// ingest adds docs to the corpus at url with workers corpora at once,
// each its share in turn, and returns how long it took.
func ingest(b *testing.B, url string, docs []neardup.Document, workers int) time.Duration {
	cs := make([]*neardup.Corpus, workers)
	for w := range cs {
		c, err := neardup.Open(url, neardup.Default)
		require.NoError(b, err)
		defer c.Close()
		cs[w] = c
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w, c := range cs {
		wg.Go(func() {
			var mine []neardup.Document
			for i := w * 512; i < len(docs); i += workers * 512 {
				mine = append(mine, docs[i:min(i+512, len(docs))]...)
			}
			errs[w] = c.AddBatch(mine)
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, err := range errs {
		require.NoError(b, err)
	}
	return elapsed
}

// reportTableBytes reports the bytes a document takes in each table and
// in its indexes.
func reportTableBytes(b *testing.B, url string, n int) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(b, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "VACUUM ANALYZE")
	require.NoError(b, err)
	for _, t := range []string{"neardup_docs", "neardup_marks", "neardup_blocks", "neardup_stems"} {
		var table, indexes int64
		err := conn.QueryRow(ctx, `
			SELECT sum(pg_table_size(r))::bigint, sum(pg_indexes_size(r))::bigint
			FROM (SELECT relid FROM pg_partition_tree($1::regclass) UNION SELECT $1::regclass) AS p(r)`, t).Scan(&table, &indexes)
		require.NoError(b, err)
		b.ReportMetric(float64(table)/float64(n), t[len("neardup_"):]+"-B/doc")
		b.ReportMetric(float64(indexes)/float64(n), t[len("neardup_"):]+"-index-B/doc")
	}
}

// BenchmarkSharedQuery asks about 600 articles of a corpus of all of
// SaudiNewsNet, their texts given as new ones: near-duplicates within 6
// bits, and sources, aligned. The querying corpus is opened just before
// (no prepared document cached, as in a query service that just
// started); the embedded corpus, opened from its file, is the baseline.
// Latencies are the median and 99th percentile of single queries.
// sources-again times the 600 sources queries asked a second time of
// the same open corpus: candidates prepared and cached, pages warm.
func BenchmarkSharedQuery(b *testing.B) {
	docs := newsArticles(b, 0)
	var asked []neardup.Document
	for i := 0; i < len(docs); i += len(docs) / 600 {
		asked = append(asked, docs[i])
	}
	file := filepath.Join(b.TempDir(), "bench.db")
	c, err := neardup.Open(file, neardup.Default)
	require.NoError(b, err)
	require.NoError(b, c.AddBatch(docs))
	require.NoError(b, c.Close())
	_, url := openShared(b, neardup.Default)
	ingest(b, url, docs, 4)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(b, err)
	_, err = conn.Exec(ctx, "VACUUM ANALYZE")
	require.NoError(b, err)
	conn.Close(ctx)

	for _, store := range []struct{ name, at string }{{"embedded", file}, {"postgres", url}} {
		for _, kind := range []string{"near6", "sources", "sources-again"} {
			b.Run(store.name+"/"+kind, func(b *testing.B) {
				for b.Loop() {
					c, err := neardup.OpenReadOnly(store.at, neardup.Default)
					require.NoError(b, err)
					if kind == "sources-again" {
						b.StopTimer()
						for _, d := range asked {
							_, err := c.Sources(d.Text)
							require.NoError(b, err)
						}
						b.StartTimer()
					}
					lat := make([]time.Duration, len(asked))
					for i, d := range asked {
						start := time.Now()
						if kind == "near6" {
							_, err = c.NearDuplicates(d.Text, 6)
						} else {
							_, err = c.Sources(d.Text)
						}
						lat[i] = time.Since(start)
						require.NoError(b, err)
					}
					require.NoError(b, c.Close())
					slices.Sort(lat)
					b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
					b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
				}
			})
		}
	}
}
