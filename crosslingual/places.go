package crosslingual

import (
	"slices"
	"strings"
	"sync"

	"github.com/neardup/neardup/internal/cldr"
	"github.com/neardup/neardup/normalize"
	"github.com/neardup/neardup/shingle"
)

// Places: countries, regions and languages by CLDR's English and Arabic
// names (internal/cldr), with the short forms and demonyms news writes
// (US, Britain, Chinese) that CLDR does not list. An Arabic demonym or
// adjective (الصيني, الصينية) has the light stem of its place (الصين)
// once the place's final ا or يا is off (أمريكا, أمريكي: امريك), so
// each Arabic name is also keyed so. English phrases are matched on
// folded words, Arabic ones on light stems; "the", "and" and "of" are
// skipped on both sides of an English match (Bosnia & Herzegovina,
// Bosnia and Herzegovina).

// placeAliases are English short forms and demonyms, and Arabic forms
// CLDR does not give, by the code of the place (as in internal/cldr).
// An English alias in capitals counts only written in capitals (US).
var placeAliases = map[string]string{
	"US":      "US U.S. USA U.S.A. america american americans أمريكا أميركا أمريكي أميركي",
	"GB":      "UK U.K. britain great_britain british briton britons بريطانيا بريطاني",
	"CN":      "chinese الصين",
	"RU":      "russian russians",
	"FR":      "french",
	"DE":      "german germans",
	"JP":      "japanese",
	"IN":      "indian indians",
	"IR":      "iranian iranians",
	"IQ":      "iraqi iraqis",
	"SY":      "syrian syrians",
	"SA":      "saudi saudis السعودية سعودي",
	"EG":      "egyptian egyptians",
	"IL":      "israeli israelis",
	"PS":      "palestine palestinian palestinians فلسطين فلسطيني",
	"TR":      "turkish turks turk",
	"KP":      "north_korean north_koreans pyongyang",
	"KR":      "south_korean south_koreans",
	"IT":      "italian italians",
	"ES":      "spanish",
	"CA":      "canadian canadians",
	"AU":      "australian australians",
	"MX":      "mexican mexicans",
	"BR":      "brazilian brazilians",
	"PK":      "pakistani pakistanis",
	"AF":      "afghan afghans",
	"QA":      "qatari",
	"AE":      "emirati emirates uae u.a.e. الإمارات إماراتي",
	"KW":      "kuwaiti",
	"JO":      "jordanian",
	"LB":      "lebanese",
	"YE":      "yemeni yemenis",
	"LY":      "libyan libyans",
	"SD":      "sudanese",
	"TN":      "tunisian",
	"DZ":      "algerian",
	"MA":      "moroccan",
	"OM":      "omani",
	"BH":      "bahraini",
	"UA":      "ukrainian ukrainians",
	"PL":      "polish",
	"NL":      "dutch",
	"SE":      "swedish",
	"NO":      "norwegian",
	"DK":      "danish",
	"IE":      "irish",
	"GR":      "greek greeks",
	"NG":      "nigerian",
	"KE":      "kenyan",
	"VE":      "venezuelan",
	"CU":      "cuban",
	"AR":      "argentine argentinian",
	"CO":      "colombian",
	"ID":      "indonesian",
	"MY":      "malaysian",
	"PH":      "filipino philippine",
	"VN":      "vietnamese",
	"TH":      "thai",
	"CH":      "swiss",
	"AT":      "austrian",
	"BE":      "belgian",
	"PT":      "portuguese",
	"ET":      "ethiopian",
	"SO":      "somali",
	"ZA":      "south_african",
	"NZ":      "new_zealander",
	"150":     "european europeans",
	"002":     "african africans",
	"142":     "asian",
	"EU":      "EU E.U.",
	"UN":      "UN U.N.",
	"lang:ar": "arab arabs",
}

// phrase is a place name after its first word: the rest of its words
// (English) or stems (Arabic), and its anchor.
type phrase struct {
	rest   []string // English words
	stems  []uint64 // Arabic stems, by hashRunes
	anchor Anchor
	caps   bool
}

