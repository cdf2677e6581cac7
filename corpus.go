package neardup

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/shingle"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// DefaultRadius is the Hamming distance within which a Corpus takes
// documents for candidates by fingerprint (Config.Radius): an edited
// copy of a news article (5% of its words replaced) stays within 6 bits
// of the original in 88% of cases, while random article pairs that close
// are about one in 10,000 (README, "Choosing the shingle size"). Every
// candidate is verified by alignment.
const DefaultRadius = 6

// DefaultCacheBytes is how much memory of prepared documents a Corpus
// keeps by default (Config.CacheBytes). A prepared document takes about
// 16 bytes a rune plus its text (26.5 KB for the average SaudiNewsNet
// article), so 512 MiB hold some 17,000 news articles: the stories of a
// few days, which is where candidates come from.
const DefaultCacheBytes = 512 << 20

// ErrDuplicateID is returned by Add for an ID the corpus already holds.
var ErrDuplicateID = errors.New("neardup: document ID already in the corpus")

// ErrConfig is returned by Open for a store written with another
// configuration: its fingerprints and marks would not match new ones.
var ErrConfig = errors.New("neardup: the store was built with a different configuration")

// Corpus is a collection of documents that answers, for a new text,
// "what is near this?" (NearDuplicates) and "what does this reuse?"
// (Sources), and groups its documents into stories (Clusters, Pairs).
// Fingerprints live in a simhash.Index and winnowed seed windows in an
// index.Index, so queries cost a few lookups and the alignment of a
// handful of candidates, not a pass over the corpus.
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
// Make one with NewCorpus, Open or OpenStore; the zero Corpus is not
// usable. After Close, every method but Len and Stats returns an error
// wrapping store.ErrClosed.
type Corpus struct {
	cfg   Config
	store store.Store
	cache *docCache

	// wmu serializes changes, and is held by Pairs and Clusters, which
	// read what follows without mu: every change holds wmu too.
	wmu   sync.Mutex
	dirty bool         // the shingle index changed since loaded; under wmu
	mu    sync.RWMutex // guards what follows; changes hold it to publish
	ids   map[string]uint32
	// docs is indexed by number; removed numbers hold a zero entry.
	docs []entry
	fps  simhash.Index
	segs index.Index
	// closed is set by Close, under both locks.
	closed bool
}

type entry struct {
	id    string // "" once removed
	fp    simhash.Fingerprint
	hasFP bool
}

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

// ErrEmptyID is returned for a document without an ID.
var ErrEmptyID = errors.New("neardup: empty document ID")

// ErrLongID is returned for a document whose ID is longer than the store
// keeps (store.MaxIDLen bytes).
var ErrLongID = fmt.Errorf("neardup: document ID longer than %d bytes", store.MaxIDLen)

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
}

// Pair is two documents of the corpus that share text: the report
// compares A with B, A added first.
type Pair struct {
	A      string         `json:"a"`
	B      string         `json:"b"`
	Report compare.Report `json:"report"`
}

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
// normalization and shingling: opening it with another configuration
// returns ErrConfig. Close the corpus when done.
func Open(path string, cfg Config) (*Corpus, error) {
	return openFile(store.Open, path, cfg)
}

