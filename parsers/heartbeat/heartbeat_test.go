package heartbeat

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"hakit/internal/golden"
	"hakit/model"
)

const testdata = "../../testdata/heartbeat"

func TestParseTime(t *testing.T) {
	for in, want := range map[string]int64{
		"2": 2000, "1.7": 1700, ".5": 500, "1700ms": 1700, "500us": 1, "0.4ms": 0,
		"10s": -1, "30sec": -1, "1m": -1, "": -1, "ms": -1, "10MS": 10, "10 ms": 10,
		"2msec": 2, "1.2.3": 1200, "1e3": -1, "99999999999999999999": -1, "120": 120000,
	} {
		if got := ParseTime(in); got != want {
			t.Errorf("ParseTime(%q) = %d, want %d", in, got, want)
		}
	}
}

// dump renders a parse result as indented JSON with ranges shortened to
// "l:c-l:c", followed by the diagnostics.
func dump(t *testing.T, c *model.Cluster, ds model.Diagnostics) []byte {
	t.Helper()
	raw, err := json.Marshal(c)
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
				return fmt.Sprintf("%v:%v-%v:%v", s["line"], s["column"], e["line"], e["column"])
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
	var b strings.Builder
	b.Write(out)
	b.WriteString("\n# diagnostics\n")
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%d: %s: %s: %s\n", d.Subject.Start.Line, d.Subject.Start.Column, d.Severity, d.Code, d.Summary)
	}
	return []byte(b.String())
}

// TestParseGolden parses every heartbeat testdata file and compares the model
// with golden/<case>.<file>.golden.
func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "*", "*"))
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") || filepath.Base(filepath.Dir(f)) == "golden" {
			continue
		}
		n++
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		c, ds := ParseMode(src, name, 0o600, true)
		checkRanges(t, f, src, c, ds)
		golden.Check(t, filepath.Join(testdata, "golden", filepath.Base(filepath.Dir(f))+"."+name+".golden"), dump(t, c, ds))
	}
	if n < 5 {
		t.Fatalf("only %d heartbeat testdata files", n)
	}
}

// checkRanges asserts every range of the model and the diagnostics lies in
// src and that no secret of an authkeys file reached a diagnostic.
func checkRanges(t *testing.T, name string, src []byte, c *model.Cluster, ds model.Diagnostics) {
	t.Helper()
	li := model.NewLineIndex(src)
	in := func(what string, r model.Range) {
		if r.IsZero() {
			return
		}
		if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
			t.Errorf("%s: %s range %+v outside the source (%d bytes)", name, what, r, len(src))
			return
		}
		if p := li.Pos(r.Start.Byte); p != r.Start {
			t.Errorf("%s: %s start %+v, want %+v", name, what, r.Start, p)
		}
	}
	for _, d := range ds {
		if d.Subject == nil {
			t.Errorf("%s: diagnostic without position: %s", name, d.Summary)
			continue
		}
		if d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
			t.Errorf("%s: diagnostic without a line: %s", name, d.Error())
		}
		in("diagnostic", *d.Subject)
	}
	if c == nil || c.Membership == nil {
		t.Errorf("%s: no model", name)
		return
	}
	m := c.Membership
	in("membership", m.Range)
	for _, n := range m.Nodes {
		in("node", n.Range)
	}
	for _, l := range m.Links {
		in("link", l.Range)
		for _, o := range l.Options {
			in("link option", o.Range)
		}
	}
	if hb := m.Heartbeat; hb != nil {
		for _, o := range hb.Directives {
			in("directive", o.Range)
		}
		if hr := hb.Haresources; hr != nil {
			for _, l := range hr.Lines {
				in("haresources line", l.Range)
				in("haresources node", l.NodeRange)
				for _, r := range l.Resources {
					in("resource", r.Range)
					in("agent", r.AgentRange)
					for _, a := range r.Args {
						in("arg", a.Range)
					}
				}
			}
		}
		if h := hb.Hosts; h != nil {
			for _, e := range h.Entries {
				in("hosts entry", e.Range)
			}
		}
	}
	if ak := m.AuthKeys; ak != nil {
		in("auth", ak.ActiveRange)
		for _, k := range ak.Keys {
			in("key", k.Range)
			// Short secrets occur in any text by chance; look for real ones.
			if s := k.Secret.Reveal(); len(s) >= 6 {
				if d := diagnosticWith(src, name, ds, s); d != "" {
					t.Errorf("%s: secret reached a diagnostic: %s", name, d)
				}
				if v := jsonValueWith(t, c, s); v != "" {
					t.Errorf("%s: secret reached the JSON form of the model: %q", name, v)
				}
			}
		}
	}
}

