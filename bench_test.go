package neardup_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
)

// Run: go test -run '^$' -bench . -benchmem .
// Figures and how to read them: README.md, "Performance".

func seedTexts(b *testing.B) ([]string, int64) {
	var texts []string
	var n int64
	for _, s := range seeds(b) {
		texts = append(texts, s)
		n += int64(len(s))
	}
	return texts, n
}

// BenchmarkFingerprint is the full pipeline: normalize, strip debris,
// shingle, SimHash.
func BenchmarkFingerprint(b *testing.B) {
	texts, n := seedTexts(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			_, _ = neardup.Fingerprint(s)
		}
	}
}

// BenchmarkFingerprintKeepDebris is normalize + character shingles +
// SimHash, the figure the design targets at 150 MB/s.
func BenchmarkFingerprintKeepDebris(b *testing.B) {
	texts, n := seedTexts(b)
	c := neardup.Default
	c.KeepDebris = true
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			_, _ = c.Fingerprint(s)
		}
	}
}

// BenchmarkFingerprintNaive is the baseline: the same normalization and
// shingles, with the per-bit SimHash loop of typical libraries.
func BenchmarkFingerprintNaive(b *testing.B) {
	texts, n := seedTexts(b)
	var runes []rune
	var hashes []uint64
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			runes = normalize.Default.AppendRunes(runes[:0], s)
			hashes = shingle.AppendHashes(hashes[:0], runes, shingle.DefaultSize)
			_ = naiveSimHash(hashes)
		}
	}
}

func naiveSimHash(hashes []uint64) simhash.Fingerprint {
	var v [64]int
	for _, h := range hashes {
		for i := range 64 {
			if h>>i&1 == 1 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	var f uint64
	for i, x := range v {
		if x > 0 {
			f |= 1 << i
		}
	}
	return simhash.Fingerprint(f)
}

// A pair of about 5 KB: seed 001 (5.3 KB) and a respelled copy of it
// with one paragraph of seed 000 swapped in, so alignment has real work.
func pair(b *testing.B) (string, string) {
	all := seeds(b)
	return all["001"], respell(all["001"][:3000]) + all["000"][:2000]
}

// BenchmarkCompareDocs compares two prepared 5 KB articles: resemblance,
// containment, alignment and verdict.
func BenchmarkCompareDocs(b *testing.B) {
	x, y := pair(b)
	dx, _ := neardup.Prepare(x)
	dy, _ := neardup.Prepare(y)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = neardup.Default.CompareDocs(dx, dy)
	}
}

// BenchmarkCompareTexts is the same from raw text: both preparations
// included.
func BenchmarkCompareTexts(b *testing.B) {
	x, y := pair(b)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = neardup.Compare(x, y)
	}
}

// articles makes n distinct articles of about 3 KB (the SaudiNewsNet
// mean) from the seeds' paragraphs: each is four paragraphs drawn from
// the seeds plus a line of its own.
func articles(b *testing.B, n int) []neardup.Document {
	var paras []string
	for _, s := range seeds(b) {
		for p := range strings.SplitSeq(s, "\n\n") {
			if len(p) > 200 {
				paras = append(paras, p)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	docs := make([]neardup.Document, n)
	for i := range docs {
		var sb strings.Builder
		fmt.Fprintf(&sb, "خبر رقم %d من مراسلنا في المدينة.\n\n", i)
		for sb.Len() < 3000 {
			sb.WriteString(paras[r.IntN(len(paras))])
			sb.WriteString("\n\n")
		}
		docs[i] = neardup.Document{ID: fmt.Sprintf("doc-%06d", i), Text: sb.String()}
	}
	return docs
}

// BenchmarkIngest adds articles in batches of 512 to a Corpus: on disk
// (Open: every batch committed and synced before AddBatch returns) and
// in memory (NewCorpus, the baseline without durability). docs/s is the
// figure of the floor.
func BenchmarkIngest(b *testing.B) {
	docs := articles(b, 4096)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	for _, disk := range []bool{true, false} {
		name := map[bool]string{true: "disk", false: "memory"}[disk]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				b.StopTimer()
				c := neardup.NewCorpus(neardup.Default)
				if disk {
					var err error
					c, err = neardup.Open(filepath.Join(b.TempDir(), "ingest.db"), neardup.Default)
					require.NoError(b, err)
				}
				b.StartTimer()
				for start := 0; start < len(docs); start += 512 {
					require.NoError(b, c.AddBatch(docs[start:min(start+512, len(docs))]))
				}
				b.StopTimer()
				require.NoError(b, c.Close())
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
