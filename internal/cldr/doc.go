// Package cldr holds the names of places and languages, in English
// and in Arabic, from Unicode CLDR: what the cross-lingual anchors and
// compare's formula slots read.
package cldr

//go:generate go run gen.go
