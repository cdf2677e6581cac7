package input

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAddress(t *testing.T) {
	for in, want := range map[string]Address{
		"a.json#3":               {Path: "a.json", Element: 3},
		"d/a.jsonl:12":           {Path: "d/a.jsonl", Element: -1, Line: 12},
		"x.ZIP!m/b.json#0":       {Path: "x.ZIP", Members: []string{"m/b.json"}, Element: 0},
		"x.zip!y.zip!c.txt":      {Path: "x.zip", Members: []string{"y.zip", "c.txt"}, Element: -1},
		"x.zip!a.ndjson:2":       {Path: "x.zip", Members: []string{"a.ndjson"}, Element: -1, Line: 2},
		"dir!x/a.zip!b.json#10":  {Path: "dir!x/a.zip", Members: []string{"b.json"}, Element: 10},
		"c:/data/a.jsonl:1":      {Path: "c:/data/a.jsonl", Element: -1, Line: 1},
		"has#hash/a.json#1":      {Path: "has#hash/a.json", Element: 1},
		"x.zip!has!bang.txt":     {Path: "x.zip", Members: []string{"has!bang.txt"}, Element: -1},
		"x.zip!inner.zip!a.json": {Path: "x.zip", Members: []string{"inner.zip", "a.json"}, Element: -1},
	} {
		got, ok := ParseAddress(in)
		require.True(t, ok, in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, in, got.String(), in)
	}
	for _, in := range []string{"", "a.txt", "a.json", "a.txt#3", "a.json#x", "a.json#", "a.jsonl:0", "a.json#03", "a.zip!", "!a", "a.jsonl:-1"} {
		_, ok := ParseAddress(in)
		assert.False(t, ok, in)
	}
}

// Every source Read gives reads back as the one document it names.
func TestReadAddressesBack(t *testing.T) {
	dir := t.TempDir()
	inner := zipData(t, member{"deep.txt", "نص عميق في أرشيف داخل أرشيف"})
	write(t, dir, "c.zip", string(zipData(t,
		member{"day/news.json", newsArray},
		member{"lines.jsonl", "{\"text\": \"سطر أول\"}\n\n{\"text\": \"سطر ثالث\"}\n"},
		member{"plain.txt", "نص عادي"},
		member{"inner.zip", string(inner)},
	)))
	write(t, dir, "a.json", newsArray)
	write(t, dir, "b.jsonl", "{\"id\": \"x\", \"text\": \"واحد\"}\n{\"id\": \"y\", \"text\": \"اثنان\"}\n")
	docs, errs := collect(t, []string{dir}, Options{TextField: "content,text"})
	require.Empty(t, errs)
	require.Len(t, docs, 10)
	for _, d := range docs {
		addr := d.Source
		got, gotErrs := collect(t, []string{addr}, Options{TextField: "content,text"})
		require.Empty(t, gotErrs, addr)
		require.Len(t, got, 1, addr)
		assert.Equal(t, d.Text, got[0].Text, addr)
		assert.Equal(t, addr, got[0].Source)
	}
}

func TestReadAddressErrors(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.json", newsArray)
	z := write(t, dir, "c.zip", string(zipData(t, member{"a.json", newsArray})))
	for addr, want := range map[string]error{
		p + "#7":              ErrNoDocument,
		z + "!a.json#2":       ErrNoDocument,
		z + "!nope.json#0":    ErrNoDocument,
		dir + "/none.json#0":  fs.ErrNotExist,
		dir + "/none.zip!a.t": fs.ErrNotExist,
	} {
		_, errs := collect(t, []string{addr}, Options{TextField: "content"})
		require.Len(t, errs, 1, addr)
		assert.True(t, errors.Is(errs[0], want), "%s: %v", addr, errs[0])
		assert.Equal(t, addr, errs[0].Source)
	}
	// An error about the element itself comes through; those about
	// other elements do not.
	q := write(t, dir, "bad.json", `[{"content": ""}, {"content": 3}, {"content": "نص"}]`)
	_, errs := collect(t, []string{q + "#1"}, Options{TextField: "content"})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrNotString)
	docs, errs := collect(t, []string{q + "#2"}, Options{TextField: "content"})
	assert.Empty(t, errs)
	assert.Len(t, docs, 1)
}

// A file whose name looks like an address is read as the file.
func TestReadAddressLikeName(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "odd.json#1", "نص في ملف اسمه غريب")
	docs, errs := collect(t, []string{p}, Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 1)
	assert.Equal(t, p, docs[0].Source)
}

func TestMissingFieldListsFields(t *testing.T) {
	_, errs := readBytes("a.jsonl", []byte(`{"url": "u", "content": "نص", "n": 3}`+"\n"), Options{TextField: "body"})
	require.Len(t, errs, 1)
	mf, ok := errors.AsType[*MissingFieldError](errs[0])
	require.True(t, ok, errs[0])
	assert.Equal(t, []string{"content", "n", "url"}, mf.Have)
	assert.ErrorIs(t, errs[0], ErrNoText)
	assert.Equal(t, `a.jsonl:1: missing text field "body" (line 1, byte 0)`, errs[0].Error())
}

func TestKeepRaw(t *testing.T) {
	line := `{"id": "x", "text": "نص", "n": 3}`
	docs, _ := readBytes("a.jsonl", []byte(line+"\n"+line+"\n"), Options{KeepRaw: true})
	require.Len(t, docs, 2)
	assert.Equal(t, line, string(docs[1].Raw))
	assert.False(t, docs[0].NoID)
	docs, _ = readBytes("a.jsonl", []byte(line+"\n"), Options{})
	assert.Nil(t, docs[0].Raw)
}

func TestReadStdin(t *testing.T) {
	defer func(r any) { stdin = r.(interface{ Read([]byte) (int, error) }) }(stdin)
	for in, want := range map[string][]string{
		"{\"text\": \"أ\"}\n{\"text\": \"ب\"}\n":  {"-:1", "-:2"},
		"[{\"text\": \"أ\"}, {\"text\": \"ب\"}]":  {"-#0", "-#1"},
		"{\n  \"text\": \"أ\"\n}\n":               {"-"},
		"نص عادي\n":                               {"-"},
		string(zipData(t, member{"a.txt", "نص"})): {"-!a.txt"},
	} {
		stdin = strings.NewReader(in)
		docs, errs := collect(t, []string{"-"}, Options{})
		require.Empty(t, errs, in)
		assert.Equal(t, want, sources(docs), in)
	}
}

// FuzzParseAddress: parsing never panics, and what it parses writes back
// as the same string.
func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"a.json#3", "x.zip!m/b.json#0", "x.zip!y.zip!c.txt", "a.jsonl:12", "a.zip!", "#", "a.json#99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := ParseAddress(s)
		if !ok {
			return
		}
		if a.String() != s {
			t.Fatalf("%q parsed as %+v writes back as %q", s, a, a.String())
		}
		if a.Path == "" || a.Element < -1 || a.Line < 0 {
			t.Fatalf("%q: bad parse %+v", s, a)
		}
	})
}

// A zip member that is a collection reads as all its documents.
func TestReadAddressOfMember(t *testing.T) {
	dir := t.TempDir()
	z := write(t, dir, "c.zip", string(zipData(t, member{"a.json", newsArray}, member{"b.txt", "نص آخر"})))
	docs, errs := collect(t, []string{z + "!a.json"}, Options{TextField: "content"})
	require.Empty(t, errs)
	assert.Equal(t, []string{z + "!a.json#0", z + "!a.json#1"}, sources(docs))
}
