package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The streaming formats of pairs: JSON Lines, one record a line, and
// CSV, one pair a row, for spreadsheets and tools that read tables.

// recordLine returns v, a JSON object, as one line with "record": kind
// and the schema version first, so that each line can be read alone.
func recordLine(kind string, v any) ([]byte, error) {
	body, err := jsonLine(v)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf(`{"record":%q,"schema_version":%d`, kind, schemaVersion)
	if len(body) > 3 { // not "{}\n"
		head += ","
	}
	return append([]byte(head), body[1:]...), nil
}

// jsonlWriter writes records to w, remembering the first error.
type jsonlWriter struct {
	w   *bufio.Writer
	err error
}

func newJSONLWriter(w io.Writer) *jsonlWriter { return &jsonlWriter{w: bufio.NewWriterSize(w, 1<<16)} }

func (j *jsonlWriter) write(kind string, v any) {
	if j.err != nil {
		return
	}
	line, err := recordLine(kind, v)
	if err == nil {
		_, err = j.w.Write(line)
	}
	j.err = err
}

func (j *jsonlWriter) flush() error {
	if j.err == nil {
		j.err = j.w.Flush()
	}
	return j.err
}

// pairColumns are the columns of a pair in CSV.
var pairColumns = []string{
	"a", "b", "verdict", "derived", "distance", "resemblance",
	"containment_a", "containment_b", "coverage_a", "coverage_b", "len_a", "len_b",
	"outlet_a", "outlet_b", "cross_outlet", "passages", "longest_excerpt_a", "longest_excerpt_b",
}

// pairRow returns p as a CSV row; outlets are "" when unknown.
func pairRow(p pairJSON, outletA, outletB string) []string {
	float := func(f interface{ Append([]byte) []byte }) string { return string(f.Append(nil)) }
	derived, cross := "", ""
	if p.Derived != nil {
		derived = *p.Derived
	}
	if p.CrossOutlet != nil {
		cross = strconv.FormatBool(*p.CrossOutlet)
	}
	exA, exB := "", ""
	if len(p.Passages) > 0 {
		longest := slices.MaxFunc(p.Passages, func(x, y passageJSON) int {
			return (x.A.RuneEnd - x.A.RuneStart) - (y.A.RuneEnd - y.A.RuneStart)
		})
		exA, exB = longest.A.Excerpt, longest.B.Excerpt
	}
	return []string{
		cell(p.A), cell(p.B), p.Verdict.String(), derived, strconv.Itoa(p.Distance), float(p.Resemblance),
		float(p.ContainmentA), float(p.ContainmentB), float(p.CoverageA), float(p.CoverageB),
		strconv.Itoa(p.LenA), strconv.Itoa(p.LenB),
		cell(outletA), cell(outletB), cross, strconv.Itoa(len(p.Passages)), cell(exA), cell(exB),
	}
}

// summaryColumns are the columns of a summary row in CSV.
var summaryColumns = []string{"from", "to", "pairs", "verdicts", "documents_a", "documents_b", "coverage_b", "cross_outlet"}

func summaryRow(s summaryJSON) []string {
	var verdicts []string
	for name, n := range s.Verdicts {
		verdicts = append(verdicts, name+":"+strconv.Itoa(n))
	}
	slices.Sort(verdicts)
	cross := ""
	if s.CrossOutlet != nil {
		cross = strconv.FormatBool(*s.CrossOutlet)
	}
	return []string{cell(s.From), cell(s.To), strconv.Itoa(s.Pairs), strings.Join(verdicts, ";"),
		strconv.Itoa(s.DocumentsA), strconv.Itoa(s.DocumentsB), string(s.CoverageB.Append(nil)), cross}
}

// cell makes text from the data safe in a spreadsheet: a cell that
// starts with = + - @ or a tab or carriage return would be read as a
// formula by Excel and LibreOffice (CSV injection), so it gets a leading
// apostrophe, which they show as text. encoding/csv quotes the rest.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeCSV writes a header and rows.
func writeCSV(w io.Writer, header []string, rows func(yield func([]string) bool)) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	var err error
	rows(func(r []string) bool {
		err = cw.Write(r)
		return err == nil
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}
