package agents

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// pcsOps renders DefaultOps the way pcs writes them: sorted by name
// (stably), with ids from OpID and depth as OCF_CHECK_LEVEL.
func pcsOps(rsc string, ops []Action) []string {
	ops = slices.Clone(ops)
	slices.SortStableFunc(ops, func(a, b Action) int { return cmp.Compare(a.Name, b.Name) })
	var out []string
	for _, op := range ops {
		s := fmt.Sprintf("%s name=%s interval=%s", OpID(rsc, op), op.Name, op.Interval)
		for _, kv := range [][2]string{{"timeout", op.Timeout}, {"role", op.Role}, {"start-delay", op.StartDelay}} {
			if kv[1] != "" {
				s += " " + kv[0] + "=" + kv[1]
			}
		}
		if op.Depth != "" && op.Depth != "0" {
			s += " OCF_CHECK_LEVEL=" + op.Depth
		}
		out = append(out, s)
	}
	return out
}

// Expected results are what pcs 0.11.5 (Debian 12) wrote into a file CIB
// with "pcs -f cib.xml resource create <id> <agent> ... --force" (and
// "stonith create"), for the agent versions in the snapshot.
func TestDefaultOpsMatchPcs(t *testing.T) {
	for _, tc := range []struct {
		rsc, class, provider, typ string
		necessaryOnly             bool
		want                      []string
	}{
		{"ng", "ocf", "heartbeat", "nginx", false, []string{
			"ng-monitor-interval-10s name=monitor interval=10s timeout=30s",
			"ng-monitor-interval-30s name=monitor interval=30s timeout=30s OCF_CHECK_LEVEL=10",
			"ng-monitor-interval-60s name=monitor interval=60s timeout=45s OCF_CHECK_LEVEL=20",
			"ng-monitor-interval-61 name=monitor interval=61 timeout=60s OCF_CHECK_LEVEL=30",
			"ng-reload-interval-0s name=reload interval=0s timeout=40s",
			"ng-start-interval-0s name=start interval=0s timeout=40s",
			"ng-stop-interval-0s name=stop interval=0s timeout=60s",
		}},
		{"d1", "ocf", "linbit", "drbd", false, []string{
			"d1-demote-interval-0s name=demote interval=0s timeout=90",
			"d1-monitor-interval-20 name=monitor interval=20 timeout=20 role=Unpromoted",
			"d1-monitor-interval-10 name=monitor interval=10 timeout=20 role=Promoted",
			"d1-notify-interval-0s name=notify interval=0s timeout=90",
			"d1-promote-interval-0s name=promote interval=0s timeout=90",
			"d1-reload-interval-0s name=reload interval=0s timeout=30",
			"d1-start-interval-0s name=start interval=0s timeout=240",
			"d1-stop-interval-0s name=stop interval=0s timeout=100",
		}},
		{"d2", "ocf", "linbit", "drbd", true, []string{
			"d2-monitor-interval-20 name=monitor interval=20 timeout=20 role=Unpromoted",
			"d2-monitor-interval-10 name=monitor interval=10 timeout=20 role=Promoted",
		}},
		{"s1", "ocf", "pacemaker", "Stateful", false, []string{
			"s1-demote-interval-0s name=demote interval=0s timeout=10s",
			"s1-monitor-interval-10s name=monitor interval=10s timeout=20s role=Promoted",
			"s1-monitor-interval-11s name=monitor interval=11s timeout=20s role=Unpromoted",
			"s1-notify-interval-0s name=notify interval=0s timeout=5s",
			"s1-promote-interval-0s name=promote interval=0s timeout=10s",
			"s1-reload-agent-interval-0s name=reload-agent interval=0s timeout=10s",
			"s1-start-interval-0s name=start interval=0s timeout=20s",
			"s1-stop-interval-0s name=stop interval=0s timeout=20s",
		}},
		{"dm", "ocf", "pacemaker", "Dummy", false, []string{
			"dm-migrate_from-interval-0s name=migrate_from interval=0s timeout=20s",
			"dm-migrate_to-interval-0s name=migrate_to interval=0s timeout=20s",
			"dm-monitor-interval-10s name=monitor interval=10s timeout=20s",
			"dm-reload-interval-0s name=reload interval=0s timeout=20s",
			"dm-reload-agent-interval-0s name=reload-agent interval=0s timeout=20s",
			"dm-start-interval-0s name=start interval=0s timeout=20s",
			"dm-stop-interval-0s name=stop interval=0s timeout=20s",
		}},
		{"ip", "ocf", "heartbeat", "IPaddr2", false, []string{
			"ip-monitor-interval-10s name=monitor interval=10s timeout=20s",
			"ip-start-interval-0s name=start interval=0s timeout=20s",
			"ip-stop-interval-0s name=stop interval=0s timeout=20s",
		}},
		{"f1", "stonith", "", "fence_ipmilan", false, []string{
			"f1-monitor-interval-60s name=monitor interval=60s",
		}},
	} {
		a, ok := Lookup(tc.class, tc.provider, tc.typ)
		if !ok {
			t.Errorf("no agent %s:%s:%s", tc.class, tc.provider, tc.typ)
			continue
		}
		ops := a.DefaultOps()
		if tc.necessaryOnly {
			ops = a.NecessaryOps()
		}
		if got := pcsOps(tc.rsc, ops); !slices.Equal(got, tc.want) {
			t.Errorf("%s ops (necessary only %v):\ngot  %s\nwant %s", a, tc.necessaryOnly,
				strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
		}
	}
}

func TestDefaultOpsRule(t *testing.T) {
	a := &Agent{Class: "ocf", Provider: "x", Type: "y", Actions: []Action{
		{Name: "start", Timeout: "20s"},
		{Name: "status", Timeout: "20s"},
		{Name: "monitor", Timeout: "20s", Interval: "1min", Role: "Master"},
		{Name: "monitor", Timeout: "20s", Interval: "60", Role: "Slave"},
		{Name: "monitor", Interval: "60s"},
		{Name: "monitor", Interval: "bogus"},
		{Name: "monitor", Interval: "bogus"},
		{Name: "custom", Interval: "0", StartDelay: "5s"},
		{Name: "meta-data"},
		{Name: "validate-all"},
	}}
	want := []Action{
		{Name: "start", Timeout: "20s", Interval: "0s"},
		{Name: "monitor", Timeout: "20s", Interval: "1min", Role: "Promoted"},
		{Name: "monitor", Timeout: "20s", Interval: "61", Role: "Unpromoted"},
		{Name: "monitor", Interval: "62"},
		{Name: "monitor", Interval: "bogus"},
		{Name: "monitor", Interval: "bogus"},
		{Name: "custom", Interval: "0", StartDelay: "5s"},
	}
	if got := a.DefaultOps(); !slices.Equal(got, want) {
		t.Errorf("DefaultOps() =\n%+v\nwant\n%+v", got, want)
	}
	if a.Actions[2].Role != "Master" || a.Actions[3].Interval != "60" {
		t.Error("DefaultOps modified the agent's actions")
	}

	none := &Agent{Class: "ocf", Actions: []Action{{Name: "start"}, {Name: "meta-data"}}}
	want = []Action{{Name: "start", Interval: "0s"}, {Name: "monitor", Interval: "60s"}}
	if got := none.DefaultOps(); !slices.Equal(got, want) {
		t.Errorf("without monitor: DefaultOps() = %+v, want %+v", got, want)
	}
	want = []Action{{Name: "monitor", Interval: "60s"}}
	if got := none.NecessaryOps(); !slices.Equal(got, want) {
		t.Errorf("without monitor: NecessaryOps() = %+v, want %+v", got, want)
	}
	fence := &Agent{Class: "stonith", Actions: []Action{{Name: "on"}, {Name: "off"}, {Name: "reboot"}, {Name: "monitor", Timeout: "20s"}}}
	want = []Action{{Name: "monitor", Timeout: "20s", Interval: "60s"}}
	if got := fence.DefaultOps(); !slices.Equal(got, want) {
		t.Errorf("stonith: DefaultOps() = %+v, want %+v", got, want)
	}
}

func TestPcsSeconds(t *testing.T) {
	for in, want := range map[string]int{
		"0": 0, "10": 10, "10s": 10, "10sec": 10, "2m": 120, "2min": 120, "1h": 3600, "1hr": 3600,
		"+5": 5, "-1": -1, "": -1, "s": -1, "10ms": -1, "1.5s": -1, "10 s": -1, "PT10S": -1, "1d": -1,
	} {
		got, ok := pcsSeconds(in)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("pcsSeconds(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestOpID(t *testing.T) {
	for _, tc := range []struct {
		rsc  string
		op   Action
		want string
	}{
		{"web", Action{Name: "monitor", Interval: "10s"}, "web-monitor-interval-10s"},
		{"web", Action{Name: "reload-agent", Interval: "0s"}, "web-reload-agent-interval-0s"},
		{"1web", Action{Name: "start", Interval: "0s"}, "web-start-interval-0s"},
		{"wéb", Action{Name: "start", Interval: "1 min"}, "wb-start-interval-1min"},
		{"a.b_c", Action{Name: "migrate_to", Interval: "0s"}, "a.b_c-migrate_to-interval-0s"},
	} {
		if got := OpID(tc.rsc, tc.op); got != tc.want {
			t.Errorf("OpID(%q, %+v) = %q, want %q", tc.rsc, tc.op, got, tc.want)
		}
	}
}
