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
	// classFormula: a formula filled in otherwise (template): listed,
	// but neither reuse nor a duplicate.
	classFormula
	// classReuse: shared passages, but not the same article
	// (--fail-on-reuse).
	classReuse
	// classDuplicate: the same article, give or take spelling, edits or
	// rewording, or in another language (--fail-on-duplicates,
	// clusters).
	classDuplicate
)

// classOf says what r's verdict means.
func classOf(r compare.Report) verdictClass {
	switch r.Verdict.String() {
	case "identical", "near-duplicate", "rewrite", "translation":
		return classDuplicate
	case "partial-reuse", "partial-translation":
		return classReuse
	case "template":
		return classFormula
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
//
// Across languages the library reads B as translated from A only when A
// is the English text; with A the Arabic one (index query --cross-lingual
// lists the stored Arabic as A) its "not-derived" says nothing, and none
// is shown.
func derivedName(r compare.Report) string {
	switch {
	case classOf(r) == classNone:
		return ""
	case (r.Verdict == compare.Translation || r.Verdict == compare.PartialTranslation) && r.Derived == compare.NotDerived:
		return ""
	}
	return r.Derived.String()
}

// listedFrom is the least verdict of the pairs the batch job asks the
// corpus for (Corpus.Pairs takes a floor): every pair that shares a
// passage, templates included; classOf then says what each is.
const listedFrom = compare.Template

// count adds a pair of verdict v to the stats' counts by verdict; a
// verdict without a count of its own is counted in "pairs" and in the
// summary's "verdicts" only.
func (s *statsJSON) count(v compare.Verdict) {
	switch v.String() {
	case "identical":
		s.Identical++
	case "near-duplicate":
		s.NearDuplicate++
	case "rewrite":
		s.Rewrite++
	case "partial-reuse":
		s.PartialReuse++
	case "template":
		s.Template++
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

// isNearDuplicate reports whether r finds the two texts the same article
// give or take spelling and edits (identical, near-duplicate): what index
// query lists as a near-duplicate; a rewrite is a source.
func isNearDuplicate(r compare.Report) bool {
	switch r.Verdict.String() {
	case "identical", "near-duplicate":
		return true
	}
	return false
}
