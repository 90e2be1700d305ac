package json_test

import (
	stdjson "encoding/json"
	"os"
	"strings"
	"testing"

	emitjson "hakit/emit/json"
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
	for _, tc := range []struct {
		name string
		opts emitjson.Options
	}{{"full.json", emitjson.Options{}}, {"full-noranges.json", emitjson.Options{OmitRanges: true}}} {
		var b strings.Builder
		if err := emitjson.Emit(&b, c, tc.opts); err != nil {
			t.Fatal(err)
		}
		out := []byte(b.String())
		if !stdjson.Valid(out) {
			t.Fatalf("%s: invalid JSON", tc.name)
		}
		golden.Check(t, "../../testdata/emit/json/"+tc.name, out)
		again, _ := emitjson.Marshal(c, tc.opts)
		if string(again) != b.String() {
			t.Errorf("%s: not deterministic", tc.name)
		}
	}
}

func TestKinds(t *testing.T) {
	c := parseFull(t)
	out, err := emitjson.Marshal(c, emitjson.Options{OmitRanges: true})
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Configuration struct {
			Resources   []map[string]any `json:"resources"`
			Constraints []map[string]any `json:"constraints"`
		} `json:"configuration"`
	}
	if err := stdjson.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, r := range v.Configuration.Resources {
		kinds = append(kinds, r["kind"].(string))
	}
	for _, r := range v.Configuration.Constraints {
		kinds = append(kinds, r["kind"].(string))
	}
	got := strings.Join(kinds, " ")
	want := "primitive template primitive group clone bundle location location colocation colocation order ticket"
	if got != want {
		t.Errorf("kinds = %q, want %q", got, want)
	}
	if strings.Contains(string(out), `"range"`) {
		t.Error("OmitRanges left a range")
	}
}

func TestSecretsRedacted(t *testing.T) {
	c := &model.Cluster{Membership: &model.Membership{
		Crypto: &model.Crypto{Cipher: "aes256", Key: model.NewSecret("hunter2")},
	}}
	out, err := emitjson.Marshal(c, emitjson.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "hunter2") || !strings.Contains(string(out), "<redacted>") {
		t.Errorf("secret not redacted:\n%s", out)
	}
}

func TestFencePasswordRedacted(t *testing.T) {
	out, err := emitjson.Marshal(parseFull(t), emitjson.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), `"secret"`) && !strings.Contains(string(out), `"name": "password",`) {
		t.Fatal("fixture changed")
	}
	if strings.Contains(string(out), `"value": "secret"`) {
		t.Errorf("fence password in clear:\n%s", out)
	}
}
