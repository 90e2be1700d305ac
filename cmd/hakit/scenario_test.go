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
