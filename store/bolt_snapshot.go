package store

import (
	"bytes"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Snapshots in a bbolt file: a named blob written in chunks.

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
			return inStore(func() error { return b.Put(append(bytes.Clone(prefix), key(i)...), chunk) })
		}}
		if err := caller(func() error { return write(w) }); err != nil {
			return err
		}
		return w.flush()
	})
}

// LoadSnapshot implements Snapshots.
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
		r := &chunkReader{cur: v, next: func() []byte {
			return inStore(func() []byte {
				k, v := c.Next()
				if k == nil || !bytes.HasPrefix(k, prefix) {
					return nil
				}
				return v
			})
		}}
		return caller(func() error { return read(r) })
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
			w.buf = make([]byte, 0, snapChunk)
		}
		k := copy(w.buf[len(w.buf):cap(w.buf)], p)
		w.buf, p = w.buf[:len(w.buf)+k], p[k:]
		if len(w.buf) == cap(w.buf) {
			if err := w.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (w *chunkWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	// bbolt keeps the value until the commit: a fresh buffer each time.
	err := w.put(w.n, w.buf)
	w.n++
	w.buf = nil
	return err
}

// chunkReader reads the pieces of a snapshot in order.
type chunkReader struct {
	cur  []byte
	next func() []byte
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.cur = r.next(); r.cur == nil {
			return 0, io.EOF
		}
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}
