package main

import "github.com/neardup/neardup/internal/input"

// The report model: the shapes of the batch report in JSON, and their
// construction from a result. The types fix the keys and their order; see
// the README for the schema. Floats are rounded to 4 decimals.

type batchReport struct {
	SchemaVersion int           `json:"schema_version"`
	Documents     []docJSON     `json:"documents"`
	Clusters      []clusterJSON `json:"clusters"`
	Groups        []groupJSON   `json:"groups"`
	Pairs         []pairJSON    `json:"pairs"`
	Summary       []summaryJSON `json:"summary"`
	Errors        []errorJSON   `json:"errors"`
	Empty         []string      `json:"empty"`
	Stats         statsJSON     `json:"stats"`
}

type docJSON struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Title       string  `json:"title"`
	Runes       int     `json:"runes"`
	Fingerprint *string `json:"fingerprint"`
	Error       *string `json:"error"`
	Outlet      *string `json:"outlet"`
}

type clusterJSON struct {
	ID             int      `json:"id"`
	Members        []string `json:"members"`
	Representative string   `json:"representative"`
}

type groupJSON struct {
	ID             int      `json:"id"`
	Representative string   `json:"representative"`
	Copies         []string `json:"copies"`
	Cluster        int      `json:"cluster"`
}

type errorJSON struct {
	Source string `json:"source"`
	Line   *int   `json:"line"`
	Offset *int64 `json:"offset"`
	Error  string `json:"error"`
}

type statsJSON struct {
	Documents     int `json:"documents"`
	InputErrors   int `json:"input_errors"`
	Identical     int `json:"identical"`
	NearDuplicate int `json:"near_duplicate"`
	Rewrite       int `json:"rewrite"`
	PartialReuse  int `json:"partial_reuse"`
	Template      int `json:"template"`
	Clusters      int `json:"clusters"`
	Groups        int `json:"groups"`
	// Pairs counts the pairs listed, after --verdict and --min-coverage.
	Pairs int `json:"pairs"`
	// EmptyRecords counts the records and files with no text, which
	// are not errors unless --strict.
	EmptyRecords int `json:"empty_records"`
}

func newDocJSON(d *document) docJSON {
	j := docJSON{ID: d.ID, Source: d.Source, Title: d.Title, Runes: d.runes}
	if fp := d.fingerprint(); fp != "" {
		j.Fingerprint = &fp
	}
	if d.note != "" {
		note := d.note
		j.Error = &note
	}
	if d.hasOutlet {
		o := d.outlet
		j.Outlet = &o
	}
	return j
}

// newClusterJSON returns cluster i of res, numbered from 1.
func newClusterJSON(res *result, i int) clusterJSON {
	ids := make([]string, len(res.clusters[i]))
	for k, m := range res.clusters[i] {
		ids[k] = res.docs[m].ID
	}
	return clusterJSON{ID: i + 1, Members: ids, Representative: res.docs[res.keep[i]].ID}
}

// newGroupJSON returns group i of res, numbered from 1.
func newGroupJSON(res *result, i int) groupJSON {
	g := res.groups[i]
	ids := make([]string, len(g.copies))
	for k, m := range g.copies {
		ids[k] = res.docs[m].ID
	}
	rep := res.docs[g.rep]
	return groupJSON{ID: i + 1, Representative: rep.ID, Copies: ids, Cluster: rep.cluster}
}

func newErrorJSON(ie *input.InputError) errorJSON {
	j := errorJSON{Source: ie.Source, Error: "unknown error"}
	if ie.Err != nil {
		j.Error = ie.Err.Error()
	}
	if ie.Line > 0 {
		line := ie.Line
		j.Line = &line
	}
	if ie.Offset >= 0 {
		off := ie.Offset
		j.Offset = &off
	}
	return j
}

func newBatchPairJSON(res *result, m match) pairJSON {
	return newPairJSON(res.docs[m.a], res.docs[m.b], m.report, res.flags.spans())
}

func stats(res *result) statsJSON {
	s := statsJSON{
		Documents:    len(res.docs),
		InputErrors:  len(res.errors),
		Clusters:     len(res.clusters),
		Groups:       len(res.groups),
		Pairs:        len(res.listed),
		EmptyRecords: len(res.empty),
	}
	for _, m := range res.matches {
		s.count(m.report.Verdict)
	}
	return s
}
