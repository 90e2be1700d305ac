package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 14's "CI must not fail for the wrong reason" cases, run as a user
// would: files on disk, the CLI in-process.

func writeFiles(t *testing.T, dir string, files map[string]string, mode os.FileMode) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
}

const (
	primCRM  = "primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s\n"
	propsCRM = "property stonith-enabled=false\n"
)

// A directory (or several files) given together is one cluster, as convert
// reads it: the property in b.crm applies to the primitive in a.crm.
func TestVerifyDirectoryIsOneCluster(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.crm": primCRM, "b.crm": propsCRM}, 0o644)
	for _, args := range [][]string{{dir}, {filepath.Join(dir, "a.crm"), filepath.Join(dir, "b.crm")}} {
		got := runCLI(t, dir, append([]string{"verify"}, args...)...)
		if got.code != 0 || strings.Contains(got.stdout, "HA1001") {
			t.Errorf("verify %v: want exit 0 without HA1001\n%s", args, got)
		}
	}
	// convert agrees: the same inputs make one valid CIB.
	if got := runCLI(t, dir, "convert", "--to", "cib", dir); got.code != 0 || !strings.Contains(got.stdout, `name="stonith-enabled" value="false"`) {
		t.Errorf("convert: want one CIB with stonith-enabled=false\n%s", got)
	}
	// Many files given together still make one cluster: no error at all.
	many := t.TempDir()
	files := map[string]string{"zz-props.crm": propsCRM}
	for i := range 200 {
		files[fmt.Sprintf("r%03d.crm", i)] = fmt.Sprintf("primitive vip%d ocf:heartbeat:IPaddr2 params ip=10.0.%d.%d op monitor interval=10s\n", i, i/250, i%250+1)
	}
	writeFiles(t, many, files, 0o644)
	if got := runCLI(t, many, "verify", many); got.code != 0 || strings.Contains(got.stdout, "error") {
		t.Errorf("200 files: want exit 0 and no error\n%.2000s", got)
	}
}

// Subfolders that each hold a cluster are separate clusters: the property of
// web/ does not silence db/.
func TestVerifySubfoldersAreSeparateClusters(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"web/a.crm": primCRM, "web/b.crm": propsCRM,
		"db/a.crm": primCRM,
	}, 0o644)
	got := runCLI(t, dir, "verify", dir)
	if got.code != 1 || strings.Count(got.stdout, "HA1001") != 1 || !strings.Contains(got.stdout, filepath.Join(dir, "db", "a.crm")+":1:1: error: HA1001") {
		t.Errorf("want one HA1001, in db/a.crm only\n%s", got)
	}
	// Two clusters, each defining vip: no duplicate-id finding across them.
	if strings.Contains(got.stdout, "duplicate") {
		t.Errorf("separate clusters were merged\n%s", got)
	}
}

// An authkeys checked out of git (0644) fails CI only at its installed path
// or with --check-modes; otherwise an info says what the mode must be.
func TestVerifyAuthkeysMode(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"authkeys": "auth 1\n1 sha1 s3cret-value\n"}, 0o644)
	ak := filepath.Join(dir, "authkeys")
	got := runCLI(t, dir, "verify", ak)
	if got.code != 0 || !strings.Contains(got.stdout, "info: HA5011") || !strings.Contains(got.stdout, "must be 0600") {
		t.Errorf("checkout copy: want exit 0 with an info HA5011 saying the installed mode\n%s", got)
	}
	got = runCLI(t, dir, "verify", "--check-modes", ak)
	if got.code != 1 || !strings.Contains(got.stdout, "error: HA5011") {
		t.Errorf("--check-modes: want exit 1 with error HA5011\n%s", got)
	}
	if strings.Contains(got.stdout+got.stderr, "s3cret-value") {
		t.Errorf("the key reached the output\n%s", got)
	}
	// With the right mode, nothing at all.
	if err := os.Chmod(ak, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := runCLI(t, dir, "verify", "--check-modes", ak); got.code != 0 || strings.Contains(got.stdout, "HA5011") {
		t.Errorf("mode 0600: want no HA5011\n%s", got)
	}
}

