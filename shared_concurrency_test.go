package neardup_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/pg"
)

// Processes sharing one corpus in PostgreSQL: writers and readers at
// once, a writer killed mid-batch. The processes are this test binary
// run again as TestSharedHelper, with their orders in the environment.

const (
	helperEnv     = "NEARDUP_SHARED_HELPER" // writer, reader
	helperURLEnv  = "NEARDUP_SHARED_HELPER_URL"
	helperPartEnv = "NEARDUP_SHARED_HELPER_PART" // k/n
	helperNEnv    = "NEARDUP_SHARED_HELPER_DOCS"
	helperStopEnv = "NEARDUP_SHARED_HELPER_STOP" // a file whose existence stops readers
)

// sharedDataset returns n documents to share: SaudiNewsNet articles when
// present, else documents made of the seeds' paragraphs, each with a
// sentence of its own, a tenth of them copies of another.
func sharedDataset(t testing.TB, n int) []neardup.Document {
	t.Helper()
	zips, _ := os.ReadDir(realCorpus)
	if len(zips) > 0 {
		return newsArticles(t, n)
	}
	var paras []string
	for _, s := range seeds(t) {
		for p := range strings.SplitSeq(s, "\n") {
			if len([]rune(p)) > 80 {
				paras = append(paras, p)
			}
		}
	}
	slices.Sort(paras)
	rng := rand.New(rand.NewPCG(14, 14))
	docs := make([]neardup.Document, n)
	for i := range docs {
		if i > 10 && i%10 == 0 {
			src := docs[rng.IntN(i)]
			docs[i] = neardup.Document{ID: fmt.Sprintf("doc-%05d", i), Text: src.Text}
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "التقرير رقم %d من المراسل %d\n", i, rng.IntN(1000))
		for range 3 + rng.IntN(4) {
			b.WriteString(paras[rng.IntN(len(paras))])
			b.WriteString("\n")
		}
		docs[i] = neardup.Document{ID: fmt.Sprintf("doc-%05d", i), Text: b.String()}
	}
	return docs
}

// TestSharedHelper is not a test: run by the tests below in child
// processes, it writes or reads the shared corpus as told.
func TestSharedHelper(t *testing.T) {
	role := os.Getenv(helperEnv)
	if role == "" {
		t.Skip("run by TestSharedWritersAndReaders and TestSharedWriterKilled")
	}
	n, err := strconv.Atoi(os.Getenv(helperNEnv))
	require.NoError(t, err)
	docs := sharedDataset(t, n)
	var k, of int
	_, err = fmt.Sscanf(os.Getenv(helperPartEnv), "%d/%d", &k, &of)
	require.NoError(t, err)
	c, err := neardup.Open(os.Getenv(helperURLEnv), neardup.Default)
	require.NoError(t, err)
	defer c.Close()
	switch role {
	case "writer":
		// Its own part, and every fifth document of the others': IDs
		// that another writer adds at about the same time.
		var mine []neardup.Document
		for i, d := range docs {
			if i%of == k || i%5 == 0 {
				mine = append(mine, d)
			}
		}
		for len(mine) > 0 {
			step := mine[:min(64, len(mine))]
			mine = mine[len(step):]
			err := c.AddBatch(step)
			added := 0
			for _, d := range step {
				if err == nil || !strings.Contains(err.Error(), strconv.Quote(d.ID)) {
					added++
					fmt.Printf("ack %s\n", d.ID)
				}
			}
			for _, e := range unwrapJoined(err) {
				require.ErrorIs(t, e, neardup.ErrDuplicateID)
				fmt.Printf("dup\n")
			}
		}
	case "reader":
		rng := rand.New(rand.NewPCG(uint64(k), 1))
		queries := 0
		for {
			if _, err := os.Stat(os.Getenv(helperStopEnv)); err == nil && queries > 20 {
				break
			}
			d := docs[rng.IntN(len(docs))]
			checkWhole(t, c, d, docs)
			queries++
		}
		fmt.Printf("queries %d\n", queries)
	}
}

// unwrapJoined returns the errors joined in err.
func unwrapJoined(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// checkWhole queries the corpus about d's text and checks that what it
// sees of the documents added so far is whole: a document found by its
// fingerprint's blocks is found by its marks too (one moment, one add),
// and every document found has its own text.
func checkWhole(t *testing.T, c *neardup.Corpus, d neardup.Document, docs []neardup.Document) {
	t.Helper()
	q, err := neardup.Prepare(d.Text)
	require.NoError(t, err)
	a, err := c.Query(neardup.Query{Doc: q, Radius: 0})
	require.NoError(t, err)
	texts := map[string]string{}
	for _, doc := range docs {
		texts[doc.ID] = doc.Text
	}
	sources := map[string]bool{}
	for _, s := range a.Sources {
		sources[s.ID] = true
		want, ok := texts[s.ID]
		require.True(t, ok, "a source %q that nobody added", s.ID)
		got, err := c.Text(s.ID)
		require.NoError(t, err)
		require.Equal(t, want, got, "the text of %s", s.ID)
	}
	self, err := neardup.Default.CompareDocs(q, q)
	require.NoError(t, err)
	for _, m := range a.NearDuplicates {
		// Distance 0 and the same text: a document long enough for a
		// passage is a source of its own text.
		if texts[m.ID] == d.Text && len(self.Passages) > 0 {
			require.True(t, sources[m.ID], "%s seen by its blocks but not by its marks", m.ID)
		}
	}
}

// runHelpers starts the helpers of role, k of n each, and returns them
// with their standard output.
func runHelper(t *testing.T, role, url string, k, n, docs int, stop string) (*exec.Cmd, *bufio.Scanner, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSharedHelper$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, helperURLEnv+"="+url,
		fmt.Sprintf("%s=%d/%d", helperPartEnv, k, n), fmt.Sprintf("%s=%d", helperNEnv, docs), helperStopEnv+"="+stop)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 1<<20)
	return cmd, sc, &stderr
}

