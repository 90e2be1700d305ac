package model

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineIndexCountsCodePoints(t *testing.T) {
	src := []byte("ab\nçé x\n\nlast")
	li := NewLineIndex(src)
	cases := []struct {
		off  int
		want Pos
	}{
		{0, Pos{1, 1, 0}},
		{2, Pos{1, 3, 2}},
		{3, Pos{2, 1, 3}},
		{7, Pos{2, 3, 7}}, // after "çé": 4 bytes, 2 code points
		{10, Pos{3, 1, 10}},
		{11, Pos{4, 1, 11}},
		{len(src), Pos{4, 5, len(src)}},
		{-5, Pos{1, 1, 0}},
		{999, Pos{4, 5, len(src)}},
	}
	for _, c := range cases {
		if got := li.Pos(c.off); got != c.want {
			t.Errorf("Pos(%d) = %+v, want %+v", c.off, got, c.want)
		}
	}
}

func TestDiagnosticsSortAndFormat(t *testing.T) {
	var ds Diagnostics
	ds.Warnf(Range{Filename: "b.xml", Start: Pos{Line: 1, Column: 1}}, "HA2", "second file")
	ds.Errorf(Range{Filename: "a.xml", Start: Pos{Line: 9, Column: 4}}, "HA1", "later line")
	ds.Infof(Range{Filename: "a.xml", Start: Pos{Line: 2, Column: 7}}, "HA3", "earlier line")
	ds = append(ds, &Diagnostic{Severity: SeverityWarning, Code: "HA4", Summary: "no position"})
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	want := []string{
		"-: warning: HA4: no position",
		"a.xml:2:7: info: HA3: earlier line",
		"a.xml:9:4: error: HA1: later line",
		"b.xml:1:1: warning: HA2: second file",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted diagnostics (-want +got):\n%s", diff)
	}
	if !ds.HasErrors() {
		t.Error("HasErrors() = false with an error present")
	}
	if ds[:1].HasErrors() {
		t.Error("HasErrors() = true for a warning only")
	}
}

