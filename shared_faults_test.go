package neardup_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/pg"
	"github.com/neardup/neardup/internal/pgtest"
)

// Faults of the server: restarted mid-ingest, out of reach.

func TestSharedServerRestartedMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	srv := pgtest.StartServer(t)
	docs := sharedDataset(t, 1200)
	c, err := neardup.Open(srv.URL, neardup.Default)
	require.NoError(t, err)
	defer c.Close()

	type result struct {
		acked []string
		errs  []error
	}
	done := make(chan result)
	restarted := make(chan struct{})
	go func() {
		var r result
		for i := 0; i < len(docs); i += 32 {
			if i == 320 {
				close(restarted) // a third in: the main goroutine restarts the server
			}
			step := docs[i:min(i+32, len(docs))]
			if err := c.AddBatch(step); err != nil {
				r.errs = append(r.errs, err)
				// The batch is not acknowledged: added again below.
				time.Sleep(200 * time.Millisecond)
				continue
			}
			for _, d := range step {
				r.acked = append(r.acked, d.ID)
			}
		}
		done <- r
	}()
	<-restarted
	srv.Restart(t)
	r := <-done
	t.Logf("%d acknowledged, %d batches failed", len(r.acked), len(r.errs))
	if len(r.errs) > 0 {
		t.Logf("the first error: %.600s", r.errs[0])
	}
	for _, err := range r.errs {
		// Clear: which server, and that the connection failed; the
		// documents named.
		assert.Contains(t, err.Error(), "PostgreSQL at "+hostPort(srv.URL))
		assert.ErrorIs(t, err, pg.ErrConnection)
		assert.ErrorIs(t, err, neardup.ErrWrite, "a failed transaction is a failed write, which stops AddBatch")
	}
	// What failed is added again: each document is then added or, if its
	// batch had been committed when the connection broke, a duplicate.
	for _, err := range unwrapJoined(c.AddBatch(docs)) {
		assert.ErrorIs(t, err, neardup.ErrDuplicateID)
	}
	assert.Equal(t, len(docs), c.Len(), "nothing lost, nothing doubled")
	checkTables(t, srv.URL, docs)

	// A server stopped outright: a clear error, then work again once it
	// is back.
	srv.Stop(t)
	_, err = c.Sources(docs[0].Text)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "PostgreSQL at "+hostPort(srv.URL))
	srv.Start(t)
	src, err := c.Sources(docs[0].Text)
	require.NoError(t, err)
	assert.NotEmpty(t, src)
}

// hostPort is the host:port/database of a test server's URL, as
// messages name it.
func hostPort(url string) string {
	host := url[strings.Index(url, "host=")+5:]
	host = host[:strings.Index(host, "&")]
	return host + ":54330/postgres"
}

func TestSharedServerUnreachable(t *testing.T) {
	pgtest.Base(t)
	const secret = "s3cr3t-Passw0rd"
	for _, url := range []string{
		"postgres://neardup:" + secret + "@127.0.0.1:1/corpus?connect_timeout=5",
		"postgresql://neardup@127.0.0.1:1/corpus?password=" + secret + "&connect_timeout=5",
	} {
		start := time.Now()
		_, err := neardup.Open(url, neardup.Default)
		require.Error(t, err)
		assert.Less(t, time.Since(start), 30*time.Second)
		assert.Contains(t, err.Error(), "PostgreSQL at 127.0.0.1:1/corpus")
		assert.NotContains(t, err.Error(), secret)
		assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), secret)
		assert.ErrorIs(t, err, pg.ErrConnection)
		_, err = neardup.OpenReadOnly(url, neardup.Default)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), secret)
	}
	// A URL that does not parse is not echoed with its password either.
	_, err := neardup.Open("postgres://u:"+secret+"@host:notaport/db", neardup.Default)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), secret)
	assert.Equal(t, "postgres://u:xxxxx@127.0.0.1/db", neardup.RedactURL("postgres://u:"+secret+"@127.0.0.1/db"))
	assert.NotContains(t, neardup.RedactURL("postgres://u@h/db?password="+secret), secret)
}

