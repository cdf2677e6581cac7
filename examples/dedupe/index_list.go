package main

import (
	"flag"

	"github.com/neardup/neardup/internal/cli"
)

// runIndexList writes the IDs of the stored documents, in the order they
// were added: one a line, or {"schema_version", "ids"} in JSON.
func runIndexList(args []string, e cli.Env) int {
	const cmd = "dedupe index list"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f indexFlags
	f.register(fs, false)
	paths, code, ok := f.parse(fs, args, e)
	switch {
	case !ok:
		return code
	case len(paths) > 0:
		cli.UsageError(e, cmd, "takes no inputs, only --db")
		return cli.ExitError
	}
	c, ok := f.open(e, cmd, false)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()
	ids, err := c.IDs()
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	if f.format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, struct {
			SchemaVersion int      `json:"schema_version"`
			IDs           []string `json:"ids"`
		}{schemaVersion, ids})
	} else {
		pr := newPrinter(e.Stdout, style{})
		for _, id := range ids {
			// IDs are data: one a line, whatever they hold.
			pr.printf("%s\n", display(id))
		}
		err = pr.flush()
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}
