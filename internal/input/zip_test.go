package input

import (
	"bytes"
	"hash/crc32"
	"io"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZip(t *testing.T) {
	dir := t.TempDir()
	inner := zipData(t, member{"deep.txt", "من أرشيف داخل أرشيف"})
	data := zipData(t,
		// Archive order, not name order, is kept.
		member{"z-first.json", `[{"id":"n1","text":"خبر","url":"u1"},{"text":"bad", "title": 5},{"text":"خبر ثان"}]`},
		member{"docs/", ""},
		member{"docs/a.txt", "نص عادي\r\n"},
		member{"docs/.hidden.txt", "skipped"},
		member{"./dot.txt", "عضو باسم يبدأ بنقطة وشرطة"},
		member{"__MACOSX/docs/._a.txt", "\x00\x05\x16\x07 resource fork"},
		member{"feed.jsonl", `{"text":"l1"}` + "\n" + `{"text":` + "\n"},
		member{"empty.txt", ""},
		member{"inner.zip", string(inner)},
	)
	p := write(t, dir, "sub/archive.ZIP", string(data))

	docs, errs := collect(t, []string{dir}, Options{})
	assert.Equal(t, []string{
		p + "!z-first.json#0",
		p + "!z-first.json#2",
		p + "!docs/a.txt",
		p + "!./dot.txt",
		p + "!feed.jsonl:1",
		p + "!inner.zip!deep.txt",
	}, sources(docs))
	assert.Equal(t, []string{
		"n1",
		p + "!z-first.json#2",
		"sub/archive.ZIP!docs/a.txt",
		"sub/archive.ZIP!./dot.txt",
		p + "!feed.jsonl:1",
		"sub/archive.ZIP!inner.zip!deep.txt",
	}, ids(docs))
	assert.Equal(t, "نص عادي\r\n", docs[2].Text)
	assert.Equal(t, map[string]string{"url": "u1"}, docs[0].Meta)

	require.Len(t, errs, 3)
	assert.Equal(t, p+"!z-first.json#1", errs[0].Source)
	assert.ErrorIs(t, errs[0], ErrNotString)
	assert.Equal(t, p+"!feed.jsonl:2", errs[1].Source)
	assert.ErrorIs(t, errs[1], ErrMalformedJSON)
	assert.Equal(t, 2, errs[1].Line)
	assert.Equal(t, p+"!empty.txt", errs[2].Source)
	assert.ErrorIs(t, errs[2], ErrEmpty)
}

func TestZipErrors(t *testing.T) {
	dir := t.TempDir()
	notZip := write(t, dir, "fake.zip", "this is not a zip archive")
	empty := write(t, dir, "empty.zip", string(zipData(t)))
	onlyHidden := write(t, dir, "hidden.zip", string(zipData(t, member{".DS_Store", "x"})))
	big := write(t, dir, "big.zip", string(zipData(t,
		member{"big.txt", string(bytes.Repeat([]byte("x"), 200))},
		member{"ok.txt", "small"},
	)))

	// A member whose checksum does not match its content.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "corrupt.txt", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE([]byte("original")) + 1, CompressedSize64: 8, UncompressedSize64: 8,
	})
	require.NoError(t, err)
	_, err = w.Write([]byte("original"))
	require.NoError(t, err)
	w, err = zw.Create("fine.txt")
	require.NoError(t, err)
	_, err = w.Write([]byte("fine"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	corrupt := write(t, dir, "corrupt.zip", buf.String())

	docs, errs := collect(t, []string{notZip, empty, onlyHidden, big, corrupt}, Options{MaxBytes: 100})
	assert.Equal(t, []string{"small", "fine"}, texts(docs))
	require.Len(t, errs, 5)
	assert.ErrorIs(t, errs[0], zip.ErrFormat)
	assert.Equal(t, notZip+": zip: not a valid zip file", errs[0].Error())
	assert.ErrorIs(t, errs[1], ErrEmpty)
	assert.Equal(t, empty+": empty text: no files in zip archive", errs[1].Error())
	assert.ErrorIs(t, errs[2], ErrEmpty)
	assert.ErrorIs(t, errs[3], ErrTooLarge)
	assert.Equal(t, big+"!big.txt", errs[3].Source)
	assert.ErrorIs(t, errs[4], zip.ErrChecksum)
	assert.Equal(t, corrupt+"!corrupt.txt", errs[4].Source)
}

func TestZipNestingLimit(t *testing.T) {
	// nest wraps a text member in n zip archives inside the file's own.
	nest := func(n int) []byte {
		data := zipData(t, member{"doc.txt", "bottom"})
		for i := range n {
			data = zipData(t, member{"level" + string(rune('a'+i)) + ".zip", string(data)})
		}
		return data
	}
	dir := t.TempDir()
	p := write(t, dir, "ok.zip", string(nest(maxZipDepth-1)))
	docs, errs := collect(t, []string{p}, Options{})
	require.Empty(t, errs)
	require.Len(t, docs, 1)
	assert.Equal(t, p+"!levelc.zip!levelb.zip!levela.zip!doc.txt", docs[0].Source)

	p = write(t, dir, "deep.zip", string(nest(maxZipDepth)))
	docs, errs = collect(t, []string{p}, Options{})
	assert.Empty(t, docs)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrNested)
	assert.Equal(t, p+"!leveld.zip!levelc.zip!levelb.zip!levela.zip", errs[0].Source)
}

func TestZipPermission(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.zip", string(zipData(t, member{"a.txt", "a"})))
	t.Cleanup(func() { openFile = realOpenFile })
	openFile = func(name string) (io.ReadCloser, error) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	_, errs := collect(t, []string{filepath.Clean(p)}, Options{})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], fs.ErrPermission)
	assert.Equal(t, p, errs[0].Source)
}

// An encrypted member is named as such, not as corrupt data; the others
// are read.
func TestZipEncryptedMember(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "secret.txt", Method: zip.Store, Flags: 0x1,
		CRC32: crc32.ChecksumIEEE([]byte("ciphertext")), CompressedSize64: 10, UncompressedSize64: 10,
	})
	require.NoError(t, err)
	_, err = w.Write([]byte("ciphertext"))
	require.NoError(t, err)
	w, err = zw.Create("open.txt")
	require.NoError(t, err)
	_, err = w.Write([]byte("نص مقروء"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	docs, errs := readBytes("a.zip", buf.Bytes(), Options{})
	require.Len(t, docs, 1)
	assert.Equal(t, "a.zip!open.txt", docs[0].Source)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "a.zip!secret.txt: encrypted zip member")
}
