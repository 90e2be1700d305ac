package yaml_test

import (
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	emitjson "hakit/emit/json"
	emityaml "hakit/emit/yaml"
	"hakit/internal/fuzzrt"
	"hakit/model"
)

// FuzzEmit: whatever hakit reads without errors (any input format) is
// written as YAML that yaml.v3 reads back as the same tree the JSON output
// holds (the two outputs have one shape), the same bytes every time.
func FuzzEmit(f *testing.F) {
	fuzzrt.Sink{
		Format: "YAML",
		Seeds:  fuzzrt.AnySeeds,
		Parse:  fuzzrt.AnyFormat,
		Emit: func(w io.Writer, c *model.Cluster) error {
			return emityaml.Emit(w, c, emityaml.Options{})
		},
		Valid: func(c *model.Cluster, out []byte) error {
			var fromYAML any
			if err := yaml.Unmarshal(out, &fromYAML); err != nil {
				return err
			}
			js, err := emitjson.Marshal(c, emitjson.Options{})
			if err != nil {
				return err
			}
			var want, got any
			if err := json.Unmarshal(js, &want); err != nil {
				return err
			}
			// Through encoding/json, so numbers have one type on both sides.
			b, err := json.Marshal(fromYAML)
			if err != nil {
				return err
			}
			if err := json.Unmarshal(b, &got); err != nil {
				return err
			}
			if d := cmp.Diff(want, got); d != "" {
				return fmt.Errorf("YAML read back differs from the JSON output (-json +yaml):\n%s", d)
			}
			return nil
		},
	}.Fuzz(f)
}
