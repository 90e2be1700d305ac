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
