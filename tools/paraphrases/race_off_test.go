//go:build !race

package main

// raceEnabled says whether the race detector is on.
const raceEnabled = false
