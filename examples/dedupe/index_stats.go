package main

import (
	"flag"
	"os"
	"time"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/store"
)

func runIndexStats(args []string, e cli.Env) int {
	const cmd = "dedupe index stats"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f indexFlags
	f.register(fs, false)
	paths, code, ok := f.parse(fs, args, e)
	if !ok {
		return code
	}
	if len(paths) > 0 {
		cli.UsageError(e, cmd, "takes no inputs, only --db")
		return cli.ExitError
	}
	start := time.Now()
	c, ok := f.open(e, cmd, false)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()
	open := time.Since(start).Seconds()
	if f.isDB() {
		return writeDBStats(e, cmd, &f, c, open)
	}
	st := c.Stats()
	fi, err := os.Stat(f.db)
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	var werr error
	if f.format.Value == "json" {
		werr = cli.WriteJSON(e.Stdout, struct {
			Path        string           `json:"path"`
			Format      int              `json:"format"`
			FileBytes   int64            `json:"file_bytes"`
			OpenSeconds cli.FourDecimals `json:"open_seconds"`
			Stats       neardup.Stats    `json:"stats"`
		}{f.db, store.Format, fi.Size(), cli.FourDecimals(open), st})
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("%s: format %d, %.1f MiB on disk, opened in %.2f s.\n", f.db, store.Format, float64(fi.Size())/(1<<20), open)
		writeStoreStats(pr, st, false)
		werr = pr.flush()
	}
	if werr != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, werr)
		return cli.ExitError
	}
	return cli.ExitOK
}
