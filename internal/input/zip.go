package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strings"

	"github.com/klauspost/compress/zip"
)

// Zip archives: every member read as if it were a file, nested archives
// too, with the bytes decompressed from one archive (and those inside
// it) counted against Options.MaxArchiveBytes, so that a small archive
// cannot make the reader inflate without end.

// archive is the budget of decompressed bytes of one top-level archive,
// shared by the archives nested in it.
type archive struct {
	limit, left int64
	over        bool
}

func newArchive(limit int64) *archive { return &archive{limit: limit, left: limit} }

func (a *archive) err() error {
	return fmt.Errorf("%w: the archive decompresses to more than %d bytes; the rest of it is not read", ErrTooLarge, a.limit)
}

// metered is a member being read, its bytes counted against its archive.
type metered struct {
	io.ReadCloser
	a *archive
}

func (m *metered) Read(p []byte) (int, error) {
	if m.a.over {
		return 0, m.a.err()
	}
	n, err := m.ReadCloser.Read(p)
	if m.a.left -= int64(n); m.a.left < 0 {
		m.a.over = true
		return n, m.a.err()
	}
	return n, err
}

func (r *reader) zipFile(p, id string) bool {
	f, err := openFile(p)
	if err != nil {
		return r.fail(p, 0, -1, osError(err))
	}
	defer f.Close()
	ra, ok := f.(interface {
		io.ReaderAt
		Stat() (fs.FileInfo, error)
	})
	if !ok {
		return r.fail(p, 0, -1, errors.New("cannot seek in file"))
	}
	fi, err := ra.Stat()
	if err != nil {
		return r.fail(p, 0, -1, osError(err))
	}
	zr, err := zip.NewReader(ra, fi.Size())
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// Insecure member names do not matter: nothing is extracted.
		return r.fail(p, 0, -1, err)
	}
	return r.zipMembers(zr, p, id, 1, newArchive(r.maxArchive))
}

func (r *reader) nestedZip(b blob, depth int) bool {
	if depth >= maxZipDepth {
		return r.fail(b.source, 0, -1, ErrNested)
	}
	data, err := r.readAll(b)
	if err != nil {
		return r.fail(b.source, 0, -1, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return r.fail(b.source, 0, -1, err)
	}
	a := b.archive
	if a == nil { // an archive read as a blob, not through zipFile
		a = newArchive(r.maxArchive)
	}
	return r.zipMembers(zr, b.source, b.id, depth+1, a)
}

func (r *reader) zipMembers(zr *zip.Reader, source, id string, depth int, a *archive) bool {
	before := r.yielded
	for _, f := range zr.File {
		if a.over {
			break // the member that went over said so
		}
		if f.FileInfo().IsDir() || hiddenMember(f.Name) {
			continue
		}
		if m := source + "!" + f.Name; r.want != "" && !onPath(m, r.want) && !onPath(r.want, m) {
			continue // not on the way to the address read
		}
		if f.Flags&0x1 != 0 {
			// Read without the password, it would fail as corrupt data.
			if !r.fail(source+"!"+f.Name, 0, -1, errors.New("encrypted zip member: not read")) {
				return false
			}
			continue
		}
		size := int64(-1)
		if f.UncompressedSize64 <= math.MaxInt64 {
			size = int64(f.UncompressedSize64)
		}
		mb := blob{
			name:   f.Name,
			source: source + "!" + f.Name,
			id:     id + "!" + f.Name,
			size:   size,
			open: func() (io.ReadCloser, error) {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				return &metered{rc, a}, nil
			},
			archive: a,
		}
		if !r.blob(mb, depth) {
			return false
		}
	}
	if r.yielded == before && r.want == "" {
		return r.fail(source, 0, -1, fmt.Errorf("%w: no files in zip archive", ErrEmpty))
	}
	return true
}

// hiddenMember reports whether a zip member lies in or is a hidden file, as
// for directory walks; this also skips macOS "__MACOSX/._name" metadata.
// The path parts "." and "..", which some archivers write ("./a.txt"),
// name directories, not hidden files. Archivers on Windows may separate
// parts with backslashes ("..\a.txt"): those separate parts too.
func hiddenMember(name string) bool {
	for part := range strings.FieldsFuncSeq(name, func(c rune) bool { return c == '/' || c == '\\' }) {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}
