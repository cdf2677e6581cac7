package main

import (
	"flag"
	"io"

	"github.com/neardup/neardup/internal/pan"
)

const panEvalUsage = `dedupe pan-eval scores PAN text-alignment detections against the annotated
cases with PAN's character-level measures.

Usage:
  dedupe pan-eval --truth DIR --det DIR [--format text|json]

--truth holds the annotations (one XML file per suspicious document,
features named "plagiarism"), --det the detections (features named
"detected-plagiarism", as written by 'dedupe pan'); the .xml files of
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
	Precision     fourDecimals `json:"precision"`
	Recall        fourDecimals `json:"recall"`
	Granularity   fourDecimals `json:"granularity"`
	Plagdet       fourDecimals `json:"plagdet"`
	Cases         int          `json:"cases"`
	DetectedCases int          `json:"detected_cases"`
	Detections    int          `json:"detections"`
}

type panObfScoreJSON struct {
	Obfuscation string `json:"obfuscation"`
	panScoreJSON
}

func newPanScoreJSON(s pan.Score) panScoreJSON {
	return panScoreJSON{
		Precision: fourDecimals(s.Precision), Recall: fourDecimals(s.Recall),
		Granularity: fourDecimals(s.Granularity), Plagdet: fourDecimals(s.Plagdet),
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

// runPanEval runs dedupe pan-eval and returns the exit status.
func runPanEval(args []string, e env) int {
	const cmd = "dedupe pan-eval"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var (
		truth, det string
		format     formatFlag = "text"
	)
	fs.StringVar(&truth, "truth", "", "`directory` of annotation files (the cases)")
	fs.StringVar(&det, "det", "", "`directory` of detection files")
	fs.Var(&format, "format", "output `format`: text or json")
	if code, ok := parseNoArgs(fs, args, panEvalUsage, e, cmd, "the directories are given by --truth and --det"); !ok {
		return code
	}
	if truth == "" || det == "" {
		usageError(e, cmd, "--truth and --det are both required")
		return exitError
	}

	res, ok := evaluatePAN(truth, det, e, cmd)
	if !ok {
		return exitError
	}
	var err error
	if format == "json" {
		err = writeJSON(e.stdout, newPanEvalJSON(truth, det, res))
	} else {
		err = writePanEvalText(e.stdout, res)
	}
	if err != nil {
		warnf(e.stderr, "%s: writing output: %v", cmd, err)
		return exitError
	}
	return exitOK
}

// evaluatePAN reads both directories and scores them; on a reading
// problem it reports every one and returns false.
func evaluatePAN(truth, det string, e env, cmd string) (pan.Result, bool) {
	cases, errT := pan.ReadDir(truth)
	dets, errD := pan.ReadDir(det)
	if errT != nil || errD != nil {
		for _, err := range []error{errT, errD} {
			for _, one := range unjoin(err) {
				warnf(e.stderr, "%s: %v", cmd, one)
			}
		}
		return pan.Result{}, false
	}
	return pan.Evaluate(cases, dets), true
}

// unjoin splits an error made by errors.Join into its parts.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// writePanEvalText writes the score table for people.
func writePanEvalText(w io.Writer, res pan.Result) error {
	p := newPrinter(w, newStyle(false))
	o := res.Overall
	p.printf("PAN text alignment: %s, %s (%d cases detected).\n\n",
		plural(o.Cases, "case"), plural(o.Detections, "detection"), o.DetectedCases)
	p.printf("%-28s %6s %9s %10s %9s %7s %11s %7s\n",
		"obfuscation", "cases", "detected", "detections", "precision", "recall", "granularity", "plagdet")
	row := func(name string, s pan.Score) {
		p.printf("%-28s %6d %9d %10d %9.4f %7.4f %11.4f %7.4f\n",
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
		p.printf("\nIgnored (empty or repeated): %s, %s.\n",
			plural(res.IgnoredCases, "case"), plural(res.IgnoredDetections, "detection"))
	}
	return p.flush()
}
