package main

import (
	"bufio"

	"github.com/neardup/neardup/internal/cli"
)

// writeBatch writes the batch report in the format asked for.
func writeBatch(e cli.Env, res *result) error {
	switch res.flags.format.Value {
	case "json":
		return writeBatchJSON(e.Stdout, res)
	case "jsonl":
		return writeBatchJSONL(e, res)
	case "csv":
		return writeBatchCSV(e, res)
	case "html":
		return writeBatchHTML(e.Stdout, res)
	}
	return writeText(e.Stdout, res, newStyle(res.flags.color.use(e)))
}

// writeBatchJSONL writes the batch report as JSON Lines: a "pair" record
// for each pair listed, as it is encoded, then a "cluster" record for
// each cluster, a "summary" record for each row of the per-source
// summary, an "error" record for each input error, and one "stats"
// record. Documents are not listed: the pairs name them by ID.
func writeBatchJSONL(e cli.Env, res *result) error {
	j := newJSONLWriter(e.Stdout)
	for _, m := range res.listed {
		j.write("pair", newBatchPairJSON(res, m))
	}
	for i := range res.clusters {
		j.write("cluster", newClusterJSON(res, i))
	}
	for _, s := range res.summary() {
		j.write("summary", s)
	}
	for _, ie := range res.errors {
		j.write("error", newErrorJSON(ie))
	}
	j.write("stats", stats(res))
	return j.flush()
}

// writeBatchCSV writes the pairs listed as CSV, and the summary to
// --summary-csv if given.
func writeBatchCSV(e cli.Env, res *result) error {
	bySource := res.flags.in.sourceField != ""
	err := writeCSV(e.Stdout, pairColumns, func(yield func([]string) bool) {
		for _, m := range res.listed {
			a, b := res.docs[m.a], res.docs[m.b]
			oa, ob := "", ""
			if bySource {
				oa, ob = groupOf(a, true), groupOf(b, true)
			}
			if !yield(pairRow(newBatchPairJSON(res, m), oa, ob)) {
				return
			}
		}
	})
	if err != nil || res.flags.summaryCSV == "" {
		return err
	}
	return writeFile(res.flags.summaryCSV, func(w *bufio.Writer) error {
		return writeCSV(w, summaryColumns, func(yield func([]string) bool) {
			for _, s := range res.summary() {
				if !yield(summaryRow(s)) {
					return
				}
			}
		})
	})
}
