package corosync_test

import (
	"io"
	"testing"

	emitcorosync "hakit/emit/corosync"
	"hakit/internal/fuzzrt"
	"hakit/model"
	parsecorosync "hakit/parsers/corosync"
)

// FuzzRoundTrip: whatever the corosync.conf parser reads without errors, the
// corosync.conf emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	fuzzrt.Target{
		Format: "corosync.conf",
		Seeds:  []string{"../../testdata/corosync/*.conf", "../../testdata/emit/corosync/*"},
		Name:   "f.conf",
		Parse:  parsecorosync.Parse,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emitcorosync.Emit(w, c, emitcorosync.Options{})
		},
		// Syntax errors only: a model read as corosync 1 without a totem
		// version (an empty file, a fragment) is written with an empty
		// totem, which the re-parse reports as lacking "version: 2"
		// (HA4009) where the source, with no totem at all, was not.
		Broken: syntaxErrors,
	}.Fuzz(f)
}

func syntaxErrors(ds model.Diagnostics) bool {
	for _, d := range ds {
		switch d.Code {
		case parsecorosync.CodeSyntax, parsecorosync.CodeTextAfterBrace, parsecorosync.CodeNBSP, parsecorosync.CodeLineTooLong, parsecorosync.CodeType:
			if d.Severity == model.SeverityError {
				return true
			}
		}
	}
	return false
}
