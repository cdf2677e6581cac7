// Package index is the shingle index for source retrieval: given a
// text, which indexed documents may share passages with it. It keeps a
// few hashes of each document, selected so that any shared run of text
// of a guaranteed length shares at least one, in a compact inverted
// index that also knows how many documents hold each hash, so that set
// phrases and site debris are discounted. The candidates it returns are
// then aligned with package compare, which finds the passages and the
// containment.
//
//	runes (folded, debris removed) → AppendMarks → Index.Add
//	query runes → AppendMarks → Index.Candidates → compare.Options.Compare
//
// # Selection
//
// Winnow implements robust winnowing (Schleimer, Wilkerson and Aiken,
// 2003) over the character shingles of package shingle: of every window
// of w consecutive shingle hashes it keeps the minimum. With shingles of
// k runes, any run of t = w + k − 1 folded runes shared by two texts
// holds a whole window, whose minimum both select, so the texts share a
// mark; shorter runs may be missed, and the tests show both sides of
// that bound on random texts. On random hashes it keeps 2/(w+1) of them.
//
// The defaults are k = 12 (compare's seed size: every mark is a window
// the alignment can start from), t = 50 and so w = 39: 83 marks for an
// average SaudiNewsNet article of 1,682 folded runes. t = 50 is well
// below the 80-rune minimum passage of compare: an exact shared stretch
// of 50 runes always gives a common mark, and one of 2w + k − 1 = 89
// runes two (at distinct positions, so two distinct hashes unless the
// text repeats itself), which the default MinShared of 2 asks for.
// Shorter t costs postings and candidates for little recall, longer t
// loses recall (measured with TestMeasureSaudiNewsNet, at the default
// query options):
//
//	t   marks/article  postings  candidates/article  recall rare≥50  long≥200
//	30  166            4.90 M    29.5                0.907           0.912
//	40  111            3.26 M    16.9                0.884           0.902
//	50   83            2.44 M    11.6                0.870           0.895
//	65   60            1.77 M     7.9                0.845           0.887
//	80   47            1.38 M     6.0                0.833           0.883
//
// # Ground truth
//
// Two samples of 1,000 SaudiNewsNet articles (one drawn from the whole
// corpus, one from a single day) were aligned pair by pair with
// neardup.Default: 999,000 pairs, 1,200 of them sharing at least one
// passage. Most of those passages are not reuse but set phrases: 375
// hold no rare text at all (no 12-rune window held by 30 articles or
// fewer), such as the royal honorifics "صاحب السمو الملكي الأمير محمد بن
// سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير
// الدفاع", held by a thousand articles or more. Recall is given for the
// pairs whose passages hold at least 39 rare windows, about 50 runes of
// rare text ("rare≥50", 593 pairs), and for those with a passage of at
// least 200 runes ("long≥200", 512 pairs); a pair counts as found if
// either article's query returns the other. Candidates per article are
// over the whole corpus of 30,676 articles. The measurements need the
// dumps in ../shared/corpora/saudinewsnet and run only when asked (they
// are in eval/measure, outside the library):
//
//	NEARDUP_MEASURE=1 go test -run TestMeasure -v -timeout 90m ./eval/measure/
//
// # Query
//
// Candidates (and Rank, for any Postings backend) score each indexed
// document by the distinct hashes it shares with the query, each worth
// ln(1 + N/df) for a hash held by df of the N documents, and rank by
// score then document ID. Hashes held by more than MaxDF documents are
// skipped altogether. The defaults, on the same ground truth at t = 50:
//
//	cap     MinShared  candidates/article  recall rare≥50  long≥200  stock
//	df≤10   2           4.2                0.750           0.803     0.000
//	df≤30   1         136.8                0.906           0.912     0.013
//	df≤30   2          11.6                0.870           0.895     0.003
//	df≤30   3           4.8                0.843           0.883     0.000
//	df≤50   2          18.3                0.899           0.914     0.011
//	df≤100  2          33.2                0.922           0.936     0.035
//	none    2         248.3                0.992           1.000     0.992
//
// MaxDF 30 (0.1% of the corpus) drops the set phrases (stock recall near
// 0, as wanted) and keeps most reuse; the reuse it misses is itself
// frequent text (wire copy printed by more than 30 outlets, lists of
// titles). The cap is absolute by default because reused text is held
// by its copies whatever the size of the collection, while set phrases
// grow with it; MaxDFRatio adds a relative cap. MinShared 2 cuts the
// candidates twelvefold for 4 points of recall: of the candidates
// sharing one hash only 1.3% share a passage, against 11% of those
// sharing two and 94% of those sharing five or more. Limit 100 loses
// nothing measurable (recall 0.820 at 10, 0.862 at 20, 0.870 at 100).
//
// With these defaults, querying every SaudiNewsNet article against all
// others takes 1.3 s on 2 cores and yields 177,842 distinct pairs, of
// which 35.6% share a passage when aligned (14,481 of them are
// near-duplicates or identical); aligning them all takes 18 s on 2
// cores.
//
// # Layout
//
// The main segment stores a posting as 32 bits of hash and a 32-bit
// document ID in two parallel arrays sorted by (hash, document), behind
// 65,536 buckets on the top 16 bits of the hash: a hash is identified by
// 48 bits, a posting costs 8 bytes. Measured: 8.11 bytes/posting and 645
// bytes/article for SaudiNewsNet (2.44 million postings, bulk build in
// 85–120 ms); 8.00 bytes/posting for a million documents
// (TestMeasureScale: 80.5 million postings, bulk build in 5–6 s, 61 µs
// a query); 10.2 bytes/posting for the same million added one by one
// (the delta holds the newest postings at about 40 bytes each until the
// next compaction), at 36,000–38,000 documents/s, the longest Add (one
// that compacts) taking 0.7–1.6 s.
//
// Positions are not kept. They would allow to count only shared marks
// that line up on nearby diagonals, as a passage does; measured on the
// candidates of 1,500 articles (TestMeasurePositions), that filter keeps
// 10,724 candidates with 5,528 passages where MinShared 2 keeps 16,535
// with 6,092: fewer candidates, fewer passages, not worth 4 more bytes a
// posting.
//
// # Backends
//
// Postings is all a query needs: the number of documents, and a batched
// lookup of document frequencies and, for the hashes under the cap,
// their documents. A database server implementing it would store a
// (hash, document) key per posting with a per-hash counter beside it;
// see Postings.
//
// # Performance
//
//	go test -run '^$' -bench . -benchmem -count 6 ./index/
//
// On the project's machine (2-core AMD EPYC): Winnow 218 MiB/s of
// original Arabic text (about 8 ns a hash), 0 allocations; AppendMarks
// (hashing and winnowing) 163 MiB/s; Build of SaudiNewsNet from its
// marks 84 ms; Add 13.5 µs an article, compactions included;
// Candidates 36 µs a query over SaudiNewsNet.
package index
