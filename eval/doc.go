// Command eval measures the neardup library on labelled corpora, which
// are kept outside the repository (research licences):
//
//	eval pan --src DIR --susp DIR --out DIR   PAN text alignment: write detections
//	eval pan-eval --truth DIR --det DIR       score PAN detections
//	eval counter --dir DIR [--format json] [--cv]
//	                                          classification and source retrieval on COUNTER
//	eval judged --labels FILE --corpus DIR    the batch job on judged SaudiNewsNet pairs
//	eval recall --corpus DIR                  recall of candidate search on SaudiNewsNet
//
// Run it from the module root as go run ./eval SUBCOMMAND; "-h" after a
// subcommand lists its flags. It is not part of the shipped dedupe
// command. README.md beside this file describes each measure, and
// EVALUATION.md at the module root the results.
package main
