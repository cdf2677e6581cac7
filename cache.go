package neardup

import (
	"container/list"
	"sync"

	"github.com/neardup/neardup/prepare"
)

// docCache keeps the most recently used prepared documents up to a
// budget of bytes, so that a document that is a candidate for many
// queries in a row (the same story, reported all day) is prepared once.
// It is safe for concurrent use.
type docCache struct {
	mu     sync.Mutex
	budget int
	used   int
	lru    list.List // of *cached, most recent first
	byNum  map[uint32]*list.Element
}

type cached struct {
	num  uint32
	doc  *prepare.Doc
	size int
}

func newDocCache(budget int) *docCache {
	return &docCache{budget: budget, byNum: map[uint32]*list.Element{}}
}

// docSize estimates the memory of a prepared document: its text, and
// per folded rune the rune, its offset step, its hashes and a share of
// the words (measured: 15.7 bytes a rune on SaudiNewsNet articles) and
// of the marks, once made (one in about 20 runes, 16 bytes each).
func docSize(d *prepare.Doc) int { return len(d.Text.Src) + 17*d.Text.Len() + 256 }

func (c *docCache) get(n uint32) *prepare.Doc {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byNum[n]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cached).doc
	}
	return nil
}

func (c *docCache) put(n uint32, d *prepare.Doc) {
	size := docSize(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if size > c.budget {
		return
	}
	if e, ok := c.byNum[n]; ok {
		c.used -= e.Value.(*cached).size
		c.lru.Remove(e)
	}
	c.byNum[n] = c.lru.PushFront(&cached{n, d, size})
	c.used += size
	for c.used > c.budget {
		e := c.lru.Back()
		v := e.Value.(*cached)
		c.lru.Remove(e)
		delete(c.byNum, v.num)
		c.used -= v.size
	}
}

func (c *docCache) remove(n uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byNum[n]; ok {
		c.used -= e.Value.(*cached).size
		c.lru.Remove(e)
		delete(c.byNum, n)
	}
}
