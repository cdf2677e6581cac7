package pg

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// Remove removes the document with id, in one transaction, and reports
// whether it was there. Its marks and stems, which the rows do not list
// by document, are those of prep(text), its text prepared again: prep
// must return what was given to Add.
func (db *DB) Remove(ctx context.Context, id string, prep func(text string) (Doc, error)) (bool, error) {
	if db.readOnly {
		return false, ErrReadOnly
	}
	var found bool
	var err error
	for try := 1; ; try++ {
		found, err = db.remove(ctx, id, prep)
		if err == nil || try == maxTries || !retryable(err) {
			break
		}
	}
	var pe errPrep
	if errors.As(err, &pe) {
		return false, pe.err
	}
	return found, db.wrap("removing a document", err)
}

// errPrep carries an error of prep out of the transaction unwrapped.
type errPrep struct{ err error }

func (e errPrep) Error() string { return e.err.Error() }

// remove is one try of Remove.
func (db *DB) remove(ctx context.Context, id string, prep func(string) (Doc, error)) (bool, error) {
	found := false
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var num int64
		var text []byte
		// FOR UPDATE: a second Remove of the same ID waits, then finds
		// nothing.
		err := tx.QueryRow(ctx, `SELECT num, text FROM neardup_docs WHERE id_key = $1 AND id = $2 FOR UPDATE`,
			idKey(id), []byte(id)).Scan(&num, &text)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		d, err := prep(string(text))
		if err != nil {
			return errPrep{err}
		}
		found = true
		marks := make([]int64, len(d.Marks))
		for i, h := range d.Marks {
			marks[i] = int64(h)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM neardup_marks WHERE hash = ANY($1) AND num = $2`, marks, num); err != nil {
			return err
		}
		c := counts{docs: -1, postings: -int64(len(d.Marks))}
		if d.HasFingerprint {
			k := blockKeys(d.Fingerprint)
			if _, err := tx.Exec(ctx, `DELETE FROM neardup_blocks WHERE key = ANY($1) AND num = $2`, k[:], num); err != nil {
				return err
			}
			c.fingerprints = -1
		}
		if _, err := tx.Exec(ctx, `DELETE FROM neardup_docs WHERE num = $1`, num); err != nil {
			return err
		}
		stems := make(map[uint64]int32, len(d.Stems))
		for _, s := range d.Stems {
			stems[s] = -1
		}
		return addCounts(ctx, tx, stems, c)
	})
	return found, err
}
