package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/eval/internal/pan"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
	"github.com/neardup/neardup/shingle"
)

const panUsage = `eval pan runs text alignment on a PAN corpus: it finds the passages of
suspicious documents taken from source documents and writes them as PAN
detections.

Usage:
  eval pan --src DIR --susp DIR --out DIR [flags]

--src and --susp are directories of plain UTF-8 text files (*.txt; not
walked recursively). Every document is prepared once, in parallel. For
each suspicious document, the candidate sources are those with at least
--min-word-hits rare words within some 30 consecutive words of it (a
word is rare when found in at most --max-word-docs sources; words are
folded, of 3 runes or more), or every source with --all-pairs. Each
candidate is compared with it (neardup.Default.CompareDocs, suspicious
document as A, source as B), and every aligned passage becomes one
detection.

For each suspicious document NAME.txt, --out receives NAME.xml (written
even when empty) in PAN's format:

  <document reference="NAME.txt">
  <feature name="detected-plagiarism" this_offset="..." this_length="..."
           source_reference="SOURCE.txt" source_offset="..." source_length="..."/>
  </document>

Offsets and lengths count Unicode code points of the original files.
Score the detections with 'eval pan-eval'.

Examples:
  eval pan --src corpus/source-documents --susp corpus/suspicious-documents --out det/
  eval pan-eval --truth corpus/plagiarism-annotation --det det/

Exit status:
  0  done
  2  usage error, or some documents could not be read or some detection
     files not written (each reported on stderr; the rest is processed)
`

// panFlags are the flags of eval pan.
type panFlags struct {
	src, susp, out string
	allPairs       bool
	maxWordDocs    int
	minHits        int
	workers        cli.WorkersFlag
	keepDebris     bool
}

func (f *panFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.src, "src", "", "`directory` of source documents (*.txt)")
	fs.StringVar(&f.susp, "susp", "", "`directory` of suspicious documents (*.txt)")
	fs.StringVar(&f.out, "out", "", "`directory` to write the detections to (created if missing)")
	fs.BoolVar(&f.allPairs, "all-pairs", false, "compare every suspicious document with every source (no seed filter)")
	fs.IntVar(&f.minHits, "min-word-hits", 5, "candidate filter: compare a source when at least this many of its\nrare `words` occur within 30 consecutive words of the suspicious document")
	fs.IntVar(&f.maxWordDocs, "max-word-docs", 20, "candidate filter: a word found in more than this many source\n`documents` is common, not rare (0: no limit)")
	fs.BoolVar(&f.keepDebris, "keep-debris", false, "compare site debris too instead of dropping it")
	fs.Var(&f.workers, "workers", cli.WorkersUsage)
}

func (f *panFlags) check(e cli.Env, cmd string) error {
	switch {
	case f.src == "" || f.susp == "" || f.out == "":
		return cli.UsageError(e, cmd, "--src, --susp and --out are all required")
	case f.minHits < 1 || f.minHits > candidateWindow:
		return cli.UsageError(e, cmd, "--min-word-hits must be from 1 to %d", candidateWindow)
	case f.maxWordDocs < 0:
		return cli.UsageError(e, cmd, "--max-word-docs must not be negative")
	}
	return nil
}

func (f *panFlags) config() neardup.Config {
	c := neardup.Default
	c.KeepDebris = f.keepDebris
	return c
}

// panStats sums up a run of eval pan.
type panStats struct {
	suspicious, sources int
	candidates          int // pairs compared
	detections          int
	withDetections      int // suspicious documents with at least one
	files               int // detection files written
}

// runPan runs eval pan and returns the exit status.
func runPan(args []string, e cli.Env) int {
	const cmd = "eval pan"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f panFlags
	f.register(fs)
	if code, ok := cli.ParseNoArgs(fs, args, panUsage, e, cmd, "the directories are given by --src, --susp and --out"); !ok {
		return code
	}
	switch {
	case f.check(e, cmd) != nil:
		return cli.ExitError
	}
	// Before any work: an --out that cannot be a directory ends the run.
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		cli.Warnf(e.Stderr, "%s: --out: %v", cmd, err)
		return cli.ExitError
	}

	p := cli.NewProgress(e)
	st, failed := alignPAN(&f, p, cmd)
	p.Done()
	fmt.Fprintf(e.Stdout, "Read %s and %s.\n", cli.Plural(st.suspicious, "suspicious document"), cli.Plural(st.sources, "source document"))
	how := "sharing rare words"
	if f.allPairs {
		how = "all pairs"
	}
	fmt.Fprintf(e.Stdout, "Compared %d candidate pairs of %d possible (%s).\n", st.candidates, st.suspicious*st.sources, how)
	fmt.Fprintf(e.Stdout, "Wrote %d detection files to %s: %s in %s.\n",
		st.files, f.out, cli.Plural(st.detections, "detection"), cli.Plural(st.withDetections, "document"))
	if failed > 0 {
		cli.Warnf(e.Stderr, "%s: %s failed", cmd, cli.Plural(failed, "input"))
		return cli.ExitError
	}
	return cli.ExitOK
}

