//go:build !race

package simhash_test

// raceEnabled is true under the race detector, which makes the tests
// about ten times slower: they then skip their costliest cases.
const raceEnabled = false
