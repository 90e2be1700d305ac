package scenario

import (
	"fmt"

	"hakit/model"
	"hakit/parsers/cib"
)

// loadCIB reads a CIB for the tests (sim itself takes a model and reads no files).
func loadCIB(src []byte) (*model.Cluster, error) {
	c, ds := cib.Parse(src, "cib.xml")
	if ds.HasErrors() {
		return nil, fmt.Errorf("reading CIB: %w", ds)
	}
	return c, nil
}
