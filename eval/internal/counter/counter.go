// Package counter reads the COUNTER corpus of text reuse in Urdu
// journalism (COrpus of Urdu News TExt Reuse: Sharjeel, Nawab and Rayson,
// 2017) and scores predictions on it: how much a newspaper story derives
// from the news-agency copy it was written from.
//
// The corpus is a directory of XML files in pairs: NNNN.xml is the agency
// (source) text and NNNNp.xml (or NNNNP.xml) the newspaper text. Each
// file's root element carries the attributes classification (WD, PD or
// ND), domain, newspaper and newsdate, and holds a headline and a body
// element. The reader accepts any root name. Both files of a pair carry
// the pair's label: wholly derived, partially derived or non derived (the
// same event, written independently).
package counter

import (
	"fmt"
	"strings"
)

// Class is the label of a pair: how much the newspaper text derives from
// the agency text. The zero value is no class.
type Class int

const (
	// WD: wholly derived, the newspaper text is (an edit of) the agency
	// text.
	WD Class = iota + 1
	// PD: partially derived, part of it comes from the agency text.
	PD
	// ND: non derived, written independently about the same event.
	ND
)

// Classes are the three classes in the order of tables and matrices.
var Classes = [3]Class{WD, PD, ND}

// String returns "WD", "PD" or "ND".
func (c Class) String() string {
	switch c {
	case WD:
		return "WD"
	case PD:
		return "PD"
	case ND:
		return "ND"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// Valid reports whether c is one of the three classes.
func (c Class) Valid() bool { return c >= WD && c <= ND }

// Derived reports whether c is a positive of the binary task: WD or PD.
func (c Class) Derived() bool { return c == WD || c == PD }

// index is c's row or column in a Confusion matrix.
func (c Class) index() int { return int(c) - 1 }

// ParseClass reads "WD", "PD" or "ND" (case and surrounding space
// ignored).
func ParseClass(s string) (Class, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "WD":
		return WD, nil
	case "PD":
		return PD, nil
	case "ND":
		return ND, nil
	}
	return 0, fmt.Errorf("classification %q is not WD, PD or ND", s)
}

// MarshalText writes the class's name.
func (c Class) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("counter: invalid class %d", int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a class's name.
func (c *Class) UnmarshalText(b []byte) error {
	v, err := ParseClass(string(b))
	if err == nil {
		*c = v
	}
	return err
}
