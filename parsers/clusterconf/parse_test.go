package clusterconf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
	"hakit/model"
)

const testdata = "../../testdata/clusterconf"

// dump is the stable text form of a parse for goldens: the model as indented
// JSON (secrets redacted by model.Secret) and the diagnostics one per line.
func dump(c *model.Cluster, ds model.Diagnostics) []byte {
	var b bytes.Buffer
	ds.Sort()
	for _, d := range ds {
		fmt.Fprintln(&b, d.Error())
	}
	b.WriteString("---\n")
	j, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		fmt.Fprintf(&b, "marshal: %v\n", err)
	}
	b.Write(j)
	b.WriteByte('\n')
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "*.conf"))
	bad, _ := filepath.Glob(filepath.Join(testdata, "bad", "*.conf"))
	files = append(files, bad...)
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, ds := Parse(src, filepath.Base(f))
			checkRanges(t, src, ds)
			golden.Check(t, strings.TrimSuffix(f, ".conf")+".golden", dump(c, ds))
		})
	}
}

func checkRanges(t *testing.T, src []byte, ds model.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Subject == nil {
			t.Errorf("diagnostic without a range: %s", d.Error())
			continue
		}
		r := d.Subject
		if r.Start.Line < 1 || r.Start.Column < 1 || r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
			t.Errorf("range %+v outside the source (%d bytes): %s", r, len(src), d.Error())
		}
	}
}

func TestGoodFilesClean(t *testing.T) {
	for _, f := range []string{"proxmox-2node.conf", "nfs-3node.conf"} {
		src, err := os.ReadFile(filepath.Join(testdata, f))
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Parse(src, f)
		for _, d := range ds {
			if d.Code != CodeVendor {
				t.Errorf("%s: unexpected %s", f, d.Error())
			}
		}
	}
}

func TestBadInputPositions(t *testing.T) {
	cases := []struct {
		src, code string
		line, col int
	}{
		{"<cluster name=\"x\">\n  <clusternodes>\n    <clusternode name=\"a\" nodeid=\"1\">\n  </clusternodes>\n</cluster>\n", CodeSyntax, 4, 3},
		{"<cluster name=\"x\" config_version=\"1\">\n  <totem token=\"fast\"/>\n</cluster>\n", CodeAttrType, 2, 10},
		{"<cluster name=\"x\" config_version=\"1\">\n  <fencedevices><fencedevice name=\"f\"/></fencedevices>\n</cluster>\n", CodeMissingAttr, 2, 17},
		{"<cluster name=\"x\" name=\"y\"/>", CodeDuplicateAttr, 1, 19},
		{"<cluster name=\"x\"><foo/></cluster>", CodeUnknownElement, 1, 19},
		{"<cluster name=\"x\"><rm><pvevm vmid=\"1\"/></rm></cluster>", CodeVendor, 1, 23},
		{"<cluster name=\"x\"><rm><failoverdomains><failoverdomain name=\"d\" ordered=\"yes\"/></failoverdomains></rm></cluster>", CodeNumericBool, 1, 65},
	}
	for _, tc := range cases {
		_, ds := Parse([]byte(tc.src), "t.conf")
		found := false
		for _, d := range ds {
			if d.Code == tc.code && d.Subject.Start.Line == tc.line && d.Subject.Start.Column == tc.col {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s at %d:%d, got:\n%s", tc.src, tc.code, tc.line, tc.col, ds.Error())
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdata, "nfs-3node.conf"))
	if err != nil {
		t.Fatal(err)
	}
	c, ds := Parse(src, "nfs-3node.conf")
	out := string(dump(c, ds))
	if strings.Contains(out, "s3cret") || strings.Contains(out, "apc-pw") {
		t.Error("a fence password reached the dump")
	}
	fd := c.Membership.FenceDevices[0]
	if o, _ := fd.Args.Get("passwd"); o == nil || o.Secret.Reveal() != "s3cret-1" || o.Value != "" {
		t.Errorf("passwd not held as a secret: %+v", o)
	}
}

// TestSamples runs the parser over the public sample corpus and logs every
// diagnostic (the report lists the genuine problems found).
func TestSamples(t *testing.T) {
	dir := "../../../shared/formats/samples/cluster.conf"
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Skip("sample corpus absent")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, ds := Parse(src, filepath.Base(f))
		checkRanges(t, src, ds)
		if c == nil || c.Membership == nil {
			t.Errorf("%s: no model", f)
		}
		ds.Sort()
		for _, d := range ds {
			t.Log(d.Error())
		}
	}
}
