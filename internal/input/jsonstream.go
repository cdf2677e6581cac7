package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Framing of JSON input: a .json file holds one object or an array of
// them, read value by value with a json.Decoder whose buffer is kept under
// the size limit; a JSON Lines file holds one value a line. Errors carry
// the offset and line in the file of the byte at fault.

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
		// Blank lines are skipped in bulk: a line at a time, a file of
		// line breaks costs far more than its bytes.
		n, lines := skipBlankLines(br)
		off += n
		lineNo += lines
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
		trimmed := bytes.TrimLeft(line, " \t\r\n")
		start += int64(len(line) - len(trimmed))
		trimmed = bytes.TrimRight(trimmed, " \t\r\n")
		if tooLong || len(trimmed) > 0 {
			nonBlank = true
			if !r.jsonLine(b.source, lineNo, start, trimmed, tooLong) {
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

// jsonLine reads one line of a JSON Lines file that is not blank: the
// line numbered lineNo, starting at offset start, trimmed; tooLong says
// it was too long to keep.
func (r *reader) jsonLine(source string, lineNo int, start int64, trimmed []byte, tooLong bool) bool {
	src := source + ":" + strconv.Itoa(lineNo)
	if tooLong {
		return r.fail(src, lineNo, start, tooLarge(-1, r.max))
	}
	doc, eoff, err := r.convert(trimmed, src, false)
	if err != nil {
		pos := start
		if eoff >= 0 {
			pos += eoff
		}
		return r.fail(src, lineNo, pos, err)
	}
	return r.emit(doc)
}

// skipBlankLines consumes the blank lines (white space and a line
// break) at the start of what br holds, and returns the bytes and lines
// consumed; it stops at the first line with anything else, or at a line
// not yet buffered whole.
func skipBlankLines(br *bufio.Reader) (n int64, lines int) {
	for {
		if br.Buffered() == 0 {
			if _, err := br.Peek(1); err != nil {
				return n, lines
			}
		}
		b, _ := br.Peek(br.Buffered())
		end := 0 // just past the last line break of the blank run
		k := 0
		for i, c := range b {
			if c == '\n' {
				end = i + 1
				k++
				continue
			}
			if c != ' ' && c != '\t' && c != '\r' {
				break
			}
		}
		if end == 0 {
			return n, lines
		}
		br.Discard(end)
		n += int64(end)
		lines += k // every line break seen lies before end
		if end < len(b) {
			return n, lines
		}
	}
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
