package counter

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Doc is one file of the corpus.
type Doc struct {
	// File is the file's name, such as "0001.xml" or "0001p.xml".
	File string
	// Class is the file's classification attribute.
	Class Class
	// Headline and Body are the texts, with surrounding white space
	// trimmed and the corpus's escaped quotes (\" and \') unescaped.
	Headline, Body string
	// Newspaper (the agency, such as APP, for a source), Domain (sports,
	// national, ...) and Date (the newsdate attribute as written, such as
	// "05.03.15").
	Newspaper, Domain, Date string
}

// Text returns the headline and the body joined by a blank line (either
// alone if the other is empty): the text compared.
func (d Doc) Text() string {
	switch {
	case d.Headline == "":
		return d.Body
	case d.Body == "":
		return d.Headline
	}
	return d.Headline + "\n\n" + d.Body
}

// Pair is an agency text and the newspaper text written from it.
type Pair struct {
	// ID is the number shared by the pair's file names, such as "0001".
	ID      string
	Class   Class
	Source  Doc // the agency text, NNNN.xml
	Derived Doc // the newspaper text, NNNNp.xml
}

// xmlDoc is the XML of a file.
type xmlDoc struct {
	Classification string `xml:"classification,attr"`
	Domain         string `xml:"domain,attr"`
	Newspaper      string `xml:"newspaper,attr"`
	Date           string `xml:"newsdate,attr"`
	Headline       string `xml:"headline"`
	Body           string `xml:"body"`
}

// unescape undoes the backslash escapes of quotes found in the corpus.
var unescape = strings.NewReplacer(`\"`, `"`, `\'`, `'`)

// Parse reads one file of the corpus from r; name is its file name, set
// as File and named in errors. The XML is parsed in non-strict mode,
// unknown elements and attributes are ignored; a missing or unknown
// classification is an error, and so is a file with neither headline nor
// body.
func Parse(r io.Reader, name string) (Doc, error) {
	d, err := parse(r)
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", name, err)
	}
	d.File = name
	return d, nil
}

func parse(r io.Reader) (Doc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var x xmlDoc
	if err := dec.Decode(&x); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("no XML element")
		}
		return Doc{}, err
	}
	c, err := ParseClass(x.Classification)
	if err != nil {
		return Doc{}, err
	}
	d := Doc{
		Class:     c,
		Headline:  strings.TrimSpace(unescape.Replace(x.Headline)),
		Body:      strings.TrimSpace(unescape.Replace(x.Body)),
		Newspaper: strings.TrimSpace(x.Newspaper),
		Domain:    strings.TrimSpace(x.Domain),
		Date:      strings.TrimSpace(x.Date),
	}
	if d.Headline == "" && d.Body == "" {
		return Doc{}, errors.New("no text: <headline> and <body> missing or empty")
	}
	return d, nil
}

// ReadFile reads one file of the corpus. Errors name the path.
func ReadFile(path string) (Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return Doc{}, err
	}
	defer f.Close()
	d, err := parse(bufio.NewReader(f))
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", path, err)
	}
	d.File = filepath.Base(path)
	return d, nil
}

// fileName matches the corpus's file names: the pair's number, then p or
// P for the newspaper text.
var fileName = regexp.MustCompile(`^([0-9]+)([pP]?)\.xml$`)

// ReadDir reads the pairs of the corpus in dir, sorted by ID. Files whose
// names are not NNNN.xml, NNNNp.xml or NNNNP.xml are ignored. Every file
// is read; problems (a file that cannot be read or parsed, a source
// without its newspaper text or the converse, two newspaper files for one
// source, a pair whose files disagree on the class) are joined in the
// error, which names the files, and the pairs without problems are still
// returned.
func ReadDir(dir string) ([]Pair, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type halves struct{ src, der *Doc }
	byID := make(map[string]*halves)
	failed := make(map[string]bool) // pair numbers with a file that failed
	var errs []error
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		d, err := ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			errs = append(errs, err)
			failed[m[1]] = true
			continue
		}
		h := byID[m[1]]
		if h == nil {
			h = &halves{}
			byID[m[1]] = h
		}
		slot := &h.src
		if m[2] != "" {
			slot = &h.der
		}
		if *slot != nil {
			errs = append(errs, fmt.Errorf("%s: pair %s has two newspaper texts, %s and %s", dir, m[1], (*slot).File, d.File))
			continue
		}
		*slot = &d
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pairs []Pair
	for _, id := range ids {
		h := byID[id]
		switch {
		case failed[id]:
			// Its other file is the problem, already reported.
		case h.src == nil:
			errs = append(errs, fmt.Errorf("%s: %s has no agency text %s.xml", dir, h.der.File, id))
		case h.der == nil:
			errs = append(errs, fmt.Errorf("%s: %s has no newspaper text %sp.xml", dir, h.src.File, id))
		case h.src.Class != h.der.Class:
			errs = append(errs, fmt.Errorf("%s: pair %s: %s says %v, %s says %v", dir, id, h.src.File, h.src.Class, h.der.File, h.der.Class))
		default:
			pairs = append(pairs, Pair{ID: id, Class: h.src.Class, Source: *h.src, Derived: *h.der})
		}
	}
	if len(pairs) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no COUNTER files (NNNN.xml and NNNNp.xml)", dir))
	}
	return pairs, errors.Join(errs...)
}
