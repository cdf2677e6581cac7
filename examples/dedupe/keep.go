package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Deduplicated output: which member of each near-duplicate cluster is
// kept (its representative), and the lists and records that follow.

// keepRule chooses a cluster's representative. Every rule is
// deterministic and falls back on input order for ties, so the same
// input always keeps the same documents whatever the number of workers.
type keepRule struct {
	kind  string // "earliest", "longest", "min" or "max"
	field string // for min and max
}

// defaultKeep keeps the first member in input order: with inputs given
// oldest first, the original rather than its copies.
const defaultKeep = "earliest"

func (k *keepRule) String() string {
	if k.field != "" {
		return k.kind + ":" + k.field
	}
	return k.kind
}

func (k *keepRule) Set(s string) error {
	kind, field, hasField := strings.Cut(s, ":")
	switch {
	case !hasField && (kind == "earliest" || kind == "longest"):
	case hasField && (kind == "min" || kind == "max") && field != "":
	default:
		return errors.New("want earliest, longest, min:FIELD or max:FIELD")
	}
	k.kind, k.field = kind, field
	return nil
}

// dedupFlags are the flags of deduplicated output.
type dedupFlags struct {
	keep                      keepRule
	keepIDs, dropIDs, records string
}

func (f *dedupFlags) register(fs *flag.FlagSet) {
	f.keep.kind = defaultKeep
	fs.Var(&f.keep, "keep", "which member of a near-duplicate cluster is kept, its\n`representative`: earliest (first in input order), longest (most\nrunes), min:FIELD or max:FIELD (least or greatest value of a JSON\nfield, as numbers if both are, else as text: min:date keeps the\noldest); ties go to the earliest")
	fs.StringVar(&f.keepIDs, "keep-ids", "", "write the IDs of the documents kept (every document but the\nnon-representative cluster members) to `file`, one a line")
	fs.StringVar(&f.dropIDs, "drop-ids", "", "write the IDs of the duplicates dropped to `file`, one a line")
	fs.StringVar(&f.records, "dedup-jsonl", "", "write the input records of the documents kept to `file` as JSON\nLines: JSON records as they were read, each on one line, plain-text\nfiles as {\"id\", \"source\", \"title\", \"text\"}")
}

// representative returns the member of cluster (document indices in
// input order) that rule keeps.
func (k *keepRule) representative(docs []*document, cluster []int, idField, titleField string) int {
	best := cluster[0]
	for _, m := range cluster[1:] {
		if k.better(docs[m], docs[best], idField, titleField) {
			best = m
		}
	}
	return best
}

// better reports whether a is to be kept rather than b, b being earlier.
func (k *keepRule) better(a, b *document, idField, titleField string) bool {
	switch k.kind {
	case "longest":
		return a.runes > b.runes
	case "min", "max":
		va, okA := fieldValue(a, k.field, idField, titleField)
		vb, okB := fieldValue(b, k.field, idField, titleField)
		if !okA || !okB {
			return okA // a document with the field wins over one without
		}
		c := compareValues(va, vb)
		return (k.kind == "min" && c < 0) || (k.kind == "max" && c > 0)
	}
	return false
}

// fieldValue returns a document's value of a JSON string field.
func fieldValue(d *document, field, idField, titleField string) (string, bool) {
	switch field {
	case idField:
		return d.ID, !d.NoID
	case titleField:
		return d.Title, d.Title != ""
	}
	v, ok := d.Meta[field]
	return v, ok
}

// compareValues compares as numbers if both parse as numbers, else as
// text (ISO dates, the usual case, sort right either way).
func compareValues(a, b string) int {
	fa, errA := strconv.ParseFloat(strings.TrimSpace(a), 64)
	fb, errB := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if errA == nil && errB == nil {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}

// dropped returns, by document index, whether the document is a cluster
// member other than its cluster's representative.
func (res *result) dropped() []bool {
	drop := make([]bool, len(res.docs))
	for i, c := range res.clusters {
		for _, m := range c {
			drop[m] = m != res.keep[i]
		}
	}
	return drop
}

// writeDedup writes the files --keep-ids, --drop-ids and --dedup-jsonl
// ask for.
func writeDedup(res *result, f *dedupFlags) error {
	drop := res.dropped()
	ids := func(want bool) func(*bufio.Writer) error {
		return func(w *bufio.Writer) error {
			for i, d := range res.docs {
				if drop[i] == want {
					fmt.Fprintln(w, d.ID)
				}
			}
			return nil
		}
	}
	for _, out := range []struct {
		path  string
		write func(*bufio.Writer) error
	}{
		{f.keepIDs, ids(false)},
		{f.dropIDs, ids(true)},
		{f.records, func(w *bufio.Writer) error { return writeRecords(w, res, drop) }},
	} {
		if out.path == "" {
			continue
		}
		if err := writeFile(out.path, out.write); err != nil {
			return err
		}
	}
	return nil
}

// writeRecords writes the records of the documents not dropped. A JSON
// record is written as read, fields and values untouched, but compacted
// onto one line: records of a JSON array file are often spread over
// many.
func writeRecords(w *bufio.Writer, res *result, drop []bool) error {
	var buf bytes.Buffer
	for i, d := range res.docs {
		if drop[i] {
			continue
		}
		if d.Raw != nil {
			buf.Reset()
			if err := json.Compact(&buf, d.Raw); err != nil {
				return fmt.Errorf("%s: %w", d.Source, err) // input checked it: cannot happen
			}
			buf.WriteByte('\n')
			w.Write(buf.Bytes())
			continue
		}
		line, err := jsonLine(struct {
			ID     string `json:"id"`
			Source string `json:"source"`
			Title  string `json:"title"`
			Text   string `json:"text"`
		}{d.ID, d.Source, d.Title, d.Text})
		if err != nil {
			return err
		}
		w.Write(line)
	}
	return nil
}

// writeFile writes path with write, through a buffer.
func writeFile(path string, write func(*bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = write(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
