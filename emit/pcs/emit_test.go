package pcs_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/emit/cib"
	"hakit/emit/corosync"
	emitpcs "hakit/emit/pcs"
	"hakit/internal/golden"
	"hakit/model"
	parsepcs "hakit/parsers/pcs"
)

func scripts(t *testing.T) []string {
	files, _ := filepath.Glob("../../testdata/pcs/*.sh")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	return files
}

func emit(t *testing.T, c *model.Cluster) ([]byte, model.Diagnostics) {
	t.Helper()
	var b bytes.Buffer
	ds, err := emitpcs.EmitWithReport(&b, c, emitpcs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), ds
}

// cibOf renders a model as CIB XML (and corosync.conf) for comparison,
// without the secrets the pcs script replaces by variables.
func cibOf(t *testing.T, c *model.Cluster) string {
	t.Helper()
	var b bytes.Buffer
	if c.Config != nil {
		if err := cib.Emit(&b, c, cib.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if c.Membership != nil {
		m := *c.Membership
		m.Origin = "corosync"
		if err := corosync.Emit(&b, &model.Cluster{Membership: &m}, corosync.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, `name="password"`) || strings.Contains(l, `name="passwd"`) || strings.HasSuffix(l, `_attributes"/>`) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func TestEmitGolden(t *testing.T) {
	for _, f := range scripts(t) {
		src, _ := os.ReadFile(f)
		c, ds := parsepcs.Parse(src, f)
		if ds.HasErrors() {
			t.Fatalf("%s: %s", f, ds.Error())
		}
		out, _ := emit(t, c)
		name := strings.TrimSuffix(filepath.Base(f), ".sh")
		golden.Check(t, filepath.Join("../../testdata/pcs/emit", name+".sh.golden"), out)
	}
}

// TestRoundTrip: the emitted script re-parses without errors to the same
// model (compared as CIB XML and corosync.conf), and emitting is
// idempotent.
func TestRoundTrip(t *testing.T) {
	for _, f := range scripts(t) {
		src, _ := os.ReadFile(f)
		c, _ := parsepcs.Parse(src, f)
		out, _ := emit(t, c)
		c2, ds := parsepcs.Parse(out, "emitted.sh")
		if ds.HasErrors() {
			t.Errorf("%s: emitted script does not re-parse:\n%s\n%s", f, ds.Error(), out)
			continue
		}
		if a, b := cibOf(t, c), cibOf(t, c2); a != b {
			t.Errorf("%s: parse(emit(m)) differs from m:\n--- m\n%s\n--- parse(emit(m))\n%s", f, a, b)
		}
		out2, _ := emit(t, c2)
		if !bytes.Equal(out, out2) {
			t.Errorf("%s: emitting twice differs:\n%s\n---\n%s", f, out, out2)
		}
	}
}

func TestFencePasswordNeverWritten(t *testing.T) {
	src := []byte("pcs stonith create fence-n1 fence_ipmilan ip=10.0.0.1 username=admin password=s3cr3t-value\n")
	c, ds := parsepcs.Parse(src, "f.sh")
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	out, diags := emit(t, c)
	if bytes.Contains(out, []byte("s3cr3t-value")) || strings.Contains(diags.Error(), "s3cr3t-value") {
		t.Fatalf("password leaked:\n%s\n%s", out, diags.Error())
	}
	if !bytes.Contains(out, []byte(`password="${FENCE_PASSWORD_FENCE_N1:?set me}"`)) {
		t.Fatalf("no password variable:\n%s", out)
	}
	if len(diags) != 1 || diags[0].Code != "HA3050" {
		t.Fatalf("want one HA3050, got %v", diags)
	}
}

func TestCannotExpress(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{
		&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "tpl"}, IsTemplate: true, Class: "ocf", Provider: "heartbeat", Type: "Dummy"},
	}}}
	out, diags := emit(t, c)
	if len(diags) != 1 || diags[0].Code != "HA3051" || diags[0].Severity != model.SeverityInfo ||
		!bytes.Contains(out, []byte(`CIB_file="$CIB_FILE" cibadmin --create -o resources --xml-text '<template id="tpl"`)) {
		t.Fatalf("got %v\n%s", diags, out)
	}
}

func TestRawFallbackKeepsSecretsOut(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{
		&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "f1", InstanceAttrs: []*model.NVSet{
			{ID: "f1-ia", Pairs: []*model.NVPair{{ID: "f1-pw", Name: "password", Value: "s3cr3t-value"}}},
			{ID: "f1-ia2", Pairs: []*model.NVPair{{ID: "f1-x", Name: "x", Value: "1"}}},
		}}, Class: "stonith", Type: "fence_ipmilan"},
	}}}
	out, diags := emit(t, c)
	if bytes.Contains(out, []byte("s3cr3t-value")) || strings.Contains(diags.Error(), "s3cr3t-value") {
		t.Fatalf("password leaked:\n%s\n%s", out, diags.Error())
	}
}

