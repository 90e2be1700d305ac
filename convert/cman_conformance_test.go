//go:build conformance

package convert_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakit/convert"
	"hakit/emit/cib"
	"hakit/emit/corosync"
	"hakit/model"
)

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required: %v", tool, err)
		}
	}
}

func run(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// writeConverted emits the converted cluster as corosync.conf (with a
// temporary authkey, since corosync -t reads the key) and cib.xml.
func writeConverted(t *testing.T, out *model.Cluster) (dir string) {
	t.Helper()
	dir = t.TempDir()
	key := filepath.Join(dir, "authkey")
	if err := os.WriteFile(key, bytes.Repeat([]byte("hakit-test-key-0"), 16), 0o600); err != nil {
		t.Fatal(err)
	}
	if out.Membership.Crypto != nil {
		out.Membership.Crypto.KeyFile = key
	}
	var cc, cx bytes.Buffer
	if err := corosync.Emit(&cc, out, corosync.Options{}); err != nil {
		t.Fatalf("emit corosync: %v", err)
	}
	if err := cib.Emit(&cx, out, cib.Options{}); err != nil {
		t.Fatalf("emit cib: %v", err)
	}
	for name, b := range map[string][]byte{"corosync.conf": cc.Bytes(), "cib.xml": cx.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkTools runs corosync -t, xmllint and crm_verify over the outputs and
// returns the path of a "live" CIB with every node online and quorum.
func checkTools(t *testing.T, dir string, nodes []string) string {
	t.Helper()
	if out, err := run(t, "corosync", "-t", "-c", filepath.Join(dir, "corosync.conf")); err != nil {
		t.Errorf("corosync -t rejects the converted corosync.conf: %v\n%s", err, out)
	}
	cibPath := filepath.Join(dir, "cib.xml")
	if out, err := run(t, "xmllint", "--noout", "--relaxng", "/usr/share/pacemaker/pacemaker-3.9.rng", cibPath); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
	live := filepath.Join(dir, "live.xml")
	args := []string{"-x", cibPath, "-O", live, "-q", "1"}
	for _, n := range nodes {
		args = append(args, "-u", n)
	}
	if out, err := run(t, "crm_simulate", args...); err != nil {
		t.Fatalf("crm_simulate (bringing nodes up): %v\n%s", err, out)
	}
	if out, err := run(t, "crm_verify", "-V", "-x", live); err != nil {
		t.Errorf("crm_verify rejects the converted CIB: %v\n%s", err, out)
	}
	return live
}

var startedRE = regexp.MustCompile(`(?m)^\s*\* (\S+)\s+\([^)]*\):\s+Started (\S+)`)

// placement runs crm_simulate -S and returns resource → node after it.
func placement(t *testing.T, in, saveTo string, extra ...string) map[string]string {
	t.Helper()
	args := append([]string{"-x", in, "-S"}, extra...)
	if saveTo != "" {
		args = append(args, "-O", saveTo)
	}
	out, err := run(t, "crm_simulate", args...)
	if err != nil {
		t.Fatalf("crm_simulate %v: %v\n%s", extra, err, out)
	}
	_, revised, _ := strings.Cut(out, "Revised Cluster Status")
	got := map[string]string{}
	for _, m := range startedRE.FindAllStringSubmatch(revised, -1) {
		got[m[1]] = m[2]
	}
	return got
}

func TestConformanceCMANProxmox(t *testing.T) {
	needTools(t, "corosync", "crm_verify", "crm_simulate", "xmllint")
	_, out, ds := convertFile(t, "proxmox-2node.conf", convert.Options{NodeAddrs: map[string][]string{"pve1": {"127.0.0.1"}, "pve2": {"127.0.0.2"}}})
	dir := writeConverted(t, out)
	checkTools(t, dir, []string{"pve1", "pve2"})
	report := ds.Error()
	for _, want := range []string{"quorum disk \"proxmox1_qdisk\"", "no node has a fence method", "pvevm vmid=100", "pvevm vmid=101"} {
		if !strings.Contains(report, want) {
			t.Errorf("report does not name %q:\n%s", want, report)
		}
	}
}

func TestConformanceCMANNFS(t *testing.T) {
	needTools(t, "corosync", "crm_verify", "crm_simulate", "xmllint")
	_, out, _ := convertFile(t, "nfs-3node.conf", convert.Options{NodeAddrs: map[string][]string{
		"node1": {"127.0.0.1"}, "node2": {"127.0.0.2"}, "node3": {"127.0.0.3"}}})
	dir := writeConverted(t, out)
	cx, _ := os.ReadFile(filepath.Join(dir, "cib.xml"))
	if !bytes.Contains(cx, []byte("<fencing-topology>")) {
		t.Error("no fencing topology in the CIB")
	}
	live := checkTools(t, dir, []string{"node1", "node2", "node3"})
	started := filepath.Join(dir, "started.xml")
	members := []string{"nfs-fs-nfsdata", "nfs-nfsserver-nfs-server", "nfs-nfsclient-clients", "nfs-ip-192.168.10.50_24"}
	first := placement(t, live, started)
	for _, m := range members {
		if first[m] != "node2" {
			t.Errorf("%s starts on %q, want node2 (priority 1 in nfsdom); placement %v", m, first[m], first)
		}
	}
	after := placement(t, started, filepath.Join(dir, "failed.xml"), "--node-fail", "node2")
	for _, m := range members {
		if after[m] != "node1" {
			t.Errorf("after node2 fails %s runs on %q, want node1 (priority 2); placement %v", m, after[m], after)
		}
	}
	t.Logf("nfs service: starts on %s, after --node-fail node2 on %s", first[members[0]], after[members[0]])
}
