package agents

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"hakit/agents/internal/snapshot"
)

func TestSnapshotLoads(t *testing.T) {
	if _, err := decode(snapshotJSON); err != nil {
		t.Fatalf("embedded snapshot: %v", err)
	}
	s := Snapshot()
	for _, k := range []string{"ocf:heartbeat", "ocf:pacemaker", "ocf:linbit", "stonith"} {
		if s.Agents[k] == 0 {
			t.Errorf("Snapshot().Agents[%q] = 0", k)
		}
	}
	if s.ClusterOptions < 20 || s.FencerParams < 5 {
		t.Errorf("Snapshot() = %d cluster options, %d fencer params; want more", s.ClusterOptions, s.FencerParams)
	}
	for _, p := range []string{"resource-agents", "fence-agents", "pacemaker"} {
		if s.Packages[p] == "" {
			t.Errorf("Snapshot().Packages lacks %s", p)
		}
	}
}

// The committed snapshot must be exactly what Encode writes for its content,
// so that a regeneration on the same packages leaves no diff.
func TestSnapshotCanonical(t *testing.T) {
	f, err := snapshot.Decode(snapshotJSON)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := snapshot.Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), snapshotJSON) {
		t.Error("re-encoding the embedded snapshot changes it; regenerate with go generate ./agents/")
	}
}

