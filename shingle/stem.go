package shingle

// Light stemming of Arabic words, after Larkey, Ballesteros and Connell's
// light10 (2002): a conjunction و, the article with its particles
// (ال، وال، بال، كال، فال، لل) and common suffixes (ها، ان، ات، ون، ين،
// يه، ه، ي) come off, so that a word written with or without its clitics
// and in its common inflections has one stem: الطيران، والطيران، بالطيران
// are طيران; المتهمون، المتهمين are متهم. It works on folded runes
// (normalize.Default: teh marbuta folds to heh, alef maksura to yeh), so
// the feminine ending (ة, here ه) comes off as ه does. A word of any other
// script is its own stem, but a number keeps its digits only (2015م,
// 1436هـ are 2015, 1436).

var (
	articles = [][]rune{[]rune("وال"), []rune("بال"), []rune("كال"), []rune("فال"), []rune("لل"), []rune("ال")}
	suffixes = [][]rune{[]rune("ها"), []rune("ان"), []rune("ات"), []rune("ون"), []rune("ين"), []rune("يه"), []rune("ه"), []rune("ي")}
)

// minStem is the shortest stem light stemming leaves.
const minStem = 2

// Stem returns the light stem of a folded word, a subslice of it.
func Stem(word []rune) []rune {
	if len(word) > 0 && word[0] >= '0' && word[0] <= '9' {
		n := 1
		for n < len(word) && word[n] >= '0' && word[n] <= '9' {
			n++
		}
		return word[:n]
	}
	if len(word) == 0 || !isArabicLetter(word[0]) {
		return word
	}
	if len(word) >= 4 && word[0] == 'و' {
		word = word[1:]
	}
	for _, p := range articles {
		if len(word)-len(p) >= minStem && hasPrefix(word, p) {
			word = word[len(p):]
			break
		}
	}
	for again := true; again; {
		again = false
		for _, s := range suffixes {
			if len(word)-len(s) >= minStem && hasSuffix(word, s) {
				word = word[:len(word)-len(s)]
				again = true
				break
			}
		}
	}
	return word
}

func isArabicLetter(r rune) bool { return r >= 0x0621 && r <= 0x064A }

func hasPrefix(w, p []rune) bool {
	for i, r := range p {
		if w[i] != r {
			return false
		}
	}
	return true
}

func hasSuffix(w, s []rune) bool {
	off := len(w) - len(s)
	for i, r := range s {
		if w[off+i] != r {
			return false
		}
	}
	return true
}
