package main

import (
	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// writeQuery writes index query's results in format.
func writeQuery(e cli.Env, format string, results []queryJSON, errs []*input.InputError, cfg neardup.Config) error {
	if results == nil {
		results = []queryJSON{}
	}
	switch format {
	case "json":
		ej := []errorJSON{}
		for _, ie := range errs {
			ej = append(ej, newErrorJSON(ie))
		}
		return cli.WriteJSON(e.Stdout, struct {
			SchemaVersion int         `json:"schema_version"`
			Results       []queryJSON `json:"results"`
			Errors        []errorJSON `json:"errors"`
		}{schemaVersion, results, ej})
	case "jsonl":
		// One "pair" record a source of an input, as they come; the
		// other results (an input's near-duplicates, its error) are in
		// a "result" record without its pairs.
		j := newJSONLWriter(e.Stdout)
		for _, q := range results {
			for _, s := range q.Sources {
				j.write("pair", s)
			}
			rest := q
			rest.Sources = nil
			j.write("result", rest)
		}
		for _, ie := range errs {
			j.write("error", newErrorJSON(ie))
		}
		return j.flush()
	case "csv":
		return writeCSV(e.Stdout, pairColumns, func(yield func([]string) bool) {
			for _, q := range results {
				for _, s := range q.Sources {
					if !yield(pairRow(s.pairJSON, q.stored[s.A].outlet, q.input.outlet)) {
						return
					}
				}
			}
		})
	case "html":
		return writeQueryHTML(e.Stdout, results, cfg)
	}
	return writeQueryText(e.Stdout, results)
}
