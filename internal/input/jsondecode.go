package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Decoding of one JSON value, a record, into a Document.

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
	var (
		fields   map[string]json.RawMessage
		dups     []string
		isObject bool
	)
	if valid || json.Valid(raw) {
		fields, dups, isObject = members(raw)
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

	// A field read twice would be one of two values, the last as
	// encoding/json has it: which one the writer meant is not known.
	for _, k := range dups {
		if k == r.idField || k == r.titleField || r.isTextField(k) {
			return Document{}, -1, fmt.Errorf("%w: field %q given more than once", ErrDuplicateKey, k)
		}
	}

	doc = Document{ID: src, Source: src, NoID: true}
	if v, ok := fields[r.idField]; ok {
		switch kind(v) {
		case "string":
			if s := unquote(v); s != "" {
				doc.ID, doc.NoID = s, false
			}
		case "number":
			doc.ID, doc.NoID = string(v), false
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
		return Document{}, -1, &MissingFieldError{Field: r.textField, Have: fieldNames(fields)}
	case len(parts) == 0:
		return Document{}, -1, fmt.Errorf("%w in field %q", ErrEmpty, r.textField)
	}
	doc.Text = strings.Join(parts, "\n\n")
	if r.keepRaw {
		// raw is the reader's buffer, reused for the next value.
		doc.Raw = bytes.Clone(raw)
	}

	for k, v := range fields {
		kv := kind(v)
		if k == r.idField || k == r.titleField || kv != "string" && kv != "number" || r.isTextField(k) {
			continue
		}
		if doc.Meta == nil {
			doc.Meta = make(map[string]string)
		}
		if kv == "number" {
			// As written: a count or a timestamp to sort by (--keep).
			doc.Meta[k] = string(v)
			continue
		}
		doc.Meta[k] = unquote(v)
	}
	return doc, -1, nil
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

// MissingFieldError is the error of a JSON object that has none of the
// text fields (or only null ones). It wraps ErrNoText, and lists the
// fields the object does have, so that a wrong --text-field can be told
// from a record without text.
type MissingFieldError struct {
	// Field is the text field option as given ("content", or a comma
	// list).
	Field string
	// Have are the object's field names, sorted.
	Have []string
}

func (e *MissingFieldError) Error() string { return fmt.Sprintf("%v %q", ErrNoText, e.Field) }

// Unwrap returns ErrNoText.
func (e *MissingFieldError) Unwrap() error { return ErrNoText }

// fieldNames returns the names of fields, sorted.
func fieldNames(fields map[string]json.RawMessage) []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
