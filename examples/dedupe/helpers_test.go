package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/fixture"
)

const seedsDir = "../../testdata/seeds"

// demoDir holds the example of README.md: files made of the seeds.
const demoDir = "../../testdata/demo"

// seed0 is the seed article the fixtures below are made of.
const seed0 = "000_eac66a7c9ec40e0f.txt"

// syncBuffer is a bytes.Buffer safe for the progress bar's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// outcome is what one run of the command printed and returned.
type outcome struct {
	stdout, stderr string
	code           int
}

// dedupeCmd runs the command in-process with args.
func dedupeCmd(t testing.TB, args ...string) outcome {
	t.Helper()
	return runEnv(t, cli.Env{}, args...)
}

func runEnv(t testing.TB, e cli.Env, args ...string) outcome {
	t.Helper()
	var stdout, stderr syncBuffer
	e.Stdout, e.Stderr = &stdout, &stderr
	code := run(args, e)
	return outcome{stdout.String(), stderr.String(), code}
}

// decodeBatch parses the output of --format json.
func decodeBatch(t testing.TB, out string) batchOut {
	t.Helper()
	var r batchOut
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

// batchOut mirrors the documented JSON schema independently of the
// types that write it, with pointers where null is allowed.
type batchOut struct {
	SchemaVersion int `json:"schema_version"`
	Documents     []struct {
		ID          string  `json:"id"`
		Source      string  `json:"source"`
		Title       string  `json:"title"`
		Runes       int     `json:"runes"`
		Fingerprint *string `json:"fingerprint"`
		Error       *string `json:"error"`
		Outlet      *string `json:"outlet"`
	} `json:"documents"`
	Clusters []struct {
		ID             int      `json:"id"`
		Members        []string `json:"members"`
		Representative string   `json:"representative"`
	} `json:"clusters"`
	Groups []struct {
		ID             int      `json:"id"`
		Representative string   `json:"representative"`
		Copies         []string `json:"copies"`
		Cluster        int      `json:"cluster"`
	} `json:"groups"`
	Pairs   []pairOut `json:"pairs"`
	Summary []struct {
		From        string         `json:"from"`
		To          string         `json:"to"`
		Pairs       int            `json:"pairs"`
		Verdicts    map[string]int `json:"verdicts"`
		DocumentsA  int            `json:"documents_a"`
		DocumentsB  int            `json:"documents_b"`
		CoverageB   float64        `json:"coverage_b"`
		CrossOutlet *bool          `json:"cross_outlet"`
	} `json:"summary"`
	Errors []struct {
		Source string `json:"source"`
		Line   *int   `json:"line"`
		Offset *int64 `json:"offset"`
		Error  string `json:"error"`
	} `json:"errors"`
	Empty []string       `json:"empty"`
	Stats map[string]int `json:"stats"`
}

// pairOut mirrors the documented shape of a pair.
type pairOut struct {
	A            string       `json:"a"`
	B            string       `json:"b"`
	Verdict      string       `json:"verdict"`
	Derived      *string      `json:"derived"`
	Distance     int          `json:"distance"`
	Resemblance  float64      `json:"resemblance"`
	ContainmentA float64      `json:"containment_a"`
	ContainmentB float64      `json:"containment_b"`
	CoverageA    float64      `json:"coverage_a"`
	CoverageB    float64      `json:"coverage_b"`
	LenA         int          `json:"len_a"`
	LenB         int          `json:"len_b"`
	CrossOutlet  *bool        `json:"cross_outlet"`
	Passages     []passageOut `json:"passages"`
	Slots        []struct {
		A spanOut `json:"a"`
		B spanOut `json:"b"`
	} `json:"slots"`
}

type passageOut struct {
	A           spanOut `json:"a"`
	B           spanOut `json:"b"`
	Similarity  float64 `json:"similarity"`
	Kind        string  `json:"kind"`
	Boilerplate bool    `json:"boilerplate"`
}

type spanOut struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	RuneStart int     `json:"rune_start"`
	RuneEnd   int     `json:"rune_end"`
	Excerpt   string  `json:"excerpt"`
	Text      *string `json:"text"`
}

// composite builds an article of paragraphs 2 and 5 of seed 000 inside
// paragraphs of seed 003, and returns it with the two paragraphs.
func composite(t testing.TB) (text string, reused [2]string) {
	t.Helper()
	p0 := fixture.Paragraphs(fixture.Seed(t, seed0))
	p3 := fixture.Paragraphs(fixture.Seed(t, "003_4e929452d58b46a1.txt"))
	reused = [2]string{p0[2], p0[5]}
	text = strings.Join([]string{p3[0], reused[0], p3[1], p3[2], reused[1], p3[3]}, "\n\n")
	return text, reused
}

// zipOf returns a zip archive of one member.
func zipOf(t testing.TB, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	require.NoError(t, err)
	_, err = w.Write([]byte(body))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}
