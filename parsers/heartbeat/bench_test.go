package heartbeat

import (
	"fmt"
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
