package store

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Transactions of a Bolt, and how a damaged file's panics and faults
// become errors.

// bucket returns the bucket called name inside the root bucket of tx.
func bucket(tx *bolt.Tx, name []byte) *bolt.Bucket { return tx.Bucket(rootBucket).Bucket(name) }

// update and view run fn in a transaction, turning a closed database,
// a panic on a damaged page and a fault on a read past the end of the
// file (cut short while open) into errors. SetPanicOnFault is per
// goroutine, and bbolt reads the file in the caller's: a fault there is
// a panic that recoverCorrupt takes, where it would end the process.
func (s *Bolt) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.db == nil {
		return ErrClosed
	}
	defer s.recoverCorrupt(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.closedErr(s.db.Update(fn))
}

func (s *Bolt) view(fn func(tx *bolt.Tx) error) (err error) {
	if s.db == nil {
		return ErrClosed
	}
	defer s.recoverCorrupt(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.closedErr(s.db.View(fn))
}

// recoverCorrupt turns a panic in bbolt, which is how it meets a damaged
// page, into ErrCorrupt. A panic in the caller's own function (see
// callerPanic) is the caller's bug, not the file's: it goes on, with the
// frames that raised it still on the stack.
func (s *Bolt) recoverCorrupt(err *error) {
	p := recover()
	switch p := p.(type) {
	case nil:
	case callerPanic:
		panic(p.v)
	case storePanic:
		*err = fmt.Errorf("%w: %s: %s", ErrCorrupt, s.path, describePanic(p.v))
	default:
		*err = fmt.Errorf("%w: %s: %s", ErrCorrupt, s.path, describePanic(p))
	}
}

// describePanic says what a panic of bbolt's means: a fault is a read
// of memory the file does not back.
func describePanic(p any) string {
	if re, ok := p.(runtime.Error); ok {
		if f, ok := re.(interface{ Addr() uintptr }); ok {
			return fmt.Sprintf("a read past the end of the file or through a damaged page (fault at %#x)", f.Addr())
		}
	}
	return fmt.Sprint(p)
}

// callerPanic carries a panic raised in a function given to a Bolt method
// out of the transaction; storePanic one raised in bbolt while that
// function was running (reading or writing a snapshot).
type (
	callerPanic struct{ v any }
	storePanic  struct{ v any }
)

// caller runs the caller's fn, marking a panic in it as the caller's.
func caller(fn func() error) error {
	defer func() {
		switch p := recover().(type) {
		case nil:
		case storePanic:
			panic(p)
		default:
			panic(callerPanic{p})
		}
	}()
	return fn()
}

// inStore runs fn, a call into bbolt made on behalf of the caller's
// function, marking a panic in it as the store's.
func inStore[T any](fn func() T) T {
	defer func() {
		if p := recover(); p != nil {
			panic(storePanic{p})
		}
	}()
	return fn()
}

func (s *Bolt) closedErr(err error) error {
	switch {
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return ErrClosed
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return ErrReadOnly
	}
	return err
}
