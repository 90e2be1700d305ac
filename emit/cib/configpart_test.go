package cib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	emitcib "hakit/emit/cib"
	"hakit/model"
	"hakit/parsers/cib"
	"hakit/parsers/crmsh"
)

// ConfigPart cut from a full CIB is what OmitStatus writes of the header
// and configuration, for crm inputs (no header: an empty status is cut)
// and CIBs without status; it declines a model with a status section.
func TestConfigPart(t *testing.T) {
	crm, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "crmsh", "*.crm"))
	xml, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cib", "*.xml"))
	if len(crm) == 0 || len(xml) == 0 {
		t.Fatal("no crm or cib testdata")
	}
	cut := 0
	for _, f := range append(crm, xml...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c *model.Cluster
		if filepath.Ext(f) == ".crm" {
			c, _ = crmsh.Parse(src, f)
		} else {
			c, _ = cib.Parse(src, f)
		}
		if c == nil {
			continue
		}
		var full, part bytes.Buffer
		if emitcib.Emit(&full, c, emitcib.Options{}) != nil {
			continue
		}
		if err := emitcib.Emit(&part, &model.Cluster{CIB: c.CIB, Config: c.Config}, emitcib.Options{OmitStatus: true}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, ok := emitcib.ConfigPart(c, full.Bytes())
		switch {
		case ok != (c.Status == nil && c.Membership == nil):
			t.Errorf("%s: ConfigPart ok = %v with status %v", f, ok, c.Status != nil)
		case ok && !bytes.Equal(got, part.Bytes()):
			t.Errorf("%s: ConfigPart differs from the OmitStatus CIB:\n%s\nwant\n%s", f, got, part.Bytes())
		case ok:
			cut++
		}
	}
	if cut == 0 {
		t.Error("no model was cut")
	}
}
