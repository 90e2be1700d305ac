//go:build conformance

package corosync_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hakit/model"
	"hakit/parsers/corosync"
)

// TestConformanceSyntaxAgreesWithCorosync checks that our syntax errors
// (HA4001-HA4004 at error severity, HA4011 type errors) are exactly the files corosync's own
// parser rejects ("parser error"), over every corosync file of testdata,
// of the rule testdata and of ../shared's samples.
func TestConformanceSyntaxAgreesWithCorosync(t *testing.T) {
	if _, err := exec.LookPath("corosync"); err != nil {
		t.Fatalf("corosync is required: %v", err)
	}
	var files []string
	for _, g := range []string{"../../testdata/corosync/*.conf", "../../testdata/verify/HA4*/*corosync.conf",
		"../../testdata/verify/HA4*/*/*corosync.conf", "../../../shared/formats/samples/corosync/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	agree := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := corosync.Parse(src, f)
		ours := false
		for _, d := range ds {
			switch d.Code {
			case corosync.CodeSyntax, corosync.CodeTextAfterBrace, corosync.CodeNBSP, corosync.CodeLineTooLong:
				ours = ours || d.Severity == model.SeverityError
			case corosync.CodeType:
				// An error for 2.x/3.x files, a warning for 1.x ones;
				// the oracle here is corosync 3, which refuses both.
				ours = true
			}
		}
		out, _ := exec.Command("corosync", "-t", "-c", f).CombinedOutput()
		theirs := strings.Contains(string(out), "parser error")
		if ours != theirs {
			t.Errorf("%s: hakit syntax error %v, corosync parser error %v\ncorosync: %s\nhakit: %s", f, ours, theirs, out, ds.Error())
			continue
		}
		agree++
	}
	t.Logf("hakit and corosync 3 agree on %d of %d files", agree, len(files))
}
