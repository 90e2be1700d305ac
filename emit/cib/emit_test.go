package cib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	emitcib "hakit/emit/cib"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/cib"
)

const (
	inputs  = "../../testdata/cib"
	goldens = "../../testdata/emit/cib"
)

func emit(t testing.TB, c *model.Cluster, opts emitcib.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := emitcib.Emit(&b, c, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ignoreRanges compares models without positions (and without the file
// names they were read from).
var ignoreRanges = cmp.Options{
	cmpopts.IgnoreTypes(model.Range{}),
	cmpopts.IgnoreFields(model.Cluster{}, "Sources"),
	cmpopts.EquateEmpty(),
}

// TestEmitGolden: golden output, re-parse without errors, parse(emit(m)) ==
// m ignoring ranges, and emitting twice gives the same bytes.
func TestEmitGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(inputs, "*.xml"))
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := cib.Parse(src, name)
			out := emit(t, m, emitcib.Options{})
			golden.Check(t, filepath.Join(goldens, name), out)
			m2, ds := cib.Parse(out, name)
			if ds.HasErrors() {
				t.Fatalf("re-parse: %v", ds)
			}
			if m.Config != nil && len(m.Config.Sections) < 4 {
				// The four required sections are always written.
				m2.Config.Sections = m.Config.Sections
			}
			if m.CIB == nil {
				// A bare configuration is written as a whole CIB.
				m2.CIB, m2.Status = nil, nil
			}
			if diff := cmp.Diff(m, m2, ignoreRanges); diff != "" {
				t.Errorf("parse(emit(m)) != m (-m +got):\n%s", diff)
			}
			if again := emit(t, m2, emitcib.Options{}); !bytes.Equal(out, again) {
				t.Errorf("emitting twice differs")
			}
		})
	}
}

func TestEmptyShape(t *testing.T) {
	got := string(emit(t, &model.Cluster{}, emitcib.Options{}))
	want := `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = string(emit(t, &model.Cluster{}, emitcib.Options{ValidateWith: "pacemaker-3.7", OmitStatus: true}))
	if !strings.Contains(got, `validate-with="pacemaker-3.7"`) || strings.Contains(got, "status") {
		t.Errorf("options ignored:\n%s", got)
	}
}

// generatedModel is a configuration as a converter builds it: no ids below
// the resources and constraints, some of them colliding.
func generatedModel() *model.Cluster {
	meta := func(pairs ...string) []*model.NVSet {
		s := &model.NVSet{Kind: "meta_attributes"}
		for i := 0; i+1 < len(pairs); i += 2 {
			s.Pairs = append(s.Pairs, &model.NVPair{Name: pairs[i], Value: pairs[i+1]})
		}
		return []*model.NVSet{s}
	}
	inst := func(pairs ...string) []*model.NVSet {
		s := meta(pairs...)
		s[0].Kind = "instance_attributes"
		return s
	}
	web := &model.Primitive{
		ResourceCommon: model.ResourceCommon{ID: "web", MetaAttrs: meta("target-role", "Started"),
			InstanceAttrs: inst("configfile", "/etc/httpd/conf/httpd.conf", "statusurl", `http://localhost/?a=1&b="2"`)},
		Class: "ocf", Provider: "heartbeat", Type: "apache",
		Operations: &model.Operations{Ops: []*model.Op{
			{Name: "monitor", Interval: "10s", Timeout: "20s"},
			{Name: "start", Interval: "0s", Timeout: "40s"},
		}},
	}
	// "ip-instance_attributes" is taken by a resource, so the set gets -1.
	clash := &model.Primitive{ResourceCommon: model.ResourceCommon{ID: "ip-instance_attributes"},
		Class: "ocf", Provider: "pacemaker", Type: "Dummy"}
	ip := &model.Primitive{ResourceCommon: model.ResourceCommon{ID: "ip", InstanceAttrs: inst("ip", "10.0.0.5", "cidr_netmask", "24")},
		Class: "ocf", Provider: "heartbeat", Type: "IPaddr2"}
	g := &model.Group{ResourceCommon: model.ResourceCommon{ID: "g"}, Members: []*model.Primitive{ip, web}}
	cfg := &model.Configuration{
		ClusterOptions: []*model.NVSet{{Kind: "cluster_property_set", Pairs: []*model.NVPair{
			{Name: "stonith-enabled", Value: "false"}, {Name: "cluster-name", Value: "line1\nline2\t<tab>"}}}},
		Nodes:     []*model.Node{{ID: "1", Uname: "n1"}, {ID: "2", Uname: "n2"}},
		Resources: []model.Resource{g, clash},
		Constraints: []model.Constraint{
			&model.Location{Rsc: "g", Rules: []*model.Rule{{Score: "-INFINITY", Expressions: []model.Expression{
				&model.Expr{Attribute: "#uname", Operation: "eq", Value: "n2"},
				&model.DateExpr{Operation: "date_spec", DateSpec: &model.DateSpec{Fields: model.Attrs{{Name: "hours", Value: "9-17"}}}},
			}}}},
			&model.Location{Rsc: "g", Node: "n1", Score: "100"},
			&model.Order{First: "ip", Then: "web", Kind: "Mandatory"},
			&model.Colocation{Score: "INFINITY", Sets: []*model.ResourceSet{
				{Resources: []*model.IDRef{{ID: "ip"}, {ID: "web"}}}, {Resources: []*model.IDRef{{ID: "ip-instance_attributes"}}}}},
		},
		RscDefaults: meta("resource-stickiness", "100"),
		OpDefaults:  meta("timeout", "30s"),
	}
	return &model.Cluster{Config: cfg}
}

