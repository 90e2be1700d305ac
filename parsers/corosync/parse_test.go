package corosync_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	emit "hakit/emit/corosync"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers/corosync"
)

func dump(c *model.Cluster, ds model.Diagnostics) string {
	var b strings.Builder
	m := c.Membership
	fmt.Fprintf(&b, "version %s name %q transport %q config_version %q totem.version %q\n", m.Version, m.ClusterName, m.Transport, m.ConfigVersion, m.Corosync.TotemVersion)
	if m.Crypto != nil {
		fmt.Fprintf(&b, "crypto secauth=%q cipher=%q hash=%q model=%q keyfile=%q key=%v\n", m.Crypto.SecAuth, m.Crypto.Cipher, m.Crypto.Hash, m.Crypto.Model, m.Crypto.KeyFile, m.Crypto.Key)
	}
	for _, o := range m.Totem {
		fmt.Fprintf(&b, "totem %s=%q\n", o.Name, o.Value)
	}
	for _, l := range m.Links {
		fmt.Fprintf(&b, "link %d (%s)\n", l.Number, l.Extra.Value(corosync.NumberedBy))
		for _, o := range l.Options {
			fmt.Fprintf(&b, "  %s=%q\n", o.Name, o.Value)
		}
	}
	for _, n := range m.Nodes {
		fmt.Fprintf(&b, "node %q id=%d votes=%d @%s\n", n.Name, n.NodeID, n.Votes, n.Range)
		for _, a := range n.Addrs {
			fmt.Fprintf(&b, "  link %d addr %s\n", a.Link, a.Addr)
		}
		for _, o := range n.Options {
			fmt.Fprintf(&b, "  %s=%q\n", o.Name, o.Value)
		}
	}
	if q := m.Quorum; q != nil {
		fmt.Fprintf(&b, "quorum provider=%q\n", q.Provider)
		for _, o := range q.Options {
			fmt.Fprintf(&b, "  %s=%q\n", o.Name, o.Value)
		}
		if d := q.Device; d != nil {
			fmt.Fprintf(&b, "  device model=%q options=%d net=%d heuristics=%d\n", d.Model, len(d.Options), len(d.Net), len(d.Heuristics))
		}
	}
	for _, s := range m.Sections {
		fmt.Fprintf(&b, "section %s options=%d sections=%d\n", s.Name, len(s.Options), len(s.Sections))
	}
	for _, o := range m.Corosync.TopLevel {
		fmt.Fprintf(&b, "top %s=%q\n", o.Name, o.Value)
	}
	for _, o := range m.Corosync.Keys {
		fmt.Fprintf(&b, "key %s=%q @%s\n", o.Name, o.Value, o.Range)
	}
	for _, d := range ds {
		fmt.Fprintf(&b, "%v\n", d)
	}
	return b.String()
}

func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corosync/*.conf")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		c, ds := corosync.Parse(src, filepath.Base(f))
		golden.Check(t, filepath.Join("testdata", filepath.Base(f)+".golden"), []byte(dump(c, ds)))
	}
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"totem {\n", "never closed"},
		{"}\n", "closes no section"},
		{"a\x00b", "binary"},
		{"totem {\n version = 2\n}\n", "key = value"},
		{"foo: bar\ntotem {\nversion: 2\n}\n", "outside any section"},
		{"totem {\nversion: 2\n}\ntotem {\ntoken: 1\n}\n", "second totem"},
		{"totem {\n\u00a0version: 2\n}\n", "non-breaking"},
		{"totem { version: 2\n}\n", "text after"},
		{"totem\n{\nversion: 2\n}\n", "separate lines"},
		{"totem\n# the brace comes next\n{\nversion: 2\n}\n", "separate lines"},
		{"totem {\nversion: 2\n" + strings.Repeat("x", 600) + ": 1\n}\n", "512"},
	} {
		_, ds := corosync.Parse([]byte(tc.src), "t.conf")
		if !strings.Contains(ds.Error(), tc.want) {
			t.Errorf("%q: want a diagnostic containing %q, got:\n%s", tc.src, tc.want, ds.Error())
		}
		for _, d := range ds {
			if d.Subject == nil || d.Subject.Start.Line < 1 {
				t.Errorf("%q: diagnostic without a position: %v", tc.src, d)
			}
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	src := "totem {\nversion: 2\nkey: supersecretkey\nkey: other\n}\n"
	c, ds := corosync.Parse([]byte(src), "t.conf")
	if strings.Contains(ds.Error()+dump(c, ds), "supersecret") {
		t.Fatal("secret leaked into diagnostics or the model's printable form")
	}
	if c.Membership.Crypto.Key.Reveal() != "other" {
		t.Fatal("last key should win")
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/corosync/*.conf")
	for _, p := range files {
		src, _ := os.ReadFile(p)
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := corosync.Parse(src, "f.conf")
		for _, d := range ds {
			if d.Subject == nil || d.Subject.Start.Byte < 0 || d.Subject.End.Byte > len(src) || d.Subject.Start.Byte > d.Subject.End.Byte {
				t.Fatalf("range outside source: %v", d)
			}
		}
		var b bytes.Buffer
		if err := emit.Emit(&b, c, emit.Options{}); err != nil {
			return // the model holds something corosync.conf cannot carry
		}
		_, ds2 := corosync.Parse(b.Bytes(), "f.conf")
		for _, d := range ds2 {
			switch d.Code {
			case corosync.CodeSyntax, corosync.CodeTextAfterBrace, corosync.CodeNBSP:
				if !strings.Contains(d.Summary, "outside any section") {
					t.Fatalf("emit → re-parse not clean: %v\n%s", d, b.String())
				}
			}
		}
	})
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      int
	}{
		{"/etc/corosync/corosync.conf", "", 90},
		{"/etc/ais/openais.conf", "", 90},
		{"bad.corosync.conf", "", 90},
		{"x.conf", "# c\ntotem {\n version: 2\n}\n", 85},
		{"x.conf", "logging {\n}\n", 40},
		{"ha.cf", "node a\n", 0},
	} {
		if got := corosync.Detect(tc.name, []byte(tc.src)); got != tc.want {
			t.Errorf("Detect(%q) = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestNoTotem(t *testing.T) {
	_, ds := corosync.Parse([]byte("Totem {\n version: 2\n}\n"), "t.conf")
	if !strings.Contains(ds.Error(), "case-sensitive") {
		t.Errorf("want the case hint, got %s", ds.Error())
	}
	_, ds = corosync.Parse([]byte("service {\n name: pacemaker\n ver: 0\n}\n"), "pcmk")
	if strings.Contains(ds.Error(), "no totem") {
		t.Errorf("a service.d fragment needs no totem: %s", ds.Error())
	}
}

func BenchmarkParse32x8(b *testing.B) {
	var s strings.Builder
	s.WriteString("totem {\n    version: 2\n    cluster_name: bench\n}\nnodelist {\n")
	for n := 1; n <= 32; n++ {
		s.WriteString("    node {\n")
		for l := 0; l < 8; l++ {
			fmt.Fprintf(&s, "        ring%d_addr: 10.%d.0.%d\n", l, l, n)
		}
		fmt.Fprintf(&s, "        name: node%02d\n        nodeid: %d\n    }\n", n, n)
	}
	s.WriteString("}\n")
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		corosync.Parse(src, "corosync.conf")
	}
}
