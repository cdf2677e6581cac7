package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/eval/internal/pan"
	"github.com/neardup/neardup/internal/cli"
)

// The evaluation data sets live beside the project's checkout, never in
// it (research licences); without them these tests skip.
var evalDir = filepath.Join("..", "..", "shared", "eval")

func evalData(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(evalDir, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no evaluation data at %s", dir)
	}
	if testing.Short() {
		t.Skip("the evaluation runs a whole corpus; skipped in -short mode")
	}
	return dir
}

// With the race detector on (see raceEnabled), the evaluation reads the
// first raceDocs suspicious documents of ExAraPlagDet (and all sources)
// and the first racePairs pairs of COUNTER: enough to run every path.
const (
	raceDocs  = 40
	racePairs = 100
)

// slice returns dir, or with the race detector on a temporary directory
// of links to the first n of its files whose names keep says to keep
// (the data are linked, not copied).
func slice(t *testing.T, dir string, n int, keep func(name string) bool) string {
	t.Helper()
	if !raceEnabled {
		return dir
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := t.TempDir()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if n == 0 {
			break
		}
		if keep(e.Name()) {
			require.NoError(t, os.Symlink(filepath.Join(abs, e.Name()), filepath.Join(out, e.Name())))
			n--
		}
	}
	return out
}

// TestEvalExAraPlagDet runs text alignment over the whole ExAraPlagDet
// training set and scores it. It asserts sanity only; the scores are
// logged.
func TestEvalExAraPlagDet(t *testing.T) {
	dir := evalData(t, "exaraplagdet")
	out := t.TempDir()
	// With the race detector, the first suspicious documents only.
	all := func(string) bool { return true }
	susp := slice(t, filepath.Join(dir, "suspicious-documents"), raceDocs, all)
	truth := slice(t, filepath.Join(dir, "plagiarism-annotation"), raceDocs, all)
	start := time.Now()
	res := evalCmd(t, "pan",
		"--src", filepath.Join(dir, "source-documents"),
		"--susp", susp,
		"--out", out)
	align := time.Since(start)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	t.Log("\n" + res.stdout)

	text := evalCmd(t, "pan-eval", "--truth", truth, "--det", out)
	require.Equal(t, cli.ExitOK, text.code, text.stderr)
	res = evalCmd(t, "pan-eval", "--format", "json", "--truth", truth, "--det", out)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	total := time.Since(start)
	t.Logf("alignment %v, in all %v\n%s", align.Round(time.Millisecond), total.Round(time.Millisecond), text.stdout)

	var r panEvalOut
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &r))
	assert.Equal(t, countFiles(t, susp, ".txt"), countFiles(t, out, ".xml"), "one detection file per suspicious document")
	assert.Greater(t, r.Overall.Plagdet, 0.3)
	checkOffsets(t, out, susp, filepath.Join(dir, "source-documents"))
	if !raceEnabled {
		assert.Equal(t, 300, countFiles(t, out, ".xml"))
		assert.Greater(t, r.Overall.Cases, 800)
		assert.Len(t, r.ByObfuscation, 5)
	}
}

// TestEvalCOUNTER classifies and retrieves over the whole COUNTER half
// and scores it, as eval counter does (run once, for both outputs). It
// asserts sanity only; the scores are logged.
func TestEvalCOUNTER(t *testing.T) {
	dir := evalData(t, "counter")
	// With the race detector, the first pairs only (NNNN.xml, NNNNp.xml).
	dir = slice(t, dir, 2*racePairs, func(name string) bool { return strings.HasSuffix(name, ".xml") })
	pairs := countFiles(t, dir, ".xml") / 2
	start := time.Now()
	res := evalCmd(t, "counter", "--format", "json", "--dir", dir)
	elapsed := time.Since(start)
	require.Equal(t, cli.ExitOK, res.code, res.stderr)
	r := decodeCounter(t, res.stdout)
	assert.Len(t, r.Pairs, pairs)
	assert.Equal(t, pairs, r.Scores.Pairs)
	assert.Greater(t, r.Scores.Binary.F1, 0.3)
	assert.Greater(t, r.Scores.MacroF1, 0.2)
	assert.Greater(t, r.Retrieval.Accuracy, 0.2)

	// The same scores as a table, from the JSON.
	var b strings.Builder
	s := r.Scores
	fmt.Fprintf(&b, "%v\nbinary: precision %.4f recall %.4f F1 %.4f (TP %d FP %d FN %d TN %d)\n", elapsed.Round(time.Millisecond),
		s.Binary.Precision, s.Binary.Recall, s.Binary.F1, s.Binary.TP, s.Binary.FP, s.Binary.FN, s.Binary.TN)
	fmt.Fprintf(&b, "ternary: macro-F1 %.4f accuracy %.4f\n", s.MacroF1, s.Accuracy)
	for _, c := range s.PerClass {
		fmt.Fprintf(&b, "  %s precision %.4f recall %.4f F1 %.4f support %d\n", c.Class, c.Precision, c.Recall, c.F1, c.Support)
	}
	fmt.Fprintf(&b, "confusion (rows true %v, columns predicted): %v\n", s.Confusion.Labels, s.Confusion.Counts)
	fmt.Fprintf(&b, "retrieval top-1: %.4f (%d of %d)", r.Retrieval.Accuracy, r.Retrieval.Correct, r.Retrieval.Queries)
	for _, c := range r.Retrieval.ByClass {
		fmt.Fprintf(&b, ", %s %.4f", c.Class, c.Accuracy)
	}
	t.Log(b.String())
}

// checkOffsets reads every detection's passages from the files by
// code-point offsets: all lie inside the files, and those of verbatim
// reuse (a good part of the corpus) read the same words on both sides,
// which byte offsets or offsets into the folded text would not.
func checkOffsets(t *testing.T, det, suspDir, srcDir string) {
	t.Helper()
	dets, err := pan.ReadDir(det)
	require.NoError(t, err)
	files := map[string][]rune{}
	text := func(path string) []rune {
		if r, ok := files[path]; ok {
			return r
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		files[path] = []rune(string(b))
		return files[path]
	}
	same := 0
	for _, d := range dets {
		a, b := text(filepath.Join(suspDir, d.Suspicious)), text(filepath.Join(srcDir, d.Source))
		require.LessOrEqual(t, d.End(), len(a), "%+v", d)
		require.LessOrEqual(t, d.SourceEnd(), len(b), "%+v", d)
		if slices.Equal(strings.Fields(string(a[d.Offset:d.End()])), strings.Fields(string(b[d.SourceOffset:d.SourceEnd()]))) {
			same++
		}
	}
	t.Logf("%d of %d detections read the same words in both files", same, len(dets))
	assert.Greater(t, 4*same, len(dets))
}

func countFiles(t *testing.T, dir, ext string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ext {
			n++
		}
	}
	return n
}
