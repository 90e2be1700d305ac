package dlm_test

import (
	"io"
	"testing"

	emitdlm "hakit/emit/dlm"
	"hakit/internal/fuzzrt"
	"hakit/model"
	parsedlm "hakit/parsers/dlm"
)

// FuzzRoundTrip: whatever the dlm.conf parser reads without errors, the
// dlm.conf emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	fuzzrt.Target{
		Format: "dlm.conf",
		Seeds:  []string{"../../testdata/dlm/*.conf"},
		Name:   "dlm.conf",
		Parse:  parsedlm.Parse,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitdlm.Emit(w, c, emitdlm.Options{})
		},
	}.Fuzz(f)
}
