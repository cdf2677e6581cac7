package simhash_test

import (
	"archive/zip"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/simhash"
)

// realCorpus is SaudiNewsNet (31,030 Arabic articles, July–August 2015),
// kept outside the repository; the tests that read it skip without it.
const realCorpus = "../../shared/corpora/saudinewsnet"

var realCache struct {
	sync.Mutex
	fps []simhash.Fingerprint
}

// realFingerprints returns the fingerprints of the first n articles of
// SaudiNewsNet (all of them if n is larger), or skips tb if the corpus
// is absent. A fingerprint is the SimHash of the article's character
// 4-grams, each hashed by mix64: the features of neardup.Fingerprint
// without its spelling normalization and debris removal, which belong
// to other packages and do not change the shape of the distribution.
func realFingerprints(tb testing.TB, n int) []simhash.Fingerprint {
	zips, _ := filepath.Glob(filepath.Join(realCorpus, "*.zip"))
	if len(zips) == 0 {
		tb.Skip(realCorpus + " not present")
	}
	realCache.Lock()
	defer realCache.Unlock()
	if len(realCache.fps) >= n {
		return realCache.fps[:n]
	}
	var fps []simhash.Fingerprint
	for _, name := range zips {
		zr, err := zip.OpenReader(name)
		require.NoError(tb, err)
		for _, f := range zr.File {
			rc, err := f.Open()
			require.NoError(tb, err)
			// One article at a time, to stop as soon as there are enough.
			dec := json.NewDecoder(rc)
			_, err = dec.Token()
			require.NoError(tb, err)
			for dec.More() && len(fps) < n {
				var a struct {
					Content string `json:"content"`
				}
				require.NoError(tb, dec.Decode(&a))
				if fp, err := fourGramSimHash(a.Content); err == nil {
					fps = append(fps, fp)
				}
			}
			rc.Close()
		}
		zr.Close()
		if len(fps) >= n {
			break
		}
	}
	realCache.fps = fps
	return fps
}

// fourGramSimHash fingerprints the character 4-grams of text.
func fourGramSimHash(text string) (simhash.Fingerprint, error) {
	var b simhash.Builder
	var r0, r1, r2 uint64 // the three runes before this one
	n := 0
	for _, r := range text {
		if n++; n >= 4 {
			b.Add(mix64(r0|r1<<21|r2<<42) ^ mix64(uint64(r)))
		}
		r0, r1, r2 = r1, r2, uint64(r)
	}
	return b.Sum()
}

// mix64 is the splitmix64 finalizer: every input bit flips about half of
// the output bits.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Real fingerprints: biased bits, real republished copies.
func TestIndexRealFingerprints(t *testing.T) {
	fps := realFingerprints(t, 1200)
	set := make([]simhash.Entry, len(fps))
	for i, f := range fps {
		set[i] = simhash.Entry{ID: simhash.ID(i), Fingerprint: f}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	qs := queries(rng, set, 120)
	near := 0
	for _, e := range set[:300] {
		near += len(brute(set, e.Fingerprint, 6)) - 1
	}
	t.Logf("%d real fingerprints; the first 300 have %d others within 6 bits", len(set), near)

	x := simhash.NewIndex(simhash.IndexOptions{})
	x.Build(set)
	checkAgainstBrute(t, x, set, qs, 10)

	y := simhash.NewIndex(simhash.IndexOptions{})
	simhash.IndexTuning(y, 300, 0, 4, true)
	for _, e := range set {
		y.Add(e.ID, e.Fingerprint)
	}
	checkAgainstBrute(t, y, set, qs[:40], 10)
}
