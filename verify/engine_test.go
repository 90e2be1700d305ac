package verify

import (
	"context"
	"strings"
	"testing"

	"hakit/model"
)

func at(file string, line, col int) model.Range {
	return model.Range{Filename: file, Start: model.Pos{Line: line, Column: col}, End: model.Pos{Line: line, Column: col + 1}}
}

func diag(code string, sev model.Severity, file string, line int, msg string) *model.Diagnostic {
	r := at(file, line, 1)
	return &model.Diagnostic{Severity: sev, Code: code, Summary: msg, Subject: &r}
}

func codes(ds model.Diagnostics) string {
	var s []string
	for _, d := range ds {
		l := 0
		if d.Subject != nil {
			l = d.Subject.Start.Line
		}
		s = append(s, d.Code+"@"+itoa(l)+":"+d.Severity.String())
	}
	return strings.Join(s, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestEnabledSpecificity(t *testing.T) {
	c := &Config{Disable: []string{"HA1*"}, Enable: []string{"HA1001"}}
	if !c.Enabled("HA1001") || c.Enabled("HA1002") || !c.Enabled("HA2001") {
		t.Error("exact enable should beat glob disable")
	}
	c = &Config{Disable: []string{"HA1001"}, CLIEnable: []string{"HA1*"}}
	if c.Enabled("HA1001") {
		t.Error("exact disable should beat a CLI glob enable")
	}
	c = &Config{Disable: []string{"HA1001"}, CLIEnable: []string{"HA1001"}}
	if !c.Enabled("HA1001") {
		t.Error("the command line should beat the file at equal specificity")
	}
	c = &Config{Enable: []string{"HA10*"}, Disable: []string{"HA10*"}}
	if c.Enabled("HA1001") {
		t.Error("disable should beat enable at equal specificity")
	}
	c = &Config{Severity: map[string]string{"HA1*": "off"}}
	if c.Enabled("HA1001") {
		t.Error("severity off disables")
	}
	var nilCfg *Config
	if !nilCfg.Enabled("HA1001") || nilCfg.Enabled("HA1009") {
		t.Error("nil config: defaults (HA1009 is opt-in)")
	}
	if !(&Config{Enable: []string{"HA1009"}}).Enabled("HA1009") {
		t.Error("opt-in rule enabled by its ID")
	}
}

func TestSeverityOverride(t *testing.T) {
	c := &Config{Severity: map[string]string{"HA1*": "info", "HA1001": "warning"}}
	if got := c.SeverityOf("HA1001", model.SeverityError); got != model.SeverityWarning {
		t.Errorf("HA1001: %v", got)
	}
	if got := c.SeverityOf("HA1002", model.SeverityError); got != model.SeverityInfo {
		t.Errorf("HA1002: %v", got)
	}
	if got := c.SeverityOf("HA2001", model.SeverityError); got != model.SeverityError {
		t.Errorf("HA2001: %v", got)
	}
}

func TestRunParserDiagnosticsAndSuppressions(t *testing.T) {
	src := []byte("line one\n# hakit:ignore HA0101 known and accepted\nbad line\nbad line # hakit:ignore HA0102,HA0103 trailing\nnext\n")
	in := &Input{Filename: "x.crm", Format: "crm", Src: src, Diagnostics: model.Diagnostics{
		diag("HA0101", model.SeverityError, "x.crm", 3, "suppressed by the line before"),
		diag("HA0102", model.SeverityError, "x.crm", 4, "suppressed on its line"),
		diag("HA0103", model.SeverityError, "x.crm", 5, "a trailing comment does not cover the next line"),
		diag("HA0104", model.SeverityWarning, "x.crm", 1, "kept"),
		diag("HA0104", model.SeverityWarning, "x.crm", 1, "kept"), // duplicate
	}}
	got := Run(context.Background(), []*Input{in}, &Config{Severity: map[string]string{"HA0104": "error"}})
	if want := "HA0104@1:error HA0103@5:error"; codes(got) != want {
		t.Errorf("got  %s\nwant %s", codes(got), want)
	}
}

func TestSuppressionFindings(t *testing.T) {
	src := []byte("<a/> <!-- hakit:ignore HA0101 -->\n<!-- hakit:ignore HA0102 nothing here -->\n<b/>\n<!-- hakit:ignore HA9998 unknown -->\n<!-- hakit:ignore -->\n")
	in := &Input{Filename: "x.xml", Src: src, Diagnostics: model.Diagnostics{diag("HA0101", model.SeverityError, "x.xml", 1, "suppressed without reason")}}
	got := Run(context.Background(), []*Input{in}, nil)
	want := "HA1901@1:warning HA1902@2:info HA1903@4:warning HA1901@5:warning"
	if codes(got) != want {
		t.Errorf("got  %s\nwant %s", codes(got), want)
	}
	// A suppression of a disabled rule is not unused.
	got = Run(context.Background(), []*Input{in}, &Config{Disable: []string{"HA0102", "HA1901", "HA1903"}})
	if codes(got) != "" {
		t.Errorf("got %s, want nothing", codes(got))
	}
}

func TestConfigIgnore(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
ignore:
  - rule: HA01*
    path: "lab/**/*.xml"
    reason: lab
  - rule: HA0102
    path: "*.crm"
`), "/etc/.hakit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ins := []*Input{{Filename: "lab/a/b/c.xml", Diagnostics: model.Diagnostics{diag("HA0101", model.SeverityError, "lab/a/b/c.xml", 1, "x")}},
		{Filename: "prod/c.xml", Diagnostics: model.Diagnostics{diag("HA0101", model.SeverityError, "prod/c.xml", 1, "x")}}}
	got := Run(context.Background(), ins, cfg)
	want := "HA1901@6:warning HA1902@6:info HA0101@1:error"
	if codes(got) != want {
		t.Errorf("got  %s\nwant %s", codes(got), want)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"enable: [HA1O01]", `unknown rule "HA1O01" (did you mean HA1001?)`},
		{"severity: {HA1001: fatal}", `unknown severity "fatal"`},
		{"fail-on: sometimes", `unknown severity "sometimes"`},
		{"ignore:\n  - path: x\n", "ignore entry has no rule"},
		{"ignore:\n  - rule: HA1001\n    paht: x\n", `unknown key "paht" (ignore entries take rule, path and reason); did you mean path?`},
		{"disable: [\"HA1[\"]", "bad rule pattern"},
	} {
		_, err := ParseConfig([]byte(c.src), "c.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.src, err, c.want)
		}
	}
	cfg, err := ParseConfig([]byte("fail-on: warning\ndisable: ['HA2*']\n"), "c.yaml")
	if err != nil || cfg.FailLevel() != model.SeverityWarning || cfg.Enabled("HA2001") {
		t.Errorf("good config: %v %+v", err, cfg)
	}
}

func TestRuleThatPanics(t *testing.T) {
	r := &Rule{ID: "HA1999", Title: "panics", Severity: model.SeverityError, Check: func(p *Pass) {
		p.Reportf(at("a.xml", 1, 1), "before the panic")
		var m map[string]int
		m["x"]++
	}}
	ds := runRule(r, []*Input{{Filename: "a.xml"}}, &model.Cluster{}, nil)
	if len(ds) != 2 || ds[0].Code != "HA1999" || ds[1].Code != CodeInternal || !strings.Contains(ds[1].Summary, "rule HA1999 failed") {
		t.Fatalf("got %s", codes(ds))
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &Input{Filename: "a", Diagnostics: model.Diagnostics{diag("HA0104", model.SeverityWarning, "a", 1, "kept")}}
	if got := Run(ctx, []*Input{in}, nil); codes(got) != "HA0104@1:warning" {
		t.Errorf("got %s", codes(got))
	}
}

func TestMatchPath(t *testing.T) {
	for _, c := range []struct {
		pat, file string
		want      bool
	}{
		{"*.xml", "a/b/cib.xml", true},
		{"lab/*.xml", "lab/cib.xml", true},
		{"lab/*.xml", "lab/x/cib.xml", false},
		{"lab/**/*.xml", "lab/x/y/cib.xml", true},
		{"lab/**/*.xml", "lab/cib.xml", true},
		{"**/HA1003/*.xml", "../../testdata/verify/HA1003/bad.xml", true},
		{"prod/*", "lab/cib.xml", false},
		{"", "anything", true},
	} {
		if got := matchPath(c.pat, c.file); got != c.want {
			t.Errorf("matchPath(%q, %q) = %v", c.pat, c.file, got)
		}
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"stonith-enabled", "stonith-action", "no-quorum-policy", "symmetric-cluster"}
	for in, want := range map[string]string{
		"stonith-enable":    "stonith-enabled",
		"stonith-enalbed":   "stonith-enabled",
		"no-quorum-polciy":  "no-quorum-policy",
		"symetric-cluster":  "symmetric-cluster",
		"completely-else":   "",
		"Symmetric-Cluster": "symmetric-cluster",
	} {
		if got := Suggest(in, ids); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if d := Distance("ca", "ac"); d != 1 {
		t.Errorf("transposition costs %d", d)
	}
}

func FuzzScanSuppressions(f *testing.F) {
	for _, s := range []string{
		"# hakit:ignore HA1001 reason\nx\n",
		"<a/><!-- hakit:ignore HA1001,HA1002 why --><!-- want HA1901 -->",
		"x # hakit:ignore",
		"hakit:ignore HA1001 not in a comment",
		"<!-- hakit:ignore\n-->",
		"#hakit:ignored\r\n",
		"é # hakit:ignore HA1* ünïcode reason",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, s := range scanSuppressions("f", src) {
			if s.at.Start.Byte < 0 || s.at.End.Byte > len(src) || s.at.Start.Byte > s.at.End.Byte {
				t.Fatalf("range %+v outside the source (%d bytes)", s.at, len(src))
			}
			if s.at.Start.Line < 1 || s.at.Start.Column < 1 || s.at.End.Column < s.at.Start.Column {
				t.Fatalf("bad position %+v", s.at)
			}
		}
	})
}
