package judged

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const header = "#n\turl_a\turl_b\tlabel\treworded\tsource_a\tsource_b\tevidence\n"

// line joins columns with tabs, as the labels file does.
func line(cols ...string) string { return strings.Join(cols, "\t") + "\n" }

func TestReadGood(t *testing.T) {
	in := header +
		line("1", "http://a.example/1", "http://b.example/1", "WHOLE", "no", "paper-a", "paper-b", "A: «نص» / B: «نص»") +
		"\n" + // blank lines are skipped
		line("2", "http://a.example/2", "http://b.example/2", "PART", "yes", "paper-a", "paper-b", "") + // no evidence
		"# a comment\r\n" +
		strings.TrimSuffix(line("7", "http://a.example/3", "http://b.example/3", "EVENT", "-", "paper-a", "paper-c", "same storm"), "\n") + "\r\n" +
		line("8", "http://a.example/4", "http://b.example/4", "UNRELATED", "-", "paper-b", "paper-c", "different events")
	pairs, err := Read(strings.NewReader(in), "labels.tsv")
	require.NoError(t, err)
	require.Len(t, pairs, 4)
	assert.Equal(t, Pair{N: 1, URLA: "http://a.example/1", URLB: "http://b.example/1", Label: Whole,
		SourceA: "paper-a", SourceB: "paper-b", Evidence: "A: «نص» / B: «نص»", Line: 2}, pairs[0])
	assert.Equal(t, Part, pairs[1].Label)
	assert.True(t, pairs[1].Reworded)
	assert.Empty(t, pairs[1].Evidence)
	assert.Equal(t, 4, pairs[1].Line)
	assert.Equal(t, "same storm", pairs[2].Evidence, "the \\r of a CRLF line is not part of the evidence")
	assert.Equal(t, 7, pairs[2].N)
	assert.Equal(t, Unrelated, pairs[3].Label)

	var rows []string
	for _, p := range pairs {
		rows = append(rows, p.Row())
	}
	assert.Equal(t, []string{"WHOLE-no", "PART-yes", "EVENT", "UNRELATED"}, rows)

	pairs, err = Read(strings.NewReader(header), "")
	require.NoError(t, err)
	assert.Empty(t, pairs, "a header alone is no pair, and no error")
}

func TestReadMalformed(t *testing.T) {
	good := line("1", "http://a/1", "http://b/1", "WHOLE", "no", "x", "y", "e")
	for _, c := range []struct {
		name, line, want string
	}{
		{"too few columns", "2\thttp://a/2\thttp://b/2\tWHOLE\tno\tx\ty\n", "7 tab-separated columns, want 8"},
		{"too many columns", line("2", "http://a/2", "http://b/2", "WHOLE", "no", "x", "y", "e", "extra"), "9 tab-separated columns"},
		{"spaces for tabs", "2 http://a/2 http://b/2 WHOLE no x y e\n", "1 tab-separated columns"},
		{"n not a number", line("two", "http://a/2", "http://b/2", "WHOLE", "no", "x", "y", "e"), `n is "two"`},
		{"n not positive", line("0", "http://a/2", "http://b/2", "WHOLE", "no", "x", "y", "e"), `n is "0"`},
		{"n used twice", line("1", "http://a/2", "http://b/2", "WHOLE", "no", "x", "y", "e"), "pair number 1 already used on line 2"},
		{"pair labelled twice", line("2", "http://b/1", "http://a/1", "PART", "no", "y", "x", "e"), "pair of http://b/1 and http://a/1 already labelled on line 2"},
		{"same URL twice", line("2", "http://a/2", "http://a/2", "WHOLE", "no", "x", "y", "e"), "url_a and url_b are the same"},
		{"empty URL", line("2", "", "http://b/2", "WHOLE", "no", "x", "y", "e"), "column url_a is empty"},
		{"empty source", line("2", "http://a/2", "http://b/2", "WHOLE", "no", "x", " ", "e"), "column source_b is empty"},
		{"unknown label", line("2", "http://a/2", "http://b/2", "whole", "no", "x", "y", "e"), `label is "whole"`},
		{"reuse without reworded", line("2", "http://a/2", "http://b/2", "PART", "-", "x", "y", "e"), `reworded is "-", want yes or no for a PART pair`},
		{"event with reworded", line("2", "http://a/2", "http://b/2", "EVENT", "no", "x", "y", "e"), `reworded is "no", want - for a EVENT pair`},
		{"reworded misspelt", line("2", "http://a/2", "http://b/2", "WHOLE", "Yes", "x", "y", "e"), `reworded is "Yes"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			pairs, err := Read(strings.NewReader(header+good+c.line), "labels.tsv")
			require.Error(t, err)
			assert.Nil(t, pairs, "no pairs from a file with a malformed line")
			assert.Contains(t, err.Error(), "labels.tsv:3: "+c.want)
			le, ok := errors.AsType[*LineError](err)
			require.True(t, ok)
			assert.Equal(t, 3, le.Line)
		})
	}
}

func TestReadEveryMalformedLine(t *testing.T) {
	in := header +
		line("1", "http://a/1", "http://b/1", "SAME", "no", "x", "y", "e") +
		line("2", "http://a/2", "http://b/2", "WHOLE", "no", "x", "y", "e") +
		"3\tjunk\n"
	_, err := Read(strings.NewReader(in), "")
	require.Error(t, err)
	assert.Equal(t, "line 2: label is \"SAME\", want WHOLE, PART, EVENT or UNRELATED\n"+
		"line 4: 2 tab-separated columns, want 8 (n, url_a, url_b, label, reworded, source_a, source_b, evidence)", err.Error())
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "labels.tsv")
	require.NoError(t, os.WriteFile(p, []byte(header+line("1", "u1", "u2", "EVENT", "-", "x", "y", "")), 0o644))
	pairs, err := ReadFile(p)
	require.NoError(t, err)
	assert.Len(t, pairs, 1)

	_, err = ReadFile(filepath.Join(dir, "absent.tsv"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	// A line longer than the scanner takes is an error, not a silent end.
	require.NoError(t, os.WriteFile(p, []byte(header+strings.Repeat("x", 17<<20)+"\n"), 0o644))
	_, err = ReadFile(p)
	assert.ErrorContains(t, err, "labels.tsv: bufio.Scanner: token too long")
}
