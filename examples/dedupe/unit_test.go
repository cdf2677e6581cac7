package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

func TestExcerpt(t *testing.T) {
	assert.Equal(t, "short text", excerpt("short\n\n text ", 60))

	long := strings.Repeat("كلمة ", 100) // 500 runes
	e := excerpt(long, 20)
	assert.True(t, utf8.ValidString(e))
	assert.Contains(t, e, " "+ellipsis+" ")
	head, tail, ok := strings.Cut(e, " "+ellipsis+" ")
	require.True(t, ok)
	assert.LessOrEqual(t, utf8.RuneCountInString(head), 20)
	assert.LessOrEqual(t, utf8.RuneCountInString(tail), 20)
	assert.True(t, strings.HasPrefix(long, head))
	assert.True(t, strings.HasSuffix(strings.TrimSpace(long), tail))
	// Cut at word boundaries.
	for w := range strings.FieldsSeq(head + " " + tail) {
		assert.Equal(t, "كلمة", w)
	}

	// Without spaces, cuts are at rune boundaries.
	e = excerpt(strings.Repeat("ب", 300), 10)
	assert.Equal(t, strings.Repeat("ب", 10)+" … "+strings.Repeat("ب", 10), e)
}

// TestExcerptMatchesWholeDisplay checks the excerpt, which tidies only
// the runes it shows, against cutting display(s) of the whole passage, on
// random mixes of words, white space, controls and bidi marks.
func TestExcerptMatchesWholeDisplay(t *testing.T) {
	reference := func(s string, n int) string {
		r := []rune(display(s))
		if len(r) <= 2*n+n/4 {
			return string(r)
		}
		head, tail := r[:n], r[len(r)-n:]
		if i := lastSpace(head); i >= n-n/4 && i > 0 {
			head = head[:i]
		}
		if i := firstSpace(tail); i >= 0 && i < n/4 {
			tail = tail[i+1:]
		}
		return strings.TrimSpace(string(head)) + " " + ellipsis + " " + strings.TrimSpace(string(tail))
	}
	parts := []string{"كلمة", "ab", " ", "\n\n", "\t", "\u200f", "\u202e", "\x01", "ب", "\xff", "٣", " \u2066 "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(120) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s, n := b.String(), 1+rng.IntN(30)
		require.Equal(t, reference(s, n), excerpt(s, n), "excerpt(%q, %d)", s, n)
	}
}

func TestIsolate(t *testing.T) {
	assert.Equal(t, "plain Latin", isolate("plain Latin"))
	assert.Equal(t, "\u2068مرحبا AP\u2069", isolate("مرحبا AP"))
	assert.Equal(t, "\u2068שלום\u2069", isolate("שלום"))
	assert.Equal(t, "123 – 456", isolate("123 – 456"))
}

func TestDisplay(t *testing.T) {
	assert.Equal(t, "a b c", display("  a\n\tb\r\n c  "))
	assert.Equal(t, "ab", display("a\x1bb"), "control characters dropped")
	assert.Equal(t, "[31mxy", display("\x1b[31mx\u202Ey\u2069"), "escape and bidi controls dropped")
	assert.Equal(t, []string{"one", "", "two"}, lines("one\r\n\n\n\ntwo\n\n"))
}

func TestFourDecimals(t *testing.T) {
	for f, want := range map[float64]string{0: "0", 1: "1", 0.123456: "0.1235", 2.0 / 3: "0.6667", 0.5: "0.5"} {
		b, err := cli.FourDecimals(f).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}

func TestUniqueIDs(t *testing.T) {
	mk := func(id, src string) *document {
		d := &document{}
		d.ID, d.Source = id, src
		return d
	}
	docs := []*document{mk("a", "x/a"), mk("a", "y/a"), mk("y/a", "z/a"), mk("a", "y/a")}
	uniqueIDs(docs)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"a", "y/a", "z/a", "y/a#2"}, ids)
}

