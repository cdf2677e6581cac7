package input

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// sniffLen is how much of a file is examined to decide whether it is binary.
const sniffLen = 8 << 10

// readAll returns the content of b, refusing more than r.max bytes without
// reading them all.
func (r *reader) readAll(b blob) ([]byte, error) {
	if b.size > r.max {
		return nil, tooLarge(b.size, r.max)
	}
	rc, err := b.open()
	if err != nil {
		return nil, osError(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if b.size > 0 {
		buf.Grow(int(b.size) + 1)
	}
	// Sizes can lie (a growing file, a forged zip header), so read at most
	// one byte more than allowed to tell.
	if _, err := buf.ReadFrom(io.LimitReader(rc, r.max+1)); err != nil {
		return nil, osError(err)
	}
	if int64(buf.Len()) > r.max {
		return nil, tooLarge(-1, r.max)
	}
	return buf.Bytes(), nil
}

func tooLarge(size, max int64) error {
	if size >= 0 {
		return fmt.Errorf("%w: %d bytes, more than the limit of %d", ErrTooLarge, size, max)
	}
	return fmt.Errorf("%w: more than the limit of %d bytes", ErrTooLarge, max)
}

// text reads b as one plain-text document.
func (r *reader) text(b blob) bool {
	data, err := r.readAll(b)
	if err != nil {
		return r.fail(b.source, 0, -1, err)
	}
	text, off, err := plainText(data)
	if err != nil {
		line := 0
		if off >= 0 {
			line = 1 + bytes.Count(data[:off], []byte{'\n'})
		}
		return r.fail(b.source, line, off, err)
	}
	return r.emit(Document{ID: b.id, Source: b.source, Text: text})
}

// plainText checks that data is non-blank UTF-8 text and returns it without
// a byte order mark. On error, off is the offset of the offending byte in
// data, or -1.
func plainText(data []byte) (text string, off int64, err error) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return "", -1, errUTF16
	}
	skip := 0
	if bytes.HasPrefix(data, bomUTF8) {
		skip = len(bomUTF8)
	}
	body := data[skip:]
	if len(body) == 0 {
		return "", -1, fmt.Errorf("%w: file is empty", ErrEmpty)
	}
	if why, at := binary(body[:min(len(body), sniffLen)]); why != "" {
		off := int64(-1)
		if at >= 0 {
			off = int64(skip + at)
		}
		return "", off, fmt.Errorf("%w: %s", ErrBinary, why)
	}
	if len(body) > sniffLen {
		// Past the sample, a NUL byte is still no text (a binary tail,
		// a file cut and padded): memchr-fast, so it is looked for.
		if at := bytes.IndexByte(body[sniffLen:], 0); at >= 0 {
			return "", int64(skip + sniffLen + at), fmt.Errorf("%w: NUL byte", ErrBinary)
		}
	}
	if i := invalidUTF8(body); i >= 0 {
		return "", int64(skip + i), ErrInvalidUTF8
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "", -1, fmt.Errorf("%w: only white space", ErrEmpty)
	}
	return string(body), -1, nil
}

// binary guesses whether sample comes from a binary file: text never holds
// NUL bytes and rarely control characters other than white space. It
// returns why it looks binary, or "", and the offset of the NUL byte that
// gave it away, or -1.
func binary(sample []byte) (why string, at int) {
	if i := bytes.IndexByte(sample, 0); i >= 0 {
		return "NUL byte", i
	}
	ctl := 0
	for _, c := range sample {
		switch {
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == 0x1B: // ESC: terminal colours in logs
		case c < 0x20, c == 0x7F:
			ctl++
		}
	}
	// "Mostly" control characters, with some tolerance for stray ones.
	if ctl*10 > len(sample)*3 {
		return "mostly control characters", -1
	}
	return "", -1
}

// invalidUTF8 returns the offset of the first byte of b that is not part of
// a valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		c, size := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1 // unreachable: utf8.Valid said otherwise
}
