package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Format is the version of the on-disk layout written by Open. A store
// written by another version is refused with ErrVersion rather than
// misread.
const Format = 1

// File layout: one bbolt file holding a root bucket "neardup" whose
// "format" key says the version, and five buckets inside it:
//
//	meta   "u:"+key → SetMeta values
//	recs   big-endian number → encoded Record (see appendRecord)
//	marks  big-endian number → the record's marks, 8 bytes each
//	texts  big-endian number → original text
//	snaps  name + "/" + big-endian chunk number → a piece of a snapshot
//
// Records, marks and texts are apart so that Scan, which runs at every
// start, reads only the small records.
var (
	rootBucket  = []byte("neardup")
	metaBucket  = []byte("meta")
	recsBucket  = []byte("recs")
	marksBucket = []byte("marks")
	textsBucket = []byte("texts")
	snapsBucket = []byte("snaps")
	allBuckets  = [][]byte{metaBucket, recsBucket, marksBucket, textsBucket, snapsBucket}
	formatKey   = []byte("format")
)

// Bolt is a Store in one file, built on bbolt (go.etcd.io/bbolt). Every
// Put, Delete and SetMeta is one transaction, written and synced to disk
// before it returns: a process killed at any moment reopens with every
// change that returned and none that did not. One process at a time
// holds the file; a second Open fails after a second's wait. Make one
// with Open; the zero Bolt is a closed store.
type Bolt struct {
	db   *bolt.DB
	path string
}

// Open opens the store in the file at path, creating it if it does not
// exist. It returns an error wrapping ErrCorrupt for a file that is not
// a store, ErrVersion for one of another format version, and a plain
// error if the file is locked by another process or cannot be opened.
func Open(path string) (*Bolt, error) { return open(path, false) }

// OpenReadOnly opens the existing store in the file at path for reading:
// its writes return ErrReadOnly. Any number of processes may hold a
// store read-only at once, but not beside one that holds it to write;
// the file itself need not be writable.
func OpenReadOnly(path string) (*Bolt, error) { return open(path, true) }

func open(path string, readOnly bool) (s *Bolt, err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("store: %s is a directory, not a store file", path)
	}
	defer func() {
		// bbolt trusts its pages; a damaged file can make it panic.
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, p)
		}
	}()
	if readOnly {
		// bbolt opens a missing file read-only as an error that reads
		// like a damaged one.
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:      time.Second,
		FreelistType: bolt.FreelistMapType,
		ReadOnly:     readOnly,
	})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("store: %s is in use (opened by another process, or already by this one)", path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch):
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	case err != nil:
		if fi, serr := os.Stat(path); serr == nil && fi.Size() > 0 && !errors.Is(err, os.ErrPermission) {
			return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := initialize(db, readOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Bolt{db: db, path: path}, nil
}

// initialize creates the buckets of a new file, or checks those of an
// existing one; read-only, it only checks.
func initialize(db *bolt.DB, readOnly bool) error {
	want := fmt.Appendf(nil, "%d", Format)
	txn := db.Update
	if readOnly {
		txn = db.View
	}
	return txn(func(tx *bolt.Tx) error {
		root := tx.Bucket(rootBucket)
		if root == nil && readOnly {
			return fmt.Errorf("%w: no neardup buckets", ErrCorrupt)
		}
		if root == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return fmt.Errorf("%w: a bbolt file of another application", ErrCorrupt)
			}
			nb, err := tx.CreateBucket(rootBucket)
			if err != nil {
				return err
			}
			for _, name := range allBuckets {
				if _, err := nb.CreateBucket(name); err != nil {
					return err
				}
			}
			return nb.Put(formatKey, want)
		}
		got := root.Get(formatKey)
		if got == nil {
			return fmt.Errorf("%w: no format version", ErrCorrupt)
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%w: the file has format %q, this version reads %q", ErrVersion, got, want)
		}
		for _, name := range allBuckets {
			if root.Bucket(name) == nil {
				return fmt.Errorf("%w: bucket %q missing", ErrCorrupt, name)
			}
		}
		return nil
	})
}

// Path returns the file's path.
func (s *Bolt) Path() string { return s.path }

// buckets returns the three main buckets of tx.
func buckets(tx *bolt.Tx) (meta, recs, texts *bolt.Bucket) {
	root := tx.Bucket(rootBucket)
	return root.Bucket(metaBucket), root.Bucket(recsBucket), root.Bucket(textsBucket)
}

func bucket(tx *bolt.Tx, name []byte) *bolt.Bucket { return tx.Bucket(rootBucket).Bucket(name) }

// update and view run fn in a transaction, turning a closed database
// and a panic on a damaged page into errors.
func (s *Bolt) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.db == nil {
		return ErrClosed
	}
	defer s.recoverCorrupt(&err)
	return s.closedErr(s.db.Update(fn))
}

func (s *Bolt) view(fn func(tx *bolt.Tx) error) (err error) {
	if s.db == nil {
		return ErrClosed
	}
	defer s.recoverCorrupt(&err)
	return s.closedErr(s.db.View(fn))
}

