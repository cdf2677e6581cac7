package pg

import (
	"context"
	"slices"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/neardup/neardup/index"
)

// View is the database as of one moment: a REPEATABLE READ, read-only
// transaction, so that every lookup of a query sees the same documents,
// each whole or not at all. It is safe for concurrent use (its calls
// take turns on the connection). Close it when done.
type View struct {
	db  *DB
	ctx context.Context
	mu  sync.Mutex
	tx  pgx.Tx
	// The counts as of the view, read on first use (countsOnce), when
	// counted is set.
	counted                      bool
	docs, fingerprints, postings int64
}

// View begins a view of the database.
func (db *DB) View(ctx context.Context) (*View, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, db.wrap("beginning a query", err)
	}
	return &View{db: db, ctx: ctx, tx: tx}, nil
}

// Close ends the view.
func (v *View) Close() {
	v.mu.Lock()
	defer v.mu.Unlock()
	// A read-only transaction has nothing to commit; rolling back
	// releases the connection at once.
	_ = v.tx.Rollback(v.ctx)
}

// Counts returns the number of documents, of fingerprints and of mark
// postings as of the view.
func (v *View) Counts() (docs, fingerprints, postings int64, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.counted {
		err = v.tx.QueryRow(v.ctx, `SELECT coalesce(sum(docs), 0)::bigint, coalesce(sum(fingerprints), 0)::bigint, coalesce(sum(postings), 0)::bigint FROM neardup_counts`).
			Scan(&v.docs, &v.fingerprints, &v.postings)
		if err != nil {
			return 0, 0, 0, v.db.wrap("counting documents", err)
		}
		v.counted = true
	}
	return v.docs, v.fingerprints, v.postings, nil
}

// Len returns the number of documents (index.Postings). Call Counts
// first: Len has no error to return, and is 0 if counting failed.
func (v *View) Len() int {
	n, _, _, _ := v.Counts()
	return int(n)
}

// query runs sql on the view's transaction and calls row for each row
// after scanning it into dst.
func (v *View) query(doing, sql string, args []any, dst []any, row func()) error {
	return v.queryErr(doing, sql, args, dst, func() error { row(); return nil })
}

// queryErr is query with a row function that can fail, which ends the
// query with its error, returned as it is.
func (v *View) queryErr(doing, sql string, args []any, dst []any, row func() error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	var rowErr error
	rows, err := v.tx.Query(v.ctx, sql, args...)
	if err == nil {
		_, err = pgx.ForEachRow(rows, dst, func() error {
			rowErr = row()
			return rowErr
		})
	}
	if rowErr != nil {
		return rowErr
	}
	return v.db.wrap(doing, err)
}

// Lookup implements index.Postings: for each of hashes held by some
// document it calls visit with the hash's document frequency and, if
// that is at most maxDF, the documents holding it. A hash held by more
// than maxDF documents is read no further than maxDF + 1 of them, and
// that is the df visit gets: a lower bound past the cap, which is all
// a query does with it (index.Postings), so that a stock phrase held by
// millions of documents costs what one held by 31 does.
func (v *View) Lookup(hashes []uint64, maxDF int, visit func(i, df int, docs []index.DocID)) error {
	if len(hashes) == 0 {
		return nil
	}
	hs := make([]int64, len(hashes))
	for i, h := range hashes {
		hs[i] = int64(h)
	}
	var limit *int64 // NULL: LIMIT ALL
	if maxDF >= 0 && maxDF < 1<<62 {
		l := int64(maxDF) + 1
		limit = &l
	}
	docs := make([][]index.DocID, len(hashes))
	var i int32
	var num int64
	err := v.query("looking up marks", `
		SELECT q.i::integer, m.num
		FROM unnest($1::bigint[]) WITH ORDINALITY AS q(h, i)
		CROSS JOIN LATERAL (SELECT num FROM neardup_marks WHERE hash = q.h LIMIT $2) m`,
		[]any{hs, limit}, []any{&i, &num}, func() {
			docs[i-1] = append(docs[i-1], index.DocID(num))
		})
	if err != nil {
		return err
	}
	for i, d := range docs {
		switch {
		case len(d) == 0:
		case len(d) > maxDF:
			visit(i, len(d), nil)
		default:
			visit(i, len(d), d)
		}
	}
	return nil
}

// Match is a document whose fingerprint is near a query's.
type Match struct {
	Num      int64
	ID       string
	Distance int
}

// Near returns the documents whose fingerprints are within k bits of
// fp, nearest first, then by number, with their IDs if withIDs.
func (v *View) Near(fp uint64, k int, withIDs bool) ([]Match, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.db.near(v.ctx, v.tx, fp, k, withIDs)
}

// Near is View.Near in a statement of its own rather than a view: one
// statement sees one moment by itself, and the lookup is then one round
// trip to the server instead of three (begin, select, end).
func (db *DB) Near(ctx context.Context, fp uint64, k int, withIDs bool) ([]Match, error) {
	return db.near(ctx, db.pool, fp, k, withIDs)
}