// OpenReadOnly opens the corpus stored in the file at path for queries
// (NearDuplicates, Sources, Pairs, Clusters, Text): any number of
// processes may hold it at once, but not beside one that holds it with
// Open. Add, AddBatch and Remove return errors wrapping
// store.ErrReadOnly. The file must exist, and need not be writable.
func OpenReadOnly(path string, cfg Config) (*Corpus, error) {
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
	c := &Corpus{cfg: cfg, store: s, ids: map[string]uint32{}, cache: newDocCache(cfg.cacheBytes())}
	stamp, err := cfg.stamp()
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
			return fmt.Errorf("%w: record %d: ID %q empty or repeated", store.ErrCorrupt, r.Num, r.ID)
		}
		c.ids[r.ID] = r.Num
		if int(r.Num) >= len(c.docs) {
			c.docs = slices.Grow(c.docs, int(r.Num)+1-len(c.docs))[:r.Num+1]
		}
		c.docs[r.Num] = entry{id: r.ID, fp: r.Fingerprint, hasFP: r.HasFingerprint}
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
		return nil, fmt.Errorf("%w: documents but no configuration stamp", store.ErrCorrupt)
	case old == nil:
		// A read-only store without documents has nothing to stamp.
		if err := s.SetMeta("config", []byte(stamp)); err != nil && !errors.Is(err, store.ErrReadOnly) {
			return nil, fmt.Errorf("neardup: writing the store: %w", err)
		}
	case string(old) != stamp:
		return nil, stampError(string(old), stamp)
	}
	c.fps.Build(fps)

	// The snapshot covers the documents numbered below w as they were
	// when it was taken: take out those removed since, and check that it
	// holds every one still stored.
	if loaded {
		if int(w) > len(c.docs) {
			c.docs = slices.Grow(c.docs, int(w)-len(c.docs))[:w] // numbers are never reused
		}
		for n := range w {
			stored, indexed := c.docs[n].id != "", c.segs.Has(index.DocID(n))
			if stored && !indexed {
				loaded = false // not this store's snapshot: rebuild
				break
			}
			if !stored && indexed {
				c.segs.Remove(index.DocID(n))
			}
		}
		if !loaded {
			c.segs = index.Index{}
		}
	}
	from := uint32(0)
	if loaded {
		from = w
	}
	var segs []index.Doc
	err = s.ScanMarks(from, func(n uint32, hashes []uint64) error {
		if int(n) >= len(c.docs) || c.docs[n].id == "" {
			return fmt.Errorf("%w: marks of record %d, which is not stored", store.ErrCorrupt, n)
		}
		marks := make([]index.Mark, len(hashes))
		for i, h := range hashes {
			marks[i].Hash = h
		}
		segs = append(segs, index.Doc{ID: index.DocID(n), Marks: marks})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("neardup: loading the store: %w", err)
	}
	if err := c.segs.AddBatch(segs); err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	c.dirty = !loaded || len(segs) > 0
	return c, nil
}

// snapshotName names the shingle index's snapshot in a store.
const snapshotName = "shingle-index"

// loadSnapshot loads the shingle index from the store's snapshot, if it
// has a readable one, and returns the number of documents it covers.
// A damaged snapshot is ignored: the index is rebuilt from the marks.
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
		_, err := c.segs.ReadFrom(r)
		return err
	})
	if !found || err != nil {
		c.segs = index.Index{}
		return 0, false
	}
	return w, true
}

// saveSnapshot writes the shingle index to the store, if it keeps
// snapshots and the index changed since it was loaded. The caller holds
// c.wmu.
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
		_, err := c.segs.WriteTo(wr)
		return err
	})
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
	return fmt.Errorf("%w (store: %s; now: %s)", ErrConfig, old, now)
}

// stamp describes what the stored fingerprints and marks depend on: the
// rules, debris removal, the shingle size, and what they give on a probe
// text, which covers any change of the folding itself.
func (c Config) stamp() (string, error) {
	const probe = "Probe: أَحْمَدُ ذهبَ إلى المدرسة ١٢٣ — Ünïcödé ﻻ ک ی مسؤول شئون ﺅ ٵ"
	d, err := c.Prepare(probe)
	if err != nil {
		return "", err
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%x %v", d.Fingerprint, marksOf(d))
	size := c.Compare.ShingleSize
	if size <= 0 {
		size = shingle.DefaultSize
	}
	return fmt.Sprintf("neardup-corpus/1 rules=%+v keepDebris=%v shingle=%d k=%d w=%d probe=%x",
		c.Rules, c.KeepDebris, size, index.DefaultK, index.DefaultW, h.Sum64()), nil
}

func (c Config) cacheBytes() int {
	if c.CacheBytes == 0 {
		return DefaultCacheBytes
	}
	return max(c.CacheBytes, 0)
}

// marksOf returns the winnowed seed windows of d, as indexed.
func marksOf(d *compare.Doc) []index.Mark {
	return index.AppendMarks(nil, d.Text.Runes, index.DefaultK, index.DefaultW)
}

// Close saves a snapshot of the shingle index in the store, if the store
// keeps snapshots (Open's does), so that the next Open need not rebuild
// it, and closes the store. The corpus must not be used after. A corpus
// not closed (a crash) loses nothing: the next Open rebuilds the index
// from the stored marks, starting from the last snapshot. Closing again
// returns store.ErrClosed.
func (c *Corpus) Close() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return store.ErrClosed
	}
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	err := c.saveSnapshot()
	if errors.Is(err, store.ErrReadOnly) {
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
	// Postings counts the (mark, document) pairs the shingle index
	// holds: those of removed documents too, until it compacts (see
	// index.Index.Compact).
	Postings int `json:"postings"`
	// IndexBytes estimates the memory of both indexes.
	IndexBytes int `json:"index_bytes"`
}