// diagnosticWith returns a diagnostic of ds (read from src) that shows
// secret, or "". The messages' own words do not count when the secret is
// one of them ("heartb" in "heartbeat 3.0.6"): the file is read again with
// the secret replaced by a word found nowhere else, and a diagnostic shows
// the secret when that word shows in it.
func diagnosticWith(src []byte, name string, ds model.Diagnostics, secret string) string {
	text := func(ds model.Diagnostics) string {
		var b strings.Builder
		for _, d := range ds {
			b.WriteString(d.Error() + d.Detail + "\n")
		}
		return b.String()
	}
	if !strings.Contains(text(ds), secret) {
		return ""
	}
	for _, c := range "ZYXWQ" {
		other := strings.Repeat(string(c), len(secret))
		if strings.Contains(string(src), other) || strings.Contains(secret, string(c)) {
			continue
		}
		_, ds2 := Parse([]byte(strings.ReplaceAll(string(src), secret, other)), name)
		for _, d := range ds2 {
			if strings.Contains(d.Error()+d.Detail, other) {
				return d.Error()
			}
		}
		return ""
	}
	return "cannot tell: " + text(ds) // a secret of Zs, Ys, ...: report it
}

// jsonValueWith returns the first string value of c's JSON form that holds
// secret, or "". Only values taken from the source count: the field names
// (`secret`, `key`) and the parser's own constants (origin "heartbeat") are
// not the secret even when the secret is that word.
func jsonValueWith(t *testing.T, c *model.Cluster, secret string) string {
	t.Helper()
	tree := jsonTree(t, c)
	constants := map[string]bool{}
	for _, src := range []string{"", "auth 1\n1 sha1 x\n"} {
		c0, _ := ParseAuthkeysMode([]byte(src), "authkeys", 0o600, true)
		collectStrings(jsonTree(t, c0), constants)
	}
	var walk func(any) string
	walk = func(v any) string {
		switch v := v.(type) {
		case string:
			if strings.Contains(v, secret) && !constants[v] {
				return v
			}
		case []any:
			for _, e := range v {
				if s := walk(e); s != "" {
					return s
				}
			}
		case map[string]any:
			for _, e := range v {
				if s := walk(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(tree)
}

func jsonTree(t *testing.T, c *model.Cluster) any {
	t.Helper()
	j, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(j, &tree); err != nil {
		t.Fatal(err)
	}
	return tree
}

func collectStrings(v any, into map[string]bool) {
	switch v := v.(type) {
	case string:
		into[v] = true
	case []any:
		for _, e := range v {
			collectStrings(e, into)
		}
	case map[string]any:
		for _, e := range v {
			collectStrings(e, into)
		}
	}
}

func TestBadInput(t *testing.T) {
	for name, src := range map[string]string{
		"ha.cf":       "",
		"authkeys":    "\x00\x01binary",
		"haresources": "  \n\t\n",
		"hosts":       "",
		"unknown":     "some text\n",
	} {
		c, ds := Parse([]byte(src), name)
		if c == nil || len(ds) == 0 || !ds.HasErrors() {
			t.Errorf("%s %q: want an error diagnostic, got %v", name, src, ds)
		}
		checkRanges(t, name, []byte(src), c, ds)
	}
}

func TestAuthkeysSecretsStayHidden(t *testing.T) {
	const s1, s2, s3 = "Alpha-s3cret!!", "Beta#s3cret", "Gamma s3cret"
	src := "auth 7\n1 sha1 " + s1 + "\n2 md5 " + s2 + "\n3 crc " + s1 + "\n4 sha1 " + s3 + "\nx " + s1 + "\n5 SHA1 " + s2 + "\n"
	c, ds := ParseAuthkeys([]byte(src), "authkeys")
	if len(ds) < 4 {
		t.Fatalf("want diagnostics for the crc secret, the trailing text, the garbage line and the method: %s", ds.Error())
	}
	for _, d := range ds {
		for _, s := range []string{s1, s2, "Gamma", "s3cret"} {
			if strings.Contains(d.Error()+d.Detail, s) {
				t.Errorf("secret in diagnostic: %s", d.Error())
			}
		}
	}
	j, _ := json.Marshal(c)
	if strings.Contains(string(j), "s3cret") || fmt.Sprint(c.Membership.AuthKeys.Keys[0].Secret) != "<redacted>" {
		t.Errorf("secret in model output: %s", j)
	}
	if c.Membership.AuthKeys.Keys[1].Secret.Reveal() != s2 {
		t.Error("a # inside an authkeys secret is part of the secret")
	}
}

// TestStonithHostCommentIsSecret: heartbeat cuts a stonith_host line at
// "#", so what follows is usually the password's rest (HA5055): the parser
// records it as part of the secret and the directive's range, and source
// snippets (model.RedactSource) mask all of it, whatever the line's shape.
func TestStonithHostCommentIsSecret(t *testing.T) {
	for _, tc := range []struct{ line, secret, masked string }{
		{"stonith_host * external/ipmi host 10.0.0.1 user pass#word", "host 10.0.0.1 user pass#word",
			"stonith_host * external/ipmi ****************************"},
		{"  stonith_host * apcmaster 10.0.0.9 admin s3cr#tpart  \r", "10.0.0.9 admin s3cr#tpart",
			"  stonith_host * apcmaster *************************  \r"},
		{"stonith_host * apc # p4ss", "# p4ss", "stonith_host * apc ******"},
		{"stonith_host # p4ss", "# p4ss", "stonith_host ******"},
		{"stonith_host * apc 10.0.0.9 admin pw #", "10.0.0.9 admin pw", "stonith_host * apc ***************** #"},
	} {
		src := []byte("node a\n" + tc.line + "\nnode b\n")
		c, ds := ParseHaCf(src, "ha.cf")
		sh, _ := c.Membership.Heartbeat.Directives.Get("stonith_host")
		if sh == nil || sh.Secret.Reveal() != tc.secret {
			t.Errorf("%q: secret %q, want %q", tc.line, sh.Secret.Reveal(), tc.secret)
			continue
		}
		masked := string(model.RedactSource(src, "ha.cf", model.SecretsAt(c)))
		if want := "node a\n" + tc.masked + "\nnode b\n"; masked != want {
			t.Errorf("%q: masked\n%q, want\n%q", tc.line, masked, want)
		}
		j, _ := json.Marshal(c)
		for _, w := range []string{"pass", "word", "s3cr", "tpart", "p4ss", "admin"} {
			if strings.Contains(tc.line, w) && (strings.Contains(string(j), w) || strings.Contains(ds.Error(), w)) {
				t.Errorf("%q: %q in the model's JSON or a diagnostic", tc.line, w)
			}
		}
	}
}

func TestHaCfQuirks(t *testing.T) {
	src := "node a,B  c # comment\r\n  keepalive 500ms,2\nudp eth0\nudpport 700\nbcast eth1\nstonith_host * apcsmart 10.0.0.9 admin Pw0rd\nmcast eth0 239.1.2.3 694 1 0 extra"
	c, ds := ParseHaCf([]byte(src), "ha.cf")
	m := c.Membership
	var names []string
	for _, n := range m.Nodes {
		names = append(names, n.Name)
	}
	if strings.Join(names, " ") != "a B c" {
		t.Errorf("nodes %v", names)
	}
	if tm := m.Heartbeat.Timing.Keepalive; tm == nil || tm.Millis != 2000 {
		t.Errorf("keepalive: last value must win: %+v", tm)
	}
	if len(m.Links) != 3 || m.Links[0].Medium != "bcast" || m.Links[0].Options.Value("udpport") != "694" || m.Links[1].Options.Value("udpport") != "700" {
		t.Errorf("links: udp alias and udpport order: %+v", m.Links)
	}
	sh, _ := m.Heartbeat.Directives.Get("stonith_host")
	if strings.Contains(sh.Value, "Pw0rd") || sh.Secret.Reveal() != "10.0.0.9 admin Pw0rd" {
		t.Errorf("stonith_host parameters must be a secret: %q", sh.Value)
	}
	want := map[string]bool{CodeUnknownDirective: true, CodeOrder: true, CodeLastWins: true}
	for _, d := range ds {
		delete(want, d.Code)
		if strings.Contains(d.Summary, "Pw0rd") {
			t.Error("stonith_host parameters in a diagnostic")
		}
	}
	if len(want) > 0 {
		t.Errorf("missing diagnostics %v in:\n%s", want, ds.Error())
	}
	checkRanges(t, "quirks", []byte(src), c, ds)
}

func TestHaresourcesQuirks(t *testing.T) {
	src := "Node1 10.0.0.1/24/eth0 \\\n  Filesystem::/dev/sda1::/data::ext3 # cut \\\nnode2 httpd\nnode3 a \\\n"
	c, ds := ParseHaresources([]byte(src), "haresources")
	hr := c.Membership.Heartbeat.Haresources
	if len(hr.Lines) != 3 {
		t.Fatalf("want 3 logical lines (a comment breaks the continuation), got %d", len(hr.Lines))
	}
	r := hr.Lines[0].Resources
	if len(r) != 2 || !r[0].Shorthand || r[0].Agent != "IPaddr" || r[1].Agent != "Filesystem" || len(r[1].Args) != 3 {
		t.Errorf("resources: %+v", r)
	}
	if len(ds) != 1 || ds[0].Code != CodeHaresSyntax {
		t.Errorf("want one warning for the dangling continuation: %s", ds.Error())
	}
	checkRanges(t, "haresources", []byte(src), c, ds)
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, src, kind string
	}{
		{"ha.cf", "", KindHaCf},
		{"x/ha.cf.node1", "", KindHaCf},
		{"cluster-b.ha.cf", "", KindHaCf},
		{"etc/authkeys", "", KindAuthkeys},
		{"haresources", "", KindHaresources},
		{"hosts", "", KindHosts},
		{"mystery", "auth 1\n1 sha1 x\n", KindAuthkeys},
		{"mystery", "keepalive 2\ndeadtime 10\nnode a b\n", KindHaCf},
		{"mystery", "alice IPaddr::10.0.0.1 httpd\n", KindHaresources},
		{"mystery", "10.0.0.1 alice\n10.0.0.2 bob\n", KindHosts},
		{"mystery", "totem {\n version: 2\n}\n", ""},
		{"authkeys.want", "2 HA5012\n", ""},
	} {
		k := KindByName(tc.name)
		if k == "" {
			k, _ = KindByContent([]byte(tc.src))
		}
		if k != tc.kind {
			t.Errorf("%s %q: kind %q, want %q", tc.name, tc.src, k, tc.kind)
		}
	}
}

func fuzzSeeds(f *testing.F, kind string) {
	files, _ := filepath.Glob(filepath.Join(testdata, "*", "*"))
	files2, _ := filepath.Glob("../../testdata/verify/HA5*/*/*")
	for _, p := range append(files, files2...) {
		if strings.HasSuffix(p, ".golden") || strings.HasSuffix(p, ".want") || strings.Contains(p, "/golden/") {
			continue
		}
		if kind != "" && KindByName(p) != kind {
			continue
		}
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
}

func fuzzCheck(t *testing.T, name string, src []byte, c *model.Cluster, ds model.Diagnostics) {
	if c == nil {
		t.Fatal("nil cluster")
	}
	for _, d := range ds {
		if d.Subject == nil || d.Subject.Start.Byte > len(src) || d.Subject.End.Byte > len(src) || d.Subject.Start.Byte > d.Subject.End.Byte {
			t.Fatalf("bad diagnostic range: %+v", d)
		}
	}
	if utf8.Valid(src) {
		checkRanges(t, name, src, c, ds)
	}
}

func FuzzParse(f *testing.F) {
	fuzzSeeds(f, "")
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"ha.cf", "authkeys", "haresources", "hosts", "other"} {
			c, ds := Parse(src, name)
			fuzzCheck(t, name, src, c, ds)
		}
	})
}

func FuzzParseHaCf(f *testing.F) {
	fuzzSeeds(f, KindHaCf)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := ParseHaCf(src, "ha.cf")
		fuzzCheck(t, "ha.cf", src, c, ds)
	})
}

func FuzzParseAuthkeys(f *testing.F) {
	fuzzSeeds(f, KindAuthkeys)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := ParseAuthkeysMode(src, "authkeys", 0o644, true)
		fuzzCheck(t, "authkeys", src, c, ds)
	})
}

func FuzzParseHaresources(f *testing.F) {
	fuzzSeeds(f, KindHaresources)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := ParseHaresources(src, "haresources")
		fuzzCheck(t, "haresources", src, c, ds)
	})
}
