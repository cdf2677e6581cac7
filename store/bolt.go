package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Format is the version of the on-disk layout written by Open. A store
// written by another version is refused with ErrVersion rather than
// misread. Format 2 added a checksum to every value, a count of the
// records, and the digest of each record's folded text; a store of
// format 1 must be built again (ErrVersion says so).
const Format = 2

// File layout: one bbolt file holding a root bucket "neardup" whose
// "format" key says the version and whose "count" key the number of
// records, and five buckets inside it:
//
//	meta   "u:"+key → SetMeta values
//	recs   big-endian number → encoded Record (see appendRecord)
//	marks  big-endian number → the record's marks, 8 bytes each
//	texts  big-endian number → original text
//	snaps  name + "/" + big-endian chunk number → a piece of a snapshot
//
// Every value but the format ends with its checksum (see seal). Records,
// marks and texts are apart so that Scan, which runs at every start,
// reads only the small records. The count lets a scan tell that records
// went missing, which a damaged page of bbolt's tree can do without
// any value failing its checksum.
var (
	rootBucket  = []byte("neardup")
	metaBucket  = []byte("meta")
	recsBucket  = []byte("recs")
	marksBucket = []byte("marks")
	textsBucket = []byte("texts")
	snapsBucket = []byte("snaps")
	allBuckets  = [][]byte{metaBucket, recsBucket, marksBucket, textsBucket, snapsBucket}
	formatKey   = []byte("format")
	countKey    = []byte("count")
)

// Bolt is a Store in one file, built on bbolt (go.etcd.io/bbolt). Every
// Put, Delete and SetMeta is one transaction, written and synced to disk
// before it returns: a process killed at any moment reopens with every
// change that returned and none that did not. One process at a time
// holds the file; a second Open fails after a second's wait. Make one
// with Open; the zero Bolt is a closed store.
//
// A damaged file is an error wrapping ErrCorrupt, never a crash: the
// file's size is checked against its header when it is opened, every
// value read is checked against its checksum, and a read that faults
// all the same (the file cut short while open) is an error too.
type Bolt struct {
	db   *bolt.DB
	path string
}

// Open opens the store in the file at path, creating it if it does not
// exist. It returns an error wrapping ErrCorrupt for a file that is not
// a store or is damaged, ErrVersion for one of another format version,
// and a plain error if the file is locked by another process or cannot
// be opened.
func Open(path string) (*Bolt, error) { return open(path, false) }

// OpenReadOnly opens the existing store in the file at path for reading:
// its writes return ErrReadOnly. Any number of processes may hold a
// store read-only at once, but not beside one that holds it to write;
// the file itself need not be writable. A file that an interrupted
// Open left unfinished is an error wrapping ErrIncomplete.
func OpenReadOnly(path string) (*Bolt, error) { return open(path, true) }

func open(path string, readOnly bool) (s *Bolt, err error) {
	fi, serr := os.Stat(path)
	switch {
	case serr == nil && fi.IsDir():
		return nil, fmt.Errorf("store: %s is a directory, not a store file", path)
	case readOnly && serr != nil:
		// bbolt opens a missing file read-only as an error that reads
		// like a damaged one.
		return nil, fmt.Errorf("store: %w", serr)
	case readOnly && fi.Size() == 0:
		// Created, and killed before bbolt wrote its first pages.
		return nil, fmt.Errorf("%s: %w", path, ErrIncomplete)
	}
	defer func() {
		// bbolt trusts its pages; a damaged file can make it panic.
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("%w: %s: %s", ErrCorrupt, path, describePanic(p))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	// Opened read-only, bbolt reads nothing but the two headers (a
	// writer reads the free list too): what they say is checked against
	// the file under its lock, so that no writer changes the file
	// meanwhile, before anything else is read. A writer then opens the
	// file again, to write.
	var db *bolt.DB
	if fi != nil && fi.Size() > 0 {
		if db, err = boltOpen(path, true); err != nil {
			return nil, err
		}
		if err := checkFile(path); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if !readOnly {
		if db != nil {
			db.Close()
		}
		if db, err = boltOpen(path, false); err != nil {
			return nil, err
		}
	}
	if err := initialize(db, readOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Bolt{db: db, path: path}, nil
}

// boltOpen opens the bbolt file at path, and says what its errors mean.
func boltOpen(path string, readOnly bool) (*bolt.DB, error) {
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
	return db, nil
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
		if root == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			switch {
			case !empty:
				return fmt.Errorf("%w: a bbolt file of another application", ErrCorrupt)
			case readOnly:
				// bbolt's pages were written, the store's were not.
				return ErrIncomplete
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
			if err := writeCount(nb, 0); err != nil {
				return err
			}
			return nb.Put(formatKey, want)
		}
		got := root.Get(formatKey)
		switch {
		case got == nil:
			return fmt.Errorf("%w: no format version", ErrCorrupt)
		case string(got) == "1":
			return fmt.Errorf("%w: the file has format 1, written by an older version without checksums; this version reads format %s: build the store again from the original documents (dedupe index add)", ErrVersion, want)
		case !bytes.Equal(got, want):
			return fmt.Errorf("%w: the file has format %q, this version reads %q", ErrVersion, got, want)
		}
		for _, name := range allBuckets {
			if root.Bucket(name) == nil {
				return fmt.Errorf("%w: bucket %q missing", ErrCorrupt, name)
			}
		}
		_, err := readCount(root)
		return err
	})
}

// readCount returns the number of records stored, from the root bucket.
func readCount(root *bolt.Bucket) (uint64, error) {
	v := root.Get(countKey)
	if v == nil {
		return 0, fmt.Errorf("%w: no record count", ErrCorrupt)
	}
	p, err := unseal(countKey, countKey, v)
	if err != nil {
		return 0, err
	}
	if len(p) != 8 {
		return 0, fmt.Errorf("%w: record count of %d bytes", ErrCorrupt, len(p))
	}
	return binary.LittleEndian.Uint64(p), nil
}

func writeCount(root *bolt.Bucket, n uint64) error {
	return root.Put(countKey, seal(countKey, countKey, binary.LittleEndian.AppendUint64(nil, n)))
}

// Path returns the file's path.
func (s *Bolt) Path() string { return s.path }