func TestDecodeCorrupt(t *testing.T) {
	for _, in := range []string{"", "{", `{"info":{"format":99}}`, `{"info":{"format":1},"agents":[{"class":"ocf","type":"x"},{"class":"ocf","type":"x"}]}`} {
		if _, err := decode([]byte(in)); err == nil {
			t.Errorf("decode(%q) = nil error", in)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		class, provider, typ string
		required             []string
		params               []string
	}{
		{"ocf", "heartbeat", "IPaddr2", []string{"ip"}, []string{"nic", "cidr_netmask"}},
		{"ocf", "heartbeat", "Filesystem", []string{"device", "directory", "fstype"}, nil},
		{"ocf", "pacemaker", "Dummy", nil, []string{"state", "fake"}},
		{"ocf", "pacemaker", "Stateful", nil, nil},
		{"ocf", "pacemaker", "ping", nil, []string{"host_list", "multiplier"}},
		{"ocf", "linbit", "drbd", []string{"drbd_resource"}, nil},
		{"stonith", "", "fence_ipmilan", nil, []string{"ip", "username", "password", "lanplus"}},
	} {
		name := tc.class + ":" + tc.provider + ":" + tc.typ
		a, ok := Lookup(tc.class, tc.provider, tc.typ)
		if !ok {
			t.Errorf("Lookup(%s): not found", name)
			continue
		}
		if got := strings.ReplaceAll(a.String(), "::", ":"); got != strings.ReplaceAll(name, "::", ":") {
			t.Errorf("Lookup(%s).String() = %q", name, got)
		}
		if a.ShortDesc == "" || len(a.Params) == 0 || len(a.Actions) == 0 {
			t.Errorf("Lookup(%s) = %+v: empty description, params or actions", name, a)
		}
		for _, p := range tc.required {
			if got, ok := a.Param(p); !ok || !got.Required {
				t.Errorf("%s param %s: found %v, want required", name, p, ok)
			}
		}
		for _, p := range tc.params {
			if _, ok := a.Param(p); !ok {
				t.Errorf("%s: no param %s", name, p)
			}
		}
		if _, ok := a.Action("monitor"); !ok {
			t.Errorf("%s: no monitor action", name)
		}
	}
}

func TestLookupExact(t *testing.T) {
	for _, k := range [][3]string{
		{"ocf", "heartbeat", "ipaddr2"},           // case-sensitive
		{"OCF", "heartbeat", "IPaddr2"},           // class too
		{"ocf", "", "IPaddr2"},                    // ocf needs its provider
		{"stonith", "redhat", "fence_ipmilan"},    // stonith has none
		{"ocf", "heartbeat", "no-such-agent-xyz"}, // unknown
	} {
		if _, ok := Lookup(k[0], k[1], k[2]); ok {
			t.Errorf("Lookup(%q) found an agent", k)
		}
	}
}

func TestParamDetails(t *testing.T) {
	a, _ := Lookup("stonith", "", "fence_ipmilan")
	if p, _ := a.Param("ipaddr"); p == nil || p.Deprecated != "ip" {
		t.Errorf("fence_ipmilan ipaddr = %+v, want deprecated in favour of ip", p)
	}
	if p, _ := a.Param("method"); p == nil || !slices.Contains(p.Values, "cycle") {
		t.Errorf("fence_ipmilan method = %+v, want values with cycle", p)
	}
	d, _ := Lookup("ocf", "pacemaker", "Dummy")
	if p, _ := d.Param("fake"); p == nil || !p.Reloadable || p.Default != "dummy" {
		t.Errorf("ocf:pacemaker:Dummy fake = %+v, want reloadable with default dummy", p)
	}
	if d.OCFVersion != "1.1" {
		t.Errorf("ocf:pacemaker:Dummy OCFVersion = %q, want 1.1", d.OCFVersion)
	}
}

func TestAllSorted(t *testing.T) {
	all := All()
	if len(all) < 100 {
		t.Fatalf("All() = %d agents", len(all))
	}
	less := func(a, b *Agent) int {
		return snapshot.CompareAgents(
			&snapshot.Agent{Class: a.Class, Provider: a.Provider, Type: a.Type},
			&snapshot.Agent{Class: b.Class, Provider: b.Provider, Type: b.Type})
	}
	if !slices.IsSortedFunc(all, less) {
		t.Error("All() is not sorted by class, provider, type")
	}
	all[0] = nil // a copy: must not touch the package's slice
	if All()[0] == nil {
		t.Error("All() returns the shared slice")
	}
}

func TestClusterOptions(t *testing.T) {
	opts := ClusterOptions()
	if !slices.IsSortedFunc(opts, func(a, b Option) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("ClusterOptions() is not sorted by name")
	}
	nq, ok := ClusterOption("no-quorum-policy")
	if !ok {
		t.Fatal("no no-quorum-policy")
	}
	for _, v := range []string{"stop", "freeze", "ignore", "suicide"} {
		if !slices.Contains(nq.Values, v) {
			t.Errorf("no-quorum-policy values %v lack %s", nq.Values, v)
		}
	}
	if nq.Default != "stop" || !strings.Contains(nq.Daemon, "pacemaker-schedulerd") {
		t.Errorf("no-quorum-policy = %+v", nq)
	}
	se, ok := ClusterOption("stonith-enabled")
	if !ok {
		se, ok = ClusterOption("fencing-enabled")
	}
	if !ok || se.Type != "boolean" || se.Default != "true" {
		t.Errorf("stonith-enabled/fencing-enabled = %+v, %v", se, ok)
	}
	for _, n := range []string{"symmetric-cluster", "maintenance-mode", "cluster-recheck-interval", "enable-acl"} {
		if _, ok := ClusterOption(n); !ok {
			t.Errorf("no cluster option %s", n)
		}
	}
	if _, ok := ClusterOption("no-such-option"); ok {
		t.Error("ClusterOption(no-such-option) found one")
	}
}

func TestFencerParams(t *testing.T) {
	ps := FencerParams()
	for _, n := range []string{"pcmk_host_map", "pcmk_host_list", "pcmk_host_check", "pcmk_delay_max", "pcmk_delay_base"} {
		if !slices.ContainsFunc(ps, func(p Param) bool { return p.Name == n }) {
			t.Errorf("FencerParams() lacks %s", n)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := decode(snapshotJSON); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	load()
	for b.Loop() {
		Lookup("ocf", "heartbeat", "IPaddr2")
	}
}
