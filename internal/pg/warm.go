package pg

import (
	"context"

	"github.com/neardup/neardup/index"
)

// Warm runs each statement of a query once, on a connection of the
// pool, with arguments that match nothing: the first run of a statement
// on a connection prepares it (a round trip) and loads the catalog of
// its tables and their partitions into the server process, 20–30 ms in
// all, which the first query of a process would otherwise wait for.
func (db *DB) Warm(ctx context.Context) error {
	if _, err := db.Near(ctx, 0, 0, true); err != nil {
		return err
	}
	v, err := db.View(ctx)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, _, _, err := v.Counts(); err != nil {
		return err
	}
	none := []uint64{0}
	if err := v.Lookup(none, 0, func(int, int, []index.DocID) {}); err != nil {
		return err
	}
	if _, err := v.Near(0, 0, false); err != nil {
		return err
	}
	if _, _, err := v.ByID(""); err != nil {
		return err
	}
	if _, err := v.Docs([]int64{0}, []int64{0}); err != nil {
		return err
	}
	if _, err := v.StemDFs(none); err != nil {
		return err
	}
	_, err = v.MarkDFs(none, 1)
	return err
}
