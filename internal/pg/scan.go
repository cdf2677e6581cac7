package pg

import (
	"cmp"
	"slices"
)

// Scans of a whole view, for what reads every document: the pass over
// all pairs (Corpus.Pairs), the list of IDs.

// Scanned is a document as ScanDocs reads it.
type Scanned struct {
	Num            int64
	ID             string
	Fingerprint    uint64
	HasFingerprint bool
	Digest         []byte // valid only during the call
}

// ScanDocs calls fn with every document's number, ID, fingerprint and
// digest, in increasing number order.
// An error from fn ends the scan and is returned.
func (v *View) ScanDocs(fn func(Scanned) error) error {
	var d Scanned
	var id []byte
	var fp *int64
	return v.queryErr("reading documents", `SELECT num, id, fp, digest FROM neardup_docs ORDER BY num`,
		nil, []any{&d.Num, &id, &fp, &d.Digest}, func() error {
			d.ID, d.Fingerprint, d.HasFingerprint = string(id), 0, fp != nil
			if fp != nil {
				d.Fingerprint = uint64(*fp)
			}
			return fn(d)
		})
}

// ScanMarks calls fn with the number and mark hashes of every document
// numbered from on that has marks, in increasing number order. The
// postings are keyed by hash, not by document, so they are read whole
// and sorted here: 12 bytes a posting while it runs.
func (v *View) ScanMarks(from int64, fn func(num int64, marks []uint64) error) error {
	type posting struct {
		num  int64
		hash uint64
	}
	_, _, n, err := v.Counts()
	if err != nil {
		return err
	}
	ps := make([]posting, 0, n)
	var p posting
	var h int64
	err = v.query("reading marks", `SELECT num, hash FROM neardup_marks WHERE num >= $1`,
		[]any{from}, []any{&p.num, &h}, func() {
			p.hash = uint64(h)
			ps = append(ps, p)
		})
	if err != nil {
		return err
	}
	slices.SortFunc(ps, func(a, b posting) int { return cmp.Or(cmp.Compare(a.num, b.num), cmp.Compare(a.hash, b.hash)) })
	var marks []uint64
	for i := 0; i < len(ps); {
		j := i
		marks = marks[:0]
		for ; j < len(ps) && ps[j].num == ps[i].num; j++ {
			marks = append(marks, ps[j].hash)
		}
		if err := fn(ps[i].num, marks); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// ScanStems calls fn with every stem held by some document and its
// document frequency, in increasing stem order (as uint64).
func (v *View) ScanStems(fn func(stem uint64, df int)) error {
	type sdf struct {
		stem uint64
		df   int
	}
	var all []sdf
	var s int64
	var df int64
	err := v.query("reading stem frequencies", `SELECT stem, sum(df)::bigint FROM neardup_stems GROUP BY stem HAVING sum(df) > 0`,
		nil, []any{&s, &df}, func() { all = append(all, sdf{uint64(s), int(df)}) })
	if err != nil {
		return err
	}
	slices.SortFunc(all, func(a, b sdf) int { return cmp.Compare(a.stem, b.stem) })
	for _, x := range all {
		fn(x.stem, x.df)
	}
	return nil
}

// IDs returns the IDs of the documents, in the order they were added.
func (v *View) IDs() ([]string, error) {
	n, _, _, err := v.Counts()
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, n)
	var id []byte
	err = v.query("listing IDs", `SELECT id FROM neardup_docs ORDER BY num`, nil, []any{&id}, func() {
		ids = append(ids, string(id))
	})
	return ids, err
}

// Nums returns the numbers of the documents of ids that are stored.
func (v *View) Nums(ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([][]byte, len(ids))
	for i, id := range ids {
		keys[i] = idKey(id)
	}
	var num int64
	var id []byte
	err := v.query("finding documents", `SELECT num, id FROM neardup_docs WHERE id_key = ANY($1)`,
		[]any{keys}, []any{&num, &id}, func() { out[string(id)] = num })
	return out, err
}

// Bytes returns the bytes the database holds for the corpus's tables
// and their indexes, by table: what "Past one machine" in the README
// measures. (pg_partition_tree lists the partitions of a partitioned
// table, and nothing for a table that is not one.)
func (v *View) Bytes() (map[string]int64, error) {
	out := map[string]int64{}
	var name string
	var n int64
	err := v.query("measuring tables", `
		SELECT t, (SELECT sum(pg_total_relation_size(r))::bigint
			FROM (SELECT relid FROM pg_partition_tree(t::regclass) UNION SELECT t::regclass) AS p(r))
		FROM unnest(ARRAY['neardup_docs', 'neardup_marks', 'neardup_blocks', 'neardup_stems']) AS t`,
		nil, []any{&name, &n}, func() { out[name] = n })
	return out, err
}

// LastNum returns the largest document number stored, 0 if none.
func (v *View) LastNum() (int64, error) {
	var n int64
	err := v.query("numbering documents", `SELECT coalesce(max(num), 0) FROM neardup_docs`, nil, []any{&n}, func() {})
	return n, err
}
