package crosslingual

import (
	"errors"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/parallel"
)

// The anchor index beside a neardup.Corpus: built from the stored
// documents through the corpus's public API (IDs, Text), so the corpus,
// its store and its monolingual queries are untouched, and a program
// that never asks across languages never pays for it.

// batchSize is how many documents AddBatch and IndexCorpus analyse at
// once: their keys are kept until added, their analyses not.
const batchSize = 4096

// AddBatch analyses the documents as Arabic, on every core, and indexes
// them in order. It returns the errors of those it could not add,
// joined; the others are added.
func (x *Index) AddBatch(docs []neardup.Document) error {
	var errs []error
	for start := 0; start < len(docs); start += batchSize {
		part := docs[start:min(start+batchSize, len(docs))]
		keys := make([][]uint64, len(part))
		fails := make([]error, len(part))
		parallel.For(len(part), 0, func(_, i int) {
			d, err := x.opt.Analyze(part[i].Text, Arabic)
			if err != nil {
				fails[i] = err
				return
			}
			keys[i] = indexKeys(d)
		}, nil)
		for i, d := range part {
			err := fails[i]
			if err == nil {
				err = x.addKeys(d.ID, keys[i])
			}
			if err != nil {
				errs = append(errs, &neardup.DocumentError{ID: d.ID, Err: err})
			}
		}
	}
	return errors.Join(errs...)
}

// IndexCorpus builds the Index of every document stored in c, read as
// Arabic; queries read their candidates' texts back from c. Documents
// added to c later are not in it: add them with Index.Add too (or build
// it again).
func IndexCorpus(c *neardup.Corpus, o Options) (*Index, error) {
	ids, err := c.IDs()
	if err != nil {
		return nil, err
	}
	x := NewIndex(c, o)
	for start := 0; start < len(ids); start += batchSize {
		part := ids[start:min(start+batchSize, len(ids))]
		docs := make([]neardup.Document, 0, len(part))
		for _, id := range part {
			text, err := c.Text(id)
			if errors.Is(err, neardup.ErrNotFound) {
				continue // removed since
			}
			if err != nil {
				return nil, err
			}
			docs = append(docs, neardup.Document{ID: id, Text: text})
		}
		if err := x.AddBatch(docs); err != nil {
			return nil, err
		}
	}
	return x, nil
}
