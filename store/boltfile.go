package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// Checking a bbolt file's header against its size before any page is
// read. bbolt maps the file into memory and trusts what its header
// says: a file cut short makes the first read past its end a fault (a
// SIGBUS), which no recover catches. The header's high-water mark says
// how many pages the file holds; a file shorter than that is refused
// here. The free list, which a writer reads first, is checked as well.

// The layout of bbolt's pages (go.etcd.io/bbolt/internal/common): a
// 16-byte page header (id, flags, count, overflow), and in each of the
// two meta pages, after it, the meta: magic, version, page size, flags,
// root bucket (root page, sequence), free list page, high-water mark
// (pgid), transaction ID, and the FNV-64a checksum of all before it.
const (
	pageHeader     = 16
	metaSumOffset  = 56 // bytes of the meta that the checksum covers
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	freelistFlag   = 0x10
	noFreelist     = ^uint64(0)
	minPageSize    = 1 << 10
	maxPageSize    = 1 << 24
	firstMetaBytes = 0x1000 // what bbolt reads to find the page size
)

// boltMeta is the part of a bbolt meta page the checks read.
type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// parseMeta decodes the meta in page, or reports it invalid as bbolt
// would (magic, version, checksum).
func parseMeta(page []byte) (boltMeta, bool) {
	if len(page) < pageHeader+metaSumOffset+8 {
		return boltMeta{}, false
	}
	m := page[pageHeader:]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	if le.Uint32(m) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[metaSumOffset:]) != h.Sum64() {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, true
}

// checkHeader checks the bbolt file f, of size bytes, against its
// header: the meta bbolt will use (the valid one of the highest
// transaction) must describe a file that fits in size bytes, with its
// root and free list inside, and a free list that names pages inside.
// The caller holds bbolt's lock on the file, so no writer changes it
// meanwhile.
func checkHeader(f io.ReaderAt, size int64) error {
	page := make([]byte, firstMetaBytes)
	read := func(off int64) []byte {
		n, err := f.ReadAt(page, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil
		}
		return page[:n]
	}
	// The page size is in either meta; bbolt looks for the second one
	// at every power of two from 1 KiB when the first is damaged.
	m0, ok0 := parseMeta(read(0))
	pageSize := int64(m0.pageSize)
	if !ok0 {
		for p := int64(minPageSize); p <= maxPageSize && p < size; p <<= 1 {
			if m, ok := parseMeta(read(p)); ok {
				pageSize = int64(m.pageSize)
				break
			}
		}
	}
	if pageSize < minPageSize || pageSize > maxPageSize || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("%w: no readable bbolt header (not a store, or both of its headers damaged)", ErrCorrupt)
	}
	m1, ok1 := parseMeta(read(pageSize))
	if ok0 && int64(m0.pageSize) != pageSize {
		ok0 = false
	}
	if ok1 && int64(m1.pageSize) != pageSize {
		ok1 = false
	}
	// bbolt takes the valid meta of the highest transaction.
	m := m0
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		m = m1
	case !ok0 && !ok1:
		return fmt.Errorf("%w: both bbolt headers damaged", ErrCorrupt)
	}
	pages := uint64(size / pageSize)
	switch {
	case m.pgid > pages:
		return fmt.Errorf("%w: cut short: its header says %d bytes, the file has %d", ErrCorrupt, m.pgid*uint64(pageSize), size)
	case m.root < 2 || m.root >= m.pgid:
		return fmt.Errorf("%w: root page %d outside the file's %d pages", ErrCorrupt, m.root, m.pgid)
	case m.freelist == noFreelist:
		return nil
	case m.freelist < 2 || m.freelist >= m.pgid:
		return fmt.Errorf("%w: free list page %d outside the file's %d pages", ErrCorrupt, m.freelist, m.pgid)
	}
	return checkFreelist(f, m, pageSize)
}

// checkFreelist checks that the free list page of m lies inside the
// file and names pages inside it: a writer reads it first, and would
// otherwise read past the end or hand out pages in use.
func checkFreelist(f io.ReaderAt, m boltMeta, pageSize int64) error {
	bad := func(why string, args ...any) error {
		return fmt.Errorf("%w: free list: %s", ErrCorrupt, fmt.Sprintf(why, args...))
	}
	hdr := make([]byte, pageHeader+8)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*pageSize); err != nil {
		return bad("unreadable: %v", err)
	}
	le := binary.LittleEndian
	if le.Uint64(hdr) != m.freelist || le.Uint16(hdr[8:])&freelistFlag == 0 {
		return bad("page %d is not a free list", m.freelist)
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if m.freelist+overflow+1 > m.pgid {
		return bad("runs past the file's %d pages", m.pgid)
	}
	first, count := uint64(0), uint64(le.Uint16(hdr[10:]))
	if count == 0xFFFF { // the count is the first element
		first, count = 1, le.Uint64(hdr[pageHeader:])
	}
	room := ((overflow+1)*uint64(pageSize) - pageHeader) / 8
	if count > room || first+count > room {
		return bad("%d entries in %d pages", count, overflow+1)
	}
	ids := make([]byte, count*8)
	if _, err := f.ReadAt(ids, int64(m.freelist)*pageSize+pageHeader+int64(first)*8); err != nil {
		return bad("unreadable: %v", err)
	}
	for i := 0; i < len(ids); i += 8 {
		if id := le.Uint64(ids[i:]); id < 2 || id >= m.pgid {
			return bad("names page %d, outside the file's %d pages", id, m.pgid)
		}
	}
	return nil
}

// checkFile runs checkHeader on the file at path.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return checkHeader(f, fi.Size())
}
