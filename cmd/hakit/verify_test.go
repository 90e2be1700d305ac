package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hakit/internal/golden"
	"hakit/parsers"
	"hakit/verify"
)

// cliResult is what one in-process run of the CLI produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

func (r cliResult) String() string {
	return "exit: " + strconv.Itoa(r.code) + "\n--- stdout ---\n" + r.stdout + "--- stderr ---\n" + r.stderr
}

// runCLI runs hakit with args in-process, with wd as the working
// directory the configuration is looked up from.
func runCLI(t *testing.T, wd string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getwd: func() (string, error) { return wd, nil }}
	code := run(app, args)
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

func needCIBParser(t *testing.T) {
	t.Helper()
	if _, err := parsers.ByName("cib"); err != nil {
		t.Skip("the cib format is not registered in parsers/registry.go yet")
	}
}

const td = "../../testdata/verify/"

// isolateHA10 runs only the fencing/option family and the engine's own
// codes (an exact or longer pattern beats "HA*").
const isolateHA10 = "disable: [\"HA*\"]\nenable: [\"HA10*\", \"HA19*\"]\n"

// TestVerifyAcceptanceIssue2 is issue 2's acceptance, with every rule of
// every family enabled: a 2-node IPaddr2 CIB without fencing exits 1, the
// same CIB with stonith-enabled=false exits 0.
func TestVerifyAcceptanceIssue2(t *testing.T) {
	needCIBParser(t)
	if got := runCLI(t, t.TempDir(), "verify", td+"HA1001/bad.xml"); got.code != 1 || !strings.Contains(got.stdout, "HA1001") {
		t.Errorf("without fencing: want exit 1 with HA1001\n%s", got)
	}
	if got := runCLI(t, t.TempDir(), "verify", td+"HA1001/good.xml"); got.code != 0 {
		t.Errorf("with stonith-enabled=false: want exit 0\n%s", got)
	}
}

