package heartbeat

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParseAuthkeys reads an authkeys with comments and 16 keys.
func BenchmarkParseAuthkeys(b *testing.B) {
	var s strings.Builder
	s.WriteString("# authkeys\n#\nauth 3\n\n")
	for i := 1; i <= 16; i++ {
		fmt.Fprintf(&s, "# key %d\n%d sha1 0123456789abcdef%d\n", i, i, i)
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseAuthkeys(src, "authkeys")
	}
}

// BenchmarkParseHaresources reads a haresources of 32 lines with comments
// and continuations.
func BenchmarkParseHaresources(b *testing.B) {
	var s strings.Builder
	for i := 1; i <= 32; i++ {
		fmt.Fprintf(&s, "# group %d\nnode%02d 10.0.%d.1 Filesystem::/dev/sdb%d::/srv/%d::ext4 \\\n    httpd%d apache::/etc/httpd%d.conf # web\n", i, i%2+1, i, i, i, i, i)
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseHaresources(src, "haresources")
	}
}

// BenchmarkParseHaCf reads an ha.cf with comments, timing, media and 32
// nodes.
func BenchmarkParseHaCf(b *testing.B) {
	var s strings.Builder
	s.WriteString("# ha.cf\n#\nlogfile /var/log/ha-log\nlogfacility local0\n\n# timing\nkeepalive 2\ndeadtime 30\nwarntime 10\ninitdead 120\nudpport 694\n")
	s.WriteString("bcast eth0 eth1\nmcast eth2 239.0.0.1 694 1 0\nucast eth3 10.0.0.2\nauto_failback on\n")
	for i := 1; i <= 32; i++ {
		fmt.Fprintf(&s, "node node%02d # rack %d\n", i, i%4)
	}
	s.WriteString("ping 10.0.0.254\nrespawn hacluster /usr/lib/heartbeat/ipfail\ncrm yes\n")
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseHaCf(src, "ha.cf")
	}
}

// BenchmarkParseHaCfSmall reads an ha.cf the size of the public samples:
// a dozen directives whose kinds change every few lines (options, media,
// whole-line directives), where a parser's fixed cost a file and a run of
// lines counts most.
func BenchmarkParseHaCfSmall(b *testing.B) {
	src := []byte(`# ha.cf of a two-node cluster
logfile /var/log/ha-log
logfacility local0
keepalive 2
deadtime 30
warntime 10
initdead 120
udpport 694
bcast eth0
ucast eth1 10.0.0.2
auto_failback on
node alpha
node beta
ping 10.0.0.254
respawn hacluster /usr/lib/heartbeat/ipfail
apiauth ipfail gid=haclient uid=hacluster
`)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseHaCf(src, "ha.cf")
	}
}

// BenchmarkParseHaCfLarge reads a large ha.cf: 5,000 blocks of a node,
// its media and options, comments between them; the directive kind changes
// every line or two, the worst case for a parser that pays per run of lines
// of one kind.
func BenchmarkParseHaCfLarge(b *testing.B) {
	var s strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&s, "# node %d\nnode n%d\nucast eth%d 10.0.%d.%d\nkeepalive %dms\nbcast eth0, eth1\n"+
			"respawn hacluster /usr/lib/heartbeat/ipfail\napiauth c%d uid=hacluster\nping 10.%d.0.1 # gw\n\n",
			i, i, i%4, i/256%256, i%256, 100+i%900, i, i%256)
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseHaCf(src, "ha.cf")
	}
}

// BenchmarkParseHaCfSamples reads each public ha.cf sample of
// ../shared/formats/samples/ha.cf (heartbeat's own, and ones from GitHub)
// in turn: the sizes hakit meets.
func BenchmarkParseHaCfSamples(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/formats/samples/ha.cf/*")
	if len(files) == 0 {
		b.Skip("../shared/formats/samples/ha.cf absent")
	}
	var srcs [][]byte
	n := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		n += len(src)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, src := range srcs {
			ParseHaCf(src, "ha.cf")
		}
	}
}
