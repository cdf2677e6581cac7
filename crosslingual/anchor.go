package crosslingual

import "strings"

// Anchor is a point of the English–Arabic anchor space: a value both
// languages write, each in its own way. "150,000" and "150.000", "May"
// and "مايو", "China" and "الصين", "Kavanaugh" and "كافانو", "hospital"
// and "مستشفى" (through a lexicon) each meet at one anchor. Its top byte
// is its Kind, the rest a hash of the value.
type Anchor uint64

// Kind is what an anchor stands for.
type Kind uint8

// The kinds of anchors.
const (
	// Number: a quantity, written in digits of either script, with
	// thousands and decimal separators, scale words (million, مليون)
	// or in words (twenty-five, خمسة وعشرون).
	Number Kind = iota + 1
	// Calendar: a month (CLDR's English and Arabic names, and the
	// Levantine and Maghrebi Arabic ones) or a day of the week.
	Calendar
	// Place: a country, region or language, by CLDR's English and
	// Arabic names, a few common short forms and demonyms.
	Place
	// Name: a proper name by its consonant skeleton, which a
	// transliteration keeps (Kavanaugh, كافانو: k f n).
	Name
	// Word: a content word, through the bilingual lexicon.
	Word
)

var kindNames = [...]string{"", "number", "calendar", "place", "name", "word"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) && k > 0 {
		return kindNames[k]
	}
	return "kind?"
}

// Kinds is a set of kinds of anchors: which ones an analysis looks for.
type Kinds uint8

// AllKinds are every kind of anchor; the zero Kinds means these.
const AllKinds = Kinds(1<<Number | 1<<Calendar | 1<<Place | 1<<Name | 1<<Word)

// KindsOf returns the set of the kinds given.
func KindsOf(ks ...Kind) Kinds {
	var s Kinds
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

// Has reports whether s holds k; the zero set holds every kind.
func (s Kinds) Has(k Kind) bool { return s == 0 || s&(1<<k) != 0 }

// String lists the kinds of s, joined by "+".
func (s Kinds) String() string {
	var names []string
	for k := Number; k <= Word; k++ {
		if s.Has(k) {
			names = append(names, k.String())
		}
	}
	return strings.Join(names, "+")
}

// Kind returns the kind of a.
func (a Anchor) Kind() Kind { return Kind(a >> 56) }

// anchorOf returns the anchor of kind k and value key: FNV-1a of the
// key, inline, as analysis hashes every word.
func anchorOf(k Kind, key string) Anchor {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * 1099511628211
	}
	return Anchor(h&(1<<56-1) | uint64(k)<<56)
}

// anchorOfBytes is anchorOf of the bytes of key, allocating nothing.
func anchorOfBytes(k Kind, key []byte) Anchor {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return Anchor(h&(1<<56-1) | uint64(k)<<56)
}