func TestGeneratedIDs(t *testing.T) {
	c := generatedModel()
	out := emit(t, c, emitcib.Options{})
	golden.Check(t, filepath.Join(goldens, "generated-ids.xml"), out)
	m, ds := cib.Parse(out, "generated-ids.xml")
	if len(ds) > 0 {
		t.Fatalf("emitted CIB has findings: %v", ds)
	}
	// Values survive escaping.
	v, _ := m.Config.ClusterOption("cluster-name")
	if v != "line1\nline2\t<tab>" {
		t.Errorf("cluster-name = %q", v)
	}
	if got, _ := model.Lookup(m.Config.Resources[0].(*model.Group).Members[1].InstanceAttrs, "statusurl"); got != `http://localhost/?a=1&b="2"` {
		t.Errorf("statusurl = %q", got)
	}
	// The model itself is not changed.
	if c.Config.ClusterOptions[0].ID != "" {
		t.Error("Emit changed the model")
	}
	if !bytes.Contains(out, []byte(`id="ip-instance_attributes-1"`)) || !bytes.Contains(out, []byte(`id="web-monitor-interval-10s"`)) {
		t.Errorf("unexpected id scheme:\n%s", out)
	}
}

func TestUnknownKeptVerbatim(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(inputs, "unknown.xml"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := cib.Parse(src, "unknown.xml")
	out := string(emit(t, m, emitcib.Options{}))
	for _, s := range []string{`colour="blue"`, `<vendor-extension id="ve1" level="3">`, `<inner>text</inner>`, `<frobnicator id="f1"/>`, `vendor:flavour="x"`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %s:\n%s", s, out)
		}
	}
}

func TestBrokenRawXMLIsAnError(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{Base: model.Base{Unknown: []model.RawXML{{XML: "<a><b></a>"}}}}}
	if err := emitcib.Emit(&bytes.Buffer{}, c, emitcib.Options{}); err == nil {
		t.Error("no error for malformed kept XML")
	}
	if err := emitcib.Emit(&bytes.Buffer{}, nil, emitcib.Options{}); err == nil {
		t.Error("no error for nil cluster")
	}
}

func TestCommentsStayLegal(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{
		&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "p", Base: model.Base{Comments: []string{" crm says -- this -"}}},
			Class: "ocf", Provider: "pacemaker", Type: "Dummy"}}}}
	out := emit(t, c, emitcib.Options{})
	if _, ds := cib.Parse(out, "c.xml"); ds.HasErrors() {
		t.Fatalf("%v\n%s", ds, out)
	}
}

func TestSetKindFromPlace(t *testing.T) {
	pair := []*model.NVPair{{Name: "n", Value: "v"}}
	c := &model.Cluster{Config: &model.Configuration{
		ClusterOptions: []*model.NVSet{{Pairs: pair}},
		RscDefaults:    []*model.NVSet{{Pairs: pair}},
		Resources: []model.Resource{&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "p",
			MetaAttrs: []*model.NVSet{{Pairs: pair}}, Utilization: []*model.NVSet{{Pairs: pair}}},
			Class: "ocf", Provider: "pacemaker", Type: "Dummy"}},
	}}
	out := string(emit(t, c, emitcib.Options{}))
	for _, s := range []string{`<cluster_property_set id="cib-bootstrap-options">`, `<meta_attributes id="rsc-options">`,
		`<meta_attributes id="p-meta_attributes">`, `<utilization id="p-utilization">`} {
		if !strings.Contains(out, s) {
			t.Errorf("no %s in\n%s", s, out)
		}
	}
}

func TestNilEntriesSkipped(t *testing.T) {
	var nilPrim *model.Primitive
	c := &model.Cluster{Config: &model.Configuration{
		ClusterOptions: []*model.NVSet{nil, {Pairs: []*model.NVPair{nil}}},
		Nodes:          []*model.Node{nil},
		Resources:      []model.Resource{nil, nilPrim, &model.Group{ResourceCommon: model.ResourceCommon{ID: "g"}, Members: []*model.Primitive{nil}}},
		Constraints:    []model.Constraint{nil, &model.Location{ID: "l", Rsc: "g", Rules: []*model.Rule{nil, {Expressions: []model.Expression{nil}}}}},
	}}
	emit(t, c, emitcib.Options{})
}
