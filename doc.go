// Package neardup finds near-duplicate news articles and the passages one
// article reuses from another, in Arabic first and in any script.
//
// The pipeline runs one way, one package a step:
//
//	text → normalize → debris → shingle → simhash    fold, clean, cut, fingerprint
//	       └──────────── prepare ──────────────┘    compose them: one Doc per text
//	Doc → index, simhash.Index                       candidates: by marks, by fingerprint
//	    → compare                                    passages, scores, verdict
//	Corpus (this package) over store                 a collection, kept on disk
//
// Package normalize folds spelling variants (harakat, tatweel, alef and
// hamza forms, ى/ي, ة/ه, Persian and Urdu letters, Arabic-Indic digits,
// case, punctuation) while keeping the offsets of every folded rune in
// the original. Package debris drops site debris (ad markers, "read
// also" lists, comment forms, donation appeals) so it can never make two
// unrelated stories match. Package shingle cuts the folded text into
// character shingles, words and marks (winnowed seed windows), package
// simhash turns shingles into 64-bit fingerprints, and package prepare
// composes these steps, once per text, into a prepare.Doc that every
// later step reads. Package index and simhash.Index find candidates,
// package compare aligns two Docs passage by passage. Config holds every
// setting; Config.Pipeline compiles it.
//
// # Quick start
//
//	fp, err := neardup.Fingerprint(article) // 64-bit SimHash
//	if errors.Is(err, simhash.ErrNoFeatures) {
//		// nothing to fingerprint: empty, punctuation or debris only
//	}
//
//	r, err := neardup.Compare(wire, article)
//	fmt.Println(r.Verdict)                       // identical, near-duplicate, partial-reuse, unrelated, no-evidence
//	fmt.Println(r.ContainmentA, r.ContainmentB)  // how much of each is in the other
//	for _, p := range r.Passages {
//		fmt.Println(wire[p.A.Start:p.A.End], "→", article[p.B.Start:p.B.End])
//	}
//
// To compare one text with many, prepare each once with Prepare and
// compare the prepared documents with Default.CompareDocs.
//
// # Collections
//
// A Corpus keeps many documents and answers, for a new text, "what is
// near this?" (NearDuplicates: fingerprints within k bits, from a
// simhash.Index) and "what does this reuse?" (Sources: candidates from
// the marks of package index, each aligned), both at once for a
// prepared document (Query), and groups its documents into stories
// (Pairs, Clusters). Documents whose folded texts are identical, many
// of them, are one Group, aligned through its first (Stories), so that
// copies cost what they number, not its square. NewCorpus keeps them in
// memory; Open keeps them in one file (package store), which survives a
// crash with every document whose Add returned, and whose damage is an
// error naming the damaged document, never a crash or a changed text;
// OpenReadOnly opens such a file for queries from any number of
// processes at once.
//
// All functions are safe for concurrent use and deterministic: the same
// input and version give the same fingerprints, scores and passages.
package neardup
