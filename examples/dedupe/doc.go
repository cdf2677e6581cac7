// Command dedupe finds near-duplicate news articles and the passages one
// article reuses from another, with the neardup library.
//
// Usage:
//
//	dedupe [flags] INPUT...      group near-duplicates, list reused passages
//	dedupe compare [flags] A B   compare two documents in detail
//	dedupe compare --pairs FILE  compare the pairs listed in FILE (JSON Lines)
//	dedupe compare --cross-lingual EN AR
//	                             an English text and its Arabic translation
//	dedupe index add|query|stats|list|remove|check
//	                             keep a corpus on disk, query it, check it
//
// Run "dedupe -h" and "dedupe SUBCOMMAND -h" for the flags. From the
// module root:
//
//	go run ./examples/dedupe testdata/demo
//	go run ./examples/dedupe --format html testdata/demo > report.html
//
// # Reading
//
// Each INPUT is a file, a directory walked recursively, a document's
// source as the reports print it (input.ParseAddress: "a.zip!b.json#3",
// "c.jsonl:12"), or "-" for standard input. Files are read by extension
// with internal/input: .json holds one object or an array of
// objects, .jsonl and .ndjson one object per line, .zip archives are read
// member by member, and anything else is one plain UTF-8 document.
// --id-field, --text-field (a comma list such as title,content joins
// several fields) and --title-field name the JSON fields. A document ID
// used twice is replaced by the later document's source, so IDs in the
// output are unique. A problem with one input (unreadable, not UTF-8,
// binary, larger than --max-bytes, malformed JSON, a text or ID field
// given twice, an archive inflating past --max-archive-bytes) is printed
// on stderr, one line each, and the others are still processed; the exit
// status is then 2. Records without the text field are said once per
// file, with the fields the records have. A record or file with no text
// is not an error: such records are counted and summarized in one
// warning (a corpus such as SaudiNewsNet has hundreds), unless --strict.
// Bytes of file names that are not UTF-8 are written \xNN in IDs and
// sources.
//
// # Memory
//
// --max-memory (default three quarters of the machine's memory) is the
// Go runtime's soft memory limit and the budget by which work that
// would not fit is refused as an input error before it starts:
// preparing a document takes about 12 times its size, comparing two
// about 12 times both. The batch job keeps texts up to half of it and
// prepared documents up to a quarter; index add and query read their
// inputs in batches bounded by bytes.
//
// # Finding candidate pairs
//
// Every document is added to an in-memory neardup.Corpus, which
// prepares it (neardup.Config.Prepare: folding, debris removal,
// shingling) and indexes its fingerprint and marks, in parallel. Aligning
// all N²/2 pairs would not scale, so only candidate pairs are compared,
// found by two filters:
//
//  1. Fingerprint: the SimHash fingerprints differ in at most --radius
//     bits (default 6; -1 turns the filter off). They are found in a
//     multi-index hash table (simhash.Index), which returns exactly the
//     pairs that testing every pair would.
//  2. Shared marks: the library aligns texts from exact matches of 12
//     folded runes. Each document's 12-rune window hashes are winnowed
//     (shingle.AppendMarks): a selection that depends on the text only, and
//     any run of 50 runes shared by two documents gives both a common
//     mark. An inverted index maps each mark to the documents holding
//     it; a mark held by more than --max-mark-docs documents (default 30)
//     is a stock phrase or site debris and is ignored. Two documents
//     sharing --min-shared-marks (default 2) or more marks are a
//     candidate pair. This finds passages reused inside otherwise
//     different texts, which fingerprints cannot.
//
// Every candidate pair is then compared (neardup.Corpus.Pairs, with
// neardup.Config.CompareDocs), in parallel. Prepared documents are kept
// in memory from preparing to aligning, up to --cache bytes (default
// 1GiB, about 30 KB a news article); documents beyond it are prepared
// again when aligned, and --cache 0 keeps none. Pairs whose verdict is
// identical or near-duplicate join clusters: the connected components of
// those pairs (so a cluster may hold two documents that are each close
// to a third but not to each other). Pairs whose verdict is identical,
// near-duplicate or partial-reuse are listed with their scores and
// passages. Documents whose folded texts are identical, 9 or more of
// them, are a group (neardup.Group): aligned through the first, the
// representative, which stands for the others in pairs, so that N
// copies cost N, not N²/2 pairs.
//
// Output is deterministic: documents are numbered in input order
// (arguments as given, directory entries by name, JSON elements in file
// order); a cluster lists its members in input order, clusters come in
// the order of their first member and are numbered from 1; pairs are
// sorted by the input order of A, then of B, A being the earlier
// document. The number of workers changes nothing but the speed.
//
// # Text output
//
// The text report lists the documents (up to 50), the clusters and the
// pairs, each passage as an excerpt of both originals (its first and last
// --excerpt runes) with its byte and rune offsets. Arabic text is wrapped
// in Unicode first-strong isolates (U+2068 … U+2069) so that terminals
// lay out mixed Arabic and Latin lines in reading order. Progress bars
// are drawn on stderr only when it is a terminal; colours only when
// stdout is one (--color).
//
// # JSON output
//
// Every JSON output carries "schema_version" (2) and writes pairs and
// passages in one shape (schema.go), whichever command writes them. With
// --format json the batch job writes one object; keys always come in
// this order, shares are rounded to 4 decimals, and offsets count from 0
// with exclusive ends, in the document's text: the text field of a JSON
// record, the content of a plain-text file after its byte order mark, if
// any (the evaluation command's pan counts the mark, as PAN's offsets
// do):
//
//	{
//	  "schema_version": 2,
//	  "documents": [{            every document read, in input order
//	    "id":          string    unique ID (JSON ID field, else path)
//	    "source":      string    path, "file.json#3", "file.jsonl:12" or "a.zip!member"
//	    "title":       string    title field, or ""
//	    "runes":       int       length of the text in Unicode code points
//	    "fingerprint": string|null  SimHash as 16 hex digits; null if nothing to compare
//	    "error":       string|null  why the document was not compared, else null
//	    "outlet":      string|null  --source-field's value, null without it
//	  }],
//	  "clusters": [{             near-duplicate clusters of 2 or more documents
//	    "id":      int           1, 2, ... in the order of the first member
//	    "members": [string]      document IDs in input order
//	    "representative": string the member kept (--keep)
//	  }],
//	  "groups": [{               9 or more documents identical after folding
//	    "id":             int       1, 2, ... by representative
//	    "representative": string    the first in input order: in pairs for all
//	    "copies":         [string]  the others, in input order: in no pair
//	    "cluster":        int       the cluster they are all in
//	  }],
//	  "pairs": [pair],           pairs that share text, by input order of a, then b
//	  "summary": [{              who shares text with whom, most pairs first
//	    "from", "to":  string    outlet (--source-field) or collection of a and of b
//	    "pairs":       int       pairs listed from one to the other
//	    "verdicts":    {string: int}  those pairs by verdict
//	    "documents_a", "documents_b": int  distinct documents of from, of to
//	    "coverage_b":  float     mean share of b's text inside passages
//	    "cross_outlet": bool|null  from and to differ; null without --source-field
//	  }],
//	  "errors": [{               input errors, in the order found
//	    "source": string         as in documents
//	    "line":   int|null       1-based line of the problem, if known
//	    "offset": int|null       0-based byte offset of the problem, if known
//	    "error":  string         what is wrong
//	  }],
//	  "empty": [string],         sources of the records with no text, skipped
//	  "stats": {
//	    "documents":      int    documents read, the length of documents
//	    "input_errors":   int    the length of errors
//	    "identical", "near_duplicate", "partial_reuse": int   pairs found, by verdict
//	    "clusters":       int    the length of clusters
//	    "groups":         int    the length of groups
//	    "pairs":          int    the length of pairs (after --verdict, --min-coverage)
//	    "empty_records":  int    the length of empty
//	  }
//	}
//
// A pair, in every command:
//
//	{
//	  "a", "b":      string      document IDs (batch: a before b in input order;
//	                             index query: a stored, b the input)
//	  "verdict":     string      compare.Verdict's name: "identical", "near-duplicate",
//	                             "partial-reuse", "unrelated", "no-evidence", ...;
//	                             across languages (--cross-lingual) "translation",
//	                             "partial-translation", "unrelated", "no-evidence"
//	  "derived":     string|null how much of b comes from a ("wholly-derived",
//	                             "partly-derived", "not-derived"); null when the
//	                             verdict finds no passage (verdicts.go)
//	  "distance":    int         Hamming distance of the fingerprints (0-64, -1: none)
//	  "resemblance": float       Jaccard index of the shingle sets
//	  "containment_a": float     share of a's shingles found in b; containment_b the converse
//	  "coverage_a":    float     share of a's folded text inside passages; coverage_b for b
//	  "len_a", "len_b": int      folded lengths compared, in runes
//	  "cross_outlet": bool|null  a and b from different outlets; null without --source-field
//	  "passages": [{             aligned passages, in the order of a
//	    "a": {"start", "end", "rune_start", "rune_end": int,
//	          "excerpt": string, "text": string|null},
//	    "b": {...}               byte and rune spans in the original texts, an excerpt,
//	                             and the full text (null in the batch job without
//	                             --passage-text)
//	    "similarity": float      share of the longer side covered by exact matches
//	                             (kind "translated": the anchor similarity of the
//	                             aligned sentences)
//	  }]
//	}
//
// An excerpt is the passage on one line, white space collapsed, cut to
// its first and last --excerpt runes around " … " when longer.
//
// dedupe compare --format json writes {"schema_version", "documents":
// [a, b], "pair": pair}, and compare --pairs one such object a line.
//
// --format jsonl writes one object a line, each starting with "record"
// and "schema_version": a "pair" record (the pair's keys) for each pair
// as it is written, then "cluster", "summary", "error" and one "stats"
// record. --format csv writes the pairs as a table (columns in
// pairColumns; a cell that a spreadsheet would take for a formula gets a
// leading apostrophe), and the summary to --summary-csv FILE.
//
// # HTML output
//
// --format html (the batch job, compare, index query) writes one
// self-contained page: inline styles, no script, no request (a
// Content-Security-Policy forbids any), every text, ID and name escaped
// by html/template. Each pair is shown side by side, the passages
// highlighted in both texts in matching colours and, inside a passage,
// the words not in the other side's passage underlined (a longest common
// subsequence of words, compared folded, so respellings are not
// changes). Each block of text sets its direction from its first strong
// letter (dir="auto"); names, and runs of the other direction inside a
// block (a Latin "(AP)" in Arabic text), are isolated (<bdi>); bidirectional
// overrides in the data are shown as their codes, not obeyed. The batch
// page shows --html-pairs pairs (200). A translated pair (--cross-lingual)
// is shown the same way, each aligned group of sentences in one colour on
// both sides, with no word underlined.
//
// # Deduplicated output
//
// Each cluster keeps one representative, by --keep: earliest (the first
// in input order, the default), longest (most runes), min:FIELD or
// max:FIELD (a JSON field's least or greatest value, as numbers when
// both are, else as text); ties go to the earliest. --keep-ids FILE and
// --drop-ids FILE write the IDs kept (every document but the other
// cluster members) and dropped, one a line; --dedup-jsonl FILE writes the
// records kept, JSON records as read (compacted onto one line) and
// plain-text files as {"id", "source", "title", "text"}. Records with no text are in
// neither.
//
// # Corpus on disk
//
// dedupe index keeps a corpus in a store file (neardup.Open; package
// store), so that new documents can be checked against everything stored
// before:
//
//	dedupe index add --db PATH [flags] INPUT...    add documents to the store
//	dedupe index query --db PATH [flags] INPUT...  look each input up in the store
//	dedupe index stats --db PATH [flags]           what the store holds
//	dedupe index list --db PATH                    the stored IDs, in the order added
//	dedupe index remove --db PATH ID...            remove documents (or --ids FILE)
//	dedupe index check --db PATH [flags]           read it all, report damage
//
// add reads the inputs as the batch job does and stores each document's
// text, fingerprint and marks; a document whose ID (--id-field, else its
// source) is already stored is skipped, not replaced. query reports, for
// each input, the stored documents whose fingerprints are within --radius
// bits (default neardup.DefaultRadius, as the batch job) and that
// alignment finds identical or near-duplicate, and the stored
// documents it shares passages with (sources, aligned, most of the input
// covered first), leaving out a stored document with the input's own ID.
// stats reports the store's size. check reads every value of the store
// against its checksum and the others and reports each damaged record,
// naming its document, on a line of stderr. add and query take the
// batch job's input flags (--id-field, --text-field, --title-field,
// --max-bytes, --max-archive-bytes, --max-memory, --keep-debris); query
// also --radius, --excerpt, --fail-on-duplicates and --fail-on-reuse;
// stats only --db, --format and --keep-debris; check --db and --format.
//
// A damaged store (a value failing its checksum, a file cut short) is an
// error naming the damaged document, never a crash or a changed text; a
// store of the first format, without checksums, must be built again. A
// write that fails (a full disk) stops add at once, with one line saying
// so and the summary of what was added.
//
// The store is a single bbolt file, created by the first add and opened
// by one process at a time (another waits a second, then fails). Every
// document that add reports as added is on disk, even if the process is
// then killed with SIGKILL. The store records how its texts were
// normalized: opening it with another --keep-debris is an error.
//
// With --format json, add writes {"added", "skipped", "errors",
// "empty_records", "write_error", "not_added", "store",
// "elapsed_seconds", "documents_per_second"}; query writes
// {"schema_version", "results", "errors"}, each result {"id", "source",
// "fingerprint", "near_duplicates": [{"id", "distance", "verdict"}],
// "sources": [pair + "copies"], "error"}, each pair's a the stored
// document and b the input, copies the stored documents of its group;
// stats writes {"path", "format", "file_bytes", "open_seconds",
// "stats"}; list {"schema_version", "ids"}; remove {"schema_version",
// "removed", "missing"}; check writes {"path", "format", "file_bytes",
// "stats": {"records", "text_bytes", "snapshots"}, "damage": [{"record",
// "id", "error"}], "seconds"}. "store" and "stats" are neardup.Stats: {"documents",
// "fingerprints", "postings", "index_bytes"}. The exit status is 1 for
// query with --fail-on-duplicates when an input has a near-duplicate, or
// with --fail-on-reuse when an input has a source, and for check when it
// found damage; 2 on a usage error, when the store cannot be opened, or
// when an input could not be read or added; 3 on a crash (below).
//
// # Many pairs
//
// dedupe compare --pairs FILE compares every "A<TAB>B" line of FILE and
// writes one compare JSON object per line.
//
// # Evaluation
//
// The commands that measure the library on labelled corpora (PAN text
// alignment on ExAraPlagDet, COUNTER) are not part of dedupe: they are
// the eval command at the module root (go run ./eval -h).
//
// # Exit status
//
// For the batch job, compare and compare --pairs (dedupe index is
// described above): 0 when done; 1 with --fail-on-duplicates if an
// identical or near-duplicate pair was found, or with --fail-on-reuse if a
// pair sharing passages but not a duplicate was found; 2 on a usage error
// or when any input failed (2 wins over 1); records with no text are no
// failure unless --strict; 3 when the command crashed (out of memory, a
// fault, a bug, the kernel's out-of-memory killer), its output
// incomplete. The Go runtime ends such a process with status 2, so on
// Linux the command runs in a child process that the first one watches
// (it passes signals on, and the child dies with it); a run stopped by a
// signal ends with 128 + the signal's number.
package main
