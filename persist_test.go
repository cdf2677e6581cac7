package neardup_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/store"
)

func TestOpenReopen(t *testing.T) {
	all := seeds(t)
	path := filepath.Join(t.TempDir(), "corpus.db")
	c, err := neardup.Open(path, neardup.Default)
	require.NoError(t, err)
	for _, name := range []string{"000", "001", "002", "003", "004"} {
		require.NoError(t, c.Add(name, all[name]))
	}
	require.NoError(t, c.Add("000-copy", respell(all["000"])))
	removed, err := c.Remove("003")
	require.NoError(t, err)
	require.True(t, removed)
	wantSrc, err := c.Sources(all["004"])
	require.NoError(t, err)
	wantCl, err := c.Clusters()
	require.NoError(t, err)
	require.Equal(t, [][]string{{"000", "000-copy"}}, wantCl)
	require.NoError(t, c.Close())

	c, err = neardup.Open(path, neardup.Default)
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, 5, c.Len())
	got, err := c.NearDuplicates(all["000"], 3)
	require.NoError(t, err)
	assert.Equal(t, []neardup.Match{{ID: "000", Distance: 0}, {ID: "000-copy", Distance: 0}}, got)
	got, err = c.NearDuplicates(all["003"], 0)
	require.NoError(t, err)
	assert.Empty(t, got, "removed before the restart, still removed")
	src, err := c.Sources(all["004"])
	require.NoError(t, err)
	assert.Equal(t, wantSrc, src)
	cl, err := c.Clusters()
	require.NoError(t, err)
	assert.Equal(t, wantCl, cl)

	// Numbers go on after the highest stored: no clash with old ones.
	require.NoError(t, c.Add("003", all["003"]))
	assert.ErrorIs(t, c.Add("000", "x"), neardup.ErrDuplicateID)
	assert.Equal(t, 6, c.Len())
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	c, err := neardup.Open(path, neardup.Default)
	require.NoError(t, err)
	require.NoError(t, c.Add("a", "نص عربي قصير للتجربة"))
	assert.ErrorContains(t, c.Add("", "x"), "empty document ID")

	_, err = neardup.Open(path, neardup.Default)
	assert.ErrorContains(t, err, "in use", "one process at a time")
	require.NoError(t, c.Close())

	other := neardup.Default
	other.Rules.TehMarbuta = false
	_, err = neardup.Open(path, other)
	assert.ErrorIs(t, err, neardup.ErrConfig)
	other = neardup.Default
	other.ShingleSize = 5
	_, err = neardup.Open(path, other)
	assert.ErrorIs(t, err, neardup.ErrConfig)
	assert.NotContains(t, err.Error(), "folds text differently", "a setting, not the library, differs")
	assert.NotContains(t, err.Error(), "\n", "one line")
	// A store built by a library that folded text otherwise says so.
	stamp := restamp(t, path, nil)
	before, _, ok := strings.Cut(string(stamp), " probe=")
	require.True(t, ok)
	restamp(t, path, []byte(before+" probe=0123"))
	_, err = neardup.Open(path, neardup.Default)
	assert.ErrorIs(t, err, neardup.ErrConfig)
	assert.ErrorContains(t, err, "folds text differently")
	// Stamps did not name the shingle size before.
	restamp(t, path, []byte(strings.Replace(before, " shingle=4", "", 1)+" probe=0123"))
	_, err = neardup.Open(path, neardup.Default)
	assert.ErrorIs(t, err, neardup.ErrConfig)
	assert.ErrorContains(t, err, "older version")
	restamp(t, path, stamp)
	// What only tunes queries may change.
	other = neardup.Default
	other.Radius, other.CacheBytes = 3, 1<<20
	c, err = neardup.Open(path, other)
	require.NoError(t, err)
	require.NoError(t, c.Close())

	bad := filepath.Join(dir, "bad.db")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Repeat("not a database\n", 1000)), 0o644))
	_, err = neardup.Open(bad, neardup.Default)
	assert.ErrorIs(t, err, store.ErrCorrupt)

	_, err = neardup.Open(filepath.Join(dir, "missing", "c.db"), neardup.Default)
	assert.Error(t, err)
}

// killEnv names the store the ingest helper writes to.
const killEnv = "NEARDUP_KILL_TEST_DB"

