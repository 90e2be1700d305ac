package pcs_test

import (
	"io"
	"testing"

	emitpcs "hakit/emit/pcs"
	"hakit/internal/fuzzrt"
	"hakit/model"
	parsepcs "hakit/parsers/pcs"
)

// FuzzRoundTrip: whatever the pcs script parser reads without errors, the
// pcs script emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	fuzzrt.Target{
		Format: "pcs script",
		Seeds:  []string{"../../testdata/pcs/*.sh"},
		Name:   "f.sh",
		Parse:  parsepcs.Parse,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitpcs.Emit(w, c, emitpcs.Options{})
		},
	}.Fuzz(f)
}
