package sim

import (
	"fmt"

	"hakit/model"
	"hakit/parsers"
)

// LoadCIB reads a CIB XML document into a model through the parsers' front
// door, as the CLI does; errors in the document (not warnings) make it
// fail. The simulator itself never parses: it takes a model.
func LoadCIB(src []byte) (*model.Cluster, error) {
	f, err := parsers.ByName("cib")
	if err != nil {
		return nil, err
	}
	_, c, ds := parsers.Parse(&parsers.Input{Filename: "cib.xml", Src: src}, f)
	if ds.HasErrors() || c == nil {
		return nil, fmt.Errorf("reading CIB: %w", ds)
	}
	return c, nil
}
