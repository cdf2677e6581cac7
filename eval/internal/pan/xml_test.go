package pan

import (
	"bytes"
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
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestWriteAndParse(t *testing.T) {
	dets := []Annotation{
		{Offset: 500, Length: 20, Source: "b.txt", SourceOffset: 7, SourceLength: 21},
		{Offset: 10, Length: 30, Source: `a "&<'>.txt`, SourceOffset: 0, SourceLength: 31},
	}
	var b bytes.Buffer
	require.NoError(t, Write(&b, "susp & co.txt", dets))
	out := b.String()
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>
<document reference="susp &amp; co.txt">
<feature name="detected-plagiarism" this_offset="10" this_length="30" source_reference="a &#34;&amp;&lt;&#39;&gt;.txt" source_offset="0" source_length="31"/>
<feature name="detected-plagiarism" this_offset="500" this_length="20" source_reference="b.txt" source_offset="7" source_length="21"/>
</document>
`, out)

	// The same detections in another order give the same bytes.
	var b2 bytes.Buffer
	require.NoError(t, Write(&b2, "susp & co.txt", []Annotation{dets[1], dets[0]}))
	assert.Equal(t, out, b2.String())
	assert.Equal(t, 500, dets[0].Offset, "the caller's slice is not reordered")

	doc, err := Parse(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, "susp & co.txt", doc.Reference)
	require.Len(t, doc.Annotations, 2)
	for i, d := range []Annotation{dets[1], dets[0]} {
		d.Suspicious = "susp & co.txt"
		assert.Equal(t, d, doc.Annotations[i])
	}

	// No detections: an empty document.
	b.Reset()
	require.NoError(t, Write(&b, "x.txt", nil))
	doc, err = Parse(&b)
	require.NoError(t, err)
	assert.Equal(t, "x.txt", doc.Reference)
	assert.Empty(t, doc.Annotations)
}

func TestParseTolerant(t *testing.T) {
	// No header, another root name, nesting, unknown attributes and
	// elements, spaces around numbers, single quotes, other features.
	doc, err := Parse(strings.NewReader(`<doc reference=' s.txt '>
  <meta><feature name="about" value="x"/></meta>
  <group>
    <feature name="plagiarism" this_offset=" 5 " this_length="10" source_reference="x.txt"
             source_offset="1" source_length="12" obfuscation="phrase shuffling" type="artificial" extra="1"/>
  </group>
  <feature name="detected-plagiarism" this_offset="0" this_length="3" source_reference="y.txt" source_offset="9" source_length="3">text</feature>
</doc>`))
	require.NoError(t, err)
	assert.Equal(t, "s.txt", doc.Reference)
	assert.Equal(t, []Annotation{
		{Suspicious: "s.txt", Offset: 5, Length: 10, Source: "x.txt", SourceOffset: 1, SourceLength: 12, Obfuscation: "phrase shuffling", Type: "artificial"},
		{Suspicious: "s.txt", Offset: 0, Length: 3, Source: "y.txt", SourceOffset: 9, SourceLength: 3},
	}, doc.Annotations)
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ xml, want string }{
		{`<document><feature/></document>`, "1: <document> has no reference attribute"},
		{"<document reference=\"s\">\n<feature name=\"plagiarism\" this_length=\"1\" source_reference=\"x\" source_offset=\"0\" source_length=\"1\"/>",
			"2: feature 1 (plagiarism): no this_offset attribute"},
		{"<document reference=\"s\">\n\n<feature name=\"plagiarism\" this_offset=\"-3\" this_length=\"1\" source_reference=\"x\" source_offset=\"0\" source_length=\"1\"/>",
			`3: feature 1 (plagiarism): this_offset="-3" is not an integer from 0 to 2147483647`},
		// Near the top of int64, offset + length would wrap around.
		{`<document reference="s"><feature name="plagiarism" this_offset="9223372036854775800" this_length="100" source_reference="x" source_offset="0" source_length="1"/></document>`,
			`this_offset="9223372036854775800" is not an integer`},
		{`<document reference="s"><feature name="plagiarism" this_offset="1" this_length="1"/></document>`,
			"feature 1 (plagiarism): no source_reference attribute"},
		{`<document reference="s"><feature name="plagiarism" this_offset="1" this_length="x1" source_reference="x" source_offset="0" source_length="1"/></document>`,
			`this_length="x1" is not`},
		{"<document reference=\"s\">\n<feature", "2: unexpected EOF"},
		{"", "no XML element"},
		{`<?xml version="1.0" encoding="ISO-8859-6"?><document reference="s"/>`, `encoding "ISO-8859-6" not supported`},
	} {
		_, err := Parse(strings.NewReader(tc.xml))
		require.Error(t, err, tc.xml)
		_, ok := err.(*FileError)
		assert.True(t, ok, "%T", err)
		assert.Contains(t, err.Error(), tc.want)
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.xml", `<document reference="b.txt"><feature name="plagiarism" this_offset="1" this_length="2" source_reference="x" source_offset="3" source_length="4" obfuscation="none"/></document>`)
	writeFile(t, dir, "sub/a.XML", `<document reference="a.txt"><feature name="plagiarism" this_offset="1" this_length="2" source_reference="x" source_offset="3" source_length="4"/></document>`)
	writeFile(t, dir, "empty.xml", `<document reference="c.txt"></document>`)
	writeFile(t, dir, "notes.txt", `not XML`)
	writeFile(t, dir, ".hidden.xml", `broken`)
	anns, err := ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, anns, 2)
	assert.Equal(t, "a.txt", anns[0].Suspicious)
	assert.Equal(t, "b.txt", anns[1].Suspicious)
	assert.Equal(t, "none", anns[1].Obfuscation)

	// A bad file is named, with the line; the others are still read.
	bad := writeFile(t, dir, "c.xml", "<document reference=\"c.txt\">\n<feature name=\"plagiarism\" this_offset=\"1\"/>\n</document>")
	anns, err = ReadDir(dir)
	require.Error(t, err)
	assert.Equal(t, bad+":2: feature 1 (plagiarism): no source_reference attribute", err.Error())
	assert.Len(t, anns, 2)

	_, err = ReadDir(filepath.Join(dir, "sub", "none"))
	assert.Error(t, err)
	_, err = ReadDir(t.TempDir())
	assert.ErrorContains(t, err, "no .xml annotation files")
}
