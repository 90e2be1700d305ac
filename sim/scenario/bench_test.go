package scenario

import (
	"fmt"
	"strings"
	"testing"
)

// benchCluster builds nr primitives (groups of two: a colocated, ordered
// pair) with stickiness and a monitor each, on nn nodes, fencing off, no
// status: the scenario starts from the steady state.
func benchCluster(b *testing.B, nr, nn int) string {
	var s strings.Builder
	s.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes>
`)
	for i := 1; i <= nn; i++ {
		fmt.Fprintf(&s, "      <node id=\"%d\" uname=\"n%d\"/>\n", i, i)
	}
	s.WriteString("    </nodes>\n    <resources>\n")
	for i := 0; i < nr/2; i++ {
		fmt.Fprintf(&s, "      <group id=\"g%d\">", i)
		for _, p := range []string{"a", "b"} {
			fmt.Fprintf(&s, "<primitive id=\"%s%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations><op id=\"%s%d-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>", p, i, p, i)
		}
		s.WriteString("</group>\n")
	}
	s.WriteString("    </resources>\n    <rsc_defaults><meta_attributes id=\"d\"><nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/></meta_attributes></rsc_defaults>\n  </configuration>\n</cib>\n")
	return s.String()
}

// BenchmarkScenario10Steps plays a 10-step story (node failures, returns,
// monitor failures, time passing) on 1000 resources and 16 nodes.
func BenchmarkScenario10Steps(b *testing.B) {
	c, err := loadCIB([]byte(benchCluster(b, 1000, 16)))
	if err != nil {
		b.Fatal(err)
	}
	yaml := `inputs: [cib.xml]
steps:
  - node-fail: [n1]
  - op-fail: ["a7_monitor_10000@n8=1"]
  - wait: 10min
  - node-up: [n1]
  - node-fail: [n2, n3]
  - op-fail: ["b9_monitor_10000@n10=1"]
  - node-up: [n2]
  - node-down: [n16]
  - node-up: [n3, n16]
  - wait: 1h
`
	sc, err := Parse([]byte(yaml), "bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Play(sc, c, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSweep32 runs the N-1 node-failure sweep on 1000 resources and
// 32 nodes: 32 failures from the settled state.
func BenchmarkSweep32(b *testing.B) {
	c, err := loadCIB([]byte(benchCluster(b, 1000, 32)))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := Sweep(c, nil, "node-fail", 1)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Events) != 32 {
			b.Fatalf("%d events", len(rep.Events))
		}
	}
}
