package neardup

import (
	"fmt"
	"slices"

	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/store"
)

// sharedCommit is commit for a corpus in PostgreSQL: docs, prepared as
// preps, added in one transaction. Another process may add the same ID
// at the same moment: the unique constraint lets one of them have it,
// and the other is told ErrDuplicateID. A transaction that fails (the
// server out of reach, say) is a failed write, as a file's: it stops
// AddBatch, and nothing of its documents is stored.
func (c *Corpus) sharedCommit(docs []Document, preps []prepared) ([]error, bool) {
	var (
		errs  []error
		batch []pg.Doc
		added []*prepare.Doc // of batch
		seen  = map[string]bool{}
	)
	if c.isClosed() {
		for _, d := range docs {
			errs = append(errs, &DocumentError{d.ID, ErrClosed})
		}
		return errs, false
	}
	for i, d := range docs {
		p := &preps[i]
		switch {
		case p.err != nil:
			errs = append(errs, p.err)
			continue
		case seen[d.ID]:
			errs = append(errs, &DocumentError{d.ID, ErrDuplicateID})
			continue
		}
		seen[d.ID] = true
		batch = append(batch, sharedDoc(d.ID, d.Text, p.doc, p.digest))
		added = append(added, p.doc)
	}
	if len(batch) == 0 {
		return errs, false
	}
	nums, err := c.shared.db.Add(ctx, batch)
	if err != nil {
		err = fmt.Errorf("%w: %w", ErrWrite, err)
		for _, d := range batch {
			errs = append(errs, &DocumentError{d.ID, err})
		}
		return errs, true
	}
	for k, n := range nums {
		if n == 0 {
			errs = append(errs, &DocumentError{batch[k].ID, ErrDuplicateID})
			continue
		}
		c.cache.put(uint32(n), added[k])
	}
	return errs, false
}

// sharedDoc is what the database keeps of the document id, with text,
// prepared as d, of digest: the distinct hashes of its marks (a document
// holding a mark twice is one posting, as in index.MarkIndex), its stems
// and its digest (none if zero: the document is in no group).
func sharedDoc(id, text string, d *prepare.Doc, digest store.Digest) pg.Doc {
	marks := d.MarkHashes(nil)
	slices.Sort(marks)
	doc := pg.Doc{
		ID: id, Text: text,
		Fingerprint: uint64(d.Fingerprint), HasFingerprint: d.HasFingerprint,
		Marks: slices.Compact(marks), Stems: d.Stems,
	}
	if digest != (store.Digest{}) {
		doc.Digest = digest[:]
	}
	return doc
}

// sharedRemove is Remove for a corpus in PostgreSQL. The document's
// postings and stem counts go with it: they are found by preparing its
// text again, which gives what its Add stored.
func (c *Corpus) sharedRemove(id string) (bool, error) {
	if c.isClosed() {
		return false, &DocumentError{id, ErrClosed}
	}
	found, err := c.shared.db.Remove(ctx, id, func(text string) (pg.Doc, error) {
		d, err := c.pipe.Prepare(text)
		if err != nil {
			return pg.Doc{}, err
		}
		return sharedDoc(id, text, d, digestOf(d)), nil
	})
	if err != nil {
		return false, &DocumentError{id, err}
	}
	return found, nil
}
