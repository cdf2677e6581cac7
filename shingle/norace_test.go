//go:build !race

package shingle_test

const raceEnabled = false
