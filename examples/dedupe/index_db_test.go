package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
	"github.com/neardup/neardup/internal/pgtest"
)

// The index commands on a corpus in PostgreSQL: --db takes its URL.
func TestIndexOnPostgres(t *testing.T) {
	const secret = "not-to-be-printed"
	// The test server trusts local connections, so the password is sent
	// and not needed: what is checked is that no output holds it.
	db := strings.Replace(pgtest.URL(t), "user=postgres", "user=postgres&password="+secret, 1)
	all := func(out outcome) string { return out.stdout + out.stderr }

	out := dedupeCmd(t, "index", "add", "--db", db, "--format", "json", seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	var add struct {
		Added int `json:"added"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.stdout), &add))
	assert.Equal(t, 5, add.Added)
	assert.NotContains(t, all(out), secret)

	out = dedupeCmd(t, "index", "add", "--db", db, seedsDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "Added 0 documents to postgres:")
	assert.Contains(t, out.stdout, "skipped 5 documents already there")
	assert.NotContains(t, all(out), secret)

	dir := t.TempDir()
	fixture.Write(t, dir, "copy.txt", fixture.Respell(fixture.Seed(t, seed0)))
	out = dedupeCmd(t, "index", "query", "--db", db, "--format", "json", dir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	q := decodeQuery(t, out.stdout)
	require.Len(t, q.Results, 1)
	require.Len(t, q.Results[0].NearDuplicates, 1)
	assert.Equal(t, "identical", q.Results[0].NearDuplicates[0].Verdict)

	out = dedupeCmd(t, "index", "stats", "--db", db)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.Contains(t, out.stdout, "PostgreSQL")
	assert.Contains(t, out.stdout, "neardup_marks")
	assert.Contains(t, out.stdout, "The store holds 5 documents")
	assert.NotContains(t, all(out), secret)
	out = dedupeCmd(t, "index", "stats", "--db", db, "--format", "json")
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	assert.NotContains(t, all(out), secret)

	out = dedupeCmd(t, "index", "list", "--db", db)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	ids := strings.Fields(out.stdout)
	require.Len(t, ids, 5)
	out = dedupeCmd(t, "index", "remove", "--db", db, ids[0], "no-such-id")
	assert.Contains(t, out.stdout, "Removed 1 document from postgres:")
	assert.NotContains(t, all(out), secret)
	out = dedupeCmd(t, "index", "list", "--db", db)
	assert.Len(t, strings.Fields(out.stdout), 4)
}

func TestIndexPostgresUnreachable(t *testing.T) {
	pgtest.Base(t)
	const secret = "s3cret-pw"
	for _, cmd := range []string{"add", "query", "stats", "list"} {
		args := []string{"index", cmd, "--db", "postgres://neardup:" + secret + "@127.0.0.1:1/corpus?connect_timeout=5"}
		if cmd == "add" || cmd == "query" {
			args = append(args, seedsDir)
		}
		out := dedupeCmd(t, args...)
		assert.Equal(t, cli.ExitError, out.code, cmd)
		assert.Contains(t, out.stderr, "PostgreSQL at 127.0.0.1:1/corpus", cmd)
		assert.NotContains(t, out.stdout+out.stderr, secret, cmd)
	}
	// check reads a file: a URL is refused without a stat of it, which
	// would echo it.
	out := dedupeCmd(t, "index", "check", "--db", "postgres://neardup:"+secret+"@127.0.0.1:1/corpus")
	assert.Equal(t, cli.ExitError, out.code)
	assert.Contains(t, out.stderr, "checks a store file")
	assert.NotContains(t, out.stdout+out.stderr, secret)
}
