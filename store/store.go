// Package store keeps the documents of a corpus: for each, what the
// corpus indexes need to be rebuilt (its ID, fingerprint and winnowed
// marks: a Record) and its original text, which is read back to align
// the document with a query. The indexes themselves live in memory
// (package simhash and package index); a store is what makes them
// survive a restart.
//
// Store is the interface; Memory keeps everything in memory, and Open
// opens a durable single-file store built on bbolt, an embedded B+tree
// database with ACID transactions, whose commits are durable when they
// return. One process writes such a file at a time; OpenReadOnly opens
// it for reading in any number of processes at once. Every value in
// such a file carries a checksum and its size is checked against its
// header before it is read, so that a damaged file is an error wrapping
// ErrCorrupt, never a crash or a different document; Bolt.Verify reads
// all of it.
//
// The interface is narrow so that a database server can back it: Put and
// Delete are one transaction each, Text is a point read, and Scan one
// ordered range read. Numbers are dense and chosen by the caller (the
// corpus), so a shared backend can partition records by number range.
package store

import (
	"errors"
	"fmt"
	"io"

	"github.com/neardup/neardup/simhash"
)

// Record is a stored document without its text: what a corpus loads at
// start-up to rebuild its indexes.
type Record struct {
	// Num is the corpus's number for the document, unique in a store.
	Num uint32
	// ID is the caller's identifier of the document.
	ID string
	// Fingerprint is the document's SimHash; valid if HasFingerprint.
	Fingerprint    simhash.Fingerprint
	HasFingerprint bool
	// Marks are the hashes of the document's marks (prepare.Doc.Marks).
	Marks []uint64
	// Digest identifies the document's folded text: two records with
	// the same non-zero Digest hold texts that fold alike (see
	// neardup.Group). Zero means unknown.
	Digest Digest
}

// Digest is the first 16 bytes of the SHA-256 of a folded text: long
// enough that neither chance nor a crafted text makes two texts share
// one.
type Digest [16]byte

// Store is where a corpus keeps its documents. Implementations are safe
// for concurrent use.
type Store interface {
	// Put stores records and their texts (texts[i] is the text of
	// recs[i]) in one atomic step, replacing any records with the same
	// numbers. When Put returns nil the records are as durable as the
	// store makes them.
	Put(recs []Record, texts []string) error
	// Delete removes the records with the given numbers, in one atomic
	// step; numbers not stored are ignored.
	Delete(nums []uint32) error
	// Text returns the original text of the record numbered num, or an
	// error wrapping ErrNotFound.
	Text(num uint32) (string, error)
	// Scan calls fn with every record in increasing Num order, without
	// its marks (Marks is nil). An error from fn ends the scan and is
	// returned.
	Scan(fn func(Record) error) error
	// ScanMarks calls fn with the number and marks of every record
	// numbered from on, in increasing order. marks is valid only during
	// the call. An error from fn ends the scan and is returned.
	ScanMarks(from uint32, fn func(num uint32, marks []uint64) error) error
	// Meta returns the value stored under key by SetMeta, or nil.
	Meta(key string) ([]byte, error)
	// SetMeta stores a small value under key.
	SetMeta(key string, value []byte) error
	// Close releases the store. Using it afterwards returns ErrClosed.
	Close() error
}

// Errors returned by stores.
var (
	ErrNotFound = errors.New("store: no such record")
	ErrClosed   = errors.New("store: closed")
	// ErrCorrupt is wrapped by errors about a file that is not a store,
	// is cut short, or whose contents fail their checksums or cannot be
	// decoded.
	ErrCorrupt = errors.New("store: corrupt or not a neardup store")
	// ErrIncomplete is wrapped by the error of OpenReadOnly about a file
	// created but never made a store: the first Open of a path was
	// killed before it finished. Open completes it.
	ErrIncomplete = errors.New("store: incomplete: created, but never finished (an interrupted first write?); opening it to write completes it")
	// ErrVersion is wrapped by errors about a store written in a format
	// this version cannot read.
	ErrVersion = errors.New("store: unsupported format version")
	// ErrReadOnly is returned by the writes of a store opened read-only.
	ErrReadOnly = errors.New("store: opened read-only")
)

// Limits of a record, checked by Put so that a record stored can always
// be read back.
const (
	MaxIDLen = 1 << 16 // bytes
	MaxMarks = 1 << 24
)

// check returns an error if recs and texts cannot be stored.
func check(recs []Record, texts []string) error {
	if len(recs) != len(texts) {
		return fmt.Errorf("store: %d records but %d texts", len(recs), len(texts))
	}
	for _, r := range recs {
		if len(r.ID) > MaxIDLen {
			return fmt.Errorf("store: record %d: ID of %d bytes, more than %d", r.Num, len(r.ID), MaxIDLen)
		}
		if len(r.Marks) > MaxMarks {
			return fmt.Errorf("store: record %d: %d marks, more than %d", r.Num, len(r.Marks), MaxMarks)
		}
	}
	return nil
}

// Snapshots is implemented by stores that can keep large blobs beside
// the records, such as a serialized index, so that a corpus reopens
// without rebuilding it. Bolt implements it.
type Snapshots interface {
	// SaveSnapshot replaces the snapshot called name by what write
	// writes, atomically.
	SaveSnapshot(name string, write func(w io.Writer) error) error
	// LoadSnapshot calls read with the snapshot called name and reports
	// whether there is one. r is valid only during the call.
	LoadSnapshot(name string, read func(r io.Reader) error) (bool, error)
}
