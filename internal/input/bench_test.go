package input

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadManySmallFiles reads a directory of 2,000 short articles,
// one per file, against the same articles as one JSON Lines file: the cost
// of reading files ahead, one goroutine each, shows as the difference.
func BenchmarkReadManySmallFiles(b *testing.B) {
	const n = 2000
	text := strings.Repeat("نص قصير لخبر واحد. ", 10)
	dir := b.TempDir()
	var lines strings.Builder
	for i := range n {
		write(b, dir, fmt.Sprintf("files/%04d.txt", i), text)
		fmt.Fprintf(&lines, "{\"id\": \"%d\", \"text\": %q}\n", i, text)
	}
	write(b, dir, "one/all.jsonl", lines.String())
	for _, sub := range []string{"files", "one"} {
		b.Run(sub, func(b *testing.B) {
			for b.Loop() {
				docs := 0
				for _, err := range Read([]string{dir + "/" + sub}, Options{}) {
					if err != nil {
						b.Fatal(err)
					}
					docs++
				}
				if docs != n {
					b.Fatalf("read %d documents, want %d", docs, n)
				}
			}
		})
	}
}
