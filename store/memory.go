package store

import (
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Memory is a Store in memory: nothing survives the process. Its zero
// value is an empty store ready to use.
type Memory struct {
	mu     sync.RWMutex
	recs   map[uint32]memRecord
	meta   map[string][]byte
	closed bool
}

type memRecord struct {
	rec  Record
	text string
}

// Put implements Store.
func (m *Memory) Put(recs []Record, texts []string) error {
	if err := check(recs, texts); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	if m.recs == nil {
		m.recs = map[uint32]memRecord{}
	}
	for i, r := range recs {
		r.Marks = slices.Clone(r.Marks)
		m.recs[r.Num] = memRecord{r, texts[i]}
	}
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(nums []uint32) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	for _, n := range nums {
		delete(m.recs, n)
	}
	return nil
}

// Text implements Store.
func (m *Memory) Text(num uint32) (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return "", ErrClosed
	}
	r, ok := m.recs[num]
	if !ok {
		return "", fmt.Errorf("%w: %d", ErrNotFound, num)
	}
	return r.text, nil
}

// Scan implements Store. fn must not call Put, Delete or SetMeta.
func (m *Memory) Scan(fn func(Record) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return ErrClosed
	}
	for _, n := range slices.Sorted(maps.Keys(m.recs)) {
		r := m.recs[n].rec
		r.Marks = nil
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// ScanMarks implements Store. fn must not call Put, Delete or SetMeta.
func (m *Memory) ScanMarks(from uint32, fn func(uint32, []uint64) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return ErrClosed
	}
	for _, n := range slices.Sorted(maps.Keys(m.recs)) {
		if n < from {
			continue
		}
		if err := fn(n, m.recs[n].rec.Marks); err != nil {
			return err
		}
	}
	return nil
}

// Meta implements Store.
func (m *Memory) Meta(key string) ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return nil, ErrClosed
	}
	return slices.Clone(m.meta[key]), nil
}

// SetMeta implements Store.
func (m *Memory) SetMeta(key string, value []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	if m.meta == nil {
		m.meta = map[string][]byte{}
	}
	m.meta[key] = slices.Clone(value)
	return nil
}

// Close implements Store.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	m.recs, m.meta = nil, nil
	return nil
}
