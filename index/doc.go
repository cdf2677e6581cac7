// Package index finds the candidates of a text: the indexed documents
// that may share passages with it. MarkIndex is an inverted index from
// mark hashes (the winnowed seed windows of prepare.Doc.Marks) to the
// documents holding them, with each hash's document frequency, so that
// stock phrases and site debris held by many documents are discounted.
// Candidates are then aligned by package compare.
//
//	prepare.Doc.Marks → MarkIndex.Add
//	query Doc.Marks → MarkIndex.Candidates (or Rank, Sharing) → compare
//
// Candidates score each document by the distinct hashes it shares with
// the query, each worth ln(1 + N/df) for a hash held by df of N
// documents, skip hashes held by more than MaxDF documents, and rank by
// score then document. Postings is all a query needs from a backend, so
// a database can stand in for MarkIndex. The defaults, the layout and
// their measurements on SaudiNewsNet are in EVALUATION.md ("Marks and
// candidate search").
package index
