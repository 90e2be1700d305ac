package sim

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchCIB builds nr resources (nr/2 pairs: rbI colocated with and ordered
// after raI) on nn nodes, every pair running on node I%nn, with fencing off.
func benchCIB(nr, nn int) string {
	var b strings.Builder
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes>
`)
	for i := 1; i <= nn; i++ {
		fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"n%d\"/>\n", i, i)
	}
	b.WriteString("    </nodes>\n    <resources>\n")
	for i := 0; i < nr/2; i++ {
		for _, p := range []string{"ra", "rb"} {
			fmt.Fprintf(&b, "      <primitive id=\"%s%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n", p, i)
		}
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	for i := 0; i < nr/2; i++ {
		fmt.Fprintf(&b, "      <rsc_colocation id=\"col%d\" rsc=\"rb%d\" with-rsc=\"ra%d\" score=\"INFINITY\"/>\n", i, i, i)
		fmt.Fprintf(&b, "      <rsc_order id=\"ord%d\" first=\"ra%d\" then=\"rb%d\"/>\n", i, i, i)
	}
	b.WriteString("    </constraints>\n    <rsc_defaults><meta_attributes id=\"d\"><nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/></meta_attributes></rsc_defaults>\n  </configuration>\n  <status>\n")
	for n := 1; n <= nn; n++ {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"n%d\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">\n      <lrm id=\"%d\"><lrm_resources>\n", n, n, n)
		call := 1
		for i := 0; i < nr/2; i++ {
			if i%nn != n-1 {
				continue
			}
			for _, p := range []string{"ra", "rb"} {
				fmt.Fprintf(&b, "        <lrm_resource id=\"%s%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"%s%d_last_0\" operation_key=\"%s%d_start_0\" operation=\"start\" crm-debug-origin=\"bench\" crm_feature_set=\"3.16.1\" transition-key=\"1:1:0:bench\" transition-magic=\"0:0;1:1:0:bench\" exit-reason=\"\" on_node=\"n%d\" call-id=\"%d\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"1\" exec-time=\"1\" queue-time=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>\n",
					p, i, p, i, p, i, n, call)
				call++
			}
		}
		b.WriteString("      </lrm_resources></lrm>\n    </node_state>\n")
	}
	b.WriteString("  </status>\n</cib>\n")
	return b.String()
}

// TestWriteBenchCIB writes the 400 x 8 benchmark state for timing
// crm_simulate by hand: HAKIT_BENCH_CIB=/tmp/bench.xml go test -run WriteBenchCIB ./sim/
func TestWriteBenchCIB(t *testing.T) {
	path := os.Getenv("HAKIT_BENCH_CIB")
	if path == "" {
		t.Skip("HAKIT_BENCH_CIB not set")
	}
	if err := os.WriteFile(path, []byte(benchCIB(400, 8)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func benchNodeFail(b *testing.B, nr, nn int) {
	c, err := LoadCIB([]byte(benchCIB(nr, nn)))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(c, &Events{NodeFail: []string{"n1"}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNodeFail400x8(b *testing.B)    { benchNodeFail(b, 400, 8) }
func BenchmarkNodeFail1000x16(b *testing.B)  { benchNodeFail(b, 1000, 16) }
func BenchmarkNodeFail4000x32(b *testing.B)  { benchNodeFail(b, 4000, 32) }
func BenchmarkNodeFail10000x32(b *testing.B) { benchNodeFail(b, 10000, 32) }
