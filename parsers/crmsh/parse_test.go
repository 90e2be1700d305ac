package crmsh_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	emitcrm "hakit/emit/crmsh"
	"hakit/model"
	"hakit/parsers/crmsh"
)

const testdata = "../../testdata/crmsh"

func validFiles(t testing.TB) []string {
	fs, err := filepath.Glob(filepath.Join(testdata, "*.crm"))
	if err != nil || len(fs) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	return fs
}

func TestValidFilesParseClean(t *testing.T) {
	for _, f := range validFiles(t) {
		src, _ := os.ReadFile(f)
		_, ds := crmsh.Parse(src, f)
		if ds.HasErrors() {
			t.Errorf("%s:\n%s", f, ds.Error())
		}
	}
}

// TestInvalid asserts code and line:col of the first error of each invalid
// input.
func TestInvalid(t *testing.T) {
	want := map[string]string{
		"01-unknown-command.crm":           "2:1 HA2004 did you mean primitive?",
		"02-op-interfal.crm":               "1:30 HA2005 unknown operation attribute interfal; did you mean interval?",
		"03-typo-quotes.crm":               "1:32 HA2003 typographic quote",
		"04-unterminated-quote.crm":        "1:32 HA2002 unterminated double quote",
		"05-unterminated-continuation.crm": "2:22 HA2002 continuation",
		"06-duplicate-id.crm":              "2:11 HA2006 duplicate id",
		"07-missing-id.crm":                "1:10 HA2001 expected resource id",
		"08-undefined-colocation.crm":      "2:22 HA2007 nosuch is not defined",
		"09-group-missing-member.crm":      "2:11 HA2007 member nosuch",
		"10-rule-mixed-boolops.crm":        "2:50 HA2008 mixing boolean",
		"11-rule-bad-operator.crm":         "2:31 HA2008 expected an operator",
		"12-bad-role.crm":                  "3:20 HA2011 invalid role",
		"13-bad-order-kind.crm":            "3:10 HA2011 invalid order kind",
		"14-unmatched-bracket.crm":         "4:27 HA2001 unmatched opening bracket",
		"15-location-no-score.crm":         "2:15 HA2001 expected <score>",
		"16-bad-date-op.crm":               "2:29 HA2008 unknown date operation",
		"17-op-order.crm":                  "1:49 HA2005 must come before",
		"18-bad-class.crm":                 "1:13 HA2011 unknown resource type",
		"19-duplicate-property.crm":        "2:1 HA2006 duplicate id",
		"20-xml-broken.crm":                "1:5 HA2009 xml",
		"21-node-normal.crm":               "1:6 HA2011 type normal",
		"22-bad-on-fail.crm":               "2:26 HA2011 invalid on-fail",
		"23-legacy-user-mixed.crm":         "3:1 HA2001 legacy ACL form",
		"24-idref-forward.crm":             "2:9 HA2007 defined further down",
	}
	fs, _ := filepath.Glob(filepath.Join(testdata, "invalid", "*.crm"))
	if len(fs) < 15 {
		t.Fatalf("want at least 15 invalid inputs, have %d", len(fs))
	}
	for _, f := range fs {
		name := filepath.Base(f)
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: no expectation", name)
			continue
		}
		src, _ := os.ReadFile(f)
		_, ds := crmsh.Parse(src, f)
		var first *model.Diagnostic
		for _, d := range ds {
			if d.Severity == model.SeverityError {
				first = d
				break
			}
		}
		if first == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		pos, rest, _ := strings.Cut(w, " ")
		code, text, _ := strings.Cut(rest, " ")
		got := fmt.Sprintf("%d:%d", first.Subject.Start.Line, first.Subject.Start.Column)
		if got != pos || first.Code != code || !strings.Contains(first.Summary, text) {
			t.Errorf("%s: got %s %s %q, want %s %s ...%q...", name, got, first.Code, first.Summary, pos, code, text)
		}
	}
}

