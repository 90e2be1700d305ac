package pcs_test

import (
	"errors"
	"io"
	"strings"
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
			ds, err := emitpcs.EmitWithReport(w, c, emitpcs.Options{})
			for _, d := range ds {
				if d.Code == "HA3051" && strings.HasPrefix(d.Summary, "membership without") {
					// Not carried, and said so: a pcs script has no
					// membership but 'pcs cluster setup'.
					return errors.New(d.Summary)
				}
			}
			return err
		},
	}.Fuzz(f)
}
