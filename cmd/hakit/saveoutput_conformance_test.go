//go:build conformance

package main

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hakit/internal/simgen"
)

// TestConformanceSaveOutputOpFail checks --save-output after a run that
// --op-fail cut short against crm_simulate -F -O: 40 seeded clusters from
// simgen.NewRich, each start-up transition failing at one of its starts
// or promotions. crm_simulate reads both saved CIBs; the state it reads
// from hakit's must be the placement hakit printed, and should be the
// state it reads from its own (every resource's roles and nodes, failed
// ones included): that part depends on hakit running the transition's
// actions in crm_simulate's order up to the failure, which it gets right
// in most but not all clusters (see internal/simgen's conformance test).
// The next transition from each is compared too, but not required to
// agree: hakit counts a failed start INFINITY failures when
// start-failure-is-fatal, as the controller does, where crm_simulate
// counts one and so recovers the resource in place. ~0.1 s a crm_simulate
// run, three a cluster.
func TestConformanceSaveOutputOpFail(t *testing.T) {
	saved, consistent, savedOK, next, nextOK := 0, 0, 0, 0, 0
	for seed := int64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewSource(5000 + seed))
		g := simgen.NewRich(rng)
		dir := t.TempDir()
		in := filepath.Join(dir, "in.xml")
		if err := os.WriteFile(in, []byte(g.CIB), 0o644); err != nil {
			t.Fatal(err)
		}
		startup, err := simgen.FromCrmSimulate(crmSimulateXML(t, "-x", in, "-S"), true)
		if err != nil {
			t.Fatal(err)
		}
		var cands []string
		for id, es := range startup.Resources {
			for _, e := range es {
				role, node, _ := strings.Cut(e, " ")
				cands = append(cands, fmt.Sprintf("%s_start_0@%s=1", id, node))
				if role == "Promoted" {
					cands = append(cands, fmt.Sprintf("%s_promote_0@%s=1", id, node))
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		sort.Strings(cands)
		spec := cands[rng.Intn(len(cands))]
		ours, theirs := filepath.Join(dir, "hakit.xml"), filepath.Join(dir, "crm.xml")
		printed := hakitPlacement(t, in, "--op-fail", spec, "--save-output", ours)
		crmSimulateXML(t, "-x", in, "-S", "-F", spec, "-O", theirs)
		read := func(path string, revised bool) simgen.Placement {
			p, err := simgen.FromCrmSimulate(crmSimulateXML(t, "-x", path, "-S"), revised)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		saved++
		a, b := read(ours, false), read(theirs, false)
		if a.Equal(printed) {
			consistent++
		} else {
			t.Errorf("seed %d -F %s: hakit printed %s; crm_simulate reads what it saved as %s", seed, spec, printed, a)
		}
		if a.Equal(b) {
			savedOK++
		} else {
			t.Logf("seed %d -F %s: crm_simulate reads hakit's saved CIB as %s, its own as %s", seed, spec, a, b)
		}
		next++
		if a, b := read(ours, true), read(theirs, true); a.Equal(b) {
			nextOK++
		} else {
			t.Logf("seed %d -F %s: the next transition differs: from hakit's %s; from crm_simulate's %s", seed, spec, a, b)
		}
	}
	t.Logf("--save-output after --op-fail: crm_simulate reads hakit's placement from what it saved in %d/%d clusters; the saved state agrees with crm_simulate -O's in %d/%d; the next transition in %d/%d",
		consistent, saved, savedOK, saved, nextOK, next)
	if savedOK*100 < 80*saved {
		t.Errorf("the saved state agrees in %d/%d clusters, below 80 %%", savedOK, saved)
	}
	if saved < 30 {
		t.Errorf("only %d clusters had a start to fail", saved)
	}
}
