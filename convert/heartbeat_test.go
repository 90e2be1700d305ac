package convert_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakit/convert"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/heartbeat"
)

const hbTestdata = "../testdata/heartbeat"

// hbLoadDir parses every file of a heartbeat test case and merges them as the
// CLI does (model.Merge, with the heartbeat blocks combined field by field).
func hbLoadDir(t *testing.T, dir string) (*model.Cluster, model.Diagnostics, []string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var cs []*model.Cluster
	var all model.Diagnostics
	var srcs []string
	for _, e := range ents {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".golden") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(src))
		c, ds := heartbeat.ParseMode(src, path, 0o600, true)
		cs = append(cs, c)
		all = append(all, ds...)
	}
	return hbMerge(cs...), all, srcs
}

func hbMerge(cs ...*model.Cluster) *model.Cluster {
	m := model.Merge(cs...)
	if m.Membership != nil {
		var hb *model.Heartbeat
		for _, c := range cs {
			if c != nil && c.Membership != nil {
				hb = model.MergeHeartbeat(hb, c.Membership.Heartbeat)
			}
		}
		m.Membership.Heartbeat = hb
	}
	return m
}

var hbKnob = regexp.MustCompile(`--node-addr\s+([^=\s]+)=(\S+)`)

// hbOptions reads the per-case knobs from the "# hakit-test:" comment of
// ha.cf.
func hbOptions(t *testing.T, dir string) convert.Options {
	src, _ := os.ReadFile(filepath.Join(dir, "ha.cf"))
	opts := convert.Options{}
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "# hakit-test:") {
			continue
		}
		for _, m := range hbKnob.FindAllStringSubmatch(line, -1) {
			if opts.NodeAddrs == nil {
				opts.NodeAddrs = map[string][]string{}
			}
			opts.NodeAddrs[m[1]] = strings.Split(m[2], ",")
		}
	}
	return opts
}

// hbSecrets returns the secrets of the authkeys files of a case.
func hbSecrets(t *testing.T, dir string) []string {
	src, err := os.ReadFile(filepath.Join(dir, "authkeys"))
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(src), "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[0] != "auth" {
			out = append(out, f[2])
		}
	}
	return out
}

// hbDump writes a cluster as indented JSON with every range shortened to
// "file:l:c-l:c".
func hbDump(t *testing.T, v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatal(err)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch y := v.(type) {
		case map[string]any:
			if s, ok := y["start"].(map[string]any); ok && len(y) <= 3 {
				e, _ := y["end"].(map[string]any)
				f, _ := y["file"].(string)
				return fmt.Sprintf("%s:%v:%v-%v:%v", filepath.Base(f), s["line"], s["column"], e["line"], e["column"])
			}
			for k, val := range y {
				y[k] = walk(val)
			}
		case []any:
			for i := range y {
				y[i] = walk(y[i])
			}
		}
		return v
	}
	out, err := json.MarshalIndent(walk(x), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func hbReport(ds model.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		s := d.Error()
		if d.Subject != nil {
			s = strings.Replace(s, d.Subject.Filename, filepath.Base(d.Subject.Filename), 1)
		}
		fmt.Fprintln(&b, s)
	}
	return b.String()
}

func TestHeartbeatConvertGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(hbTestdata, "*", "ha.cf"))
	if len(dirs) == 0 {
		t.Fatal("no heartbeat testdata")
	}
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c, pds, _ := hbLoadDir(t, dir)
			out, ds := convert.Modernize(c, hbOptions(t, dir))
			var b bytes.Buffer
			b.WriteString("# parser\n")
			b.WriteString(hbReport(pds))
			b.WriteString("# conversion report\n")
			b.WriteString(hbReport(ds))
			b.WriteString("# converted cluster\n")
			b.Write(hbDump(t, out))
			golden.Check(t, filepath.Join(hbTestdata, "golden", filepath.Base(dir)+".convert.golden"), b.Bytes())
			for _, s := range hbSecrets(t, dir) {
				if strings.Contains(b.String(), s) {
					t.Errorf("secret %q reached the output", s)
				}
			}
			// Every directive is mapped or reported, at its own line.
			lines := map[string]bool{}
			for _, d := range ds {
				if d.Subject != nil {
					lines[fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)] = true
				}
			}
			for _, o := range c.Membership.Heartbeat.Directives {
				if !lines[fmt.Sprintf("%s:%d", o.Range.Filename, o.Range.Start.Line)] {
					t.Errorf("directive %s at %s is neither mapped nor reported", o.Name, o.Range)
				}
			}
			if out == c || out.Membership == c.Membership {
				t.Error("the converter must return a new cluster")
			}
		})
	}
}

