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

// crmVerifyOnly lists testdata where hakit deliberately differs from
// crm_verify (documented in the rules' Doc).
var crmVerifyOnly = map[string]string{
	"HA1001/good-no-resources.xml":          "hakit is silent when there is no resource to start",
	"HA1001/good-fencing-enabled-false.xml": "Pacemaker 2 ignores fencing-enabled; hakit reports that as HA1008, not HA1001",
	"HA1008/bad.xml":                        "Pacemaker 3 names (fencing-enabled, no-quorum-policy=fence): hakit reads them as Pacemaker 3 does (HA1007) and reports them as HA1008",
}

var invalidOption = regexp.MustCompile(`Using default value for cluster option '([^']+)' because '([^']*)' is invalid`)

// TestConformanceHA10 runs crm_verify (Pacemaker 2.1.5) on the HA10xx CIB
// testdata and checks that hakit agrees: HA1001 exactly when crm_verify says
// no STONITH resources are defined, an HA1002 finding for every option
// crm_verify rejects, and HA1007 exactly when it resets no-quorum-policy.
func TestConformanceHA10(t *testing.T) {
	if _, err := exec.LookPath("crm_verify"); err != nil {
		t.Fatalf("crm_verify is required: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(testdataRoot, "HA10*", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(testdataRoot, f)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			out, _ := exec.Command("crm_verify", "-V", "-x", f).CombinedOutput()
			text := string(out)
			if strings.Contains(text, "did not pass schema validation") {
				t.Skipf("crm_verify rejects the schema (legacy names): %s", text)
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, ds := cib.Parse(src, f)
			found := verify.Run(context.Background(), []*verify.Input{{Filename: f, Format: "cib", Src: src, Cluster: c, Diagnostics: ds}}, nil)
			has := func(code string) []*model.Diagnostic {
				var out []*model.Diagnostic
				for _, d := range found {
					if d.Code == code {
						out = append(out, d)
					}
				}
				return out
			}
			if why, ok := crmVerifyOnly[rel]; ok {
				t.Logf("known difference: %s", why)
				return
			}
			crmNoFencing := strings.Contains(text, "no STONITH resources have been defined")
			if crmNoFencing != (len(has("HA1001")) > 0) {
				t.Errorf("crm_verify no-STONITH error %v, hakit HA1001 %v\n%s", crmNoFencing, len(has("HA1001")) > 0, text)
			}
			crmReset := strings.Contains(text, "Resetting no-quorum-policy")
			if crmReset != (len(has("HA1007")) > 0) {
				t.Errorf("crm_verify reset of no-quorum-policy %v, hakit HA1007 %v\n%s", crmReset, len(has("HA1007")) > 0, text)
			}
			for _, m := range invalidOption.FindAllStringSubmatch(text, -1) {
				ok := false
				for _, d := range has("HA1002") {
					if strings.Contains(d.Summary, "option "+m[1]+":") && strings.Contains(d.Summary, `"`+m[2]+`"`) {
						ok = true
					}
				}
				for _, d := range has("HA1008") {
					if m[1] == "no-quorum-policy" && m[2] == "fence" && strings.Contains(d.Summary, "fence") {
						ok = true
					}
				}
				if !ok {
					t.Errorf("crm_verify rejects %s=%q, hakit does not", m[1], m[2])
				}
			}
			if len(has("HA1002")) > 0 && !invalidOption.MatchString(text) {
				for _, d := range has("HA1002") {
					if strings.Contains(d.Detail, "crm_verify:") {
						t.Errorf("hakit says crm_verify rejects this, crm_verify does not: %s", d.Error())
					}
				}
			}
		})
	}
}
