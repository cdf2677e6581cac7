package main

import (
	"errors"
	"flag"
	"os"
	"time"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/store"
)

// checkJSON is the output of index check --format json.
type checkJSON struct {
	Path      string             `json:"path"`
	Format    int                `json:"format"`
	FileBytes int64              `json:"file_bytes"`
	Stats     *store.VerifyStats `json:"stats"` // null if the store did not open
	Damage    []damageJSON       `json:"damage"`
	Seconds   cli.FourDecimals   `json:"seconds"`
}

type damageJSON struct {
	Record *uint32 `json:"record"` // null for damage outside the records
	ID     *string `json:"id"`     // null if unknown
	Error  string  `json:"error"`
}

// runIndexCheck reads the whole store and reports its damage: exit 0
// when there is none, 1 when there is, 2 when the store cannot be read
// for another reason.
func runIndexCheck(args []string, e cli.Env) int {
	const cmd = "dedupe index check"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f indexFlags
	f.registerStore(fs)
	paths, code, ok := f.parse(fs, args, e)
	if !ok {
		return code
	}
	if len(paths) > 0 {
		cli.UsageError(e, cmd, "takes no inputs, only --db")
		return cli.ExitError
	}
	if neardup.IsDatabaseURL(f.db) {
		// Not a file to stat or read: and the URL, with its password,
		// is not to be echoed by a failed stat.
		cli.UsageError(e, cmd, "checks a store file; a corpus in PostgreSQL is kept whole by the server's transactions")
		return cli.ExitError
	}
	fi, err := os.Stat(f.db)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	start := time.Now()
	out := checkJSON{Path: f.db, Format: store.Format, FileBytes: fi.Size(), Damage: []damageJSON{}}
	s, err := store.OpenReadOnly(f.db)
	switch {
	case errors.Is(err, store.ErrCorrupt), errors.Is(err, store.ErrIncomplete):
		out.Damage = append(out.Damage, damageJSON{Error: err.Error()})
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
	case err != nil:
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	default:
		stats, err := s.Verify(func(d store.Damage) {
			j := damageJSON{Error: d.Err.Error()}
			if d.Record {
				j.Record = &d.Num
				if d.ID != "" {
					j.ID = &d.ID
				}
			}
			out.Damage = append(out.Damage, j)
			cli.Warnf(e.Stderr, "%s: %v", cmd, d)
		})
		s.Close()
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %v", cmd, err)
			return cli.ExitError
		}
		out.Stats = &stats
	}
	out.Seconds = cli.FourDecimals(time.Since(start).Seconds())

	var werr error
	if f.format.Value == "json" {
		werr = cli.WriteJSON(e.Stdout, out)
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("%s: format %d, %.1f MiB", f.db, store.Format, float64(out.FileBytes)/(1<<20))
		if out.Stats != nil {
			pr.printf(", %s (%.1f MiB of text), %s", plural(out.Stats.Records, "record"),
				float64(out.Stats.TextBytes)/(1<<20), plural(out.Stats.Snapshots, "snapshot"))
		}
		if n := len(out.Damage); n > 0 {
			pr.printf(": %s found (see stderr)", plural(n, "problem"))
		} else {
			pr.printf(": every record, text, mark and snapshot checked, no damage found")
		}
		pr.printf(" (%.1f s).\n", float64(out.Seconds))
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	if len(out.Damage) > 0 {
		return cli.ExitFound
	}
	return cli.ExitOK
}