// Stats returns the corpus's size.
func (c *Corpus) Stats() Stats {
	c.mu.RLock()
	defer c.mu.RUnlock()
	seg := c.segs.Stats()
	return Stats{
		Documents:    len(c.ids),
		Fingerprints: c.fps.Len(),
		Postings:     seg.Postings,
		IndexBytes:   seg.Bytes + c.fps.MemoryBytes(),
	}
}

// isClosed reports whether Close was called. A method that sees false may
// still meet a Close before it locks; it checks again under the lock.
func (c *Corpus) isClosed() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.closed
}

// Len returns the number of documents in the corpus.
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.ids)
}

// Add prepares text and adds it under id, a non-empty string of at most
// store.MaxIDLen bytes. It returns a *DocumentError wrapping ErrEmptyID,
// ErrLongID, ErrDuplicateID if id is taken, normalize.ErrTooLong, or the
// store's error, in which case nothing is added. When it returns nil the
// document is in the store (on disk for Open).
func (c *Corpus) Add(id, text string) error {
	if errs := c.addStep([]Document{{ID: id, Text: text}}); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// batchSize is how many documents AddBatch prepares, stores and indexes
// in one step: enough to amortize a disk sync, few enough that the
// prepared documents of a step stay small.
const batchSize = 512

// AddBatch adds docs, preparing them in parallel on all cores and
// storing them in steps of a few hundred, each one transaction. Every
// document that can be added is (a document Add would refuse does not
// hold up the others, but a failing store write fails its whole step);
// the error joins the failures, each a *DocumentError naming its
// document. When it returns, the documents added are in the store.
func (c *Corpus) AddBatch(docs []Document) error {
	if c.isClosed() {
		return store.ErrClosed
	}
	var errs []error
	step := func(k int) []Document { return docs[k*batchSize : min((k+1)*batchSize, len(docs))] }
	steps := (len(docs) + batchSize - 1) / batchSize
	// Each step is prepared while the one before is stored and indexed,
	// which is serial work that would leave the other cores idle.
	var preps []prepared
	if steps > 0 {
		preps = c.prepare(step(0))
	}
	for k := range steps {
		var next []prepared
		done := make(chan struct{})
		go func() {
			defer close(done)
			if k+1 < steps {
				next = c.prepare(step(k + 1))
			}
		}()
		errs = append(errs, c.commit(step(k), preps)...)
		<-done
		preps = next
	}
	return errors.Join(errs...)
}

type prepared struct {
	doc   *compare.Doc
	marks []index.Mark
	err   error
}

func (c *Corpus) addStep(docs []Document) []error {
	return c.commit(docs, c.prepare(docs))
}

// prepare prepares docs on all cores.
func (c *Corpus) prepare(docs []Document) []prepared {
	preps := make([]prepared, len(docs))
	parallel(len(docs), func(i int) {
		switch id := docs[i].ID; {
		case id == "":
			preps[i].err = &DocumentError{"", ErrEmptyID}
			return
		case len(id) > store.MaxIDLen:
			// Checked here, not left to the store, which refuses the
			// whole step for one record it cannot keep.
			preps[i].err = &DocumentError{id, ErrLongID}
			return
		}
		d, err := c.cfg.Prepare(docs[i].Text)
		if err != nil {
			preps[i].err = &DocumentError{docs[i].ID, err}
			return
		}
		preps[i] = prepared{doc: d, marks: marksOf(d)}
	})
	return preps
}

// commit stores and indexes docs, prepared as preps.
func (c *Corpus) commit(docs []Document, preps []prepared) []error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		errs := make([]error, len(docs))
		for i, d := range docs {
			errs[i] = &DocumentError{d.ID, store.ErrClosed}
		}
		return errs
	}
	var (
		errs  []error
		recs  []store.Record
		texts []string
		keep  []int // indices into docs of recs
		batch = map[string]bool{}
	)
	next := uint32(len(c.docs))
	for i, d := range docs {
		p := &preps[i]
		if p.err != nil {
			errs = append(errs, p.err)
			continue
		}
		if _, ok := c.ids[d.ID]; ok || batch[d.ID] {
			errs = append(errs, &DocumentError{d.ID, ErrDuplicateID})
			continue
		}
		batch[d.ID] = true
		hashes := make([]uint64, len(p.marks))
		for k, m := range p.marks {
			hashes[k] = m.Hash
		}
		recs = append(recs, store.Record{
			Num: next, ID: d.ID, Fingerprint: p.doc.Fingerprint,
			HasFingerprint: p.doc.HasFingerprint, Marks: hashes,
		})
		texts = append(texts, d.Text)
		keep = append(keep, i)
		next++
	}
	if len(recs) == 0 {
		return errs
	}
	if err := c.store.Put(recs, texts); err != nil {
		for _, i := range keep {
			errs = append(errs, &DocumentError{docs[i].ID, err})
		}
		return errs
	}
	segs := make([]index.Doc, len(recs))
	for k, r := range recs {
		segs[k] = index.Doc{ID: index.DocID(r.Num), Marks: preps[keep[k]].marks}
	}
	c.dirty = true
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.segs.AddBatch(segs); err != nil {
		// Numbers are fresh, so the index cannot hold them already.
		panic(fmt.Sprintf("neardup: indexing new documents: %v", err))
	}
	for k, r := range recs {
		c.ids[r.ID] = r.Num
		c.docs = append(c.docs, entry{id: r.ID, fp: r.Fingerprint, hasFP: r.HasFingerprint})
		if r.HasFingerprint {
			c.fps.Add(simhash.ID(r.Num), r.Fingerprint)
		}
		c.cache.put(r.Num, preps[keep[k]].doc)
	}
	return errs
}