// A server that answers with an error (here: no such database) does
// not make the password appear either.
func TestSharedServerRefuses(t *testing.T) {
	base := pgtest.Base(t)
	const secret = "wr0ng-s3cret"
	u, err := url.Parse(base)
	require.NoError(t, err)
	u.Path = "/neardup_no_such_database"
	q := u.Query()
	q.Set("password", secret)
	u.RawQuery = q.Encode()
	_, err = neardup.Open(u.String(), neardup.Default)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "neardup_no_such_database")
	assert.NotContains(t, err.Error(), secret)
}

// A server that checks passwords: a wrong one is refused with the
// server's reason and not printed, nor is the right one when the
// server later goes away.
func TestSharedWrongPassword(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	const right, wrong = "r1ght-s3cret", "wr0ng-s3cret"
	srv := pgtest.StartServerWithPassword(t, right)
	withPassword := func(pw string) string {
		u, err := url.Parse(srv.URL)
		require.NoError(t, err)
		q := u.Query()
		q.Set("password", pw)
		u.RawQuery = q.Encode()
		return u.String()
	}
	_, err := neardup.Open(srv.URL, neardup.Default)
	require.Error(t, err, "the server asks for a password")

	_, err = neardup.Open(withPassword(wrong), neardup.Default)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "PostgreSQL at "+hostPort(srv.URL))
	assert.Contains(t, err.Error(), "password authentication failed")
	assert.NotContains(t, err.Error(), wrong)

	c, err := neardup.Open(withPassword(right), neardup.Default)
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.Add("a", seeds(t)["000"]))
	srv.Stop(t)
	_, err = c.Sources(seeds(t)["000"])
	require.Error(t, err)
	assert.ErrorIs(t, err, pg.ErrConnection)
	assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), right)
}

func TestSharedReadOnlyAndConfig(t *testing.T) {
	c, url := openShared(t, neardup.Default)
	require.NoError(t, c.Add("a", seeds(t)["000"]))
	ro, err := neardup.OpenReadOnly(url, neardup.Default)
	require.NoError(t, err)
	defer ro.Close()
	assert.ErrorIs(t, ro.Add("b", "نص"), neardup.ErrReadOnly)
	_, err = ro.Remove("a")
	assert.ErrorIs(t, err, neardup.ErrReadOnly)
	src, err := ro.Sources(seeds(t)["000"])
	require.NoError(t, err)
	require.Len(t, src, 1)
	assert.Equal(t, 1, ro.Len())

	other := neardup.Default
	other.KeepDebris = true
	_, err = neardup.Open(url, other)
	require.ErrorIs(t, err, neardup.ErrConfig)
	assert.Contains(t, err.Error(), "keepDebris")

	// An empty database opened read-only is not made a corpus.
	_, err = neardup.OpenReadOnly(pgtest.URL(t), neardup.Default)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds no corpus")

	require.NoError(t, c.Close())
	assert.ErrorIs(t, c.Close(), neardup.ErrClosed)
	assert.ErrorIs(t, c.Add("c", "نص"), neardup.ErrClosed)
	_, err = c.Sources("نص")
	assert.ErrorIs(t, err, neardup.ErrClosed)
	assert.Equal(t, 1, c.Len(), "the last count read")
}

// Two writers adding one ID at the same moment: one adds it, the other
// is told.
func TestSharedSameIDAtOnce(t *testing.T) {
	c1, url := openShared(t, neardup.Default)
	c2, err := neardup.Open(url, neardup.Default)
	require.NoError(t, err)
	defer c2.Close()
	text := seeds(t)["002"]
	for i := range 20 {
		id := fmt.Sprintf("same-%d", i)
		errs := make(chan error, 2)
		for _, c := range []*neardup.Corpus{c1, c2} {
			go func() { errs <- c.Add(id, text) }()
		}
		e1, e2 := <-errs, <-errs
		require.True(t, (e1 == nil) != (e2 == nil), "one of them adds %s: %v, %v", id, e1, e2)
		assert.ErrorIs(t, errors.Join(e1, e2), neardup.ErrDuplicateID)
	}
	assert.Equal(t, 20, c1.Len())
	ctx := context.Background()
	db, err := pg.Open(ctx, url, true)
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.Check(ctx))
}
