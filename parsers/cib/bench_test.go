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

// historyCIB generates a CIB of nr resources on nn nodes with operation
// history: every node has probed every resource (rc 7), and each
// resource's node has its start and 10 s monitor. 10,000 x 32 is 198 MB,
// the size the reading layer is measured at (issue 16).
func historyCIB(nr, nn int) []byte {
	var b bytes.Buffer
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="12" num_updates="4" admin_epoch="0" cib-last-written="Tue Jan  9 10:00:00 2024" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o1" name="stonith-enabled" value="false"/>
        <nvpair id="o2" name="cluster-name" value="big"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
`)
	for i := 1; i <= nn; i++ {
		fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"node%d\"/>\n", i, i)
	}
	b.WriteString("    </nodes>\n    <resources>\n")
	for i := 0; i < nr; i++ {
		fmt.Fprintf(&b, `      <primitive id="rsc%d" class="ocf" provider="pacemaker" type="Dummy">
        <operations>
          <op id="rsc%d-monitor-10s" name="monitor" interval="10s" timeout="20s"/>
        </operations>
      </primitive>
`, i, i)
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	for i := 0; i < nr; i++ {
		fmt.Fprintf(&b, "      <rsc_location id=\"loc%d\" rsc=\"rsc%d\" node=\"node%d\" score=\"100\"/>\n", i, i, i%nn+1)
	}
	b.WriteString("    </constraints>\n    <rsc_defaults>\n      <meta_attributes id=\"d\">\n        <nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/>\n      </meta_attributes>\n    </rsc_defaults>\n  </configuration>\n  <status>\n")
	const uuid = "6b1c4d6e-8a3f-4a6b-9d3c-2a1f0e5b7c9d"
	for n := 1; n <= nn; n++ {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"node%d\" in_ccm=\"true\" crmd=\"online\" crm-debug-origin=\"do_update_resource\" join=\"member\" expected=\"member\">\n      <lrm id=\"%d\">\n        <lrm_resources>\n", n, n, n)
		call := 2
		for i := 0; i < nr; i++ {
			fmt.Fprintf(&b, "          <lrm_resource id=\"rsc%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n", i)
			if i%nn == n-1 {
				fmt.Fprintf(&b, "            <lrm_rsc_op id=\"rsc%d_last_0\" operation_key=\"rsc%d_start_0\" operation=\"start\" crm-debug-origin=\"do_update_resource\" crm_feature_set=\"3.16.1\" transition-key=\"%d:3:0:%s\" transition-magic=\"0:0;%d:3:0:%s\" exit-reason=\"\" on_node=\"node%d\" call-id=\"%d\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"1704794400\" exec-time=\"21\" queue-time=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\" op-force-restart=\" state \" op-restart-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>\n", i, i, i+10, uuid, i+10, uuid, n, call)
				call++
				fmt.Fprintf(&b, "            <lrm_rsc_op id=\"rsc%d_monitor_10000\" operation_key=\"rsc%d_monitor_10000\" operation=\"monitor\" crm-debug-origin=\"do_update_resource\" crm_feature_set=\"3.16.1\" transition-key=\"%d:3:0:%s\" transition-magic=\"0:0;%d:3:0:%s\" exit-reason=\"\" on_node=\"node%d\" call-id=\"%d\" rc-code=\"0\" op-status=\"0\" interval=\"10000\" last-rc-change=\"1704794400\" exec-time=\"12\" queue-time=\"0\" op-digest=\"4811cef7f7f94e3a35a70be7916cb2fd\"/>\n", i, i, i+11, uuid, i+11, uuid, n, call)
			} else {
				fmt.Fprintf(&b, "            <lrm_rsc_op id=\"rsc%d_last_0\" operation_key=\"rsc%d_monitor_0\" operation=\"monitor\" crm-debug-origin=\"do_update_resource\" crm_feature_set=\"3.16.1\" transition-key=\"%d:1:7:%s\" transition-magic=\"0:7;%d:1:7:%s\" exit-reason=\"\" on_node=\"node%d\" call-id=\"%d\" rc-code=\"7\" op-status=\"0\" interval=\"0\" last-rc-change=\"1704794000\" exec-time=\"9\" queue-time=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>\n", i, i, i+1, uuid, i+1, uuid, n, call)
			}
			call++
			b.WriteString("          </lrm_resource>\n")
		}
		b.WriteString("        </lrm_resources>\n      </lrm>\n    </node_state>\n")
	}
	b.WriteString("  </status>\n</cib>\n")
	return b.Bytes()
}

// TestWriteHistoryCIB writes the 10,000 x 32 CIB with history for timing
// hakit simulate by hand (issue 16's figures):
// HAKIT_HISTORY_CIB=/tmp/big.xml go test -run WriteHistoryCIB ./parsers/cib/
func TestWriteHistoryCIB(t *testing.T) {
	path := os.Getenv("HAKIT_HISTORY_CIB")
	if path == "" {
		t.Skip("HAKIT_HISTORY_CIB not set")
	}
	if err := os.WriteFile(path, historyCIB(10000, 32), 0o644); err != nil {
		t.Fatal(err)
	}
}

func benchHistory(b *testing.B, nr, nn int) {
	src := historyCIB(nr, nn)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := cib.Parse(src, "history.xml"); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkParseHistory* read CIBs whose operation history is most of
// their bytes (B/op against the input size: what the model keeps).
func BenchmarkParseHistory1000x32(b *testing.B)  { benchHistory(b, 1000, 32) }
func BenchmarkParseHistory10000x32(b *testing.B) { benchHistory(b, 10000, 32) }
