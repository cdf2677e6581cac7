// Package pg keeps a corpus in PostgreSQL: documents, fingerprints,
// marks and the collection's document frequencies in tables, and the
// candidate search done by the server, so that any number of processes
// on any number of machines add and query at once, each holding no
// index in memory.
//
// The package knows nothing of neardup's Corpus: it stores what a
// prepared document gives (Doc) and answers the lookups candidate search
// and comparison make (View), in SQL, every statement parameterized.
// The root package builds the Corpus over it.
//
// # Schema
//
//	neardup_meta    (key text primary key, value text)       configuration stamp, schema version
//	neardup_docs    (num bigint identity primary key,          one row a document, numbered in
//	                 id_key bytea unique, id bytea,             the order added; id_key is the
//	                 fp bigint, nmarks int, text bytea,         SHA-256 of the ID (unique by constraint);
//	                 digest bytea)                              digest: of the folded text, for groups of copies
//	neardup_marks   (hash bigint, num bigint, pk (hash, num))  mark postings, hash-partitioned by hash
//	neardup_blocks  (key int, num bigint, fp bigint,            the fingerprint's multi-index blocks,
//	                 pk (key, num) include (fp))                hash-partitioned by key
//	neardup_stems   (stem bigint, shard smallint, df int,       documents holding each word stem, one
//	                 pk (stem, shard))                          counter per shard (below)
//	neardup_counts  (shard smallint primary key, docs,          documents, fingerprints and postings,
//	                 fingerprints, postings bigint)             one row per shard
//
// IDs and texts are bytea, byte for byte: PostgreSQL's text type holds
// neither NUL nor invalid UTF-8, and a corpus must give back the text
// its offsets refer to, as added, whatever it holds.
//
// # Writes
//
// An add is one transaction: the document rows (an ID already stored is
// skipped by the unique constraint, and said so), their postings and
// blocks (COPY), the stem counters and the counts. Counters every
// document touches (the stems of common words, the document count)
// would be hot rows that serialize all writers; they are split into
// shards, a transaction updating the rows of one shard chosen at random
// and in ascending key order (so that two never wait for each other in
// a cycle), and read as sums.
//
// # Reads
//
// A query reads in one REPEATABLE READ transaction (View): the document
// count, postings, blocks, texts and frequencies it reads are those of
// one moment, so an add is seen whole or not at all.
package pg
