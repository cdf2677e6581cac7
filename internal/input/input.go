// Package input reads news documents for the dedupe command from plain-text
// files, JSON files, JSON Lines files and zip archives, walking directories
// recursively.
//
// The format of a file is chosen by its extension, ignoring case:
//
//   - .json: one JSON object, or an array of objects (streamed element by
//     element, so large arrays are not loaded whole)
//   - .jsonl, .ndjson: one JSON object per line; blank lines are skipped
//   - .zip: every member is read as if it were a file of its own, including
//     nested zip archives
//   - anything else: plain UTF-8 text, the whole file being one document
//
// [Read] streams documents in a deterministic order: paths in the order
// given, directory entries sorted by name, zip members in archive order, and
// JSON array elements and JSON Lines in file order. A problem with one input
// (a missing file, a malformed line, an object without text) is reported as
// an [*InputError] in the stream and does not stop the others.
package input

import (
	"errors"
	"strconv"
	"strings"
)

// Document is one news document.
type Document struct {
	// ID identifies the document in output. For a JSON object it is the
	// value of the ID field; for a plain-text file it is the path relative
	// to the directory argument it was found under, or the path as given.
	// Otherwise it equals Source. IDs need not be unique; the Sources of
	// the documents read from one argument are.
	ID string

	// Source says where the document came from, for messages and output:
	// a path ("dir/a.txt"), an element of a JSON array ("dir/a.json#3",
	// counting from 0), a line of a JSON Lines file ("dir/a.jsonl:12",
	// counting from 1) or a member of a zip archive ("dir/c.zip!a.json#3").
	Source string

	// Text is the document text, always valid UTF-8 and never blank.
	// For a plain-text file it is the file content byte for byte, except
	// that a leading UTF-8 byte order mark is removed; line endings are
	// kept so that offsets into Text can be mapped back to the file.
	Text string

	// Title is the value of the title field of a JSON object, if any.
	Title string

	// Meta holds the other string and number fields of a JSON object,
	// such as "url" or "date" (a number as written in the JSON); fields
	// of other types are left out. It is nil when there are none, as for
	// plain text.
	Meta map[string]string

	// NoID says that a JSON object had no usable ID field (absent, null
	// or ""), so that its ID is its Source: a command can say so once
	// rather than leave a mistyped --id-field unnoticed.
	NoID bool

	// Raw is the JSON object as read, byte for byte, when
	// Options.KeepRaw is set; nil otherwise and for plain text.
	Raw []byte
}

// DefaultMaxBytes is the value used for Options.MaxBytes when it is not
// positive.
const DefaultMaxBytes = 64 << 20

// DefaultMaxArchiveBytes is the value used for Options.MaxArchiveBytes
// when it is not positive: 80 times the largest archive of SaudiNewsNet
// (a day of news from a dozen papers, 12.6 MB), and a few minutes of
// work, where a crafted archive of a few kilobytes could otherwise
// inflate to terabytes.
const DefaultMaxArchiveBytes = 1 << 30

// maxLimit keeps MaxBytes+1 and similar sums from overflowing.
const maxLimit = 1 << 62

// Options controls how documents are read. The zero value is ready to use.
type Options struct {
	// IDField names the JSON field holding a document's ID ("id" if
	// empty). A string or number value is used as is; when the field is
	// absent, null or "", the ID is the document's Source.
	IDField string

	// TextField names the JSON field holding a document's text ("text"
	// if empty). A comma-separated list such as "title,content" names
	// several fields: those present and not blank are joined, in the
	// order listed, with a blank line ("\n\n") between them.
	TextField string

	// TitleField names the JSON field holding a document's title
	// ("title" if empty). A missing title is not an error.
	TitleField string

	// MaxBytes is the largest document accepted, in bytes
	// (DefaultMaxBytes if zero or negative). It applies to each
	// plain-text file, each JSON object as encoded in its file, each
	// JSON Lines line and each zip archive nested in another. JSON
	// arrays, JSON Lines files and top-level zip archives are streamed,
	// so their total size is not limited by it.
	MaxBytes int64

	// MaxArchiveBytes bounds the bytes decompressed from one zip
	// archive given as a file, those of the archives nested in it
	// included (DefaultMaxArchiveBytes if zero or negative). The member
	// that goes over it is an error wrapping ErrTooLarge, and the rest
	// of the archive is not read.
	MaxArchiveBytes int64

	// KeepRaw keeps each JSON object's bytes in Document.Raw, for
	// writing the records back out (a deduplicated copy of the input).
	KeepRaw bool
}

