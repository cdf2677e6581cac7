package main

import (
	"errors"
	"flag"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/cli"
	"github.com/neardup/neardup/internal/input"
)

// Across languages (package crosslingual): compare --cross-lingual and
// index query --cross-lingual read an English text against Arabic ones
// through anchors (numbers, dates, places, names, and words through a
// lexicon the user builds, since none may ship with the module).

// crossFlags are --cross-lingual and --lexicon.
type crossFlags struct {
	on      bool
	lexicon string
}

func (f *crossFlags) register(fs *flag.FlagSet, usage string) {
	fs.BoolVar(&f.on, "cross-lingual", false, usage)
	fs.StringVar(&f.lexicon, "lexicon", "", "--cross-lingual: the English–Arabic lexicon `file` (built with neardup-lexicon;\ndefault $"+crosslingual.LexiconEnv+")")
}

func (f *crossFlags) check(e cli.Env, cmd string) error {
	if f.lexicon != "" && !f.on {
		return cli.UsageError(e, cmd, "--lexicon is for --cross-lingual")
	}
	return nil
}

// options loads the lexicon and returns the options of package
// crosslingual. Without a lexicon the comparison still runs, on numbers,
// dates and names alone, and a warning says what is missing: a user
// without the dictionaries still gets the strongest anchors.
func (f *crossFlags) options(e cli.Env, cmd string) (crosslingual.Options, bool) {
	var (
		lex *crosslingual.Lexicon
		err error
	)
	if f.lexicon != "" {
		lex, err = crosslingual.LoadLexicon(f.lexicon)
	} else if lex, err = crosslingual.LoadLexiconEnv(); errors.Is(err, crosslingual.ErrNoLexicon) {
		cli.Warnf(e.Stderr, "%s: no lexicon: words are not compared, only numbers, dates and names (%v)", cmd, err)
		err = nil
	}
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return crosslingual.Options{}, false
	}
	return crosslingual.Options{Lexicon: lex}, true
}

// crossIndex builds the anchor index of every document stored in c. The
// store keeps none: it costs about 10 s for 31,000 articles on one core,
// once per query command, and a store the index is not asked of pays
// nothing.
func crossIndex(c *neardup.Corpus, f *crossFlags, e cli.Env, p *cli.Progress, cmd string) (*crosslingual.Index, bool) {
	opt, ok := f.options(e, cmd)
	if !ok {
		return nil, false
	}
	p.Start("indexing the store across languages", -1)
	x, err := crosslingual.IndexCorpus(c, opt)
	p.Done()
	if err != nil {
		cli.Warnf(e.Stderr, "%s: %v", cmd, err)
		return nil, false
	}
	return x, true
}

// queryCrossLingual looks the English document d up in x, the anchor
// index of the store c: each stored Arabic document that translates it,
// whole or in part, is a source (a the stored one, b the input). A
// stored document with the input's own ID is left out, as by query.
func queryCrossLingual(x *crosslingual.Index, c *neardup.Corpus, d *document, excerptLen int) queryJSON {
	q := queryJSON{ID: d.ID, Source: d.Source, NearDuplicates: []matchJSON{}, Sources: []sourceJSON{}, input: d, stored: map[string]*document{}}
	ms, err := x.Query(d.Text)
	if err != nil {
		msg := err.Error()
		q.Error = &msg
		return q
	}
	spans := spanOptions{excerpt: excerptLen, text: true}
	for _, m := range ms {
		if m.ID == d.ID {
			continue
		}
		text, err := c.Text(m.ID)
		if errors.Is(err, neardup.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			msg := err.Error()
			q.Error = &msg
			return q
		}
		src := &document{Document: input.Document{ID: m.ID, Text: text}}
		q.stored[m.ID] = src
		q.Sources = append(q.Sources, sourceJSON{pairJSON: newPairJSON(src, d, m.Report, spans)}) // copies are not grouped across languages
		q.reports = append(q.reports, m.Report)
	}
	return q
}

// isTranslated reports whether passage p pairs texts in two languages:
// their words do not differ word by word, so none is marked.
func isTranslated(p compare.Passage) bool { return p.Kind == compare.Translated }
