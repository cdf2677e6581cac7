// Package pool holds the one rule of the library's pools of working
// memory (sync.Pool): how large a buffer may go back to one.
package pool

// MaxLen is the most elements (runes, hashes, offsets, tokens) of a
// buffer that goes back to its pool: a longer one is left to the
// collector, so that one huge document does not keep hundreds of
// megabytes pooled while the rest of a run needs them for other things
// (fmt drops its large buffers the same way). Articles are a few
// thousand runes; a text of more than this many is the rare one whose
// buffers are not worth keeping.
const MaxLen = 1 << 20

// Keeps reports whether a buffer of capacity n goes back to its pool.
func Keeps(n int) bool { return n <= MaxLen }