func TestHeartbeatConvertField(t *testing.T) {
	dir := filepath.Join(hbTestdata, "field-2node")
	c, pds, _ := hbLoadDir(t, dir)
	if pds.HasErrors() {
		t.Fatalf("parse errors: %s", pds.Error())
	}
	out, ds := convert.Modernize(c, hbOptions(t, dir))
	if ds.HasErrors() {
		t.Fatalf("conversion errors: %s", ds.Error())
	}
	m := out.Membership
	if m.Origin != "corosync" || m.Version != "3" || m.Transport != "knet" {
		t.Errorf("not corosync-3 shaped: %s %s %s", m.Origin, m.Version, m.Transport)
	}
	if len(m.Nodes) != 2 || m.Nodes[0].NodeID != 1 || m.Nodes[1].NodeID != 2 || len(m.Nodes[0].Addrs) != 1 || m.Nodes[0].Addrs[0].Addr != "127.0.0.1" {
		t.Errorf("nodes: %s", hbDump(t, m.Nodes))
	}
	if len(m.Links) != 1 || m.Links[0].Number != 0 {
		t.Errorf("links: %s", hbDump(t, m.Links))
	}
	if m.Crypto == nil || m.Crypto.Cipher != "aes256" || m.Crypto.Hash != "sha256" || !m.Crypto.Key.IsZero() {
		t.Errorf("crypto: %s", hbDump(t, m.Crypto))
	}
	if m.Quorum == nil || m.Quorum.Options.Value("two_node") != "1" {
		t.Errorf("quorum: %s", hbDump(t, m.Quorum))
	}
	if m.Totem.Value("token") != "30000" || m.Totem.Value("consensus") != "36000" {
		t.Errorf("totem: %s", hbDump(t, m.Totem))
	}
	if v, _ := model.Lookup(out.Config.RscDefaults, "resource-stickiness"); v != "0" {
		t.Errorf("auto_failback on: resource-stickiness %q, want 0", v)
	}
	if m.AuthKeys != nil || m.Heartbeat != nil {
		t.Error("heartbeat parts leaked into the corosync membership")
	}
}

func TestHeartbeatConvertMissingAddrs(t *testing.T) {
	c, _, _ := hbLoadDir(t, filepath.Join(hbTestdata, "field-2node"))
	_, ds := convert.Modernize(c, convert.Options{})
	var found *model.Diagnostic
	for _, d := range ds {
		if d.Code == "HA5904" {
			found = d
		}
	}
	if found == nil || found.Severity != model.SeverityError {
		t.Fatalf("no HA5904 error: %s", ds.Error())
	}
	for _, want := range []string{"xen-debian1", "xen-debian2", "--node-addr", "bcast eth0", "ha.cf"} {
		if !strings.Contains(found.Error(), want) {
			t.Errorf("HA5904 does not say %q: %s", want, found.Error())
		}
	}
}

func TestHeartbeatConvertBadTime(t *testing.T) {
	_, pds, _ := hbLoadDir(t, filepath.Join(hbTestdata, "bad-time"))
	ok := false
	for _, d := range pds {
		if d.Code == "HA5002" && d.Subject.Start.Line == 5 && strings.Contains(d.Summary, "10s") {
			ok = true
		}
	}
	if !ok {
		t.Errorf("keepalive 10s not reported as HA5002 at line 5: %s", pds.Error())
	}
}

// TestHeartbeatConvertKeepsCIB: with crm on, a CIB given alongside is
// carried over and haresources is not converted.
func TestHeartbeatConvertKeepsCIB(t *testing.T) {
	c, _, _ := hbLoadDir(t, filepath.Join(hbTestdata, "field-2node"))
	hr, _ := heartbeat.ParseHaresources([]byte("xen-debian1 10.0.0.10 apache\n"), "haresources")
	prim := &model.Primitive{Class: "ocf", Provider: "heartbeat", Type: "Dummy"}
	prim.ID = "dummy"
	node := &model.Node{ID: "6125a0a2-a75e-4e8d-8a31-ef4a2e5d8e1b", Uname: "xen-debian2", Type: "normal"}
	cib := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{prim}, Nodes: []*model.Node{node}}}
	merged := hbMerge(c, hr, cib)
	out, ds := convert.Modernize(merged, hbOptions(t, filepath.Join(hbTestdata, "field-2node")))
	if len(out.Config.Resources) != 1 || out.Config.Resources[0].ResourceID() != "dummy" {
		t.Errorf("CIB not carried over: %s", hbDump(t, out.Config))
	}
	if len(out.Config.RscDefaults) != 0 {
		t.Errorf("auto_failback mapped although the CIB is kept: %s", hbDump(t, out.Config.RscDefaults))
	}
	n := 0
	for _, d := range ds {
		if d.Code == "HA5907" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one HA5907, got %d: %s", n, ds.Error())
	}
	if len(out.Config.Nodes) != 1 || out.Config.Nodes[0].ID != "2" || out.Config.Nodes[0].Uname != "xen-debian2" {
		t.Errorf("CIB node ids not mapped to nodeids: %s", hbDump(t, out.Config.Nodes))
	}
	if len(cib.Config.Resources) != 1 || len(cib.Config.RscDefaults) != 0 || node.ID == "2" {
		t.Error("the input configuration was modified")
	}
}

