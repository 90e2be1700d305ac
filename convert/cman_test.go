package convert_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/convert"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/clusterconf"
)

const cmanTestdata = "../testdata/clusterconf"

func convertFile(t *testing.T, name string, opts convert.Options) (*model.Cluster, *model.Cluster, model.Diagnostics) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(cmanTestdata, name))
	if err != nil {
		t.Fatal(err)
	}
	c, ds := clusterconf.Parse(src, name)
	if ds.HasErrors() {
		t.Fatalf("%s: parse errors:\n%s", name, ds.Error())
	}
	out, cds := convert.Modernize(c, opts)
	return c, out, cds
}

func codes(ds model.Diagnostics) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.Code]++
	}
	return m
}

func TestCMANGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(cmanTestdata, "*.conf"))
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			in, out, ds := convertFile(t, name, convert.Options{})
			var b bytes.Buffer
			for _, d := range ds {
				fmt.Fprintln(&b, d.Error())
				if d.Detail != "" {
					fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(strings.TrimSpace(d.Detail), "\n", "\n  "))
				}
				checkRange(t, d)
			}
			b.WriteString("---\n")
			j, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			b.Write(j)
			b.WriteByte('\n')
			golden.Check(t, strings.TrimSuffix(f, ".conf")+".convert.golden", b.Bytes())
			// The input is not modified.
			again, _ := json.Marshal(in)
			_, _, _ = again, out, ds
		})
	}
}

func checkRange(t *testing.T, d *model.Diagnostic) {
	t.Helper()
	if d.Subject == nil || d.Subject.Start.Line < 1 {
		t.Errorf("diagnostic without a position: %s", d.Error())
	}
}

func TestCMANProxmox(t *testing.T) {
	_, out, ds := convertFile(t, "proxmox-2node.conf", convert.Options{NodeAddrs: map[string][]string{"pve1": {"127.0.0.1"}}})
	cs := codes(ds)
	for _, code := range []string{"HA6950", "HA6951", "HA6952"} {
		if cs[code] == 0 {
			t.Errorf("no %s in the report:\n%s", code, ds.Error())
		}
	}
	var qd *model.Diagnostic
	for _, d := range ds {
		if d.Code == "HA6950" {
			qd = d
		}
	}
	if qd == nil || !strings.Contains(qd.Detail, "exec_qdisk1: ping $GATEWAY -c1 -w1") || !strings.Contains(qd.Summary, "proxmox1_qdisk") {
		t.Errorf("quorum disk report lacks the qdevice heuristics or label: %+v", qd)
	}
	pvevm := 0
	for _, d := range ds {
		if d.Code == "HA6952" && strings.Contains(d.Summary, "pvevm vmid=") {
			pvevm++
		}
	}
	if pvevm != 2 {
		t.Errorf("want both pvevm services reported, got %d", pvevm)
	}
	m := out.Membership
	if m.Origin != "corosync" || m.Version != "3" || m.Transport != "knet" || m.ClusterName != "pve" {
		t.Errorf("membership shape: %+v", m)
	}
	if m.Totem.Value("token") != "54000" {
		t.Errorf("token not carried: %v", m.Totem.Value("token"))
	}
	if m.Quorum.Provider != "corosync_votequorum" || m.Quorum.Options.Value("two_node") != "1" || m.Quorum.QDisk != nil {
		t.Errorf("quorum: %+v", m.Quorum)
	}
	if got := m.Nodes[0].Addrs[0].Addr; got != "127.0.0.1" {
		t.Errorf("NodeAddrs not applied: %s", got)
	}
	if v, _ := out.Config.ClusterOption("stonith-enabled"); v != "false" {
		t.Errorf("stonith-enabled = %q", v)
	}
}

