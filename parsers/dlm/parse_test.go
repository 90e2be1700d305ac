package dlm

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	emit "hakit/emit/dlm"
	"hakit/internal/golden"
	"hakit/model"
)

func dump(c *model.Cluster, ds model.Diagnostics) string {
	var b strings.Builder
	d := c.Membership.DLM
	for _, o := range d.Options {
		fmt.Fprintf(&b, "option %s=%q form=%s @%d\n", o.Name, o.Value, o.Extra.Value("form"), o.Range.Start.Line)
	}
	for _, o := range []string{"enable_fencing", "enable_plock", "post_join_delay", "protocol"} {
		fmt.Fprintf(&b, "effective %s=%s\n", o, Effective(d, o))
	}
	for _, dv := range d.Devices {
		base, par := dv.Parallel()
		fmt.Fprintf(&b, "device %s agent=%s parallel=%v(%s) args=%d @%d\n", dv.Name, dv.Agent, par, base, len(dv.Args), dv.Range.Start.Line)
	}
	for _, cn := range d.Connects {
		fmt.Fprintf(&b, "connect %s node=%d stray=%v @%d\n", cn.Device, cn.Node, cn.Stray, cn.Range.Start.Line)
	}
	for _, u := range d.Unfence {
		fmt.Fprintf(&b, "unfence %s\n", u.Device)
	}
	if d.FenceAll != nil {
		fmt.Fprintf(&b, "fence_all %s unfence_all=%v\n", d.FenceAll.Agent, d.FenceAll.UnfenceAll)
	}
	for _, l := range d.Lockspaces {
		fmt.Fprintf(&b, "lockspace %s nodir=%v\n", l.Name, l.NoDir())
		for _, m := range l.Masters {
			fmt.Fprintf(&b, "  master node=%d weight=%d\n", m.Node, m.Weight)
		}
	}
	for _, n := range d.Nodes {
		fmt.Fprintf(&b, "node %d\n", n.ID)
	}
	for _, dg := range ds {
		fmt.Fprintf(&b, "%v\n", dg)
	}
	return b.String()
}

func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/dlm/*.conf")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		c, ds := Parse(src, filepath.Base(f))
		golden.Check(t, filepath.Join("testdata", filepath.Base(f)+".golden"), []byte(dump(c, ds)))
	}
}

func TestSecretsRedacted(t *testing.T) {
	c, ds := Parse([]byte("device foo fence_foo password=hunter2\nconnect foo node=1\n"), "x")
	if strings.Contains(ds.Error(), "hunter2") || strings.Contains(fmt.Sprint(c.Membership.DLM.Devices[0].Args), "hunter2") {
		t.Fatal("secret leaked")
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/dlm/*.conf")
	for _, p := range files {
		src, _ := os.ReadFile(p)
		f.Add(src)
	}
	f.Add([]byte("device\nconnect\nmaster\nnode\nlockspace\nfence_all\nunfence_all\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := Parse(src, "f")
		for _, d := range ds {
			if d.Subject == nil || d.Subject.Start.Byte < 0 || d.Subject.End.Byte > len(src) || d.Subject.Start.Byte > d.Subject.End.Byte {
				t.Fatalf("range outside source: %v", d)
			}
		}
		var b bytes.Buffer
		if err := emit.Emit(&b, c, emit.Options{}); err != nil {
			return // a word with blanks cannot be written back
		}
		had := map[string]bool{}
		for _, d := range ds {
			had[d.Code] = true
		}
		_, ds2 := Parse(b.Bytes(), "f")
		for _, d := range ds2 {
			if d.Severity == model.SeverityError && !had[d.Code] || d.Code == CodeIndented {
				t.Fatalf("emit → re-parse not clean: %v\n%s", d, b.String())
			}
		}
	})
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		min, max  int
	}{
		{"/etc/dlm/dlm.conf", "", 90, 90},
		{"x", "log_debug=1\nprotocol=tcp\n", 70, 70},
		{"x", "device foo fence_foo\nconnect foo node=1\n", 70, 70},
		{"x", "totem {\n version: 2\n}\n", 0, 0},
		{"x", "node1 IPaddr::10.0.0.1\n", 0, 0},
		{"ha.cf", "node alpha\nnode beta\n", 0, 0},
	} {
		if got := Detect(tc.name, []byte(tc.src)); got < tc.min || got > tc.max {
			t.Errorf("Detect(%q, %q) = %d, want %d..%d", tc.name, tc.src, got, tc.min, tc.max)
		}
	}
}

// BenchmarkParse reads a dlm.conf with options, 16 fence devices of 16
// nodes each, lockspaces with masters and node lines.
func BenchmarkParse(b *testing.B) {
	var s strings.Builder
	s.WriteString("# dlm.conf\nenable_fencing=1\npost_join_delay=10\nprotocol=tcp\n\n")
	for d := 1; d <= 16; d++ {
		fmt.Fprintf(&s, "device  ipmi:%d fence_ipmilan ipaddr=10.0.0.%d login=admin password=secret\n", d, d)
		for n := 1; n <= 16; n++ {
			fmt.Fprintf(&s, "connect ipmi:%d node=%d port=%d\n", d, n, n)
		}
		fmt.Fprintf(&s, "unfence ipmi:%d\n\n", d)
	}
	for l := 1; l <= 8; l++ {
		fmt.Fprintf(&s, "lockspace ls%d nodir=1\nmaster    ls%d node=1 weight=2\nmaster    ls%d node=2 weight=1\n\n", l, l, l)
	}
	for n := 1; n <= 16; n++ {
		fmt.Fprintf(&s, "node id=%d mark=%d\n", n, n)
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Parse(src, "dlm.conf")
	}
}
