package main

import (
	"fmt"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
	"github.com/neardup/neardup/internal/parallel"
	"github.com/neardup/neardup/prepare"
)

// document is one text an evaluation reads, and its prepared form.
type document struct {
	input.Document
	// prep is the prepared document, nil if preparation failed.
	prep *prepare.Doc
}

// prepareAll prepares every document with cfg on workers goroutines. Each
// document that cannot be prepared is reported on stderr, as an input
// error, and counted.
func prepareAll(cfg neardup.Config, docs []*document, workers int, p *cli.Progress, cmd string) int {
	p.Start(fmt.Sprintf("preparing %d documents", len(docs)), len(docs))
	fails := make([]error, len(docs))
	parallel.For(len(docs), workers, func(_, i int) {
		docs[i].prep, fails[i] = cfg.Prepare(docs[i].Text)
	}, p.Add)
	p.Done()
	failed := 0
	for i, err := range fails {
		if err != nil {
			p.Errorf("%s: %v", cmd, &input.InputError{Source: docs[i].Source, Offset: -1, Err: err})
			failed++
		}
	}
	return failed
}
