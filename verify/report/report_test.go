package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"hakit/internal/golden"
	"hakit/model"
	"hakit/verify"
)

const sampleCIB = `<cib validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
		<nvpair id="o1" name="no-quorum-policy" value="bogus"/>
        <nvpair id="o2" name="nœud-policy" value="x"/>
      </cluster_property_set>
    </crm_config>
    <resources>
    </resources>
  </configuration>
</cib>
`

func rng(file string, l1, c1, l2, c2 int) *model.Range {
	return &model.Range{Filename: file, Start: model.Pos{Line: l1, Column: c1}, End: model.Pos{Line: l2, Column: c2}}
}

func sampleReport() *Report {
	ds := model.Diagnostics{
		{Severity: model.SeverityError, Code: "HA1001", Summary: "no fencing (STONITH) device is defined while stonith-enabled is true by default: Pacemaker will not start any resource",
			Detail: "crm_verify: Resource start-up disabled since no STONITH resources have been defined.", Subject: rng("cib.xml", 9, 5, 9, 15)},
		{Severity: model.SeverityError, Code: "HA1002", Summary: `invalid value "bogus" for cluster option no-quorum-policy`,
			Subject: rng("cib.xml", 5, 3, 5, 57),
			Related: []model.Related{{Message: "set here", Subject: *rng("cib.xml", 4, 7, 4, 49)}}},
		{Severity: model.SeverityWarning, Code: "HA1003", Summary: "unknown cluster option nœud-policy: Pacemaker ignores it", Subject: rng("cib.xml", 6, 9, 7, 1)},
		{Severity: model.SeverityInfo, Code: "HA1902", Summary: "suppression of HA1003 matches no finding; remove it", Subject: rng("other dir/x.crm", 3, 1, 3, 30)},
		{Severity: model.SeverityError, Code: "HA9999", Summary: "a code no rule documents", Subject: &model.Range{Filename: "cib.xml"}},
	}
	return &Report{
		Findings: ds,
		Files:    []string{"cib.xml", "other dir/x.crm", "clean.conf"},
		Sources:  map[string][]byte{"cib.xml": []byte(sampleCIB)},
		FailOn:   model.SeverityWarning,
		Tool:     "hakit",
		Version:  "0.1.0-test",
		Rule: func(id string) (*verify.Rule, bool) {
			if id == "HA9999" {
				return nil, false
			}
			return verify.Lookup(id)
		},
	}
}

func TestGolden(t *testing.T) {
	for _, name := range Names() {
		for _, variant := range []string{"", "-color", "-empty"} {
			if variant == "-color" && name != "pretty" {
				continue
			}
			t.Run(name+variant, func(t *testing.T) {
				w, err := ByName(name)
				if err != nil {
					t.Fatal(err)
				}
				r := sampleReport()
				switch variant {
				case "-color":
					r.Color = true
				case "-empty":
					r.Findings = nil
				}
				var out, errOut bytes.Buffer
				if err := w.Write(&out, &errOut, r); err != nil {
					t.Fatal(err)
				}
				got := out.String()
				if errOut.Len() > 0 {
					got += "--- stderr ---\n" + errOut.String()
				}
				golden.Check(t, filepath.Join("testdata", name+variant+".golden"), []byte(got))
			})
		}
	}
}

func TestByNameUnknown(t *testing.T) {
	_, err := ByName("xml")
	if err == nil || err.Error() != `unknown output format "xml" (valid: text, github, json, junit, pretty, sarif)` {
		t.Fatalf("got %v", err)
	}
}

func TestSummary(t *testing.T) {
	r := sampleReport()
	if got, want := Summary(r), "3 errors, 1 warning, 1 info in 3 files"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	r.Findings, r.Files = nil, []string{"a"}
	if got, want := Summary(r), "no findings in 1 file"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	cases := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% sure", "100%25 sure", "100%25 sure"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x:y,z", "x:y,z", "x%3Ay%2Cz"},
		{"%0A", "%250A", "%250A"},
	}
	for _, c := range cases {
		if got := escapeData(c.in); got != c.data {
			t.Errorf("escapeData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := escapeProperty(c.in); got != c.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}
