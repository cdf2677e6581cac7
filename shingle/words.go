package shingle

import (
	"sync"

	"github.com/neardup/neardup/internal/cjk"
	"github.com/neardup/neardup/internal/pool"
	"github.com/neardup/neardup/normalize"
)

// Token is one word of a folded text: runes [Pos, End).
type Token struct{ Pos, End int }

// AppendTokens appends the words of folded runes to dst. Words are the
// runs between separators; runs of Han and kana characters, written
// without spaces, are cut into words by gse's HMM model, which is loaded
// on the first such run only, so text without CJK pays nothing for it.
func AppendTokens(dst []Token, runes []rune) []Token {
	start := -1
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && runes[i] != ' ' && runes[i] != '\n' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = appendWord(dst, runes, start, i)
			start = -1
		}
	}
	return dst
}

// appendWord appends the word runes[start:end), splitting out CJK runs.
func appendWord(dst []Token, runes []rune, start, end int) []Token {
	i := start
	for i < end {
		j := i
		han := cjk.IsCJK(runes[i])
		for j < end && cjk.IsCJK(runes[j]) == han {
			j++
		}
		if !han {
			dst = append(dst, Token{i, j})
		} else {
			p := i
			for _, w := range cjk.Segment(string(runes[i:j])) {
				n := len([]rune(w))
				dst = append(dst, Token{p, p + n})
				p += n
			}
		}
		i = j
	}
	return dst
}

// Word is a word of folded runes, [Pos, End), with the hash of its runes
// and of its light stem (Stem). Offsets are int32, as normalize.Text's
// are: a prepared document keeps hundreds.
type Word struct {
	Hash, Stem uint64
	Pos, End   int32
}

// MinContentRunes is the length from which a word counts as a content
// word: words of one or two runes are nearly all function words,
// particles and clitics, which carry no evidence of reuse.
const MinContentRunes = 3

var tokenPool = sync.Pool{New: func() any { return new([]Token) }}

// AppendContentWords appends to dst the words of folded runes that are
// at least minRunes long (MinContentRunes if minRunes < 1), each hashed
// from its runes alone, so that equal words hash alike wherever they
// are. Given a nil dst it allocates exactly the room they need.
func AppendContentWords(dst []Word, runes []rune, minRunes int) []Word {
	if minRunes < 1 {
		minRunes = MinContentRunes
	}
	toks := tokenPool.Get().(*[]Token)
	defer func() {
		if pool.Keeps(cap(*toks)) {
			tokenPool.Put(toks)
		}
	}()
	if dst == nil && len(runes) > wordStretch {
		// Counted first, a stretch at a time, then made: the tokens of a
		// long text held whole were 16 bytes a word more.
		n := 0
		for from := 0; from < len(runes); {
			to := stretchEnd(runes, from)
			*toks = AppendTokens((*toks)[:0], runes[from:to])
			n += countLong(*toks, minRunes)
			from = to
		}
		dst = make([]Word, 0, n)
	}
	for from := 0; from < len(runes); {
		to := stretchEnd(runes, from)
		*toks = AppendTokens((*toks)[:0], runes[from:to])
		if dst == nil {
			dst = make([]Word, 0, countLong(*toks, minRunes)) // one stretch
		}
		for _, t := range *toks {
			if t.End-t.Pos >= minRunes {
				w := runes[from+t.Pos : from+t.End]
				dst = append(dst, Word{Hash: mix(poly(w)), Stem: mix(poly(Stem(w))), Pos: int32(from + t.Pos), End: int32(from + t.End)})
			}
		}
		from = to
	}
	return dst
}

// countLong returns how many of toks are at least minRunes long.
func countLong(toks []Token, minRunes int) int {
	n := 0
	for _, t := range toks {
		if t.End-t.Pos >= minRunes {
			n++
		}
	}
	return n
}

// wordStretch is about how many runes AppendContentWords tokenizes at a
// time.
const wordStretch = 1 << 16

// stretchEnd returns the end of the stretch of runes from from that
// AppendContentWords tokenizes next: the first separator after
// wordStretch runes, or the end, so that no word is cut.
func stretchEnd(runes []rune, from int) int {
	to := from + wordStretch
	for to < len(runes) && runes[to] != ' ' && runes[to] != '\n' {
		to++
	}
	return min(to, len(runes))
}

// Words returns the word n-grams of t (n < 1 means 1), each hashed from
// its words and located by the folded span from its first word's start to
// its last word's end. A text with fewer than n words gives one shingle of
// all of them.
func Words(t *normalize.Text, n int) []Shingle {
	if n < 1 {
		n = 1
	}
	toks := AppendTokens(nil, t.Runes)
	if len(toks) == 0 {
		return nil
	}
	hs := make([]uint64, len(toks))
	for i, tk := range toks {
		hs[i] = mix(poly(t.Runes[tk.Pos:tk.End]))
	}
	w := min(n, len(toks))
	out := make([]Shingle, 0, len(toks)-w+1)
	for i := 0; i+w <= len(toks); i++ {
		var h uint64
		for _, x := range hs[i : i+w] {
			h = h*prime + x
		}
		out = append(out, Shingle{Hash: mix(h), Pos: toks[i].Pos, End: toks[i+w-1].End})
	}
	return out
}
