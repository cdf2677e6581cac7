package main

import (
	"fmt"
	"slices"
	"strings"
)

// formatFlag is the value of --format, one of the formats its command
// writes.
type formatFlag struct {
	value   string
	allowed []string
}

// newFormat returns a --format of the given formats, the first the
// default.
func newFormat(allowed ...string) formatFlag { return formatFlag{allowed[0], allowed} }

func (f *formatFlag) String() string { return f.value }

func (f *formatFlag) Set(s string) error {
	if !slices.Contains(f.allowed, s) {
		return fmt.Errorf("want %s, not %q", orList(f.allowed), s)
	}
	f.value = s
	return nil
}

// usage describes the flag for -h.
func (f *formatFlag) usage() string {
	return "output `format`: " + orList(f.allowed)
}

// orList writes "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
