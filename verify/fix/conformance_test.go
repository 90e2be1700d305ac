//go:build conformance

package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestConformanceFixAccepted: what hakit fix writes is accepted by the real
// tools — crm_verify (Pacemaker 2.1.5) for CIB XML, crmsh (crm configure load
// update into an empty CIB, then crm_verify) for crm files — for every target.
// Six crm runs of about a second each.
func TestConformanceFixAccepted(t *testing.T) {
	for _, tool := range []string{"crm_verify", "crm", "cibadmin"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required: %v", tool, err)
		}
	}
	for _, target := range Targets {
		t.Run("xml/"+target, func(t *testing.T) {
			res := fixFile(t, "legacy.xml", Options{Target: target})
			p := filepath.Join(t.TempDir(), "cib.xml")
			if err := os.WriteFile(p, res.Out, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("crm_verify", "-x", p, "-VV").CombinedOutput()
			if err != nil || strings.Contains(string(out), "error:") {
				t.Errorf("crm_verify rejects the fixed CIB (%v):\n%s", err, out)
			}
		})
		t.Run("crm/"+target, func(t *testing.T) {
			res := fixFile(t, "legacy.crm", Options{Target: target})
			dir := t.TempDir()
			crmFile, cibFile := filepath.Join(dir, "fixed.crm"), filepath.Join(dir, "cib.xml")
			if err := os.WriteFile(crmFile, res.Out, 0o644); err != nil {
				t.Fatal(err)
			}
			empty, err := exec.Command("cibadmin", "--empty").Output()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cibFile, empty, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("crm", "configure", "load", "update", crmFile)
			cmd.Env = append(os.Environ(), "CIB_file="+cibFile)
			if out, err := cmd.CombinedOutput(); err != nil || strings.Contains(string(out), "ERROR") {
				t.Fatalf("crmsh rejects the fixed file (%v):\n%s", err, out)
			}
			loaded, _ := os.ReadFile(cibFile)
			if !strings.Contains(string(loaded), `name="promotable" value="true"`) {
				t.Errorf("crmsh lost promotable=true:\n%s", loaded)
			}
			out, _ := exec.Command("crm_verify", "-x", cibFile, "-VV").CombinedOutput()
			if strings.Contains(string(out), "error:") {
				t.Errorf("crm_verify rejects what crmsh made of the fixed file:\n%s", out)
			}
		})
	}
}
