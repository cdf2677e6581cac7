// Package simhash computes 64-bit SimHash fingerprints (Charikar 2002) of
// weighted features and compares them by Hamming distance.
//
// A fingerprint is built from feature hashes, typically the shingle
// hashes of a text: every feature votes on every bit, +weight where its
// hash has a one and −weight where it has a zero, and the fingerprint
// keeps the sign of each tally. Texts that share most features get
// fingerprints that differ in few bits.
package simhash

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
)

// Size is the size of a fingerprint in bits.
const Size = 64

// Fingerprint is a 64-bit SimHash.
type Fingerprint uint64

// ErrNoFeatures is returned for a feature set that is empty (or whose
// weights are all zero). Such a text has no evidence to compare: rather
// than give every empty text the same fingerprint, which would make them
// all "identical", the caller is told.
var ErrNoFeatures = errors.New("simhash: no features")

// Distance returns the Hamming distance between f and g: the number of
// bits in which they differ, from 0 to 64.
func (f Fingerprint) Distance(g Fingerprint) int {
	return bits.OnesCount64(uint64(f ^ g))
}

// Similarity returns 1 − Distance/64: 1 for equal fingerprints, about 0.5
// for unrelated texts.
func (f Fingerprint) Similarity(g Fingerprint) float64 {
	return 1 - float64(f.Distance(g))/Size
}

// String returns f as 16 lowercase hexadecimal digits.
func (f Fingerprint) String() string {
	return fmt.Sprintf("%016x", uint64(f))
}

// Parse reads a fingerprint written by String.
func Parse(s string) (Fingerprint, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("simhash: fingerprint %q: want 16 hex digits", s)
	}
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("simhash: fingerprint %q: %w", s, err)
	}
	return Fingerprint(v), nil
}

// MarshalText implements encoding.TextMarshaler, so fingerprints appear
// as hex strings in JSON.
func (f Fingerprint) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Fingerprint) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Sum returns the fingerprint of features of weight one each.
func Sum(hashes []uint64) (Fingerprint, error) {
	var b Builder
	b.addBlocks(hashes)
	return b.Sum()
}
