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
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that holds the test server's URL.
const EnvURL = "NEARDUP_PG_URL"

// Skip is the line a test that needs the server skips with.
const Skip = "needs PostgreSQL: run `bash .ci/run` (starts a throwaway server), or set " + EnvURL + " to a postgres:// URL of a database the tests may create schemas in"

// Base returns the server's URL, skipping t without one (failing it
// under CI=true).
func Base(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		skip(t, EnvURL+" is not set")
	}
	return u
}

// skip skips t with the line that says how to run it, or fails it under
// CI=true, where a skip would hide that nothing ran.
func skip(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but " + why + ": " + Skip)
	}
	t.Skip(Skip)
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
	Exec(t, base, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize())
	t.Cleanup(func() {
		Exec(t, base, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
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
	withConn(t, u, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, sql, args...)
		return err
	}, sql)
}

// QueryInt runs sql, which returns one integer, on the database at u.
func QueryInt(t testing.TB, u, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	withConn(t, u, func(ctx context.Context, conn *pgx.Conn) error {
		return conn.QueryRow(ctx, sql, args...).Scan(&n)
	}, sql)
	return n
}

// withConn runs f on a connection of its own to the database at u,
// within a minute, and fails t naming sql if it fails.
func withConn(t testing.TB, u string, f func(context.Context, *pgx.Conn) error, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connecting to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if err := f(ctx, conn); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// Server is a PostgreSQL server of a test's own, for the tests that
// restart or stop it (the server of EnvURL is shared by every package's
// tests at once).
type Server struct {
	URL  string
	dir  string
	bin  string
	asPG []string // the command prefix that runs as the server's user
}

// StartServer starts a throwaway server in a temporary directory, with
// the binaries of the shared one (EnvBin, else Debian's newest), and
// stops it when t ends. It skips or fails as Base does without a server.
// Every local connection is trusted.
func StartServer(t *testing.T) *Server {
	t.Helper()
	return startServer(t, "")
}

// StartServerWithPassword is StartServer with a server that checks the
// password of its one user, postgres (SCRAM): the URL it returns holds
// none.
func StartServerWithPassword(t *testing.T, password string) *Server {
	t.Helper()
	return startServer(t, password)
}

func startServer(t *testing.T, password string) *Server {
	t.Helper()
	Base(t)
	bin := os.Getenv(EnvBin)
	if bin == "" {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		if len(dirs) == 0 {
			skip(t, "no PostgreSQL binaries in /usr/lib/postgresql/*/bin nor "+EnvBin)
		}
		slices.Sort(dirs)
		bin = dirs[len(dirs)-1]
	}
	dir, err := os.MkdirTemp("", "neardup-pgtest")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{dir: dir, bin: bin}
	if os.Getuid() == 0 {
		// initdb and the server refuse to run as root.
		s.asPG = []string{"runuser", "-u", "postgres", "--"}
		if out, err := exec.Command("chown", "postgres", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v: %s", err, out)
		}
	}
	t.Cleanup(func() {
		// Stopped already, or never started: nothing to say.
		_ = s.cmd("pg_ctl", "-D", dir+"/data", "-m", "immediate", "stop").Run()
		os.RemoveAll(dir)
	})
	auth := []string{"--auth=trust"}
	if password != "" {
		// initdb reads the password from a file, as the server's user.
		pwfile := filepath.Join(dir, "pw")
		if err := os.WriteFile(pwfile, []byte(password+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(pwfile)
		auth = []string{"--auth=scram-sha-256", "--pwfile=" + pwfile}
	}
	s.run(t, "initdb", append([]string{"-D", dir + "/data", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"}, auth...)...)
	s.Start(t)
	s.URL = fmt.Sprintf("postgres:///postgres?host=%s&port=54330&user=postgres", dir)
	return s
}

// EnvBin names the variable that holds the directory of the server's
// binaries.
const EnvBin = "NEARDUP_PG_BIN"

// Start starts the server (again).
func (s *Server) Start(t *testing.T) {
	t.Helper()
	s.run(t, "pg_ctl", "-D", s.dir+"/data", "-l", s.dir+"/log", "-w", "-o", "-k "+s.dir+" -p 54330 -c listen_addresses=''", "start")
}

// Stop stops the server at once, as a crash would (mode immediate).
func (s *Server) Stop(t *testing.T) {
	t.Helper()
	s.run(t, "pg_ctl", "-D", s.dir+"/data", "-m", "immediate", "-w", "stop")
}

// Restart restarts the server, ending every session (mode fast).
func (s *Server) Restart(t *testing.T) {
	t.Helper()
	s.run(t, "pg_ctl", "-D", s.dir+"/data", "-l", s.dir+"/log", "-m", "fast", "-w", "-o", "-k "+s.dir+" -p 54330 -c listen_addresses=''", "restart")
}

func (s *Server) run(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := s.cmd(name, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v: %s", strings.Join(cmd.Args, " "), err, out)
	}
}

// cmd is the command that runs the server's program name as its user.
func (s *Server) cmd(name string, args ...string) *exec.Cmd {
	argv := append(slices.Clone(s.asPG), append([]string{filepath.Join(s.bin, name)}, args...)...)
	return exec.Command(argv[0], argv[1:]...)
}