func TestRawFallbackReparses(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{
		&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "tpl"}, IsTemplate: true, Class: "ocf", Provider: "heartbeat", Type: "Dummy"},
	}}}
	out, _ := emit(t, c)
	if _, ds := parsepcs.Parse(out, "out.sh"); ds.HasErrors() {
		t.Fatalf("re-parse: %s\n%s", ds.Error(), out)
	}
}

// A fence device written as a raw cibadmin edit is read back by the pcs
// parser, so a fencing level naming it re-parses (issue 16's fuzz crasher).
func TestRawStonithReparses(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{
		Resources:       []model.Resource{&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "f1", Description: "d"}, Class: "stonith", Type: "fence_xvm"}},
		FencingTopology: &model.FencingTopology{Levels: []*model.FencingLevel{{ID: "fl-n1-1", Target: "n1", Index: "1", Devices: "f1"}}},
	}}
	out, _ := emit(t, c)
	if !bytes.Contains(out, []byte(`cibadmin --create -o resources`)) {
		t.Fatalf("want a raw edit:\n%s", out)
	}
	c2, ds := parsepcs.Parse(out, "out.sh")
	if ds.HasErrors() {
		t.Fatalf("re-parse: %s\n%s", ds.Error(), out)
	}
	if a, b := cibOf(t, c), cibOf(t, c2); a != b {
		t.Fatalf("differs:\n%s\n---\n%s", a, b)
	}
}

// A defaults set whose rule pcs would write differently (no boolean-op:
// pcs writes "and") stays a raw edit of that set alone; the others are pcs
// commands. Both re-parse to the same model.
func TestDefaultsSetRawOrPcs(t *testing.T) {
	rule := func(id, op string) *model.Rule {
		return &model.Rule{ID: id, Score: "INFINITY", BooleanOp: op, Expressions: []model.Expression{
			&model.RscExpr{ID: id + "-rsc-ocf-pacemaker-Dummy", Class: "ocf", Provider: "pacemaker", Type: "Dummy"}}}
	}
	c := &model.Cluster{Config: &model.Configuration{RscDefaults: []*model.NVSet{
		{Kind: "meta_attributes", ID: "plain", Rule: rule("plain-rule", "and"), Pairs: []*model.NVPair{{ID: "plain-a", Name: "a", Value: "1"}}},
		{Kind: "meta_attributes", ID: "noop", Rule: rule("noop-rule", ""), Pairs: []*model.NVPair{{ID: "noop-b", Name: "b", Value: "2"}}},
	}}}
	out, diags := emit(t, c)
	if !bytes.Contains(out, []byte("resource defaults set create id=plain meta a=1 rule resource ocf:pacemaker:Dummy")) ||
		!bytes.Contains(out, []byte(`cibadmin --modify --xml-text '<configuration><rsc_defaults><meta_attributes id="noop">`)) {
		t.Fatalf("got %v\n%s", diags, out)
	}
	c2, ds := parsepcs.Parse(out, "out.sh")
	if ds.HasErrors() {
		t.Fatalf("re-parse: %s\n%s", ds.Error(), out)
	}
	if a, b := cibOf(t, c), cibOf(t, c2); a != b {
		t.Fatalf("differs:\n%s\n---\n%s", a, b)
	}
}

// A rule another element names by id-ref keeps its ids: raw edit.
func TestDefaultsSetReferencedRuleRaw(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{RscDefaults: []*model.NVSet{
		{Kind: "meta_attributes", ID: "s1", Rule: &model.Rule{ID: "r1", Score: "INFINITY", BooleanOp: "and", Expressions: []model.Expression{
			&model.RscExpr{ID: "r1-x", Class: "ocf", Provider: "pacemaker", Type: "Dummy"}}}, Pairs: []*model.NVPair{{ID: "s1-a", Name: "a", Value: "1"}}},
		{Kind: "meta_attributes", ID: "s2", Rule: &model.Rule{IDRef: "r1"}, Pairs: []*model.NVPair{{ID: "s2-b", Name: "b", Value: "2"}}},
	}}}
	out, _ := emit(t, c)
	if bytes.Contains(out, []byte("set create id=s1")) || !bytes.Contains(out, []byte(`<meta_attributes id="s1">`)) {
		t.Fatalf("want s1 raw:\n%s", out)
	}
}