// recoverCorrupt turns a panic in bbolt, which is how it meets a damaged
// page, into ErrCorrupt. A panic in the caller's own function (see
// callerPanic) is the caller's bug, not the file's: it goes on, with the
// frames that raised it still on the stack.
func (s *Bolt) recoverCorrupt(err *error) {
	p := recover()
	switch p := p.(type) {
	case nil:
	case callerPanic:
		panic(p.v)
	case storePanic:
		*err = fmt.Errorf("%w: %s: %v", ErrCorrupt, s.path, p.v)
	default:
		*err = fmt.Errorf("%w: %s: %v", ErrCorrupt, s.path, p)
	}
}

// callerPanic carries a panic raised in a function given to a Bolt method
// out of the transaction; storePanic one raised in bbolt while that
// function was running (reading or writing a snapshot).
type (
	callerPanic struct{ v any }
	storePanic  struct{ v any }
)

// caller runs the caller's fn, marking a panic in it as the caller's.
func caller(fn func() error) error {
	defer func() {
		switch p := recover().(type) {
		case nil:
		case storePanic:
			panic(p)
		default:
			panic(callerPanic{p})
		}
	}()
	return fn()
}

// inStore runs fn, a call into bbolt made on behalf of the caller's
// function, marking a panic in it as the store's.
func inStore[T any](fn func() T) T {
	defer func() {
		if p := recover(); p != nil {
			panic(storePanic{p})
		}
	}()
	return fn()
}

func (s *Bolt) closedErr(err error) error {
	switch {
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return ErrClosed
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return ErrReadOnly
	}
	return err
}

// Put implements Store.
func (s *Bolt) Put(recs []Record, texts []string) error {
	if err := check(recs, texts); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		_, rb, tb := buckets(tx)
		mb := bucket(tx, marksBucket)
		// Numbers mostly grow, so pages fill up rather than split in
		// halves.
		rb.FillPercent, tb.FillPercent, mb.FillPercent = 0.9, 0.9, 0.9
		for i, r := range recs {
			// bbolt keeps the slices until the commit.
			if err := rb.Put(key(r.Num), appendRecord(nil, r)); err != nil {
				return err
			}
			if err := mb.Put(key(r.Num), appendMarks(nil, r.Marks)); err != nil {
				return err
			}
			if err := tb.Put(key(r.Num), []byte(texts[i])); err != nil {
				return err
			}
		}
		return nil
	})
}

// Delete implements Store.
func (s *Bolt) Delete(nums []uint32) error {
	return s.update(func(tx *bolt.Tx) error {
		_, rb, tb := buckets(tx)
		mb := bucket(tx, marksBucket)
		for _, n := range nums {
			if err := rb.Delete(key(n)); err != nil {
				return err
			}
			if err := mb.Delete(key(n)); err != nil {
				return err
			}
			if err := tb.Delete(key(n)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Text implements Store.
func (s *Bolt) Text(n uint32) (string, error) {
	var text string
	err := s.view(func(tx *bolt.Tx) error {
		_, _, tb := buckets(tx)
		v := tb.Get(key(n))
		if v == nil {
			return fmt.Errorf("%w: %d", ErrNotFound, n)
		}
		text = string(v)
		return nil
	})
	return text, err
}

// Scan implements Store. It runs in one read transaction: writers go on
// meanwhile, and fn sees the store as it was when the scan began.
func (s *Bolt) Scan(fn func(Record) error) error {
	return s.view(func(tx *bolt.Tx) error {
		_, rb, _ := buckets(tx)
		var r Record
		c := rb.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n, err := num(k)
			if err != nil {
				return err
			}
			r.Num = n
			if err := decodeRecord(v, &r); err != nil {
				return fmt.Errorf("record %d: %w", n, err)
			}
			if err := caller(func() error { return fn(r) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScanMarks implements Store.
func (s *Bolt) ScanMarks(from uint32, fn func(uint32, []uint64) error) error {
	return s.view(func(tx *bolt.Tx) error {
		var marks []uint64
		c := bucket(tx, marksBucket).Cursor()
		for k, v := c.Seek(key(from)); k != nil; k, v = c.Next() {
			n, err := num(k)
			if err != nil {
				return err
			}
			if marks, err = decodeMarks(marks[:0], v); err != nil {
				return fmt.Errorf("record %d: %w", n, err)
			}
			if err := caller(func() error { return fn(n, marks) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// snapChunk is the size of the pieces a snapshot is stored in: bbolt
// values are limited to 2 GiB, and smaller pieces are written as they
// fill.
const snapChunk = 16 << 20

// Meta implements Store.
func (s *Bolt) Meta(k string) ([]byte, error) {
	var v []byte
	err := s.view(func(tx *bolt.Tx) error {
		mb, _, _ := buckets(tx)
		v = bytes.Clone(mb.Get([]byte("u:" + k)))
		return nil
	})
	return v, err
}

// SetMeta implements Store.
func (s *Bolt) SetMeta(k string, value []byte) error {
	return s.update(func(tx *bolt.Tx) error {
		mb, _, _ := buckets(tx)
		return mb.Put([]byte("u:"+k), bytes.Clone(value))
	})
}

// Close implements Store.
func (s *Bolt) Close() error {
	if s.db == nil {
		return nil
	}
	return s.db.Close()
}
