package pcs

import (
	"os"
	"testing"

	"hakit/emit/cib"
)

// TestDump writes the CIB of $PCS_DUMP to stdout (a debugging aid).
func TestDump(t *testing.T) {
	f := os.Getenv("PCS_DUMP")
	if f == "" {
		t.Skip("PCS_DUMP not set")
	}
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	c, ds := Parse(src, f)
	for _, d := range ds {
		t.Log(d.Error())
	}
	if err := cib.Emit(os.Stdout, c, cib.Options{}); err != nil {
		t.Fatal(err)
	}
}
