// Package cjk splits runs of Han and kana characters, which are written
// without spaces between words, into words.
//
// It uses only the hidden Markov model of github.com/go-ego/gse (package
// hmm), never a gse dictionary: the dictionaries add 33 MB to a binary and
// seconds and hundreds of megabytes to load, the model adds under 1 MB and
// loads in 2 ms. The model is loaded on the first call that needs it, so a
// process that never meets Han text pays nothing.
//
// # Concurrency
//
// All functions are safe for concurrent use, including during the first
// load. gse keeps its model in package-level maps, which this package only
// reads once loaded. Loading a gse dictionary (gse.New, NewEmbed, LoadDict…,
// Segmenter.LoadModel or HMMCutMod) anywhere in the same process rewrites
// those maps: it must not run concurrently with Segment or AppendSegments,
// or the process may die with "concurrent map read and map write".
package cjk

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse/hmm"
)

// maxChunk is the most runes handed to the model at once. gse's Viterbi
// copies every partial path at every step, so its cost per rune grows with
// the input: measured on this machine, 16 to 128 runes run at 1.4-1.5 MB/s,
// 256 at 1.3, 1024 at 0.9 and 4096 at 0.5 MB/s, and a megabyte-long run
// would allocate hundreds of gigabytes. Clauses between punctuation are far
// shorter than 128 runes, and a chunk boundary rarely splits a word (see
// appendModel), so the bound costs little or no accuracy.
const maxChunk = 128

// Model coverage: gse's emission tables only hold runes of the CJK Unified
// Ideographs block. Runes outside it are never handed to the model.
const (
	modelLo = 0x4E00
	modelHi = 0x9FFF
)

var (
	loaded atomic.Bool

	// load loads the model on first use rather than in init, so importing
	// the package costs next to nothing (gse/hmm's init compiles two small
	// regular expressions). The Once also orders the writes to gse's
	// maps before every read by Viterbi.
	load = sync.OnceFunc(func() {
		hmm.LoadModel()
		loaded.Store(true)
	})

	// known caches, two bits per rune of the model block, whether the
	// model has an emission probability for the rune (bit 1), once that
	// has been probed (bit 0). The array lives in BSS: 5 KB, untouched
	// until Han text shows up.
	known [(modelHi - modelLo + 1) / 16]atomic.Uint32

	bmes = []byte("BMES") // the model's states: begin, middle, end, single
)

// Loaded reports whether the model has been loaded, which happens on the
// first call to Segment or AppendSegments given an ideograph of the CJK
// Unified Ideographs block.
func Loaded() bool { return loaded.Load() }

