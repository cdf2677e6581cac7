package neardup

import (
	"slices"

	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/prepare"
)

// sharedCommit is commit for a corpus in PostgreSQL: docs, prepared as
// preps, added in one transaction. Another process may add the same ID
// at the same moment: the unique constraint lets one of them have it,
// and the other is told ErrDuplicateID.
func (c *Corpus) sharedCommit(docs []Document, preps []prepared) []error {
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
		return errs
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
		batch = append(batch, sharedDoc(d.ID, d.Text, p.doc))
		added = append(added, p.doc)
	}
	if len(batch) == 0 {
		return errs
	}
	nums, err := c.shared.db.Add(ctx, batch)
	if err != nil {
		for _, d := range batch {
			errs = append(errs, &DocumentError{d.ID, err})
		}
		return errs
	}
	for k, n := range nums {
		if n == 0 {
			errs = append(errs, &DocumentError{batch[k].ID, ErrDuplicateID})
			continue
		}
		c.cache.put(uint32(n), added[k])
	}
	return errs
}

// sharedDoc is what the database keeps of the document id, with text,
// prepared as d: the distinct hashes of its marks (a document holding a
// mark twice is one posting, as in index.MarkIndex) and its stems.
func sharedDoc(id, text string, d *prepare.Doc) pg.Doc {
	marks := d.MarkHashes(nil)
	slices.Sort(marks)
	return pg.Doc{
		ID: id, Text: text,
		Fingerprint: uint64(d.Fingerprint), HasFingerprint: d.HasFingerprint,
		Marks: slices.Compact(marks), Stems: d.Stems,
	}
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
		return sharedDoc(id, text, d), nil
	})
	if err != nil {
		return false, &DocumentError{id, err}
	}
	return found, nil
}
