package crosslingual

import "strings"

// English words, as the lexicon and analysis see them: folded
// (normalize.Default: lower case, accents off), then lightly stemmed, so
// that the inflections of a word meet (report, reports, reported,
// reporting) without the cost or the errors of a full stemmer. The
// lexicon is stemmed by the same function when it is built; a change
// here must raise stemVersion, so that an old lexicon file is refused
// rather than half matched.

// StemEnglish returns the light stem of a folded English word: plural
// and verb endings off (-s, -es, -ies, -ed, -ing), -ly off, a final e
// off, a doubled final consonant undoubled. Words of four letters or
// fewer keep all but a plural s.
func StemEnglish(w string) string {
	if s, ok := englishKeep[w]; ok {
		return s
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:n-2])
	case n > 5 && strings.HasSuffix(w, "ly"):
		w = w[:n-2]
	}
	if n := len(w); n > 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	if n := len(w); n > 3 && w[n-1] == 'y' {
		// happy, happily, happier: y and i meet
		w = w[:n-1] + "i"
	}
	return w
}

// undouble drops one of two equal final consonants (stopped, running),
// but not of l, s or z (called, passed, buzzed keep theirs: the base
// has them too).
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// englishKeep are words the rules would conflate with others, kept as
// they are (news is not new, series not a sery).
var englishKeep = map[string]string{
	"news": "news", "series": "series", "species": "species", "always": "always",
	"perhaps": "perhaps", "bus": "bus", "gas": "gas", "physics": "physics",
	"politics": "politics", "economics": "economics", "united": "united",
	"during": "during", "nothing": "nothing", "something": "something",
}

// englishStop are function words: no anchor, however the lexicon
// translates them (the, of, said meet some word in every sentence).
var englishStop = setOf(`a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves said says say told tell according mr mrs ms dr one ones s t also
however may might must shall us
`)

// setOf returns the set of the space-separated words of s.
func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
