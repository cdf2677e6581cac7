package cli

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
)

// FourDecimals is a float written in JSON with at most 4 decimals (NaN and
// infinities as null): the commands' JSON reports round every share and
// score so.
type FourDecimals float64

func (f FourDecimals) MarshalJSON() ([]byte, error) { return f.Append(nil), nil }

// Append appends f as MarshalJSON writes it to b.
func (f FourDecimals) Append(b []byte) []byte {
	v := math.Round(float64(f)*1e4) / 1e4
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// WriteJSON writes v as JSON indented by two spaces, HTML characters
// unescaped, as the commands' JSON reports are written.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