// IsCJK reports whether r belongs in a run handed to Segment: a Han
// ideograph, Hiragana or Katakana, or a mark that only occurs on kana: the
// prolonged sound marks U+30FC and U+FF70, the combining voiced sound marks
// U+3099 and U+309A (canonical decomposition splits them off が, so without
// them a decomposed word would break in two) and their half-width forms
// U+FF9E and U+FF9F. It is meant for hot loops: common runes are decided by
// range checks, the Unicode tables are only consulted for rare ones.
func IsCJK(r rune) bool {
	switch {
	case r < 0x2E80: // below the first Han block: Latin, Arabic, …
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA:
		return true // the bulk of Hiragana and Katakana
	}
	return isKanaMark(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isKanaMark(r rune) bool {
	switch r {
	case 0x3099, 0x309A, 0x30FC, 0xFF70, 0xFF9E, 0xFF9F:
		return true
	}
	return false
}

type class uint8

const (
	other class = iota
	han
	hiragana
	katakana
	kanaMark
)

func classify(r rune) class {
	switch {
	case r < 0x2E80:
		return other
	case r >= 0x4E00 && r <= 0x9FFF:
		return han
	case r >= 0x3041 && r <= 0x3096:
		return hiragana
	case r >= 0x30A1 && r <= 0x30FA:
		return katakana
	case isKanaMark(r):
		return kanaMark
	case unicode.Is(unicode.Han, r):
		return han
	case unicode.Is(unicode.Hiragana, r):
		return hiragana
	case unicode.Is(unicode.Katakana, r):
		return katakana
	}
	return other
}

// isIterationMark reports whether r repeats the ideograph before it (人々),
// so it is kept in that ideograph's word.
func isIterationMark(r rune) bool { return r == 0x3005 || r == 0x303B }

// Segment splits run, a run of characters for which IsCJK is true, into
// words. It is AppendSegments(nil, run).
func Segment(run string) []string { return AppendSegments(nil, run) }

// AppendSegments appends the words of run to dst and returns the extended
// slice. Invalid UTF-8 is first replaced by U+FFFD (one per invalid
// sequence, as strings.ToValidUTF8 does); the words are substrings of that
// sanitized run and concatenate back to it exactly, so nothing is lost and
// offsets can be recovered by summing lengths.
//
// Runs of Han ideographs are segmented by the model; an ideograph the model
// does not know (many Japanese shinjitai, rare and extension-block
// ideographs) is a word of its own, because one unknown rune would otherwise
// degrade the model's output for the rest of the run. A run of Hiragana, or
// of Katakana, is one word: in Japanese these are mostly endings and
// particles, or loanwords. Any other rune, which should not be in run, is
// kept, in words of their own made of maximal stretches of such runes.
// Nothing panics, whatever run holds.
func AppendSegments(dst []string, run string) []string {
	s := strings.ToValidUTF8(run, "\uFFFD")
	first := len(dst)
	hanEnd := -1 // end offset of the last word appended if it is Han
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		j := i + w
		switch c := classify(r); c {
		case han:
			switch {
			case isIterationMark(r) && hanEnd == i && len(dst) > first:
				dst[len(dst)-1] = s[i-len(dst[len(dst)-1]) : j]
			case inModel(r):
				for j < len(s) {
					r, w := utf8.DecodeRuneInString(s[j:])
					if classify(r) != han || !inModel(r) {
						break
					}
					j += w
				}
				dst = appendModel(dst, s[i:j])
			default:
				dst = append(dst, s[i:j])
			}
			hanEnd = j
		case other:
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if classify(r) != other {
					break
				}
				j += w
			}
			dst = append(dst, s[i:j])
			hanEnd = -1
		default: // kana: the marks join Hiragana or Katakana, else start Katakana
			if c == kanaMark {
				c = katakana
			}
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if d := classify(r); d != c && d != kanaMark {
					break
				}
				j += w
			}
			dst = append(dst, s[i:j])
			hanEnd = -1
		}
		i = j
	}
	return dst
}

// inModel reports whether the model has an emission probability for r,
// probing it once per rune. A rune the model lacks gets log-probability
// -3.14e100 in every state; adding ordinary log-probabilities to that leaves
// it unchanged in float64, so every path after it ties and the output
// degrades to single runes.
func inModel(r rune) bool {
	if r < modelLo || r > modelHi {
		return false
	}
	i := uint(r - modelLo)
	word, shift := &known[i/16], (i%16)*2
	if v := word.Load() >> shift; v&1 != 0 {
		return v&2 != 0
	}
	ok := probe(r)
	bits := uint32(1)
	if ok {
		bits |= 2
	}
	// Racing probes of the same rune store the same bits: no lock needed.
	word.Or(bits << shift)
	return ok
}

// probeFiller has an emission probability in all four states, so in the
// sequence filler, r, filler every state of r can be reached and left
// through finite transitions: the best path is finite if and only if r is
// known in some state.
const probeFiller = '日'

func probe(r rune) bool {
	load()
	p, _ := hmm.Viterbi([]rune{probeFiller, r, probeFiller}, bmes)
	return p > -1e99 // unknown runes score about -3.14e100
}

// appendModel appends the words the model finds in s, a non-empty run of
// runes known to it, at most maxChunk runes at a time. Where a chunk had to
// be cut, its last word may be a fragment, so it is not appended: the next
// chunk starts at it instead, and a word straddles a cut only if it fills
// a whole chunk.
func appendModel(dst []string, s string) []string {
	load()
	var (
		runes [maxChunk]rune
		offs  [maxChunk + 1]int // byte offset of each rune in s, then of the end
	)
	for len(s) > 0 {
		n, end := 0, 0
		for n < maxChunk && end < len(s) {
			r, w := utf8.DecodeRuneInString(s[end:])
			runes[n], offs[n] = r, end
			n++
			end += w
		}
		offs[n] = end
		_, path := hmm.Viterbi(runes[:n], bmes)
		mark := len(dst)
		start := 0 // rune index where the current word began
		for k := 0; k < n; k++ {
			// Words end in state E or S; a final B or M cannot occur
			// but is handled like an end all the same.
			if k == n-1 || (k < len(path) && (path[k] == 'E' || path[k] == 'S')) {
				dst = append(dst, s[offs[start]:offs[k+1]])
				start = k + 1
			}
		}
		if end < len(s) && len(dst)-mark > 1 {
			last := dst[len(dst)-1]
			dst = dst[:len(dst)-1]
			end -= len(last)
		}
		s = s[end:]
	}
	return dst
}