func TestParseSeverity(t *testing.T) {
	for _, s := range []Severity{SeverityInfo, SeverityWarning, SeverityError} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil || !strings.Contains(err.Error(), "valid: info, warning, error") {
		t.Errorf("ParseSeverity(fatal) error = %v, want the valid values listed", err)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	const key = "s3cr3t-authkey"
	s := NewSecret(key)
	k := &AuthKey{Index: 1, Method: "sha1", Secret: s}
	b, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{s.String(), fmt.Sprintf("%v %+v %#v %s", s, k, s, s), string(b)} {
		if strings.Contains(out, key) {
			t.Errorf("secret leaked: %s", out)
		}
	}
	if s.Reveal() != key {
		t.Error("Reveal() lost the secret")
	}
	if !(Secret{}).IsZero() || s.IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestIsSensitive(t *testing.T) {
	for name, want := range map[string]bool{
		"passwd": true, "password": true, "snmp_priv_passwd": true, "key": true, "ssh_key": true,
		"pasword": true, "passphrase": true,
		"ip": false, "username": false, "passwd_script": false, "pcmk_host_map": false, "token": false,
	} {
		if got := IsSensitive(name); got != want {
			t.Errorf("IsSensitive(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMergeCombinesFilesOfOneCluster(t *testing.T) {
	resources := make([]Resource, 1, 8) // spare capacity: Merge must not write into it
	resources[0] = &Primitive{ResourceCommon: ResourceCommon{ID: "vip"}}
	cib := &Cluster{Sources: []string{"cib.xml"}, Config: &Configuration{Resources: resources}}
	hacf := &Cluster{Sources: []string{"ha.cf"}, Membership: &Membership{Origin: "heartbeat",
		Nodes: []*MemberNode{{Name: "alice"}}, Heartbeat: &Heartbeat{ConfigFile: "ha.cf"}}}
	keys := &Cluster{Sources: []string{"authkeys"}, Membership: &Membership{Origin: "heartbeat",
		AuthKeys: &AuthKeys{Active: 1}, Heartbeat: &Heartbeat{}}}
	crm := &Cluster{Sources: []string{"more.crm"}, Config: &Configuration{
		Resources: []Resource{&Primitive{ResourceCommon: ResourceCommon{ID: "fs"}}},
	}}
	m := Merge(cib, nil, hacf, keys, crm)
	if diff := cmp.Diff([]string{"cib.xml", "ha.cf", "authkeys", "more.crm"}, m.Sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if n := len(m.Config.Resources); n != 2 {
		t.Errorf("merged %d resources, want 2", n)
	}
	if len(cib.Config.Resources) != 1 || resources[:2][1] != nil {
		t.Error("Merge modified its first input")
	}
	if m.Membership.AuthKeys == nil || len(m.Membership.Nodes) != 1 || m.Membership.Heartbeat.ConfigFile != "ha.cf" {
		t.Errorf("membership not filled field by field: %+v", m.Membership)
	}
}

func TestBooleans(t *testing.T) {
	for _, s := range []string{"true", "On", "YES", "y", "1"} {
		if !IsTrue(s) || !IsBool(s) {
			t.Errorf("%q should be a true boolean", s)
		}
	}
	for _, s := range []string{"false", "off", "no", "n", "0"} {
		if IsTrue(s) || !IsBool(s) {
			t.Errorf("%q should be a false boolean", s)
		}
	}
	if IsBool("maybe") {
		t.Error("maybe is no boolean")
	}
}

func TestSecrets(t *testing.T) {
	c := &Cluster{
		Config: &Configuration{Resources: []Resource{&Primitive{ResourceCommon: ResourceCommon{ID: "f",
			InstanceAttrs: []*NVSet{{Pairs: []*NVPair{
				{Name: "ip", Value: "10.0.0.1"},
				{Name: "password", Value: "hunter2"},
				{Name: "pasword", Value: "misspelt-but-secret"},
			}}}}}}},
		Membership: &Membership{
			AuthKeys:     &AuthKeys{Keys: []*AuthKey{{Index: 1, Method: "sha1", Secret: NewSecret("authkey-secret")}}},
			FenceDevices: []*FenceDevice{{Name: "ipmi", Args: Options{{Name: "passwd", Secret: NewSecret("cman-pw")}, {Name: "login", Value: "admin"}}}},
		},
	}
	got := Secrets(c)
	want := []string{"misspelt-but-secret", "authkey-secret", "cman-pw", "hunter2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Secrets (-want +got):\n%s", diff)
	}
}

func TestWalkVisitsParentsFirst(t *testing.T) {
	p := func(id string) *Primitive { return &Primitive{ResourceCommon: ResourceCommon{ID: id}} }
	rs := []Resource{
		p("a"),
		&Group{ResourceCommon: ResourceCommon{ID: "g"}, Members: []*Primitive{p("g1"), nil, p("g2")}},
		&Clone{ResourceCommon: ResourceCommon{ID: "c"}, Child: &Group{ResourceCommon: ResourceCommon{ID: "cg"}, Members: []*Primitive{p("cg1")}}},
		&Bundle{ResourceCommon: ResourceCommon{ID: "b"}, Primitive: p("bp")},
		nil,
	}
	var got []string
	Walk(rs, func(r, parent Resource) {
		s := r.ResourceID()
		if parent != nil {
			s = parent.ResourceID() + "/" + s
		}
		got = append(got, s)
	})
	want := []string{"a", "g", "g/g1", "g/g2", "c", "c/cg", "cg/cg1", "b", "b/bp"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk order (-want +got):\n%s", diff)
	}
	var prims []string
	Primitives(rs, func(p *Primitive) { prims = append(prims, p.ID) })
	if diff := cmp.Diff([]string{"a", "g1", "g2", "cg1", "bp"}, prims); diff != "" {
		t.Errorf("Primitives (-want +got):\n%s", diff)
	}
	if CommonOf(rs[2]).ID != "c" {
		t.Error("CommonOf(clone) is not the clone's")
	}
}

// Columns count code points from the start of the line, whatever the line's
// length and wherever the 256-byte blocks of the index fall.
func TestLineIndexColumns(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		switch i % 7 {
		case 0:
			b.WriteString("é")
		case 3:
			b.WriteString("€")
		case 5:
			if i%35 == 5 {
				b.WriteString("\n")
			} else {
				b.WriteString("x")
			}
		default:
			b.WriteString("a")
		}
	}
	src := []byte(b.String())
	li := NewLineIndex(src)
	line, col := 1, 1
	for off := 0; off <= len(src); off++ {
		if off < len(src) && src[off]&0xC0 == 0x80 {
			continue // inside a code point
		}
		if got := li.Pos(off); got != (Pos{Line: line, Column: col, Byte: off}) {
			t.Fatalf("Pos(%d) = %+v, want line %d col %d", off, got, line, col)
		}
		if off < len(src) && src[off] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
}

// Secrets are redacted by field and range: a finding about the element
// holding a secret loses the quoted secret; the secret's letters in other
// findings, in names and in ordinary words stay (secrets "heartbeat",
// "password", "IPaddr2").
func TestRedactDiagnosticsByRange(t *testing.T) {
	rng := func(line, start, end int) *Range {
		return &Range{Filename: "cib.xml", Start: Pos{Line: line, Column: 1, Byte: start}, End: Pos{Line: line, Column: 1 + end - start, Byte: end}}
	}
	secrets := []SecretAt{
		{Value: "password", At: *rng(3, 100, 150)},
		{Value: "IPaddr2", At: *rng(4, 151, 200)},
		{Value: "heartbeat", At: Range{Filename: "authkeys", Start: Pos{Line: 2, Column: 1, Byte: 7}, End: Pos{Line: 2, Column: 17, Byte: 23}}},
	}
	ds := Diagnostics{
		{Summary: `password="password" of fence1 is weak`, Subject: rng(3, 100, 150)},
		{Summary: `parameter passwd of fence1 is deprecated; use password`, Detail: `crm_verify: unknown value (IPaddr2)`, Subject: rng(4, 151, 200)},
		{Summary: `ocf:heartbeat:IPaddr2 has no monitor; so heartbeat refuses to start; use password`, Subject: rng(9, 300, 320)},
		{Summary: `key 1 uses sha1 with secret 'heartbeat'; so heartbeat refuses to start`, Subject: &Range{Filename: "authkeys", Start: Pos{Line: 2, Column: 1, Byte: 7}, End: Pos{Line: 2, Column: 1, Byte: 7}}},
	}
	RedactDiagnostics(ds, secrets)
	want := []string{
		`password="<redacted>" of fence1 is weak`,
		`parameter passwd of fence1 is deprecated; use password` + "|" + `crm_verify: unknown value (<redacted>)`,
		`ocf:heartbeat:IPaddr2 has no monitor; so heartbeat refuses to start; use password`,
		`key 1 uses sha1 with secret '<redacted>'; so heartbeat refuses to start`,
	}
	for i, d := range ds {
		got := d.Summary
		if d.Detail != "" {
			got += "|" + d.Detail
		}
		if got != want[i] {
			t.Errorf("finding %d:\n got %s\nwant %s", i, got, want[i])
		}
		if strings.Contains(got, "*") {
			t.Errorf("finding %d has asterisks: %s", i, got)
		}
	}
	src := []byte("auth 1\n1 sha1 heartbeat\n")
	if got := string(RedactSource(src, "authkeys", secrets)); got != "auth 1\n1 sha1 *********\n" {
		t.Errorf("RedactSource(authkeys) = %q", got)
	}
	if string(src) != "auth 1\n1 sha1 heartbeat\n" {
		t.Error("RedactSource changed its input")
	}
	xml := []byte(`<nvpair id="f-password" name="password" value="password"/>`)
	at := []SecretAt{{Value: "password", At: Range{Filename: "cib.xml", Start: Pos{Line: 1, Column: 1}, End: Pos{Line: 1, Column: 1, Byte: len(xml)}}}}
	if got := string(RedactSource(xml, "cib.xml", at)); got != `<nvpair id="f-password" name="password" value="********"/>` {
		t.Errorf("RedactSource(nvpair) = %s", got)
	}
}

// What is a secret is decided by field: the status section's operation_key
// and names ending in "key" are not; resource passwords and Secret fields
// are, with the range of the element holding them.
func TestSecretsAtByField(t *testing.T) {
	r := func(b int) Range {
		return Range{Filename: "f", Start: Pos{Line: 1, Column: 1, Byte: b}, End: Pos{Line: 1, Column: 1, Byte: b + 5}}
	}
	c := &Cluster{
		Config: &Configuration{Resources: []Resource{&Primitive{Class: "stonith", ResourceCommon: ResourceCommon{ID: "f",
			InstanceAttrs: []*NVSet{{Pairs: []*NVPair{
				{Base: Base{Range: r(10)}, Name: "password", Value: "pw1"},
				{Base: Base{Range: r(20)}, Name: "ssh_key", Value: "not-a-secret"},
				{Base: Base{Range: r(30)}, Name: "ip", Value: "10.0.0.1"},
			}}}}}}},
		Status: &Status{Nodes: []*NodeState{{LRM: &LRM{Resources: []*LRMResource{{Ops: []*LRMOp{{Attrs: OpAttrsList(Attrs{{Name: "operation_key", Value: "f_start_0"}})}}}}}}}},
		Membership: &Membership{
			AuthKeys: &AuthKeys{Keys: []*AuthKey{{Base: Base{Range: r(40)}, Index: 1, Method: "sha1", Secret: NewSecret("hb")}}},
		},
	}
	got := SecretsAt(c)
	want := []SecretAt{{Value: "pw1", At: r(10)}, {Value: "hb", At: r(40)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SecretsAt (-want +got):\n%s", diff)
	}
}
