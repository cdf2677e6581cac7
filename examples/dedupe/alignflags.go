package main

import (
	"flag"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

// alignFlags are the alignment thresholds of compare.Options, for every
// command that compares. Zero leaves the library's default, which the
// -h text does not repeat so that it is defined once, in package compare
// (compare.Options; the README's "How comparison works" gives them).
type alignFlags struct {
	minPassage            int
	nearDuplicate, minDen float64
}

func (f *alignFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.minPassage, "min-passage", 0, "alignment: shortest passage reported, in folded `runes` of the shorter\nside (0: the library's default)")
	fs.Float64Var(&f.nearDuplicate, "near-duplicate", 0, "alignment: least `share` of both texts inside passages for a pair to be\nnear-duplicates (0: the library's default)")
	fs.Float64Var(&f.minDen, "min-density", 0, "alignment: least `share` of a passage covered by exact matches (0: the\nlibrary's default)")
}

func (f *alignFlags) check(e cli.Env, cmd string) error {
	switch {
	case f.minPassage < 0:
		return cli.UsageError(e, cmd, "--min-passage must not be negative")
	case !(f.nearDuplicate >= 0 && f.nearDuplicate <= 1):
		return cli.UsageError(e, cmd, "--near-duplicate must be a share from 0 to 1")
	case !(f.minDen >= 0 && f.minDen <= 1):
		return cli.UsageError(e, cmd, "--min-density must be a share from 0 to 1")
	}
	return nil
}

// options returns o with the thresholds the flags set.
func (f *alignFlags) options(o compare.Options) compare.Options {
	o.MinPassage = f.minPassage
	o.NearDuplicate = f.nearDuplicate
	o.MinDensity = f.minDen
	return o
}
