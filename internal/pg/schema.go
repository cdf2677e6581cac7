package pg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SchemaVersion is the version of the tables below, kept in
// neardup_meta; a database of another version is refused. Version 2
// added the digest of each document (groups of copies).
const SchemaVersion = "2"

// Partitions is how many hash partitions the mark and block tables
// have. Each partition is a table of its own that Citus
// (create_distributed_table on the parent) or a foreign-data wrapper can
// put on another server; 8 keep each partition's index of a 100-million
// document corpus under 100 GB while the planner's per-partition cost
// stays negligible for the handful of keys a query reads.
const Partitions = 8

// Shards is how many rows each shared counter (a stem's document
// frequency, the document count) is split into: a transaction adds to
// the rows of one shard, so writers seldom wait for each other's locks,
// and a read sums at most Shards rows.
const Shards = 16

// schemaLock is the advisory lock key under which processes create the
// schema, so that two opening an empty database at once do not race
// (CREATE TABLE IF NOT EXISTS is not safe against that).
const schemaLock = 0x6e65617264757001 // "neardup" 1

// schema returns the statements that create the tables if absent.
func schema() []string {
	s := []string{
		`CREATE TABLE IF NOT EXISTS neardup_meta (
			key   text PRIMARY KEY,
			value text NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS neardup_docs (
			num    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			id_key bytea   NOT NULL UNIQUE,
			id     bytea   NOT NULL,
			fp     bigint,
			nmarks integer NOT NULL,
			text   bytea   NOT NULL,
			digest bytea)`,
		// lz4 compresses a text several times faster than the default
		// pglz, for a few per cent more bytes.
		`ALTER TABLE neardup_docs ALTER COLUMN text SET COMPRESSION lz4`,
		`CREATE TABLE IF NOT EXISTS neardup_marks (
			hash bigint NOT NULL,
			num  bigint NOT NULL,
			PRIMARY KEY (hash, num)) PARTITION BY HASH (hash)`,
		`CREATE TABLE IF NOT EXISTS neardup_blocks (
			key integer NOT NULL,
			num bigint  NOT NULL,
			fp  bigint  NOT NULL,
			PRIMARY KEY (key, num) INCLUDE (fp)) PARTITION BY HASH (key)`,
		`CREATE TABLE IF NOT EXISTS neardup_stems (
			stem  bigint   NOT NULL,
			shard smallint NOT NULL,
			df    integer  NOT NULL,
			PRIMARY KEY (stem, shard)) WITH (fillfactor = 70)`,
		`CREATE TABLE IF NOT EXISTS neardup_counts (
			shard        smallint PRIMARY KEY,
			docs         bigint NOT NULL DEFAULT 0,
			fingerprints bigint NOT NULL DEFAULT 0,
			postings     bigint NOT NULL DEFAULT 0)`,
	}
	for _, t := range []string{"neardup_marks", "neardup_blocks"} {
		for r := range Partitions {
			s = append(s, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s_p%d PARTITION OF %s FOR VALUES WITH (MODULUS %d, REMAINDER %d)`,
				t, r, t, Partitions, r))
		}
	}
	s = append(s, fmt.Sprintf(`INSERT INTO neardup_counts (shard) SELECT generate_series(0, %d) ON CONFLICT DO NOTHING`, Shards-1))
	return s
}

// ensureSchema creates the tables if they are not there and checks the
// schema version of those that are.
func (db *DB) ensureSchema(ctx context.Context) error {
	version, found, err := db.Meta(ctx, "schema")
	switch {
	case err != nil && !isUndefinedTable(err):
		return err
	case found && version != SchemaVersion:
		return fmt.Errorf("PostgreSQL at %s holds tables of schema version %s; this version of the library reads version %s", db.where, version, SchemaVersion)
	case found:
		return nil
	case db.readOnly:
		return fmt.Errorf("PostgreSQL at %s holds no corpus ('dedupe index add --db URL' makes one)", db.where)
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(schemaLock)); err != nil {
			return err
		}
		for _, stmt := range schema() {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO neardup_meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO NOTHING`, SchemaVersion)
		return err
	})
	return db.wrap("creating the tables", err)
}

// isUndefinedTable reports whether err says a table does not exist.
func isUndefinedTable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42P01"
}