// Severities follow the real consequence: loss-policy=demote on a resource
// that is not promotable, and two start operations that differ only by role,
// are warnings (crm_verify accepts both), so the default --fail-on error
// passes.
func TestVerifySeveritiesFollowConsequences(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.crm": `primitive fence stonith:fence_dummy params pcmk_host_list="n1 n2"
primitive db ocf:pacemaker:Stateful op start timeout=20s role=Promoted op start timeout=30s role=Unpromoted op monitor interval=10s
primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s
rsc_ticket t1 site-a: vip loss-policy=demote
`}, 0o644)
	got := runCLI(t, dir, "verify", filepath.Join(dir, "a.crm"))
	if got.code != 0 || !strings.Contains(got.stdout, "warning: HA1201") || !strings.Contains(got.stdout, "warning: HA1306") {
		t.Errorf("want exit 0 with warnings HA1201 and HA1306\n%s", got)
	}
	if got := runCLI(t, dir, "verify", "--fail-on", "warning", filepath.Join(dir, "a.crm")); got.code != 1 {
		t.Errorf("--fail-on warning: want exit 1\n%s", got)
	}
}

// Baselines: --baseline-write records today's findings and exits 0;
// --baseline then reports only new ones, even after edits elsewhere in the
// file move the old ones to other lines.
func TestVerifyBaseline(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "a.crm")
	writeFiles(t, dir, map[string]string{"a.crm": primCRM}, 0o644)
	bl := filepath.Join(dir, "baseline.json")
	if got := runCLI(t, dir, "verify", "--baseline-write", bl, cfg); got.code != 0 {
		t.Fatalf("--baseline-write: want exit 0\n%s", got)
	}
	if got := runCLI(t, dir, "verify", "--baseline", bl, cfg); got.code != 0 || strings.Contains(got.stdout, "HA1001") {
		t.Errorf("unchanged file: want exit 0, nothing reported\n%s", got)
	}
	// An edit above moves the old finding down a line; a new primitive
	// without a monitor is the one new finding.
	writeFiles(t, dir, map[string]string{"a.crm": "# moved\n" + primCRM + "primitive db ocf:pacemaker:Dummy\n"}, 0o644)
	got := runCLI(t, dir, "verify", "--baseline", bl, cfg)
	if strings.Contains(got.stdout, "HA1001") || !strings.Contains(got.stdout, "HA1207: db has no recurring monitor") {
		t.Errorf("want only the new finding about db\n%s", got)
	}
	if got := runCLI(t, dir, "verify", "--baseline", bl, "--baseline-write", bl, cfg); got.code != 2 {
		t.Errorf("both flags: want exit 2\n%s", got)
	}
	writeFiles(t, dir, map[string]string{"bad.json": "{"}, 0o644)
	if got := runCLI(t, dir, "verify", "--baseline", filepath.Join(dir, "bad.json"), cfg); got.code != 2 || !strings.Contains(got.stderr, "not a hakit baseline") {
		t.Errorf("malformed baseline: want exit 2\n%s", got)
	}
}

// Separate clusters are still compared where they can hear each other: two
// subfolders with corosync.conf on one multicast group and port.
func TestVerifyMulticastAcrossClusters(t *testing.T) {
	dir := t.TempDir()
	conf := func(name, addr string) string {
		return "totem {\n    version: 2\n    cluster_name: " + name + "\n    transport: udp\n    interface {\n        ringnumber: 0\n" +
			"        bindnetaddr: 10.0.0.0\n        mcastaddr: 239.255.1.1\n        mcastport: 5405\n    }\n}\n" +
			"nodelist {\n    node {\n        ring0_addr: " + addr + "\n        nodeid: 1\n    }\n}\n"
	}
	writeFiles(t, dir, map[string]string{"a/corosync.conf": conf("a", "10.0.0.1"), "b/corosync.conf": conf("b", "10.0.0.2")}, 0o644)
	got := runCLI(t, dir, "verify", dir)
	if got.code != 1 || strings.Count(got.stdout, "HA4101") != 1 || !strings.Contains(got.stdout, "on another cluster") {
		t.Errorf("want one HA4101 across the two clusters\n%s", got)
	}
}

// HA5055's line holds a password cut at '#': no output format shows any of
// it, the part heartbeat reads as a comment included.
func TestVerifyStonithHostHashNoLeak(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ha.cf": "keepalive 2\ndeadtime 10\ninitdead 30\nbcast eth0\nnode alice bob\n" +
		"stonith_host * apcmaster 10.0.0.9 admin s3cr#tpart\n"}, 0o644)
	for _, f := range []string{"text", "pretty", "json", "sarif", "junit"} {
		got := runCLI(t, dir, "verify", "--format", f, filepath.Join(dir, "ha.cf"))
		if !strings.Contains(got.stdout+got.stderr, "HA5055") {
			t.Errorf("%s: no HA5055\n%s", f, got)
		}
		if strings.Contains(got.stdout+got.stderr, "s3cr") || strings.Contains(got.stdout+got.stderr, "tpart") {
			t.Errorf("%s: the password reached the output\n%s", f, got)
		}
	}
}
