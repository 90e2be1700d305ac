package crmsh_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakit/parsers/crmsh"
)

var wantRE = regexp.MustCompile(`want((?:[\s,]+HA\d{4})+)`)

// TestRuleTestdata checks testdata/verify/HA2*/ the way the verify harness
// does, so the files are right before the format is registered.
func TestRuleTestdata(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/verify/HA2*")
	if len(dirs) == 0 {
		t.Fatal("no HA2 rule testdata")
	}
	for _, d := range dirs {
		id := filepath.Base(d)
		for _, kind := range []string{"bad", "good"} {
			f := filepath.Join(d, kind+".crm")
			src, err := os.ReadFile(f)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			if crmsh.Detect(f, src) < 80 {
				t.Errorf("%s: not detected as crm", f)
			}
			_, ds := crmsh.Parse(src, f)
			got := map[int]bool{}
			for _, dg := range ds {
				if dg.Code == id {
					got[dg.Subject.Start.Line] = true
				}
			}
			want := map[int]bool{}
			for i, l := range strings.Split(string(src), "\n") {
				if m := wantRE.FindStringSubmatch(l); m != nil && strings.Contains(m[1], id) {
					want[i+1] = true
				}
			}
			if kind == "good" {
				if len(got) > 0 {
					t.Errorf("%s: findings %v: %s", f, got, ds.Error())
				}
				continue
			}
			for l := range want {
				if !got[l] {
					t.Errorf("%s:%d: missing %s (%s)", f, l, id, ds.Error())
				}
			}
			for l := range got {
				if !want[l] {
					t.Errorf("%s:%d: unexpected %s", f, l, id)
				}
			}
		}
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name, src string
		min       int
	}{
		{"x.crm", "anything", 85},
		{"config", "# hi\nprimitive a Dummy\n", 90},
		{"config", "node n1\n", 90},
		{"corosync.conf", "totem {\n", 0},
		{"cib.xml", "<cib/>", 0},
	} {
		got := crmsh.Detect(c.name, []byte(c.src))
		if (c.min == 0 && got != 0) || got < c.min {
			t.Errorf("Detect(%q, %q) = %d, want >= %d", c.name, c.src, got, c.min)
		}
	}
}

func TestDetectHaCf(t *testing.T) {
	if got := crmsh.Detect("config", []byte("node alpha beta\nkeepalive 2\ndeadtime 30\n")); got >= 50 {
		t.Errorf("ha.cf-like content scored %d", got)
	}
	if got := crmsh.Detect("ha.cf", []byte("node alpha\n")); got != 0 {
		t.Errorf("ha.cf scored %d", got)
	}
}
