package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// Problems worth saying once, not once a record: a field name that does
// not match the data (a mistyped --text-field is an error in every
// record of every file: 31,000 identical lines on SaudiNewsNet), and
// records without text, which real corpora have by the hundred.

// notes gathers them while reading, by file.
type notes struct {
	files []*fileNotes // in order of first note
	byKey map[string]*fileNotes
}

// fileNotes are the notes about one file (a JSON or JSON Lines file,
// possibly a zip member).
type fileNotes struct {
	file                    string
	missingText             int
	textFieldsHave          []string // fields of the first record without text
	noID, noOutlet          int
	idFieldsHave, otherHave []string // fields of the first record without an ID, an outlet
}

func (n *notes) of(source string) *fileNotes {
	file := fileOf(source)
	if n.byKey == nil {
		n.byKey = map[string]*fileNotes{}
	}
	fn := n.byKey[file]
	if fn == nil {
		fn = &fileNotes{file: file}
		n.byKey[file] = fn
		n.files = append(n.files, fn)
	}
	return fn
}

// missingField notes ie if it is about a record without the text field,
// and reports whether it was.
func (n *notes) missingField(ie *input.InputError) bool {
	mf, ok := errors.AsType[*input.MissingFieldError](ie)
	if !ok {
		return false
	}
	fn := n.of(ie.Source)
	if fn.missingText == 0 {
		fn.textFieldsHave = mf.Have
	}
	fn.missingText++
	return true
}

// noID notes a record known by its source because it lacks --id-field.
func (n *notes) noID(d input.Document, f *inputFlags) {
	fn := n.of(d.Source)
	if fn.noID == 0 {
		fn.idFieldsHave = fieldsOf(d, f)
	}
	fn.noID++
}

// noOutlet notes a record without --source-field.
func (n *notes) noOutlet(d input.Document, f *inputFlags) {
	fn := n.of(d.Source)
	if fn.noOutlet == 0 {
		fn.otherHave = fieldsOf(d, f)
	}
	fn.noOutlet++
}

// print writes the notes, one line a file and kind, and one line for
// all the records without text.
func (n *notes) print(p *cli.Progress, cmd string, f *inputFlags, empty []string) {
	for _, fn := range n.files {
		if fn.missingText > 0 {
			p.Errorf("%s: %s: %s no text field %q (not compared); the records have: %s",
				cmd, fn.file, countRecords(fn.missingText), f.textField, strings.Join(fn.textFieldsHave, ", "))
		}
		if fn.noID > 0 {
			p.Errorf("%s: %s: %s no ID field %q, so each is known by its source; the records have: %s",
				cmd, fn.file, countRecords(fn.noID), f.idField.value, strings.Join(fn.idFieldsHave, ", "))
		}
		if fn.noOutlet > 0 {
			p.Errorf("%s: %s: %s no string field %q for --source-field; the records have: %s",
				cmd, fn.file, countRecords(fn.noOutlet), f.sourceField, strings.Join(fn.otherHave, ", "))
		}
	}
	if len(empty) > 0 {
		p.Errorf("%s: skipped %s with no text (the first: %s); --strict makes them errors",
			cmd, plural(len(empty), "empty record"), empty[0])
	}
}

func countRecords(n int) string {
	if n == 1 {
		return "1 record has"
	}
	return fmt.Sprintf("%d records have", n)
}

// fieldsOf returns the names of the fields a JSON record was read with:
// its other string fields, and those the flags named that it has.
func fieldsOf(d input.Document, f *inputFlags) []string {
	var names []string
	for k := range d.Meta {
		names = append(names, k)
	}
	if d.Title != "" {
		names = append(names, f.titleField)
	}
	for name := range strings.SplitSeq(f.textField, ",") {
		names = append(names, strings.TrimSpace(name))
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// fileOf returns the file a source is in: the source without its JSON
// array element ("#3") or JSON Lines line (":12").
func fileOf(source string) string {
	if a, ok := input.ParseAddress(source); ok && (a.Element >= 0 || a.Line > 0) {
		a.Element, a.Line = -1, 0
		return a.String()
	}
	return source
}
