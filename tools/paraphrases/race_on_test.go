//go:build race

package main

// raceEnabled says whether the race detector is on: it slows learning
// from a whole corpus about tenfold.
const raceEnabled = true
