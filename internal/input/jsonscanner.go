package input

import (
	"bytes"
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// A byte-level scanner of JSON values already known to be valid: it finds
// the members of an object and decodes strings without the reflection and
// the repeated passes of encoding/json, which were most of the time of
// reading a corpus.

// members returns the members of raw, valid JSON, if it is an object,
// as json.Unmarshal into a map would: keys unescaped, a later duplicate
// replacing an earlier one. dups lists the keys found more than once.
func members(raw []byte) (fields map[string]json.RawMessage, dups []string, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, nil, false
	}
	fields = map[string]json.RawMessage{}
	i = skipSpace(raw, i+1)
	for i < len(raw) && raw[i] == '"' {
		end := stringEnd(raw, i)
		key := unquote(raw[i:end])
		i = skipSpace(raw, end)
		i = skipSpace(raw, i+1) // the colon
		end = valueEnd(raw, i)
		if _, seen := fields[key]; seen {
			dups = append(dups, key)
		}
		fields[key] = raw[i:end:end]
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return fields, dups, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// isSpace reports whether c is white space in JSON.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// stringEnd returns the offset just past the valid JSON string at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// valueEnd returns the offset just past the valid JSON value at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = stringEnd(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	// A number or a literal.
	for i < len(b) && !isSpace(b[i]) && b[i] != ',' && b[i] != '}' && b[i] != ']' {
		i++
	}
	return i
}

// kind names the type of the JSON value v, which has no leading space.
func kind(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// unquote decodes a JSON string already known to be valid, as
// json.Unmarshal would; FuzzMembers compares the two.
func unquote(v []byte) string {
	body := v[1 : len(v)-1]
	i := bytes.IndexByte(body, '\\')
	if i < 0 {
		return string(body)
	}
	out := make([]byte, 0, len(body))
	for i >= 0 {
		out = append(out, body[:i]...)
		body = body[i+1:]
		n := 1
		switch c := body[0]; c {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := rune(hex4(body[1:5]))
			n = 5
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if len(body) >= 11 && body[5] == '\\' && body[6] == 'u' {
					r2 = rune(hex4(body[7:11]))
				}
				if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
					r, n = pair, 11
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\' or '/'
			out = append(out, c)
		}
		body = body[n:]
		i = bytes.IndexByte(body, '\\')
	}
	return string(append(out, body...))
}

// hex4 decodes four hex digits, or returns -1.
func hex4(b []byte) int {
	n := 0
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		n = n<<4 | int(c)
	}
	return n
}

// loneSurrogate returns the offset of the first \u escape in raw, a valid
// JSON value, that encodes half a UTF-16 surrogate pair without the other
// half, or -1. Backslashes occur only in strings in valid JSON.
func loneSurrogate(raw []byte) int {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		start := i
		i++ // the escaped character, skipped by the loop even if a backslash
		if raw[i] != 'u' || i+4 >= len(raw) {
			continue
		}
		c := hex4(raw[i+1 : i+5])
		i += 4
		switch {
		case c >= 0xD800 && c < 0xDC00:
			if i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if low := hex4(raw[i+3 : i+7]); low >= 0xDC00 && low < 0xE000 {
					i += 6
					continue
				}
			}
			return start
		case c >= 0xDC00 && c < 0xE000:
			return start
		}
	}
	return -1
}
