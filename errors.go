package neardup

import (
	"errors"
	"fmt"
	"strings"

	"github.com/neardup/neardup/store"
)

// Errors of a Corpus. ErrNotFound, ErrClosed, ErrReadOnly and ErrCorrupt
// are the store's own (package store), so that errors.Is holds with
// either name.
var (
	// ErrDuplicateID is returned by Add for an ID the corpus already
	// holds. The sentinels about IDs do not say "document": the
	// *DocumentError wrapping them names the document.
	ErrDuplicateID = errors.New("ID already in the corpus")
	// ErrEmptyID is returned for a document without an ID.
	ErrEmptyID = errors.New("empty document ID")
	// ErrLongID is returned for a document whose ID is longer than the
	// store keeps (store.MaxIDLen bytes).
	ErrLongID = fmt.Errorf("ID longer than %d bytes", store.MaxIDLen)
	// ErrWrite is wrapped, beside the store's own error, by the errors
	// of the documents of a write to the store that failed (a full
	// disk, a file system gone read-only): they were not added.
	ErrWrite = errors.New("writing the store failed")
	// ErrStopped is wrapped by the errors of the documents AddBatch did
	// not try to add because a write to the store failed before them.
	ErrStopped = errors.New("not added: a write to the store failed before")
	// ErrConfig is returned by Open for a store written with another
	// configuration: its fingerprints and marks would not match new
	// ones.
	ErrConfig = errors.New("neardup: the store was built with a different configuration")

	// ErrNotFound is wrapped by the error about a document the corpus
	// does not hold.
	ErrNotFound = store.ErrNotFound
	// ErrClosed is returned by the methods of a closed corpus.
	ErrClosed = store.ErrClosed
	// ErrReadOnly is wrapped by the errors of changes to a corpus opened
	// with OpenReadOnly.
	ErrReadOnly = store.ErrReadOnly
	// ErrCorrupt is wrapped by the errors about a damaged store.
	ErrCorrupt = store.ErrCorrupt
)

// DocumentError is an error about one document given to Add or
// AddBatch; AddBatch joins one for each document it could not add.
type DocumentError struct {
	ID  string
	Err error
}

func (e *DocumentError) Error() string {
	id := e.ID
	if len(id) > maxIDShown {
		// An ID too long to store would drown the message.
		id = strings.ToValidUTF8(id[:maxIDShown], "") + "…"
	}
	return fmt.Sprintf("neardup: document %q: %v", id, e.Err)
}

// maxIDShown is how many bytes of an ID DocumentError.Error shows.
const maxIDShown = 200

// Unwrap returns e.Err.
func (e *DocumentError) Unwrap() error { return e.Err }

// notFound is the error about an ID the corpus does not hold.
func notFound(id string) error { return &DocumentError{id, ErrNotFound} }