func TestHeartbeatParseNodeAddrs(t *testing.T) {
	got, err := convert.ParseNodeAddrs([]string{"a=10.0.0.1", "b=10.0.0.2,192.168.1.2", "a=192.168.1.1"})
	if err != nil || strings.Join(got["a"], " ") != "10.0.0.1 192.168.1.1" || len(got["b"]) != 2 {
		t.Errorf("got %v, %v", got, err)
	}
	for _, bad := range []string{"a", "=1.2.3.4", "a=", "a=not an address"} {
		if _, err := convert.ParseNodeAddrs([]string{bad}); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// TestHeartbeatLostParts: a plain model.Merge keeps one heartbeat block
// only; the converter must say so instead of dropping haresources silently.
func TestHeartbeatLostParts(t *testing.T) {
	dir := filepath.Join(hbTestdata, "r1-ucast")
	var cs []*model.Cluster
	for _, n := range []string{"authkeys", "ha.cf", "haresources", "hosts"} {
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		c, _ := heartbeat.Parse(src, filepath.Join(dir, n))
		c.Sources = []string{filepath.Join(dir, n)}
		cs = append(cs, c)
	}
	plain := model.Merge(cs...)
	if plain.Membership.Heartbeat.Haresources != nil {
		t.Skip("model.Merge combines heartbeat blocks now")
	}
	_, ds := convert.Modernize(plain, convert.Options{})
	n := 0
	for _, d := range ds {
		if d.Code == "HA5902" && d.Severity == model.SeverityError && strings.Contains(d.Summary, "did not reach") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 lost-part errors (haresources, hosts), got %d:\n%s", n, ds.Error())
	}
}

// TestHeartbeatConvertNoFencing: heartbeat v1 ran resources without
// fencing; the converted cluster would start none of them under Pacemaker's
// default stonith-enabled=true, so the converter says so (HA5908) on the
// first haresources line, and stays quiet once fencing is decided on.
func TestHeartbeatConvertNoFencing(t *testing.T) {
	c, _, _ := hbLoadDir(t, filepath.Join(hbTestdata, "field-2node"))
	hr, _ := heartbeat.ParseHaresources([]byte("xen-debian1 10.0.0.10 apache\n"), "haresources")
	count := func(ds model.Diagnostics) int {
		n := 0
		for _, d := range ds {
			if d.Code == "HA5908" {
				n++
				if d.Subject == nil || d.Subject.Filename != "haresources" || d.Subject.Start.Line != 1 {
					t.Errorf("HA5908 not on the first haresources line: %s", d.Error())
				}
			}
		}
		return n
	}
	noCRM := func(c *model.Cluster) *model.Cluster {
		cp := *c.Membership.Heartbeat
		cp.Directives = nil
		for _, o := range c.Membership.Heartbeat.Directives {
			if o.Name != "crm" && o.Name != "pacemaker" {
				cp.Directives = append(cp.Directives, o)
			}
		}
		m := *c.Membership
		m.Heartbeat = &cp
		out := *c
		out.Membership = &m
		return &out
	}
	_, ds := convert.Modernize(hbMerge(noCRM(c), hr), hbOptions(t, filepath.Join(hbTestdata, "field-2node")))
	if n := count(ds); n != 1 {
		t.Errorf("want one HA5908 without a fence device, got %d: %s", n, ds.Error())
	}
	off := &model.Cluster{Config: &model.Configuration{ClusterOptions: []*model.NVSet{{Pairs: []*model.NVPair{{Name: "stonith-enabled", Value: "false"}}}}}}
	_, ds = convert.Modernize(hbMerge(noCRM(c), hr, off), hbOptions(t, filepath.Join(hbTestdata, "field-2node")))
	if n := count(ds); n != 0 {
		t.Errorf("HA5908 with stonith-enabled=false: %s", ds.Error())
	}
}
