package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Damage is a problem that Verify found in a store file.
type Damage struct {
	// Record says whether the damage is in a record, numbered Num (its
	// ID, marks or text); other damage is in the file's structure, its
	// metadata or a snapshot.
	Record bool
	Num    uint32
	// ID is the damaged record's ID, if its record could be read.
	ID string
	// Err says what is wrong; it wraps ErrCorrupt.
	Err error
}

func (d Damage) Error() string {
	switch {
	case d.Record && d.ID != "":
		return fmt.Sprintf("record %d (ID %q): %v", d.Num, d.ID, d.Err)
	case d.Record:
		return fmt.Sprintf("record %d: %v", d.Num, d.Err)
	}
	return d.Err.Error()
}

// Unwrap returns d.Err.
func (d Damage) Unwrap() error { return d.Err }

// VerifyStats counts what Verify read.
type VerifyStats struct {
	Records   int   `json:"records"`
	TextBytes int64 `json:"text_bytes"`
	Snapshots int   `json:"snapshots"`
}

// Verify reads every value of the store and checks it: each record, its
// marks and its text against their checksums and against each other (a
// record without marks or text, marks or a text without a record, an
// ID empty or used twice, the count of records kept), the metadata,
// every snapshot chunk, and then bbolt's own structure (pages freed and
// in use at once, pages lost). It calls report with each piece of
// damage, and returns what it read; its error is about the store
// (closed, unreadable), not damage. Run it with no writes under way:
// on a store opened with OpenReadOnly.
func (s *Bolt) Verify(report func(Damage)) (VerifyStats, error) {
	v := verifier{s: s, report: report, ids: map[uint32]string{}}
	if s.db == nil {
		return v.stats, ErrClosed
	}
	v.records()
	v.values(marksBucket, "marks", func(n uint32, p []byte) error {
		_, err := decodeMarks(nil, p)
		return err
	})
	v.values(textsBucket, "text", func(n uint32, p []byte) error {
		v.stats.TextBytes += int64(len(p))
		return nil
	})
	v.metadata()
	v.snapshots()
	if !v.damaged {
		// Only once every page of the tree read back whole: bbolt's
		// check runs on a goroutine of its own, where a fault would
		// not be caught.
		v.structure()
	}
	return v.stats, nil
}

// verifier is the state of one Verify.
type verifier struct {
	s       *Bolt
	report  func(Damage)
	stats   VerifyStats
	ids     map[uint32]string // records read, by number
	damaged bool
}

func (v *verifier) damage(d Damage) {
	v.damaged = true
	v.report(d)
}

func (v *verifier) record(n uint32, err error) {
	v.damage(Damage{Record: true, Num: n, ID: v.ids[n], Err: err})
}

// view runs fn in a read transaction; a panic or fault in bbolt, which
// ends it, is damage to the file's structure.
func (v *verifier) view(fn func(tx *bolt.Tx) error) {
	if err := v.s.view(fn); err != nil {
		v.damage(Damage{Err: err})
	}
}

// records reads every record.
func (v *verifier) records() {
	v.view(func(tx *bolt.Tx) error {
		byID := map[string]uint32{}
		prev := -1
		c := bucket(tx, recsBucket).Cursor()
		for k, val := c.First(); k != nil; k, val = c.Next() {
			n, err := ascending(k, &prev)
			if err != nil {
				return err
			}
			var r Record
			if err := openRecord(k, val, &r); err != nil {
				v.ids[n] = ""
				v.record(n, err)
				continue
			}
			v.ids[n] = r.ID
			v.stats.Records++
			if other, ok := byID[r.ID]; ok {
				v.record(n, fmt.Errorf("%w: the ID of record %d too", ErrCorrupt, other))
			} else if r.ID == "" {
				v.record(n, fmt.Errorf("%w: empty ID", ErrCorrupt))
			}
			byID[r.ID] = n
		}
		want, err := readCount(tx.Bucket(rootBucket))
		if err != nil {
			return err
		}
		if uint64(len(v.ids)) != want {
			v.damage(Damage{Err: fmt.Errorf("%w: %d records found, %d stored: part of the file's index is damaged", ErrCorrupt, len(v.ids), want)})
		}
		return nil
	})
}

// values reads every value of the bucket called name, a value of each
// record, checking it with check and against the records read.
func (v *verifier) values(name []byte, what string, check func(n uint32, p []byte) error) {
	v.view(func(tx *bolt.Tx) error {
		seen := map[uint32]bool{}
		prev := -1
		c := bucket(tx, name).Cursor()
		for k, val := c.First(); k != nil; k, val = c.Next() {
			n, err := ascending(k, &prev)
			if err != nil {
				return err
			}
			seen[n] = true
			p, err := unseal(name, k, val)
			if err == nil {
				err = check(n, p)
			}
			if _, ok := v.ids[n]; err == nil && !ok {
				err = fmt.Errorf("%w: %s without a record", ErrCorrupt, what)
			}
			if err != nil {
				v.record(n, fmt.Errorf("%s: %w", what, err))
			}
		}
		for n := range v.ids {
			if !seen[n] {
				v.record(n, fmt.Errorf("%w: its %s is missing", ErrCorrupt, what))
			}
		}
		return nil
	})
}

// metadata reads the metadata values.
func (v *verifier) metadata() {
	v.view(func(tx *bolt.Tx) error {
		return bucket(tx, metaBucket).ForEach(func(k, val []byte) error {
			if _, err := unseal(metaBucket, k, val); err != nil {
				v.damage(Damage{Err: fmt.Errorf("metadata %q: %w", bytes.TrimPrefix(k, []byte("u:")), err)})
			}
			return nil
		})
	})
}

// snapshots reads every chunk of every snapshot, in order.
func (v *verifier) snapshots() {
	v.view(func(tx *bolt.Tx) error {
		c := bucket(tx, snapsBucket).Cursor()
		k, val := c.First()
		for k != nil {
			i := bytes.LastIndexByte(k, '/')
			if i < 0 || len(k)-i-1 != 4 || binary.BigEndian.Uint32(k[i+1:]) != 0 {
				v.damage(Damage{Err: fmt.Errorf("%w: snapshot chunk %q out of place", ErrCorrupt, k)})
				k, val = c.Next()
				continue
			}
			prefix := bytes.Clone(k[:i+1])
			r := &chunkReader{name: string(k[:i])}
			r.next = func() bool {
				if r.n > 0 {
					k, val = c.Next()
				}
				return r.open(prefix, k, val)
			}
			r.drain()
			v.stats.Snapshots++
			if r.err != nil {
				v.damage(Damage{Err: r.err})
			}
			// On to the first chunk of another snapshot.
			for k != nil && bytes.HasPrefix(k, prefix) {
				k, val = c.Next()
			}
		}
		return nil
	})
}

// structure runs bbolt's own check of its pages.
func (v *verifier) structure() {
	v.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			v.damage(Damage{Err: fmt.Errorf("%w: %v", ErrCorrupt, err)})
		}
		return nil
	})
}
