package scenario

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"inputs: [a]\nsteps:\n  - node-fial: [n1]\n", `s.yaml:3:5: unknown key "node-fial" (did you mean "node-fail"?)`},
		{"inputs: [a\nsteps: []\n", "s.yaml:1:1: malformed YAML"},
		{"inputs: [a]\nsteps:\n  - name: x\n", "s.yaml:3:5: x has no event"},
		{"inputs: [a]\nsteps:\n  - partition: [[n1], [n2, n1]]\n", `s.yaml:3:28: node "n1" is on two sides`},
		{"inputs: [a]\nsteps:\n  - wait: soon\n", `s.yaml:3:11: invalid wait "soon"`},
		{"inputs: [a]\nsteps:\n  - op-fail: [db@n1]\n", "s.yaml:3:15: invalid operation"},
		{"inputs: [a]\nsteps:\n  - node-up: [n1]\n    expect: {runing: {a: n1}}\n", `s.yaml:4:14: unknown key "runing" (did you mean "running"?)`},
		{"", "s.yaml:1:1: empty scenario"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src), "s.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.src, err, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	sc, err := Parse([]byte("inputs: [a]\nsteps:\n  - node-fail: [nod1]\n    expect: {stopped: [wbe]}\n  - partition: [[node1], [node2]]\n"), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = sc.Check([]string{"node1", "node2", "node3"}, []string{"web", "vip"})
	for _, want := range []string{`s.yaml:3:17: unknown node "nod1" (did you mean "node1"?)`, `s.yaml:4:24: unknown resource "wbe" (did you mean "web"?)`, "leaves out node(s) node3"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for s, want := range map[string]string{"10min": "10m0s", "90s": "1m30s", "2h": "2h0m0s", "1d": "24h0m0s", "30": "30s"} {
		if d, ok := ParseDuration(s); !ok || d.String() != want {
			t.Errorf("%s: %v %v, want %s", s, d, ok, want)
		}
	}
}

// FuzzParse: any bytes give a scenario or positioned errors, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("inputs: [cib.xml]\nsteps:\n  - node-fail: [node1]\n    expect: {running: {vip: node2}, quorate: true}\n"))
	f.Add([]byte("inputs: [a]\nsteps:\n  - partition: [[a], [b]]\n    wait: 10min\n  - heal: true\n    qdevice: lost\n"))
	f.Add([]byte("steps: {a: b}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sc, err := Parse(src, "f.yaml")
		if err == nil {
			_ = sc.Check([]string{"node1"}, []string{"vip"})
			return
		}
		if !strings.HasPrefix(err.Error(), "f.yaml:") {
			t.Fatalf("error without position: %v", err)
		}
	})
}
