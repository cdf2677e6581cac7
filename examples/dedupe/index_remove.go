package main

import (
	"bufio"
	"flag"
	"os"
	"strings"

	"github.com/neardup/neardup/internal/cli"
)

// runIndexRemove removes the documents of the IDs given, as arguments or
// one a line in --ids FILE. An ID not in the store is reported, not an
// error: removing is asking for a state, and the state holds.
func runIndexRemove(args []string, e cli.Env) int {
	const cmd = "dedupe index remove"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		f    indexFlags
		list string
	)
	f.register(fs, false)
	fs.StringVar(&list, "ids", "", "read the IDs to remove from `file`, one a line (- for stdin)")
	ids, code, ok := f.parse(fs, args, e)
	if !ok {
		return code
	}
	if list != "" {
		more, err := readIDs(list)
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %v", cmd, err)
			return cli.ExitError
		}
		ids = append(ids, more...)
	}
	if len(ids) == 0 {
		cli.UsageError(e, cmd, "no IDs: give them as arguments or with --ids FILE")
		return cli.ExitError
	}
	if !f.exists(e, cmd) {
		return cli.ExitError
	}
	c, ok := f.open(e, cmd, true)
	if !ok {
		return cli.ExitError
	}
	defer c.Close()
	out := struct {
		SchemaVersion int      `json:"schema_version"`
		Removed       []string `json:"removed"`
		Missing       []string `json:"missing"` // not in the store
	}{schemaVersion, []string{}, []string{}}
	for _, id := range ids {
		removed, err := c.Remove(id)
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %v", cmd, err)
			return cli.ExitError
		}
		if removed {
			out.Removed = append(out.Removed, id)
		} else {
			out.Missing = append(out.Missing, id)
		}
	}
	if err := c.Close(); err != nil {
		cli.Warnf(e.Stderr, "%s: closing the store: %v", cmd, err)
		return cli.ExitError
	}
	if n := len(out.Missing); n > 0 {
		cli.Warnf(e.Stderr, "%s: %s not in %s, the first %q", cmd, plural(n, "ID"), f.name(), out.Missing[0])
	}
	var err error
	if f.format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, out)
	} else {
		pr := newPrinter(e.Stdout, style{})
		pr.printf("Removed %s from %s.\n", plural(len(out.Removed), "document"), f.name())
		err = pr.flush()
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// readIDs reads one ID a line from path ("-": standard input), leaving
// out blank lines and the line ends.
func readIDs(path string) ([]string, error) {
	f := os.Stdin
	if path != "-" {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if id := strings.TrimRight(sc.Text(), "\r"); strings.TrimSpace(id) != "" {
			ids = append(ids, id)
		}
	}
	return ids, sc.Err()
}
