package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hakit fix rewrites in place (mode kept), --diff writes nothing, and a
// second run changes nothing.
func TestFixCLI(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"legacy.crm", "legacy.xml"} {
		src, err := os.ReadFile("../../testdata/fix/" + name)
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string]string{name: string(src)}, 0o640)
	}
	crm, xml := filepath.Join(dir, "legacy.crm"), filepath.Join(dir, "legacy.xml")
	before, _ := os.ReadFile(xml)

	got := runCLI(t, dir, "fix", "--diff", dir)
	if got.code != 0 || !strings.Contains(got.stdout, "-      <master id=\"db-ms\">") || !strings.Contains(got.stdout, "+clone db-ms db \\") {
		t.Errorf("--diff: want a unified diff of both files\n%s", got)
	}
	if now, _ := os.ReadFile(xml); string(now) != string(before) {
		t.Error("--diff changed the file")
	}

	got = runCLI(t, dir, "fix", "--target", "pacemaker-3.0.2", crm, xml)
	if got.code != 0 || !strings.Contains(got.stderr, "legacy.crm:14: fixed: ms db-ms → clone with promotable=true") {
		t.Errorf("fix: want the changes listed\n%s", got)
	}
	out, _ := os.ReadFile(crm)
	if !strings.Contains(string(out), "clone db-ms db \\\n    meta promoted-max=1 promoted-node-max=1 notify=true promotable=true") || !strings.Contains(string(out), "fencing-enabled=true") {
		t.Errorf("crm not fixed:\n%s", out)
	}
	if st, _ := os.Stat(crm); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", st.Mode().Perm())
	}
	matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}

	// Idempotent.
	first, _ := os.ReadFile(xml)
	got = runCLI(t, dir, "fix", "--target", "pacemaker-3.0.2", crm, xml)
	if again, _ := os.ReadFile(xml); got.code != 0 || string(again) != string(first) || strings.Contains(got.stderr, "fixed:") {
		t.Errorf("second fix changed something\n%s", got)
	}

	// The fixed files pass verify --target pacemaker-3.0.2 without errors.
	if got := runCLI(t, dir, "verify", "--target", "pacemaker-3.0.2", xml); got.code != 0 || strings.Contains(got.stdout, "HA1610") || strings.Contains(got.stdout, "HA1603") {
		t.Errorf("verify after fix\n%s", got)
	}
}

func TestFixCLIUsage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.crm": "primitive a ocf:pacemaker:Dummy\n", "corosync.conf": "totem {\n version: 2\n}\n"}, 0o644)
	if got := runCLI(t, dir, "fix", "--target", "pacemaker-9", filepath.Join(dir, "a.crm")); got.code != 2 {
		t.Errorf("unknown target: want exit 2\n%s", got)
	}
	if got := runCLI(t, dir, "fix", dir); got.code != 0 || !strings.Contains(got.stderr, "corosync.conf: skipped") {
		t.Errorf("other formats are skipped with a word\n%s", got)
	}
	if got := runCLI(t, dir, "fix", "-"); got.code != 2 {
		t.Errorf("stdin: want exit 2\n%s", got)
	}
}

// convert --target applies the same rewrites to its cib and crm output.
func TestConvertTarget(t *testing.T) {
	got := runCLI(t, t.TempDir(), "convert", "--to", "crm", "--target", "pacemaker-3.0.2", "../../testdata/fix/legacy.xml")
	if got.code != 0 || strings.Contains(got.stdout, "\nms ") || !strings.Contains(got.stdout, "clone db-ms db") ||
		!strings.Contains(got.stdout, "db-ms:Promoted") || !strings.Contains(got.stdout, "fencing-enabled=true") {
		t.Errorf("convert --target: want a Pacemaker 3 crm file\n%s", got)
	}
	if got := runCLI(t, t.TempDir(), "convert", "--to", "crm", "--target", "pacemaker-4", "../../testdata/fix/legacy.xml"); got.code != 2 {
		t.Errorf("unknown target: want exit 2\n%s", got)
	}
}
