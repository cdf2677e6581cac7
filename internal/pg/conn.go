package pg

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// IsURL reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the URL s with its password, if any, replaced by
// "xxxxx": what may be shown of it. A string that does not parse as a
// URL is not shown at all.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(a PostgreSQL URL that does not parse)"
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// DB is a corpus's database: a pool of connections to it. It is safe
// for concurrent use.
type DB struct {
	pool     *pgxpool.Pool
	where    string // host:port/database, for messages
	password string // scrubbed from every message
	readOnly bool
}

// Open connects to the database at url (postgres://…), checks that it
// answers, and creates the schema if it is not there (unless readOnly).
// Errors name the host, port and database, never the password.
func Open(ctx context.Context, rawURL string, readOnly bool) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		// pgx's message quotes the URL, which a malformed one may leave
		// with its password in: say only that it does not parse.
		return nil, fmt.Errorf("%s is not a valid PostgreSQL URL", Redact(rawURL))
	}
	cc := cfg.ConnConfig
	db := &DB{
		where:    fmt.Sprintf("%s:%d/%s", cc.Host, cc.Port, cc.Database),
		password: cc.Password,
		readOnly: readOnly,
	}
	if readOnly {
		// The server refuses writes too, whatever the code asks.
		cc.RuntimeParams["default_transaction_read_only"] = "on"
	}
	// Statements are prepared once per connection and described by the
	// server's cache; the pool keeps them warm.
	cc.DefaultQueryExecMode = pgx.QueryExecModeCacheStatement
	db.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, db.wrap("connecting", err)
	}
	if err := db.pool.Ping(ctx); err != nil {
		db.pool.Close()
		return nil, db.wrap("connecting", err)
	}
	if err := db.ensureSchema(ctx); err != nil {
		db.pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the pool's connections.
func (db *DB) Close() { db.pool.Close() }

// ReadOnly reports whether db was opened for queries only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Where names the database for messages: host:port/database.
func (db *DB) Where() string { return db.where }

// Error is an error of the database: what was being done, where, and
// the driver's error, with the password scrubbed from its message.
type Error struct {
	Doing string
	Where string
	msg   string
	err   error
}

func (e *Error) Error() string {
	return fmt.Sprintf("PostgreSQL at %s: %s: %s", e.Where, e.Doing, e.msg)
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.err }

// ErrConnection is wrapped by the errors of a connection that failed or
// broke: the server unreachable, shut down or restarted.
var ErrConnection = errors.New("connection failed")

// wrap returns err as an *Error about doing, or nil.
func (db *DB) wrap(doing string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	msg := err.Error()
	if db.password != "" {
		msg = strings.ReplaceAll(msg, db.password, "xxxxx")
	}
	if isConnection(err) {
		err = errors.Join(ErrConnection, err)
		msg = "connection failed (" + msg + ")"
	}
	return &Error{Doing: doing, Where: db.where, msg: msg, err: err}
}

// isConnection reports whether err is a failure of the connection
// rather than an error of a statement.
func isConnection(err error) bool {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08: connection exception; 57P01–57P03: the server is
		// shutting down or starting up.
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	// Anything else from the driver without a server error is the
	// connection: closed, reset, broken pipe, unexpected EOF.
	var ne interface{ SafeToRetry() bool }
	return errors.As(err, &ne) || strings.Contains(err.Error(), "conn closed") ||
		strings.Contains(err.Error(), "unexpected EOF") || strings.Contains(err.Error(), "broken pipe") ||
		strings.Contains(err.Error(), "connection reset")
}

// retryable reports whether a transaction that failed with err can be
// run again as it is: a deadlock or serialization failure, which the
// server resolves by aborting one of the transactions, or a connection
// that failed before anything was sent on it.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return pgconn.SafeToRetry(err)
}
