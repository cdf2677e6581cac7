package pan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// annotationDir is the ExAraPlagDet annotation directory, present only
// beside the project's own checkout (research data, not in the
// repository).
var annotationDir = filepath.Join("..", "..", "..", "..", "shared", "eval", "exaraplagdet", "plagiarism-annotation")

func TestExAraPlagDetAnnotations(t *testing.T) {
	if _, err := os.Stat(annotationDir); err != nil {
		t.Skipf("no evaluation data at %s", annotationDir)
	}
	cases, err := ReadDir(annotationDir)
	require.NoError(t, err)
	t.Logf("%d cases", len(cases))
	assert.Greater(t, len(cases), 100)
	for _, c := range cases {
		require.Positive(t, c.Length, "%+v", c)
		require.Positive(t, c.SourceLength, "%+v", c)
		require.NotEmpty(t, c.Obfuscation, "%+v", c)
	}
	// The annotations scored as detections score perfectly.
	res := Evaluate(cases, cases)
	assert.InDelta(t, 1, res.Overall.Plagdet, 1e-12)
	assert.Zero(t, res.IgnoredCases)
	for _, o := range res.ByObfuscation {
		t.Logf("%-28s %4d cases", o.Obfuscation, o.Cases)
		assert.InDelta(t, 1, o.Plagdet, 1e-12, o.Obfuscation)
	}
}