// checkTables checks the tables at url: every document whole, the counts
// right, and the stem counters equal to a count from the texts of the
// documents stored.
func checkTables(t *testing.T, url string, docs []neardup.Document) {
	t.Helper()
	ctx := context.Background()
	db, err := pg.Open(ctx, url, true)
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.Check(ctx))
	c, err := neardup.OpenReadOnly(url, neardup.Default)
	require.NoError(t, err)
	defer c.Close()
	ids, err := c.IDs()
	require.NoError(t, err)
	stored := map[string]bool{}
	for _, id := range ids {
		stored[id] = true
	}
	want := map[uint64]int{}
	for _, d := range docs {
		if stored[d.ID] {
			p, err := neardup.Prepare(d.Text)
			require.NoError(t, err)
			for _, s := range p.Stems {
				want[s]++
			}
		}
	}
	got, err := db.StemCounts(ctx)
	require.NoError(t, err)
	require.Equal(t, len(want), len(got), "stems counted")
	require.Equal(t, want, got, "stem counters")
}

func TestSharedWritersAndReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	nDocs := 3000
	if raceEnabled {
		// 8 processes under the race detector on 2 cores: 3,000 took
		// over 5 minutes.
		nDocs = 600
	}
	docs := sharedDataset(t, nDocs)
	c, url := openShared(t, neardup.Default) // creates the tables
	stop := t.TempDir() + "/stop"
	type proc struct {
		cmd    *exec.Cmd
		lines  []string
		stderr *strings.Builder
	}
	var procs []*proc
	var wg sync.WaitGroup
	start := func(role string, k int) *proc {
		cmd, sc, stderr := runHelper(t, role, url, k, 4, nDocs, stop)
		p := &proc{cmd: cmd, stderr: stderr}
		procs = append(procs, p)
		wg.Go(func() {
			for sc.Scan() {
				p.lines = append(p.lines, sc.Text())
			}
		})
		return p
	}
	var writers, readers []*proc
	for k := range 4 {
		readers = append(readers, start("reader", k))
		writers = append(writers, start("writer", k))
	}
	for _, w := range writers {
		require.NoError(t, w.cmd.Wait(), "writer: %s", w.stderr)
	}
	require.NoError(t, os.WriteFile(stop, nil, 0o644))
	for _, r := range readers {
		require.NoError(t, r.cmd.Wait(), "reader: %s", r.stderr)
	}
	wg.Wait()

	acked := map[string]int{}
	dups := 0
	for _, w := range writers {
		for _, l := range w.lines {
			if id, ok := strings.CutPrefix(l, "ack "); ok {
				acked[id]++
			} else if l == "dup" {
				dups++
			}
		}
	}
	queries := 0
	for _, r := range readers {
		for _, l := range r.lines {
			if n, ok := strings.CutPrefix(l, "queries "); ok {
				q, _ := strconv.Atoi(n)
				queries += q
			}
		}
	}
	t.Logf("%d documents acknowledged, %d refused as another writer's, %d queries", len(acked), dups, queries)
	assert.Positive(t, queries)
	assert.Positive(t, dups, "writers raced for the shared IDs")
	for id, n := range acked {
		assert.Equal(t, 1, n, "%s acknowledged by %d writers", id, n)
	}
	ids, err := c.IDs()
	require.NoError(t, err)
	var want []string
	for _, d := range docs {
		want = append(want, d.ID)
	}
	slices.Sort(want)
	slices.Sort(ids)
	assert.Equal(t, want, ids, "nothing lost, nothing doubled")
	assert.Len(t, acked, len(docs))
	checkTables(t, url, docs)
}

func TestSharedWriterKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const nDocs = 2000
	docs := sharedDataset(t, nDocs)
	_, url := openShared(t, neardup.Default)
	for round := range 2 {
		cmd, sc, stderr := runHelper(t, "writer", url, round, 2, nDocs, "")
		var acked []string
		deadline := time.Now().Add(2 * time.Minute)
		for sc.Scan() && len(acked) < 100*(round+1) && time.Now().Before(deadline) {
			if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
				acked = append(acked, id)
			}
		}
		// SIGKILL mid-batch: the next batch is being prepared or sent.
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()
		require.NotEmpty(t, acked, "the writer acknowledged nothing: %s", stderr)
		c, err := neardup.OpenReadOnly(url, neardup.Default)
		require.NoError(t, err)
		for _, id := range acked {
			_, err := c.Fingerprint(id)
			assert.NoError(t, err, "round %d: %s lost", round, id)
		}
		require.NoError(t, c.Close())
		checkTables(t, url, docs)
	}
}
