package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
)

const demo = "../../testdata/demo/"

func TestConvertGoldens(t *testing.T) {
	addrs := []string{"--node-addr", "alice=192.0.2.11", "--node-addr", "bob=192.0.2.12"}
	cases := []struct {
		name string
		args []string
	}{
		{"heartbeat-crm", append([]string{"convert", "--to", "crm", demo + "heartbeat"}, addrs...)},
		{"heartbeat-corosync", append([]string{"convert", "--to", "corosync", demo + "heartbeat"}, addrs...)},
		{"cib-crm", []string{"convert", "--from", "cib", "--to", "crm", demo + "two-node-vip.xml"}},
		{"cib-pcs", []string{"convert", "--to", "pcs", demo + "two-node-vip.xml"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runCLI(t, t.TempDir(), c.args...)
			if got.code != 0 {
				t.Fatalf("exit %d\n%s", got.code, got)
			}
			golden.Check(t, "../../testdata/cli/convert-"+c.name+".golden", []byte(got.String()))
		})
	}
}

func TestConvertUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"convert", demo + "two-node-vip.xml"}, `required flag(s) "to" not set`},
		{[]string{"convert", "--to", "html", demo + "two-node-vip.xml"}, `unknown output format "html" (valid: cib, crm, pcs, corosync, dlm, yaml, json, ha-cluster)`},
		{[]string{"convert", "--from", "hearbeat", "--to", "cib", demo + "two-node-vip.xml"}, `unknown format "hearbeat" (valid: `},
		{[]string{"convert", "--to", "cib", "--transport", "tcp", demo + "two-node-vip.xml"}, `unknown transport "tcp"`},
		{[]string{"convert", "--to", "corosync", "--node-addr", "alice", demo + "heartbeat"}, `--node-addr`},
		{[]string{"convert", "--to", "cib", "no/such/file.xml"}, "no/such/file.xml: no such file or directory"},
		{[]string{"convert", "--to", "corosync", demo + "two-node-vip.xml"}, "the input has no membership layer"},
	}
	for _, c := range cases {
		got := runCLI(t, t.TempDir(), c.args...)
		if got.code == 0 || !strings.Contains(got.stderr, c.want) {
			t.Errorf("%v: want a non-zero exit and %q on stderr\n%s", c.args, c.want, got)
		}
	}
}

// Malformed input exits 1 and writes no output file at all.
func TestConvertMalformedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "broken.xml")
	if err := os.WriteFile(in, []byte("<cib><configuration><resources>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xml")
	got := runCLI(t, dir, "convert", "--to", "cib", in, "-o", out)
	if got.code != 1 || !strings.Contains(got.stderr, "broken.xml:1:32: error: HA0101") {
		t.Errorf("want exit 1 with a positioned HA0101\n%s", got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the failed run left files behind: %v", ents)
	}
}

func TestConvertNeverOverwritesAnInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "cib.xml")
	src, err := os.ReadFile(demo + "two-node-vip.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	got := runCLI(t, dir, "convert", "--to", "cib", in, "-o", in)
	if got.code != 2 || !strings.Contains(got.stderr, "refusing to overwrite an input file") {
		t.Errorf("want exit 2, refusing\n%s", got)
	}
	if now, _ := os.ReadFile(in); string(now) != string(src) {
		t.Error("the input was changed")
	}
}

// -o DIR writes the fixed file name (0644: the key is not inline), the report,
// and a fresh authkey at 0400 when the migrated corosync.conf turns crypto
// on; secrets never reach the report or stdout.
func TestConvertIntoDirectory(t *testing.T) {
	src := t.TempDir()
	write := func(name, body string, mode os.FileMode) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "vErYsEcReTkEy"
	write("ha.cf", "keepalive 2\ndeadtime 10\nbcast eth0\nnode alice\nnode bob\n", 0o644)
	write("authkeys", "auth 1\n1 sha1 "+secret+"\n", 0o600)
	out := filepath.Join(t.TempDir(), "out") + "/"
	got := runCLI(t, src, "convert", "--to", "corosync", src, "-o", out,
		"--node-addr", "alice=127.0.0.1", "--node-addr", "bob=127.0.0.2")
	if got.code != 0 {
		t.Fatalf("exit %d\n%s", got.code, got)
	}
	for name, wantMode := range map[string]os.FileMode{"corosync.conf": 0o644, "authkey": 0o400, "hakit-report.txt": 0o644} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Errorf("%s not written: %v", name, err)
			continue
		}
		if st.Mode().Perm() != wantMode {
			t.Errorf("%s has mode %o, want %o", name, st.Mode().Perm(), wantMode)
		}
	}
	report, _ := os.ReadFile(filepath.Join(out, "hakit-report.txt"))
	conf, _ := os.ReadFile(filepath.Join(out, "corosync.conf"))
	for what, s := range map[string]string{"stdout": got.stdout, "stderr": got.stderr, "report": string(report), "corosync.conf": string(conf)} {
		if strings.Contains(s, secret) {
			t.Errorf("the authkeys secret leaked into %s", what)
		}
	}
	if !strings.Contains(string(conf), "crypto_cipher: aes256") {
		t.Errorf("crypto not turned on:\n%s", conf)
	}
}

// simulate reads any format: a heartbeat cluster is converted first, and its
// members become the nodes the scheduler places resources on. The converted
// cluster keeps Pacemaker's default stonith-enabled=true and has no fence
// device, so, as crm_simulate says of the converted CIB, nothing starts and
// nothing is fenced.
func TestSimulateHeartbeatInput(t *testing.T) {
	got := runCLI(t, t.TempDir(), "simulate", demo+"heartbeat", "--node-fail", "alice", "--format", "json")
	if got.code != 0 {
		t.Fatalf("exit %d\n%s", got.code, got)
	}
	if !strings.Contains(got.stdout, `"actions": []`) {
		t.Errorf("fencing enabled without a device, yet actions:\n%s", got.stdout)
	}
	for _, want := range []string{`"alice"`, `"bob"`} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("placement lacks %s:\n%s", want, got.stdout)
		}
	}
}

// Malformed input gets positions and exit 1, never a fallback reader.
func TestSimulateMalformedInput(t *testing.T) {
	p := filepath.Join(t.TempDir(), "broken.xml")
	if err := os.WriteFile(p, []byte("<cib><configuration><resources>"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runCLI(t, t.TempDir(), "simulate", p)
	if got.code != 1 || !strings.Contains(got.stderr, "broken.xml:1:32: error: HA0101") {
		t.Errorf("want exit 1 with a positioned HA0101\n%s", got)
	}
}
