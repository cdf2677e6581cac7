package main

import "github.com/neardup/neardup/compare"

// What the commands make of a verdict, in one place. Verdicts are read by
// their names (compare.Verdict.String), not by their order, so that a
// verdict the library adds (a rewrite, a template) lands in the class its
// name says, and one this file does not know yet falls back on the
// report's passages instead of on where it sits in the enumeration.

// verdictClass is what a verdict means to the commands.
type verdictClass int

const (
	// classNone: no shared passage (unrelated, no evidence).
	classNone verdictClass = iota
	// classReuse: shared passages, but not the same article
	// (--fail-on-reuse).
	classReuse
	// classDuplicate: the same article, give or take spelling and edits
	// (--fail-on-duplicates, clusters).
	classDuplicate
)

// classOf says what r's verdict means.
func classOf(r compare.Report) verdictClass {
	switch r.Verdict.String() {
	case "identical", "near-duplicate":
		return classDuplicate
	case "partial-reuse", "rewrite", "template":
		return classReuse
	case "unrelated", "no-evidence":
		return classNone
	}
	if len(r.Passages) > 0 {
		return classReuse
	}
	return classNone
}

// derivedName is the derivation the commands show beside r's verdict, or
// "" for none. The library's Derived reads containment alone, so it can
// call B "partly-derived" from A where the verdict found no passage at
// all (names and figures two reports of one event share); the commands
// show the verdict, and a derivation only where a passage backs it.
func derivedName(r compare.Report) string {
	if classOf(r) == classNone {
		return ""
	}
	return r.Derived.String()
}

// listedFrom is the least verdict of the pairs the batch job asks the
// corpus for (Corpus.Pairs takes a floor): every pair that shares a
// passage; classOf then says what each is.
const listedFrom = compare.PartialReuse

// count adds a pair of verdict v to the stats' counts by verdict, which
// name the three verdicts of schema version 2; another verdict is counted
// in "pairs" and in the summary's "verdicts" only.
func (s *statsJSON) count(v compare.Verdict) {
	switch v.String() {
	case "identical":
		s.Identical++
	case "near-duplicate":
		s.NearDuplicate++
	case "partial-reuse":
		s.PartialReuse++
	}
}

// failsOn reports whether a pair of report r makes --fail-on-duplicates
// (dup) or --fail-on-reuse (reuse) exit 1.
func failsOn(r compare.Report, dup, reuse bool) bool {
	switch classOf(r) {
	case classDuplicate:
		return dup
	case classReuse:
		return reuse
	}
	return false
}
