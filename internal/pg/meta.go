package pg

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// Meta returns the value stored under key in neardup_meta and whether
// there is one.
func (db *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM neardup_meta WHERE key = $1`, key).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, db.wrap("reading neardup_meta", err)
	}
	return v, true, nil
}

// InitMeta stores value under key unless a value is stored there
// already, and returns the value stored: the first process to set a key
// wins, and every other one reads what it set.
func (db *DB) InitMeta(ctx context.Context, key, value string) (string, error) {
	if !db.readOnly {
		_, err := db.pool.Exec(ctx, `INSERT INTO neardup_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, value)
		if err != nil {
			return "", db.wrap("writing neardup_meta", err)
		}
	}
	v, found, err := db.Meta(ctx, key)
	if err == nil && !found {
		// Read-only and never set: nothing was added yet.
		v = value
	}
	return v, err
}
