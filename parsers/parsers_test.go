package parsers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDetectByNameAndContent(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"cib.xml", "<cib validate-with=\"pacemaker-3.9\"><configuration/></cib>", "cib"},
		{"dump", "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<cib>", "cib"},
		{"x.xml", "<configuration><resources/></configuration>", "cib"},
		{"cluster.conf", "<?xml version=\"1.0\"?><cluster name=\"c\" config_version=\"1\"/>", "cluster.conf"},
		{"whatever.xml", "<cluster name=\"c\" config_version=\"1\"/>", "cluster.conf"},
		{"corosync.conf", "totem {\n version: 2\n}\n", "corosync"},
		{"some.conf", "totem {\n version: 2\n}\nnodelist {\n}\n", "corosync"},
		{"dlm.conf", "log_debug=1\n", "dlm"},
		{"ha.cf", "keepalive 2\nnode a\n", "heartbeat"},
		{"authkeys", "auth 1\n1 sha1 secret\n", "heartbeat"},
		{"haresources", "node1 192.0.2.10 httpd\n", "heartbeat"},
	}
	for _, c := range cases {
		f, err := Detect(&Input{Filename: c.name, Src: []byte(c.src)})
		if err != nil {
			t.Errorf("Detect(%s): %v", c.name, err)
			continue
		}
		if f.Name != c.want {
			t.Errorf("Detect(%s) = %s, want %s", c.name, f.Name, c.want)
		}
	}
}

func TestDetectFailureListsFormats(t *testing.T) {
	_, err := Detect(&Input{Filename: "notes.txt", Src: []byte("just some prose\n")})
	if err == nil {
		t.Fatal("prose was detected as a cluster format")
	}
	if !strings.Contains(err.Error(), "--from") || !strings.Contains(err.Error(), "cib") {
		t.Errorf("error should point at --from and list the formats: %v", err)
	}
}

func TestByNameUnknownListsValidNames(t *testing.T) {
	if f, err := ByName("cman"); err != nil || f.Name != "cluster.conf" {
		t.Errorf("ByName(cman) = %v, %v; want the cluster.conf format by alias", f, err)
	}
	_, err := ByName("hearbeat")
	if err == nil || !strings.Contains(err.Error(), "valid: ") || !strings.Contains(err.Error(), "heartbeat") {
		t.Errorf("ByName(hearbeat) error = %v, want the valid names listed", err)
	}
}

func TestParseRejectsUnreadableContent(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want string
	}{
		{"empty.xml", "", "empty.xml:1:1: error: HA0001: file is empty"},
		{"blank.conf", " \n\t\n", "blank.conf:1:1: error: HA0001: file is empty"},
		{"bin.xml", "<cib>\n\x00\x01", "bin.xml:2:1: error: HA0001: file is binary (NUL byte), not a configuration file"},
		{"latin1.crm", "primitive a\nocf:x \xe9t\xe9", "latin1.crm:2:7: error: HA0001: file is not valid UTF-8"},
	}
	for _, c := range cases {
		_, cl, ds := Parse(&Input{Filename: c.name, Src: []byte(c.src)}, nil)
		if cl != nil || len(ds) != 1 || ds[0].Error() != c.want {
			t.Errorf("Parse(%s) = %v, %v; want %q", c.name, cl, ds, c.want)
		}
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("ReadFile(dir) = %v, want 'is a directory'", err)
	}
	missing := filepath.Join(dir, "nope.xml")
	if _, err := ReadFile(missing); err == nil || err.Error() != missing+": no such file or directory" {
		t.Errorf("ReadFile(missing) = %v", err)
	}
	p := filepath.Join(dir, "authkeys")
	if err := os.WriteFile(p, []byte("auth 1\n1 sha1 x\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	in, err := ReadFile(p)
	if err != nil || !in.HasMode || in.Mode != 0o640 {
		t.Errorf("ReadFile kept mode %v (has %v), err %v; want 0640", in.Mode, in.HasMode, err)
	}
}

func TestExpandSkipsHiddenAndSidecars(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"ha.cf", "authkeys", ".hidden", "bad.conf.want", "x.golden"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Expand([]string{dir, "other.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "authkeys"), filepath.Join(dir, "ha.cf"), "other.xml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expand (-want +got):\n%s", diff)
	}
	empty := filepath.Join(dir, "sub")
	if _, err := Expand([]string{empty}); err == nil || err.Error() != empty+": is a directory without input files" {
		t.Errorf("Expand(empty dir) = %v, want an error naming it", err)
	}
}

func TestXMLRoot(t *testing.T) {
	for src, want := range map[string]string{
		"\xef\xbb\xbf<?xml version='1.0'?><!DOCTYPE cib><cib>": "cib",
		"  <!-- c --><cluster name='x'>":                       "cluster",
		"<configuration/>":                                     "configuration",
		"totem {":                                              "",
		"<!-- unterminated":                                    "",
	} {
		if got := XMLRoot([]byte(src)); got != want {
			t.Errorf("XMLRoot(%q) = %q, want %q", src, got, want)
		}
	}
}

// Names and aliases are unique across formats, and every entry is complete.
func TestEveryFormatIsRegisteredOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if seen[n] {
				t.Errorf("format name or alias %q registered twice", n)
			}
			seen[n] = true
		}
		if f.Parse == nil || f.Detect == nil || f.Summary == "" {
			t.Errorf("format %s lacks Parse, Detect or Summary", f.Name)
		}
	}
}

type zeros struct{ n int }

func (z *zeros) Read(b []byte) (int, error) {
	clear(b)
	z.n += len(b)
	return len(b), nil
}

// An endless stream of NUL bytes stops after its first block and is then
// reported as binary; a stream over the limit is refused with a message
// that names the flag.
func TestReadIsBounded(t *testing.T) {
	z := &zeros{}
	in, err := Read(z, "/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	if z.n > 64<<10 {
		t.Errorf("read %d bytes of NULs, want one block", z.n)
	}
	if d := CheckText(in); d == nil || !strings.Contains(d.Summary, "binary") {
		t.Errorf("CheckText = %v, want binary", d)
	}
	defer func(old int64) { MaxInputSize = old }(MaxInputSize)
	MaxInputSize = 100 << 10
	_, err = Read(strings.NewReader(strings.Repeat("a = b\n", 50<<10)), "big")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "--max-input-size") {
		t.Errorf("Read of 300K with a 100K limit: %v", err)
	}
	p := filepath.Join(t.TempDir(), "big.conf")
	if err := os.WriteFile(p, []byte(strings.Repeat("a = b\n", 50<<10)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile of 300K with a 100K limit: %v", err)
	}
	MaxInputSize = 1 << 20
	in, err = ReadFile(p)
	if err != nil || len(in.Src) != 300<<10 {
		t.Errorf("ReadFile under the limit: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for s, want := range map[string]int64{"512M": 512 << 20, "1G": 1 << 30, "100k": 100 << 10, "2MiB": 2 << 20, "4096": 4096, "3MB": 3 << 20} {
		if got, err := ParseSize(s); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "0", "-1", "12x", "M"} {
		if _, err := ParseSize(s); err == nil {
			t.Errorf("ParseSize(%q) accepted", s)
		}
	}
}
