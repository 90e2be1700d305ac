package dlm_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	emitdlm "hakit/emit/dlm"
	"hakit/model"
	parsedlm "hakit/parsers/dlm"
)

// FuzzRoundTrip: whatever the dlm.conf parser reads without errors, the
// dlm.conf emitter writes in a form the parser reads back without errors, and
// emitting that again gives the same bytes (parse → emit → parse → emit).
func FuzzRoundTrip(f *testing.F) {
	for _, g := range []string{"../../testdata/dlm/*.conf"} {
		files, _ := filepath.Glob(g)
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := parsedlm.Parse(src, "dlm.conf")
		if c == nil || ds.HasErrors() {
			return
		}
		out1, err := roundTripEmit(c)
		if err != nil {
			return // the model holds something dlm.conf cannot carry, and says so
		}
		c2, ds2 := parsedlm.Parse(out1, "emitted.conf")
		if c2 == nil || ds2.HasErrors() {
			t.Fatalf("emit → re-parse has errors:\n%s\ninput:\n%s\nemitted:\n%s", ds2.Error(), src, out1)
		}
		out2, err := roundTripEmit(c2)
		if err != nil {
			t.Fatalf("second emit: %v\nemitted:\n%s", err, out1)
		}
		if !bytes.Equal(out1, out2) {
			t.Fatalf("emit(parse(emit(m))) differs from emit(m):\ninput:\n%s\n--- emit(m)\n%s\n--- emit(parse(emit(m)))\n%s", src, out1, out2)
		}
	})
}

func roundTripEmit(c *model.Cluster) ([]byte, error) {
	var b bytes.Buffer
	err := emitdlm.Emit(&b, c, emitdlm.Options{})
	return b.Bytes(), err
}
