// Package pan reads and writes plagiarism annotations in the XML format of
// the PAN text alignment task and scores detections against annotated
// cases with PAN's character-level measures: macro-averaged precision and
// recall, granularity and plagdet (Potthast, Stein, Barrón-Cedeño and
// Rosso, "An Evaluation Framework for Plagiarism Detection", COLING 2010).
//
// One XML file describes one suspicious document:
//
//	<document reference="suspicious-document0042.txt">
//	<feature name="plagiarism" this_offset="1200" this_length="350"
//	         source_reference="wire-0007.txt" source_offset="830"
//	         source_length="362" obfuscation="word shuffling" type="artificial"/>
//	</document>
//
// Annotated cases are features named "plagiarism", detections features
// named "detected-plagiarism". Offsets and lengths count characters; in
// this project, as in the Arabic PAN corpora, characters are Unicode code
// points of the original files.
package pan

import (
	"cmp"
	"slices"
)

// Feature names: the annotation of a case, and a detection.
const (
	CaseFeature      = "plagiarism"
	DetectionFeature = "detected-plagiarism"
)

// Annotation is a plagiarism case or a detection: a passage of a
// suspicious document said to come from a passage of a source document.
// Offsets and lengths count characters (code points) from 0.
type Annotation struct {
	// Suspicious names the suspicious document (the reference attribute
	// of the file's document element); Offset and Length locate the
	// passage in it (this_offset, this_length).
	Suspicious string
	Offset     int
	Length     int
	// Source names the source document (source_reference); SourceOffset
	// and SourceLength locate the passage in it.
	Source       string
	SourceOffset int
	SourceLength int
	// Obfuscation is how the case was disguised (none, word shuffling,
	// ...); Type how it was made (artificial, simulated). Cases only:
	// both are empty for detections.
	Obfuscation string
	Type        string
}

// End returns the end of the passage in the suspicious document.
func (a Annotation) End() int { return a.Offset + a.Length }

// SourceEnd returns the end of the passage in the source document.
func (a Annotation) SourceEnd() int { return a.SourceOffset + a.SourceLength }

// Compare orders annotations by suspicious document, position in it,
// source document and position in that: the order of written files and
// of ReadDir's result.
func Compare(x, y Annotation) int {
	return cmp.Or(
		cmp.Compare(x.Suspicious, y.Suspicious),
		cmp.Compare(x.Offset, y.Offset),
		cmp.Compare(x.Length, y.Length),
		cmp.Compare(x.Source, y.Source),
		cmp.Compare(x.SourceOffset, y.SourceOffset),
		cmp.Compare(x.SourceLength, y.SourceLength),
		cmp.Compare(x.Obfuscation, y.Obfuscation),
		cmp.Compare(x.Type, y.Type),
	)
}

// Sort sorts annotations by Compare.
func Sort(anns []Annotation) { slices.SortFunc(anns, Compare) }
