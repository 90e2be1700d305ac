package sim

import (
	"bytes"
	"testing"

	"hakit/internal/golden"
)

// TestWriteDotGolden draws the transition graph of small clusters. Each
// golden was checked, as a set of node and edge lines, against
// crm_simulate -x FILE -S -D out.dot (Pacemaker 2.1.5): graph-start
// (probes, a clone's and a group's pseudo-actions, an ordering, an
// anti-colocation's probe orderings, recurring monitors) and graph-fence
// (fencing, stops it implies as pseudo-actions, a group moving).
func TestWriteDotGolden(t *testing.T) {
	for _, name := range []string{"graph-start", "graph-fence"} {
		t.Run(name, func(t *testing.T) {
			res := runFile(t, "../testdata/sim/"+name+".xml", nil)
			var b bytes.Buffer
			if err := res.WriteDot(&b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "../testdata/sim/"+name+".dot.golden", b.Bytes())
		})
	}
}

// TestGraphLabels pins the label forms crm_simulate uses.
func TestGraphLabels(t *testing.T) {
	for _, c := range []struct {
		a    GraphAction
		want string
	}{
		{GraphAction{Rsc: "ip", Task: "start", Node: "node1"}, "ip_start_0 node1"},
		{GraphAction{Rsc: "ip", Task: "monitor", Interval: 10000, Node: "node1"}, "ip_monitor_10000 node1"},
		{GraphAction{Rsc: "web", Task: "running", Pseudo: true}, "web_running_0"},
		{GraphAction{Task: "reboot", Node: "node2"}, "stonith 'reboot' node2"},
	} {
		if got := c.a.Label(); got != c.want {
			t.Errorf("Label() = %q, want %q", got, c.want)
		}
	}
}