func TestEmitRoundTrip(t *testing.T) {
	for _, f := range validFiles(t) {
		src, _ := os.ReadFile(f)
		c, _ := crmsh.Parse(src, f)
		var b1, b2 bytes.Buffer
		if err := emitcrm.Emit(&b1, c, emitcrm.Options{}); err != nil {
			t.Errorf("%s: emit: %v", f, err)
			continue
		}
		c2, ds := crmsh.Parse(b1.Bytes(), f+".out")
		if ds.HasErrors() {
			t.Errorf("%s: re-parse of emitted text:\n%s\n%s", f, ds.Error(), b1.String())
			continue
		}
		if err := emitcrm.Emit(&b2, c2, emitcrm.Options{}); err != nil {
			t.Errorf("%s: emit 2: %v", f, err)
		}
		if b1.String() != b2.String() {
			t.Errorf("%s: emit not idempotent:\n%s\n---\n%s", f, b1.String(), b2.String())
		}
	}
}

func FuzzParse(f *testing.F) {
	fs, _ := filepath.Glob(filepath.Join(testdata, "*.crm"))
	inv, _ := filepath.Glob(filepath.Join(testdata, "invalid", "*.crm"))
	for _, p := range append(fs, inv...) {
		src, _ := os.ReadFile(p)
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := crmsh.Parse(src, "fuzz.crm")
		for _, d := range ds {
			if d.Subject == nil || d.Subject.Start.Byte < 0 || d.Subject.End.Byte > len(src) || d.Subject.Start.Byte > d.Subject.End.Byte {
				t.Fatalf("diagnostic range outside the source: %v", d.Error())
			}
		}
		if ds.HasErrors() {
			return
		}
		var b bytes.Buffer
		if err := emitcrm.Emit(&b, c, emitcrm.Options{}); err != nil {
			return
		}
		if _, ds2 := crmsh.Parse(b.Bytes(), "fuzz.out.crm"); ds2.HasErrors() {
			t.Fatalf("emit -> re-parse has errors:\n%s\ninput:\n%s\nemitted:\n%s", ds2.Error(), src, b.String())
		}
	})
}

// Generate500 writes 500 primitives and 500 constraints.
func Generate500() []byte {
	var b strings.Builder
	b.WriteString("node n1\nnode n2\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "primitive p%d ocf:heartbeat:Dummy \\\n\tparams state=/run/p%d \\\n\top monitor interval=10s timeout=20s\n", i, i)
	}
	for i := 0; i < 500; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "location l%d p%d 100: n%d\n", i, i, i%2+1)
		case 1:
			fmt.Fprintf(&b, "colocation c%d inf: p%d p%d\n", i, i, i-1)
		default:
			fmt.Fprintf(&b, "order o%d Mandatory: p%d p%d\n", i, i-1, i)
		}
	}
	return []byte(b.String())
}

// TestModelRoundTrip: parse(emit(m)) equals m, ignoring ranges and the
// order of top-level resources (the emitter writes crmsh's order).
func TestModelRoundTrip(t *testing.T) {
	opts := []cmp.Option{
		cmpopts.IgnoreFields(model.Base{}, "Range"),
		cmpopts.IgnoreFields(model.RawXML{}, "Range"),
		cmpopts.SortSlices(func(a, b model.Resource) bool { return a.ResourceID() < b.ResourceID() }),
		cmpopts.EquateEmpty(),
		// crm configure show prints the ids of nvpairs, attribute sets and
		// rules only when an id-ref names them (crmsh's is_id_refd), and
		// so does the emitter: unreferenced ones are regenerated on load,
		// as with crmsh (cibnorm ignores them too).
		cmpopts.IgnoreFields(model.NVSet{}, "ID"), cmpopts.IgnoreFields(model.NVPair{}, "ID"),
		cmpopts.IgnoreFields(model.Rule{}, "ID"), cmpopts.IgnoreFields(model.Expr{}, "ID"),
		cmpopts.IgnoreFields(model.DateExpr{}, "ID"), cmpopts.IgnoreFields(model.DateSpec{}, "ID"),
	}
	for _, f := range validFiles(t) {
		src, _ := os.ReadFile(f)
		m, _ := crmsh.Parse(src, f)
		var b bytes.Buffer
		if err := emitcrm.Emit(&b, m, emitcrm.Options{}); err != nil {
			t.Fatal(err)
		}
		m2, _ := crmsh.Parse(b.Bytes(), f)
		if d := cmp.Diff(m, m2, opts...); d != "" {
			t.Errorf("%s: parse(emit(m)) != m (-m +parse(emit(m))):\n%s", f, d)
		}
	}
}

