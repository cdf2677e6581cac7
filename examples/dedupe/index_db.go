package main

import (
	"maps"
	"slices"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
)

// A store in PostgreSQL (--db postgres://…): named without its password
// wherever a command prints it, and described by its tables.

// isDB reports whether the store of f is a database.
func (f *indexFlags) isDB() bool { return neardup.IsDatabaseURL(f.db) }

// name is the store as messages name it: the file, or the URL without
// its password.
func (f *indexFlags) name() string { return neardup.RedactURL(f.db) }

// writeDBStats writes what index stats says of a corpus in PostgreSQL:
// the counts, and the bytes of each table with its indexes.
func writeDBStats(e cli.Env, cmd string, f *indexFlags, c *neardup.Corpus, open float64) int {
	st := c.Stats()
	tables, err := c.TableBytes()
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	var werr error
	if f.format.Value == "json" {
		werr = cli.WriteJSON(e.Stdout, struct {
			URL         string           `json:"url"`
			TableBytes  map[string]int64 `json:"table_bytes"`
			OpenSeconds cli.FourDecimals `json:"open_seconds"`
			Stats       neardup.Stats    `json:"stats"`
		}{f.name(), tables, cli.FourDecimals(open), st})
	} else {
		pr := newPrinter(e.Stdout, style{})
		total := int64(0)
		for _, n := range tables {
			total += n
		}
		pr.printf("%s: PostgreSQL, %.1f MiB in tables and indexes, opened in %.2f s.\n", f.name(), float64(total)/(1<<20), open)
		for _, t := range slices.Sorted(maps.Keys(tables)) {
			pr.printf("  %-15s %8.1f MiB\n", t, float64(tables[t])/(1<<20))
		}
		writeStoreStats(pr, st, true)
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	return cli.ExitOK
}
