//go:build race

package main

// raceEnabled says whether the race detector is on: it slows the
// comparisons about tenfold, so the evaluation tests then run on a slice
// of each corpus.
const raceEnabled = true