// crmsh refuses object ids that do not start with a letter or _ ("invalid
// object id"); so does hakit (issue 16's fuzz crasher "primitive 0").
func TestInvalidObjectIDs(t *testing.T) {
	for _, src := range []string{"primitive 0 Dummy\n", "primitive 1bad Dummy\n", "primitive a Dummy\nlocation 00 a 100: n1\n"} {
		_, ds := crmsh.Parse([]byte(src), "ids.crm")
		if !ds.HasErrors() || !strings.Contains(ds.Error(), "invalid object id") {
			t.Errorf("%q: want invalid object id, got %v", src, ds)
		}
	}
	for _, id := range []string{"a", "_x", "a.b-c_1", "rés"} {
		if !crmsh.ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	for _, id := range []string{"", "0", "1bad", "-a", ".a", "é", "a b", "a:b"} {
		if crmsh.ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
}

// nvpairs' fast path for name=value reads what nvRE reads.
func TestNVPairFastPathAsRegexp(t *testing.T) {
	nvRE := regexp.MustCompile(`^([^=@$][^=]*)=(.*)$`)
	for _, v := range []string{"a=b", "a=", "=b", "a==b", "a=b=c", "@a=b", "$a=b", "a b=c", "a=b\nc", "a\nb=c", "ä=ö", "a=\"x y\"", "a"} {
		i := strings.IndexByte(v, '=')
		fast := i > 0 && v[0] != '@' && v[0] != '$' && !strings.Contains(v[i+1:], "\n")
		m := nvRE.FindStringSubmatch(v)
		if fast && (m == nil || m[1] != v[:i] || m[2] != v[i+1:]) || !fast && m != nil && v[0] != '@' && v[0] != '$' {
			t.Errorf("%q: fast path %v, regexp %q", v, fast, m)
		}
	}
}

// crm configure show prints a bundle holding a primitive as xml and the
// primitive again as a statement: read back as one primitive, and refused
// when the two differ.
func TestBundleXMLWithPrimitiveStatement(t *testing.T) {
	const bundle = `xml <bundle id="b"> <docker image="img" replicas="1"/> <primitive id="p" class="ocf" provider="heartbeat" type="Dummy"> <instance_attributes id="p-ia"> <nvpair id="p-ia-x" name="x" value="1"/> </instance_attributes> </primitive> </bundle>` + "\n"
	m, ds := crmsh.Parse([]byte("primitive p Dummy params x=1\n"+bundle), "b.crm")
	if ds.HasErrors() || len(m.Config.Resources) != 1 {
		t.Fatalf("want one bundle, got %d resources: %v", len(m.Config.Resources), ds)
	}
	if b, ok := m.Config.Resources[0].(*model.Bundle); !ok || b.Primitive == nil || b.Primitive.InstanceAttrs[0].ID != "p-ia" {
		t.Fatalf("want the bundle's own primitive, with its ids: %#v", m.Config.Resources[0])
	}
	_, ds = crmsh.Parse([]byte("primitive p Dummy params x=2\n"+bundle), "b.crm")
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "primitive p is defined twice, differently") {
		t.Fatalf("want the difference refused, got %v", ds)
	}
}

// A word the CIB cannot hold is refused without being quoted: it may be a
// fence password.
func TestUnwritableWordNotQuoted(t *testing.T) {
	src := []byte("primitive f stonith:fence_ipmilan params ipaddr=192.0.2.1 passwd=\"s3cr\x01t\"\n")
	_, ds := crmsh.Parse(src, "f.crm")
	if !ds.HasErrors() {
		t.Fatal("a password with a control character was accepted")
	}
	for _, d := range ds {
		if strings.Contains(d.Error(), "s3cr") {
			t.Errorf("the finding quotes the password: %s", d.Error())
		}
	}
}
