package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// Hooks for the file system, replaced in tests to simulate failures (such as
// permission errors) that cannot be produced when running as root.
var (
	openFile = func(name string) (io.ReadCloser, error) { return os.Open(name) }
	readDir  = os.ReadDir
)

// maxZipDepth bounds zip-in-zip nesting, since every nested archive is held
// in memory while its members are read.
const maxZipDepth = 4

// Read returns an iterator over the documents in paths, each a file or a
// directory to walk recursively. Each step yields either a Document and a
// nil error, or a zero Document and an *InputError; after an error the
// iteration goes on with the remaining inputs, so callers decide whether to
// stop. Files and directories whose names start with '.' are skipped while
// walking a directory but read when named in paths. Symbolic links are
// followed; a link back to a directory being walked is reported with
// ErrLoop instead of being followed. Files are read ahead on other
// goroutines; a panic there (a bug) is raised again in the caller's, as a
// *PanicError.
func Read(paths []string, opt Options) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) {
		r := newReader(opt, yield)
		for _, p := range paths {
			if !r.path(p) {
				return
			}
		}
	}
}

// reader holds the state of one iteration. Its methods return false once
// the consumer has stopped the iteration, so that every caller unwinds.
type reader struct {
	idField    string
	titleField string
	textField  string   // as given, for messages
	textFields []string // textField split on commas
	max        int64
	maxArchive int64
	keepRaw    bool
	// want, if set, is the one address being read (see Address): only
	// what it names, and errors about what holds it, are yielded.
	want    string
	yield   func(Document, error) bool
	yielded int // documents and errors so far, to notice inputs that give nothing
	// stop is closed once the consumer stops, so that the readers of
	// files read ahead stop too; shared by the copies of a reader.
	stop     chan struct{}
	stopOnce *sync.Once
}

func newReader(opt Options, yield func(Document, error) bool) *reader {
	r := &reader{
		idField:    opt.IDField,
		titleField: opt.TitleField,
		textField:  opt.TextField,
		max:        opt.MaxBytes,
		maxArchive: opt.MaxArchiveBytes,
		keepRaw:    opt.KeepRaw,
		yield:      yield,
		stop:       make(chan struct{}),
		stopOnce:   new(sync.Once),
	}
	if r.idField == "" {
		r.idField = "id"
	}
	if r.titleField == "" {
		r.titleField = "title"
	}
	if r.textField == "" {
		r.textField = "text"
	}
	for f := range strings.SplitSeq(r.textField, ",") {
		if f = strings.TrimSpace(f); f != "" {
			r.textFields = append(r.textFields, f)
		}
	}
	if len(r.textFields) == 0 {
		r.textField = "text"
		r.textFields = []string{"text"}
	}
	if r.max <= 0 {
		r.max = DefaultMaxBytes
	}
	r.max = min(r.max, maxLimit)
	if r.maxArchive <= 0 {
		r.maxArchive = DefaultMaxArchiveBytes
	}
	return r
}

func (r *reader) emit(d Document) bool {
	d.ID, d.Source = validName(d.ID), validName(d.Source)
	if r.want != "" && !onPath(r.want, d.Source) {
		return true
	}
	r.yielded++
	if !r.yield(d, nil) {
		r.halt()
		return false
	}
	return true
}

// fail reports err for source; line 0 and offset -1 mean unknown.
func (r *reader) fail(source string, line int, offset int64, err error) bool {
	if r.want != "" && !onPath(source, r.want) && !onPath(r.want, source) {
		return true
	}
	r.yielded++
	if !r.yield(Document{}, &InputError{Source: validName(source), Line: line, Offset: offset, Err: err}) {
		r.halt()
		return false
	}
	return true
}