// gazetteer holds the phrases of each language by their first key (the
// word, or the stem's hash), longest first.
type gazetteer struct {
	en map[string][]phrase
	ar map[uint64][]phrase
}

var places = sync.OnceValue(func() *gazetteer {
	g := &gazetteer{en: map[string][]phrase{}, ar: map[uint64][]phrase{}}
	add := func(code, name string) {
		a := anchorOf(Place, code)
		caps := strings.ToUpper(name) == name && strings.ToLower(name) != name
		words := strings.Fields(normalize.Default.String(strings.ReplaceAll(name, "_", " ")))
		if len(words) == 0 {
			return
		}
		if Detect([]rune(words[0])) == Arabic {
			g.addArabic(words, a)
			return
		}
		words = slices.DeleteFunc(words, func(w string) bool { return placeSkip[w] })
		if len(words) > 0 {
			g.en[words[0]] = append(g.en[words[0]], phrase{rest: words[1:], anchor: a, caps: caps})
		}
	}
	for _, p := range cldr.Places {
		add(p[0], p[1])
		add(p[0], p[2])
	}
	for code, names := range placeAliases {
		for _, n := range strings.Fields(names) {
			add(code, n)
		}
	}
	longest := func(x, y phrase) int { return len(y.rest) + len(y.stems) - len(x.rest) - len(x.stems) }
	for _, ps := range g.en {
		slices.SortStableFunc(ps, longest)
	}
	for _, ps := range g.ar {
		slices.SortStableFunc(ps, longest)
	}
	return g
})

// placeSkip are the English words a place name is matched without.
var placeSkip = map[string]bool{"the": true, "and": true, "of": true}

// addArabic adds an Arabic name by the stems of its words, and a
// one-word name ending in ا or يا also by the stem its demonym has.
func (g *gazetteer) addArabic(words []string, a Anchor) {
	stems := make([]uint64, len(words))
	for k, w := range words {
		stems[k] = hashRunes(shingle.Stem([]rune(w)))
	}
	g.ar[stems[0]] = append(g.ar[stems[0]], phrase{stems: stems[1:], anchor: a})
	if len(words) == 1 {
		stem := string(shingle.Stem([]rune(words[0])))
		for _, end := range []string{"يا", "ا"} {
			if s, ok := strings.CutSuffix(stem, end); ok && len([]rune(s)) >= 3 {
				g.ar[hashString(s)] = append(g.ar[hashString(s)], phrase{anchor: a})
				break
			}
		}
	}
}

// readPlace reads a place name at token i: the token after it and the
// anchors of the longest names found there, or i.
func readPlace(l Lang, src string, toks []token, i int, dst []Anchor) (int, []Anchor) {
	g := places()
	if l == English {
		return g.readEnglish(src, toks, i, dst)
	}
	best := i
	for _, first := range toks[i].stems {
		if first == 0 {
			break
		}
		for _, p := range g.ar[first] {
			j := i + 1
			for _, s := range p.stems {
				if j >= len(toks) || toks[j].stems[0] != s {
					j = -1
					break
				}
				j++
			}
			best, dst = keepLongest(best, j, i, dst, p.anchor)
		}
	}
	return best, dst
}

// keepLongest weighs a place name read from token i to token j against
// the best so far: a longer one replaces them, one as long joins them.
func keepLongest(best, j, i int, dst []Anchor, a Anchor) (int, []Anchor) {
	switch {
	case j > best:
		return j, append(dst[:0], a)
	case j == best && j > i && !slices.Contains(dst, a):
		return best, append(dst, a)
	}
	return best, dst
}

func (g *gazetteer) readEnglish(src string, toks []token, i int, dst []Anchor) (int, []Anchor) {
	best := i
	for _, p := range g.en[toks[i].s] {
		if p.caps && !allCaps(src, toks[i]) {
			continue
		}
		j := i + 1
		for _, w := range p.rest {
			for j < len(toks) && placeSkip[toks[j].s] {
				j++
			}
			if j >= len(toks) || toks[j].s != w {
				j = -1
				break
			}
			j++
		}
		best, dst = keepLongest(best, j, i, dst, p.anchor)
	}
	return best, dst
}
