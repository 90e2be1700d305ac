package pcs

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	emitpcs "hakit/emit/pcs"
	"hakit/internal/golden"
	"hakit/model"
)

var wantCode = regexp.MustCompile(`want((?:[\s,]+HA\d{4})+)`)

// wantLines reads "# want HAxxxx" markers: code -> lines.
func wantLines(src []byte) map[string][]int {
	out := map[string][]int{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for line := 1; sc.Scan(); line++ {
		if m := wantCode.FindStringSubmatch(sc.Text()); m != nil {
			for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
				out[id] = append(out[id], line)
			}
		}
	}
	return out
}

func linesOf(ds model.Diagnostics, code string) []int {
	var out []int
	for _, d := range ds {
		if d.Code == code && d.Subject != nil && !slices.Contains(out, d.Subject.Start.Line) {
			out = append(out, d.Subject.Start.Line)
		}
	}
	slices.Sort(out)
	return out
}

// TestRuleTestdata checks testdata/verify/HA3xxx with this parser directly
// (the verify harness does the same through the parsers registry).
func TestRuleTestdata(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/verify/HA30*/*.sh")
	if len(files) == 0 {
		t.Fatal("no rule testdata")
	}
	for _, f := range files {
		id := filepath.Base(filepath.Dir(f))
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Parse(src, f)
		got := linesOf(ds, id)
		if strings.HasPrefix(filepath.Base(f), "good") {
			if len(got) > 0 {
				t.Errorf("%s: unexpected %s on lines %v:\n%s", f, id, got, ds.Error())
			}
			continue
		}
		want := wantLines(src)[id]
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s on lines %v, want %v:\n%s", f, id, got, want, ds.Error())
		}
	}
}

func TestValidScripts(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/pcs/*.sh")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		c, ds := Parse(src, f)
		if ds.HasErrors() {
			t.Errorf("%s:\n%s", f, ds.Error())
		}
		if c == nil || c.Config == nil && c.Membership == nil {
			t.Errorf("%s: empty model", f)
		}
	}
}

func TestInvalidScripts(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/pcs/invalid/*.sh")
	if len(files) < 10 {
		t.Fatalf("only %d invalid scripts", len(files))
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		_, ds := Parse(src, f)
		for id, lines := range wantLines(src) {
			for _, l := range lines {
				found := false
				for _, d := range ds {
					found = found || d.Code == id && d.Severity == model.SeverityError && d.Subject.Start.Line == l
				}
				if !found {
					t.Errorf("%s:%d: want error %s, got:\n%s", f, l, id, ds.Error())
				}
			}
		}
	}
}

// TestDiagnosticsGolden pins the diagnostics of every script.
func TestDiagnosticsGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/pcs/*.sh")
	inv, _ := filepath.Glob("../../testdata/pcs/invalid/*.sh")
	var b strings.Builder
	for _, f := range append(files, inv...) {
		src, _ := os.ReadFile(f)
		_, ds := Parse(src, strings.TrimPrefix(f, "../../testdata/pcs/"))
		for _, d := range ds {
			b.WriteString(d.Error())
			b.WriteByte('\n')
		}
	}
	golden.Check(t, "../../testdata/pcs/golden/diagnostics.txt", []byte(b.String()))
}

func TestPositions(t *testing.T) {
	src := []byte("# c\npcs resource create 1x \\\n  ocf:pacemaker:Dummy\n")
	_, ds := Parse(src, "p.sh")
	if len(ds) != 1 || ds[0].Subject.String() != "p.sh:2:21" || ds[0].Code != "HA3008" {
		t.Fatalf("got %v", ds)
	}
}

func TestQuotingAndVariables(t *testing.T) {
	src := []byte(`pcs resource create "v ip" ocf:heartbeat:IPaddr2 ip="$IP" 'cidr_netmask'=2\4` + "\n")
	_, ds := Parse(src, "q.sh")
	var codes []string
	for _, d := range ds {
		codes = append(codes, d.Code)
	}
	if !slices.Contains(codes, "HA3002") || !slices.Contains(codes, "HA3008") {
		t.Fatalf("got %v", ds)
	}
	if !strings.Contains(ds.Error(), "variable IP") {
		t.Fatalf("variable not named: %v", ds)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/pcs/*.sh")
	inv, _ := filepath.Glob("../../testdata/pcs/invalid/*.sh")
	for _, p := range append(files, inv...) {
		src, _ := os.ReadFile(p)
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := Parse(src, "f.sh")
		for _, d := range ds {
			if d.Subject == nil {
				t.Fatalf("no subject: %v", d)
			}
			if d.Subject.Start.Byte < 0 || d.Subject.End.Byte > len(src) || d.Subject.Start.Byte > d.Subject.End.Byte {
				t.Fatalf("range %v outside source of %d bytes: %v", d.Subject, len(src), d)
			}
			if d.Subject.Start.Line < 1 && len(src) > 0 && d.Code != "HA3014" {
				t.Fatalf("no line: %v", d)
			}
		}
		if ds.HasErrors() {
			return
		}
		var out bytes.Buffer
		if err := emitpcs.Emit(&out, c, emitpcs.Options{}); err != nil {
			t.Fatalf("emit: %v", err)
		}
		if _, ds2 := Parse(out.Bytes(), "emitted.sh"); ds2.HasErrors() {
			t.Fatalf("emitted script does not re-parse:\n%s\n%s", ds2.Error(), out.String())
		}
	})
}

// benchScript is 50 configuration commands.
func benchScript() []byte {
	var b strings.Builder
	for i := range 10 {
		n := string(rune('a' + i))
		b.WriteString("pcs resource create r" + n + " ocf:pacemaker:Dummy op monitor interval=10s --group g" + n + "\n")
		b.WriteString("pcs resource create ip" + n + " ocf:heartbeat:IPaddr2 ip=10.0.0." + strconv.Itoa(i+1) + " --group g" + n + "\n")
		b.WriteString("pcs constraint location g" + n + " prefers n1=100\n")
		b.WriteString("pcs resource meta r" + n + " resource-stickiness=10\n")
		if i > 0 {
			b.WriteString("pcs constraint order ga then g" + n + "\n")
		} else {
			b.WriteString("pcs property set stonith-enabled=false\n")
		}
	}
	return []byte(b.String())
}

// BenchmarkParse50 parses a 50-command script. Measured 2026-11-23 on the
// 2-core build machine: 0.73 ms/op (406 kB, 3345 allocs); real pcs 0.11.5
// running the same 50 commands ("pcs -f cib.xml ...", one process each)
// took 51.7 s, about 70 000 times longer.
func BenchmarkParse50(b *testing.B) {
	src := benchScript()
	if _, ds := Parse(src, "bench.sh"); ds.HasErrors() {
		b.Fatal(ds.Error())
	}
	b.ReportAllocs()
	for b.Loop() {
		Parse(src, "bench.sh")
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      int
	}{
		{"setup.sh", "#!/bin/sh\npcs resource create a ocf:pacemaker:Dummy\n", 90},
		{"notes.txt", "pcs property set stonith-enabled=false\n", 85},
		{"mixed", "echo hi\npcs status\n", 67},
		{"x.sh", "echo hi\n", 0},
		{"c.pcs", "", 60},
		{"cib.xml", "<cib/>", 0},
	} {
		if got := Detect([]byte(tc.src), tc.name); got != tc.want {
			t.Errorf("Detect(%s) = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestClusterSetupMembership(t *testing.T) {
	src := []byte("pcs cluster setup web n1 addr=10.0.0.1 addr=10.1.0.1 n2 addr=10.0.0.2 addr=10.1.0.2 transport knet link linknumber=1 link_priority=2 totem token=3000\n")
	c, ds := Parse(src, "s.sh")
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	m := c.Membership
	if m.Origin != "pcs" || m.Version != "3" || m.ClusterName != "web" || m.Transport != "knet" || len(m.Nodes) != 2 {
		t.Fatalf("membership %+v", m)
	}
	if n := m.Nodes[1]; n.NodeID != 2 || len(n.Addrs) != 2 || n.Addrs[1].Addr != "10.1.0.2" || n.Addrs[1].Link != 1 {
		t.Fatalf("node %+v", n)
	}
	if len(m.Links) != 1 || m.Links[0].Number != 1 || m.Links[0].Options.Value("knet_link_priority") != "2" {
		t.Fatalf("links %+v", m.Links)
	}
	if m.Crypto == nil || m.Crypto.Cipher != "aes256" || m.Crypto.Hash != "sha256" {
		t.Fatalf("crypto %+v", m.Crypto)
	}
	if m.Totem.Value("token") != "3000" || m.Quorum.Options.Value("two_node") != "1" {
		t.Fatalf("totem %v quorum %v", m.Totem, m.Quorum.Options)
	}
}

func TestDisabledAndEnable(t *testing.T) {
	src := []byte("pcs resource create a ocf:pacemaker:Dummy --disabled\npcs resource enable a\npcs resource disable a\n")
	c, ds := Parse(src, "e.sh")
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	p := c.Config.Resources[0].(*model.Primitive)
	if v, _ := p.Meta("target-role"); v != "Stopped" {
		t.Fatalf("target-role %q", v)
	}
}
