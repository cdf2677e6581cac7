package input

import (
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
)

// Reading ahead: a file read on a goroutine of its own while earlier ones
// are consumed.

// spool is a file read on its own goroutine, what it yields passed on in
// order, in batches, through a channel. The text it may hold is bounded
// (spoolBytes), so that a directory of huge files is read in bounded
// memory, yet a news archive of a day or two is read whole while the file
// before it is being taken. A spool costs little more than its goroutine,
// so that reading a directory of many small files costs mostly the
// opening of each.
type spool struct {
	ch    chan []spooled
	room  chan struct{} // a token for every spoolUnit bytes held
	done  chan struct{}
	panic *PanicError // what the reader panicked with, raised again by replay
}

type spooled struct {
	doc Document
	err error
}

const (
	spoolBytes = 32 << 20
	spoolUnit  = 4 << 10
	// spoolBatch is the most documents sent at once: batches save
	// channel operations when the consumer is behind.
	spoolBatch = 256
)

// units is how many tokens of room a document takes: one at least (the
// tokens also bound the number of documents held), and never more than
// all of them, or a document larger than the bound could not pass.
func units(d Document) int {
	return min(max(1, (len(d.Text)+spoolUnit-1)/spoolUnit), spoolBytes/spoolUnit)
}

// spoolFile starts reading a file as r.file would, into a spool.
func (r *reader) spoolFile(p, id string, size int64) *spool {
	sp := &spool{
		ch:   make(chan []spooled, 16),
		room: make(chan struct{}, spoolBytes/spoolUnit),
		done: make(chan struct{}),
	}
	var batch []spooled
	// flush sends the batch, and reports false if the consumer stopped.
	flush := func() bool {
		if len(batch) == 0 {
			return true
		}
		select {
		case sp.ch <- batch:
			batch = nil
			return true
		case <-r.stop:
			return false
		}
	}
	sub := *r
	sub.yielded = 0
	sub.yield = func(d Document, err error) bool {
		// Once the consumer stops, the selects below could still pick a
		// free channel at random; a stopped reader should stop at once.
		select {
		case <-r.stop:
			return false
		default:
		}
		for range units(d) {
			select {
			case sp.room <- struct{}{}:
				continue
			default:
			}
			// Out of room: what is held must reach the consumer,
			// who gives room back as it takes documents.
			if !flush() {
				return false
			}
			select {
			case sp.room <- struct{}{}:
			case <-r.stop:
				return false
			}
		}
		batch = append(batch, spooled{d, err})
		// Documents go at once while the consumer keeps up (nothing
		// waits in the channel), in batches when it falls behind.
		if len(batch) >= spoolBatch || len(sp.ch) == 0 {
			return flush()
		}
		return true
	}
	go func() {
		defer close(sp.done)
		defer close(sp.ch)
		defer func() {
			// A bug in a reader should surface where the documents
			// are taken, not take down the process from here.
			if v := recover(); v != nil {
				sp.panic = &PanicError{Value: v, Stack: debug.Stack()}
			}
		}()
		if sub.file(p, id, size) {
			flush()
		}
	}()
	return sp
}

// replay yields to r what the spool's reader yields, as it comes.
func (sp *spool) replay(r *reader) bool {
	for batch := range sp.ch {
		for _, o := range batch {
			for range units(o.doc) {
				<-sp.room
			}
			r.yielded++
			if !r.yield(o.doc, o.err) {
				r.halt()
				return false
			}
		}
	}
	if sp.panic != nil {
		panic(sp.panic)
	}
	return true
}

// PanicError is what Read panics with when reading a file read ahead on
// a goroutine of its own panicked: the value, and the stack of that
// goroutine, which the panic raised again in the consumer's would lose.
type PanicError struct {
	Value any
	Stack []byte
}

func (p *PanicError) Error() string {
	return fmt.Sprintf("input: panic while reading: %v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns the value if it is an error.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// halt tells the readers of files read ahead that the consumer stopped.
func (r *reader) halt() { r.stopOnce.Do(func() { close(r.stop) }) }

func looping(ancestors []fs.FileInfo, fi fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return true
		}
	}
	return false
}
