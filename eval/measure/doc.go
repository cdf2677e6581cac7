// Package measure holds no code, only measurements: the tests that chose
// the defaults of package index on the SaudiNewsNet corpus (document
// frequency caps, the winnowing guarantee, scale, positions). They are
// research, not checks of the library, so they live with the evaluation
// rather than in index, use only index's exported API, and run only when
// asked, with the dumps in ../shared/corpora/saudinewsnet beside the
// checkout (they skip without them):
//
//	NEARDUP_MEASURE=1 go test -run TestMeasure -v -timeout 90m ./eval/measure/
//	NEARDUP_INSPECT=1 go test -run TestInspectMisses -v ./eval/measure/
package measure
