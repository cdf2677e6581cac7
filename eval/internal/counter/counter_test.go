package counter

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// counterXML builds an invented file in the COUNTER layout (the reader
// accepts any root element name); no corpus text is used.
func counterXML(class, newspaper, headline, body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<article classification="` + class + `" domain="sports" filename="x.xml" newsdate="05.03.15" newspaper="` + newspaper + `" totalnoofwords="9">
<headline>` + headline + `</headline>
<body>` + body + `</body>
</article>
`
}

func TestClass(t *testing.T) {
	for _, c := range Classes {
		got, err := ParseClass(strings.ToLower(c.String()))
		require.NoError(t, err)
		assert.Equal(t, c, got)
	}
	_, err := ParseClass("XD")
	assert.Error(t, err)
	assert.False(t, Class(0).Valid())
	assert.True(t, WD.Derived() && PD.Derived() && !ND.Derived())
	b, err := json.Marshal([]Class{WD, PD, ND})
	require.NoError(t, err)
	assert.Equal(t, `["WD","PD","ND"]`, string(b))
	var back []Class
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, []Class{WD, PD, ND}, back)
	_, err = json.Marshal(Class(0))
	assert.Error(t, err)
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "0001.xml", counterXML("WD", "APP", "سرخی", "  خبر کا متن \"اقتباس\" اور \\\"حوالہ\\\" \\'ایک\\'  "))
	writeFile(t, dir, "0001p.xml", counterXML("WD", "daily_waqt", "دوسری سرخی", "اخبار کا متن"))
	writeFile(t, dir, "0003.xml", counterXML("ND", "INN", "", "صرف متن"))
	writeFile(t, dir, "0003P.xml", counterXML("nd", "jang", "سرخی", ""))
	writeFile(t, dir, "README.txt", "ignored")

	pairs, err := ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, pairs, 2)
	p := pairs[0]
	assert.Equal(t, "0001", p.ID)
	assert.Equal(t, WD, p.Class)
	assert.Equal(t, Doc{
		File: "0001.xml", Class: WD, Headline: "سرخی",
		Body:      `خبر کا متن "اقتباس" اور "حوالہ" 'ایک'`,
		Newspaper: "APP", Domain: "sports", Date: "05.03.15",
	}, p.Source)
	assert.Equal(t, "سرخی\n\n"+p.Source.Body, p.Source.Text())
	assert.Equal(t, "0001p.xml", p.Derived.File)
	assert.Equal(t, "daily_waqt", p.Derived.Newspaper)

	assert.Equal(t, "0003", pairs[1].ID)
	assert.Equal(t, ND, pairs[1].Class)
	assert.Equal(t, "صرف متن", pairs[1].Source.Text())
	assert.Equal(t, "سرخی", pairs[1].Derived.Text())
	assert.Equal(t, "0003P.xml", pairs[1].Derived.File)

	// Problems are named; the good pairs are still read.
	writeFile(t, dir, "0005.xml", counterXML("PD", "APP", "a", "b"))
	writeFile(t, dir, "0005p.xml", counterXML("WD", "x", "a", "b"))
	writeFile(t, dir, "0007.xml", counterXML("PD", "APP", "a", "b"))
	writeFile(t, dir, "0009p.xml", counterXML("PD", "x", "a", "b"))
	writeFile(t, dir, "0011.xml", counterXML("XX", "APP", "a", "b"))
	writeFile(t, dir, "0013.xml", `<article classification="PD"><headline>`)
	writeFile(t, dir, "0015.xml", counterXML("PD", "APP", " ", ""))
	writeFile(t, dir, "0017.xml", `<article`)
	writeFile(t, dir, "0017p.xml", counterXML("PD", "x", "a", "b"))
	pairs, err = ReadDir(dir)
	assert.Len(t, pairs, 2)
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{
		dir + ": pair 0005: 0005.xml says PD, 0005p.xml says WD",
		dir + ": 0007.xml has no newspaper text 0007p.xml",
		dir + ": 0009p.xml has no agency text 0009.xml",
		filepath.Join(dir, "0011.xml") + `: classification "XX" is not WD, PD or ND`,
		filepath.Join(dir, "0013.xml") + ": XML syntax error",
		filepath.Join(dir, "0015.xml") + ": no text",
		filepath.Join(dir, "0017.xml") + ": XML syntax error",
	} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "0017p.xml has no agency text", "its agency text is there, and its error said")

	_, err = ReadDir(t.TempDir())
	assert.ErrorContains(t, err, "no COUNTER files")
	_, err = ReadDir(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}

func TestEvaluate(t *testing.T) {
	// Truth     WD WD WD PD PD ND ND ND
	// Predicted WD PD ND PD PD ND PD ND
	truth := []Class{WD, WD, WD, PD, PD, ND, ND, ND}
	pred := []Class{WD, PD, ND, PD, PD, ND, PD, ND}
	s, err := Evaluate(truth, pred)
	require.NoError(t, err)
	assert.Equal(t, Confusion{{1, 1, 1}, {0, 2, 0}, {0, 1, 2}}, s.Confusion)
	assert.Equal(t, 1, s.Confusion.At(ND, PD))
	assert.Equal(t, 8, s.Pairs)
	assert.InDelta(t, 5.0/8, s.Accuracy, 1e-12)

	// Binary: derived positives. TP 4 (WD→WD, WD→PD, PD, PD), FN 1
	// (WD→ND), FP 1 (ND→PD), TN 2.
	assert.Equal(t, Binary{TP: 4, FP: 1, FN: 1, TN: 2, Precision: 0.8, Recall: 0.8, F1: 0.8}, roundBinary(s.Binary))

	// WD: p 1/1, r 1/3, F1 0.5. PD: p 2/4, r 2/2, F1 2/3. ND: p 2/3,
	// r 2/3, F1 2/3.
	want := [3][4]float64{{1, 1.0 / 3, 0.5, 3}, {0.5, 1, 2.0 / 3, 2}, {2.0 / 3, 2.0 / 3, 2.0 / 3, 3}}
	for k, c := range Classes {
		cs := s.PerClass[k]
		assert.Equal(t, c, cs.Class)
		assert.InDelta(t, want[k][0], cs.Precision, 1e-12, "%v precision", c)
		assert.InDelta(t, want[k][1], cs.Recall, 1e-12, "%v recall", c)
		assert.InDelta(t, want[k][2], cs.F1, 1e-12, "%v F1", c)
		assert.Equal(t, int(want[k][3]), cs.Support)
	}
	assert.InDelta(t, (0.5+2.0/3+2.0/3)/3, s.MacroF1, 1e-12)

	// A class never predicted scores 0, and counts in the macro average.
	s, err = Evaluate([]Class{WD, PD, ND}, []Class{WD, WD, ND})
	require.NoError(t, err)
	assert.Zero(t, s.PerClass[1].F1)
	assert.InDelta(t, (2.0/3+0+1)/3, s.MacroF1, 1e-12)
	assert.Equal(t, Binary{TP: 2, TN: 1, Precision: 1, Recall: 1, F1: 1}, s.Binary)

	_, err = Evaluate([]Class{WD}, nil)
	assert.Error(t, err)
	_, err = Evaluate([]Class{WD}, []Class{0})
	assert.Error(t, err)
	s, err = Evaluate(nil, nil)
	require.NoError(t, err)
	assert.Zero(t, s.Accuracy)
}

func roundBinary(b Binary) Binary {
	r := func(f float64) float64 { return float64(int(f*1e9+0.5)) / 1e9 }
	b.Precision, b.Recall, b.F1 = r(b.Precision), r(b.Recall), r(b.F1)
	return b
}

func TestTop1(t *testing.T) {
	k := func(p, s float64) Key { return Key{p, s} }
	scores := [][]Key{
		{k(0.9, 0), k(0.1, 0), k(0.2, 0)},   // own source on top
		{k(0.5, 0.3), k(0.5, 0.2), k(0, 0)}, // source 0 wins the tie-break
		{k(0, 0.1), k(0, 0.4), k(0, 0.4)},   // tied with source 1: a miss
	}
	r := Top1(scores)
	assert.Equal(t, 3, r.Queries)
	assert.Equal(t, 1, r.Correct)
	assert.InDelta(t, 1.0/3, r.Accuracy, 1e-12)
	assert.Equal(t, []int{0, 0, 1}, r.Top)
	assert.Equal(t, []int{1, 2, 2}, r.Rank)

	assert.Equal(t, Retrieval{Top: []int{}, Rank: []int{}}, Top1(nil))
	assert.Panics(t, func() { Top1([][]Key{{k(1, 1)}, {}}) })
}
