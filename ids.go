package neardup

// Asking about documents the corpus already holds, by ID.

// IDs returns the IDs of the documents in the corpus, in the order they
// were added: a copy taken under the corpus's lock, so that it is one
// consistent state even while other goroutines add or remove documents
// (they do not show in it). A caller that wants to walk a large store
// without the copy can page through it with the store's Scan instead.
func (c *Corpus) IDs() ([]string, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, ErrClosed
	}
	ids := make([]string, 0, len(c.ids))
	// Numbers are given in insertion order and never reused; removed
	// ones hold an empty entry.
	for _, e := range c.docs {
		if e.id != "" {
			ids = append(ids, e.id)
		}
	}
	return ids, nil
}

// Of answers a Query about the stored document with id, with the given
// radius: its near-duplicates and its sources among the other documents,
// itself left out. NearDuplicates and Sources, given its text, would
// find the document itself, at distance 0 and covering all of it. It
// returns an error wrapping ErrNotFound if there is no such document.
func (c *Corpus) Of(id string, radius int) (Answer, error) {
	c.mu.RLock()
	n, ok := c.ids[id]
	closed := c.closed
	c.mu.RUnlock()
	switch {
	case closed:
		return Answer{}, ErrClosed
	case !ok:
		return Answer{}, notFound(id)
	}
	d, err := c.doc(n)
	if err != nil {
		return Answer{}, &DocumentError{id, err}
	}
	return c.Query(Query{Doc: d, ID: id, Radius: radius})
}
