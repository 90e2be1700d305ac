package verify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hakit/parsers/corosync"
	"hakit/verify"
)

// gen32x8 is a corosync 3 configuration with 32 nodes on 8 knet links.
func gen32x8() []byte {
	var b strings.Builder
	b.WriteString("totem {\n    version: 2\n    cluster_name: bench\n    transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256\n    token: 3000\n")
	for l := 0; l < 8; l++ {
		fmt.Fprintf(&b, "    interface {\n        linknumber: %d\n        knet_link_priority: %d\n        knet_transport: udp\n    }\n", l, l*10)
	}
	b.WriteString("}\n\nnodelist {\n")
	for n := 1; n <= 32; n++ {
		b.WriteString("    node {\n")
		for l := 0; l < 8; l++ {
			fmt.Fprintf(&b, "        ring%d_addr: 10.%d.0.%d\n", l, l, n)
		}
		fmt.Fprintf(&b, "        name: node%02d\n        nodeid: %d\n    }\n", n, n)
	}
	b.WriteString("}\n\nquorum {\n    provider: corosync_votequorum\n    wait_for_all: 1\n}\n\nlogging {\n    to_syslog: yes\n}\n")
	return []byte(b.String())
}

func BenchmarkParseCheck32x8(b *testing.B) {
	src := gen32x8()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		c, ds := corosync.Parse(src, "corosync.conf")
		in := &verify.Input{Filename: "corosync.conf", Format: "corosync", Src: src, Cluster: c, Diagnostics: ds}
		verify.Run(context.Background(), []*verify.Input{in}, nil)
	}
}

func TestGen32x8Clean(t *testing.T) {
	src := gen32x8()
	c, ds := corosync.Parse(src, "corosync.conf")
	if len(c.Membership.Nodes) != 32 || len(c.Membership.Nodes[0].Addrs) != 8 {
		t.Fatalf("got %d nodes", len(c.Membership.Nodes))
	}
	in := &verify.Input{Filename: "corosync.conf", Format: "corosync", Src: src, Cluster: c, Diagnostics: ds}
	for _, d := range verify.Run(context.Background(), []*verify.Input{in}, nil) {
		if strings.HasPrefix(d.Code, "HA4") && d.Code != "HA4007" {
			t.Errorf("unexpected finding on the benchmark input: %v", d)
		}
	}
}