// alignPAN reads, prepares, filters, aligns and writes; it returns the
// statistics and the number of failures, each already reported.
func alignPAN(f *panFlags, p *cli.Progress, cmd string) (panStats, int) {
	var st panStats
	failed := 0
	susp, n := readTextDir(f.susp, p, cmd)
	failed += n
	src, n := readTextDir(f.src, p, cmd)
	failed += n
	st.suspicious, st.sources = len(susp), len(src)
	cfg := f.config()
	all := append(slices.Clone(susp), src...)
	failed += prepareAll(cfg, all, f.workers.N(), p, cmd)

	srcDocs := preparedDocs(src)
	suspDocs := preparedDocs(susp)
	var cands [][]int32
	if f.allPairs {
		cands = make([][]int32, len(susp))
		for i, d := range suspDocs {
			if d == nil {
				continue
			}
			for j, s := range srcDocs {
				if s != nil {
					cands[i] = append(cands[i], int32(j))
				}
			}
		}
	} else {
		cands = sourceCandidates(suspDocs, srcDocs, wordFilter{maxDocs: f.maxWordDocs, minHits: f.minHits}, f.workers.N(), p)
	}
	type job struct{ s, src int32 }
	var jobs []job
	for i, js := range cands {
		for _, j := range js {
			jobs = append(jobs, job{int32(i), j})
		}
	}
	st.candidates = len(jobs)

	dets := make([][]pan.Annotation, len(jobs))
	p.Start(fmt.Sprintf("comparing %d candidate pairs", len(jobs)), len(jobs))
	parallel.For(len(jobs), f.workers.N(), func(_, k int) {
		jb := jobs[k]
		r, err := cfg.CompareDocs(suspDocs[jb.s], srcDocs[jb.src])
		if err != nil {
			panic(fmt.Sprintf("%s: comparing prepared documents: %v", cmd, err))
		}
		dets[k] = detections(r, susp[jb.s].ID, src[jb.src].ID)
	}, p.Add)
	p.Done()

	perDoc := make([][]pan.Annotation, len(susp))
	for k, jb := range jobs {
		perDoc[jb.s] = append(perDoc[jb.s], dets[k]...)
	}
	for i, d := range susp {
		name := strings.TrimSuffix(d.ID, filepath.Ext(d.ID)) + ".xml"
		if err := pan.WriteFile(filepath.Join(f.out, name), d.ID, perDoc[i]); err != nil {
			p.Errorf("%s: %v", cmd, err)
			failed++
			continue
		}
		st.files++
		st.detections += len(perDoc[i])
		if len(perDoc[i]) > 0 {
			st.withDetections++
		}
	}
	return st, failed
}

// detections turns the passages of r, comparing suspicious document
// susp (A) with source src (B), into PAN detections, in code points of
// the original texts.
func detections(r compare.Report, susp, src string) []pan.Annotation {
	out := make([]pan.Annotation, 0, len(r.Passages))
	for _, ps := range r.Passages {
		out = append(out, pan.Annotation{
			Suspicious: susp,
			Offset:     ps.A.RuneStart, Length: ps.A.RuneEnd - ps.A.RuneStart,
			Source:       src,
			SourceOffset: ps.B.RuneStart, SourceLength: ps.B.RuneEnd - ps.B.RuneStart,
		})
	}
	return out
}

// readTextDir reads the *.txt files of dir, sorted by name, as documents
// whose ID is the file name. The text is kept byte for byte (a byte
// order mark included), so that code-point offsets into it are offsets
// into the file. Each file that cannot be read, or is not UTF-8, is
// reported and counted.
func readTextDir(dir string, p *cli.Progress, cmd string) ([]*document, int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		p.Errorf("%s: %v", cmd, err)
		return nil, 1
	}
	var (
		docs   []*document
		failed int
	)
	for _, en := range entries {
		name := en.Name()
		if en.IsDir() || strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".txt") {
			continue
		}
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err == nil && !utf8.Valid(b) {
			err = fmt.Errorf("%s: not valid UTF-8", path)
		}
		if err != nil {
			p.Errorf("%s: %v", cmd, err)
			failed++
			continue
		}
		docs = append(docs, &document{Document: input.Document{ID: name, Source: path, Text: string(b)}})
	}
	if len(docs) == 0 && failed == 0 {
		p.Errorf("%s: %s: no .txt files", cmd, dir)
		failed++
	}
	return docs, failed
}

