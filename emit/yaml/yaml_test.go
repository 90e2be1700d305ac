package yaml_test

import (
	stdjson "encoding/json"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	emitjson "hakit/emit/json"
	emityaml "hakit/emit/yaml"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/cib"
)

func parseFull(t *testing.T) *model.Cluster {
	t.Helper()
	src, err := os.ReadFile("../../testdata/cib/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	c, ds := cib.Parse(src, "full.xml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return c
}

func TestGolden(t *testing.T) {
	c := parseFull(t)
	var b strings.Builder
	if err := emityaml.Emit(&b, c, emityaml.Options{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../../testdata/emit/yaml/full.yaml", []byte(b.String()))
}

// TestSameShapeAsJSON reads the YAML back and compares it with the JSON
// output: one shape for both.
func TestSameShapeAsJSON(t *testing.T) {
	c := parseFull(t)
	y, err := emityaml.Marshal(c, emityaml.Options{})
	if err != nil {
		t.Fatal(err)
	}
	j, err := emitjson.Marshal(c, emitjson.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fromY, fromJ any
	if err := yaml.Unmarshal(y, &fromY); err != nil {
		t.Fatal(err)
	}
	if err := stdjson.Unmarshal(j, &fromJ); err != nil {
		t.Fatal(err)
	}
	// Normalise numbers: YAML gives int, JSON float64.
	ny, _ := stdjson.Marshal(fromY)
	var back any
	_ = stdjson.Unmarshal(ny, &back)
	a, _ := stdjson.Marshal(back)
	b, _ := stdjson.Marshal(fromJ)
	if string(a) != string(b) {
		t.Errorf("YAML and JSON differ")
	}
	if strings.Contains(string(y), "{") && strings.Contains(string(y), "- {") {
		t.Errorf("flow style in YAML output")
	}
	if !strings.Contains(string(y), `value: "off"`) {
		t.Errorf("YAML 1.1 boolean not quoted")
	}
}

func TestSecretsRedacted(t *testing.T) {
	c := &model.Cluster{Membership: &model.Membership{
		Crypto: &model.Crypto{Cipher: "aes256", Key: model.NewSecret("hunter2")},
	}}
	out, err := emityaml.Marshal(c, emityaml.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "hunter2") || !strings.Contains(string(out), "<redacted>") {
		t.Errorf("secret not redacted:\n%s", out)
	}
}
