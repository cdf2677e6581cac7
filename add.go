package neardup

import (
	"errors"
	"fmt"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// Add prepares text and adds it under id, a non-empty string of at most
// store.MaxIDLen bytes. It returns a *DocumentError wrapping ErrEmptyID,
// ErrLongID, ErrDuplicateID if id is taken, normalize.ErrTooLong, or the
// store's error, in which case nothing is added. When it returns nil the
// document is in the store (on disk for Open).
func (c *Corpus) Add(id, text string) error {
	docs := []Document{{ID: id, Text: text}}
	if errs := c.commit(docs, c.prepare(docs)); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// batchSize is how many documents AddBatch prepares, stores and indexes
// in one step: enough to amortize a disk sync, few enough that the
// prepared documents of a step stay small.
const batchSize = 512

// AddBatch adds docs, preparing them in parallel (Config.Workers) and
// storing them in steps of a few hundred, each one transaction. Every
// document that can be added is (a document Add would refuse does not
// hold up the others, but a failing store write fails its whole step);
// the error joins the failures, each a *DocumentError naming its
// document. When it returns, the documents added are in the store.
func (c *Corpus) AddBatch(docs []Document) error {
	if c.isClosed() {
		return ErrClosed
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

// prepared is a document of a step, prepared, or the reason it is not
// added.
type prepared struct {
	doc    *prepare.Doc
	digest store.Digest
	err    error
}

// prepare prepares docs on the corpus's workers.
func (c *Corpus) prepare(docs []Document) []prepared {
	preps := make([]prepared, len(docs))
	parallel.For(len(docs), c.cfg.Workers, func(_, i int) {
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
		d, err := c.pipe.Prepare(docs[i].Text)
		if err != nil {
			preps[i].err = &DocumentError{docs[i].ID, err}
			return
		}
		preps[i].doc, preps[i].digest = d, digestOf(d)
	}, nil)
	return preps
}

// commit stores and indexes docs, prepared as preps.
func (c *Corpus) commit(docs []Document, preps []prepared) []error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		errs := make([]error, len(docs))
		for i, d := range docs {
			errs[i] = &DocumentError{d.ID, ErrClosed}
		}
		return errs
	}
	var (
		errs  []error
		recs  []store.Record
		texts []string
		added []*prepare.Doc // of recs
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
		recs = append(recs, store.Record{
			Num: next, ID: d.ID, Fingerprint: p.doc.Fingerprint,
			HasFingerprint: p.doc.HasFingerprint, Marks: p.doc.MarkHashes(nil),
			Digest: p.digest,
		})
		texts = append(texts, d.Text)
		added = append(added, p.doc)
		next++
	}
	if len(recs) == 0 {
		return errs
	}
	if err := c.store.Put(recs, texts); err != nil {
		for _, r := range recs {
			errs = append(errs, &DocumentError{r.ID, err})
		}
		return errs
	}
	docsOfIndex := make([]index.Doc, len(recs))
	for k, r := range recs {
		docsOfIndex[k] = index.Doc{ID: index.DocID(r.Num), Marks: r.Marks}
	}
	c.dirty = true
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.marks.AddBatch(docsOfIndex); err != nil {
		// Numbers are fresh, so the index cannot hold them already.
		panic(fmt.Sprintf("neardup: indexing new documents: %v", err))
	}
	for k, r := range recs {
		c.ids[r.ID] = r.Num
		c.docs = append(c.docs, entry{id: r.ID, fp: r.Fingerprint, hasFP: r.HasFingerprint, digest: r.Digest})
		if r.HasFingerprint {
			c.fingerprints.Add(simhash.ID(r.Num), r.Fingerprint)
		}
		c.cache.put(r.Num, added[k])
	}
	return errs
}

// Remove removes the document with id and reports whether it was there.
// An error from the store leaves the document in the corpus.
func (c *Corpus) Remove(id string) (bool, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return false, &DocumentError{id, ErrClosed}
	}
	c.mu.RLock()
	n, ok := c.ids[id]
	c.mu.RUnlock()
	if !ok {
		return false, nil
	}
	if err := c.store.Delete([]uint32{n}); err != nil {
		return false, &DocumentError{id, err}
	}
	c.dirty = true
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.ids, id)
	c.docs[n] = entry{}
	c.fingerprints.Remove(simhash.ID(n))
	c.marks.Remove(index.DocID(n))
	c.cache.remove(n)
	return true, nil
}
