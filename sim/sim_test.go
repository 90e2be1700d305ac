package sim

import (
	"errors"
	"os"
	"reflect"
	"testing"
)

func TestAddScores(t *testing.T) {
	for _, c := range []struct{ a, b, want int }{
		{1, 2, 3}, {Infinity, 5, Infinity}, {-Infinity, Infinity, -Infinity}, {900000, 900000, Infinity},
	} {
		if got := addScores(c.a, c.b); got != c.want {
			t.Errorf("addScores(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestParseOpSpec(t *testing.T) {
	rsc, op, iv, n, rc, err := parseOpSpec("my_rsc_monitor_10000@node1=7")
	if err != nil || rsc != "my_rsc" || op != "monitor" || iv != 10000 || n != "node1" || rc != 7 {
		t.Errorf("got %q %q %d %q %d %v", rsc, op, iv, n, rc, err)
	}
	rsc, op, _, _, _, err = parseOpSpec("vm_migrate_to_0@node2=1")
	if err != nil || rsc != "vm" || op != "migrate_to" {
		t.Errorf("got %q %q %v", rsc, op, err)
	}
	if _, _, _, _, _, err := parseOpSpec("garbage"); err == nil {
		t.Error("no error for garbage")
	}
}

func TestParseTime(t *testing.T) {
	for _, s := range []string{"2005-020", "2005-020T12:30", "2014-05-07 00:28:00", "2014-05-07T00:28:00Z"} {
		if _, ok := ParseTime(s); !ok {
			t.Errorf("ParseTime(%q) failed", s)
		}
	}
	tm, _ := ParseTime("2005-020T12:30")
	if tm.Month() != 1 || tm.Day() != 20 || tm.Hour() != 12 || tm.Minute() != 30 {
		t.Errorf("got %v", tm)
	}
}

func TestNodeFailMovesPair(t *testing.T) {
	src, err := os.ReadFile("../testdata/sim/pair.xml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCIB(src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Placement.Resources["ip"]["Started"]; !reflect.DeepEqual(got, []string{"node1"}) {
		t.Fatalf("steady: ip on %v, want node1", got)
	}
	res, err = Run(c, &Events{NodeFail: []string{"node1"}})
	if err != nil {
		t.Fatal(err)
	}
	ip, web := res.Placement.Resources["ip"]["Started"], res.Placement.Resources["web"]["Started"]
	if len(ip) != 1 || ip[0] == "node1" || !reflect.DeepEqual(ip, web) {
		t.Errorf("after node1 fails: ip %v, web %v; want both together, off node1", ip, web)
	}
	if res.Placement.Nodes["node1"] != "offline" {
		t.Errorf("node1 is %q, want offline (fenced)", res.Placement.Nodes["node1"])
	}
	_, err = Run(c, &Events{NodeFail: []string{"nosuch"}})
	var ee *EventError
	if !errors.As(err, &ee) {
		t.Errorf("unknown node: err %v, want an EventError", err)
	}
}
