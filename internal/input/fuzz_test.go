package input

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// fuzzRead reads data as a file called name and checks what every reader
// must guarantee: no panic, and each step is either a valid document or an
// *InputError placing the problem inside the data.
func fuzzRead(t *testing.T, name string, data []byte, maxBytes uint16, checkPos bool) (docs []Document, errs []error) {
	opt := Options{MaxBytes: int64(maxBytes), TextField: "title,text"}
	docs, errs = readBytes(name, data, opt)
	for _, d := range docs {
		checkDoc(t, d)
		require.LessOrEqual(t, len(d.Text), len(data))
	}
	lines := 1 + bytes.Count(data, []byte{'\n'})
	for _, err := range errs {
		ie, ok := err.(*InputError)
		require.True(t, ok, "%T: %v", err, err)
		require.NotNil(t, ie.Err)
		require.NotEmpty(t, ie.Source)
		require.NotEmpty(t, ie.Error())
		if checkPos {
			require.GreaterOrEqual(t, ie.Offset, int64(-1))
			require.LessOrEqual(t, ie.Offset, int64(len(data)), "%v", ie)
			require.GreaterOrEqual(t, ie.Line, 0)
			require.LessOrEqual(t, ie.Line, lines, "%v", ie)
		}
	}
	require.False(t, len(docs) == 0 && len(errs) == 0, "input gave neither documents nor errors")
	return docs, errs
}

var jsonSeeds = []string{
	``,
	` `,
	`[]`,
	`{}`,
	`null`,
	`"x"`,
	`[{"text":"a"},{"text":"b"}]`,
	"\ufeff[{\"text\":\"a\"}]",
	`{"id":1,"title":"t","text":"نص","url":"u","n":2}`,
	`[{"text":"a"},1,"s",null,[],{"text":""},{"text":3},{"title":"t"}]`,
	`[{"text":"a"},]`,
	`[{"text":"a"} {"text":"b"}]`,
	`[{"text":"a"}`,
	`{"text":"a"} x`,
	`[{"text":"a"}] [{"text":"b"}]`,
	"[{\"text\":\"a\xffb\"}]",
	`[{"text":"\ud800"}]`,
	`[{"text":"` + string(bytes.Repeat([]byte("x"), 300)) + `"},{"text":"c"}]`,
	"[\n  {\n    \"text\": \"a\",\n    \"id\": tru\n  }\n]",
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(64))
	}
	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16) {
		docs, errs := fuzzRead(t, "f.json", data, maxBytes, true)
		// Valid JSON is never reported malformed, and each array
		// element gives one document or one error.
		if !json.Valid(data) || maxBytes != 0 {
			return
		}
		for _, err := range errs {
			require.NotErrorIs(t, err, ErrMalformedJSON)
		}
		// UseNumber: valid JSON may hold numbers out of float64's range.
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&v))
		if a, ok := v.([]any); ok && len(a) > 0 {
			require.Equal(t, len(a), len(docs)+len(errs))
		} else {
			require.Equal(t, 1, len(docs)+len(errs))
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s), uint16(0))
	}
	for _, s := range []string{
		"{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
		"{\"text\":\"a\"}\r\n\r\n{bad\n{\"text\":\"c\"}",
		"\ufeff{\"text\":\"a\"}\n[1]\n\"s\"\nnull\n",
		"{\"text\":\"" + string(bytes.Repeat([]byte("x"), 300)) + "\"}\n{\"text\":\"c\"}\n",
		"  \t\n\n",
		"{\"text\":\"\xed\xa0\x80\"}\n",
	} {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(64))
	}
	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16) {
		docs, errs := fuzzRead(t, "f.jsonl", data, maxBytes, true)
		// Each line that is not blank gives one document or one error.
		lines := 0
		for line := range bytes.Lines(bytes.TrimPrefix(data, bomUTF8)) {
			if len(bytes.Trim(line, " \t\r\n")) > 0 {
				lines++
			}
		}
		if lines > 0 && maxBytes == 0 {
			require.Equal(t, lines, len(docs)+len(errs))
		}
		for _, d := range docs {
			require.Regexp(t, `^f\.jsonl:[1-9][0-9]*$`, d.Source)
		}
	})
}

func FuzzReadText(f *testing.F) {
	for _, s := range []string{"", " \n", "نص\r\n", "\ufeffx", "\xff\xfeh\x00", "a\x00b", "ab\xc3(", "\x01\x02\x03a"} {
		f.Add([]byte(s), uint16(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16) {
		fuzzRead(t, "f.txt", data, maxBytes, true)
		// Text is kept byte for byte, except for a BOM.
		docs, _ := readBytes("f.txt", data, Options{})
		if len(docs) == 1 {
			require.Equal(t, string(bytes.TrimPrefix(data, bomUTF8)), docs[0].Text)
		}
	})
}

func FuzzReadZip(f *testing.F) {
	f.Add(zipData(f, member{"a.json", `[{"text":"a"},{"text":1}]`}, member{"b.txt", "b"}), uint16(0))
	f.Add(zipData(f, member{"a.jsonl", "{\"text\":\"a\"}\n{"}, member{"n.zip", string(zipData(f, member{"c.txt", "c"}))}), uint16(0))
	f.Add(zipData(f), uint16(0))
	f.Add([]byte("PK\x03\x04"), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16) {
		// Positions are within members, not the archive: not checked.
		fuzzRead(t, "f.zip", data, maxBytes, false)
	})
}

// FuzzMembers checks the scan of an object's members, and the unquoting
// of strings, against json.Unmarshal on valid JSON.
func FuzzMembers(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		`{"a":1,"a":"x","b":{"c":[1,"}",{"d":"\""}]},"e":[],"f":null,"g":true,"h":-1.5e3}`,
		`{ "t\u0065xt" : "\ud83d\ude00 \ud800 \udc00x \ud800\u0041 \/\b\f\n\r\t\\\"" , "x":"é" }`,
		`{}`, ` { } `, `[1]`, `"s"`, `12`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		raw := []byte(s)
		if !json.Valid(raw) || !utf8.Valid(raw) {
			return // convert rejects these first
		}
		var want map[string]json.RawMessage
		wantErr := json.Unmarshal(raw, &want)
		got, dups, ok := members(raw)
		if !ok {
			require.True(t, wantErr != nil || want == nil, "%q is an object", s)
			return
		}
		require.NoError(t, wantErr)
		require.Equal(t, len(want), len(got))
		// Each duplicate is a key of the object.
		for _, k := range dups {
			require.Contains(t, want, k)
		}
		for k, v := range want {
			require.Equal(t, string(v), string(got[k]), "member %q", k)
			if len(v) > 0 && v[0] == '"' {
				var str string
				require.NoError(t, json.Unmarshal(v, &str))
				require.Equal(t, str, unquote(v))
			}
		}
	})
}
