package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/neardup/neardup/crosslingual"
)

// FreeDict's dictionaries come as dictd databases: NAME.index, one
// entry a line (headword, offset and length in base 64, tab-separated),
// and NAME.dict.dz, the entries' text, dictzip-compressed (which gzip
// reads). An entry is its headword with a pronunciation, then its
// translations, one a line, numbered when there are several; a
// translation may add a gloss after " - ".

// readFreeDict adds the pairs of the dictd database at base (base.index
// and base.dict.dz) and returns the entries read and the pairs taken.
func readFreeDict(base string, lex *crosslingual.Lexicon) (entries, taken int, err error) {
	idx, err := os.Open(base + ".index")
	if err != nil {
		return 0, 0, err
	}
	defer idx.Close()
	dz, err := os.Open(base + ".dict.dz")
	if err != nil {
		return 0, 0, err
	}
	defer dz.Close()
	zr, err := gzip.NewReader(dz)
	if err != nil {
		return 0, 0, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return 0, 0, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	return readDictd(idx, text, lex)
}

// readDictd reads the entries listed by index out of text.
func readDictd(index io.Reader, text []byte, lex *crosslingual.Lexicon) (entries, taken int, err error) {
	sc := bufio.NewScanner(index)
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			return entries, taken, fmt.Errorf("index line %d: want headword, offset and length", n)
		}
		if strings.HasPrefix(f[0], "00database") || strings.HasPrefix(f[0], "00-database") {
			continue
		}
		off, err1 := base64Number(f[1])
		size, err2 := base64Number(f[2])
		if err := errors.Join(err1, err2); err != nil || off+size > len(text) {
			return entries, taken, fmt.Errorf("index line %d: bad offset or length (%v)", n, err)
		}
		entries++
		taken += addEntry(string(text[off:off+size]), lex)
	}
	return entries, taken, sc.Err()
}

// numbered matches the number of a translation ("2. ").
var numbered = regexp.MustCompile(`^\d+\.\s*`)

// addEntry adds the pairs of one entry: its headword with each of its
// translations, English on whichever side it is.
func addEntry(entry string, lex *crosslingual.Lexicon) int {
	lines := strings.Split(strings.TrimSpace(entry), "\n")
	head := lines[0]
	if k := strings.Index(head, " /"); k >= 0 {
		head = head[:k] // the pronunciation
	}
	taken := 0
	for _, l := range lines[1:] {
		l = numbered.ReplaceAllString(strings.TrimSpace(l), "")
		if k := strings.Index(l, " - "); k >= 0 {
			l = l[:k] // a gloss
		}
		en, ar := head, l
		if isArabicWord(head) {
			en, ar = l, head
		}
		if lex.AddPair(strings.TrimSpace(en), strings.TrimSpace(ar)) {
			taken++
		}
	}
	return taken
}

// base64Number decodes dictd's base-64 numbers (A–Z, a–z, 0–9, +, /:
// digits 0 to 63, most significant first).
func base64Number(s string) (int, error) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if s == "" || len(s) > 8 {
		return 0, fmt.Errorf("%q is not a dictd number", s)
	}
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			return 0, fmt.Errorf("%q is not a dictd number", s)
		}
		n = n*64 + d
	}
	return n, nil
}
