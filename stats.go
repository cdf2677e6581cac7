package neardup

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"sync"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/store"
)

// stemCounts holds how many documents of a corpus hold each word stem:
// with the mark index's document frequencies, the collection statistics
// that tell boilerplate and formulas from reuse (compare.Stats). It is
// safe for concurrent use.
type stemCounts struct {
	mu sync.RWMutex
	df map[uint64]int32
}

func (s *stemCounts) df1(stem uint64) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return int(s.df[stem])
}

// add counts the distinct stems of d, once each, by delta (1 or −1).
func (s *stemCounts) add(d *prepare.Doc, delta int32) {
	stems := d.Stems
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.df == nil {
		s.df = make(map[uint64]int32)
	}
	for _, st := range stems {
		if s.df[st] += delta; s.df[st] <= 0 {
			delete(s.df, st)
		}
	}
}

// corpusStats is a Corpus seen as compare.Stats.
type corpusStats struct{ c *Corpus }

func (s corpusStats) Docs() int {
	s.c.mu.RLock()
	defer s.c.mu.RUnlock()
	return len(s.c.ids)
}
func (s corpusStats) StemDF(stem uint64) int { return s.c.stems.df1(stem) }
func (s corpusStats) MarkDF(hash uint64) int { return s.c.marks.DF(hash) }

// options returns the comparison options of c, with its statistics.
func (c *Corpus) options() compare.Options {
	o := c.cfg.Compare
	if o.Stats == nil {
		o.Stats = corpusStats{c}
	}
	return o
}

// stemSnapshot names the stem counts' snapshot in a store.
const stemSnapshot = "stem-df"

// saveStems writes the stem counts with the number of documents they
// cover, if they changed, so that the next Open can tell whether they
// still hold. The caller holds c.wmu.
func (c *Corpus) saveStems() error {
	ss, ok := c.store.(store.Snapshots)
	if !ok || !c.stemsReady.Load() || !c.stemsDirty {
		return nil
	}
	c.stems.mu.RLock()
	defer c.stems.mu.RUnlock()
	keys := make([]uint64, 0, len(c.stems.df))
	for k := range c.stems.df {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return ss.SaveSnapshot(stemSnapshot, func(w io.Writer) error {
		b := binary.LittleEndian.AppendUint32(nil, uint32(len(c.docs)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c.ids)))
		for _, k := range keys {
			b = binary.LittleEndian.AppendUint64(b, k)
			b = binary.LittleEndian.AppendUint32(b, uint32(c.stems.df[k]))
		}
		_, err := w.Write(b)
		return err
	})
}

// loadStems reads the stem counts' snapshot, if the store has one that
// covers exactly the documents it holds now (numbers below len(c.docs),
// none removed since), and reports whether it did. OpenStore calls it;
// without it the counts are made when first needed (readyStems).
func (c *Corpus) loadStems() bool {
	if ss, ok := c.store.(store.Snapshots); ok {
		var df map[uint64]int32
		found, err := ss.LoadSnapshot(stemSnapshot, func(r io.Reader) error {
			b, err := io.ReadAll(r)
			if err != nil || len(b) < 8 || (len(b)-8)%12 != 0 {
				return errBadStems
			}
			w, n := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
			if int(w) != len(c.docs) || int(n) != len(c.ids) {
				return errBadStems
			}
			df = make(map[uint64]int32, (len(b)-8)/12)
			for p := 8; p < len(b); p += 12 {
				df[binary.LittleEndian.Uint64(b[p:])] = int32(binary.LittleEndian.Uint32(b[p+8:]))
			}
			return nil
		})
		if found && err == nil {
			c.stems.df = df
			return true
		}
	}
	return false
}

// readyStems makes sure the stem counts cover the corpus, counting them
// from the stored texts (each prepared again) if they were not loaded.
// The caller holds c.wmu.
func (c *Corpus) readyStems() error {
	if c.stemsReady.Load() {
		return nil
	}
	c.mu.RLock()
	nums := make([]uint32, 0, len(c.ids))
	for n, e := range c.docs {
		if e.id != "" {
			nums = append(nums, uint32(n))
		}
	}
	c.mu.RUnlock()
	var stems stemCounts
	errs := make([]error, len(nums))
	parallel.For(len(nums), c.cfg.Workers, func(_, i int) {
		d, err := c.doc(nums[i])
		if err != nil {
			errs[i] = err
			return
		}
		stems.add(d, 1)
	}, nil)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	c.stems.mu.Lock()
	c.stems.df = stems.df
	c.stems.mu.Unlock()
	c.stemsReady.Store(true)
	c.stemsDirty = true
	return nil
}

// readyStemsAlone is readyStems for a caller not holding c.wmu.
func (c *Corpus) readyStemsAlone() error {
	if c.stemsReady.Load() {
		return nil
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return ErrClosed
	}
	return c.readyStems()
}

var errBadStems = errors.New("neardup: stale stem counts")

var _ compare.Stats = corpusStats{}