// querier runs a statement: a view's transaction or the pool.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func (db *DB) near(ctx context.Context, q querier, fp uint64, k int, withIDs bool) ([]Match, error) {
	if k < 0 {
		return nil, nil
	}
	k = min(k, 64)
	var sql string
	var args []any
	if keys, ok := probeKeys(fp, k); ok {
		// A key at a time (LATERAL): each probe is pruned to the one
		// partition that holds its key, where key = ANY would search
		// every partition for every key.
		sql = `SELECT DISTINCT b.num, bit_count((b.fp # $1)::bit(64))::integer AS d
			FROM unnest($2::integer[]) AS q(key)
			CROSS JOIN LATERAL (SELECT num, fp FROM neardup_blocks WHERE key = q.key) b
			WHERE bit_count((b.fp # $1)::bit(64)) <= $3`
		args = []any{int64(fp), keys, k}
	} else {
		// Wider than the blocks are tuned for: every fingerprint is
		// compared, still exactly.
		sql = `SELECT num, bit_count((fp # $1)::bit(64))::integer AS d
			FROM neardup_docs WHERE fp IS NOT NULL AND bit_count((fp # $1)::bit(64)) <= $2`
		args = []any{int64(fp), k}
	}
	if withIDs {
		sql = `SELECT n.num, n.d, d.id FROM (` + sql + `) n JOIN neardup_docs d USING (num) ORDER BY n.d, n.num`
	} else {
		sql = `SELECT num, d, NULL::bytea FROM (` + sql + `) n ORDER BY d, num`
	}
	var out []Match
	var m Match
	var id []byte
	rows, err := q.Query(ctx, sql, args...)
	if err == nil {
		_, err = pgx.ForEachRow(rows, []any{&m.Num, &m.Distance, &id}, func() error {
			m.ID = string(id)
			out = append(out, m)
			return nil
		})
	}
	return out, db.wrap("looking up fingerprints", err)
}

// Stored is a stored document as a view finds it by ID.
type Stored struct {
	Num            int64
	Fingerprint    uint64
	HasFingerprint bool
}

// ByID returns the document with id, and whether there is one.
func (v *View) ByID(id string) (Stored, bool, error) {
	var s Stored
	var fp *int64
	found := false
	err := v.query("finding a document", `SELECT num, fp FROM neardup_docs WHERE id_key = $1 AND id = $2`,
		[]any{idKey(id), []byte(id)}, []any{&s.Num, &fp}, func() { found = true })
	if fp != nil {
		s.Fingerprint, s.HasFingerprint = uint64(*fp), true
	}
	return s, found, err
}

// Text is a stored document's ID, text and digest (nil for none).
type Text struct {
	ID, Text string
	Digest   []byte
}

// Docs returns the IDs of the documents numbered nums that are stored,
// with the texts of those also in withText (the others' Text is empty):
// one read for the IDs of a query's candidates and the texts of those
// its process has not prepared yet.
func (v *View) Docs(nums, withText []int64) (map[int64]Text, error) {
	out := make(map[int64]Text, len(nums))
	if len(nums) == 0 {
		return out, nil
	}
	var num int64
	var id, text, digest []byte
	err := v.query("reading documents", `
		SELECT num, id, CASE WHEN num = ANY($2) THEN text END, digest
		FROM neardup_docs WHERE num = ANY($1)`,
		[]any{nums, withText}, []any{&num, &id, &text, &digest}, func() {
			out[num] = Text{string(id), string(text), slices.Clone(digest)}
		})
	return out, err
}

// StemDFs returns the document frequencies of stems: the sums of their
// counters. Stems held by no document are left out.
func (v *View) StemDFs(stems []uint64) (map[uint64]int, error) {
	return v.dfs("reading stem frequencies",
		`SELECT stem, sum(df)::integer FROM neardup_stems WHERE stem = ANY($1) GROUP BY stem`, stems)
}

// MarkDFs returns the document frequencies of mark hashes, counted from
// their postings up to atMost (a hash held by more documents gets
// atMost): a stock phrase held by a million documents costs what one
// held by atMost does. Hashes held by no document are left out. A hash
// at a time (LATERAL), as Near's keys: each count reads one partition.
func (v *View) MarkDFs(hashes []uint64, atMost int) (map[uint64]int, error) {
	return v.dfs("reading mark frequencies",
		`SELECT q.h, m.df FROM unnest($1::bigint[]) AS q(h)
		CROSS JOIN LATERAL (SELECT count(*)::integer AS df
			FROM (SELECT FROM neardup_marks WHERE hash = q.h LIMIT $2) p) m`, hashes, int64(atMost))
}

func (v *View) dfs(doing, sql string, keys []uint64, more ...any) (map[uint64]int, error) {
	out := make(map[uint64]int, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	ks := make([]int64, len(keys))
	for i, k := range keys {
		ks[i] = int64(k)
	}
	var k int64
	var df int32
	err := v.query(doing, sql, append([]any{ks}, more...), []any{&k, &df}, func() {
		if df > 0 {
			out[uint64(k)] = int(df)
		}
	})
	return out, err
}

var _ index.Postings = (*View)(nil)
