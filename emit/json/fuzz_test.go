package json_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"

	emitjson "hakit/emit/json"
	"hakit/internal/fuzzrt"
	"hakit/model"
)

// FuzzEmit: whatever hakit reads without errors (any input format) is
// written as JSON that encoding/json decodes, the same bytes every time.
func FuzzEmit(f *testing.F) {
	fuzzrt.Sink{
		Format: "JSON",
		Seeds:  fuzzrt.AnySeeds,
		Parse:  fuzzrt.AnyFormat,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitjson.Emit(w, c, emitjson.Options{})
		},
		Valid: func(_ *model.Cluster, out []byte) error {
			if !json.Valid(out) {
				return errors.New("encoding/json: not valid JSON")
			}
			dec := json.NewDecoder(bytes.NewReader(out))
			var v any
			return dec.Decode(&v)
		},
	}.Fuzz(f)
}
