package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// readChunk caps each read by a json.Decoder; see guardReader.
const readChunk = 64 << 10

// errUnexpectedEnd is the message of encoding/json for truncated input,
// used for the Decoder's io.ErrUnexpectedEOF as well.
const errUnexpectedEnd = "unexpected end of JSON input"

// errGuard is returned by guardReader when a JSON value grows too large.
var errGuard = errors.New("JSON value too large")

// guardReader stops a json.Decoder from buffering a value larger than the
// limit: a Decoder holds a whole value in memory before returning it. The
// Decoder reads only after scanning everything it has read so far, so n is
// then the number of bytes scanned.
type guardReader struct {
	r     io.Reader
	n     int64 // bytes read so far
	limit int64 // Read fails once n exceeds this
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.n > g.limit {
		return 0, errGuard
	}
	if len(p) > readChunk {
		p = p[:readChunk]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// jsonReader is the state of reading one .json file.
type jsonReader struct {
	*reader
	b     blob
	base  int64 // file offset of the Decoder's input, after a BOM and white space
	guard *guardReader
	dec   *json.Decoder
	lines lineCounter
}

// allow lets the Decoder read one more value (and the white space before
// it) of up to r.max bytes, from its current position. The slack keeps a
// value of exactly r.max bytes from tripping the guard.
func (j *jsonReader) allow() {
	j.guard.limit = j.dec.InputOffset() + j.max + readChunk
}

func (r *reader) json(b blob) bool {
	rc, err := b.open()
	if err != nil {
		return r.fail(b.source, 0, -1, osError(err))
	}
	defer rc.Close()
	j := &jsonReader{reader: r, b: b, lines: lineCounter{open: b.open}}
	defer j.lines.close()

	br := bufio.NewReader(rc)
	if startsUTF16(br) {
		return r.fail(b.source, 0, -1, errUTF16)
	}
	first, base, err := skipPrefix(br)
	if err == io.EOF {
		return r.fail(b.source, 0, -1, fmt.Errorf("%w: file is empty", ErrEmpty))
	}
	if err != nil {
		return r.fail(b.source, 0, -1, osError(err))
	}
	j.base = base
	j.guard = &guardReader{r: br}
	j.dec = json.NewDecoder(j.guard)
	j.allow()

	if first == '[' {
		return j.array()
	}
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		return j.decodeFail(b.source, err, false)
	}
	start := j.base + j.dec.InputOffset() - int64(len(raw))
	if !j.object(raw, b.source, start, true) {
		return false
	}
	return j.end()
}

// array streams the elements of a top-level array, one Decode each.
func (j *jsonReader) array() bool {
	if _, err := j.dec.Token(); err != nil { // '['
		return j.decodeFail(j.b.source, err, false)
	}
	// One buffer serves every element: Decode appends to raw[:0], and
	// a document copies what it keeps.
	var raw json.RawMessage
	i := 0
	for ; ; i++ {
		j.allow()
		if !j.dec.More() {
			break // at ']', or at an error that Token reports below
		}
		src := fmt.Sprintf("%s#%d", j.b.source, i)
		if err := j.dec.Decode(&raw); err != nil {
			return j.decodeFail(src, err, true)
		}
		start := j.base + j.dec.InputOffset() - int64(len(raw))
		if !j.object(raw, src, start, false) {
			return false
		}
	}
	if _, err := j.dec.Token(); err != nil { // ']'
		return j.decodeFail(j.b.source, err, i > 0)
	}
	if !j.end() {
		return false
	}
	if i == 0 {
		return j.fail(j.b.source, 0, -1, fmt.Errorf("%w: JSON array is empty", ErrEmpty))
	}
	return true
}

// end reports anything but white space after the top-level value, which
// would otherwise be ignored.
func (j *jsonReader) end() bool {
	j.allow()
	j.dec.More() // moves to the next non-space byte, for the offset
	off := j.base + j.dec.InputOffset()
	_, err := j.dec.Token()
	switch {
	case err == io.EOF:
		return true
	case err != nil:
		return j.decodeFail(j.b.source, err, false)
	default:
		err := fmt.Errorf("%w: more data after the top-level value", ErrMalformedJSON)
		return j.fail(j.b.source, j.lines.lineAt(off), off, err)
	}
}

// decodeFail reports an error from the Decoder, after which it cannot go
// on; inArray says that later array elements are lost.
func (j *jsonReader) decodeFail(src string, err error, inArray bool) bool {
	rest := ""
	if inArray {
		rest = "; rest of the file not read"
	}
	off := j.base + j.dec.InputOffset()
	syn, isSyntax := errors.AsType[*json.SyntaxError](err)
	switch {
	case errors.Is(err, errGuard):
		err = fmt.Errorf("%w: JSON value of more than %d bytes%s", ErrTooLarge, j.max, rest)
	case isSyntax:
		off = j.syntaxOffset(off)
		err = fmt.Errorf("%w: %s%s", ErrMalformedJSON, syn.Error(), rest)
	case err == io.EOF, err == io.ErrUnexpectedEOF:
		off = j.base + j.guard.n
		err = fmt.Errorf("%w: %s", ErrMalformedJSON, errUnexpectedEnd)
	default: // an I/O or zip error
		return j.fail(src, 0, -1, fmt.Errorf("%w%s", osError(err), rest))
	}
	return j.fail(src, j.lines.lineAt(off), off, err)
}

// syntaxOffset finds the offset of a syntax error at or after file offset
// start, where the Decoder stopped. The Decoder's own SyntaxError.Offset is
// not usable after Token calls, so the value is scanned again from start
// with a fresh Decoder, whose offsets count from there.
func (j *jsonReader) syntaxOffset(start int64) int64 {
	rc, err := j.b.open()
	if err != nil {
		return start
	}
	defer rc.Close()
	if _, err := io.CopyN(io.Discard, rc, start); err != nil {
		return start
	}
	g := &guardReader{r: rc, limit: j.max + readChunk}
	var raw json.RawMessage
	err = json.NewDecoder(g).Decode(&raw)
	if syn, ok := errors.AsType[*json.SyntaxError](err); ok && syn.Offset > 0 {
		// The offset counts the bytes scanned, including the bad one.
		return start + syn.Offset - 1
	}
	// The value itself is fine: the error was at its first byte, which
	// is not allowed where it stands (such as a missing comma).
	return start
}

// object turns one JSON value into a document, or reports why not. start is
// the value's offset in the file; top says it is the file's only value.
func (j *jsonReader) object(raw []byte, src string, start int64, top bool) bool {
	doc, off, err := j.convert(raw, src, true)
	if top && errors.Is(err, ErrNotObject) {
		err = fmt.Errorf("%w; want an object or an array of objects", err)
	}
	if err != nil {
		pos := start
		if off >= 0 {
			pos += off
		}
		return j.fail(src, j.lines.lineAt(pos), pos, err)
	}
	return j.emit(doc)
}

// convert turns the JSON value raw into a document with the given Source.
// On error, off is the offset in raw of the offending byte, or -1 when the
// value as a whole is at fault.
//
// valid says that raw is known to be valid JSON (a json.Decoder checked
// it), which saves a scan.
func (r *reader) convert(raw []byte, src string, valid bool) (doc Document, off int64, err error) {
	if int64(len(raw)) > r.max {
		return doc, -1, tooLarge(int64(len(raw)), r.max)
	}
	// encoding/json silently replaces invalid UTF-8 with U+FFFD; refuse it
	// instead so that no text is changed behind the user's back.
	if i := invalidUTF8(raw); i >= 0 {
		return doc, int64(i), ErrInvalidUTF8
	}
	// The members are found by a scan of their own once the value is
	// known to be valid: json.Unmarshal into a map would read every byte
	// of the text three more times, which was most of reading a corpus.
	fields, isObject := map[string]json.RawMessage(nil), false
	if valid || json.Valid(raw) {
		fields, isObject = members(raw)
	}
	if !isObject {
		err := json.Unmarshal(raw, &fields)
		if syn, ok := errors.AsType[*json.SyntaxError](err); ok {
			// The offset counts the bad byte, or all bytes when the
			// value is cut short.
			off := syn.Offset - 1
			if syn.Error() == errUnexpectedEnd {
				off = syn.Offset
			}
			return doc, max(off, 0), fmt.Errorf("%w: %s", ErrMalformedJSON, syn.Error())
		}
		return doc, -1, fmt.Errorf("%w: found %s", ErrNotObject, kind(raw))
	}
	if fields == nil { // the value was null
		return doc, -1, fmt.Errorf("%w: found null", ErrNotObject)
	}
	// encoding/json also replaces escaped halves of UTF-16 surrogate
	// pairs ("\ud800") with U+FFFD; they are invalid text just the same.
	if i := loneSurrogate(raw); i >= 0 {
		return Document{}, int64(i), fmt.Errorf("%w: unpaired surrogate escape %s", ErrInvalidUTF8, raw[i:i+6])
	}

	doc = Document{ID: src, Source: src}
	if v, ok := fields[r.idField]; ok {
		switch kind(v) {
		case "string":
			if s := unquote(v); s != "" {
				doc.ID = s
			}
		case "number":
			doc.ID = string(v)
		case "null":
		default:
			return Document{}, -1, notString(r.idField, v)
		}
	}
	if v, ok := fields[r.titleField]; ok {
		switch kind(v) {
		case "string":
			doc.Title = unquote(v)
		case "null":
		default:
			return Document{}, -1, notString(r.titleField, v)
		}
	}

	var parts []string
	present := false
	for _, f := range r.textFields {
		v, ok := fields[f]
		if !ok || kind(v) == "null" {
			continue
		}
		if kind(v) != "string" {
			return Document{}, -1, notString(f, v)
		}
		present = true
		if s := unquote(v); strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	switch {
	case !present:
		return Document{}, -1, fmt.Errorf("%w %q", ErrNoText, r.textField)
	case len(parts) == 0:
		return Document{}, -1, fmt.Errorf("%w in field %q", ErrEmpty, r.textField)
	}
	doc.Text = strings.Join(parts, "\n\n")

	for k, v := range fields {
		if k == r.idField || k == r.titleField || kind(v) != "string" || r.isTextField(k) {
			continue
		}
		if doc.Meta == nil {
			doc.Meta = make(map[string]string)
		}
		doc.Meta[k] = unquote(v)
	}
	return doc, -1, nil
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

func (r *reader) isTextField(name string) bool {
	for _, f := range r.textFields {
		if f == name {
			return true
		}
	}
	return false
}

func notString(field string, v []byte) error {
	k := kind(v)
	article := "a"
	if k == "object" || k == "array" {
		article = "an"
	}
	return fmt.Errorf("field %q is %s %s, %w", field, article, k, ErrNotString)
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

// members returns the members of raw, valid JSON, if it is an object,
// as json.Unmarshal into a map would: keys unescaped, a later duplicate
// replacing an earlier one.
func members(raw []byte) (map[string]json.RawMessage, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	fields := map[string]json.RawMessage{}
	i = skipSpace(raw, i+1)
	for i < len(raw) && raw[i] == '"' {
		end := stringEnd(raw, i)
		key := unquote(raw[i:end])
		i = skipSpace(raw, end)
		i = skipSpace(raw, i+1) // the colon
		end = valueEnd(raw, i)
		fields[key] = raw[i:end:end]
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return fields, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

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

// errUTF16 is the error of a file that starts with a UTF-16 byte order
// mark: the JSON decoder would only say its first byte is invalid.
var errUTF16 = fmt.Errorf("%w: UTF-16 text; convert it to UTF-8", ErrBinary)

// startsUTF16 reports whether br starts with a UTF-16 byte order mark.
func startsUTF16(br *bufio.Reader) bool {
	p, _ := br.Peek(2)
	return bytes.Equal(p, bomUTF16LE) || bytes.Equal(p, bomUTF16BE)
}

// skipPrefix consumes a UTF-8 byte order mark and white space, returning
// the first other byte (left unread) and the number of bytes consumed.
func skipPrefix(br *bufio.Reader) (first byte, n int64, err error) {
	if p, _ := br.Peek(len(bomUTF8)); bytes.Equal(p, bomUTF8) {
		br.Discard(len(bomUTF8))
		n = int64(len(bomUTF8))
	}
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, n, err
		}
		if !isSpace(c) {
			return c, n, br.UnreadByte()
		}
		n++
	}
}

// isSpace reports whether c is white space in JSON.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineCounter maps byte offsets to line numbers by reading the input again,
// only when an error needs a line. Offsets asked for mostly grow, so it
// keeps reading forward from where it stopped.
type lineCounter struct {
	open func() (io.ReadCloser, error)
	rc   io.ReadCloser
	pos  int64 // bytes read from rc
	line int   // 1 + newlines in those bytes
	buf  []byte
}

// lineAt returns the line holding offset off, or 0 if it cannot tell.
func (c *lineCounter) lineAt(off int64) int {
	if off < 0 || c.open == nil {
		return 0
	}
	if c.rc == nil || off < c.pos {
		c.close()
		rc, err := c.open()
		if err != nil {
			return 0
		}
		c.rc, c.pos, c.line = rc, 0, 1
	}
	if c.buf == nil {
		c.buf = make([]byte, 32<<10)
	}
	for c.pos < off {
		n, err := io.ReadFull(c.rc, c.buf[:min(int64(len(c.buf)), off-c.pos)])
		c.line += bytes.Count(c.buf[:n], []byte{'\n'})
		c.pos += int64(n)
		if err != nil {
			c.close() // the offset lies beyond the end: give the last line
			return c.line
		}
	}
	return c.line
}

func (c *lineCounter) close() {
	if c.rc != nil {
		c.rc.Close()
		c.rc = nil
	}
}

// jsonl reads b as JSON Lines, one object per line.
func (r *reader) jsonl(b blob) bool {
	rc, err := b.open()
	if err != nil {
		return r.fail(b.source, 0, -1, osError(err))
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, readChunk)
	if startsUTF16(br) {
		return r.fail(b.source, 0, -1, errUTF16)
	}
	var (
		buf      []byte
		off      int64 // offset of the current line
		lineNo   int
		nonBlank bool
	)
	for {
		line, n, tooLong, err := readLine(br, buf[:0], r.max)
		buf = line[:0]
		if n == 0 && err != nil {
			if err != io.EOF {
				return r.fail(b.source, lineNo+1, off, osError(err))
			}
			break
		}
		lineNo++
		start := off
		off += n
		if lineNo == 1 && bytes.HasPrefix(line, bomUTF8) {
			line = line[len(bomUTF8):]
			start += int64(len(bomUTF8))
		}
		src := fmt.Sprintf("%s:%d", b.source, lineNo)
		trimmed := bytes.TrimLeft(line, " \t\r\n")
		start += int64(len(line) - len(trimmed))
		trimmed = bytes.TrimRight(trimmed, " \t\r\n")
		switch {
		case tooLong:
			nonBlank = true
			if !r.fail(src, lineNo, start, tooLarge(-1, r.max)) {
				return false
			}
		case len(trimmed) > 0:
			nonBlank = true
			doc, eoff, cerr := r.convert(trimmed, src, false)
			var ok bool
			if cerr != nil {
				pos := start
				if eoff >= 0 {
					pos += eoff
				}
				ok = r.fail(src, lineNo, pos, cerr)
			} else {
				ok = r.emit(doc)
			}
			if !ok {
				return false
			}
		}
		if err != nil {
			if err != io.EOF {
				return r.fail(b.source, lineNo, off, osError(err))
			}
			break
		}
	}
	if !nonBlank {
		why := "file is empty"
		if lineNo > 0 {
			why = "only blank lines"
		}
		return r.fail(b.source, 0, -1, fmt.Errorf("%w: %s", ErrEmpty, why))
	}
	return true
}

// readLine reads one line, newline included, appending it to buf. A line
// of more than limit bytes (plus its line ending) is consumed but not kept,
// and reported as tooLong. n is the number of bytes consumed.
func readLine(br *bufio.Reader, buf []byte, limit int64) (line []byte, n int64, tooLong bool, err error) {
	line = buf
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit+2 {
				tooLong = true
				line = line[:0]
			} else {
				line = append(line, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, n, tooLong, err
		}
	}
}
