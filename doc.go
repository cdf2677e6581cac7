// Package neardup finds near-duplicate news articles and the passages one
// article reuses from another, in Arabic first and in any script.
//
// The pipeline runs one way, one package a step:
//
//	text → normalize → debris → shingle → simhash (fingerprint, Hamming index)
//	                                     → index (winnowed seed windows)
//	                                     → compare (resemblance, containment,
//	                                        aligned passages, verdict)
//	                    Corpus: all of them over a collection, kept by store
//
// Package normalize folds spelling variants (harakat, tatweel, alef and
// hamza forms, ى/ي, ة/ه, Persian and Urdu letters, Arabic-Indic digits,
// case, punctuation) while keeping the offsets of every folded rune in
// the original. Package debris drops site debris (ad markers, "read also"
// lists, comment forms, donation appeals) so it can never make two
// unrelated stories match. Package shingle cuts the folded text into
// character and word shingles, package simhash turns shingles into 64-bit
// fingerprints, and package compare aligns two texts passage by passage.
// This package strings them together.
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
// the winnowed seed windows of package index, each aligned), and groups
// its documents into stories (Clusters, Pairs). NewCorpus keeps them in
// memory; Open keeps them in one file (package store), which survives a
// crash with every document whose Add returned; OpenReadOnly opens such
// a file for queries from any number of processes at once.
//
// All functions are safe for concurrent use and deterministic: the same
// input and version give the same fingerprints, scores and passages.
package neardup
