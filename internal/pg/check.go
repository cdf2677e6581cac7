package pg

import (
	"context"
	"fmt"
)

// Check verifies that every document is whole: its postings are as many
// as it has marks, its four blocks carry its fingerprint (none without
// one), no posting or block belongs to no document, and the counts equal
// what the tables hold. A half-added document, or one counted twice,
// fails it. It reads every table (seconds for a million documents).
func (db *DB) Check(ctx context.Context) error {
	checks := []struct{ what, sql string }{
		{"documents whose postings are not their marks", `
			SELECT count(*) FROM neardup_docs d
			FULL JOIN (SELECT num, count(*) AS c FROM neardup_marks GROUP BY num) m USING (num)
			WHERE d.num IS NULL OR d.nmarks <> coalesce(m.c, 0)`},
		{"documents whose blocks are not their fingerprint's", fmt.Sprintf(`
			SELECT count(*) FROM neardup_docs d
			FULL JOIN (SELECT num, count(*) AS c, min(fp) AS lo, max(fp) AS hi FROM neardup_blocks GROUP BY num) b USING (num)
			WHERE d.num IS NULL OR (d.fp IS NULL) <> (b.c IS NULL) OR b.c <> %d OR b.lo <> d.fp OR b.hi <> d.fp`, Blocks)},
		{"counts that differ from the tables", `
			SELECT count(*) FROM
				(SELECT sum(docs) AS docs, sum(fingerprints) AS fps, sum(postings) AS postings FROM neardup_counts) c,
				(SELECT count(*) AS docs, count(fp) AS fps, coalesce(sum(nmarks), 0) AS postings FROM neardup_docs) d
			WHERE c.docs <> d.docs OR c.fps <> d.fps OR c.postings <> d.postings`},
		{"stems counted in no document or in fewer than none", `
			SELECT count(*) FROM (SELECT stem FROM neardup_stems GROUP BY stem HAVING sum(df) < 0) s`},
	}
	for _, c := range checks {
		var n int64
		if err := db.pool.QueryRow(ctx, c.sql).Scan(&n); err != nil {
			return db.wrap("checking the tables", err)
		}
		if n > 0 {
			return fmt.Errorf("PostgreSQL at %s: %d %s", db.where, n, c.what)
		}
	}
	return nil
}

// StemCounts returns every stem's document frequency, for a check of
// the counters against a count made from the texts.
func (db *DB) StemCounts(ctx context.Context) (map[uint64]int, error) {
	v, err := db.View(ctx)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	out := map[uint64]int{}
	err = v.ScanStems(func(stem uint64, df int) { out[stem] = df })
	return out, err
}
