package input

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A pretty-printed array shaped like the SaudiNewsNet dumps.
const newsArray = `[
    {
        "source": "aawsat",
        "url": "http://aawsat.com/home/article/1",
        "date_extracted": "2015-07-21 02:51:32",
        "title": "عنوان أول",
        "author": "لندن: كاتب",
        "content": "نص الخبر الأول.\n\n فقرة ثانية مع \"اقتباس\"."
    },
    {
        "source": "alriyadh",
        "url": "http://www.alriyadh.com/2",
        "date_extracted": "2015-07-21 03:00:00",
        "title": "عنوان ثان",
        "author": "",
        "content": "نص الخبر الثاني"
    }
]`

func TestJSONArray(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "news.json", newsArray)

	docs, errs := collect(t, []string{p}, Options{TextField: "content"})
	require.Empty(t, errs)
	require.Len(t, docs, 2)
	assert.Equal(t, Document{
		ID:     p + "#0",
		Source: p + "#0",
		Text:   "نص الخبر الأول.\n\n فقرة ثانية مع \"اقتباس\".",
		Title:  "عنوان أول",
		NoID:   true, // no "id" field: known by the source
		Meta: map[string]string{
			"source":         "aawsat",
			"url":            "http://aawsat.com/home/article/1",
			"date_extracted": "2015-07-21 02:51:32",
			"author":         "لندن: كاتب",
		},
	}, docs[0])
	assert.Equal(t, p+"#1", docs[1].Source)
	assert.Equal(t, "", docs[1].Meta["author"], "empty strings are kept in Meta")

	// Joined text fields, in the order listed.
	docs, errs = collect(t, []string{p}, Options{TextField: "title,content"})
	require.Empty(t, errs)
	assert.Equal(t, "عنوان ثان\n\nنص الخبر الثاني", docs[1].Text)
	assert.Equal(t, "عنوان ثان", docs[1].Title)
	assert.NotContains(t, docs[1].Meta, "title")
	assert.NotContains(t, docs[1].Meta, "content")

	// Other field choices.
	docs, errs = collect(t, []string{p}, Options{TextField: "content", IDField: "url", TitleField: "author"})
	require.Empty(t, errs)
	assert.Equal(t, "http://aawsat.com/home/article/1", docs[0].ID)
	assert.Equal(t, "لندن: كاتب", docs[0].Title)
	assert.Equal(t, "عنوان أول", docs[0].Meta["title"])
	assert.NotContains(t, docs[0].Meta, "url")
}

func TestJSONSingleObject(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "one.json", "\ufeff\n"+`{"id": "art-1", "text": "نص", "views": 12, "tags": ["a"], "ok": true, "n": null}`+"\n")
	docs, errs := collect(t, []string{p}, Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 1)
	assert.Equal(t, Document{ID: "art-1", Source: p, Text: "نص", Meta: map[string]string{"views": "12"}}, docs[0],
		"numbers are Meta as written; arrays, booleans and null are not")
}

