package cib_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	emitcib "hakit/emit/cib"
	emityaml "hakit/emit/yaml"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/cib"
)

const testdata = "../../testdata/cib"

// dump is what a parse golden holds: the model and the diagnostics.
type dump struct {
	Cluster     *model.Cluster    `json:"cluster"`
	Diagnostics model.Diagnostics `json:"diagnostics,omitempty"`
}

func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "*.xml"))
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, ds := cib.Parse(src, filepath.Base(f))
			ds.Sort()
			checkRanges(t, src, c, ds)
			out, err := emityaml.Marshal(dump{c, ds}, emityaml.Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(f, ".xml")+".model.yaml", out)
		})
	}
}

func diagText(ds model.Diagnostics) []byte {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error() + "\n")
		for _, r := range d.Related {
			fmt.Fprintf(&b, "\t%s: %s\n", r.Subject, r.Message)
		}
	}
	return []byte(b.String())
}

// TestParseBad checks the diagnostics of broken inputs, with their exact
// file:line:col, against testdata/cib/bad/*.diags.
func TestParseBad(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "bad", "*.xml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, ds := cib.Parse(src, filepath.Base(f))
			ds.Sort()
			checkRanges(t, src, c, ds)
			if !ds.HasErrors() {
				t.Errorf("no error reported")
			}
			golden.Check(t, strings.TrimSuffix(f, ".xml")+".diags", diagText(ds))
		})
	}
}

func TestParseExactPositions(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"truncated.xml", "truncated.xml:32:65: error: HA0101: malformed XML: unexpected EOF"},
		{"mismatched.xml", "mismatched.xml:7:5: error: HA0101: malformed XML: element <primitive> closed by </resources>"},
		{"bomb.xml", "bomb.xml:2:1: warning: HA0110: document type declaration ignored: CIBs have none and hakit expands no entities"},
		{"not-a-cib.xml", "not-a-cib.xml:2:1: error: HA0102: not a CIB: the root element is <cluster>, expected <cib> or <configuration>"},
		{"duplicate-ids.xml", `duplicate-ids.xml:10:7: error: HA0105: id "web" is already used`},
		{"dangling.xml", `dangling.xml:15:11: error: HA0106: <resource_ref> refers to id "ghost", which is not defined in the configuration`},
		{"empty.xml", "empty.xml:1:1: error: HA0102: no XML element found: not a CIB"},
	} {
		src, err := os.ReadFile(filepath.Join(testdata, "bad", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		_, ds := cib.Parse(src, tc.file)
		found := false
		for _, d := range ds {
			if d.Error() == tc.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want %q among:\n%s", tc.file, tc.want, diagText(ds))
		}
	}
}

func TestBombExpandsNothing(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdata, "bad", "bomb.xml"))
	if err != nil {
		t.Fatal(err)
	}
	c, ds := cib.Parse(src, "bomb.xml")
	if !ds.HasErrors() {
		t.Fatal("an undefined entity must be an error")
	}
	if c != nil && c.Config != nil {
		for _, s := range c.Config.ClusterOptions {
			for _, p := range s.Pairs {
				if len(p.Value) > 100 {
					t.Errorf("entity expanded to %d bytes", len(p.Value))
				}
			}
		}
	}
}

func TestLimits(t *testing.T) {
	deep := "<cib>" + strings.Repeat("<a>", cib.MaxDepth+10) + strings.Repeat("</a>", cib.MaxDepth+10) + "</cib>"
	c, ds := cib.Parse([]byte(deep), "deep.xml")
	if c != nil || len(ds) != 1 || ds[0].Code != cib.CodeLimit {
		t.Errorf("deep document: got %v, %s", c, diagText(ds))
	}
}

func TestDuplicateIDRelated(t *testing.T) {
	src, _ := os.ReadFile(filepath.Join(testdata, "bad", "duplicate-ids.xml"))
	_, ds := cib.Parse(src, "duplicate-ids.xml")
	for _, d := range ds {
		if d.Code == cib.CodeDuplicateID && strings.Contains(d.Summary, `"web"`) {
			if len(d.Related) != 1 || d.Related[0].Subject.Start.Line != 9 {
				t.Errorf("related: %+v", d.Related)
			}
			return
		}
	}
	t.Error("no duplicate id finding")
}

// checkRanges verifies that every range of the model and the diagnostics
// lies inside src.
func checkRanges(t testing.TB, src []byte, c *model.Cluster, ds model.Diagnostics) {
	t.Helper()
	check := func(r model.Range, where string) {
		if r.IsZero() {
			return
		}
		if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte || r.Start.Line < 1 || r.Start.Column < 1 {
			t.Errorf("%s: range %+v outside source of %d bytes", where, r, len(src))
		}
	}
	for _, d := range ds {
		if d.Subject != nil {
			check(*d.Subject, d.Error())
		}
		for _, r := range d.Related {
			check(r.Subject, d.Error())
		}
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if r, ok := v.Interface().(model.Range); ok {
				check(r, "model")
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(c))
}

func seeds(f *testing.F) {
	for _, pat := range []string{"*.xml", "bad/*.xml"} {
		files, _ := filepath.Glob(filepath.Join(testdata, pat))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := cib.Parse(src, "fuzz.xml")
		checkRanges(t, src, c, ds)
		if c == nil || ds.HasErrors() {
			return
		}
		var out bytes.Buffer
		if err := emitcib.Emit(&out, c, emitcib.Options{}); err != nil {
			t.Fatalf("emit: %v", err)
		}
		_, ds2 := cib.Parse(out.Bytes(), "emitted.xml")
		if ds2.HasErrors() {
			t.Fatalf("re-parse of emitted CIB has errors:\n%s\n%s", diagText(ds2), out.Bytes())
		}
	})
}