// Remove removes the document with id and reports whether it was there.
// An error from the store leaves the document in the corpus.
func (c *Corpus) Remove(id string) (bool, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return false, fmt.Errorf("neardup: removing %q: %w", id, store.ErrClosed)
	}
	c.mu.RLock()
	n, ok := c.ids[id]
	c.mu.RUnlock()
	if !ok {
		return false, nil
	}
	if err := c.store.Delete([]uint32{n}); err != nil {
		return false, fmt.Errorf("neardup: removing %q: %w", id, err)
	}
	c.dirty = true
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.ids, id)
	c.docs[n] = entry{}
	c.fps.Remove(simhash.ID(n))
	c.segs.Remove(index.DocID(n))
	c.cache.remove(n)
	return true, nil
}

// Fingerprint returns the fingerprint of the document with id:
// simhash.ErrNoFeatures if it has none (nothing left to shingle), an
// error wrapping store.ErrNotFound if there is no such document.
func (c *Corpus) Fingerprint(id string) (simhash.Fingerprint, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.ids[id]
	switch {
	case c.closed:
		return 0, store.ErrClosed
	case !ok:
		return 0, fmt.Errorf("neardup: document %q: %w", id, store.ErrNotFound)
	case !c.docs[n].hasFP:
		return 0, simhash.ErrNoFeatures
	}
	return c.docs[n].fp, nil
}

// Text returns the original text of the document with id, as added:
// the text the byte and rune offsets of its reports refer to. It returns
// an error wrapping store.ErrNotFound if there is no such document.
func (c *Corpus) Text(id string) (string, error) {
	c.mu.RLock()
	n, ok := c.ids[id]
	closed := c.closed
	c.mu.RUnlock()
	switch {
	case closed:
		return "", store.ErrClosed
	case !ok:
		return "", fmt.Errorf("neardup: document %q: %w", id, store.ErrNotFound)
	}
	return c.store.Text(n)
}

// NearDuplicates returns the documents whose fingerprints are within k
// bits of text's, nearest first (ties by insertion order). A text
// without a fingerprint returns simhash.ErrNoFeatures. The result is what
// the fingerprints say; Sources and Clusters verify by alignment.
func (c *Corpus) NearDuplicates(text string, k int) ([]Match, error) {
	if c.isClosed() {
		return nil, store.ErrClosed
	}
	fp, err := c.cfg.Fingerprint(text)
	if err != nil {
		return nil, err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, store.ErrClosed
	}
	var out []Match
	for _, m := range c.fps.Query(fp, k) {
		if e := c.docs[m.ID]; e.id != "" {
			out = append(out, Match{ID: e.id, Distance: m.Distance})
		}
	}
	return out, nil
}

