package crmsh_test

import (
	"io"
	"testing"

	emitcrmsh "hakit/emit/crmsh"
	"hakit/internal/fuzzrt"
	"hakit/model"
	parsecrmsh "hakit/parsers/crmsh"
)

// FuzzRoundTrip: whatever the crm shell parser reads without errors, the
// crm shell emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	fuzzrt.Target{
		Format: "crm shell",
		Seeds:  []string{"../../testdata/crmsh/*.crm", "../../testdata/crmsh/invalid/*.crm"},
		Name:   "f.crm",
		Parse:  parsecrmsh.Parse,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitcrmsh.Emit(w, c, emitcrmsh.Options{})
		},
	}.Fuzz(f)
}
