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
	if errs, _ := c.commit(docs, c.prepare(docs)); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// batchSize and batchBytes bound the steps of AddBatch: each prepares,
// stores and indexes up to batchSize documents, enough to amortize a
// disk sync, and stops earlier once its texts reach batchBytes, so that
// its prepared documents (about 12 bytes a byte of text at the peak of
// preparing) stay around a hundred megabytes however long the
// documents. A document longer than that is a step of its own.
const (
	batchSize  = 512
	batchBytes = 8 << 20
)

// AddBatch adds docs, preparing them in parallel (Config.Workers) and
// storing them in steps of a few hundred, each one transaction. Every
// document that can be added is (a document Add would refuse does not
// hold up the others); the error joins the failures, each a
// *DocumentError naming its document. A write to the store that fails
// ends the batch: its documents have errors wrapping ErrWrite and the
// store's, those after it errors wrapping ErrStopped, and those before
// it are added. When it returns, the documents added are in the store.
func (c *Corpus) AddBatch(docs []Document) error {
	if c.isClosed() {
		return ErrClosed
	}
	var errs []error
	steps := cutSteps(docs)
	// Each step is prepared while the one before is stored and indexed,
	// which is serial work that would leave the other cores idle; but
	// not two long steps at once, which would hold twice the memory.
	var preps []prepared
	if len(steps) > 0 {
		preps = c.prepare(steps[0].docs)
	}
	for k, st := range steps {
		var next []prepared
		done := make(chan struct{})
		overlap := k+1 < len(steps) && st.bytes+steps[k+1].bytes <= 2*batchBytes
		go func() {
			defer close(done)
			if overlap {
				next = c.prepare(steps[k+1].docs)
			}
		}()
		failed, writeErr := c.commit(st.docs, preps)
		errs = append(errs, failed...)
		<-done
		if writeErr {
			for _, later := range steps[k+1:] {
				for _, d := range later.docs {
					errs = append(errs, &DocumentError{d.ID, ErrStopped})
				}
			}
			break
		}
		if preps = next; !overlap && k+1 < len(steps) {
			preps = c.prepare(steps[k+1].docs)
		}
	}
	return errors.Join(errs...)
}

// step is a run of documents AddBatch adds at once, and their bytes.
type step struct {
	docs  []Document
	bytes int
}

// cutSteps cuts docs into steps of at most batchSize documents and, but
// for a single document, batchBytes of text.
func cutSteps(docs []Document) []step {
	var steps []step
	start, bytes := 0, 0
	for i, d := range docs {
		if i > start && (i-start == batchSize || bytes+len(d.Text) > batchBytes) {
			steps = append(steps, step{docs[start:i], bytes})
			start, bytes = i, 0
		}
		bytes += len(d.Text)
	}
	if start < len(docs) {
		steps = append(steps, step{docs[start:], bytes})
	}
	return steps
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

// commit stores and indexes docs, prepared as preps, and returns the
// errors of those it could not add, and whether writing the store failed.
func (c *Corpus) commit(docs []Document, preps []prepared) ([]error, bool) {
	if c.shared != nil {
		return c.sharedCommit(docs, preps)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		errs := make([]error, len(docs))
		for i, d := range docs {
			errs[i] = &DocumentError{d.ID, ErrClosed}
		}
		return errs, false
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
		return errs, false
	}
	if err := c.store.Put(recs, texts); err != nil {
		err = fmt.Errorf("%w: %w", ErrWrite, err)
		for _, r := range recs {
			errs = append(errs, &DocumentError{r.ID, err})
		}
		return errs, true
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
	if c.stemsReady.Load() {
		for _, d := range added {
			c.stems.add(d, 1)
		}
		c.stemsDirty = true
	}
	for k, r := range recs {
		c.ids[r.ID] = r.Num
		c.docs = append(c.docs, entry{id: r.ID, fp: r.Fingerprint, hasFP: r.HasFingerprint, digest: r.Digest})
		if r.HasFingerprint {
			c.fingerprints.Add(simhash.ID(r.Num), r.Fingerprint)
		}
		c.cache.put(r.Num, added[k])
	}
	return errs, false
}

// Remove removes the document with id and reports whether it was there.
// An error from the store leaves the document in the corpus.
func (c *Corpus) Remove(id string) (bool, error) {
	if c.shared != nil {
		return c.sharedRemove(id)
	}
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
	var d *prepare.Doc
	if c.stemsReady.Load() {
		// Its stems leave the counts: prepared before its text goes.
		var err error
		if d, err = c.doc(n); err != nil {
			return false, &DocumentError{id, err}
		}
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
	if d != nil {
		c.stems.add(d, -1)
		c.stemsDirty = true
	}
	return true, nil
}
