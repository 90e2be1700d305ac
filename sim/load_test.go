package sim

import (
	"fmt"
	"os"
	"testing"

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

// runFile simulates the CIB at path with ev; any error fails the test.
func runFile(t *testing.T, path string, ev *Events) *Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCIB(src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(c, ev)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