// TestBatchJSONStreamsTheWholeReport checks that the streamed, parallel
// report has the bytes of encoding the report in one value, on the seeds
// plus a near-copy, a group of copies and an unreadable file (so that
// every array, errors included, has elements), and on no input at all
// (empty arrays).
func TestBatchJSONStreamsTheWholeReport(t *testing.T) {
	dir := t.TempDir()
	text, _ := composite(t)
	fixture.Write(t, dir, "composite.txt", text)
	fixture.Write(t, dir, "copy.txt", fixture.Respell(fixture.Seed(t, "004_eec36a63520b864b.txt")))
	fixture.Write(t, dir, "bad.json", "{not json")
	for i := range neardup.DefaultGroupSize {
		fixture.Write(t, dir, fmt.Sprintf("dup-%d.txt", i), fixture.Seed(t, "002_dc7e6487002a072e.txt"))
	}
	fixture.Write(t, dir, "empty.txt", " \n")
	for _, paths := range [][]string{{seedsDir, dir}, {t.TempDir()}} {
		f := batchFlags{excerpt: 60, workers: 2, minShared: 2, maxMarkDocs: 30, radius: 6}
		f.dedup.keep.kind = "longest"
		res := dedupe(paths, &f, cli.NewProgress(cli.Env{Stderr: io.Discard}))
		var streamed, whole bytes.Buffer
		require.NoError(t, writeBatchJSON(&streamed, res))
		require.NoError(t, cli.WriteJSON(&whole, wholeReport(res)))
		require.Equal(t, whole.String(), streamed.String())
		if len(paths) == 2 {
			assert.NotEmpty(t, res.matches)
			assert.NotEmpty(t, res.clusters)
			assert.NotEmpty(t, res.errors)
			assert.NotEmpty(t, res.groups)
			assert.NotEmpty(t, res.empty)
			assert.NotEmpty(t, res.summary())
		}
	}
}

// wholeReport builds the batch report as one value.
func wholeReport(res *result) batchReport {
	rep := batchReport{
		SchemaVersion: schemaVersion,
		Documents:     make([]docJSON, len(res.docs)),
		Clusters:      make([]clusterJSON, len(res.clusters)),
		Groups:        make([]groupJSON, len(res.groups)),
		Pairs:         make([]pairJSON, len(res.listed)),
		Summary:       res.summary(),
		Errors:        make([]errorJSON, len(res.errors)),
		Empty:         append([]string{}, res.empty...),
		Stats:         stats(res),
	}
	for i, d := range res.docs {
		rep.Documents[i] = newDocJSON(d)
	}
	for i, c := range res.clusters {
		for _, m := range c {
			rep.Clusters[i].Members = append(rep.Clusters[i].Members, res.docs[m].ID)
		}
		rep.Clusters[i].ID = i + 1
		rep.Clusters[i].Representative = res.docs[res.keep[i]].ID
	}
	for i, g := range res.groups {
		rep.Groups[i] = groupJSON{ID: i + 1, Representative: res.docs[g.rep].ID, Cluster: res.docs[g.rep].cluster, Copies: []string{}}
		for _, m := range g.copies {
			rep.Groups[i].Copies = append(rep.Groups[i].Copies, res.docs[m].ID)
		}
	}
	for i, m := range res.listed {
		rep.Pairs[i] = newBatchPairJSON(res, m)
	}
	for i, ie := range res.errors {
		rep.Errors[i] = newErrorJSON(ie)
	}
	return rep
}

// TestPairJSONByHand checks the hand-written encoding of pairs against
// encoding/json, with and without passages and with strings that need
// escaping.
func TestPairJSONByHand(t *testing.T) {
	odd := "a\"b\\c\x00\x1f\b\f\n\r\t\u2028\u2029\x7f\xff<>&é عربي"
	derived, yes, no := "partly-derived", true, false
	for _, p := range []pairJSON{
		{A: "x", B: "y", Verdict: compare.PartialReuse, Distance: -1, Resemblance: cli.FourDecimals(math.NaN()), Passages: []passageJSON{}},
		{A: odd, B: odd[3:], Verdict: compare.NearDuplicate, Derived: &derived, Distance: 7, Resemblance: 0.123456, ContainmentA: 1, CoverageB: 1e-9,
			LenA: 12, LenB: 1 << 40, CrossOutlet: &yes,
			Passages: []passageJSON{
				{A: spanJSON{1, 2, 3, 4, odd, &odd}, B: spanJSON{Excerpt: ""}, Similarity: 0.5},
				{A: spanJSON{Excerpt: "ب"}, B: spanJSON{100000, 200000, 3, 4, "\u2068x\u2069", nil}, Similarity: cli.FourDecimals(math.Inf(1))},
			}},
		{A: "x", B: "y", Verdict: compare.Identical, CrossOutlet: &no, Passages: []passageJSON{}},
	} {
		assert.Equal(t, string(encodeIndented(nil, p, "    ")), string(p.appendIndented(nil)))
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\x00\x1f\b\f\n\r\t\u2028\u2029\x7f\xff<>&", "\xe2\x82", "\xed\xa0\x80", "عربي\u200f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, string(encodeIndented(nil, s, "")), string(appendJSONString(nil, s)))
	})
}

// BenchmarkExcerpt cuts the excerpt of a passage of median length in the
// SaudiNewsNet report (about 250 runes of Arabic), as the JSON report
// does for both sides of every passage.
func BenchmarkExcerpt(b *testing.B) {
	s := strings.Repeat("قال المتحدث باسم الوزارة إن الاجتماع\nتناول ", 6)
	for b.Loop() {
		excerpt(s, 60)
	}
}
