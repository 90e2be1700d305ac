package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dir = "../../../shared/pacemaker-scheduler"

// Minimum placement match per tier, set to what the simulator reaches (never
// above a measured figure); compare.py computes the same numbers.
var minPlacement = map[string]float64{"core": 91.5, "extended": 81.0, "exotic": 47.5}

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
	results := map[string]bool{}
	for _, e := range ents {
		name := strings.TrimSuffix(e.Name(), ".xml")
		res, err := Case(dir, name)
		if err != nil {
			if strings.HasPrefix(err.Error(), "panic") {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		p, _ := oracle.Match(name, res)
		results[name] = p
	}
	if len(ents) != 854 {
		t.Errorf("corpus has %d cases, want 854", len(ents))
	}
	for tier, min := range minPlacement {
		names, err := Names(dir, tier)
		if err != nil {
			t.Fatal(err)
		}
		ok := 0
		for _, n := range names {
			if results[n] {
				ok++
			}
		}
		pct := 100 * float64(ok) / float64(len(names))
		t.Logf("%s: placement %.1f%% (%d/%d)", tier, pct, ok, len(names))
		if pct < min {
			t.Errorf("%s: placement %.1f%%, want at least %.1f%%", tier, pct, min)
		}
	}
}
