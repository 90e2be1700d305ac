//go:build conformance

package corosync_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"hakit/convert"
	emit "hakit/emit/corosync"
	"hakit/model"
	parse "hakit/parsers/corosync"
)

// ensureAuthkey creates /etc/corosync/authkey when missing: corosync -t
// reads the key when crypto is on.
func ensureAuthkey(t *testing.T) {
	t.Helper()
	const key = "/etc/corosync/authkey"
	if _, err := os.Stat(key); err == nil {
		return
	}
	if err := os.MkdirAll("/etc/corosync", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("corosync-keygen", "-l").Run(); err == nil {
		if _, err := os.Stat(key); err == nil {
			return
		}
	}
	b := make([]byte, 256)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, b, 0o400); err != nil {
		t.Fatal(err)
	}
}

// toLoopback rewrites node addresses (adding ring0_addr where a node has
// none) to 127.0.<link>.<n> (the first node is
// 127.0.0.1, the local node corosync -t must find), drops inline keys and
// key files (the test key is /etc/corosync/authkey) and points log files
// into dir.
func toLoopback(m *model.Membership, dir string) {
	for i, n := range m.Nodes {
		if len(n.Addrs) == 0 {
			n.Addrs = append(n.Addrs, &model.NodeAddr{Link: 0}) // corosync 3 needs ring0_addr
		}
		for _, a := range n.Addrs {
			a.Addr = fmt.Sprintf("127.0.%d.%d", a.Link, i+1)
		}
	}
	if m.Crypto != nil {
		m.Crypto.KeyFile = ""
		m.Crypto.Key = model.Secret{}
	}
	for _, s := range m.Sections {
		if s.Name != "logging" {
			continue
		}
		for _, o := range s.Options {
			if o.Name == "logfile" {
				o.Value = filepath.Join(dir, "corosync.log")
			}
		}
	}
}

func corosyncTest(t *testing.T, c *model.Cluster) {
	t.Helper()
	dir := t.TempDir()
	toLoopback(c.Membership, dir)
	var b bytes.Buffer
	if err := emit.Emit(&b, c, emit.Options{}); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "corosync.conf")
	if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("corosync", "-t", "-c", f).CombinedOutput()
	if err != nil {
		t.Errorf("corosync -t rejects the output: %v\n%s\n--- file:\n%s", err, out, b.String())
	}
}

func TestConformanceCorosyncT(t *testing.T) {
	if _, err := exec.LookPath("corosync"); err != nil {
		t.Fatalf("corosync is required: %v", err)
	}
	ensureAuthkey(t)
	files, _ := filepath.Glob("../../testdata/corosync/*.conf")
	good, _ := filepath.Glob("../../testdata/verify/HA4*/good*.corosync.conf")
	shared, _ := filepath.Glob("../../../shared/formats/samples/corosync/*")
	files = append(append(files, good...), shared...)
	var direct, converted int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, ds := parse.Parse(src, f)
			if c.Membership.Version == "3" && !ds.HasErrors() {
				direct++
				t.Run("as-read", func(t *testing.T) {
					c, _ := parse.Parse(src, f)
					corosyncTest(t, c)
				})
			}
			// Converted, with a CIB's node names for multicast clusters.
			cfg := &model.Configuration{Nodes: []*model.Node{{ID: "1", Uname: "alpha"}, {ID: "2", Uname: "beta"}}}
			in := model.Merge(c, &model.Cluster{Config: cfg})
			for _, tr := range []string{"knet", "udpu"} {
				t.Run("converted-"+tr, func(t *testing.T) {
					out, cds := convert.Modernize(in, convert.Options{Transport: tr})
					if cds.HasErrors() {
						// Missing addresses for a second ring: give them.
						addrs := map[string][]string{"alpha": {"alpha", "alpha-1"}, "beta": {"beta", "beta-1"}}
						out, _ = convert.Modernize(in, convert.Options{Transport: tr, NodeAddrs: addrs})
					}
					converted++
					corosyncTest(t, out)
				})
			}
		})
	}
	t.Logf("corosync -t accepted: %d files as read, %d conversions", direct, converted)
}
