//go:build conformance

package verify_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakit/model"
	"hakit/parsers"
	"hakit/parsers/cib"
	"hakit/verify"
)

// defectHeader is the first comment of every defect CIB: the rule hakit
// must report and a fragment of what crm_verify says.
var defectHeader = regexp.MustCompile(`<!-- hakit defect: (HA\d{4}); crm_verify: (.*) -->`)

// crmVerify runs crm_verify -VV (errors and warnings) on path.
func crmVerify(t *testing.T, path string) (string, int) {
	t.Helper()
	cmd := exec.Command("crm_verify", "-x", path, "-VV")
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("crm_verify: %v", err)
	}
	return string(out), code
}

func hakitVerify(t *testing.T, path string) model.Diagnostics {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, ds := cib.Parse(src, path)
	return verify.Run(context.Background(), []*verify.Input{{Filename: path, Format: "cib", Src: src, Cluster: c, Diagnostics: ds}}, nil)
}

// TestConformancePacemakerDefects checks every defect CIB of
// testdata/defects: crm_verify reports the fragment its header names, and
// hakit reports the header's rule on every line marked "want ID" (the
// subject crm_verify names).
func TestConformancePacemakerDefects(t *testing.T) {
	if _, err := exec.LookPath("crm_verify"); err != nil {
		t.Fatalf("crm_verify is required: %v", err)
	}
	files, err := filepath.Glob("../testdata/defects/*.xml")
	if err != nil || len(files) < 40 {
		t.Fatalf("want at least 40 defect CIBs, have %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m := defectHeader.FindSubmatch(src)
			if m == nil {
				t.Fatalf("no <!-- hakit defect: ID; crm_verify: fragment --> header")
			}
			rule, frag := string(m[1]), strings.ReplaceAll(string(m[2]), "- -", "--")
			out, _ := crmVerify(t, f)
			if !strings.Contains(out, frag) {
				t.Errorf("crm_verify does not say %q:\n%s", frag, out)
			}
			want := map[int]bool{}
			for i, line := range strings.Split(string(src), "\n") {
				if strings.Contains(line, "want "+rule) {
					want[i+1] = true
				}
			}
			if len(want) == 0 {
				t.Fatalf("no line marked want %s", rule)
			}
			got := map[int]bool{}
			for _, d := range hakitVerify(t, f) {
				if d.Code == rule && d.Subject != nil {
					got[d.Subject.Start.Line] = true
				}
			}
			for l := range want {
				if !got[l] {
					t.Errorf("hakit reports no %s on line %d (crm_verify: %q)", rule, l, frag)
				}
			}
		})
	}
}

// TestConformancePacemakerClean checks that the clean clusters of
// testdata/clean get neither an error nor a warning from crm_verify (exit
// 0 with -VV) nor from hakit (every rule; information is allowed).
func TestConformancePacemakerClean(t *testing.T) {
	if _, err := exec.LookPath("crm_verify"); err != nil {
		t.Fatalf("crm_verify is required: %v", err)
	}
	files, err := filepath.Glob("../testdata/clean/*.xml")
	if err != nil || len(files) < 20 {
		t.Fatalf("want at least 20 clean clusters, have %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, code := crmVerify(t, f)
			if code != 0 || strings.Contains(out, "warning:") || strings.Contains(out, "error:") {
				t.Errorf("crm_verify exit %d:\n%s", code, out)
			}
			for _, d := range hakitVerify(t, f) {
				if d.Severity == model.SeverityError || d.Severity == model.SeverityWarning {
					t.Errorf("hakit: %s", d.Error())
				}
			}
		})
	}
}

// silentDoc are the phrases by which a rule's doc says crm_verify does not
// report what the rule finds (a deliberate difference, explained there).
var silentDoc = regexp.MustCompile(`crm_verify\s+(2\.1\.5\s+)?(is silent|does not|cannot|still accepts|accepts them silently|sees nothing|says nothing)|it is silent|goes beyond|not check|Pacemaker 3\.0 says|opt-in|Opt-in`)

// TestConformanceEveryBadCIB runs crm_verify on every bad CIB of the rule
// testdata (testdata/verify/HA0*, HA1*, HA7*/bad*.xml, about 125 files at
// about 0.1 s each): where crm_verify has no opinion (exit 0, no warning, no
// error), the rule's doc must say so — hakit's deliberate differences from
// crm_verify are documented, never silent. Where crm_verify has an opinion,
// hakit must report the rule (the rule testdata harness checks the lines).
func TestConformanceEveryBadCIB(t *testing.T) {
	if _, err := exec.LookPath("crm_verify"); err != nil {
		t.Fatalf("crm_verify is required: %v", err)
	}
	var files []string
	for _, g := range []string{"../testdata/verify/HA0*/bad*.xml", "../testdata/verify/HA1*/bad*.xml", "../testdata/verify/HA7*/bad*.xml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("want at least 100 bad CIBs, have %d", len(files))
	}
	agree, silent := 0, 0
	for _, f := range files {
		id := filepath.Base(filepath.Dir(f))
		r, ok := verify.Lookup(id)
		if !ok {
			t.Errorf("%s: no rule %s", f, id)
			continue
		}
		out, code := crmVerify(t, f)
		opinion := code != 0 || strings.Contains(out, "warning:") || strings.Contains(out, "error:")
		if !opinion {
			silent++
			if !silentDoc.MatchString(r.Doc) {
				t.Errorf("%s: crm_verify is clean, and %s's doc does not say why hakit differs", f, id)
			}
			continue
		}
		agree++
		found := false
		for _, d := range hakitVerifyAll(t, f, id) {
			if d.Code == id {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: crm_verify reports something, hakit no %s:\n%s", f, id, out)
		}
	}
	t.Logf("%d bad CIBs: crm_verify has an opinion on %d (hakit reports the rule on each), is clean on %d (documented)", len(files), agree, silent)
}

// hakitVerifyAll is hakitVerify with rule id enabled even when it is opt-in.
func hakitVerifyAll(t *testing.T, path, id string) model.Diagnostics {
	t.Helper()
	in, err := parsers.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, c, ds := parsers.Parse(in, nil)
	format := ""
	if f != nil {
		format = f.Name
	}
	return verify.Run(context.Background(), []*verify.Input{{Filename: path, Format: format, Src: in.Src, Cluster: c, Diagnostics: ds}}, &verify.Config{Enable: []string{id}})
}