// preparedDocs returns the prepared documents of docs, nil for those
// with nothing to compare.
func preparedDocs(docs []*document) []*prepare.Doc {
	out := make([]*prepare.Doc, len(docs))
	for i, d := range docs {
		if d.prep != nil && d.prep.HasFingerprint {
			out[i] = d.prep
		}
	}
	return out
}

// Candidate sources. Comparing every suspicious document with every
// source costs |susp|·|src| alignments of long documents (about two
// minutes for ExAraPlagDet's 171,000 pairs on two cores). A source is a
// candidate for a suspicious document when some stretch of the latter is
// dense in the source's rare words, which survives every obfuscation that
// keeps words (reordering, partial synonym substitution), where shared
// 12-rune seeds do not (shuffled words leave few):
//
//   - words are the folded tokens of at least 3 runes (shorter ones are
//     nearly all particles and clitics), as in compare's order-free
//     alignment;
//   - a word found in more than --max-word-docs sources (20) is common
//     vocabulary and ignored;
//   - a source is a candidate when, within some window of candidateWindow
//     consecutive words (30) of the suspicious document, at least
//     --min-word-hits (5) words occur in it.
//
// On ExAraPlagDet this keeps 3% of the pairs, and all but 3 of the 584
// document pairs where aligning all pairs finds a passage.

const candidateWindow = 30 // words

// wordFilter sets the candidate filter.
type wordFilter struct {
	maxDocs int // ignore words found in more sources than this (0: no limit)
	minHits int // least hits within one window
}

// contentWords returns the hashes of the words of at least 3 runes of
// the folded runes, in order.
func contentWords(runes []rune) []uint64 {
	var out, h []uint64
	for _, t := range shingle.AppendTokens(nil, runes) {
		if t.End-t.Pos < 3 {
			continue
		}
		h = shingle.AppendHashes(h[:0], runes[t.Pos:t.End], t.End-t.Pos)
		out = append(out, h[0])
	}
	return out
}

// sourceCandidates returns, for each query document, the sources it
// shares a window dense in rare words with (see above), in increasing
// order. Nil documents take no part.
func sourceCandidates(queries, sources []*prepare.Doc, wf wordFilter, workers int, p *cli.Progress) [][]int32 {
	srcWords := make([][]uint64, len(sources))
	qWords := make([][]uint64, len(queries))
	p.Start("reading words", len(sources)+len(queries))
	parallel.For(len(sources)+len(queries), workers, func(_, k int) {
		if k < len(sources) {
			if d := sources[k]; d != nil {
				ws := contentWords(d.Text.Runes)
				slices.Sort(ws)
				srcWords[k] = slices.Compact(ws)
			}
			return
		}
		if d := queries[k-len(sources)]; d != nil {
			qWords[k-len(sources)] = contentWords(d.Text.Runes)
		}
	}, p.Add)
	p.Done()

	index := make(map[uint64][]int32)
	for j, ws := range srcWords {
		for _, h := range ws {
			index[h] = append(index[h], int32(j))
		}
	}
	if wf.maxDocs > 0 {
		for h, js := range index {
			if len(js) > wf.maxDocs {
				delete(index, h)
			}
		}
	}

	out := make([][]int32, len(queries))
	type scratch struct {
		hits    [][]int32 // per source, positions of hits in the query
		touched []int32
	}
	per := make([]*scratch, workers)
	p.Start("finding candidates", len(queries))
	parallel.For(len(queries), workers, func(w, i int) {
		if per[w] == nil {
			per[w] = &scratch{hits: make([][]int32, len(sources))}
		}
		s := per[w]
		s.touched = s.touched[:0]
		for pos, h := range qWords[i] {
			for _, j := range index[h] {
				if len(s.hits[j]) == 0 {
					s.touched = append(s.touched, j)
				}
				s.hits[j] = append(s.hits[j], int32(pos))
			}
		}
		var found []int32
		for _, j := range s.touched {
			if denseWindow(s.hits[j], candidateWindow, wf.minHits) {
				found = append(found, j)
			}
			s.hits[j] = s.hits[j][:0]
		}
		slices.Sort(found)
		out[i] = found
	}, p.Add)
	p.Done()
	return out
}

// denseWindow reports whether at least n of the increasing positions lie
// within some window of w consecutive positions.
func denseWindow(pos []int32, w, n int) bool {
	if n <= 1 {
		return len(pos) > 0
	}
	for hi := n - 1; hi < len(pos); hi++ {
		if int(pos[hi]-pos[hi-n+1]) < w {
			return true
		}
	}
	return false
}
