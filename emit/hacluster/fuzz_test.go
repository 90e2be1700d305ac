package hacluster_test

import (
	"errors"
	"io"
	"testing"

	"gopkg.in/yaml.v3"

	"hakit/emit/hacluster"
	"hakit/internal/fuzzrt"
	"hakit/model"
)

// FuzzEmit: whatever hakit reads without errors (any input format) is
// written as a YAML mapping of the role's variables that yaml.v3 reads
// back, the same bytes every time.
func FuzzEmit(f *testing.F) {
	fuzzrt.Sink{
		Format: "ha_cluster variables",
		Seeds:  fuzzrt.AnySeeds,
		Parse:  fuzzrt.AnyFormat,
		Emit: func(w io.Writer, c *model.Cluster) error {
			_, err := hacluster.Emit(w, c, hacluster.Options{})
			return err
		},
		Valid: func(_ *model.Cluster, out []byte) error {
			var vars map[string]any
			if err := yaml.Unmarshal(out, &vars); err != nil {
				return err
			}
			if _, ok := vars["ha_cluster_hacluster_password"]; !ok {
				return errors.New("no ha_cluster_hacluster_password")
			}
			return nil
		},
	}.Fuzz(f)
}
