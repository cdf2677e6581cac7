package pg

import (
	"cmp"
	"context"
	"crypto/sha256"
	"math/rand/v2"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/neardup/neardup/store"
)

// Doc is a document to add: what the candidate search and the
// collection statistics need of a prepared document, and its text.
type Doc struct {
	ID             string
	Text           string
	Fingerprint    uint64
	HasFingerprint bool
	// Marks are the distinct hashes of the document's marks, and Stems
	// the distinct stems of its words.
	Marks []uint64
	Stems []uint64
	// Digest is the digest of the folded text (the root package's
	// store.Digest), nil for a document in no group of copies: the
	// groups of identical documents are found by it.
	Digest []byte
}

// ErrReadOnly is returned by the writes of a DB opened read-only: the
// store's error, as for a file opened so.
var ErrReadOnly = store.ErrReadOnly

// maxTries is how many times a transaction the server aborted to break a
// deadlock, or that lost its connection before sending anything, is run.
const maxTries = 5

// idKey is the key of an ID in the unique index: its SHA-256, so that
// IDs of any length (a B-tree entry holds at most 2.7 KB) are unique by
// constraint.
func idKey(id string) []byte {
	k := sha256.Sum256([]byte(id))
	return k[:]
}

// Add adds docs, whose IDs must be distinct, in one transaction, and
// returns the number each was given, in the order of docs and
// increasing, or 0 for a document whose ID is stored already (by this
// or another process: the unique constraint decides). On an error
// nothing is added.
func (db *DB) Add(ctx context.Context, docs []Doc) ([]int64, error) {
	if db.readOnly {
		return nil, ErrReadOnly
	}
	if len(docs) == 0 {
		return nil, nil
	}
	var nums []int64
	var err error
	for try := 1; ; try++ {
		nums, err = db.add(ctx, docs)
		if err == nil || try == maxTries || !retryable(err) {
			break
		}
	}
	return nums, db.wrap("adding documents", err)
}

// add is one try of Add.
func (db *DB) add(ctx context.Context, docs []Doc) ([]int64, error) {
	nums := make([]int64, len(docs))
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := insertDocs(ctx, tx, docs, nums); err != nil {
			return err
		}
		var marks, blocks [][]any
		stems := map[uint64]int32{}
		var c counts
		for i, d := range docs {
			n := nums[i]
			if n == 0 {
				continue
			}
			for _, h := range d.Marks {
				marks = append(marks, []any{int64(h), n})
			}
			if d.HasFingerprint {
				for _, k := range blockKeys(d.Fingerprint) {
					blocks = append(blocks, []any{k, n, int64(d.Fingerprint)})
				}
				c.fingerprints++
			}
			for _, s := range d.Stems {
				stems[s]++
			}
			c.docs++
			c.postings += int64(len(d.Marks))
		}
		if c.docs == 0 {
			return nil
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"neardup_marks"}, []string{"hash", "num"}, pgx.CopyFromRows(marks)); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"neardup_blocks"}, []string{"key", "num", "fp"}, pgx.CopyFromRows(blocks)); err != nil {
			return err
		}
		// The counters last: their locks are held until the commit.
		return addCounts(ctx, tx, stems, c)
	})
	if err != nil {
		return nil, err
	}
	return nums, nil
}

// insertDocs inserts the rows of docs, skipping those whose IDs are
// stored, and sets nums[i] to the number of docs[i] if it was inserted.
func insertDocs(ctx context.Context, tx pgx.Tx, docs []Doc, nums []int64) error {
	keys := make([][]byte, len(docs))
	ids := make([][]byte, len(docs))
	fps := make([]*int64, len(docs))
	nmarks := make([]int32, len(docs))
	texts := make([][]byte, len(docs))
	digests := make([][]byte, len(docs))
	at := make(map[[sha256.Size]byte]int, len(docs))
	for i, d := range docs {
		keys[i] = idKey(d.ID)
		at[[sha256.Size]byte(keys[i])] = i
		ids[i] = []byte(d.ID)
		if d.HasFingerprint {
			fp := int64(d.Fingerprint)
			fps[i] = &fp
		}
		nmarks[i] = int32(len(d.Marks))
		texts[i] = []byte(d.Text)
		digests[i] = d.Digest
	}
	// Rows are numbered in the order of docs: ORDER BY the ordinality
	// feeds them to the insert, which draws the identity in that order.
	rows, err := tx.Query(ctx, `
		INSERT INTO neardup_docs (id_key, id, fp, nmarks, text, digest)
		SELECT k, i, f, n, t, g
		FROM unnest($1::bytea[], $2::bytea[], $3::bigint[], $4::integer[], $5::bytea[], $6::bytea[])
			WITH ORDINALITY AS u(k, i, f, n, t, g, o)
		ORDER BY o
		ON CONFLICT (id_key) DO NOTHING
		RETURNING num, id_key`, keys, ids, fps, nmarks, texts, digests)
	if err != nil {
		return err
	}
	var num int64
	var key []byte
	_, err = pgx.ForEachRow(rows, []any{&num, &key}, func() error {
		nums[at[[sha256.Size]byte(key)]] = num
		return nil
	})
	return err
}

// counts are the changes to the document counts of a transaction.
type counts struct{ docs, fingerprints, postings int64 }

// addCounts adds stems (stem → documents) to the stem counters and c to
// the counts, in the rows of one shard chosen at random, in ascending
// key order.
func addCounts(ctx context.Context, tx pgx.Tx, stems map[uint64]int32, c counts) error {
	shard := int16(rand.IntN(Shards))
	keys := make([]uint64, 0, len(stems))
	for s := range stems {
		keys = append(keys, s)
	}
	// Ascending as the index orders them (signed), so that two
	// transactions on one shard lock rows in the same order.
	slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(int64(a), int64(b)) })
	ss := make([]int64, len(keys))
	ds := make([]int32, len(keys))
	for i, s := range keys {
		ss[i], ds[i] = int64(s), stems[s]
	}
	if len(keys) > 0 {
		_, err := tx.Exec(ctx, `
			INSERT INTO neardup_stems (stem, shard, df)
			SELECT s, $3, d FROM unnest($1::bigint[], $2::integer[]) WITH ORDINALITY AS u(s, d, o)
			ORDER BY o
			ON CONFLICT (stem, shard) DO UPDATE SET df = neardup_stems.df + EXCLUDED.df`, ss, ds, shard)
		if err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `
		UPDATE neardup_counts SET docs = docs + $2, fingerprints = fingerprints + $3, postings = postings + $4
		WHERE shard = $1`, shard, c.docs, c.fingerprints, c.postings)
	return err
}
