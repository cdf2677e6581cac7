package neardup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// NewCorpus returns an empty corpus in memory that prepares and
// compares texts with cfg.
func NewCorpus(cfg Config) *Corpus {
	c, err := OpenStore(new(store.Memory), cfg)
	if err != nil {
		// An empty memory store cannot fail to load.
		panic(err)
	}
	return c
}

// Open opens the corpus stored in the file at path, creating it if need
// be (package store: a bbolt file, one process at a time). Every Add and
// AddBatch that returned is on disk. The store remembers cfg's
// Settings: opening it with other ones returns ErrConfig. Close the
// corpus when done.
func Open(path string, cfg Config) (*Corpus, error) {
	return openFile(store.Open, path, cfg)
}

// OpenReadOnly opens the corpus stored in the file at path for queries
// (NearDuplicates, Sources, Query, Pairs, Clusters, Text): any number of
// processes may hold it at once, but not beside one that holds it with
// Open. Add, AddBatch and Remove return errors wrapping ErrReadOnly. The
// file must exist, and need not be writable.
func OpenReadOnly(path string, cfg Config) (*Corpus, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		// Said here: the store's own message is a bare stat error.
		return nil, fmt.Errorf("neardup: no store at %s: %w", path, fs.ErrNotExist)
	}
	return openFile(store.OpenReadOnly, path, cfg)
}

// openFile opens the store file at path with open and the corpus in it,
// closing the store if the corpus cannot be opened.
func openFile(open func(string) (*store.Bolt, error), path string, cfg Config) (*Corpus, error) {
	s, err := open(path)
	if err != nil {
		return nil, err
	}
	c, err := OpenStore(s, cfg)
	if err != nil {
		s.Close()
		return nil, err
	}
	return c, nil
}

// OpenStore returns the corpus kept in s, loading its IDs, fingerprints
// and marks into memory. The corpus owns s from then on: Close closes it.
func OpenStore(s store.Store, cfg Config) (*Corpus, error) {
	c := &Corpus{cfg: cfg, pipe: cfg.Pipeline(), store: s, cache: newDocCache(cfg.cacheBytes())}
	stamp, err := c.pipe.Stamp()
	if err != nil {
		return nil, err
	}
	old, err := s.Meta("config")
	if err != nil {
		return nil, fmt.Errorf("neardup: reading the store: %w", err)
	}
	w, loaded := c.loadSnapshot()
	// Sized for the documents the snapshot knows: growing a map of a
	// million strings costs more than the rest of the loading.
	c.ids = make(map[string]uint32, w)
	fps := make([]simhash.Entry, 0, w)
	err = s.Scan(func(r store.Record) error {
		if _, ok := c.ids[r.ID]; ok || r.ID == "" {
			return fmt.Errorf("%w: record %d: ID %q empty or repeated", ErrCorrupt, r.Num, r.ID)
		}
		c.ids[r.ID] = r.Num
		if int(r.Num) >= len(c.docs) {
			c.docs = slices.Grow(c.docs, int(r.Num)+1-len(c.docs))[:r.Num+1]
		}
		c.docs[r.Num] = entry{id: r.ID, fp: r.Fingerprint, hasFP: r.HasFingerprint, digest: r.Digest}
		if r.HasFingerprint {
			fps = append(fps, simhash.Entry{ID: simhash.ID(r.Num), Fingerprint: r.Fingerprint})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("neardup: loading the store: %w", err)
	}
	switch {
	case old == nil && len(c.ids) > 0:
		return nil, fmt.Errorf("%w: documents but no configuration stamp", ErrCorrupt)
	case old == nil:
		// A read-only store without documents has nothing to stamp.
		if err := s.SetMeta("config", []byte(stamp)); err != nil && !errors.Is(err, ErrReadOnly) {
			return nil, fmt.Errorf("neardup: writing the store: %w", err)
		}
	case string(old) != stamp:
		return nil, stampError(string(old), stamp)
	}
	c.fingerprints.Build(fps)
	if err := c.loadMarks(w, loaded); err != nil {
		return nil, err
	}
	if len(c.ids) == 0 || c.loadStems() {
		c.stemsReady.Store(true)
	}
	return c, nil
}

// loadMarks brings the mark index up to date with the store: the
// snapshot, if loaded, covers the documents numbered below w as they
// were when it was taken; the marks of the documents stored since are
// read from the store.
func (c *Corpus) loadMarks(w uint32, loaded bool) error {
	if loaded {
		if int(w) > len(c.docs) {
			c.docs = slices.Grow(c.docs, int(w)-len(c.docs))[:w] // numbers are never reused
		}
		// Take out the documents removed since, and check that the
		// snapshot holds every one still stored.
		for n := range w {
			stored, indexed := c.docs[n].id != "", c.marks.Has(index.DocID(n))
			if stored && !indexed {
				loaded = false // not this store's snapshot: rebuild
				break
			}
			if !stored && indexed {
				c.marks.Remove(index.DocID(n))
			}
		}
		if !loaded {
			c.marks = index.MarkIndex{}
		}
	}
	from := uint32(0)
	if loaded {
		from = w
	}
	var docs []index.Doc
	err := c.store.ScanMarks(from, func(n uint32, hashes []uint64) error {
		if int(n) >= len(c.docs) || c.docs[n].id == "" {
			return fmt.Errorf("%w: marks of record %d, which is not stored", ErrCorrupt, n)
		}
		// hashes is the store's buffer, valid only during the call.
		docs = append(docs, index.Doc{ID: index.DocID(n), Marks: slices.Clone(hashes)})
		return nil
	})
	if err == nil {
		err = c.checkMarks(from, docs)
	}
	if err != nil {
		return fmt.Errorf("neardup: loading the store: %w", err)
	}
	if err := c.marks.AddBatch(docs); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	c.dirty = !loaded || len(docs) > 0
	return nil
}

// checkMarks checks that docs, the marks read from the store for the
// documents numbered from on, hold those of every such document: marks
// lost from a damaged file would otherwise leave a document that no
// query finds by its marks.
func (c *Corpus) checkMarks(from uint32, docs []index.Doc) error {
	k := 0
	for n := int(from); n < len(c.docs); n++ {
		if c.docs[n].id == "" {
			continue
		}
		if k == len(docs) || docs[k].ID != index.DocID(n) {
			return &DocumentError{c.docs[n].id, fmt.Errorf("%w: record %d: its marks are missing", ErrCorrupt, n)}
		}
		k++
	}
	return nil
}

// stampError explains why a store stamped old cannot be opened by a
// configuration stamped now.
func stampError(old, now string) error {
	settings := func(stamp string) string {
		s, _, _ := strings.Cut(stamp, " probe=")
		return s
	}
	switch {
	case settings(old) == settings(now):
		// Same settings, other folding: a library version changed how
		// text folds (the probe text says so).
		return fmt.Errorf("%w: the same settings, but this version of the library folds text differently from the one that built the store; build it again", ErrConfig)
	case !strings.Contains(old, " shingle=") && settings(old) == strings.Replace(settings(now), fmt.Sprintf(" shingle=%d", shingle.DefaultSize), "", 1):
		// Stamps before the shingle size was named in them.
		return fmt.Errorf("%w: the store was built by an older version of the library (or with another shingle size); build it again", ErrConfig)
	}
	if d := stampDiff(old, now); d != "" {
		return fmt.Errorf("%w: %s", ErrConfig, d)
	}
	return fmt.Errorf("%w (store: %s; now: %s)", ErrConfig, old, now)
}
