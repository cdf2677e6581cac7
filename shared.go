package neardup

// A Corpus in PostgreSQL: Open and OpenReadOnly with a postgres:// URL.
// The documents, the candidate search and the collection statistics
// are the database's (package internal/pg); the process keeps only its
// cache of prepared documents. The methods of Corpus hand their work to
// the functions of the shared*.go files when c.shared is set, and share
// with the embedded corpus everything that is not storage or lookup:
// preparation, alignment, the order of answers.

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/neardup/neardup/internal/pg"
)

// sharedCorpus is what a Corpus in PostgreSQL holds besides its
// configuration and cache.
type sharedCorpus struct {
	db *pg.DB
	// docs and stats are the last counts read, for Len and Stats, which
	// cannot return an error, when the database cannot be read (or
	// after Close).
	docs  atomic.Int64
	stats atomic.Pointer[Stats]
}

// IsDatabaseURL reports whether name is the URL of a PostgreSQL
// database (postgres:// or postgresql://), which Open and OpenReadOnly
// open as a shared corpus, rather than a file.
func IsDatabaseURL(name string) bool { return pg.IsURL(name) }

// RedactURL returns name with the password of a database URL, if any,
// replaced by "xxxxx": what may be printed of it. A name that is not a
// database URL is returned as it is.
func RedactURL(name string) string {
	if !pg.IsURL(name) {
		return name
	}
	return pg.Redact(name)
}

// ctx is the context of the database calls: the Corpus API has none,
// and the URL's connect_timeout bounds a connection attempt.
var ctx = context.Background()

// openShared opens the corpus in the PostgreSQL database at url,
// creating its tables if need be (not if readOnly). The database
// remembers the configuration's stamp as a file does.
func openShared(url string, cfg Config, readOnly bool) (*Corpus, error) {
	c := &Corpus{cfg: cfg, pipe: cfg.Pipeline(), cache: newDocCache(cfg.cacheBytes())}
	stamp, err := c.pipe.Stamp()
	if err != nil {
		return nil, err
	}
	db, err := pg.Open(ctx, url, readOnly)
	if err != nil {
		return nil, fmt.Errorf("neardup: %w", err)
	}
	old, err := db.InitMeta(ctx, "config", stamp)
	if err == nil && old != stamp {
		err = stampError(old, stamp)
	}
	if err == nil {
		err = db.Warm(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	c.shared = &sharedCorpus{db: db}
	return c, nil
}

// sharedClose closes the database's connections.
func (c *Corpus) sharedClose() error {
	// Len and Stats answer after Close as of the moment it was called.
	c.sharedStats()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	c.closed = true
	c.shared.db.Close()
	return nil
}

// sharedLen is Len: the documents in the database now, or the last
// count read if it cannot be read.
func (c *Corpus) sharedLen() int {
	if !c.isClosed() {
		if v, err := c.shared.db.View(ctx); err == nil {
			n, _, _, err := v.Counts()
			v.Close()
			if err == nil {
				c.shared.docs.Store(n)
			}
		}
	}
	return int(c.shared.docs.Load())
}

// sharedStats is Stats, or the last one read if the database cannot be
// read (or after Close). IndexBytes is what the database holds for the
// candidate search: the mark and block tables with their indexes.
func (c *Corpus) sharedStats() Stats {
	if st, err := c.readSharedStats(); err == nil {
		c.shared.stats.Store(&st)
		c.shared.docs.Store(int64(st.Documents))
	}
	if st := c.shared.stats.Load(); st != nil {
		return *st
	}
	return Stats{}
}

func (c *Corpus) readSharedStats() (Stats, error) {
	if c.isClosed() {
		return Stats{}, ErrClosed
	}
	v, err := c.shared.db.View(ctx)
	if err != nil {
		return Stats{}, err
	}
	defer v.Close()
	docs, fps, postings, err := v.Counts()
	if err != nil {
		return Stats{}, err
	}
	bytes, err := v.Bytes()
	if err != nil {
		return Stats{}, err
	}
	return Stats{
		Documents:    int(docs),
		Fingerprints: int(fps),
		Postings:     int(postings),
		IndexBytes:   int(bytes["neardup_marks"] + bytes["neardup_blocks"]),
	}, nil
}

// TableBytes returns, for a corpus in PostgreSQL, the bytes its tables
// take on the server with their indexes, by table (neardup_docs,
// neardup_marks, neardup_blocks, neardup_stems); for any other corpus,
// nil.
func (c *Corpus) TableBytes() (map[string]int64, error) {
	if c.shared == nil {
		return nil, nil
	}
	if c.isClosed() {
		return nil, ErrClosed
	}
	v, err := c.shared.db.View(ctx)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	return v.Bytes()
}
