package store

import (
	"bytes"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Snapshots in a bbolt file: a named blob written in chunks, each
//
//	flags    1 byte (bit 0: the last chunk)
//	payload  up to snapChunk bytes
//
// sealed with its checksum under the key name + "/" + its big-endian
// number, numbers counting from 0. A reader is handed a chunk only once
// it passed its check, and the chunks must run from 0 to one marked
// last: a snapshot damaged, cut short or with a chunk missing is an
// error, never a different index.

// snapChunk is the size of the pieces a snapshot is stored in: bbolt
// values are limited to 2 GiB, and smaller pieces are written as they
// fill.
const snapChunk = 16 << 20

const lastChunk = 1

// SaveSnapshot implements Snapshots. The snapshot is written in the
// same transaction that removes the old one: a crash leaves one or the
// other.
func (s *Bolt) SaveSnapshot(name string, write func(io.Writer) error) error {
	return s.update(func(tx *bolt.Tx) error {
		b := bucket(tx, snapsBucket)
		b.FillPercent = 1
		prefix := []byte(name + "/")
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		w := &chunkWriter{put: func(i uint32, chunk []byte) error {
			k := append(bytes.Clone(prefix), key(i)...)
			return inStore(func() error { return b.Put(k, seal(snapsBucket, k, chunk)) })
		}}
		if err := caller(func() error { return write(w) }); err != nil {
			return err
		}
		return w.flush(lastChunk)
	})
}

// LoadSnapshot implements Snapshots. A damaged snapshot is an error
// wrapping ErrCorrupt, whatever read returned on meeting it.
func (s *Bolt) LoadSnapshot(name string, read func(io.Reader) error) (bool, error) {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		prefix := []byte(name + "/")
		c := bucket(tx, snapsBucket).Cursor()
		k, v := c.Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) {
			return nil
		}
		found = true
		r := &chunkReader{name: name}
		r.next = func() bool {
			return inStore(func() bool {
				if r.n > 0 {
					k, v = c.Next()
				}
				return r.open(prefix, k, v)
			})
		}
		err := caller(func() error { return read(r) })
		if r.err == nil && err == nil {
			r.drain() // the rest must pass its checks too
		}
		if r.err != nil {
			return r.err
		}
		return err
	})
	return found, err
}

// chunkWriter cuts what is written into pieces of snapChunk bytes.
type chunkWriter struct {
	put func(i uint32, chunk []byte) error
	buf []byte
	n   uint32
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if w.buf == nil {
			w.buf = append(make([]byte, 0, 1+snapChunk+sumLen), 0)
		}
		k := copy(w.buf[len(w.buf):1+snapChunk], p)
		w.buf, p = w.buf[:len(w.buf)+k], p[k:]
		if len(w.buf) == 1+snapChunk {
			if err := w.flush(0); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// flush writes the chunk buffered, with flags; the last is written even
// if empty, to mark the end.
func (w *chunkWriter) flush(flags byte) error {
	if w.buf == nil {
		w.buf = []byte{0}
	}
	w.buf[0] = flags
	// bbolt keeps the value until the commit: a fresh buffer each time.
	err := w.put(w.n, w.buf)
	w.n++
	w.buf = nil
	return err
}

// chunkReader reads the pieces of a snapshot in order, each once it
// passed its checks.
type chunkReader struct {
	name string
	cur  []byte
	n    uint32 // chunks opened
	last bool   // the last chunk is open
	err  error  // the first damage met
	next func() bool
}

// open checks the chunk k, v, which should be the next one of the
// snapshot whose keys start with prefix, and makes it current.
func (r *chunkReader) open(prefix, k, v []byte) bool {
	if k == nil || !bytes.HasPrefix(k, prefix) {
		r.err = fmt.Errorf("%w: snapshot %q cut short after %d chunks", ErrCorrupt, r.name, r.n)
		return false
	}
	if want := append(bytes.Clone(prefix), key(r.n)...); !bytes.Equal(k, want) {
		r.err = fmt.Errorf("%w: snapshot %q: chunk %d missing", ErrCorrupt, r.name, r.n)
		return false
	}
	p, err := unseal(snapsBucket, k, v)
	if err == nil && (len(p) == 0 || p[0]&^lastChunk != 0) {
		err = fmt.Errorf("%w: bad chunk header", ErrCorrupt)
	}
	if err != nil {
		r.err = fmt.Errorf("snapshot %q: chunk %d: %w", r.name, r.n, err)
		return false
	}
	r.n++
	r.cur, r.last = p[1:], p[0]&lastChunk != 0
	return true
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.n == 0 && r.err == nil && !r.next() {
		return 0, r.err
	}
	for len(r.cur) == 0 {
		switch {
		case r.err != nil:
			return 0, r.err
		case r.last:
			return 0, io.EOF
		case !r.next():
			return 0, r.err
		}
	}
	// The chunk lies in the file's memory map: a fault copying it is
	// the store's, not the caller's.
	n := inStore(func() int { return copy(p, r.cur) })
	r.cur = r.cur[n:]
	return n, nil
}

// drain checks the chunks the reader left unread.
func (r *chunkReader) drain() {
	for r.err == nil && !r.last {
		if !r.next() {
			return
		}
	}
	if r.err == nil {
		r.cur = nil
	}
}
