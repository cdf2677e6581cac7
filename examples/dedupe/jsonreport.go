package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/neardup/neardup/internal/cli"
)

// Writing the report model as JSON.

// writeBatchJSON writes the batch report as one indented JSON object,
// {"schema_version", "documents", "clusters", "groups", "pairs",
// "summary", "errors", "empty", "stats"}, streaming: a
// large corpus has hundreds of thousands of pairs, and building the whole
// report before encoding it doubled the peak memory and ran on one core.
// Elements are encoded in parallel, in chunks written in order, so the
// bytes are those of encoding batchReport in one go.
func writeBatchJSON(w io.Writer, res *result) error {
	return writeReportJSON(w, res, pairJSON.appendIndented)
}

// writeReportJSON is writeBatchJSON with appendPair appending each pair
// as an array element; BenchmarkBatchJSON compares two.
func writeReportJSON(w io.Writer, res *result, appendPair func(pairJSON, []byte) []byte) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "{\n  \"schema_version\": %d,\n", schemaVersion)
	writeArray(bw, "documents", len(res.docs), func(i int) docJSON { return newDocJSON(res.docs[i]) }, appendElement)
	bw.WriteString(",\n")
	writeArray(bw, "clusters", len(res.clusters), func(i int) clusterJSON { return newClusterJSON(res, i) }, appendElement)
	bw.WriteString(",\n")
	writeArray(bw, "groups", len(res.groups), func(i int) groupJSON { return newGroupJSON(res, i) }, appendElement)
	bw.WriteString(",\n")
	writeArray(bw, "pairs", len(res.listed), func(i int) pairJSON { return newBatchPairJSON(res, res.listed[i]) }, appendPair)
	bw.WriteString(",\n")
	summary := res.summary()
	writeArray(bw, "summary", len(summary), func(i int) summaryJSON { return summary[i] }, appendElement)
	bw.WriteString(",\n")
	writeArray(bw, "errors", len(res.errors), func(i int) errorJSON { return newErrorJSON(res.errors[i]) }, appendElement)
	bw.WriteString(",\n")
	writeArray(bw, "empty", len(res.empty), func(i int) string { return res.empty[i] }, appendElement)
	bw.WriteString(",\n  \"stats\": ")
	bw.Write(encodeIndented(nil, stats(res), "  "))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `  "name": [...]` with each element, elem(i), indented
// as json.Encoder.SetIndent("", "  ") would inside the top-level object,
// by appendJSON. Write errors are left to the final Flush, which reports
// the first; but encoding stops at the first, so that a full disk does
// not make the rest of a large report be encoded for nothing.
func writeArray[T any](bw *bufio.Writer, name string, n int, elem func(i int) T, appendJSON func(T, []byte) []byte) {
	fmt.Fprintf(bw, "  %q: [", name)
	if n == 0 {
		bw.WriteString("]")
		return
	}
	const chunk = 256
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	for start := 0; start < n; start += chunk * workers {
		var wg sync.WaitGroup
		for k := range workers {
			lo := start + k*chunk
			hi := min(lo+chunk, n)
			if lo >= hi {
				bufs[k] = bufs[k][:0]
				continue
			}
			wg.Go(func() {
				b := bufs[k][:0]
				for i := lo; i < hi; i++ {
					if i > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n    "...)
					b = appendJSON(elem(i), b)
				}
				bufs[k] = b
			})
		}
		wg.Wait()
		for _, b := range bufs {
			if _, err := bw.Write(b); err != nil {
				return
			}
		}
	}
	bw.WriteString("\n  ]")
}

// appendElement appends v as an element of an array of the top-level
// object, by encoding/json.
func appendElement[T any](v T, b []byte) []byte { return encodeIndented(b, v, "    ") }