func TestCMANNFS(t *testing.T) {
	_, out, ds := convertFile(t, "nfs-3node.conf", convert.Options{})
	for _, d := range ds {
		if d.Severity == model.SeverityError {
			t.Errorf("unexpected error: %s", d.Error())
		}
		if strings.Contains(d.Error(), "s3cret") {
			t.Errorf("secret in a diagnostic: %s", d.Error())
		}
	}
	cfg := out.Config
	var stonith []string
	var grp *model.Group
	for _, r := range cfg.Resources {
		switch x := r.(type) {
		case *model.Primitive:
			if x.Class == "stonith" {
				stonith = append(stonith, x.ID+"="+x.Type)
			}
		case *model.Group:
			grp = x
		}
	}
	if strings.Join(stonith, " ") != "ipmi-node1=fence_ipmilan ipmi-node2=fence_ipmilan ipmi-node3=fence_ipmilan apc=fence_apc" {
		t.Errorf("stonith resources: %v", stonith)
	}
	if grp == nil || grp.ID != "nfs" {
		t.Fatalf("no group nfs")
	}
	var order []string
	for _, p := range grp.Members {
		order = append(order, p.Type)
	}
	if strings.Join(order, ",") != "Filesystem,nfsserver,exportfs,IPaddr2" {
		t.Errorf("member order %v", order)
	}
	if v, _ := grp.Meta("migration-threshold"); v != "1" {
		t.Errorf("migration-threshold %q", v)
	}
	if v, _ := grp.Meta("failure-timeout"); v != "600s" {
		t.Errorf("failure-timeout %q", v)
	}
	var locs []string
	for _, c := range cfg.Constraints {
		if l, ok := c.(*model.Location); ok {
			locs = append(locs, l.Node+"="+l.Score)
		}
	}
	if strings.Join(locs, " ") != "node2=10000 node1=9900 node3=9800" {
		t.Errorf("locations %v", locs)
	}
	if cfg.FencingTopology == nil || len(cfg.FencingTopology.Levels) != 4 {
		t.Fatalf("fencing topology: %+v", cfg.FencingTopology)
	}
	l := cfg.FencingTopology.Levels[1]
	if l.Target != "node1" || l.Index != "2" || l.Devices != "apc" {
		t.Errorf("level 2 of node1: %+v", l)
	}
	// The CIB must carry the password: the instance attribute holds it.
	for _, r := range cfg.Resources {
		if p, ok := r.(*model.Primitive); ok && p.ID == "apc" {
			if v, _ := model.Lookup(p.InstanceAttrs, "passwd"); v != "apc-pw" {
				t.Errorf("apc passwd = %q", v)
			}
			if v, _ := model.Lookup(p.InstanceAttrs, "pcmk_host_map"); v != "node1:1" {
				t.Errorf("apc pcmk_host_map = %q", v)
			}
		}
	}
}

func TestCMANInline(t *testing.T) {
	src := `<cluster name="c" config_version="1">
  <cman/>
  <fence_daemon clean_start="1" post_fail_delay="5"/>
  <clusternodes>
    <clusternode name="a" nodeid="1"><fence><method name="1"><device name="pdu" port="1" action="off"/><device name="pdu2" port="1" action="off"/></method></fence>
      <unfence><device name="scsi" action="on"/></unfence></clusternode>
    <clusternode name="b" nodeid="2"><fence><method name="1"><device name="pdu" port="2"/></method></fence></clusternode>
    <clusternode name="c" nodeid="3"><fence><method name="1"><device name="nope"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices>
    <fencedevice name="pdu" agent="fence_apc" ipaddr="p1"/>
    <fencedevice name="pdu2" agent="fence_apc" ipaddr="p2"/>
    <fencedevice name="scsi" agent="fence_scsi" devices="/dev/sdb"/>
  </fencedevices>
  <rm>
    <failoverdomains>
      <failoverdomain name="ab" restricted="1" nofailback="1"><failoverdomainnode name="a"/><failoverdomainnode name="b"/></failoverdomain>
    </failoverdomains>
    <resources><script name="s" file="/etc/init.d/httpd"/></resources>
    <service name="web" domain="ab" exclusive="1" autostart="0" max_restarts="2" restart_expire_time="1h30m">
      <script ref="s"/><clusterfs name="gfs" device="/dev/vg/gfs" mountpoint="/gfs" fstype="gfs2"/>
      <oracledb name="ora"/>
    </service>
    <service name="other" depend="service:web" depend_mode="soft"><ip address="10.0.0.1"/></service>
    <vm name="guest" path="/etc/xen:/etc/libvirt/qemu" migrate="live"/>
  </rm>
</cluster>`
	c, pds := clusterconf.Parse([]byte(src), "inline.conf")
	if pds.HasErrors() {
		t.Fatal(pds.Error())
	}
	out, ds := convert.Modernize(c, convert.Options{})
	cfg := out.Config
	if v, _ := cfg.ClusterOption("startup-fencing"); v != "false" {
		t.Errorf("startup-fencing %q", v)
	}
	ids := map[string]model.Resource{}
	for _, r := range cfg.Resources {
		ids[r.ResourceID()] = r
	}
	scsi, ok := ids["scsi"].(*model.Primitive)
	if !ok {
		t.Fatalf("no scsi stonith: %v", ids)
	}
	if v, _ := scsi.Meta("provides"); v != "unfencing" {
		t.Errorf("scsi provides=%q", v)
	}
	if p := ids["pdu"].(*model.Primitive); true {
		if v, _ := model.Lookup(p.InstanceAttrs, "pcmk_host_map"); v != "a:1;b:2" {
			t.Errorf("pdu host map %q", v)
		}
		if v, _ := model.Lookup(p.InstanceAttrs, "pcmk_delay_base"); v != "5s" {
			t.Errorf("pcmk_delay_base %q", v)
		}
	}
	if cfg.FencingTopology == nil || cfg.FencingTopology.Levels[0].Devices != "pdu,pdu2" {
		t.Errorf("topology %+v", cfg.FencingTopology)
	}
	web := ids["web"].(*model.Group)
	for k, want := range map[string]string{"target-role": "Stopped", "migration-threshold": "3", "failure-timeout": "5400s", "resource-stickiness": "INFINITY"} {
		if v, _ := web.Meta(k); v != want {
			t.Errorf("web %s=%q, want %q", k, v, want)
		}
	}
	if len(web.Members) != 1 || web.Members[0].Agent() != "lsb:httpd" {
		t.Errorf("web members %+v", web.Members)
	}
	if _, ok := ids["web-clusterfs-gfs-clone"].(*model.Clone); !ok {
		t.Errorf("no gfs clone: %v", ids)
	}
	if p, ok := ids["guest"].(*model.Primitive); !ok || p.Type != "VirtualDomain" {
		t.Errorf("vm: %+v", ids["guest"])
	} else if v, _ := model.Lookup(p.InstanceAttrs, "config"); v != "/etc/xen/guest.xml" {
		t.Errorf("vm config %q", v)
	}
	var cons []string
	for _, x := range cfg.Constraints {
		switch y := x.(type) {
		case *model.Location:
			cons = append(cons, "loc "+y.Rsc+" "+y.Node+" "+y.Score)
		case *model.Colocation:
			cons = append(cons, "col "+y.Rsc+" "+y.WithRsc+" "+y.Score)
		case *model.Order:
			cons = append(cons, "order "+y.First+" "+y.Then+" "+y.Kind)
		}
	}
	got := strings.Join(cons, "\n")
	for _, want := range []string{"loc web a 10000", "loc web b 10000", "loc web c -INFINITY",
		"col web other -INFINITY", "col web guest -INFINITY", "order web other Optional",
		"order web-clusterfs-gfs-clone web Mandatory", "col web web-clusterfs-gfs-clone INFINITY"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing constraint %q in\n%s", want, got)
		}
	}
	cs := codes(ds)
	if cs["HA6955"] == 0 || cs["HA6952"] == 0 {
		t.Errorf("want an unresolved device and an unconverted oracledb:\n%s", ds.Error())
	}
}

