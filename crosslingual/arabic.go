package crosslingual

import (
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

// Arabic words, as the lexicon and analysis see them: folded with
// normalize.Default and stemmed with shingle.Stem, the light stemmer of
// the monolingual path (conjunction و, the article and its particles,
// common suffixes off). A word that is not found so is tried without a
// one-letter proclitic (ب، ل، ك، ف) the stemmer leaves on: لمصر is مصر.

// arabicStop are function words: no anchor, however a lexicon
// translates them. Folded as normalize.Default folds text.
var arabicStop = foldedSet(`في من على إلى الى عن أن ان إن لا ما لم لن قد كان كانت يكون تكون هذا هذه
ذلك تلك التي الذي الذين اللذين اللتين هو هي هم هن نحن أنا انت أنت كما كل بعض أي او أو ثم حتى بين عند
لدى مع بعد قبل خلال منذ حيث إذا اذا لكن ولكن غير فقط أيضا ايضا وقال قال قالت وقالت يقول تقول وأضاف
أضاف وأوضح أوضح وأشار أشار إنه انه أنه إنها انها أنها له لها لهم به بها بهم فيه فيها منه منها عليه
عليها إليه اليه وهو وهي وفي ومن وعلى وإلى والى وعن وأن وان ولا وما ولم وقد وكان وكانت وهذا وهذه
وذلك والتي والذي وكل وبعد وقبل وخلال ومع وبين ليس ليست كذلك هناك هنا الآن الان
`)

// foldedSet returns the set of the words of s, each folded.
func foldedSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range shingleFields(normalize.Default.String(s)) {
		m[w] = true
	}
	return m
}

// shingleFields splits folded text into its words.
func shingleFields(s string) []string {
	r := []rune(s)
	var out []string
	for _, t := range shingle.AppendTokens(nil, r) {
		out = append(out, string(r[t.Pos:t.End]))
	}
	return out
}

// isProclitic reports whether r is a one-letter proclitic the light
// stemmer leaves on a word (و it takes off itself).
func isProclitic(r rune) bool { return r == 'ب' || r == 'ل' || r == 'ك' || r == 'ف' || r == 'و' }

// maxStems is how many stems a word may have: its own and two without
// proclitics.
const maxStems = 3

// arabicStems sets the hashes (hashRunes) of the stems a folded Arabic
// word may have, most likely first: its light stem, then the stem
// without a leading proclitic (and without و and a proclitic: وبالصين);
// 0 after the last.
func arabicStems(dst *[maxStems]uint64, w []rune) {
	dst[0] = hashRunes(shingle.Stem(w))
	for k := 1; k < maxStems && len(w) > 3 && isProclitic(w[0]); k++ {
		w = w[1:]
		dst[k] = hashRunes(shingle.Stem(w))
	}
}

// hashRunes is FNV-1a over the runes of w: how the lexicon and the
// gazetteer key Arabic stems, so that looking one up allocates nothing.
func hashRunes(w []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range w {
		h = (h ^ uint64(r)) * 1099511628211
	}
	return h | 1 // never 0, which means none
}

// hashString is hashRunes of the runes of s.
func hashString(s string) uint64 { return hashRunes([]rune(s)) }

// isArabic reports whether r is an Arabic letter (after folding).
func isArabic(r rune) bool { return r >= 0x0620 && r <= 0x06FF }

// shingleStem returns the light stem of a folded Arabic word.
func shingleStem(w string) []rune { return shingle.Stem([]rune(w)) }
