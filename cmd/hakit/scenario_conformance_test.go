//go:build conformance

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"hakit/internal/simgen"
)

func crmSimulateXML(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("crm_simulate", append(args, "--output-as=xml")...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "CIB_shadow_dir="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("crm_simulate %v: %v\n%s", args, err, errb.String())
	}
	return out.Bytes()
}

// hakitPlacement runs hakit simulate --format json and returns its placement.
func hakitPlacement(t *testing.T, args ...string) simgen.Placement {
	t.Helper()
	code, out, errOut := runSimCLI(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("hakit simulate %v: exit %d: %s", args, code, errOut)
	}
	var v struct {
		Placement struct {
			Nodes     map[string]string              `json:"nodes"`
			Resources map[string]map[string][]string `json:"resources"`
		} `json:"placement"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return simgen.FromHakit(v.Placement.Nodes, v.Placement.Resources)
}

// TestConformanceSaveOutput checks that crm_simulate accepts what
// --save-output writes and reads the same placement from it as hakit
// computed: 25 seeded random clusters (2–6 nodes, fencing on and off),
// the start-up transition, then a node failure or a monitor failure on
// the saved state, then the failed node's return. ~0.1 s a crm_simulate run.
func TestConformanceSaveOutput(t *testing.T) {
	steps, agree := 0, 0
	for seed := int64(1); seed <= 25; seed++ {
		rng := rand.New(rand.NewSource(seed))
		g := simgen.New(rng)
		dir := t.TempDir()
		in := filepath.Join(dir, "in.xml")
		if err := os.WriteFile(in, []byte(g.CIB), 0o644); err != nil {
			t.Fatal(err)
		}
		victim := g.Nodes[rng.Intn(len(g.Nodes))]
		rsc := g.Resources[rng.Intn(len(g.Resources))]
		events := [][]string{nil, {"--node-fail", victim}, {"--node-up", victim}}
		if rng.Intn(2) == 0 {
			events[1] = []string{"--op-fail", rsc + "_monitor_10000@" + victim + "=1"}
			events[2] = []string{"--op-fail", rsc + "_monitor_10000@" + victim + "=1"}
		}
		prev := in
		for i, ev := range events {
			out := filepath.Join(dir, fmt.Sprintf("s%d.xml", i))
			args := append([]string{prev, "--save-output", out}, ev...)
			want := hakitPlacement(t, args...)
			got, err := simgen.FromCrmSimulate(crmSimulateXML(t, "-x", out, "-S"), false)
			if err != nil {
				t.Fatal(err)
			}
			steps++
			if got.Equal(want) {
				agree++
			} else {
				t.Errorf("seed %d step %d %v: hakit placed %s; crm_simulate reads the saved CIB as %s", seed, i, ev, want, got)
			}
			prev = out
		}
	}
	t.Logf("--save-output: crm_simulate reads the same placement in %d/%d saved CIBs", agree, steps)
}
