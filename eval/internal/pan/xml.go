package pan

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Document is the content of one annotation file: the suspicious
// document it describes and its cases or detections.
type Document struct {
	Reference   string
	Annotations []Annotation
}

// FileError is a problem with one annotation file.
type FileError struct {
	Path string
	Line int // 1-based line of the problem, 0 if unknown
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ReadFile reads one annotation file. See Parse.
func ReadFile(path string) (Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return Document{}, err
	}
	defer f.Close()
	d, err := Parse(bufio.NewReader(f))
	if fe, ok := errors.AsType[*FileError](err); ok {
		fe.Path = path
	}
	return d, err
}

// Parse reads one annotation file from r. It is tolerant of what does not
// matter: the root element may have any name, features may be nested at
// any depth, unknown elements and attributes are ignored, numbers may be
// surrounded by spaces, and the XML is parsed in non-strict mode (unknown
// entities and unquoted attributes pass). Every feature whose name ends
// in "plagiarism" is read, cases ("plagiarism") and detections
// ("detected-plagiarism") alike, as PAN's own evaluator does. What it
// cannot read sensibly is an error (a *FileError, with the line): a
// missing reference attribute on the root, a feature without one of the
// six position attributes, a number that is not an integer from 0 to
// 2³¹ − 1.
func Parse(r io.Reader) (Document, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q not supported (want UTF-8)", label)
	}
	var (
		doc   Document
		root  = false
		nfeat = 0
	)
	fail := func(format string, args ...any) (Document, error) {
		line, _ := dec.InputPos()
		return Document{}, &FileError{Line: line, Err: fmt.Errorf(format, args...)}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return Document{}, &FileError{Line: se.Line, Err: errors.New(se.Msg)}
			}
			return fail("%v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			root = true
			ref, ok := attr(el, "reference")
			if !ok || strings.TrimSpace(ref) == "" {
				return fail("<%s> has no reference attribute naming the suspicious document", el.Name.Local)
			}
			doc.Reference = strings.TrimSpace(ref)
			continue
		}
		if el.Name.Local != "feature" {
			continue
		}
		name, _ := attr(el, "name")
		if !strings.HasSuffix(name, CaseFeature) {
			continue
		}
		nfeat++
		a, err := annotation(el, doc.Reference)
		if err != nil {
			return fail("feature %d (%s): %v", nfeat, name, err)
		}
		doc.Annotations = append(doc.Annotations, a)
	}
	if !root {
		return Document{}, &FileError{Err: errors.New("no XML element: not an annotation file")}
	}
	return doc, nil
}

func attr(el xml.StartElement, name string) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func annotation(el xml.StartElement, ref string) (Annotation, error) {
	a := Annotation{Suspicious: ref}
	a.Obfuscation, _ = attr(el, "obfuscation")
	a.Type, _ = attr(el, "type")
	src, ok := attr(el, "source_reference")
	if !ok || strings.TrimSpace(src) == "" {
		return a, errors.New("no source_reference attribute")
	}
	a.Source = strings.TrimSpace(src)
	for _, f := range []struct {
		name string
		v    *int
	}{
		{"this_offset", &a.Offset}, {"this_length", &a.Length},
		{"source_offset", &a.SourceOffset}, {"source_length", &a.SourceLength},
	} {
		s, ok := attr(el, f.name)
		if !ok {
			return a, fmt.Errorf("no %s attribute", f.name)
		}
		// Bounded so that offset + length cannot overflow: no text of
		// the library is longer than normalize.MaxLen (2³¹ − 1) anyway.
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > math.MaxInt32 {
			return a, fmt.Errorf("%s=%q is not an integer from 0 to %d", f.name, s, math.MaxInt32)
		}
		*f.v = n
	}
	return a, nil
}

// ReadDir reads every annotation file (name ending in .xml) in dir and in
// its immediate subdirectories, as PAN's evaluator does, and returns all
// their annotations sorted by Compare. Files that cannot be read are
// skipped; the error then joins one *FileError (or file system error) per
// such file, and the annotations of the others are still returned. A
// directory without any .xml file is an error.
func ReadDir(dir string) ([]Annotation, error) {
	paths, err := xmlFiles(dir)
	if err != nil {
		return nil, err
	}
	var (
		anns []Annotation
		errs []error
	)
	for _, p := range paths {
		d, err := ReadFile(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		anns = append(anns, d.Annotations...)
	}
	Sort(anns)
	return anns, errors.Join(errs...)
}

func xmlFiles(dir string) ([]string, error) {
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range top {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		if e.IsDir() {
			sub, err := os.ReadDir(p)
			if err != nil {
				return nil, err
			}
			for _, s := range sub {
				if !s.IsDir() && isXML(s.Name()) {
					paths = append(paths, filepath.Join(p, s.Name()))
				}
			}
			continue
		}
		if isXML(name) {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no .xml annotation files", dir)
	}
	slices.Sort(paths)
	return paths, nil
}

func isXML(name string) bool {
	return !strings.HasPrefix(name, ".") && strings.EqualFold(filepath.Ext(name), ".xml")
}

// Write writes the detections of the suspicious document reference as
// one PAN XML file: a document element and a detected-plagiarism feature
// per detection, sorted by Compare so that the same detections always
// give the same bytes. Attribute values are escaped. The Suspicious field
// of the detections is not written (the reference attribute says it);
// Obfuscation and Type are written when not empty.
func Write(w io.Writer, reference string, detections []Annotation) error {
	dets := slices.Clone(detections)
	Sort(dets)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<document reference=\"")
	escape(&b, reference)
	b.WriteString("\">\n")
	for _, d := range dets {
		b.WriteString(`<feature name="` + DetectionFeature + `"`)
		fmt.Fprintf(&b, ` this_offset="%d" this_length="%d" source_reference="`, d.Offset, d.Length)
		escape(&b, d.Source)
		fmt.Fprintf(&b, `" source_offset="%d" source_length="%d"`, d.SourceOffset, d.SourceLength)
		for _, a := range [...]struct{ name, v string }{{"obfuscation", d.Obfuscation}, {"type", d.Type}} {
			if a.v != "" {
				b.WriteString(" " + a.name + `="`)
				escape(&b, a.v)
				b.WriteString(`"`)
			}
		}
		b.WriteString("/>\n")
	}
	b.WriteString("</document>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// escape writes s escaped for an attribute value in double quotes.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writes to a buffer: cannot fail
}

// WriteFile writes the detections of reference to path with Write.
func WriteFile(path, reference string, detections []Annotation) error {
	var b bytes.Buffer
	if err := Write(&b, reference, detections); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
