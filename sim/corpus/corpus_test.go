package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dir = "../../../shared/pacemaker-scheduler"

// Minimum placement and action match per tier, set just under what the
// simulator reaches (never above a measured figure); compare.py computes the
// same numbers.
var (
	minPlacement = map[string]float64{"core": 93.5, "extended": 84.0, "exotic": 56.0}
	minActions   = map[string]float64{"core": 89.5, "extended": 80.5, "exotic": 36.0}
)

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(filepath.Join(dir, "oracle.json")); err != nil {
		t.Skip("../shared/pacemaker-scheduler is absent")
	}
	oracle, err := LoadOracle(dir)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join(dir, "xml-2.1.5-compat"))
	if err != nil {
		t.Fatal(err)
	}
	results, actResults := map[string]bool{}, map[string]bool{}
	for _, e := range ents {
		name := strings.TrimSuffix(e.Name(), ".xml")
		res, err := Case(dir, name)
		if err != nil {
			if strings.HasPrefix(err.Error(), "panic") {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		p, a := oracle.Match(name, res)
		results[name] = p
		actResults[name] = a
	}
	if len(ents) != 854 {
		t.Errorf("corpus has %d cases, want 854", len(ents))
	}
	for tier, min := range minPlacement {
		names, err := Names(dir, tier)
		if err != nil {
			t.Fatal(err)
		}
		ok, aok := 0, 0
		for _, n := range names {
			if results[n] {
				ok++
			}
			if actResults[n] {
				aok++
			}
		}
		pct := 100 * float64(ok) / float64(len(names))
		t.Logf("%s: placement %.1f%% (%d/%d)", tier, pct, ok, len(names))
		if pct < min {
			t.Errorf("%s: placement %.1f%%, want at least %.1f%%", tier, pct, min)
		}
		apct := 100 * float64(aok) / float64(len(names))
		t.Logf("%s: actions %.1f%% (%d/%d)", tier, apct, aok, len(names))
		if apct < minActions[tier] {
			t.Errorf("%s: actions %.1f%%, want at least %.1f%%", tier, apct, minActions[tier])
		}
	}
}
