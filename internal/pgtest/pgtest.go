// Package pgtest gives tests a PostgreSQL database of their own: a
// fresh schema in the server named by NEARDUP_PG_URL, dropped when the
// test ends. .ci/run starts a throwaway server and sets the variable;
// without it the tests that need one skip, saying how to run them, and
// under CI=true they fail instead.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that holds the test server's URL, and
// EnvData the one that holds its data directory (for the tests that
// restart it).
const (
	EnvURL  = "NEARDUP_PG_URL"
	EnvData = "NEARDUP_PG_DATA"
)

// Skip is the line a test that needs the server skips with.
const Skip = "needs PostgreSQL: run `bash .ci/run` (starts a throwaway server), or set " + EnvURL + " to a postgres:// URL of a database the tests may create schemas in"

// Base returns the server's URL, skipping t without one (failing it
// under CI=true, where a skip would hide that nothing ran).
func Base(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but " + EnvURL + " is not set: " + Skip)
		}
		t.Skip(Skip)
	}
	return u
}

var seq atomic.Int64

// URL returns the URL of a fresh, empty schema of the test server, which
// is dropped when t ends: each test has tables of its own.
func URL(t testing.TB) string {
	t.Helper()
	base := Base(t)
	name := fmt.Sprintf("t%d_%d_%s", os.Getpid(), seq.Add(1), strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "_")))
	if len(name) > 60 {
		name = name[:60]
	}
	exec(t, base, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize())
	t.Cleanup(func() {
		exec(t, base, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
	})
	return WithSchema(t, base, name)
}

// WithSchema returns base with search_path set to schema, so that the
// corpus's tables are made and found there.
func WithSchema(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s does not parse: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs sql on the database at u.
func Exec(t testing.TB, u, sql string, args ...any) {
	t.Helper()
	exec(t, u, sql, args...)
}

func exec(t testing.TB, u, sql string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connecting to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// QueryInt runs sql, which returns one integer, on the database at u.
func QueryInt(t testing.TB, u, sql string, args ...any) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connecting to the test server: %v", err)
	}
	defer conn.Close(ctx)
	var n int64
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
