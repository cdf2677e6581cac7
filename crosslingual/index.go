package crosslingual

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// An Index finds, for an English text, the Arabic documents that
// translate it, among many: the anchor index beside a neardup.Corpus
// (IndexCorpus), or beside any collection of texts. It files each
// Arabic document under keys (its numbers, dates, places, the stems the
// lexicon translates, and the skeletons of its words the lexicon does
// not know); an English query looks up, for each of its items, the keys
// that would match it (an English word: the Arabic stems that translate
// it), scores each document by the rarity of the items it matches
// (inverse document frequency), and aligns the best candidates
// (Options.Candidates) sentence by sentence, as Compare does.
//
// It is safe for concurrent use: queries run in parallel, Add and
// Remove exclude them briefly.
type Index struct {
	opt   Options
	texts Texts
	mu    sync.RWMutex
	ids   []string // by number; "" once removed
	keys  []int32  // by number: how many keys the document has
	total int64    // keys of the documents indexed
	nums  map[string]int32
	post  map[uint64][]int32 // key → document numbers, ascending
	live  int
}

// Texts is where an Index reads back the texts of its candidates: a
// *neardup.Corpus is one.
type Texts interface {
	Text(id string) (string, error)
}

// ErrDuplicateID is returned by Index.Add for an ID already indexed.
var ErrDuplicateID = errors.New("crosslingual: ID already in the index")

// NewIndex returns an empty index whose documents' texts are read back
// from texts. Analysis, alignment and the verdicts follow o.
func NewIndex(texts Texts, o Options) *Index {
	return &Index{opt: o, texts: texts, nums: map[string]int32{}, post: map[uint64][]int32{}}
}

// Len returns the number of documents indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.live
}

// Add analyses text as Arabic and indexes it under id. Texts must give
// the same text for id when a query aligns it.
func (x *Index) Add(id, text string) error {
	d, err := x.opt.Analyze(text, Arabic)
	if err != nil {
		return fmt.Errorf("crosslingual: document %q: %w", id, err)
	}
	return x.AddDoc(id, d)
}

// AddDoc indexes d, an Arabic document analysed with the index's
// Options, under id.
func (x *Index) AddDoc(id string, d *Doc) error {
	return x.addKeys(id, indexKeys(d))
}

// addKeys indexes the document id under keys.
func (x *Index) addKeys(id string, keys []uint64) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.nums[id]; ok {
		return fmt.Errorf("%w: %q", ErrDuplicateID, id)
	}
	n := int32(len(x.ids))
	x.ids = append(x.ids, id)
	x.keys = append(x.keys, int32(len(keys)))
	x.total += int64(len(keys))
	x.nums[id] = n
	x.live++
	for _, k := range keys {
		x.post[k] = append(x.post[k], n)
	}
	return nil
}

// Remove takes the document of id out of the index, and reports whether
// it was there. Its postings stay until the index is built again; they
// are skipped.
func (x *Index) Remove(id string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	n, ok := x.nums[id]
	if ok {
		delete(x.nums, id)
		x.ids[n] = ""
		x.total -= int64(x.keys[n])
		x.live--
	}
	return ok
}

// indexKeys returns the distinct keys an Arabic document is filed under:
// every anchor of its items but the words' (a word is filed under its
// Arabic stem instead, which holds less than its up to maxTranslations
// English ones) and the skeletons of words the lexicon translates (a
// name the lexicon knows is found as a word).
func indexKeys(d *Doc) []uint64 {
	keys := make([]uint64, 0, len(d.items))
	for _, it := range d.items {
		if it.stem != 0 {
			keys = append(keys, it.stem)
		}
		for _, a := range d.anchors[it.first : it.first+it.n] {
			if k := a.Kind(); k != Word && (k != Name || it.stem == 0) {
				keys = append(keys, uint64(a))
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
