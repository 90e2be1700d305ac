package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"hakit/internal/golden"
)

func runSimCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getwd: func() (string, error) { return ".", nil }}
	code := run(app, append([]string{"simulate"}, args...))
	return code, out.String(), errOut.String()
}

const simTD = "../../testdata/sim/"

func TestSimulateCLI(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"steady", []string{simTD + "pair.xml"}},
		{"node-fail", []string{simTD + "pair.xml", "--node-fail", "node1"}},
		{"standby", []string{simTD + "pair.xml", "--standby", "node1", "--standby", "node2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runSimCLI(t, c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, simTD+c.name+".txt.golden", []byte(out))
			code, out, errOut = runSimCLI(t, append(c.args, "--format", "json")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var v struct {
				Placement map[string]any `json:"placement"`
				Actions   []any          `json:"actions"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("json output: %v", err)
			}
			if v.Placement == nil || v.Actions == nil {
				t.Fatalf("json output lacks placement or actions: %s", out)
			}
			golden.Check(t, simTD+c.name+".json.golden", []byte(out))
		})
	}
}

func TestSimulateCLIErrors(t *testing.T) {
	for _, args := range [][]string{
		{simTD + "pair.xml", "--node-fail", "nosuch"},
		{simTD + "pair.xml", "--op-fail", "nosuch_monitor_10000@node1=1"},
		{simTD + "pair.xml", "--op-fail", "garbage"},
		{simTD + "pair.xml", "--format", "yaml"},
		{simTD + "pair.xml", "--quorum", "maybe"},
	} {
		code, _, errOut := runSimCLI(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
		if !strings.Contains(errOut, "hakit:") {
			t.Errorf("%v: no error message: %q", args, errOut)
		}
	}
}

// Two inputs that each carry a CIB status section are refused with both
// names (the second file's state used to be dropped silently).
func TestSimulateTwoStatusSections(t *testing.T) {
	code, _, errOut := runSimCLI(t, simTD+"digest.xml", simTD+"digest.xml")
	if code != exitUsage || !strings.Contains(errOut, "digest.xml and ") || !strings.Contains(errOut, "digest.xml both carry a CIB status section") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// --save-output after a transition that --op-fail (crm_simulate -F) cut
// short saves the state the executed actions left: the failed start in
// the resource's history and its fail count, so that the saved CIB reads
// back with the placement the run printed.
func TestSimulateSaveOutputCutShort(t *testing.T) {
	out := t.TempDir() + "/next.xml"
	want := hakitPlacementJSON(t, simTD+"pair.xml", "--node-fail", "node1", "--op-fail", "ip_start_0@node3=1", "--save-output", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`id="ip_last_failure_0"`, `operation_key="ip_start_0"`, `rc-code="1"`, `name="fail-count-ip#start_0" value="INFINITY"`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("%s lacks %s", out, s)
		}
	}
	if !strings.Contains(want, `"FAILED": [`) {
		t.Errorf("the run left no failed ip: %s", want)
	}
	// The next transition recovers ip away from node3, where its start
	// failed (as crm_simulate plans it from the saved CIB).
	next := hakitPlacementJSON(t, out)
	if !strings.Contains(next, `"ip": {`+"\n"+`        "Started": [`+"\n"+`          "node2"`) {
		t.Errorf("the next run from the saved CIB: %s", next)
	}
}

func hakitPlacementJSON(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runSimCLI(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("hakit simulate %v: exit %d: %s", args, code, errOut)
	}
	return out
}