func TestJSONFields(t *testing.T) {
	cases := []struct {
		name, object string
		opt          Options
		text, id     string // wanted document
		err          error  // or wanted error
		msg          string
	}{
		{name: "numeric id", object: `{"id": 42, "text": "t"}`, text: "t", id: "42"},
		{name: "null id", object: `{"id": null, "text": "t"}`, text: "t", id: "src"},
		{name: "empty id", object: `{"id": "", "text": "t"}`, text: "t", id: "src"},
		{name: "escapes", object: `{"text": "a\u00e9\n\"\\\ud83d\ude00"}`, text: "aé\n\"\\😀", id: "src"},
		{name: "spaces kept", object: `{"text": "  padded\r\n"}`, text: "  padded\r\n", id: "src"},
		{name: "one of several", object: `{"content": "body"}`, opt: Options{TextField: "title,content"}, text: "body", id: "src"},
		{name: "blank part skipped", object: `{"title": " ", "content": "body", "lead": "lead"}`, opt: Options{TextField: "title,content,lead"}, text: "body\n\nlead", id: "src"},
		{name: "null text part", object: `{"title": null, "content": "body"}`, opt: Options{TextField: "title,content"}, text: "body", id: "src"},
		{name: "duplicate other key", object: `{"text": "t", "url": "first", "url": "last"}`, text: "t", id: "src"},
		{name: "duplicate text", object: `{"text": "first", "text": "last"}`, err: ErrDuplicateKey, msg: `duplicated field: field "text" given more than once`},
		{name: "duplicate id", object: `{"id": "a", "text": "t", "id": "b"}`, err: ErrDuplicateKey, msg: `duplicated field: field "id" given more than once`},
		{name: "duplicate text part", object: `{"title": "a", "content": "b", "title": "c"}`, opt: Options{TextField: "title,content"}, err: ErrDuplicateKey, msg: `duplicated field: field "title" given more than once`},
		{name: "duplicate escaped", object: `{"text": "a", "t\u0065xt": "b"}`, err: ErrDuplicateKey, msg: `duplicated field: field "text" given more than once`},

		{name: "missing text", object: `{"body": "x"}`, err: ErrNoText, msg: `missing text field "text"`},
		{name: "missing all text", object: `{"body": "x"}`, opt: Options{TextField: "title,content"}, err: ErrNoText, msg: `missing text field "title,content"`},
		{name: "null text", object: `{"text": null}`, err: ErrNoText, msg: `missing text field "text"`},
		{name: "number text", object: `{"text": 3}`, err: ErrNotString, msg: `field "text" is a number, not a string`},
		{name: "object text", object: `{"text": {"ar": "x"}}`, err: ErrNotString, msg: `field "text" is an object, not a string`},
		{name: "array text part", object: `{"title": ["x"], "content": "y"}`, opt: Options{TextField: "title,content"}, err: ErrNotString, msg: `field "title" is an array, not a string`},
		{name: "bool id", object: `{"id": true, "text": "x"}`, err: ErrNotString, msg: `field "id" is a boolean, not a string`},
		{name: "number title", object: `{"title": 1, "text": "x"}`, err: ErrNotString, msg: `field "title" is a number, not a string`},
		{name: "empty text", object: `{"text": ""}`, err: ErrEmpty, msg: `empty text in field "text"`},
		{name: "not object", object: `[{"text": "x"}]`, err: ErrNotObject, msg: `not a JSON object: found array`},
		{name: "null", object: `null`, err: ErrNotObject, msg: `not a JSON object: found null`},
		{name: "lone high surrogate", object: `{"text": "a\ud800b"}`, err: ErrInvalidUTF8, msg: `invalid UTF-8: unpaired surrogate escape \ud800`},
		{name: "lone low surrogate", object: `{"text": "ok", "k": "\uDC00\uD800"}`, err: ErrInvalidUTF8, msg: `invalid UTF-8: unpaired surrogate escape \uDC00`},
		{name: "high then other", object: `{"text": "\ud83d\u0041"}`, err: ErrInvalidUTF8, msg: `invalid UTF-8: unpaired surrogate escape \ud83d`},
		{name: "escaped backslash", object: `{"text": "\\ud800"}`, text: `\ud800`, id: "src"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newReader(c.opt, nil)
			doc, _, err := r.convert([]byte(c.object), "src", false)
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				assert.Equal(t, c.msg, err.Error())
				assert.Zero(t, doc)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.text, doc.Text)
			assert.Equal(t, c.id, doc.ID)
		})
	}
}

func TestJSONNotObjects(t *testing.T) {
	dir := t.TempDir()
	scalar := write(t, dir, "scalar.json", `"just a string"`)
	mixed := write(t, dir, "mixed.json", `[{"text":"a"}, 1, "s", null, [{"text":"nested"}], true, {"text":"b"}]`)
	docs, errs := collect(t, []string{scalar, mixed}, Options{})
	assert.Equal(t, []string{"a", "b"}, texts(docs))
	require.Len(t, errs, 6)
	for _, e := range errs {
		assert.ErrorIs(t, e, ErrNotObject)
	}
	assert.Equal(t, scalar+": not a JSON object: found string; want an object or an array of objects (line 1, byte 0)", errs[0].Error())
	assert.Equal(t, mixed+"#1: not a JSON object: found number (line 1, byte 15)", errs[1].Error())
	assert.Equal(t, mixed+"#4", errs[4].Source)
	assert.Contains(t, errs[4].Error(), "found array")
	assert.Contains(t, errs[5].Error(), "found boolean")
}

