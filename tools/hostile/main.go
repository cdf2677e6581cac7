// Command hostile writes the inputs of the hostile-input measurements
// (issue 13) into a directory: none of them is kept in the repository.
//
//	go run ./tools/hostile DIR
//
// writes
//
//	big.txt          one document of just under 64 MiB (--max-bytes)
//	a16.txt b16.txt  two documents of 16 MB
//	copies-N.zip     N copies of one 600-rune text, N = 2000, 5000, 20000
//	blank.zip        a JSON Lines member of 256 MiB of line breaks (261 KB)
//	bomb.zip         16 zips of 16 members of 60 MiB of text each (15 GiB)
//
// The texts are the seed articles' words in a random order (a fixed
// seed, so every run writes the same bytes). measure.sh beside this file
// runs the commands on them.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := run(dir); err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	words, err := seedWords()
	if err != nil {
		return err
	}
	for i, f := range []struct {
		name string
		size int
	}{{"big.txt", 64<<20 - 1024}, {"a16.txt", 16e6}, {"b16.txt", 16e6}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(text(words, f.size, uint64(i+2))), 0o644); err != nil {
			return err
		}
	}
	one := []rune(text(words, 4000, 1))[:600]
	for _, n := range []int{2000, 5000, 20000} {
		err := writeZip(filepath.Join(dir, fmt.Sprintf("copies-%d.zip", n)), func(z *zip.Writer) error {
			for i := range n {
				w, err := z.Create(fmt.Sprintf("copy-%05d.txt", i))
				if err != nil {
					return err
				}
				if _, err := io.WriteString(w, string(one)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = writeZip(filepath.Join(dir, "blank.zip"), func(z *zip.Writer) error {
		return repeatMember(z, "blank.jsonl", []byte("\n"), 256<<20)
	})
	if err != nil {
		return err
	}
	var inner bytes.Buffer
	zw := newZip(&inner)
	for i := range 16 {
		if err := repeatMember(zw, fmt.Sprintf("m%02d.txt", i), []byte("نص "), 60<<20); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return writeZip(filepath.Join(dir, "bomb.zip"), func(z *zip.Writer) error {
		for i := range 16 {
			w, err := z.Create(fmt.Sprintf("z%02d.zip", i))
			if err != nil {
				return err
			}
			if _, err := w.Write(inner.Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedWords returns the words of testdata/seeds.
func seedWords() ([]string, error) {
	paths, err := filepath.Glob("testdata/seeds/*.txt")
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no seeds (run from the module root): %v", err)
	}
	var words []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		words = append(words, strings.Fields(string(b))...)
	}
	return words, nil
}

// text returns about n bytes of words in a random order, in paragraphs
// of 80 words.
func text(words []string, n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 2))
	var b strings.Builder
	b.Grow(n)
	for i := 1; b.Len() < n-64; i++ {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteString(map[bool]string{true: "\n\n", false: " "}[i%80 == 0])
	}
	return b.String()
}

func newZip(w io.Writer) *zip.Writer {
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	return z
}

func writeZip(path string, fill func(*zip.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	z := newZip(f)
	if err := fill(z); err != nil {
		f.Close()
		return err
	}
	if err := z.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// repeatMember adds a member of unit repeated to n bytes.
func repeatMember(z *zip.Writer, name string, unit []byte, n int) error {
	w, err := z.Create(name)
	if err != nil {
		return err
	}
	chunk := bytes.Repeat(unit, (1<<20)/len(unit))
	for written := 0; written < n; written += len(chunk) {
		if _, err := w.Write(chunk[:min(len(chunk), n-written)]); err != nil {
			return err
		}
	}
	return nil
}
