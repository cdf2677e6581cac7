package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"

	"github.com/klauspost/compress/zip"
)

// stdin is where "-" reads from; tests replace it.
var stdin io.Reader = os.Stdin

// stdin reads standard input, named "-": copied to a temporary file first,
// since the readers open their input again to find the line of an error
// and zip needs to seek, then read by what it starts with, as it has no
// extension to go by: a zip archive; a JSON array; JSON Lines if its first
// line is a whole JSON value (so also a single one-line object); another
// JSON object; otherwise plain text.
func (r *reader) stdin() bool {
	f, err := os.CreateTemp("", "neardup-stdin-*")
	if err != nil {
		return r.fail("-", 0, -1, osError(err))
	}
	defer os.Remove(f.Name())
	defer f.Close()
	size, err := io.Copy(f, stdin)
	if err != nil {
		return r.fail("-", 0, -1, osError(err))
	}
	head := make([]byte, 64<<10)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(f, size)
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			return r.fail("-", 0, -1, err)
		}
		return r.zipMembers(zr, "-", "-", 1, newArchive(r.maxArchive))
	}
	open := func() (io.ReadCloser, error) { return os.Open(f.Name()) }
	return r.blob(blob{name: "stdin" + sniffExt(head), source: "-", id: "-", size: size, open: open}, 0)
}

// sniffExt returns the extension that data's format would have.
func sniffExt(head []byte) string {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return ".txt"
	case trimmed[0] == '[':
		return ".json"
	case trimmed[0] != '{':
		return ".txt"
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	if json.Valid(bytes.TrimSpace(first)) {
		return ".jsonl"
	}
	return ".json"
}
