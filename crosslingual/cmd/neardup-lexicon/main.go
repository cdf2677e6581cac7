// Command neardup-lexicon builds the English–Arabic lexicon file that
// cross-lingual comparison and search read (package crosslingual;
// dedupe compare --cross-lingual, dedupe index query --cross-lingual).
//
// No lexicon ships with neardup: the dictionaries that have one are
// under licences that its Apache-2.0 cannot carry (MUSE CC BY-NC 4.0,
// FreeDict GPL-2+). Each user builds the file from the dictionaries
// they have, for their own use:
//
//	apt-get install dict-freedict-eng-ara dict-freedict-ara-eng
//	go run github.com/neardup/neardup/crosslingual/cmd/neardup-lexicon \
//	    --freedict /usr/share/dictd/freedict-eng-ara \
//	    --freedict /usr/share/dictd/freedict-ara-eng \
//	    --muse en-ar.txt --out en-ar.lex
//	export NEARDUP_LEXICON=$PWD/en-ar.lex
//
// The same sources always give the same file, byte for byte.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/cli"
)

const usage = `neardup-lexicon builds the English–Arabic lexicon file of neardup's
cross-lingual comparison and search from bilingual dictionaries.

Usage:
  neardup-lexicon [--muse FILE]... [--freedict BASE]... --out FILE

--muse FILE reads a MUSE dictionary (Conneau et al. 2017, CC BY-NC 4.0:
github.com/facebookresearch/MUSE, en-ar.txt and ar-en.txt): one pair a
line, English and Arabic in either order, separated by a space, a tab
or " @ ".

--freedict BASE reads a FreeDict dictd database (GPL-2+), BASE.index and
BASE.dict.dz, as Debian's dict-freedict-eng-ara and dict-freedict-ara-eng
install them: /usr/share/dictd/freedict-eng-ara and
/usr/share/dictd/freedict-ara-eng.

Each pair of single words is folded and stemmed as neardup folds and
stems text; phrases and function words are left out. The file is
yours to use under the terms of the dictionaries it was built from;
name it with NEARDUP_LEXICON or --lexicon.

Exit status:
  0  done
  2  usage error, or a dictionary could not be read
`

func main() { os.Exit(run(os.Args[1:], cli.System())) }

// repeated is a flag given any number of times.
type repeated []string

func (r *repeated) String() string { return strings.Join(*r, ",") }

func (r *repeated) Set(s string) error {
	*r = append(*r, s)
	return nil
}

func run(args []string, e cli.Env) int {
	const cmd = "neardup-lexicon"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		muse, freedict repeated
		out            string
	)
	fs.Var(&muse, "muse", "a MUSE dictionary `file` (repeatable)")
	fs.Var(&freedict, "freedict", "a FreeDict dictd database: `base` of BASE.index and BASE.dict.dz (repeatable)")
	fs.StringVar(&out, "out", "", "the lexicon `file` to write")
	if code, ok := cli.ParseNoArgs(fs, args, usage, e, cmd, "dictionaries are given by --muse and --freedict"); !ok {
		return code
	}
	switch {
	case out == "":
		cli.UsageError(e, cmd, "--out is required: the lexicon file to write")
		return cli.ExitError
	case len(muse)+len(freedict) == 0:
		cli.UsageError(e, cmd, "no dictionary: give --muse or --freedict")
		return cli.ExitError
	}
	lex := crosslingual.NewLexicon()
	var sources []string
	for _, path := range muse {
		f, err := os.Open(path)
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %v", cmd, err)
			return cli.ExitError
		}
		lines, taken, err := readMUSE(f, lex)
		f.Close()
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %s: %v", cmd, path, err)
			return cli.ExitError
		}
		sources = append(sources, fmt.Sprintf("MUSE %s: %d lines, %d pairs taken", baseName(path), lines, taken))
	}
	for _, base := range freedict {
		entries, taken, err := readFreeDict(base, lex)
		if err != nil {
			cli.Warnf(e.Stderr, "%s: %s: %v", cmd, base, err)
			return cli.ExitError
		}
		sources = append(sources, fmt.Sprintf("FreeDict %s: %d entries, %d pairs taken", baseName(base), entries, taken))
	}
	f, err := os.Create(out)
	if err == nil {
		err = lex.Encode(f, append([]string{"built by neardup-lexicon from:"}, sources...)...)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return cli.ExitError
	}
	for _, s := range sources {
		fmt.Fprintln(e.Stdout, s)
	}
	fmt.Fprintf(e.Stdout, "%s: %d pairs\n", out, lex.Len())
	return cli.ExitOK
}

// baseName is the last element of a path: the sources a file names do
// not depend on where they were.
func baseName(p string) string { return p[strings.LastIndex(p, "/")+1:] }
