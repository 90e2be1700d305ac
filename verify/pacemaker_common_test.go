package verify

import "testing"

func TestPacemakerValueHelpers(t *testing.T) {
	for _, tc := range []struct {
		v  string
		ms int64
		ok bool
	}{
		{"10s", 10000, true}, {"10", 10000, true}, {"10000ms", 10000, true}, {"2min", 120000, true},
		{"1h", 3600000, true}, {"PT1M", 60000, true}, {"P10S", 10000, true}, {"P1D", 86400000, true},
		{"10x", 0, false}, {"abc", 0, false}, {"P", 0, false}, {"PX", 0, false},
	} {
		ms, ok := durationMS(tc.v)
		if ok != tc.ok || ok && ms != tc.ms {
			t.Errorf("durationMS(%q) = %d, %v; want %d, %v", tc.v, ms, ok, tc.ms, tc.ok)
		}
	}
	for v, want := range map[string]bool{
		"2024-01-31": true, "2024-02-29": true, "2023-02-29": false, "2024-13-05": false, "2024-031": true,
		"2024-W05-3": true, "2024-W54-1": false, "2024-01-31T08:00:00Z": true, "2019-09-20 15:10:52 +00:00": true,
		"2024-01-31T25:00:00": false, "yesterday": false, "": false,
	} {
		if got := checkISODate(v) == ""; got != want {
			t.Errorf("checkISODate(%q) valid = %v, want %v (%s)", v, got, want, checkISODate(v))
		}
	}
	for v, want := range map[string]bool{"100": true, "-INFINITY": true, "+INFINITY": true, "infinity": false, "1.5": false, "": false, "+5": true} {
		if validScore(v) != want {
			t.Errorf("validScore(%q) = %v", v, !want)
		}
	}
	lim := dateSpecLimits["hours"]
	for v, want := range map[string]bool{"9-16": true, "9": true, "9-x": false, "16-9": false, "25": false, "0-23": true} {
		if got := dateSpecProblem(v, lim) == ""; got != want {
			t.Errorf("dateSpecProblem(%q) ok = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[string]bool{"Started": true, "started": true, "Promoted": true, "Runing": false, "#default": false} {
		if validRole(v) != want {
			t.Errorf("validRole(%q) = %v", v, !want)
		}
	}
}
