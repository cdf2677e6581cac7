//go:build !race

package neardup_test

// raceEnabled says whether the race detector is on.
const raceEnabled = false
