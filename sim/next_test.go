package sim

import (
	"os"
	"testing"
)

// TestNextIsSteady: the cluster Next returns is the transition's result,
// so simulating it again changes nothing.
func TestNextIsSteady(t *testing.T) {
	src, err := os.ReadFile("../testdata/sim/pair.xml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCIB(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []*Events{{}, {NodeFail: []string{"node1"}}, {OpFail: []string{"web_monitor_10000@node1=1"}}, {Standby: []string{"node2"}}} {
		res, err := Run(c, ev)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Run(res.Next(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Actions) != 0 {
			t.Errorf("%+v: the next state is not steady: %+v", ev, again.Actions)
		}
		if got, want := again.Placement, res.Placement; len(got.Resources) != len(want.Resources) {
			t.Errorf("%+v: placement %v, want %v", ev, got, want)
		}
	}
}
