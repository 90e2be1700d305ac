package verify

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"hakit/model"
	"hakit/parsers/cib"
)

// genCIB4000 writes a realistic CIB with 4000 resource primitives: 16
// nodes each with its own fence_ipmilan device, IPaddr2, Filesystem and
// Dummy primitives with monitors, a tenth of them in groups of four (every
// other group cloned), a location and an order constraint per group, a
// status section with every node online (so crm_verify runs the whole
// scheduler, as it does on a live cluster).
func genCIB4000() []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("<cib crm_feature_set=\"3.16.2\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">\n")
	w("  <configuration>\n    <crm_config>\n      <cluster_property_set id=\"cib-bootstrap-options\">\n")
	w("        <nvpair id=\"o-name\" name=\"cluster-name\" value=\"bench\"/>\n        <nvpair id=\"o-st\" name=\"stonith-enabled\" value=\"true\"/>\n")
	w("      </cluster_property_set>\n    </crm_config>\n    <nodes>\n")
	const nodes = 16
	for n := 1; n <= nodes; n++ {
		w("      <node id=\"%d\" uname=\"node%d\"/>\n", n, n)
	}
	w("    </nodes>\n    <resources>\n")
	for n := 1; n <= nodes; n++ {
		w(`      <primitive id="fence-node%d" class="stonith" type="fence_ipmilan">
        <instance_attributes id="fence-node%d-ia">
          <nvpair id="fence-node%d-ip" name="ip" value="10.1.0.%d"/>
          <nvpair id="fence-node%d-user" name="username" value="admin"/>
          <nvpair id="fence-node%d-pw" name="password" value="secret"/>
          <nvpair id="fence-node%d-hosts" name="pcmk_host_list" value="node%d"/>
        </instance_attributes>
        <operations>
          <op id="fence-node%d-monitor" name="monitor" interval="60s"/>
        </operations>
      </primitive>
`, n, n, n, n, n, n, n, n, n)
	}
	prim := func(i int, indent string) {
		switch i % 3 {
		case 0:
			w("%s<primitive id=\"rsc%d\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">\n", indent, i)
			w("%s  <instance_attributes id=\"rsc%d-ia\">\n%s    <nvpair id=\"rsc%d-ip\" name=\"ip\" value=\"10.%d.%d.%d\"/>\n%s  </instance_attributes>\n", indent, i, indent, i, 2+i/65536, i/256%256, i%256, indent)
		case 1:
			w("%s<primitive id=\"rsc%d\" class=\"ocf\" provider=\"heartbeat\" type=\"Filesystem\">\n", indent, i)
			w("%s  <instance_attributes id=\"rsc%d-ia\">\n", indent, i)
			w("%s    <nvpair id=\"rsc%d-dev\" name=\"device\" value=\"/dev/vg/lv%d\"/>\n", indent, i, i)
			w("%s    <nvpair id=\"rsc%d-dir\" name=\"directory\" value=\"/srv/%d\"/>\n", indent, i, i)
			w("%s    <nvpair id=\"rsc%d-fs\" name=\"fstype\" value=\"xfs\"/>\n%s  </instance_attributes>\n", indent, i, indent)
		default:
			w("%s<primitive id=\"rsc%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n", indent, i)
		}
		w("%s  <operations>\n%s    <op id=\"rsc%d-mon\" name=\"monitor\" interval=\"30s\" timeout=\"60s\"/>\n%s  </operations>\n%s</primitive>\n", indent, indent, i, indent, indent)
	}
	var cons bytes.Buffer
	for i := 0; i < 4000; {
		if i%40 == 0 && i+4 <= 4000 {
			g := fmt.Sprintf("grp%d", i)
			cloned := i%80 == 0
			indent := "        "
			if cloned {
				w("      <clone id=\"%s-clone\">\n        <meta_attributes id=\"%s-clone-meta\">\n          <nvpair id=\"%s-clone-il\" name=\"interleave\" value=\"true\"/>\n        </meta_attributes>\n", g, g, g)
				indent = "          "
				w("        <group id=\"%s\">\n", g)
			} else {
				w("      <group id=\"%s\">\n", g)
			}
			for k := 0; k < 4; k++ {
				// Clones get Dummy members only (no unique parameters).
				j := i
				if cloned {
					j = i - i%3 + 2
					w("%s<primitive id=\"rsc%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n%s  <operations>\n%s    <op id=\"rsc%d-mon\" name=\"monitor\" interval=\"30s\" timeout=\"60s\"/>\n%s  </operations>\n%s</primitive>\n", indent, i, indent, indent, i, indent, indent)
				} else {
					prim(j, indent)
				}
				i++
			}
			if cloned {
				w("        </group>\n      </clone>\n")
				fmt.Fprintf(&cons, "      <rsc_order id=\"ord-%s\" first=\"fence-node1\" then=\"%s-clone\" kind=\"Optional\"/>\n", g, g)
			} else {
				w("      </group>\n")
				fmt.Fprintf(&cons, "      <rsc_location id=\"loc-%s\" rsc=\"%s\" node=\"node%d\" score=\"100\"/>\n", g, g, 1+(i/40)%nodes)
				fmt.Fprintf(&cons, "      <rsc_order id=\"ord-%s\" first=\"rsc5\" then=\"%s\" kind=\"Optional\"/>\n", g, g)
			}
			continue
		}
		prim(i, "      ")
		i++
	}
	w("    </resources>\n    <constraints>\n")
	b.Write(cons.Bytes())
	w("    </constraints>\n  </configuration>\n  <status>\n")
	for n := 1; n <= nodes; n++ {
		w("    <node_state id=\"%d\" uname=\"node%d\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>\n", n, n)
	}
	w("  </status>\n</cib>\n")
	return b.Bytes()
}

// BenchmarkAllRules4000 parses the generated 4000-primitive CIB and runs
// every rule (all families, opt-in ones too) over it. Set
// HAKIT_BENCH_CIB=path to also write the CIB there, to time crm_verify -x
// on the same file.
//
// Recorded 2026-11-23 on the 2-core development machine (shared, load
// average 13-16 during the runs), file 1.45 MB:
//
//	BenchmarkAllRules4000        0.63-0.80 s/op  56 MB/op   (parse + every rule)
//	BenchmarkPacemakerRules4000  0.03-0.05 s/op  3.5 MB/op  (rules only)
//	time crm_verify -x bench.xml -V (Pacemaker 2.1.5): 1167 s wall,
//	  about 7.5 min CPU, 934 MB max RSS, exit 0 (no errors, no warnings)
func BenchmarkAllRules4000(b *testing.B) {
	src := genCIB4000()
	if p := os.Getenv("HAKIT_BENCH_CIB"); p != "" {
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var all []string
	for _, r := range Rules() {
		all = append(all, r.ID)
	}
	cfg := &Config{Enable: all}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		c, ds := cib.Parse(src, "bench.xml")
		Run(context.Background(), []*Input{{Filename: "bench.xml", Format: "cib", Src: src, Cluster: c, Diagnostics: ds}}, cfg)
	}
}

// TestGenCIB4000Clean keeps the benchmark honest: the generated CIB gets
// no error and no warning from any Pacemaker rule family.
func TestGenCIB4000Clean(t *testing.T) {
	src := genCIB4000()
	c, ds := cib.Parse(src, "bench.xml")
	n := 0
	for _, r := range c.Config.Resources {
		model.Primitives([]model.Resource{r}, func(*model.Primitive) { n++ })
	}
	if n != 4000+16 {
		t.Errorf("generated %d primitives, want 4016", n)
	}
	for _, d := range Run(context.Background(), []*Input{{Filename: "bench.xml", Format: "cib", Src: src, Cluster: c, Diagnostics: ds}}, nil) {
		if d.Severity == model.SeverityWarning || d.Severity == model.SeverityError {
			t.Errorf("%s", d.Error())
		}
	}
}

// BenchmarkPacemakerRules4000 runs only the rules (all families) on the
// parsed 4000-primitive CIB, so parsing cost is left out.
func BenchmarkPacemakerRules4000(b *testing.B) {
	src := genCIB4000()
	c, ds := cib.Parse(src, "bench.xml")
	var all []string
	for _, r := range Rules() {
		all = append(all, r.ID)
	}
	cfg := &Config{Enable: all}
	in := []*Input{{Filename: "bench.xml", Format: "cib", Src: src, Cluster: c, Diagnostics: ds}}
	b.ResetTimer()
	for b.Loop() {
		Run(context.Background(), in, cfg)
	}
}
