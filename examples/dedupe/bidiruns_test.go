package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsolateRuns(t *testing.T) {
	// Latin inside Arabic: the run from its first to its last Latin
	// letter, the brackets and spaces around it left to the paragraph.
	assert.Equal(t, []htmlRun{{Text: "كييف، أوكرانيا "}, {Text: "(AP)", Isolate: true}, {Text: " – يظهر"}},
		isolateRuns("كييف، أوكرانيا (AP) – يظهر", true))
	assert.Equal(t, []htmlRun{{Text: "حدث "}, {Text: "DeSantis", Isolate: true}, {Text: " في "}, {Text: "Twitter Space", Isolate: true}, {Text: ". مع"}},
		isolateRuns("حدث DeSantis في Twitter Space. مع", true))
	// Markup quoted in Arabic text stays one run.
	assert.Equal(t, []htmlRun{{Text: "نص "}, {Text: `<script>x</script>"><img src=x>`, Isolate: true}, {Text: " نص"}},
		isolateRuns(`نص <script>x</script>"><img src=x> نص`, true))
	// Arabic inside Latin, and text of one direction, untouched.
	assert.Equal(t, []htmlRun{{Text: "Report "}, {Text: "عاجل جدا", Isolate: true}, {Text: " today"}},
		isolateRuns("Report عاجل جدا today", false))
	assert.Equal(t, []htmlRun{{Text: "نص 2600 عربي"}}, isolateRuns("نص 2600 عربي", true))
	assert.Nil(t, isolateRuns("", true))
	assert.True(t, baseRTL("«نص» text"))
	assert.False(t, baseRTL("2600 text نص"))
	assert.False(t, baseRTL("12 ."))
}