// TestKillHelper is not a test: run by TestKillNineKeepsAcknowledged in
// a child process, it adds documents one by one and prints the ID of
// each as soon as Add returns, until it is killed.
func TestKillHelper(t *testing.T) {
	path := os.Getenv(killEnv)
	if path == "" {
		t.Skip("run by TestKillNineKeepsAcknowledged")
	}
	all := seeds(t)
	c, err := neardup.Open(path, neardup.Default)
	require.NoError(t, err)
	for i := 0; ; i++ {
		id := fmt.Sprintf("%s-%05d", os.Getenv(killEnv+"_ROUND"), i)
		text := all[fmt.Sprintf("%03d", i%5)] + fmt.Sprintf("\n\nنسخة رقم %d", i)
		if i%7 == 0 {
			// Batches are acknowledged as a whole.
			docs := []neardup.Document{{ID: id, Text: text}, {ID: id + "b", Text: text + " ب"}}
			require.NoError(t, c.AddBatch(docs))
			fmt.Printf("ack %s\nack %s\n", id, id+"b")
			continue
		}
		require.NoError(t, c.Add(id, text))
		fmt.Printf("ack %s\n", id)
	}
}

func TestKillNineKeepsAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), killEnv+"="+path, fmt.Sprintf("%s_ROUND=r%d", killEnv, round))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		var acked, lines []string
		sc := bufio.NewScanner(out)
		deadline := time.Now().Add(30 * time.Second)
		for sc.Scan() && len(acked) < 40*(round+1) && time.Now().Before(deadline) {
			if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
				acked = append(acked, id)
			} else if len(lines) < 20 {
				lines = append(lines, sc.Text())
			}
		}
		// SIGKILL: no deferred function, no Close, mid-transaction.
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		require.NotEmpty(t, acked, "the helper acknowledged nothing: %s\n%s", stderr.String(), strings.Join(lines, "\n"))

		c, err := neardup.Open(path, neardup.Default)
		require.NoError(t, err, "round %d: the store reopens after kill -9", round)
		n := c.Len()
		assert.GreaterOrEqual(t, n, len(acked), "round %d: every acknowledged document is there", round)
		assert.ErrorIs(t, c.Add(acked[len(acked)-1], "x"), neardup.ErrDuplicateID)
		for _, id := range acked {
			assert.ErrorIs(t, c.Add(id, "x"), neardup.ErrDuplicateID, "round %d: %s lost", round, id)
		}
		src, err := c.Sources(seeds(t)["001"])
		require.NoError(t, err)
		assert.NotEmpty(t, src, "round %d: the indexes were rebuilt", round)
		require.NoError(t, c.Close())
		// The next round goes on with the same file.
	}
}

// Read-only corpora answer queries side by side, refuse changes, and
// close cleanly even when they had to rebuild an index they cannot save.
func TestOpenReadOnly(t *testing.T) {
	all := seeds(t)
	path := filepath.Join(t.TempDir(), "c.db")
	_, err := neardup.OpenReadOnly(path, neardup.Default)
	require.Error(t, err, "read-only never creates")

	// Written without Close: no snapshot of the shingle index.
	s, err := store.Open(path)
	require.NoError(t, err)
	w, err := neardup.OpenStore(s, neardup.Default)
	require.NoError(t, err)
	require.NoError(t, w.AddBatch([]neardup.Document{{ID: "000", Text: all["000"]}, {ID: "001", Text: all["001"]}}))
	require.NoError(t, s.Close())

	a, err := neardup.OpenReadOnly(path, neardup.Default)
	require.NoError(t, err)
	b, err := neardup.OpenReadOnly(path, neardup.Default)
	require.NoError(t, err)
	for _, c := range []*neardup.Corpus{a, b} {
		assert.Equal(t, 2, c.Len())
		near, err := c.NearDuplicates(respell(all["000"]), 3)
		require.NoError(t, err)
		assert.Equal(t, []neardup.Match{{ID: "000", Distance: 0}}, near)
		srcs, err := c.Sources(all["001"])
		require.NoError(t, err)
		require.NotEmpty(t, srcs)
		assert.Equal(t, "001", srcs[0].ID)
	}
	assert.ErrorIs(t, a.Add("002", all["002"]), store.ErrReadOnly)
	_, err = a.Remove("000")
	assert.ErrorIs(t, err, store.ErrReadOnly)
	assert.Equal(t, 2, a.Len(), "nothing changed")
	require.NoError(t, a.Close())
	require.NoError(t, b.Close())

	c, err := neardup.Open(path, neardup.Default)
	require.NoError(t, err, "writable again once the readers are gone")
	assert.Equal(t, 2, c.Len())
	require.NoError(t, c.Close())
}

// restamp sets the configuration stamp of the store at path to stamp
// (leaves it if nil) and returns the stamp it had.
func restamp(t *testing.T, path string, stamp []byte) []byte {
	t.Helper()
	raw, err := store.Open(path)
	require.NoError(t, err)
	old, err := raw.Meta("config")
	require.NoError(t, err)
	if stamp != nil {
		require.NoError(t, raw.SetMeta("config", stamp))
	}
	require.NoError(t, raw.Close())
	return old
}