// Sources returns the documents of the corpus that text shares at least
// one passage with, most of text covered first. Candidates come from the
// shingle index (shared winnowed windows, stock phrases discounted) and
// from fingerprints within Config.Radius; each is aligned with text.
func (c *Corpus) Sources(text string) ([]Source, error) {
	if c.isClosed() {
		return nil, store.ErrClosed
	}
	q, err := c.cfg.Prepare(text)
	if err != nil {
		return nil, err
	}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return nil, store.ErrClosed
	}
	nums := c.candidates(q, marksOf(q), -1, c.cfg.Seeds)
	ids := make([]string, len(nums))
	for i, n := range nums {
		ids[i] = c.docs[n].id
	}
	c.mu.RUnlock()
	var out []Source
	for i, n := range nums {
		d, err := c.doc(n)
		if errors.Is(err, store.ErrNotFound) {
			continue // removed since
		}
		if err != nil {
			return nil, err
		}
		r, err := c.cfg.CompareDocs(d, q)
		if err != nil {
			return nil, err
		}
		if len(r.Passages) > 0 {
			out = append(out, Source{ID: ids[i], Report: r})
		}
	}
	slices.SortStableFunc(out, func(x, y Source) int {
		return cmp.Or(cmp.Compare(y.Report.CoverageB, x.Report.CoverageB),
			cmp.Compare(y.Report.ContainmentB, x.Report.ContainmentB))
	})
	return out, nil
}

// candidates returns the numbers of the documents worth aligning with
// q, whose winnowed marks are given, in increasing order, keeping only
// numbers above after (-1 for all). The caller holds c.mu.
func (c *Corpus) candidates(q *compare.Doc, marks []index.Mark, after int, opt index.QueryOptions) []uint32 {
	var nums []uint32
	for _, cand := range c.segs.Candidates(marks, opt) {
		if int(cand.Doc) > after {
			nums = append(nums, uint32(cand.Doc))
		}
	}
	return c.withNear(q, nums, after)
}

// withNear adds to nums the documents numbered above after whose
// fingerprints are within the radius of q's, and returns them sorted
// and distinct. The caller holds c.mu.
func (c *Corpus) withNear(q *compare.Doc, nums []uint32, after int) []uint32 {
	if q.HasFingerprint && c.cfg.Radius >= 0 {
		for _, m := range c.fps.Query(q.Fingerprint, c.cfg.Radius) {
			if int(m.ID) > after {
				nums = append(nums, uint32(m.ID))
			}
		}
	}
	slices.Sort(nums)
	return slices.Compact(nums)
}

// doc returns the prepared document numbered n, from the cache or the
// store.
func (c *Corpus) doc(n uint32) (*compare.Doc, error) {
	if d := c.cache.get(n); d != nil {
		return d, nil
	}
	text, err := c.store.Text(n)
	if err != nil {
		return nil, err
	}
	d, err := c.cfg.Prepare(text)
	if err != nil {
		return nil, err
	}
	c.cache.put(n, d)
	return d, nil
}

// Pairs aligns every pair of documents that the indexes propose (as for
// Sources, but with no limit on the number of candidates) and returns
// those whose verdict is at least least, ordered by A then B in
// insertion order. It uses all cores. Changes wait until it returns;
// queries do not.
//
// It works in two passes so that each document is prepared once and
// held only while pairs that need it remain: first the candidates of
// every document, from its stored marks; then the alignments, in order,
// each prepared document dropped after its last pair. Before them it
// compacts the shingle index (see index.Index.Compact), whose sorted
// segment answers the lookups of every document faster than its delta of
// recent additions: a rewrite of all postings, paid again by the next
// call only if documents were added or removed in between, and small
// beside the alignments.
func (c *Corpus) Pairs(least compare.Verdict) ([]Pair, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.pairs(least)
}

