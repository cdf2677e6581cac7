package neardup

import (
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// Corpus is a collection of documents that answers, for a new text,
// "what is near this?" (NearDuplicates) and "what does this reuse?"
// (Sources, or both at once with Query), and groups its documents into
// stories (Pairs, Clusters). Fingerprints live in a simhash.Index and
// marks in an index.MarkIndex, so queries cost a few lookups and the
// alignment of a handful of candidates, not a pass over the corpus.
//
// Documents are kept in a store.Store: in memory for NewCorpus, in a
// file for Open. Only IDs and fingerprints stay in memory besides the
// indexes; texts are read back and prepared again when they are
// candidates, with the most recently used prepared documents cached.
//
// A Corpus is safe for concurrent use: queries run in parallel; changes
// are serialized and exclude queries only while they update the indexes
// (preparing texts and writing the store happen outside that lock).
// Pairs and Clusters hold off changes while they run, but not queries.
//
// Make one with NewCorpus, Open, OpenReadOnly or OpenStore; the zero
// Corpus is not usable. After Close, every method but Len and Stats
// returns an error wrapping ErrClosed.
type Corpus struct {
	cfg   Config
	pipe  *prepare.Pipeline
	store store.Store
	cache *docCache

	// wmu serializes changes, and is held by Pairs and Clusters, which
	// read what follows without mu: every change holds wmu too.
	wmu   sync.Mutex
	dirty bool         // the mark index changed since loaded; under wmu
	mu    sync.RWMutex // guards what follows; changes hold it to publish
	ids   map[string]uint32
	// docs is indexed by number; removed numbers hold a zero entry.
	docs         []entry
	fingerprints simhash.Index
	marks        index.MarkIndex
	// stems counts the documents holding each word stem, once
	// stemsReady; stemsDirty says they changed since loaded (under wmu).
	stems      stemCounts
	stemsReady atomic.Bool
	stemsDirty bool
	// closed is set by Close, under both locks.
	closed bool
}

// entry is what a Corpus keeps in memory of a document, by number.
type entry struct {
	id     string // "" once removed
	fp     simhash.Fingerprint
	hasFP  bool
	digest store.Digest // of the folded text; zero without a fingerprint
}

// Document is a text with the caller's ID, for AddBatch.
type Document struct {
	ID   string
	Text string
}

// Match is a document of the corpus near a query.
type Match struct {
	ID       string `json:"id"`
	Distance int    `json:"distance"`
}

// Source is a document of the corpus that a query text reuses: the
// report compares the source (A) with the query (B).
type Source struct {
	ID     string         `json:"id"`
	Report compare.Report `json:"report"`
	// Copies are the documents of the corpus whose folded texts are
	// identical to this one's, when they make a Group with it: they
	// were not aligned, and the report holds for each of them in folded
	// text (its offsets are this document's).
	Copies []string `json:"copies,omitempty"`
}

// Pair is two documents of the corpus that share text: the report
// compares A with B, A added first.
type Pair struct {
	A      string         `json:"a"`
	B      string         `json:"b"`
	Report compare.Report `json:"report"`
}

// Close saves a snapshot of the mark index in the store, if the store
// keeps snapshots (Open's does), so that the next Open need not rebuild
// it, and closes the store. The corpus must not be used after. A corpus
// not closed (a crash) loses nothing: the next Open rebuilds the index
// from the stored marks, starting from the last snapshot. Closing again
// returns ErrClosed.
func (c *Corpus) Close() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return ErrClosed
	}
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	err := errors.Join(c.saveSnapshot(), c.saveStems())
	if errors.Is(err, ErrReadOnly) {
		// The next Open rebuilds what a read-only corpus could not save.
		err = nil
	}
	if cerr := c.store.Close(); err == nil {
		err = cerr
	}
	return err
}

// Stats describes a corpus's size.
type Stats struct {
	Documents    int `json:"documents"`
	Fingerprints int `json:"fingerprints"` // documents with one
	// Postings counts the (mark, document) pairs the mark index holds:
	// those of removed documents too, until it compacts (see
	// index.MarkIndex.Compact).
	Postings int `json:"postings"`
	// IndexBytes estimates the memory of both indexes.
	IndexBytes int `json:"index_bytes"`
}

// Stats returns the corpus's size.
func (c *Corpus) Stats() Stats {
	c.mu.RLock()
	defer c.mu.RUnlock()
	m := c.marks.Stats()
	return Stats{
		Documents:    len(c.ids),
		Fingerprints: c.fingerprints.Len(),
		Postings:     m.Postings,
		IndexBytes:   m.Bytes + c.fingerprints.MemoryBytes(),
	}
}

// Len returns the number of documents in the corpus.
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.ids)
}

// isClosed reports whether Close was called. A method that sees false may
// still meet a Close before it locks; it checks again under the lock.
func (c *Corpus) isClosed() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.closed
}

// snapshotName names the mark index's snapshot in a store. (Stores have
// called it so since before marks had their name.)
const snapshotName = "shingle-index"

// loadSnapshot loads the mark index from the store's snapshot, if it has
// a readable one, and returns the number of documents it covers. A
// damaged snapshot is ignored: the index is rebuilt from the marks.
func (c *Corpus) loadSnapshot() (uint32, bool) {
	ss, ok := c.store.(store.Snapshots)
	if !ok {
		return 0, false
	}
	var w uint32
	found, err := ss.LoadSnapshot(snapshotName, func(r io.Reader) error {
		var hdr [4]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return err
		}
		w = binary.LittleEndian.Uint32(hdr[:])
		_, err := c.marks.ReadFrom(r)
		return err
	})
	if !found || err != nil {
		c.marks = index.MarkIndex{}
		return 0, false
	}
	return w, true
}

// saveSnapshot writes the mark index to the store, if it keeps snapshots
// and the index changed since it was loaded. The caller holds c.wmu.
func (c *Corpus) saveSnapshot() error {
	ss, ok := c.store.(store.Snapshots)
	if !ok || !c.dirty {
		return nil
	}
	c.mu.RLock()
	w := uint32(len(c.docs))
	c.mu.RUnlock()
	return ss.SaveSnapshot(snapshotName, func(wr io.Writer) error {
		if _, err := wr.Write(binary.LittleEndian.AppendUint32(nil, w)); err != nil {
			return err
		}
		_, err := c.marks.WriteTo(wr)
		return err
	})
}
