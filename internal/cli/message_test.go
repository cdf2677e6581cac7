package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWarnf(t *testing.T) {
	var b strings.Builder
	Warnf(&b, "%s: %s", "cmd", "evil\nname\x1b[31m\u202e\xff\tok \uFFFD عربي")
	assert.Equal(t, "cmd: evil\\nname\\x1b[31m\\u202e\\xff\tok \uFFFD عربي\n", b.String())
}

func TestUnjoin(t *testing.T) {
	a, b := errors.New("a"), errors.New("b")
	assert.Nil(t, Unjoin(nil))
	assert.Equal(t, []error{a}, Unjoin(a))
	assert.Equal(t, []error{a, b}, Unjoin(errors.Join(a, b)))
}

func TestPlural(t *testing.T) {
	assert.Equal(t, "1 pair", Plural(1, "pair"))
	assert.Equal(t, "0 pairs", Plural(0, "pair"))
	assert.Equal(t, "3 pairs", Plural(3, "pair"))
}
