package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The records of a Bolt: every value written sealed with its checksum,
// every value read checked against it.

// Put implements Store.
func (s *Bolt) Put(recs []Record, texts []string) error {
	if err := check(recs, texts); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		root := tx.Bucket(rootBucket)
		rb, mb, tb := root.Bucket(recsBucket), root.Bucket(marksBucket), root.Bucket(textsBucket)
		count, err := readCount(root)
		if err != nil {
			return err
		}
		// Numbers mostly grow, so pages fill up rather than split in
		// halves.
		rb.FillPercent, tb.FillPercent, mb.FillPercent = 0.9, 0.9, 0.9
		for i, r := range recs {
			k := key(r.Num)
			if rb.Get(k) == nil {
				count++
			}
			// bbolt keeps the slices until the commit.
			if err := rb.Put(k, seal(recsBucket, k, appendRecord(nil, r))); err != nil {
				return err
			}
			marks := appendMarks(make([]byte, 0, 8*len(r.Marks)+sumLen), r.Marks)
			if err := mb.Put(k, seal(marksBucket, k, marks)); err != nil {
				return err
			}
			text := append(make([]byte, 0, len(texts[i])+sumLen), texts[i]...)
			if err := tb.Put(k, seal(textsBucket, k, text)); err != nil {
				return err
			}
		}
		return writeCount(root, count)
	})
}

// Delete implements Store.
func (s *Bolt) Delete(nums []uint32) error {
	return s.update(func(tx *bolt.Tx) error {
		root := tx.Bucket(rootBucket)
		rb, mb, tb := root.Bucket(recsBucket), root.Bucket(marksBucket), root.Bucket(textsBucket)
		count, err := readCount(root)
		if err != nil {
			return err
		}
		for _, n := range nums {
			k := key(n)
			if rb.Get(k) != nil {
				count--
			}
			for _, b := range []*bolt.Bucket{rb, mb, tb} {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return writeCount(root, count)
	})
}

// Text implements Store. A text that fails its checksum, or is missing
// beside its record, is an error wrapping ErrCorrupt.
func (s *Bolt) Text(n uint32) (string, error) {
	var text string
	err := s.view(func(tx *bolt.Tx) error {
		k := key(n)
		v := bucket(tx, textsBucket).Get(k)
		if v == nil {
			if bucket(tx, recsBucket).Get(k) != nil {
				return fmt.Errorf("record %d: %w: its text is missing", n, ErrCorrupt)
			}
			return fmt.Errorf("%w: %d", ErrNotFound, n)
		}
		p, err := unseal(textsBucket, k, v)
		if err != nil {
			return fmt.Errorf("record %d: %w", n, err)
		}
		text = string(p)
		return nil
	})
	return text, err
}

// Scan implements Store. It runs in one read transaction: writers go on
// meanwhile, and fn sees the store as it was when the scan began. A
// record that fails its checksum, or records missing from the count
// the store keeps, are errors wrapping ErrCorrupt.
func (s *Bolt) Scan(fn func(Record) error) error {
	return s.view(func(tx *bolt.Tx) error {
		var r Record
		var seen uint64
		prev := -1
		c := bucket(tx, recsBucket).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n, err := ascending(k, &prev)
			if err != nil {
				return err
			}
			r.Num = n
			if err := openRecord(k, v, &r); err != nil {
				return fmt.Errorf("record %d: %w", n, err)
			}
			seen++
			if err := caller(func() error { return fn(r) }); err != nil {
				return err
			}
		}
		return checkCount(tx, "records", seen)
	})
}

// ScanMarks implements Store. Marks that fail their checksum are an
// error wrapping ErrCorrupt, and so are, for a scan from 0, marks
// missing from the count of records.
func (s *Bolt) ScanMarks(from uint32, fn func(uint32, []uint64) error) error {
	return s.view(func(tx *bolt.Tx) error {
		var marks []uint64
		var seen uint64
		prev := int(from) - 1
		c := bucket(tx, marksBucket).Cursor()
		for k, v := c.Seek(key(from)); k != nil; k, v = c.Next() {
			n, err := ascending(k, &prev)
			if err != nil {
				return err
			}
			p, err := unseal(marksBucket, k, v)
			if err == nil {
				marks, err = decodeMarks(marks[:0], p)
			}
			if err != nil {
				return fmt.Errorf("record %d: marks: %w", n, err)
			}
			seen++
			if err := caller(func() error { return fn(n, marks) }); err != nil {
				return err
			}
		}
		if from > 0 {
			return nil
		}
		return checkCount(tx, "marks", seen)
	})
}

// ascending decodes the number of key k, which must follow *prev: a
// damaged tree can show keys out of order.
func ascending(k []byte, prev *int) (uint32, error) {
	n, err := num(k)
	if err != nil {
		return 0, err
	}
	if int(n) <= *prev {
		return 0, fmt.Errorf("%w: record %d after record %d", ErrCorrupt, n, *prev)
	}
	*prev = int(n)
	return n, nil
}

// checkCount checks that a scan of every record of a kind saw as many
// as the store counts.
func checkCount(tx *bolt.Tx, what string, seen uint64) error {
	want, err := readCount(tx.Bucket(rootBucket))
	if err != nil {
		return err
	}
	if seen != want {
		return fmt.Errorf("%w: %d %s found, %d stored: part of the file's index is damaged", ErrCorrupt, seen, what, want)
	}
	return nil
}

// Meta implements Store.
func (s *Bolt) Meta(k string) ([]byte, error) {
	var v []byte
	err := s.view(func(tx *bolt.Tx) error {
		mk := []byte("u:" + k)
		got := bucket(tx, metaBucket).Get(mk)
		if got == nil {
			return nil
		}
		p, err := unseal(metaBucket, mk, got)
		if err != nil {
			return fmt.Errorf("metadata %q: %w", k, err)
		}
		v = bytes.Clone(p)
		return nil
	})
	return v, err
}

// SetMeta implements Store.
func (s *Bolt) SetMeta(k string, value []byte) error {
	return s.update(func(tx *bolt.Tx) error {
		mk := []byte("u:" + k)
		return bucket(tx, metaBucket).Put(mk, seal(metaBucket, mk, bytes.Clone(value)))
	})
}

// Close implements Store.
func (s *Bolt) Close() error {
	if s.db == nil {
		return nil
	}
	return s.db.Close()
}
