// Package action_test runs the GitHub Action's scripts (action.yml at the
// repository root, scripts in this directory) with a fake GITHUB_*
// environment: the install step builds hakit from this checkout, the verify
// step checks a workspace holding a bad and a good CIB, and the annotations,
// outputs, job summary and SARIF file are checked.
package action_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const badCIB = `<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes>
      <node id="1" uname="alice"/>
      <node id="2" uname="bob"/>
    </nodes>
    <resources>
      <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
        <instance_attributes id="vip-ia">
          <nvpair id="vip-ip" name="ip" value="192.0.2.10"/>
        </instance_attributes>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
`

type env struct {
	dir, output, summary string
	vars                 []string
}

func fakeGitHub(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	e := &env{dir: dir, output: filepath.Join(dir, "github_output"), summary: filepath.Join(dir, "step_summary")}
	for _, f := range []string{e.output, e.summary} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	e.vars = append(os.Environ(),
		"GITHUB_ACTIONS=true",
		"GITHUB_ACTION_PATH="+repo,
		"GITHUB_OUTPUT="+e.output,
		"GITHUB_STEP_SUMMARY="+e.summary,
		"GITHUB_WORKSPACE="+filepath.Join(dir, "ws"),
		"RUNNER_TEMP="+filepath.Join(dir, "tmp"),
		"NO_COLOR=",
	)
	return e
}

func (e *env) run(t *testing.T, script, wd string, vars ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join("..", "action", script))
	cmd.Path, _ = exec.LookPath("bash")
	abs, _ := filepath.Abs(script)
	cmd.Args = []string{"bash", abs}
	cmd.Dir = wd
	cmd.Env = append(append([]string{}, e.vars...), vars...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

func outputs(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			m[k] = v
		}
	}
	return m
}

func TestActionScripts(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	e := fakeGitHub(t)
	ws := filepath.Join(e.dir, "ws")
	if err := os.MkdirAll(filepath.Join(ws, "cluster"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws, "cluster", "bad, cib.xml"), []byte(badCIB), 0o644); err != nil {
		t.Fatal(err)
	}

	// Install: builds hakit from this checkout.
	stdout, stderr, err := e.run(t, "install.sh", e.dir)
	if err != nil {
		t.Fatalf("install.sh: %v\n%s%s", err, stdout, stderr)
	}
	hakit := outputs(t, e.output)["hakit"]
	if hakit == "" || !strings.HasPrefix(stdout, "hakit ") {
		t.Fatalf("install.sh wrote no hakit output: %q %q", stdout, hakit)
	}
	if err := os.WriteFile(e.output, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	// Verify with annotations and SARIF.
	stdout, stderr, err = e.run(t, "verify.sh", ws,
		"HAKIT="+hakit, "INPUT_PATHS=cluster/*.xml", "INPUT_FAIL_ON=warning",
		"INPUT_ANNOTATIONS=true", "INPUT_SARIF=true", "INPUT_SARIF_FILE=out.sarif")
	if err != nil {
		t.Fatalf("verify.sh must not fail itself (the Result step does): %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "::error file=cluster/bad%2C cib.xml,line=") || !strings.Contains(stdout, ",title=HA1001 ") {
		t.Errorf("no HA1001 annotation with an escaped file name:\n%s", stdout)
	}
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
			t.Errorf("stdout line is not a workflow command: %q", l)
		}
	}
	outs := outputs(t, e.output)
	if outs["exit-code"] != "1" || outs["sarif-file"] != "out.sarif" {
		t.Errorf("outputs %v, want exit-code=1 and sarif-file=out.sarif", outs)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	b, err := os.ReadFile(filepath.Join(ws, "out.sarif"))
	if err != nil || json.Unmarshal(b, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Errorf("SARIF file: %v\n%s", err, b)
	}
	sum, _ := os.ReadFile(e.summary)
	if !strings.Contains(string(sum), "### hakit verify") || !strings.Contains(string(sum), "HA1001") {
		t.Errorf("job summary:\n%s", sum)
	}

	// A clean run: nothing to annotate, exit-code 0, no SARIF.
	if err := os.WriteFile(e.output, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = e.run(t, "verify.sh", ws, "HAKIT="+hakit, "INPUT_PATHS=cluster", "INPUT_ARGS=--disable HA*")
	if err != nil || strings.TrimSpace(stdout) != "" {
		t.Errorf("clean run: %v\n%s", err, stdout)
	}
	if outs := outputs(t, e.output); outs["exit-code"] != "0" || outs["sarif-file"] != "" {
		t.Errorf("clean run outputs %v", outs)
	}
}

// TestActionMetadata checks action.yml: a composite action whose steps run
// the scripts of this directory with the inputs it declares.
func TestActionMetadata(t *testing.T) {
	b, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Name   string                    `yaml:"name"`
		Inputs map[string]map[string]any `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				Env  map[string]string `yaml:"env"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q", a.Runs.Using)
	}
	for _, in := range []string{"paths", "fail-on", "sarif", "annotations", "version"} {
		if a.Inputs[in] == nil {
			t.Errorf("no input %s", in)
		}
	}
	for _, s := range a.Runs.Steps {
		for _, v := range s.Env {
			for _, ref := range strings.Split(v, "inputs.")[1:] {
				name := strings.TrimSpace(strings.SplitN(ref, "}", 2)[0])
				if a.Inputs[name] == nil {
					t.Errorf("a step reads undeclared input %s", name)
				}
			}
		}
		if i := strings.Index(s.Run, "$GITHUB_ACTION_PATH/"); i >= 0 {
			p := strings.Trim(strings.Fields(s.Run[i+len("$GITHUB_ACTION_PATH/"):])[0], `"`)
			if _, err := os.Stat(filepath.Join("..", p)); err != nil {
				t.Errorf("step runs %s: %v", p, err)
			}
		}
	}
}
