// Package normalize folds text into the canonical form that shingles and
// fingerprints are computed from, keeping a map from every folded position
// back to the original text.
//
// Folding is rune by rune: each original rune becomes zero, one or a few
// folded runes, so a span of folded text always maps back to a span of
// whole original runes. Runs of whitespace and punctuation become a single
// separator: '\n' if the run holds a line break, ' ' otherwise. Leading and
// trailing separators are dropped.
package normalize

// Rules says which folds Rules.Text and the other methods apply. Each field turns one documented
// fold on; the zero value only folds whitespace. Rules is comparable, so it
// can key a map, and cheap to copy. Default is what the rest of the library
// uses.
type Rules struct {
	// Compat applies Unicode compatibility decomposition (the K in NFKC)
	// to each rune: Arabic presentation forms (U+FB50–U+FDFF,
	// U+FE70–U+FEFF) become base letters, ligatures such as ﻻ and ﷲ are
	// spelled out, full-width and superscript forms become plain ones.
	// Decomposition is canonical too, so precomposed and decomposed
	// spellings of a letter meet (é and e+◌́). Unlike NFKC the result is
	// not recomposed across runes: composition needs context and would
	// break the rune-to-rune offset map. Within one rune it is, where
	// Alef or Hamza needs the letter whole (ﺅ folds as ؤ does). So two
	// canonically equivalent texts fold alike, except for a hamza or madda
	// letter written decomposed in the text itself (see Hamza). Hangul
	// syllables are kept whole.
	Compat bool

	// ArabicMarks removes Arabic harakat and Quranic annotation marks:
	// U+0610–U+061A, U+064B–U+065F (fatha, damma, kasra, tanween, shadda,
	// sukun, hamza and madda above/below, …), superscript alef U+0670,
	// U+06D6–U+06ED marks and the extended marks U+08D3–U+08FF.
	ArabicMarks bool

	// Accents removes combining diacritical marks (U+0300–U+036F and the
	// extended and supplement blocks): after Compat decomposition this
	// folds café to cafe and Kyïv to Kyiv.
	Accents bool

	// Tatweel removes the kashida U+0640, which stretches words for
	// justification only.
	Tatweel bool

	// Alef folds alef with hamza above or below, madda and wasla
	// (أ إ آ ٱ, and ٲ ٳ ٵ) to bare alef ا.
	Alef bool

	// Hamza folds hamza on a seat to the hamza alone: ؤ ئ → ء. Writers
	// disagree on seats (مسئول and مسؤول, شئون and شؤون, رءوس and رؤوس),
	// and all of these then fold alike. So do presentation forms (ﺅ ﺉ)
	// under Compat. A seat written decomposed in the text, as a letter
	// followed by U+0654 HAMZA ABOVE, keeps its letter (the mark goes with
	// ArabicMarks): folding is rune by rune and cannot see the mark
	// coming. Arabic text is nearly always precomposed.
	Hamza bool

	// AlefMaksura folds ى (U+0649) to ي.
	AlefMaksura bool

	// TehMarbuta folds ة (U+0629) and ۃ (U+06C3) to ه.
	TehMarbuta bool

	// Persian folds Persian and Urdu letter forms onto the Arabic ones
	// they stand for in Arabic text: ک ڪ → ك; ی ې ۍ ێ → ي; ۀ ہ ۂ ھ ە → ه.
	Persian bool

	// Digits folds every decimal digit (Unicode category Nd: Arabic-Indic
	// ٠–٩, Persian ۰–۹, Devanagari, full-width, …) to ASCII 0–9.
	Digits bool

	// Case applies full Unicode case folding (Latin, Greek, Cyrillic, …;
	// ß → ss, final sigma → sigma).
	Case bool

	// Punct turns punctuation (Unicode categories P*: ، ؛ ؟ « » “ ” – —
	// and ASCII punctuation) into a separator, so "11.000" and "11,000"
	// fold alike and punctuation style never changes a fingerprint.
	Punct bool

	// Format removes invisible format characters (category Cf): zero-width
	// joiner and non-joiner, bidirectional marks and embeddings, soft
	// hyphen, byte order mark. Scraped Arabic text is full of them.
	Format bool
}

// Default turns every fold on. It is what fingerprints, shingles and
// comparisons use unless told otherwise.
var Default = Rules{
	Compat:      true,
	ArabicMarks: true,
	Accents:     true,
	Tatweel:     true,
	Alef:        true,
	Hamza:       true,
	AlefMaksura: true,
	TehMarbuta:  true,
	Persian:     true,
	Digits:      true,
	Case:        true,
	Punct:       true,
	Format:      true,
}