// validName returns s, a name made of file names, with each byte that
// is not UTF-8 written \xNN: a file name on Unix may hold any bytes, and
// output in JSON would make each such byte U+FFFD, and two files' IDs
// one. Other names (from JSON) are UTF-8 already.
func validName(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// osError drops the *fs.PathError wrapper, whose path repeats the
// InputError's Source, keeping the underlying error for errors.Is.
func osError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

func (r *reader) path(p string) bool {
	if p == "-" {
		return r.stdin()
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		if a, ok := ParseAddress(p); ok {
			return r.address(p, a)
		}
	}
	if err != nil {
		return r.fail(p, 0, -1, osError(err))
	}
	switch {
	case fi.IsDir():
		return r.dir(p, "", []fs.FileInfo{fi})
	case fi.Mode().IsRegular():
		return r.file(p, p, fi.Size())
	default:
		return r.fail(p, 0, -1, ErrNotRegular)
	}
}

// dir walks directory p; rel is its path relative to the argument, with
// slashes, and ancestors are the directories being walked, to detect loops.
func (r *reader) dir(p, rel string, ancestors []fs.FileInfo) bool {
	entries, err := readDir(p)
	if err != nil {
		// os.ReadDir returns the entries it read before failing; they
		// are still walked below.
		if !r.fail(p, 0, -1, osError(err)) {
			return false
		}
	}
	type item struct {
		full, id string
		fi       fs.FileInfo
		err      error
	}
	var items []item
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		full := filepath.Join(p, name)
		fi, err := os.Stat(full) // follows symbolic links
		items = append(items, item{full, path.Join(rel, name), fi, err})
	}

	// Regular files are read ahead, one per core, each on its own
	// goroutine, and what they yield is passed on in order: decompressing
	// and decoding a directory of zips or JSON files is most of the time
	// of reading it. Reading ahead stops at a subdirectory, so that only
	// the directory being walked has files read ahead and the memory they
	// hold stays bounded however deep the tree.
	ahead := make([]*spool, len(items))
	started := 0 // items before this one are read ahead or not files
	readAhead := func(i int) {
		for started = max(started, i); started < min(i+runtime.GOMAXPROCS(0), len(items)); started++ {
			it := items[started]
			if it.err == nil && it.fi.IsDir() {
				break
			}
			if it.err == nil && it.fi.Mode().IsRegular() {
				ahead[started] = r.spoolFile(it.full, it.id, it.fi.Size())
			}
		}
	}
	defer func() {
		// No reading may outlive the iteration. Files still read ahead
		// here mean the iteration ends early: the consumer stopped,
		// panicked or called runtime.Goexit, so the readers are told to
		// stop (they could otherwise wait for room forever) and waited for.
		for _, sp := range ahead {
			if sp != nil {
				r.halt()
				<-sp.done
			}
		}
	}()
	for i, it := range items {
		var ok bool
		switch {
		case it.err != nil:
			ok = r.fail(it.full, 0, -1, osError(it.err))
		case it.fi.IsDir():
			if looping(ancestors, it.fi) {
				ok = r.fail(it.full, 0, -1, ErrLoop)
			} else {
				ok = r.dir(it.full, it.id, append(ancestors[:len(ancestors):len(ancestors)], it.fi))
			}
		case it.fi.Mode().IsRegular():
			readAhead(i)
			ok = ahead[i].replay(r)
			ahead[i] = nil
		default:
			// FIFOs and devices could block or never end.
			ok = r.fail(it.full, 0, -1, ErrNotRegular)
		}
		if !ok {
			return false
		}
	}
	return true
}

// blob is a file or a zip member not yet opened. It can be opened more than
// once, which lets error messages find line numbers after the fact.
type blob struct {
	name   string // file or member name, whose extension gives the format
	source string // for Document.Source and errors
	id     string // for Document.ID of plain text
	size   int64  // -1 if unknown
	open   func() (io.ReadCloser, error)
	// archive is the budget of the archive the blob is a member of, or
	// nil for a file.
	archive *archive
}

func (r *reader) file(p, id string, size int64) bool {
	if isZip(p) {
		return r.zipFile(p, id)
	}
	return r.blob(blob{
		name:   filepath.Base(p),
		source: p,
		id:     id,
		size:   size,
		open:   func() (io.ReadCloser, error) { return openFile(p) },
	}, 0)
}

func isZip(name string) bool { return strings.EqualFold(path.Ext(name), ".zip") }

// blob reads b according to its extension; depth counts enclosing zips.
func (r *reader) blob(b blob, depth int) bool {
	switch strings.ToLower(path.Ext(b.name)) {
	case ".json":
		return r.json(b)
	case ".jsonl", ".ndjson":
		return r.jsonl(b)
	case ".zip":
		return r.nestedZip(b, depth)
	default:
		return r.text(b)
	}
}
