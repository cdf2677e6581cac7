package cli

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFloat4(t *testing.T) {
	for f, want := range map[float64]string{0: "0", 1: "1", 0.123456: "0.1235", 2.0 / 3: "0.6667", 0.5: "0.5", math.NaN(): "null", math.Inf(-1): "null"} {
		b, err := FourDecimals(f).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}

func TestWriteJSON(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteJSON(&b, map[string]any{"a": "<&>", "b": []FourDecimals{0.33333}}))
	assert.Equal(t, "{\n  \"a\": \"<&>\",\n  \"b\": [\n    0.3333\n  ]\n}\n", b.String())
}
