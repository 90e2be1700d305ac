package baseline

import (
	"strings"
	"testing"

	"hakit/model"
)

func diag(code, msg, file string, src string, needle string) *model.Diagnostic {
	off := strings.Index(src, needle)
	li := model.NewLineIndex([]byte(src))
	r := li.Range(file, off, off+len(needle))
	return &model.Diagnostic{Code: code, Summary: msg, Severity: model.SeverityError, Subject: &r}
}

// A fingerprint survives edits elsewhere in the file (lines move) and changes
// when the subject's own text, rule or message changes.
func TestFingerprintKeys(t *testing.T) {
	a := "primitive vip ocf:heartbeat:IPaddr2\n"
	b := "# a new comment\n\nprimitive vip ocf:heartbeat:IPaddr2\n"
	c := "primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.9\n"
	fa := Fingerprint(diag("HA1207", "vip has no monitor", "x.crm", a, "primitive vip"), []byte(a))
	fb := Fingerprint(diag("HA1207", "vip has no monitor", "x.crm", b, "primitive vip"), []byte(b))
	if fa != fb {
		t.Error("moving the subject changed its fingerprint")
	}
	if fc := Fingerprint(diag("HA1207", "vip has no monitor", "x.crm", c, "primitive vip"), []byte(c)); fc != fa {
		// The range covers "primitive vip" only: same text, same print.
		t.Error("text outside the subject's range changed the fingerprint")
	}
	if f := Fingerprint(diag("HA1208", "vip has no monitor", "x.crm", a, "primitive vip"), []byte(a)); f == fa {
		t.Error("another rule, same fingerprint")
	}
	if f := Fingerprint(diag("HA1207", "db has no monitor", "x.crm", a, "primitive vip"), []byte(a)); f == fa {
		t.Error("another subject, same fingerprint")
	}
}

// Each recorded finding hides one finding: a second, identical one is new.
func TestFilterCounts(t *testing.T) {
	src := "x\n"
	d := diag("HA1001", "m", "a", src, "x")
	f := New(model.Diagnostics{d}, map[string][]byte{"a": []byte(src)})
	out, hidden := f.Filter(model.Diagnostics{d, d}, map[string][]byte{"a": []byte(src)})
	if hidden != 1 || len(out) != 1 {
		t.Errorf("hidden %d, left %d; want 1 and 1", hidden, len(out))
	}
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(b, "b.json")
	if err != nil || len(g.Findings) != 1 || g.Findings[0].Fingerprint != f.Findings[0].Fingerprint {
		t.Errorf("round trip: %v %v", err, g)
	}
	if _, err := Parse([]byte(`{"version": 9}`), "b.json"); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("want a version error, got %v", err)
	}
}

func TestFingerprintIgnoresQuotedPositions(t *testing.T) {
	src := "mcastaddr: 239.255.1.1\n"
	a := Fingerprint(diag("HA4101", "overlaps port 5405 on another cluster (a/corosync.conf:8:9)", "b", src, "mcastaddr"), []byte(src))
	b := Fingerprint(diag("HA4101", "overlaps port 5405 on another cluster (a/corosync.conf:12:9)", "b", src, "mcastaddr"), []byte(src))
	if a != b {
		t.Error("a quoted position changed the fingerprint")
	}
}
