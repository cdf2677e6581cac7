package tfidf

import "github.com/neardup/neardup/shingle"

// NewWordBag cuts folded runes (as in normalize.Text.Runes) into words,
// every one of them whatever its length: the runs between the
// separators ' ' and '\n' (the library's tokenizer, shingle.AppendTokens,
// which also cuts runs of Han and kana into words). Folding has made
// punctuation a separator and spelling variants one word.
func NewWordBag(runes []rune) Bag {
	words := shingle.AppendContentWords(nil, runes, 1)
	h := make([]uint64, len(words))
	for i, w := range words {
		h[i] = w.Hash
	}
	return bagOf(h)
}
