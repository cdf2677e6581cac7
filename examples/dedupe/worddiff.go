package main

import (
	"unicode"
	"unicode/utf8"
)

// Word-level differences inside a passage: which words of one side are
// not in the other, so that a rewrite's changes and a formula's
// differing names and figures stand out. Words are compared by their
// folded forms (the corpus's normalization), so a word respelled with
// harakat, another alef or Arabic-Indic digits is not a change; a token
// that folds to nothing (punctuation) is never marked.

// word is a word of a text: its byte span and folded form.
type word struct {
	start, end int
	key        string
}

// maxDiffCells bounds the table of the longest common subsequence, in
// cells (4 bytes each): passages that differ in more words than this
// allows (after their common start and end are set aside) have their
// differing middle marked whole rather than cost hundreds of megabytes.
const maxDiffCells = 1 << 22

// wordDiff returns the byte spans, in a and in b, of the words that are
// not in a longest common subsequence of the two texts' words.
func wordDiff(a, b string, fold func(string) string) (changedA, changedB [][2]int) {
	wa, wb := words(a, fold), words(b, fold)
	inA, inB := lcsMarks(wa, wb)
	return spansOf(wa, inA), spansOf(wb, inB)
}

// words splits s at white space, folding each word; words that fold to
// nothing are left out.
func words(s string, fold func(string) string) []word {
	var out []word
	start := -1
	for i := 0; i <= len(s); {
		r, size := utf8.RuneError, 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if i == len(s) || unicode.IsSpace(r) {
			if start >= 0 {
				if k := fold(s[start:i]); k != "" {
					out = append(out, word{start, i, k})
				}
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	return out
}

// lcsMarks returns, for each word of a and of b, whether it is in a
// longest common subsequence of the two.
func lcsMarks(a, b []word) (inA, inB []bool) {
	inA, inB = make([]bool, len(a)), make([]bool, len(b))
	lo := 0
	for lo < len(a) && lo < len(b) && a[lo].key == b[lo].key {
		inA[lo], inB[lo] = true, true
		lo++
	}
	hiA, hiB := len(a), len(b)
	for hiA > lo && hiB > lo && a[hiA-1].key == b[hiB-1].key {
		hiA, hiB = hiA-1, hiB-1
		inA[hiA], inB[hiB] = true, true
	}
	n, m := hiA-lo, hiB-lo
	if n == 0 || m == 0 || (n+1)*(m+1) > maxDiffCells {
		return inA, inB
	}
	// t[i][j] is the length of a longest common subsequence of
	// a[lo+i:hiA] and b[lo+j:hiB], so the walk below goes forward.
	w := m + 1
	t := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[lo+i].key == b[lo+j].key:
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			case t[(i+1)*w+j] >= t[i*w+j+1]:
				t[i*w+j] = t[(i+1)*w+j]
			default:
				t[i*w+j] = t[i*w+j+1]
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[lo+i].key == b[lo+j].key:
			inA[lo+i], inB[lo+j] = true, true
			i, j = i+1, j+1
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return inA, inB
}

// spansOf returns the spans of the words not marked in, adjacent ones
// (only white space between them) joined.
func spansOf(ws []word, in []bool) [][2]int {
	var out [][2]int
	for k, w := range ws {
		if in[k] {
			continue
		}
		if n := len(out); n > 0 && k > 0 && !in[k-1] {
			out[n-1][1] = w.end
			continue
		}
		out = append(out, [2]int{w.start, w.end})
	}
	return out
}
