// Package judged reads pairs of news articles labelled by reading (the
// SaudiNewsNet judged pairs, issue 12) and scores a detector's verdicts
// on them: how much of the labelled reuse it reports, and how many
// independent reports of one event it takes for reuse.
//
// It knows verdicts by name only (compare.Verdict's String), through one
// table (see verdictClasses), so that a verdict added to the library
// needs one line here and an unknown one is still shown, as not reuse.
package judged

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Label is what a reader found two articles to share.
type Label int

const (
	// Whole: the same text, or one a rewrite of the other (or both of
	// one source text), over at least about 80% of the shorter one.
	Whole Label = iota
	// Part: at least one full sentence shared or closely rewritten, each
	// article with substantial material of its own.
	Part
	// Event: the same event, in independent wording.
	Event
	// Unrelated: different events.
	Unrelated
)

var labelNames = [...]string{"WHOLE", "PART", "EVENT", "UNRELATED"}

// String returns the label as the labels file writes it.
func (l Label) String() string {
	if l < 0 || int(l) >= len(labelNames) {
		return fmt.Sprintf("Label(%d)", int(l))
	}
	return labelNames[l]
}

// MarshalText writes the label's name.
func (l Label) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Reuse says whether the label is reuse (WHOLE or PART).
func (l Label) Reuse() bool { return l == Whole || l == Part }

// Pair is one labelled pair of articles, a line of the labels file.
type Pair struct {
	// N is the pair's number in the file.
	N int
	// URLA and URLB are the articles' url fields.
	URLA, URLB string
	Label      Label
	// Reworded says, for reuse, that the shared text is substantially
	// reworded rather than copied with small edits; it is false for
	// EVENT and UNRELATED pairs.
	Reworded bool
	// SourceA and SourceB are the newspapers, Evidence the reader's
	// quotes or the shared fact.
	SourceA, SourceB, Evidence string
	// Line is the pair's line in the file, from 1.
	Line int
}

// Row is the pair's row in the confusion matrix: the label, and for
// reuse whether it is reworded ("WHOLE-yes", "PART-no", "EVENT").
func (p Pair) Row() string {
	switch {
	case !p.Label.Reuse():
		return p.Label.String()
	case p.Reworded:
		return p.Label.String() + "-yes"
	}
	return p.Label.String() + "-no"
}

// Rows are the rows of the confusion matrix, in order.
var Rows = []string{"WHOLE-no", "WHOLE-yes", "PART-no", "PART-yes", "EVENT", "UNRELATED"}

// Columns of the labels file, in order, as its header names them.
var columns = []string{"n", "url_a", "url_b", "label", "reworded", "source_a", "source_b", "evidence"}

// LineError is a malformed line of a labels file.
type LineError struct {
	File string // as given, "" for a reader
	Line int    // from 1
	Err  error
}

func (e *LineError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// ReadFile reads the labels file at path (see Read).
func ReadFile(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads a labels file: UTF-8, one pair a line, the eight columns n,
// url_a, url_b, label, reworded, source_a, source_b and evidence
// separated by tabs. Lines starting with '#' (the header) and blank
// lines are skipped; a trailing '\r' is ignored. n is a positive integer
// found once in the file; the URLs are not empty and differ, and no
// pair of them is labelled twice (in either order); label is WHOLE,
// PART, EVENT or UNRELATED; reworded is yes or no for WHOLE and PART, -
// for the others. The evidence may be empty, the other columns not.
//
// Every malformed line is a *LineError naming file (as given) and line;
// all of them are returned, joined, and no pair with them.
func Read(r io.Reader, file string) ([]Pair, error) {
	var (
		pairs   []Pair
		errs    []error
		numbers = map[int]int{}       // n → line
		seen    = map[[2]string]int{} // URLs, in order → line
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		p, err := parseLine(text)
		if err == nil {
			if at, dup := numbers[p.N]; dup {
				err = fmt.Errorf("pair number %d already used on line %d", p.N, at)
			} else if at, dup := seen[orderedURLs(p)]; dup {
				err = fmt.Errorf("pair of %s and %s already labelled on line %d", p.URLA, p.URLB, at)
			}
		}
		if err != nil {
			errs = append(errs, &LineError{File: file, Line: line, Err: err})
			continue
		}
		p.Line = line
		numbers[p.N], seen[orderedURLs(p)] = line, line
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name(file), err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return pairs, nil
}

// name is how messages call a file given as file.
func name(file string) string {
	if file == "" {
		return "labels"
	}
	return file
}

// orderedURLs returns the pair's URLs in increasing order.
func orderedURLs(p Pair) [2]string {
	if p.URLB < p.URLA {
		return [2]string{p.URLB, p.URLA}
	}
	return [2]string{p.URLA, p.URLB}
}

// parseLine parses one line of pair: the columns, in order.
func parseLine(text string) (Pair, error) {
	f := strings.Split(text, "\t")
	if len(f) != len(columns) {
		return Pair{}, fmt.Errorf("%d tab-separated columns, want %d (%s)", len(f), len(columns), strings.Join(columns, ", "))
	}
	for i, v := range f[:len(f)-1] { // the evidence may be empty
		if strings.TrimSpace(v) == "" {
			return Pair{}, fmt.Errorf("column %s is empty", columns[i])
		}
	}
	var p Pair
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 {
		return Pair{}, fmt.Errorf("n is %q, want a positive integer", f[0])
	}
	p.N, p.URLA, p.URLB = n, f[1], f[2]
	if p.URLA == p.URLB {
		return Pair{}, fmt.Errorf("url_a and url_b are the same, %s", p.URLA)
	}
	if p.Label, err = parseLabel(f[3]); err != nil {
		return Pair{}, err
	}
	switch rw := f[4]; {
	case p.Label.Reuse() && (rw == "yes" || rw == "no"):
		p.Reworded = rw == "yes"
	case p.Label.Reuse():
		return Pair{}, fmt.Errorf("reworded is %q, want yes or no for a %s pair", rw, p.Label)
	case rw != "-":
		return Pair{}, fmt.Errorf("reworded is %q, want - for a %s pair", rw, p.Label)
	}
	p.SourceA, p.SourceB, p.Evidence = f[5], f[6], f[7]
	return p, nil
}

// parseLabel reads a label's name.
func parseLabel(s string) (Label, error) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), nil
		}
	}
	return 0, fmt.Errorf("label is %q, want WHOLE, PART, EVENT or UNRELATED", s)
}
