package neardup

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/simhash"
	"github.com/neardup/neardup/store"
)

// Stories of a corpus in PostgreSQL. Pairs looks up the candidates of
// every document: as round trips, one a document, that would take
// minutes where the embedded corpus takes a second. So the pass reads
// the database of one moment (a view) into an embedded corpus in
// memory — IDs, fingerprints and postings, 8 bytes a posting, and the
// stem counts — and runs the embedded Pairs on it, texts read from the
// view as they are aligned: the same code, so the same pairs.

// sharedPairs is Pairs for a corpus in PostgreSQL.
func (c *Corpus) sharedPairs(least compare.Verdict) ([]Pair, error) {
	pairs, _, err := c.sharedStories(least)
	return pairs, err
}

// sharedStories is Stories for a corpus in PostgreSQL: the groups of
// copies are the embedded corpus's too, found by the stored digests.
func (c *Corpus) sharedStories(least compare.Verdict) ([]Pair, []Group, error) {
	v, err := c.sharedView()
	if err != nil {
		return nil, nil, err
	}
	defer v.Close()
	stamp, err := c.pipe.Stamp()
	if err != nil {
		return nil, nil, err
	}
	mem, err := OpenStore(&viewStore{v: v, stamp: stamp}, c.cfg)
	if err != nil {
		return nil, nil, err
	}
	defer mem.Close()
	// Prepared documents are known by the same numbers in both.
	mem.cache = c.cache
	return mem.Stories(least)
}

// sharedClusters is Clusters for a corpus in PostgreSQL.
func (c *Corpus) sharedClusters() ([][]string, error) {
	pairs, groups, err := c.sharedStories(compare.Rewrite)
	if err != nil {
		return nil, err
	}
	return c.sharedClustersOf(pairs, groups)
}

// sharedClustersOf is ClustersOf for a corpus in PostgreSQL: the
// documents of pairs numbered as the database numbers them, so that
// members and groups are in the order added.
func (c *Corpus) sharedClustersOf(pairs []Pair, groups []Group) ([][]string, error) {
	v, err := c.sharedView()
	if err != nil {
		return nil, err
	}
	defer v.Close()
	var ids []string
	for _, p := range pairs {
		if p.Report.Verdict.IsStory() {
			ids = append(ids, p.A, p.B)
		}
	}
	for _, g := range groups {
		ids = append(ids, g.Representative)
		ids = append(ids, g.Copies...)
	}
	nums, err := v.Nums(ids)
	if err != nil {
		return nil, err
	}
	var u unionFind
	idOf := map[uint32]string{}
	for _, p := range pairs {
		a, okA := nums[p.A]
		b, okB := nums[p.B]
		if okA && okB && p.Report.Verdict.IsStory() {
			u.union(uint32(a), uint32(b))
			idOf[uint32(a)], idOf[uint32(b)] = p.A, p.B
		}
	}
	for _, g := range groups {
		r, ok := nums[g.Representative]
		for _, id := range g.Copies {
			if n, okN := nums[id]; ok && okN {
				u.union(uint32(r), uint32(n))
				idOf[uint32(r)], idOf[uint32(n)] = g.Representative, id
			}
		}
	}
	out := make([][]string, 0)
	for _, g := range u.groups() {
		group := make([]string, len(g))
		for i, n := range g {
			group[i] = idOf[n]
		}
		out = append(out, group)
	}
	return out, nil
}

// viewStore is a view as a read-only store.Store, for the embedded
// corpus of sharedPairs.
type viewStore struct {
	v     *pg.View
	stamp string
}

func (s *viewStore) Put([]store.Record, []string) error { return store.ErrReadOnly }
func (s *viewStore) Delete([]uint32) error              { return store.ErrReadOnly }
func (s *viewStore) SetMeta(string, []byte) error       { return store.ErrReadOnly }
func (s *viewStore) Close() error                       { return nil }

func (s *viewStore) Meta(key string) ([]byte, error) {
	if key == "config" {
		return []byte(s.stamp), nil
	}
	return nil, nil
}

func (s *viewStore) Text(num uint32) (string, error) {
	rows, err := s.v.Docs([]int64{int64(num)}, []int64{int64(num)})
	if err != nil {
		return "", err
	}
	row, ok := rows[int64(num)]
	if !ok {
		return "", store.ErrNotFound
	}
	return row.Text, nil
}

func (s *viewStore) Scan(fn func(store.Record) error) error {
	return s.v.ScanDocs(func(d pg.Scanned) error {
		if d.Num > math.MaxUint32 {
			return fmt.Errorf("neardup: document number %d: a corpus in memory numbers at most 2³² documents", d.Num)
		}
		var digest store.Digest
		copy(digest[:], d.Digest)
		return fn(store.Record{Num: uint32(d.Num), ID: d.ID, Fingerprint: simhash.Fingerprint(d.Fingerprint),
			HasFingerprint: d.HasFingerprint, Digest: digest})
	})
}

func (s *viewStore) ScanMarks(from uint32, fn func(uint32, []uint64) error) error {
	return s.v.ScanMarks(int64(from), func(num int64, marks []uint64) error { return fn(uint32(num), marks) })
}

// SaveSnapshot refuses: the embedded corpus saves nothing of a view.
func (s *viewStore) SaveSnapshot(string, func(io.Writer) error) error { return store.ErrReadOnly }

// LoadSnapshot gives the stem counts of the view in the format of
// stemSnapshot (see saveStems), so that the embedded corpus takes the
// database's counts instead of preparing every document to count them.
// It has no other snapshot.
func (s *viewStore) LoadSnapshot(name string, read func(io.Reader) error) (bool, error) {
	if name != stemSnapshot {
		return false, nil
	}
	docs, _, _, err := s.v.Counts()
	if err != nil {
		return false, err
	}
	last, err := s.v.LastNum()
	if err != nil {
		return false, err
	}
	b := binary.LittleEndian.AppendUint32(nil, uint32(last+1))
	b = binary.LittleEndian.AppendUint32(b, uint32(docs))
	err = s.v.ScanStems(func(stem uint64, df int) {
		b = binary.LittleEndian.AppendUint64(b, stem)
		b = binary.LittleEndian.AppendUint32(b, uint32(df))
	})
	if err != nil {
		return false, err
	}
	return true, read(bytes.NewReader(b))
}

var _ store.Snapshots = (*viewStore)(nil)