func TestVerifyCLI(t *testing.T) {
	type tc struct {
		name     string
		args     []string
		config   string // contents of .hakit.yaml in the working directory
		code     int
		needsCIB bool
	}
	cases := []tc{
		// Issue 2 acceptance: a 2-node IPaddr2 CIB without fencing fails,
		// the same with stonith-enabled=false passes.
		{name: "nofence", args: []string{"verify", td + "HA1001/bad.xml"}, code: 1, needsCIB: true},
		{name: "stonith-disabled", args: []string{"verify", td + "HA1001/good.xml"}, code: 0, needsCIB: true},
		{name: "pretty", args: []string{"verify", "--format", "pretty", td + "HA1002/bad.xml"}, code: 1, needsCIB: true},
		// bad.xml and good.xml given together are one cluster (issue 14): good.xml's
		// stonith-enabled=false applies to bad.xml's resources, so no HA1001.
		{name: "json", args: []string{"verify", "--format", "json", td + "HA1001/bad.xml", td + "HA1001/good.xml"}, code: 0, needsCIB: true},
		{name: "sarif", args: []string{"verify", "--format", "sarif", td + "HA1001/bad.xml"}, code: 1, needsCIB: true},
		{name: "junit", args: []string{"verify", "--format", "junit", td + "HA1001/bad.xml", td + "HA1001/good.xml"}, code: 0, needsCIB: true},
		{name: "warnings-pass", args: []string{"verify", td + "HA1005/bad.xml"}, code: 0, needsCIB: true},
		{name: "fail-on-warning", args: []string{"verify", "--fail-on", "warning", td + "HA1005/bad.xml"}, code: 1, needsCIB: true},
		{name: "disable-glob", args: []string{"verify", "--disable", "HA10*", td + "HA1001/bad.xml"}, code: 0, needsCIB: true},
		{name: "disable-glob-enable-one", args: []string{"verify", "--disable", "HA10*", "--enable", "HA1001", td + "HA1001/bad.xml"}, code: 1, needsCIB: true},
		{name: "config", needsCIB: true, code: 0, args: []string{"verify", td + "HA1001/bad.xml", td + "HA1003/bad.xml"},
			config: "severity:\n  HA1001: warning\nignore:\n  - rule: HA1003\n    path: \"**/HA1003/*.xml\"\n    reason: test data\n  - rule: HA1004\n",
		},
		{name: "config-fail-on", needsCIB: true, code: 1, args: []string{"verify", td + "HA1005/bad.xml"}, config: "fail-on: warning\n"},
		{name: "config-fail-on-flag-wins", needsCIB: true, code: 0, args: []string{"verify", "--fail-on", "error", td + "HA1005/bad.xml"}, config: "fail-on: warning\n"},
		{name: "enable-opt-in", args: []string{"verify", "--enable", "HA1009", td + "HA1001/good.xml"}, code: 0, needsCIB: true},
		{name: "bad-format", args: []string{"verify", "--format", "xml", td + "HA1001/bad.xml"}, code: 2},
		{name: "bad-fail-on", args: []string{"verify", "--fail-on", "fatal", td + "HA1001/bad.xml"}, code: 2},
		{name: "unknown-rule", args: []string{"verify", "--disable", "HA1O01", td + "HA1001/bad.xml"}, code: 2},
		{name: "bad-config", args: []string{"verify", td + "HA1001/bad.xml"}, config: "disable: [HA1001]\nfail_on: warning\n", code: 2},
		{name: "missing-input", args: []string{"verify", td + "HA1001/does-not-exist.xml"}, code: 2},
		{name: "no-args", args: []string{"verify"}, code: 2},
		{name: "explain", args: []string{"explain", "HA1001"}, code: 0},
		{name: "explain-lowercase", args: []string{"explain", "ha1901"}, code: 0},
		{name: "explain-opt-in", args: []string{"explain", "HA1009"}, code: 0},
		{name: "explain-unknown", args: []string{"explain", "HA1O01"}, code: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.needsCIB {
				needCIBParser(t)
			}
			wd := t.TempDir()
			config := c.config
			if c.needsCIB {
				// Keep the goldens about this family: other families'
				// rules may fire on the same inputs as they grow.
				config = isolateHA10 + config
			}
			if config != "" {
				if err := os.WriteFile(filepath.Join(wd, verify.ConfigFileName), []byte(config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := runCLI(t, wd, c.args...)
			if got.code != c.code {
				t.Errorf("exit code %d, want %d\n%s", got.code, c.code, got)
			}
			text := strings.ReplaceAll(got.String(), wd, "$WD")
			golden.Check(t, filepath.Join("..", "..", "testdata", "cli", "verify-"+c.name+".golden"), []byte(text))
		})
	}
}

// TestVerifySameExitCodeEveryFormat: the exit code does not depend on the
// output format.
func TestVerifySameExitCodeEveryFormat(t *testing.T) {
	needCIBParser(t)
	for _, in := range []string{td + "HA1001/bad.xml", td + "HA1001/good.xml", td + "HA1005/bad.xml"} {
		want := -1
		for _, f := range []string{"text", "pretty", "json", "sarif", "junit"} {
			got := runCLI(t, t.TempDir(), "verify", "--format", f, in).code
			if want == -1 {
				want = got
			} else if got != want {
				t.Errorf("%s: --format %s exits %d, text exits %d", in, f, got, want)
			}
		}
	}
}

func TestRulesCLI(t *testing.T) {
	rules := verify.Rules()
	text := runCLI(t, t.TempDir(), "rules")
	if text.code != 0 || text.stderr != "" {
		t.Fatalf("rules: %s", text)
	}
	lines := strings.Split(strings.TrimSpace(text.stdout), "\n")
	if len(lines) != len(rules) {
		t.Errorf("rules prints %d lines for %d rules", len(lines), len(rules))
	}
	if !strings.Contains(text.stdout, "HA1001  error") {
		t.Errorf("rules text lacks HA1001:\n%s", text.stdout)
	}

	md := runCLI(t, t.TempDir(), "rules", "--format", "markdown")
	if md.code != 0 {
		t.Fatalf("rules --format markdown: %s", md)
	}
	for _, r := range rules {
		if !strings.Contains(md.stdout, "\n## "+r.ID+"\n") {
			t.Errorf("markdown lacks a section for %s", r.ID)
		}
	}

	js := runCLI(t, t.TempDir(), "rules", "--format", "json")
	var got []ruleJSON
	if err := json.Unmarshal([]byte(js.stdout), &got); err != nil || js.code != 0 {
		t.Fatalf("rules --format json: %v\n%s", err, js)
	}
	if len(got) != len(rules) {
		t.Fatalf("json lists %d rules, registry has %d", len(got), len(rules))
	}
	for i, r := range rules {
		g := got[i]
		if g.ID != r.ID || g.Title != r.Title || g.Severity != r.Severity.String() || g.Doc != r.Doc || g.Checked != (r.Check != nil) || g.OptIn != r.Off {
			t.Errorf("json entry %d = %+v, want %s", i, g, r.ID)
		}
	}

	bad := runCLI(t, t.TempDir(), "rules", "--format", "yaml")
	if bad.code != 2 || !strings.Contains(bad.stderr, "valid: text, markdown, json") {
		t.Errorf("rules --format yaml: %s", bad)
	}
}

// A fence password in the input reaches no verify output, whatever the
// format: findings are scrubbed and snippets masked.
func TestVerifyNeverPrintsSecrets(t *testing.T) {
	needCIBParser(t)
	const secret = "SuperSecret123"
	cib := `<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources>
<primitive id="f1" class="stonith" type="fence_ipmilan"><instance_attributes id="f1-ia">
<nvpair id="f1-pw" name="passwd" value="` + secret + `"/>
<nvpair id="f1-pw2" name="pasword" value="` + secret + `"/>
</instance_attributes></primitive></resources><constraints/></configuration></cib>
`
	p := filepath.Join(t.TempDir(), "cib.xml")
	if err := os.WriteFile(p, []byte(cib), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "pretty", "json", "sarif", "junit"} {
		got := runCLI(t, t.TempDir(), "verify", "--format", f, p)
		if strings.Contains(got.stdout+got.stderr, secret) {
			t.Errorf("--format %s printed the password:\n%s", f, got)
		}
	}
}
