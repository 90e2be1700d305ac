//go:build conformance

package convert_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hakit/convert"
	"hakit/emit/cib"
	"hakit/emit/corosync"
	"hakit/model"
)

func hbRun(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is required: %v", name, err)
	}
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// hbEmit writes the converted cluster as corosync.conf (its crypto pointing
// at a temporary 0400 key, since corosync -t reads it) and cib.xml.
func hbEmit(t *testing.T, out *model.Cluster) (dir string, files map[string]string) {
	t.Helper()
	dir = t.TempDir()
	key := filepath.Join(dir, "authkey")
	if err := os.WriteFile(key, bytes.Repeat([]byte("hakit-hb-test-k0"), 16), 0o400); err != nil {
		t.Fatal(err)
	}
	if out.Membership.Crypto != nil {
		cp := *out.Membership.Crypto
		cp.KeyFile = key
		out.Membership.Crypto = &cp
	}
	var cc, cx bytes.Buffer
	if err := corosync.Emit(&cc, out, corosync.Options{}); err != nil {
		t.Fatalf("emit corosync: %v", err)
	}
	if err := cib.Emit(&cx, out, cib.Options{}); err != nil {
		t.Fatalf("emit cib: %v", err)
	}
	files = map[string]string{"corosync.conf": cc.String(), "cib.xml": cx.String()}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// hbCheckOutputs runs corosync -t, xmllint and crm_verify; crm_verify may
// only complain about the missing STONITH resources.
func hbCheckOutputs(t *testing.T, dir string) {
	t.Helper()
	if out, err := hbRun(t, "corosync", "-t", "-c", filepath.Join(dir, "corosync.conf")); err != nil {
		b, _ := os.ReadFile(filepath.Join(dir, "corosync.conf"))
		t.Errorf("corosync -t rejects the converted corosync.conf: %v\n%s\n%s", err, out, b)
	}
	cibPath := filepath.Join(dir, "cib.xml")
	if out, err := hbRun(t, "xmllint", "--noout", "--relaxng", "/usr/share/pacemaker/pacemaker-3.9.rng", cibPath); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
	out, err := hbRun(t, "crm_verify", "-V", "-x", cibPath)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" || strings.Contains(line, "STONITH") || strings.Contains(line, "stonith") ||
			strings.Contains(line, "-V may provide more details") || strings.Contains(line, "Errors found during check") {
			continue
		}
		t.Errorf("crm_verify: unexpected finding: %s", line)
	}
	if err != nil && !strings.Contains(out, "STONITH") {
		t.Errorf("crm_verify failed without the expected STONITH finding: %v\n%s", err, out)
	}
}

func TestConformanceHeartbeatField(t *testing.T) {
	dir := filepath.Join(hbTestdata, "field-2node")
	c, pds, _ := hbLoadDir(t, dir)
	if pds.HasErrors() {
		t.Fatalf("parse: %s", pds.Error())
	}
	out, ds := convert.Modernize(c, hbOptions(t, dir))
	if ds.HasErrors() {
		t.Fatalf("convert: %s", ds.Error())
	}
	odir, files := hbEmit(t, out)
	hbCheckOutputs(t, odir)
	for _, s := range hbSecrets(t, dir) {
		for name, b := range files {
			if strings.Contains(b, s) {
				t.Errorf("secret %q reached %s", s, name)
			}
		}
	}
}

// TestConformanceHeartbeatCases: the v1 cluster with haresources, ping
// nodes and DRBD, and the three-node crm cluster on mcast + ucast; node
// addresses are overridden with loopback ones for corosync -t.
func TestConformanceHeartbeatCases(t *testing.T) {
	for name, nodes := range map[string][]string{
		"r1-ucast":  {"alpha", "beta"},
		"mcast-crm": {"alice", "bob", "carol"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(hbTestdata, name)
			c, _, _ := hbLoadDir(t, dir)
			addrs := map[string][]string{}
			for i, n := range nodes {
				addrs[n] = []string{fmt.Sprintf("127.0.0.%d", i+1), fmt.Sprintf("127.0.1.%d", i+1)}
			}
			out, ds := convert.Modernize(c, convert.Options{NodeAddrs: addrs})
			if ds.HasErrors() {
				t.Fatalf("convert: %s", ds.Error())
			}
			odir, files := hbEmit(t, out)
			hbCheckOutputs(t, odir)
			for _, s := range append(hbSecrets(t, dir), "IpmiPassw0rd") {
				for fname, b := range files {
					if strings.Contains(b, s) {
						t.Errorf("secret %q reached %s", s, fname)
					}
				}
			}
		})
	}
}