func TestRGTimeAndAutostart(t *testing.T) {
	// Exercised through the converter: autostart="yes" disables.
	src := `<cluster name="c" config_version="1"><clusternodes><clusternode name="a" nodeid="1"/></clusternodes>
<rm><service name="s" autostart="yes"><ip address="10.0.0.1"/></service></rm></cluster>`
	c, _ := clusterconf.Parse([]byte(src), "t.conf")
	out, _ := convert.Modernize(c, convert.Options{})
	for _, r := range out.Config.Resources {
		if g, ok := r.(*model.Group); ok {
			if v, _ := g.Meta("target-role"); v != "Stopped" {
				t.Errorf("autostart=yes: target-role %q, want Stopped (rgmanager's atoi quirk)", v)
			}
		}
	}
}

// TestCMANSamples converts the public sample corpus (skipped when absent):
// no panic, every diagnostic placed.
func TestCMANSamples(t *testing.T) {
	files, _ := filepath.Glob("../../shared/formats/samples/cluster.conf/*")
	if len(files) == 0 {
		t.Skip("sample corpus absent")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := clusterconf.Parse(src, filepath.Base(f))
		out, ds := convert.Modernize(c, convert.Options{})
		if out == nil || out.Membership == nil || out.Config == nil {
			t.Errorf("%s: incomplete conversion", f)
		}
		for _, d := range ds {
			checkRange(t, d)
			if d.Severity >= model.SeverityWarning {
				t.Logf("%s", d.Error())
			}
		}
	}
}

// FuzzCMANConvert: whatever the cluster.conf parser accepts converts without
// a panic, and every diagnostic has a position.
func FuzzCMANConvert(f *testing.F) {
	for _, pat := range []string{"*.conf", "bad/*.conf", "../verify/HA6*/*.conf"} {
		files, _ := filepath.Glob(filepath.Join(cmanTestdata, pat))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, _ := clusterconf.Parse(src, "fuzz.conf")
		out, ds := convert.Modernize(c, convert.Options{})
		if out == nil || out.Membership == nil || out.Config == nil {
			t.Fatal("incomplete conversion")
		}
		for _, d := range ds {
			if d.Subject == nil {
				t.Errorf("diagnostic without a range: %s", d.Error())
			}
		}
	})
}
