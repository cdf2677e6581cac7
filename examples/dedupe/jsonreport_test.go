package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/simhash"
)

// syntheticResult builds a batch result shaped like the SaudiNewsNet
// report at a tenth of its size: 3,000 documents of 400 Arabic words,
// 6,000 pairs with 10,000 passages between them, 300 clusters and 35 input
// errors. Its report is 9.8 MB.
func syntheticResult() *result {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("قال المتحدث باسم الوزارة إن الاجتماع تناول عددا من القضايا المتعلقة " +
		"بالتعاون بين البلدين في مجالات الاقتصاد والتعليم والصحة وأكد أهمية المملكة " +
		"الرياض جدة أمس اليوم 2015 وزير خادم الحرمين الشريفين مجلس الشورى AP واس")
	const (
		nDocs     = 3000
		nPairs    = 6000
		nPassages = 10000
		nClusters = 300
		nErrors   = 35
	)
	res := &result{flags: &batchFlags{excerpt: 60}}
	for i := range nDocs {
		var b strings.Builder
		for w := 0; w < 400; w++ {
			switch {
			case w%60 == 59:
				b.WriteString(".\n")
			case w > 0:
				b.WriteString(" ")
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		d := &document{index: i}
		d.ID = fmt.Sprintf("https://www.example.sa/news/%d", 100000+i)
		d.Source = fmt.Sprintf("corpus/2015-08-%02d.json#%d", 1+i%31, i)
		d.Title = "عنوان الخبر رقم " + fmt.Sprint(i)
		d.Text = b.String()
		d.runes = len([]rune(d.Text))
		d.fp, d.hasFP = simhash.Fingerprint(0x0123456789abcdef^uint64(i)*0x9e3779b97f4a7c15), true
		res.docs = append(res.docs, d)
	}
	// A span of whole words of d, of 100 to 600 runes' worth of bytes.
	span := func(d *document) compare.Span {
		start := rng.IntN(len(d.Text) / 2)
		for start > 0 && d.Text[start-1] != ' ' {
			start--
		}
		end := min(start+200+rng.IntN(1000), len(d.Text))
		for end < len(d.Text) && d.Text[end] != ' ' {
			end++
		}
		rs := len([]rune(d.Text[:start]))
		return compare.Span{Start: start, End: end, RuneStart: rs, RuneEnd: rs + len([]rune(d.Text[start:end]))}
	}
	verdicts := []compare.Verdict{compare.Identical, compare.NearDuplicate, compare.PartialReuse, compare.PartialReuse, compare.PartialReuse}
	passages := 0
	for i := range nPairs {
		a := rng.IntN(nDocs - 1)
		b := a + 1 + rng.IntN(nDocs-1-a)
		r := compare.Report{
			Verdict: verdicts[i%len(verdicts)], Distance: rng.IntN(40),
			Resemblance: rng.Float64(), ContainmentA: rng.Float64(), ContainmentB: rng.Float64(),
			CoverageA: rng.Float64(), CoverageB: rng.Float64(),
		}
		// 10,000 passages over 6,000 pairs: 1 or 2 each, a few with none.
		n := 1 + rng.IntN(2)
		if i%25 == 0 {
			n = 0
		}
		for range min(n, nPassages-passages) {
			r.Passages = append(r.Passages, compare.Passage{A: span(res.docs[a]), B: span(res.docs[b]), Similarity: rng.Float64()})
			passages++
		}
		res.matches = append(res.matches, match{a: a, b: b, report: r})
	}
	for i := range nClusters {
		res.clusters = append(res.clusters, []int{10 * i, 10*i + 1, 10*i + 7})
	}
	for i := range nErrors {
		res.errors = append(res.errors, &input.InputError{
			Source: fmt.Sprintf("corpus/2015-08-11.json#%d", i), Line: 7000 + i, Offset: 3091443 + int64(i),
			Err: errors.New(`empty text in field "content"`),
		})
	}
	return res
}

// pairEncoders are the ways BenchmarkBatchJSON writes the pairs of the
// report, all to the same bytes.
var pairEncoders = []struct {
	name       string
	appendPair func(pairJSON, []byte) []byte
}{
	// As the command does.
	{"hand", pairJSON.appendIndented},
	// As it writes the other elements.
	{"encoding_json", func(p pairJSON, b []byte) []byte { return encodeIndented(b, p, "    ") }},
	// Reusing an encoder and its buffer.
	{"encoding_json_pooled", func(p pairJSON, b []byte) []byte {
		e := encoders.Get().(*pooledEncoder)
		defer encoders.Put(e)
		e.buf.Reset()
		if err := e.enc.Encode(p); err != nil {
			panic(err)
		}
		return append(b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...)
	}},
}

type pooledEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := new(pooledEncoder)
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.enc.SetIndent("    ", "  ")
	return e
}}

// BenchmarkBatchJSON writes the JSON report of syntheticResult in each way
// of pairEncoders, having checked that they write the same bytes.
func BenchmarkBatchJSON(b *testing.B) {
	res := syntheticResult()
	var want bytes.Buffer
	if err := writeBatchJSON(&want, res); err != nil {
		b.Fatal(err)
	}
	for _, e := range pairEncoders {
		b.Run(e.name, func(b *testing.B) {
			var got bytes.Buffer
			if err := writeReportJSON(&got, res, e.appendPair); err != nil {
				b.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				b.Fatalf("%s: the report differs", e.name)
			}
			b.SetBytes(int64(want.Len()))
			for b.Loop() {
				if err := writeReportJSON(io.Discard, res, e.appendPair); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
