package index

// SetCompaction sets the compaction policy for a test and returns a
// function restoring the defaults.
func SetCompaction(delta, ratio, dead int) (restore func()) {
	d, r, m := minDelta, deltaRatio, minDead
	minDelta, deltaRatio, minDead = delta, ratio, dead
	return func() { minDelta, deltaRatio, minDead = d, r, m }
}
