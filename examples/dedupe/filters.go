package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/cli"
)

// pairFilter is --verdict and --min-coverage: which of the pairs found
// are listed. Clusters and deduplication read every pair found, so that
// narrowing what is shown never changes what is kept.
type pairFilter struct {
	minCoverage float64
	verdicts    verdictList
}

func (f *pairFilter) register(fs *flag.FlagSet) {
	fs.Float64Var(&f.minCoverage, "min-coverage", 0, "list only pairs where passages cover at least this `share` of one\nof the two texts (0 to 1)")
	fs.Var(&f.verdicts, "verdict", "list only pairs with these `verdicts`, a comma list such as\nnear-duplicate,identical")
}

func (f *pairFilter) check(e cli.Env, cmd string) error {
	if !(f.minCoverage >= 0 && f.minCoverage <= 1) {
		return cli.UsageError(e, cmd, "--min-coverage must be a share from 0 to 1")
	}
	return nil
}

// keeps reports whether a pair compared as r is listed.
func (f *pairFilter) keeps(r compare.Report) bool {
	if max(r.CoverageA, r.CoverageB) < f.minCoverage {
		return false
	}
	return len(f.verdicts) == 0 || slices.Contains(f.verdicts, r.Verdict.String())
}

// verdictList is a comma list of verdict names, each one the library
// knows (compare.Verdict.UnmarshalText says which).
type verdictList []string

func (v *verdictList) String() string { return strings.Join(*v, ",") }

func (v *verdictList) Set(s string) error {
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		var verdict compare.Verdict
		if err := verdict.UnmarshalText([]byte(name)); err != nil {
			return fmt.Errorf("unknown verdict %q", name)
		}
		*v = append(*v, verdict.String())
	}
	return nil
}
