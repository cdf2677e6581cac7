package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup/eval/internal/pan"
	"github.com/neardup/neardup/internal/cli"
)

const panEvalUsage = `eval pan-eval scores PAN text-alignment detections against the annotated
cases with PAN's character-level measures.

Usage:
  eval pan-eval --truth DIR --det DIR [--format text|json]

--truth holds the annotations (one XML file per suspicious document,
features named "plagiarism"), --det the detections (features named
"detected-plagiarism", as written by 'eval pan'); the .xml files of
each directory and of its immediate subdirectories are read.

Measures (Potthast et al. 2010, "An Evaluation Framework for Plagiarism
Detection"): a case or a detection is the set of characters of its two
passages, in the suspicious and in the source document; a detection
detects a case when their passages overlap in both documents.
  recall       mean over cases of the share of the case's characters
               inside the detections that detect it (a case no
               detection detects counts 0)
  precision    mean over detections of the share of the detection's
               characters inside the cases it detects
  granularity  mean over detected cases of the number of detections
               detecting it (1 is best)
  plagdet      F1 of precision and recall / log2(1 + granularity)
Per obfuscation type: recall and granularity over the cases of the type,
precision over the detections detecting at least one case of the type.
With cases but no detections, precision is 0 (as in PAN's script).

Exit status:
  0  done
  2  usage error, or an annotation or detection file could not be read
     (each reported on stderr; nothing is scored)
`

// panEvalJSON is the output of pan-eval --format json.
type panEvalJSON struct {
	Truth             string            `json:"truth"`
	Detections        string            `json:"detections"`
	Overall           panScoreJSON      `json:"overall"`
	ByObfuscation     []panObfScoreJSON `json:"by_obfuscation"`
	IgnoredCases      int               `json:"ignored_cases"`
	IgnoredDetections int               `json:"ignored_detections"`
}

type panScoreJSON struct {
	Precision     cli.FourDecimals `json:"precision"`
	Recall        cli.FourDecimals `json:"recall"`
	Granularity   cli.FourDecimals `json:"granularity"`
	Plagdet       cli.FourDecimals `json:"plagdet"`
	Cases         int              `json:"cases"`
	DetectedCases int              `json:"detected_cases"`
	Detections    int              `json:"detections"`
}

type panObfScoreJSON struct {
	Obfuscation string `json:"obfuscation"`
	panScoreJSON
}

func newPanScoreJSON(s pan.Score) panScoreJSON {
	return panScoreJSON{
		Precision: cli.FourDecimals(s.Precision), Recall: cli.FourDecimals(s.Recall),
		Granularity: cli.FourDecimals(s.Granularity), Plagdet: cli.FourDecimals(s.Plagdet),
		Cases: s.Cases, DetectedCases: s.DetectedCases, Detections: s.Detections,
	}
}

func newPanEvalJSON(truth, det string, res pan.Result) panEvalJSON {
	j := panEvalJSON{
		Truth: truth, Detections: det,
		Overall:       newPanScoreJSON(res.Overall),
		ByObfuscation: make([]panObfScoreJSON, len(res.ByObfuscation)),
		IgnoredCases:  res.IgnoredCases, IgnoredDetections: res.IgnoredDetections,
	}
	for i, o := range res.ByObfuscation {
		j.ByObfuscation[i] = panObfScoreJSON{Obfuscation: o.Obfuscation, panScoreJSON: newPanScoreJSON(o.Score)}
	}
	return j
}

// runPanEval runs eval pan-eval and returns the exit status.
func runPanEval(args []string, e cli.Env) int {
	const cmd = "eval pan-eval"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		truth, det string
		format     = cli.NewFormat("text", "json")
	)
	fs.StringVar(&truth, "truth", "", "`directory` of annotation files (the cases)")
	fs.StringVar(&det, "det", "", "`directory` of detection files")
	fs.Var(&format, "format", "output `format`: text or json")
	if code, ok := cli.ParseNoArgs(fs, args, panEvalUsage, e, cmd, "the directories are given by --truth and --det"); !ok {
		return code
	}
	if truth == "" || det == "" {
		cli.UsageError(e, cmd, "--truth and --det are both required")
		return cli.ExitError
	}

	res, ok := evaluatePAN(truth, det, e, cmd)
	if !ok {
		return cli.ExitError
	}
	var err error
	if format.Value == "json" {
		err = cli.WriteJSON(e.Stdout, newPanEvalJSON(truth, det, res))
	} else {
		err = writePanEvalText(e.Stdout, res)
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: writing output: %v", cmd, err)
		return cli.ExitError
	}
	return cli.ExitOK
}

// evaluatePAN reads both directories and scores them; on a reading
// problem it reports every one and returns false.
func evaluatePAN(truth, det string, e cli.Env, cmd string) (pan.Result, bool) {
	cases, errT := pan.ReadDir(truth)
	dets, errD := pan.ReadDir(det)
	if errT != nil || errD != nil {
		for _, err := range []error{errT, errD} {
			for _, one := range cli.Unjoin(err) {
				cli.Warnf(e.Stderr, "%s: %v", cmd, one)
			}
		}
		return pan.Result{}, false
	}
	return pan.Evaluate(cases, dets), true
}

// writePanEvalText writes the score table for people.
func writePanEvalText(w io.Writer, res pan.Result) error {
	p := new(strings.Builder)
	o := res.Overall
	fmt.Fprintf(p, "PAN text alignment: %s, %s (%d cases detected).\n\n",
		cli.Plural(o.Cases, "case"), cli.Plural(o.Detections, "detection"), o.DetectedCases)
	fmt.Fprintf(p, "%-28s %6s %9s %10s %9s %7s %11s %7s\n",
		"obfuscation", "cases", "detected", "detections", "precision", "recall", "granularity", "plagdet")
	row := func(name string, s pan.Score) {
		fmt.Fprintf(p, "%-28s %6d %9d %10d %9.4f %7.4f %11.4f %7.4f\n",
			name, s.Cases, s.DetectedCases, s.Detections, s.Precision, s.Recall, s.Granularity, s.Plagdet)
	}
	row("all", o)
	for _, t := range res.ByObfuscation {
		name := t.Obfuscation
		if name == "" {
			name = "(not given)"
		}
		row(name, t.Score)
	}
	if res.IgnoredCases+res.IgnoredDetections > 0 {
		fmt.Fprintf(p, "\nIgnored (empty or repeated): %s, %s.\n",
			cli.Plural(res.IgnoredCases, "case"), cli.Plural(res.IgnoredDetections, "detection"))
	}
	_, err := io.WriteString(w, p.String())
	return err
}
