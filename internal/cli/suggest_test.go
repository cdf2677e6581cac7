package cli

import (
	"bytes"
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSuggest(t *testing.T) {
	names := []string{"text-field", "id-field", "format", "max-bytes", "min-passage"}
	assert.Equal(t, "text-field", Suggest("textfield", names))
	assert.Equal(t, "text-field", Suggest("text_feild", names))
	assert.Equal(t, "format", Suggest("fromat", names))
	assert.Equal(t, "format", Suggest("FORMAT", names))
	assert.Equal(t, "", Suggest("verbose", names))
	assert.Equal(t, "", Suggest("x", names))
	assert.Equal(t, "", Suggest("anything", nil))
}

func TestEditDistance(t *testing.T) {
	assert.Equal(t, 0, editDistance("", ""))
	assert.Equal(t, 3, editDistance("", "abc"))
	assert.Equal(t, 1, editDistance("قال", "قل"))
	assert.Equal(t, 2, editDistance("fromat", "format"))
	assert.Equal(t, 3, editDistance("kitten", "sitting"))
}

func TestParseFlagsSuggests(t *testing.T) {
	var stderr bytes.Buffer
	fs := flag.NewFlagSet("dedupe", flag.ContinueOnError)
	fs.String("text-field", "", "")
	_, err := ParseFlags(fs, []string{"--textfield", "content", "x"}, "", Env{Stderr: &stderr})
	assert.ErrorIs(t, err, ErrUsage)
	assert.Equal(t, "dedupe: flag provided but not defined: -textfield (did you mean --text-field?)\nRun 'dedupe -h' for usage.\n", stderr.String())
	stderr.Reset()
	_, err = ParseFlags(fs, []string{"--zzzzzz"}, "", Env{Stderr: &stderr})
	assert.ErrorIs(t, err, ErrUsage)
	assert.Equal(t, "dedupe: flag provided but not defined: -zzzzzz\nRun 'dedupe -h' for usage.\n", stderr.String())
}
