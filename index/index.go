package index

import (
	"errors"
	"slices"
	"sync"
)

// DocID identifies a document in a MarkIndex. IDs are chosen by the caller;
// keep them dense (a counter from 0): the index keeps two bitmaps of
// max(ID)/8 bytes each.
type DocID uint32

// Doc is a document for AddBatch and Build: its ID and the hashes of
// its marks (prepare.Doc.Marks).
type Doc struct {
	ID    DocID
	Marks []uint64
}

// ErrExists is returned when a document is added under the ID of a
// document still in the index.
var ErrExists = errors.New("index: document already indexed")

// Hash keys. The in-memory index identifies a hash by 48 bits, the top
// of the hash times an odd constant (so that hashes differing only in
// their low bits, such as small integers, stay apart): the top 16 select
// one of 65,536 buckets and the next 32 are stored with each posting.
// Two different hashes agree on 48 bits with probability 2⁻⁴⁸, so with
// 10⁸ distinct hashes indexed a query hash meets a false match about
// once in 3 million lookups, which at worst adds one shared hash to one
// candidate.
const (
	bucketBits = 16
	nBuckets   = 1 << bucketBits
)

func keyOf(h uint64) uint64          { return (h * 0x9E3779B97F4A7C15) >> (64 - 48) }
func bucketOf(k uint64) int          { return int(k >> 32) }
func pack(lo uint32, d DocID) uint64 { return uint64(lo)<<32 | uint64(d) }

// Compaction policy: the delta is merged into the main segment when it
// holds more than minDelta postings and more than a deltaRatio-th of the
// main segment, so each posting is rewritten about deltaRatio+1 times
// over the life of a growing index; removed documents are purged when
// they are at least minDead and an eighth of the live ones.
// They are variables so that the tests can make them small.
var (
	minDelta   = 1 << 18
	deltaRatio = 4
	minDead    = 1024
)

// MarkIndex is an inverted index from selected shingle hashes (marks) to the
// documents holding them, with the document frequency of every hash. It
// answers Candidates queries: the indexed documents sharing marks with a
// text, ranked by the rarity of what they share.
//
// Layout: a main segment, immutable between compactions, holds the
// postings sorted by (hash, document) in two parallel arrays, 32 bits of
// hash and 32 bits of document ID per posting, plus 65,537 bucket
// offsets: 8 bytes a posting. Positions are not kept: the index only
// retrieves, and package compare finds the passages. Documents added one
// at a time go to a small mutable delta (a hash map of linked postings,
// about 40 bytes a posting) which is merged into the main segment when
// it grows past a quarter of it. Removal sets a tombstone; the postings
// of removed documents are skipped by queries and DF, and purged at the
// next compaction. A compaction rebuilds the main segment in
// O(postings) time beside the current one (both are held for a moment),
// then publishes it in one step.
//
// The zero value is an empty index ready to use. A MarkIndex is safe for
// concurrent use. Queries share a read lock and never wait for a
// compaction; changes are serialized, and a change that triggers a
// compaction waits for it (up to 1.6 s at 80 million postings), as do
// the changes queued behind it.
type MarkIndex struct {
	wmu sync.Mutex   // serializes changes, compactions included
	mu  sync.RWMutex // guards what queries read; changes hold it to publish

	// Written only by the holder of wmu, under mu.
	main  segment
	delta delta
	live  bitset // documents in the index
	dead  bitset // removed documents whose postings are not yet purged
	nLive int
	nDead int

	keys []uint64 // scratch of the holder of wmu
}

// Build returns a new index holding docs, built in bulk.
func Build(docs []Doc) (*MarkIndex, error) {
	x := new(MarkIndex)
	if err := x.AddBatch(docs); err != nil {
		return nil, err
	}
	return x, nil
}

// Add indexes document doc with its marks (in any order, repeats
// allowed: each distinct hash counts once). It returns ErrExists if doc
// is already in the index. Re-using the ID of a removed document is
// allowed but costs a compaction; prefer fresh IDs.
func (x *MarkIndex) Add(doc DocID, marks []uint64) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	// The holder of wmu reads the state without mu: nobody else changes it.
	if x.live.has(doc) {
		return ErrExists
	}
	if x.dead.has(doc) {
		x.compact(nil)
	}
	keys := x.distinctKeys(marks)
	x.mu.Lock()
	for _, k := range keys {
		x.delta.add(k, doc)
	}
	x.live.set(doc)
	x.nLive++
	x.mu.Unlock()
	if len(x.delta.ents) > max(minDelta, len(x.main.doc)/deltaRatio) {
		x.compact(nil)
	}
	return nil
}

// distinctKeys returns the sorted distinct keys of marks, in x.keys.
func (x *MarkIndex) distinctKeys(marks []uint64) []uint64 {
	x.keys = x.keys[:0]
	for _, m := range marks {
		x.keys = append(x.keys, keyOf(m))
	}
	slices.Sort(x.keys)
	x.keys = slices.Compact(x.keys)
	return x.keys
}

// AddBatch indexes docs. A batch with more marks than the delta holds is
// merged straight into the main segment in one pass (radix-partitioned by
// hash, sorted in parallel): this is the fast path for building an index
// of a corpus. A smaller batch is added document by document. It returns
// ErrExists, and adds nothing, if an ID is already in the index or
// occurs twice in docs.
func (x *MarkIndex) AddBatch(docs []Doc) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	var seen bitset
	total := 0
	for _, d := range docs {
		if x.live.has(d.ID) || seen.has(d.ID) {
			return ErrExists
		}
		seen.set(d.ID)
		total += len(d.Marks)
	}
	if total+len(x.delta.ents) > max(minDelta, len(x.main.doc)/deltaRatio) {
		x.compact(docs)
		return nil
	}
	// Small: into the delta, as Add does.
	for _, d := range docs {
		if x.dead.has(d.ID) {
			x.compact(nil)
		}
		keys := x.distinctKeys(d.Marks)
		x.mu.Lock()
		for _, k := range keys {
			x.delta.add(k, d.ID)
		}
		x.live.set(d.ID)
		x.nLive++
		x.mu.Unlock()
	}
	return nil
}

