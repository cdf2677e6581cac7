//go:build goexperiment.jsonv2

package main

import (
	jsonv1 "encoding/json"
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
)

// Built with GOEXPERIMENT=jsonv2, BenchmarkBatchJSON also writes the pairs
// with encoding/json/v2 set to the behaviour of v1 (encoding/json itself
// then runs on v2). The experiment is not a default the command can rely
// on, so this is for comparison only.
func init() {
	opts := jsonv2.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.EscapeForHTML(false),
		jsontext.WithIndentPrefix("    "), jsontext.WithIndent("  "))
	pairEncoders = append(pairEncoders, struct {
		name       string
		appendPair func(pairJSON, []byte) []byte
	}{"encoding_json_v2", func(p pairJSON, b []byte) []byte {
		out, err := jsonv2.Marshal(p, opts)
		if err != nil {
			panic(err)
		}
		return append(b, out...)
	}})
}
