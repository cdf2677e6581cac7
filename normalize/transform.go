package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Transformer returns a transform.Transformer that folds a stream by r,
// producing UTF-8 text equal to r.String of the whole input (without
// offsets). Use it with transform.NewReader to fold text of any size in
// constant memory. Each call returns a new Transformer; a Transformer is
// not safe for concurrent use.
func (r Rules) Transformer() transform.Transformer {
	return &transformer{t: r.compiled()}
}

type transformer struct {
	t     *table
	sep   rune // pending separator
	begun bool // something was written: separators may follow
}

func (x *transformer) Reset() { x.sep, x.begun = 0, false }

func (x *transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	var buf [16]rune
	for nSrc < len(src) {
		if !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		c, size := utf8.DecodeRune(src[nSrc:])
		// Fold one rune into a sink over a small buffer, then copy out
		// only if it all fits, so a short dst never splits a rune.
		s := sink{runes: buf[:0], sep: x.sep}
		skip := 0
		if x.begun {
			// A placeholder stands for the text already written, so that
			// a pending separator goes out before the next rune.
			s.runes, skip = buf[:1], 1
		}
		x.t.foldInto(&s, c, 0)
		out := s.runes[skip:]
		need := 0
		for _, o := range out {
			need += utf8.RuneLen(o)
		}
		if nDst+need > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		for _, o := range out {
			nDst += utf8.EncodeRune(dst[nDst:], o)
		}
		x.sep = s.sep
		x.begun = x.begun || len(out) > 0
		nSrc += size
	}
	// A separator still pending at the end of input is trailing: dropped.
	return nDst, nSrc, nil
}

// foldInto folds one rune, found at byte b of the source, into s.
func (t *table) foldInto(s *sink, c rune, b int32) {
	if c >= bmpSize {
		s.expand(t.foldRare(c), b)
		return
	}
	e := t.bmp[c]
	switch e & kindMask {
	case kindRune:
		s.emit(rune(e&valueMask), b)
	case kindSpace:
		s.separate(false, b)
	case kindNewline:
		s.separate(true, b)
	case kindExpand:
		k := e & valueMask
		s.expand(t.exp[t.expIdx[k]:t.expIdx[k+1]], b)
	}
}
