package crosslingual_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/neardup/neardup/crosslingual"
)

func TestStemEnglish(t *testing.T) {
	for _, group := range [][]string{
		{"report", "reports", "reported", "reporting"},
		{"country", "countries"},
		{"stop", "stopped", "stopping", "stops"},
		{"make", "making", "makes"},
		{"base", "based"},
		{"happy", "happily"},
		{"pass", "passed", "passes"},
		{"church", "churches"},
	} {
		for _, w := range group[1:] {
			assert.Equal(t, crosslingual.StemEnglish(group[0]), crosslingual.StemEnglish(w), "%s and %s", group[0], w)
		}
	}
	assert.NotEqual(t, crosslingual.StemEnglish("news"), crosslingual.StemEnglish("new"))
	assert.Equal(t, "bus", crosslingual.StemEnglish("bus"))
	assert.Equal(t, "cat", crosslingual.StemEnglish("cats")) // short words lose only a final s
	assert.Equal(t, "this", crosslingual.StemEnglish("this"))
}
