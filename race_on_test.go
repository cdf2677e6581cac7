//go:build race

package neardup_test

// raceEnabled says whether the race detector is on: it slows preparing
// and aligning about tenfold, so the tests of the corpus in PostgreSQL
// that run over SaudiNewsNet then take a slice of what they take
// without it.
const raceEnabled = true