// Errors wrapped by an *InputError to say what was wrong with an input.
// Errors from the operating system (such as fs.ErrNotExist and
// fs.ErrPermission) and from archive/zip (such as zip.ErrFormat and
// zip.ErrChecksum) are wrapped as they are.
var (
	// ErrEmpty: an empty or blank file, text field, JSON array, JSON
	// Lines file or zip archive.
	ErrEmpty = errors.New("empty text")
	// ErrBinary: a NUL byte or mostly control characters near the start
	// of a plain-text file, or UTF-16 text.
	ErrBinary = errors.New("binary file")
	// ErrTooLarge: a document larger than Options.MaxBytes.
	ErrTooLarge = errors.New("too large")
	// ErrInvalidUTF8: bytes that are not UTF-8, or a JSON \u escape of
	// half a surrogate pair; the Offset says where.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrMalformedJSON: a JSON syntax error; Line and Offset say where.
	// In a JSON array it ends the reading of the file, since the
	// element boundaries after it are unknown.
	ErrMalformedJSON = errors.New("malformed JSON")
	// ErrNotObject: a JSON value, array element or line that is not an
	// object.
	ErrNotObject = errors.New("not a JSON object")
	// ErrNoText: a JSON object without any of the text fields, or with
	// only null ones.
	ErrNoText = errors.New("missing text field")
	// ErrDuplicateKey: a JSON object giving its text, title or ID field
	// more than once (other fields keep their last value, as
	// encoding/json does).
	ErrDuplicateKey = errors.New("duplicated field")
	// ErrNotString: a text, title or ID field of another JSON type.
	ErrNotString = errors.New("not a string")
	// ErrNotRegular: a FIFO, device or socket, which could block or
	// never end.
	ErrNotRegular = errors.New("not a regular file or directory")
	// ErrLoop: a directory reached again inside itself through a
	// symbolic link; it is not walked again.
	ErrLoop = errors.New("directory loop")
	// ErrNested: zip archives nested too deeply inside each other.
	ErrNested = errors.New("zip archives nested too deeply")
)

// InputError reports a problem with one input: a path, a zip member, a
// JSON array element or a JSON Lines line. Other inputs are still read.
type InputError struct {
	// Source names the input, in the form used by Document.Source.
	Source string
	// Line is the 1-based line of the problem in its file or zip member,
	// or 0 when unknown or not meaningful.
	Line int
	// Offset is the 0-based byte offset of the problem in its file or
	// zip member, or -1 when unknown or not meaningful.
	Offset int64
	// Err says what is wrong; test it with errors.Is against the Err
	// variables of this package or fs.ErrNotExist, fs.ErrPermission.
	Err error
}

// Error returns "source: problem (line L, byte B)", omitting unknown
// position parts.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("unknown error")
	}
	var pos []string
	if e.Line > 0 {
		pos = append(pos, "line "+strconv.Itoa(e.Line))
	}
	if e.Offset >= 0 {
		pos = append(pos, "byte "+strconv.FormatInt(e.Offset, 10))
	}
	if len(pos) > 0 {
		b.WriteString(" (" + strings.Join(pos, ", ") + ")")
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *InputError) Unwrap() error { return e.Err }
