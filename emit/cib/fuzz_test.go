package cib_test

import (
	"io"
	"testing"

	emitcib "hakit/emit/cib"
	"hakit/internal/fuzzrt"
	"hakit/model"
	parsecib "hakit/parsers/cib"
)

// FuzzRoundTrip: whatever the CIB parser reads without errors, the
// CIB emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	fuzzrt.Target{
		Format: "CIB",
		Seeds:  []string{"../../testdata/cib/*.xml", "../../testdata/cib/bad/*.xml"},
		Name:   "f.xml",
		Parse:  parsecib.Parse,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitcib.Emit(w, c, emitcib.Options{})
		},
	}.Fuzz(f)
}
