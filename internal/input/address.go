package input

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
)

// Addresses: every Document.Source names one document, and can be read
// back as a path by Read. So a document that a report names by its
// source ("2015-07-21.zip!2015-07-21.json#2") can be opened again without
// unpacking anything by hand.

// ErrNoDocument: an address whose file exists but which names no document
// in it (an element past the end of an array, a line that is blank).
var ErrNoDocument = errors.New("no document at this address")

// Address is a Document.Source taken apart.
type Address struct {
	// Path is the file on disk.
	Path string
	// Members are the zip members on the way, outermost first: each
	// but the last is itself a zip archive.
	Members []string
	// Element is the index, from 0, of an element of a JSON array
	// ("#3"), or -1.
	Element int
	// Line is the line, from 1, of a JSON Lines file (":12"), or 0.
	Line int
}

// ParseAddress takes apart a source such as "dir/a.zip!b/c.json#3",
// "a.jsonl:12" or "a.zip!b.zip!c.txt". A zip member follows a "!" after a
// name ending in .zip; "#N" follows a .json name and ":N" a .jsonl or
// .ndjson name, N decimal. It reports false for a string that names no
// part of a file (a plain path). Names are not checked against the file
// system: Read tries a source as a path first, so a file whose name holds
// "!" or "#" is still read as it is.
func ParseAddress(s string) (Address, bool) {
	a := Address{Element: -1}
	rest := s
	for {
		i := zipBang(rest)
		if i < 0 {
			break
		}
		part := rest[:i]
		if a.Path == "" {
			a.Path = part
		} else {
			a.Members = append(a.Members, part)
		}
		rest = rest[i+1:]
	}
	last := rest
	ext := func(name string) string { return strings.ToLower(path.Ext(name)) }
	if name, n, ok := cutNumber(last, "#"); ok && ext(name) == ".json" {
		last, a.Element = name, n
	} else if name, n, ok := cutNumber(last, ":"); ok && n > 0 && (ext(name) == ".jsonl" || ext(name) == ".ndjson") {
		last, a.Line = name, n
	}
	if last == "" {
		return Address{}, false
	}
	if a.Path == "" {
		a.Path = last
	} else {
		a.Members = append(a.Members, last)
	}
	if len(a.Members) == 0 && a.Element < 0 && a.Line == 0 {
		return Address{}, false
	}
	return a, true
}

// String writes the address as a Document.Source.
func (a Address) String() string {
	s := strings.Join(append([]string{a.Path}, a.Members...), "!")
	switch {
	case a.Element >= 0:
		s += "#" + strconv.Itoa(a.Element)
	case a.Line > 0:
		s += ":" + strconv.Itoa(a.Line)
	}
	return s
}

// zipBang returns the index of the first "!" in s that follows a name
// ending in .zip, or -1.
func zipBang(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '!' && i > 0 && isZip(s[:i]) {
			return i
		}
	}
	return -1
}

// cutNumber cuts s at its last sep if what follows is a decimal number.
func cutNumber(s, sep string) (string, int, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 || i == len(s)-1 {
		return s, 0, false
	}
	digits := s[i+1:]
	for _, c := range digits {
		if c < '0' || c > '9' {
			return s, 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	if err != nil || len(digits) > 1 && digits[0] == '0' {
		return s, 0, false
	}
	return s[:i], n, true
}

// onPath reports whether source is the address want or holds it: the
// zip archive it is in, or the JSON file. Reading an address yields the
// documents it holds (onPath(want, source)), and the errors about them
// and about what holds it.
func onPath(source, want string) bool {
	if source == want {
		return true
	}
	rest, ok := strings.CutPrefix(want, source)
	return ok && rest != "" && strings.ContainsRune("!#:", rune(rest[0]))
}

// address reads what the address s (taken apart as a) names: one
// document, or the documents of a zip member. The file is read as usual,
// and only what s names, or errors about it and about what holds it, is
// passed on.
func (r *reader) address(s string, a Address) bool {
	fi, err := os.Stat(a.Path)
	if err != nil {
		return r.fail(s, 0, -1, fmt.Errorf("%s: %w", a.Path, osError(err)))
	}
	if !fi.Mode().IsRegular() {
		return r.fail(s, 0, -1, fmt.Errorf("%s: %w", a.Path, ErrNotRegular))
	}
	sub := *r
	sub.want, sub.yielded = s, 0
	if !sub.file(a.Path, a.Path, fi.Size()) {
		return false
	}
	r.yielded += sub.yielded
	if sub.yielded == 0 {
		return r.fail(s, 0, -1, ErrNoDocument)
	}
	return true
}
