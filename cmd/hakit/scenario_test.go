package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
)

const scenTD = "../../testdata/scenarios/"

func TestScenarioCLI(t *testing.T) {
	code, out, errOut := runSimCLI(t, "--scenario", scenTD+"two-node-vip/scenario.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	golden.Check(t, scenTD+"two-node-vip/scenario.txt.golden", []byte(out))
	code, out, errOut = runSimCLI(t, "--scenario", scenTD+"two-node-vip/scenario.yaml", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v struct {
		Steps []struct {
			Name       string         `json:"name"`
			Quorate    *bool          `json:"quorate"`
			Partitions []any          `json:"partitions"`
			Placement  map[string]any `json:"placement"`
			Actions    []any          `json:"actions"`
			Fenced     []string       `json:"fenced"`
			Outage     []any          `json:"outage"`
			Assertions []struct {
				Expect  string `json:"expect"`
				OK      bool   `json:"ok"`
				Message string `json:"message"`
			} `json:"assertions"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Steps) != 2 || v.Steps[0].Quorate == nil || v.Steps[0].Placement["resources"] == nil ||
		v.Steps[0].Partitions == nil || v.Steps[0].Outage == nil || len(v.Steps[0].Assertions) != 5 {
		t.Fatalf("json shape: %s", out)
	}
}

func TestScenarioBadFiles(t *testing.T) {
	cases := map[string]string{
		"unknown-key.yaml":  `unknown-key.yaml:4:5: unknown key "node-fial" (did you mean "node-fail"?)`,
		"unknown-node.yaml": `unknown-node.yaml:3:17: unknown node "nod1" (did you mean "node1"?)`,
		"malformed.yaml":    "malformed.yaml:1:1: malformed YAML",
		"no-event.yaml":     "no-event.yaml:3:5: nothing happens has no event",
		"partition.yaml":    `partition.yaml:3:27: node "node1" is on two sides of the partition`,
	}
	for f, want := range cases {
		code, _, errOut := runSimCLI(t, "--scenario", scenTD+"bad/"+f)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", f, code, errOut, want)
		}
	}
	if code, _, _ := runSimCLI(t, "--scenario", scenTD+"bad/missing.yaml"); code != 2 {
		t.Errorf("a missing scenario file: exit %d, want 2", code)
	}
}

// TestScenarioExamples: every example in testdata/scenarios holds.
func TestScenarioExamples(t *testing.T) {
	paths, _ := filepath.Glob(scenTD + "*/scenario.yaml")
	if len(paths) < 5 {
		t.Fatalf("found %d examples", len(paths))
	}
	for _, p := range paths {
		if code, out, errOut := runSimCLI(t, "--scenario", p); code != 0 {
			t.Errorf("%s: exit %d: %s\n%s", p, code, errOut, out)
		}
	}
}

func TestSweepCLI(t *testing.T) {
	code, out, errOut := runSimCLI(t, scenTD+"sweep/stop-cib.xml", scenTD+"sweep/corosync.conf", "--sweep", "node-fail")
	if code != 1 || !strings.Contains(out, "LOST node-fail node1: NOT quorate") || !strings.Contains(out, "not N-1 resilient") {
		t.Errorf("a two-node cluster without two_node: exit %d (want 1)\n%s%s", code, out, errOut)
	}
	code, out, errOut = runSimCLI(t, scenTD+"two-node-vip/cib.xml", scenTD+"two-node-vip/corosync.conf", "--sweep", "node-fail", "--format", "json")
	if code != 0 {
		t.Fatalf("two_node with fencing: exit %d (want 0): %s", code, errOut)
	}
	var v struct {
		Kind   string `json:"kind"`
		Events []struct {
			Event   string   `json:"event"`
			Quorate bool     `json:"quorate"`
			Fenced  []string `json:"fenced"`
			Moved   []string `json:"moved"`
			Lost    []string `json:"lost"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Events) != 2 || !v.Events[0].Quorate || len(v.Events[0].Fenced) != 1 {
		t.Errorf("json: %v\n%s", err, out)
	}
	code, out, _ = runSimCLI(t, scenTD+"migration-threshold/cib.xml", "--sweep", "op-fail", "--format", "junit")
	if code != 0 || !strings.Contains(out, `<testcase name="op-fail app-db_monitor_30000@node1=1"`) {
		t.Errorf("op-fail sweep junit: exit %d\n%s", code, out)
	}
	code, out, _ = runSimCLI(t, scenTD+"cman-qdisk/cluster.conf", "--sweep", "node-fail=2", "--format", "junit")
	if code != 1 || !strings.Contains(out, `failures="1"`) {
		t.Errorf("N-2 sweep junit: exit %d\n%s", code, out)
	}
	for _, bad := range []string{"node-fail=0", "op-fail=2", "disk-fail"} {
		if code, _, _ := runSimCLI(t, scenTD+"two-node-vip/cib.xml", "--sweep", bad); code != 2 {
			t.Errorf("--sweep %s: exit %d, want 2", bad, code)
		}
	}
}

func TestScenarioJUnitHTML(t *testing.T) {
	code, out, _ := runSimCLI(t, "--scenario", scenTD+"cman-qdisk/scenario.yaml", "--format", "junit")
	if code != 0 || !strings.Contains(out, `<testsuite name="../../testdata/scenarios/cman-qdisk/scenario.yaml" tests="5" failures="0">`) {
		t.Errorf("junit: exit %d\n%s", code, out)
	}
	code, out, _ = runSimCLI(t, "--scenario", scenTD+"migration-threshold/scenario.yaml", "--format", "html")
	if code != 0 || !strings.Contains(out, `data-lanes="2" data-steps="6"`) || strings.Contains(out, "http") {
		t.Errorf("html: exit %d\n%s", code, out)
	}
	golden.Check(t, scenTD+"migration-threshold/scenario.html.golden", []byte(out))
}