func TestMalformedJSON(t *testing.T) {
	cases := []struct {
		name, data string
		docs       []string // texts read before the error
		source     string   // suffix of the error's Source
		line       int
		offset     int64
		msg        string
	}{
		{
			name: "bad literal", data: "\n\n  {\"text\": tru}",
			source: "", line: 3, offset: 16,
			msg: "malformed JSON: invalid character '}' in literal true (expecting 'e')",
		},
		{
			name: "bad element", data: "[\n{\"text\":\"a\"},\n{\"text\":\"b\" \"c\"},\n{\"text\":\"d\"}\n]",
			docs: []string{"a"}, source: "#1", line: 3, offset: 28,
			msg: "malformed JSON: invalid character '\"' after object key:value pair; rest of the file not read",
		},
		{
			name: "missing comma", data: "[{\"text\":\"a\"}\n {\"text\":\"b\"}]",
			docs: []string{"a"}, source: "#1", line: 2, offset: 15,
			msg: "malformed JSON: expected comma after array element; rest of the file not read",
		},
		{
			name: "truncated array", data: `[{"text":"a"}, {"text":"b`,
			docs: []string{"a"}, source: "#1", line: 1, offset: 25,
			msg: "malformed JSON: unexpected end of JSON input",
		},
		{
			name: "unclosed array", data: `[{"text":"a"}`,
			docs: []string{"a"}, source: "", line: 1, offset: 13,
			msg: "malformed JSON: unexpected end of JSON input",
		},
		{
			name: "trailing comma", data: `[{"text":"a"},]`,
			docs: []string{"a"}, source: "#1", line: 1, offset: 14,
			msg: "malformed JSON: invalid character ']' looking for beginning of value; rest of the file not read",
		},
		{
			name: "garbage after object", data: "{\"text\":\"a\"}\nxyz",
			docs: []string{"a"}, source: "", line: 2, offset: 13,
			msg: "malformed JSON: invalid character 'x' looking for beginning of value",
		},
		{
			name: "second value", data: "[{\"text\":\"a\"}]\n[{\"text\":\"b\"}]",
			docs: []string{"a"}, source: "", line: 2, offset: 15,
			msg: "malformed JSON: more data after the top-level value",
		},
		{
			name: "not JSON", data: "plain words",
			source: "", line: 1, offset: 0,
			msg: "malformed JSON: invalid character 'p' looking for beginning of value",
		},
		{
			name: "control char in string", data: "[{\"text\":\"a\tb\"}]",
			source: "#0", line: 1, offset: 11,
			msg: "malformed JSON: invalid character '\\t' in string literal; rest of the file not read",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, dir, "f.json", c.data)
			docs, errs := collect(t, []string{p}, Options{})
			if c.docs == nil {
				assert.Empty(t, docs)
			} else {
				assert.Equal(t, c.docs, texts(docs))
			}
			require.Len(t, errs, 1)
			e := errs[0]
			assert.ErrorIs(t, e, ErrMalformedJSON)
			assert.Equal(t, p+c.source, e.Source)
			assert.Equal(t, c.line, e.Line, "line")
			assert.Equal(t, c.offset, e.Offset, "offset")
			assert.Equal(t, c.msg, e.Err.Error())
		})
	}
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	data := "\ufeff" + `{"id":"a","text":"first"}` + "\r\n" +
		"\n" +
		`{"id":"b","text":"second"}` + "\n" +
		`{"id":"c","text":"third"` + "\n" + // bad: unclosed
		"   \t\n" +
		`  {"text":"fourth", "url": "u"}  ` + "\n" +
		`["not","object"]` + "\n" +
		`{"id":"f","text":"last, no newline"}`
	p := write(t, dir, "feed.jsonl", data)
	nd := write(t, dir, "feed.ndjson", `{"text":"nd"}`)

	docs, errs := collect(t, []string{p, nd}, Options{})
	assert.Equal(t, []string{"first", "second", "fourth", "last, no newline", "nd"}, texts(docs))
	assert.Equal(t, []string{"a", "b", p + ":6", "f", nd + ":1"}, ids(docs))
	assert.Equal(t, []string{p + ":1", p + ":3", p + ":6", p + ":8", nd + ":1"}, sources(docs))
	assert.Equal(t, map[string]string{"url": "u"}, docs[2].Meta)

	require.Len(t, errs, 2)
	assert.ErrorIs(t, errs[0], ErrMalformedJSON)
	assert.Equal(t, p+":4", errs[0].Source)
	assert.Equal(t, 4, errs[0].Line)
	end4 := strings.Index(data, `{"id":"c"`) + len(`{"id":"c","text":"third"`)
	assert.Equal(t, int64(end4), errs[0].Offset, "the end of the line, where the object was cut short")
	assert.Equal(t, fmt.Sprintf("%s:4: malformed JSON: unexpected end of JSON input (line 4, byte %d)", p, end4), errs[0].Error())
	assert.ErrorIs(t, errs[1], ErrNotObject)
	assert.Equal(t, 7, errs[1].Line)
}

func TestReadLine(t *testing.T) {
	// Lines longer than the bufio buffer are joined from several chunks.
	long := strings.Repeat("x", 3*readChunk)
	docs, errs := readBytes("f.jsonl", []byte(`{"text":"`+long+`"}`+"\n"+`{"text":"b"}`), Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 2)
	assert.Len(t, docs[0].Text, len(long))
	assert.Equal(t, "f.jsonl:2", docs[1].Source)
}
