package cib_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	emitcib "hakit/emit/cib"
	"hakit/parsers/cib"
)

// bigCIB generates a CIB of n primitives, each with instance and meta
// attributes and two operations, a location constraint each, and a status
// section with one history entry per primitive on each of two nodes.
func bigCIB(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
    </nodes>
    <resources>
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `      <primitive id="r%d" class="ocf" provider="pacemaker" type="Dummy">
        <instance_attributes id="r%d-instance_attributes">
          <nvpair id="r%d-instance_attributes-state" name="state" value="/run/r%d.state"/>
        </instance_attributes>
        <meta_attributes id="r%d-meta_attributes">
          <nvpair id="r%d-meta_attributes-target-role" name="target-role" value="Started"/>
        </meta_attributes>
        <operations>
          <op id="r%d-monitor-interval-10s" name="monitor" interval="10s" timeout="20s"/>
          <op id="r%d-start-interval-0s" name="start" interval="0s" timeout="20s"/>
        </operations>
      </primitive>
`, i, i, i, i, i, i, i, i)
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "      <rsc_location id=\"loc-r%d\" rsc=\"r%d\" node=\"node%d\" score=\"100\"/>\n", i, i, i%2+1)
	}
	b.WriteString("    </constraints>\n  </configuration>\n  <status>\n")
	for node := 1; node <= 2; node++ {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"node%d\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">\n      <lrm id=\"%d\">\n        <lrm_resources>\n", node, node, node)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `          <lrm_resource id="r%d" class="ocf" provider="pacemaker" type="Dummy">
            <lrm_rsc_op id="r%d_last_0" operation_key="r%d_monitor_0" operation="monitor" crm-debug-origin="build" crm_feature_set="3.16.1" transition-key="1:1:7:x" transition-magic="0:7;1:1:7:x" on_node="node%d" call-id="%d" rc-code="7" op-status="0" interval="0" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
          </lrm_resource>
`, i, i, i, node, i+1)
		}
		b.WriteString("        </lrm_resources>\n      </lrm>\n    </node_state>\n")
	}
	b.WriteString("  </status>\n</cib>\n")
	return b.Bytes()
}

// BenchmarkParseEmit4000 parses and emits a CIB of 4000 primitives. Set
// HAKIT_BENCH_CIB=/tmp/cib4000.xml to also write it out (for timing
// crm_verify -x on the same file).
func BenchmarkParseEmit4000(b *testing.B) {
	src := bigCIB(4000)
	if p := os.Getenv("HAKIT_BENCH_CIB"); p != "" {
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		c, ds := cib.Parse(src, "big.xml")
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		if err := emitcib.Emit(&bytes.Buffer{}, c, emitcib.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBigCIBClean(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	_, ds := cib.Parse(bigCIB(200), "big.xml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
}
