package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
	"hakit/model"
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

// heartbeatNoAddrs writes issue 15's case: ha.cf with "bcast eth0", two
// node lines and no addresses, its authkeys, and one haresources line.
func heartbeatNoAddrs(t *testing.T) string {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"ha.cf":       "bcast eth0\nnode alpha\nnode beta\n",
		"authkeys":    "auth 1\n1 sha1 s3cretkey\n",
		"haresources": "alpha 10.0.0.5 httpd\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The membership's missing addresses block the corosync output only: --to
// crm writes the crm and reports them as the corosync output's problem.
func TestConvertMembershipErrorsDoNotBlockCrm(t *testing.T) {
	dir := heartbeatNoAddrs(t)
	got := runCLI(t, dir, "convert", "--to", "crm", filepath.Join(dir, "ha.cf"), filepath.Join(dir, "authkeys"), filepath.Join(dir, "haresources"))
	if got.code != 0 || !strings.Contains(got.stdout, "primitive httpd lsb:httpd") ||
		!strings.Contains(got.stderr, "warning: HA5904") || !strings.Contains(got.stderr, "blocks only the outputs built from the membership layer") {
		t.Fatalf("want the crm written and HA5904 reported for corosync only\n%s", got)
	}
	if strings.Contains(got.stderr, "s3cretkey") || strings.Contains(got.stdout, "s3cretkey") {
		t.Fatal("secret leaked")
	}
	got = runCLI(t, dir, "convert", "--to", "corosync", filepath.Join(dir, "ha.cf"), filepath.Join(dir, "authkeys"))
	if got.code != 1 || !strings.Contains(got.stderr, "error: HA5904") || !strings.Contains(got.stderr, "corosync not written: errors in the membership layer (HA5904)") {
		t.Fatalf("want corosync refused with its reason\n%s", got)
	}
}

// cluster.conf feeds both parts: errors in its membership (<totem>,
// <quorumd>, <clusternodes>) block corosync but not cib or crm, and errors in
// <rm> block cib and crm but not corosync.
func TestConvertClusterConfSplit(t *testing.T) {
	src, err := os.ReadFile("../../testdata/clusterconf/nfs-3node.conf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, edits ...string) string {
		s := string(src)
		for i := 0; i < len(edits); i += 2 {
			if !strings.Contains(s, edits[i]) {
				t.Fatalf("%s: no %q in the sample", name, edits[i])
			}
			s = strings.Replace(s, edits[i], edits[i+1], 1)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	member := write("membership.conf",
		`<totem token="10000"/>`, `<totem token="ten"/><quorumd interval="1" tko="10" votes="1"/>`,
		`<clusternode name="node3" nodeid="3">`, `<clusternode name="node3" nodeid="zero">`)
	rm := write("rm.conf", `<nfsclient ref="clients"/>`, `<script ref="nosuch"/>`)
	for _, to := range []string{"crm", "cib"} {
		got := runCLI(t, dir, "convert", "--to", to, member)
		if got.code != 0 || !strings.Contains(got.stderr, "warning: HA6903: <totem token=\"ten\">") ||
			!strings.Contains(got.stderr, "warning: HA6904") || !strings.Contains(got.stderr, "blocks only the outputs built from the membership layer, such as corosync") {
			t.Fatalf("--to %s: want it written and the membership errors as warnings\n%s", to, got)
		}
		got = runCLI(t, dir, "convert", "--to", to, rm)
		if got.code != 1 || !strings.Contains(got.stderr, to+" not written: errors in the Pacemaker configuration (HA6955)") {
			t.Fatalf("--to %s of a broken <rm>: want it refused\n%s", to, got)
		}
	}
	got := runCLI(t, dir, "convert", "--to", "corosync", member)
	if got.code != 1 || !strings.Contains(got.stderr, "corosync not written: errors in the membership layer (HA6903, HA6904, HA6955)") {
		t.Fatalf("want corosync refused for its membership errors\n%s", got)
	}
	got = runCLI(t, dir, "convert", "--to", "corosync", rm)
	if got.code != 0 || !strings.Contains(got.stdout, "totem {") ||
		!strings.Contains(got.stderr, "warning: HA6955: <script ref=\"nosuch\">") || !strings.Contains(got.stderr, "built from the Pacemaker configuration, such as cib or crm") {
		t.Fatalf("want corosync written and the <rm> error as a warning\n%s", got)
	}
}

// -o DIR is all or nothing: one failing output leaves no file of the run
// (no authkey, no report); when all succeed, the report lists them.
func TestConvertDirAllOrNothing(t *testing.T) {
	dir := heartbeatNoAddrs(t)
	out := filepath.Join(t.TempDir(), "out") + string(os.PathSeparator)
	in := []string{filepath.Join(dir, "ha.cf"), filepath.Join(dir, "authkeys"), filepath.Join(dir, "haresources")}
	got := runCLI(t, dir, append([]string{"convert", "--to", "crm,corosync", "-o", out}, in...)...)
	if got.code != 1 || !strings.Contains(got.stderr, "cluster.crm not written: another output of this run failed") {
		t.Fatalf("want exit 1 and the report\n%s", got)
	}
	if _, err := os.Stat(out); err == nil {
		ents, _ := os.ReadDir(out)
		if len(ents) > 0 {
			t.Fatalf("files left behind: %v", ents)
		}
	}
	got = runCLI(t, dir, append([]string{"convert", "--to", "crm,corosync,pcs", "-o", out, "--node-addr", "alpha=10.0.0.1", "--node-addr", "beta=10.0.0.2"}, in...)...)
	if got.code != 0 {
		t.Fatalf("exit %d\n%s", got.code, got)
	}
	for name, mode := range map[string]os.FileMode{"cluster.crm": 0o644, "corosync.conf": 0o644, "cluster.sh": 0o755, "authkey": 0o400, "hakit-report.txt": 0o644} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", name, st.Mode().Perm(), mode)
		}
	}
	rep, _ := os.ReadFile(filepath.Join(out, "hakit-report.txt"))
	if !strings.Contains(string(rep), "hakit: cluster.sh written") {
		t.Errorf("report:\n%s", rep)
	}
}

// What Pacemaker's schema refuses is not written: the converted
// configuration is read back as a CIB first (issue 15 item 4).
func TestSchemaCheckRefusesInvalidCIB(t *testing.T) {
	c := &model.Cluster{Config: &model.Configuration{
		Constraints: []model.Constraint{&model.Location{ID: "loc", Rsc: "missing", Node: "n1", Score: "10"}},
	}}
	why, ds := schemaCheck(c)
	if why == "" || !ds.HasErrors() || !strings.Contains(why, "schema would refuse") {
		t.Fatalf("want a refusal, got %q %v", why, ds)
	}
	ok := &model.Cluster{Config: &model.Configuration{Resources: []model.Resource{
		&model.Primitive{ResourceCommon: model.ResourceCommon{ID: "a"}, Class: "ocf", Provider: "pacemaker", Type: "Dummy"}}}}
	if why, ds := schemaCheck(ok); why != "" {
		t.Fatalf("valid CIB refused: %s %v", why, ds)
	}
}
