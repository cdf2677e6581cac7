package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/neardup/neardup/internal/parallel"
)

// Writing the report model as JSON, by encoding/json.

// writeBatchJSON writes the batch report as one indented JSON object,
// {"documents", "clusters", "pairs", "errors", "stats"}, streaming: a
// large corpus has hundreds of thousands of pairs, and building the whole
// report before encoding it doubled the peak memory and ran on one core.
// Elements are encoded in parallel, in chunks written in order, so the
// bytes are those of encoding batchReport in one go.
func writeBatchJSON(w io.Writer, res *result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("{\n")
	writeArray(bw, "documents", len(res.docs), func(i int) docJSON { return newDocJSON(res.docs[i]) })
	bw.WriteString(",\n")
	writeArray(bw, "clusters", len(res.clusters), func(i int) clusterJSON { return newClusterJSON(res, i) })
	bw.WriteString(",\n")
	writeArray(bw, "pairs", len(res.matches), func(i int) pairJSON { return newPairJSON(res, res.matches[i]) })
	bw.WriteString(",\n")
	writeArray(bw, "errors", len(res.errors), func(i int) errorJSON { return newErrorJSON(res.errors[i]) })
	bw.WriteString(",\n  \"stats\": ")
	bw.Write(encodeIndented(nil, stats(res), "  "))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `  "name": [...]` with each element, elem(i), indented
// as json.Encoder.SetIndent("", "  ") would inside the top-level object.
// Write errors are left to the final Flush, which reports the first.
func writeArray[T any](bw *bufio.Writer, name string, n int, elem func(i int) T) {
	fmt.Fprintf(bw, "  %q: [", name)
	if n == 0 {
		bw.WriteString("]")
		return
	}
	const chunk = 256
	workers := parallel.Workers(0)
	// Each worker encodes into a buffer of its own with an Encoder of its
	// own: a new Encoder for every element took an eighth more time and
	// four times the memory (BenchmarkBatchJSON).
	bufs := make([]bytes.Buffer, workers)
	encs := make([]*json.Encoder, workers)
	for k := range workers {
		encs[k] = newEncoder(&bufs[k], "    ")
	}
	for start := 0; start < n; start += chunk * workers {
		var wg sync.WaitGroup
		for k := range workers {
			bufs[k].Reset()
			lo := start + k*chunk
			hi := min(lo+chunk, n)
			if lo >= hi {
				continue
			}
			wg.Go(func() {
				buf := &bufs[k]
				for i := lo; i < hi; i++ {
					if i > 0 {
						buf.WriteByte(',')
					}
					buf.WriteString("\n    ")
					mustEncode(encs[k], elem(i))
					buf.Truncate(buf.Len() - 1) // the newline Encode ends with
				}
			})
		}
		wg.Wait()
		for k := range workers {
			bw.Write(bufs[k].Bytes())
		}
	}
	bw.WriteString("\n  ]")
}

// newEncoder returns an Encoder to w that indents by two spaces, lines
// after the first starting with prefix, and does not escape HTML
// characters.
func newEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

// mustEncode encodes v, of one of the report's types, which always
// encode.
func mustEncode(enc *json.Encoder, v any) {
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("dedupe: encoding JSON: %v", err))
	}
}

// encodeIndented appends v as indented JSON whose lines after the first
// start with prefix, without HTML escaping, as cli.WriteJSON writes it.
func encodeIndented(b []byte, v any, prefix string) []byte {
	var buf bytes.Buffer
	mustEncode(newEncoder(&buf, prefix), v)
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}
