package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/neardup/neardup/store"
)

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "corpus.db")

	s, err := store.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	// One transaction: when Put returns, both records are on disk.
	err = s.Put([]store.Record{
		{Num: 0, ID: "wire-1", Fingerprint: 0x0123456789abcdef, HasFingerprint: true, Marks: []uint64{11, 42}},
		{Num: 1, ID: "paper-7", Marks: []uint64{42}},
	}, []string{"نص الخبر الأول", "نص المقال"})
	fmt.Println(err)
	_ = s.Close()

	s, _ = store.Open(path)
	defer s.Close()
	_ = s.Scan(func(r store.Record) error {
		fmt.Println(r.Num, r.ID, r.HasFingerprint)
		return nil
	})
	text, _ := s.Text(1)
	fmt.Println(text)
	_, err = s.Text(9)
	fmt.Println(errors.Is(err, store.ErrNotFound))
	// Output:
	// <nil>
	// 0 wire-1 true
	// 1 paper-7 false
	// نص المقال
	// true
}

func ExampleMemory() {
	var m store.Memory // the zero value is an empty store
	_ = m.Put([]store.Record{{Num: 0, ID: "a", Marks: []uint64{7, 9}}}, []string{"text"})
	_ = m.ScanMarks(0, func(num uint32, marks []uint64) error {
		fmt.Println(num, marks)
		return nil
	})
	// Output:
	// 0 [7 9]
}