// encodeIndented appends v as indented JSON whose lines after the first
// start with prefix, without HTML escaping, as cli.WriteJSON writes it.
func encodeIndented(b []byte, v any, prefix string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		// The report's types always encode.
		panic(fmt.Sprintf("dedupe: encoding JSON: %v", err))
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendIndented appends p as encodeIndented(p, "    ") would; a test
// compares the two. Pairs are most of a large report.
func (p pairJSON) appendIndented(b []byte) []byte {
	b = append(b, "{\n      \"a\": "...)
	b = appendJSONString(b, p.A)
	b = append(b, ",\n      \"b\": "...)
	b = appendJSONString(b, p.B)
	b = append(b, ",\n      \"verdict\": "...)
	b = appendJSONString(b, p.Verdict.String())
	b = append(b, ",\n      \"derived\": "...)
	b = appendNullString(b, p.Derived)
	b = append(b, ",\n      \"distance\": "...)
	b = strconv.AppendInt(b, int64(p.Distance), 10)
	for _, f := range [...]struct {
		key string
		v   cli.FourDecimals
	}{
		{"resemblance", p.Resemblance}, {"containment_a", p.ContainmentA}, {"containment_b", p.ContainmentB},
		{"coverage_a", p.CoverageA}, {"coverage_b", p.CoverageB},
	} {
		b = append(b, ",\n      \""...)
		b = append(b, f.key...)
		b = append(b, "\": "...)
		b = f.v.Append(b)
	}
	b = append(b, ",\n      \"len_a\": "...)
	b = strconv.AppendInt(b, int64(p.LenA), 10)
	b = append(b, ",\n      \"len_b\": "...)
	b = strconv.AppendInt(b, int64(p.LenB), 10)
	b = append(b, ",\n      \"cross_outlet\": "...)
	switch {
	case p.CrossOutlet == nil:
		b = append(b, "null"...)
	default:
		b = strconv.AppendBool(b, *p.CrossOutlet)
	}
	b = append(b, ",\n      \"passages\": ["...)
	for k, ps := range p.Passages {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        {\n          \"a\": "...)
		b = ps.A.appendIndented(b)
		b = append(b, ",\n          \"b\": "...)
		b = ps.B.appendIndented(b)
		b = append(b, ",\n          \"similarity\": "...)
		b = ps.Similarity.Append(b)
		b = append(b, ",\n          \"kind\": "...)
		b = appendJSONString(b, ps.Kind.String())
		if ps.Boilerplate {
			b = append(b, ",\n          \"boilerplate\": true"...)
		}
		b = append(b, "\n        }"...)
	}
	if len(p.Passages) > 0 {
		b = append(b, "\n      "...)
	}
	b = append(b, ']')
	if len(p.Slots) > 0 {
		b = append(b, ",\n      \"slots\": ["...)
		for k, sl := range p.Slots {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        {\n          \"a\": "...)
			b = sl.A.appendIndented(b)
			b = append(b, ",\n          \"b\": "...)
			b = sl.B.appendIndented(b)
			b = append(b, "\n        }"...)
		}
		b = append(b, "\n      ]"...)
	}
	return append(b, "\n    }"...)
}

func (e spanJSON) appendIndented(b []byte) []byte {
	b = append(b, "{\n            \"start\": "...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, ",\n            \"end\": "...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, ",\n            \"rune_start\": "...)
	b = strconv.AppendInt(b, int64(e.RuneStart), 10)
	b = append(b, ",\n            \"rune_end\": "...)
	b = strconv.AppendInt(b, int64(e.RuneEnd), 10)
	b = append(b, ",\n            \"excerpt\": "...)
	b = appendJSONString(b, e.Excerpt)
	b = append(b, ",\n            \"text\": "...)
	b = appendNullString(b, e.Text)
	return append(b, "\n          }"...)
}

// appendNullString appends *s quoted, or null if s is nil.
func appendNullString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: invalid UTF-8 becomes U+FFFD; quote, backslash, control
// characters and the JavaScript line separators are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
