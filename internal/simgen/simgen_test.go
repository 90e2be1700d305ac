package simgen

import (
	"math/rand"
	"strings"
	"testing"

	"hakit/parsers"
)

// NewRich is deterministic per seed, and every cluster it makes reads
// without errors, has an online node and covers what it promises across
// seeds (crm_verify accepts them too: the conformance test runs them).
func TestNewRich(t *testing.T) {
	f, err := parsers.ByName("cib")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for seed := int64(1); seed <= 100; seed++ {
		g := NewRich(rand.New(rand.NewSource(seed)))
		if h := NewRich(rand.New(rand.NewSource(seed))); h.CIB != g.CIB {
			t.Fatalf("seed %d: two different clusters", seed)
		}
		if _, _, ds := parsers.Parse(&parsers.Input{Filename: "cib.xml", Src: []byte(g.CIB)}, f); ds.HasErrors() {
			t.Fatalf("seed %d: %v\n%s", seed, ds, g.CIB)
		}
		if len(g.Up) == 0 || len(g.Nodes) < 2 || len(g.Nodes) > 5 {
			t.Errorf("seed %d: %d nodes, %d up", seed, len(g.Nodes), len(g.Up))
		}
		for _, s := range []string{`promotable`, `<group`, `<clone id="c"`, `rsc-role=`, `with-rsc-role=`, `role="Promoted"`, `<rsc_order`,
			`kind="Optional"`, `first-action="promote"`, `rsc_defaults`, `name="standby"`, `in_ccm="false"`, `master-pr`, `stonith-enabled" value="true"`} {
			if strings.Contains(g.CIB, s) {
				seen[s] = true
			}
		}
	}
	for _, s := range []string{`promotable`, `<group`, `<clone id="c"`, `rsc-role=`, `with-rsc-role=`, `role="Promoted"`, `<rsc_order`,
		`kind="Optional"`, `first-action="promote"`, `rsc_defaults`, `name="standby"`, `in_ccm="false"`, `master-pr`, `stonith-enabled" value="true"`} {
		if !seen[s] {
			t.Errorf("no cluster of 100 has %s", s)
		}
	}
}
