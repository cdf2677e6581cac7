package crosslingual

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences are the units translation is aligned in: a translator
// renders sentence by sentence, sometimes joining two or splitting one,
// and keeps their order. A sentence ends at a line break, or at a full
// stop, question or exclamation mark (Arabic ؟ too) unless the stop
// ends an abbreviation: an initial (U.S., J. K. Rowling), a title (Mr.,
// Dr., Gen.) or a word followed by a lower-case one in English.

// sentenceEnds returns, for each token, whether a sentence ends after
// it.
func sentenceEnds(l Lang, src string, toks []token) []bool {
	ends := make([]bool, len(toks))
	for i := range toks {
		if i == len(toks)-1 {
			ends[i] = true
			break
		}
		g := gap(src, toks, i)
		switch {
		case strings.ContainsRune(g, '\n'):
			ends[i] = true
		case strings.ContainsAny(g, ".!?؟…。") && !abbreviation(l, src, toks, i, g):
			ends[i] = true
		}
	}
	return ends
}

// abbreviation reports whether the stop in g, after token i, ends an
// abbreviation rather than a sentence.
func abbreviation(l Lang, src string, toks []token, i int, g string) bool {
	if l != English || strings.ContainsAny(g, "!?؟…") {
		return false
	}
	if strings.TrimLeft(g, " ")[0] != '.' {
		return false // a stop after a quote or bracket ends a sentence
	}
	w := toks[i].s
	if len(toks[i].r) == 1 && w[0] >= 'a' && w[0] <= 'z' || englishAbbreviations[w] {
		return true
	}
	next, _ := utf8.DecodeRuneInString(src[toks[i+1].bs:])
	return unicode.IsLower(next)
}

// englishAbbreviations are the words written with a stop that seldom
// end a sentence.
var englishAbbreviations = setOf(`mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep st jr sr
inc corp co ltd vs no jan feb mar apr jun jul aug sep sept oct nov dec est approx`)
