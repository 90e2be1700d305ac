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
// 2.1 is scored on the 2.1.5 compat inputs against oracle.json, 3.0 on the
// upstream inputs against oracle-upstream.json.
var (
	minPlacement = map[string]map[string]float64{
		"2.1": {"core": 99.1, "extended": 94.4, "exotic": 90.7},
		"3.0": {"core": 98.6, "extended": 94.6, "exotic": 90.7},
	}
	minActions = map[string]map[string]float64{
		"2.1": {"core": 98.6, "extended": 89.4, "exotic": 59.9},
		"3.0": {"core": 98.6, "extended": 88.8, "exotic": 59.1},
	}
)

func TestCorpus(t *testing.T) {
	for _, v := range []string{"2.1", "3.0"} {
		t.Run(v, func(t *testing.T) { corpusTest(t, v) })
	}
}

func corpusTest(t *testing.T, version string) {
	xmlDir, oracleFile := Input(version)
	if _, err := os.Stat(filepath.Join(dir, oracleFile)); err != nil {
		t.Skip("../shared/pacemaker-scheduler is absent")
	}
	oracle, err := LoadOracleFile(dir, oracleFile)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join(dir, xmlDir))
	if err != nil {
		t.Fatal(err)
	}
	minPlacement, minActions := minPlacement[version], minActions[version]
	results, actResults := map[string]bool{}, map[string]bool{}
	for _, e := range ents {
		name := strings.TrimSuffix(e.Name(), ".xml")
		res, err := CaseFor(dir, name, version)
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