// pairs is Pairs for a caller holding c.wmu. That keeps the corpus as it
// is without holding c.mu, so that a change waiting for c.wmu does not
// hold up the queries that would otherwise queue behind it at c.mu for
// as long as the alignments take.
func (c *Corpus) pairs(least compare.Verdict) ([]Pair, error) {
	if c.closed {
		return nil, store.ErrClosed
	}
	opt := c.cfg.Seeds
	if opt.Limit == 0 {
		opt.Limit = -1
	}

	// Pass 1: candidates.
	type job struct {
		marks []index.Mark
		with  []uint32 // candidates numbered above the document's own
	}
	jobs := make([]job, len(c.docs))
	err := c.store.ScanMarks(0, func(n uint32, hashes []uint64) error {
		if int(n) < len(jobs) && c.docs[n].id != "" {
			marks := make([]index.Mark, len(hashes))
			for i, h := range hashes {
				marks[i].Hash = h
			}
			jobs[n].marks = marks
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Lookups in the index's sorted segment cost less than in its delta
	// of recent additions, and the pass looks up every document's marks.
	c.segs.Compact()
	slots := make([]pairSlot, len(c.docs))
	var failed atomic.Pointer[error]
	// Every candidate is taken, so the seed index is asked for documents
	// sharing enough marks, not for a ranking of them (index.Sharing),
	// each worker counting in an array of its own.
	works := sync.Pool{New: func() any { w := make([]uint64, len(c.docs)); return &w }}
	parallel(len(jobs), func(n int) {
		e := c.docs[n]
		if e.id == "" {
			return
		}
		w := works.Get().(*[]uint64)
		seeds, err := index.Sharing(&c.segs, jobs[n].marks, opt, index.DocID(n+1), *w, nil)
		works.Put(w)
		if err != nil {
			failed.CompareAndSwap(nil, &err)
			return
		}
		nums := make([]uint32, len(seeds))
		for i, d := range seeds {
			nums[i] = uint32(d)
		}
		q := &compare.Doc{Fingerprint: e.fp, HasFingerprint: e.hasFP}
		jobs[n].with = c.withNear(q, nums, n)
		jobs[n].marks = nil
	})
	if err := failed.Load(); err != nil {
		return nil, *err
	}
	for n, j := range jobs {
		if len(j.with) > 0 {
			slots[n].refs.Add(int32(len(j.with)))
			for _, m := range j.with {
				slots[m].refs.Add(1)
			}
		}
	}

	// Pass 2: alignments.
	found := make([][]Pair, len(c.docs))
	get := func(n uint32) *compare.Doc {
		s := &slots[n]
		s.once.Do(func() {
			if s.doc = c.cache.get(n); s.doc != nil {
				return
			}
			text, err := c.store.Text(n)
			if err == nil {
				s.doc, err = c.cfg.Prepare(text)
			}
			if err != nil {
				failed.CompareAndSwap(nil, &err)
			}
		})
		return s.doc
	}
	release := func(n uint32) {
		if slots[n].refs.Add(-1) == 0 {
			slots[n].doc = nil // its last pair is done
		}
	}
	parallel(len(jobs), func(n int) {
		for _, m := range jobs[n].with {
			d, o := get(uint32(n)), get(m)
			if d != nil && o != nil && failed.Load() == nil {
				r, err := c.cfg.CompareDocs(d, o)
				if err != nil {
					failed.CompareAndSwap(nil, &err)
				} else if r.Verdict >= least {
					found[n] = append(found[n], Pair{A: c.docs[n].id, B: c.docs[m].id, Report: r})
				}
			}
			release(uint32(n))
			release(m)
		}
	})
	if err := failed.Load(); err != nil {
		return nil, *err
	}
	return slices.Concat(found...), nil
}

// pairSlot holds a document for Pairs while pairs that need it remain.
type pairSlot struct {
	once sync.Once
	doc  *compare.Doc
	refs atomic.Int32
}

// Clusters groups the documents into stories: the connected components
// of the pairs found identical or near-duplicate by alignment (see
// Pairs). Only groups of two or more are returned; members are in
// insertion order and groups in the order of their first member, so the
// result is deterministic.
func (c *Corpus) Clusters() ([][]string, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	pairs, err := c.pairs(compare.NearDuplicate)
	if err != nil {
		return nil, err
	}
	return clusters(c.ids, c.docs, pairs), nil
}

// clusters returns the connected components of pairs, by document
// number.
func clusters(ids map[string]uint32, docs []entry, pairs []Pair) [][]string {
	parent := map[uint32]uint32{}
	find := func(x uint32) uint32 {
		for {
			p, ok := parent[x]
			if !ok || p == x {
				return x
			}
			if gp, ok := parent[p]; ok {
				parent[x] = gp
			}
			x = p
		}
	}
	for _, p := range pairs {
		a, b := find(ids[p.A]), find(ids[p.B])
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	groups := map[uint32][]uint32{}
	for n := range parent {
		r := find(n)
		groups[r] = append(groups[r], n)
	}
	roots := slices.Sorted(func(yield func(uint32) bool) {
		for r := range groups {
			if !yield(r) {
				return
			}
		}
	})
	out := make([][]string, 0, len(roots))
	for _, r := range roots {
		g := groups[r]
		if !slices.Contains(g, r) {
			g = append(g, r)
		}
		slices.Sort(g)
		ids := make([]string, len(g))
		for i, n := range g {
			ids[i] = docs[n].id
		}
		out = append(out, ids)
	}
	return out
}

// parallel calls f(i) for i in [0, n) on all cores.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