// Remove takes doc out of the index and reports whether it was there.
// Its postings are purged at the next compaction; until then queries
// and DF skip them.
func (x *MarkIndex) Remove(doc DocID) bool {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if !x.live.has(doc) {
		return false
	}
	x.mu.Lock()
	x.live.unset(doc)
	x.dead.set(doc)
	x.nLive--
	x.nDead++
	x.mu.Unlock()
	if x.nDead >= minDead && 8*x.nDead >= x.nLive {
		x.compact(nil)
	}
	return true
}

// Compact merges the delta into the main segment and purges the postings
// of removed documents. The index compacts itself as it grows; call
// Compact after a bulk of changes to make the index as small and fast as
// it gets.
func (x *MarkIndex) Compact() {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if len(x.delta.ents) > 0 || x.nDead > 0 {
		x.compact(nil)
	}
}

// compact builds a new main segment from the live postings of the index
// and those of docs, new documents, and publishes it. The caller holds
// wmu; queries go on with the current segments meanwhile.
func (x *MarkIndex) compact(docs []Doc) {
	seg := x.build(docs)
	x.mu.Lock()
	x.main = seg
	// The delta keeps its memory for the additions to come: it grows to
	// the same size again before the next compaction, and queries read
	// it only while holding mu, held here.
	clear(x.delta.heads)
	x.delta.ents = x.delta.ents[:0]
	x.dead = nil
	x.nDead = 0
	for _, d := range docs {
		x.live.set(d.ID)
	}
	x.nLive += len(docs)
	x.mu.Unlock()
}

// Len returns the number of documents in the index.
func (x *MarkIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.nLive
}

// Has reports whether doc is in the index.
func (x *MarkIndex) Has(doc DocID) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.live.has(doc)
}

// DF returns the document frequency of hash: how many documents in the
// index hold it.
func (x *MarkIndex) DF(hash uint64) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	k := keyOf(hash)
	i, j := x.main.find(k)
	h := x.delta.heads[k]
	if x.nDead == 0 {
		return j - i + int(h.n)
	}
	df := 0
	for _, d := range x.main.doc[i:j] {
		if !x.dead.has(d) {
			df++
		}
	}
	for e := h.head; e != 0; e = x.delta.ents[e-1].next {
		if !x.dead.has(x.delta.ents[e-1].doc) {
			df++
		}
	}
	return df
}

// Lookup implements Postings: for each of hashes it calls visit with the
// hash's document frequency and, if that is at most maxDF, the documents
// holding it, in no particular order. Hashes held by no document are
// skipped. The docs slice may be the index's own storage: visit must not
// modify it nor keep it after returning, and must not call the index's
// methods that change it (it runs under the read lock).
func (x *MarkIndex) Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []DocID)) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var buf []DocID
	for n, hash := range hashes {
		k := keyOf(hash)
		i, j := x.main.find(k)
		h := x.delta.heads[k]
		if x.nDead == 0 {
			df := j - i + int(h.n)
			switch {
			case df == 0:
			case df > maxDF:
				visit(n, df, nil)
			case h.n == 0:
				visit(n, df, x.main.doc[i:j])
			default:
				buf = append(buf[:0], x.main.doc[i:j]...)
				for e := h.head; e != 0; e = x.delta.ents[e-1].next {
					buf = append(buf, x.delta.ents[e-1].doc)
				}
				visit(n, df, buf)
			}
			continue
		}
		buf = buf[:0]
		for _, d := range x.main.doc[i:j] {
			if !x.dead.has(d) {
				buf = append(buf, d)
			}
		}
		for e := h.head; e != 0; e = x.delta.ents[e-1].next {
			if d := x.delta.ents[e-1].doc; !x.dead.has(d) {
				buf = append(buf, d)
			}
		}
		switch df := len(buf); {
		case df == 0:
		case df > maxDF:
			visit(n, df, nil)
		default:
			visit(n, df, buf)
		}
	}
	return nil
}

// Candidates returns the indexed documents sharing marks with a text,
// ranked: Rank over this index. It never fails.
func (x *MarkIndex) Candidates(marks []uint64, opt QueryOptions) []Candidate {
	c, _ := Rank(x, marks, opt)
	return c
}

// Stats describes an index's size.
type Stats struct {
	Docs     int // documents in the index
	Postings int // postings stored, those of removed documents included
	Delta    int // of which in the mutable delta
	Removed  int // removed documents whose postings await compaction
	// Bytes estimates the memory the index holds: its arrays at their
	// capacity, the delta's hash map at 24 bytes an entry.
	Bytes int
}

// Stats returns the index's size.
func (x *MarkIndex) Stats() Stats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	s := Stats{
		Docs:     x.nLive,
		Postings: len(x.main.doc) + len(x.delta.ents),
		Delta:    len(x.delta.ents),
		Removed:  x.nDead,
	}
	s.Bytes = 4*(cap(x.main.start)+cap(x.main.lo)+cap(x.main.doc)) +
		16*cap(x.delta.ents) + 24*len(x.delta.heads) +
		8*(cap(x.live)+cap(x.dead))
	return s
}
