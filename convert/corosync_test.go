package convert_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"hakit/convert"
	emitcs "hakit/emit/corosync"
	"hakit/internal/golden"
	"hakit/model"
	parsecs "hakit/parsers/corosync"
)

// csInputs are the corosync files of testdata and, when present, of
// ../shared/formats/samples/corosync.
func csInputs() []string {
	files, _ := filepath.Glob("../testdata/corosync/*.conf")
	shared, _ := filepath.Glob("../../shared/formats/samples/corosync/*")
	return append(files, shared...)
}

// csWithCIB adds a CIB's node list, as when a CIB is given alongside.
func csWithCIB(c *model.Cluster, names ...string) *model.Cluster {
	cfg := &model.Configuration{}
	for i, n := range names {
		cfg.Nodes = append(cfg.Nodes, &model.Node{ID: fmt.Sprint(i + 1), Uname: n})
	}
	return model.Merge(c, &model.Cluster{Config: cfg})
}

func csConvert(t *testing.T, f string) (*model.Cluster, *model.Cluster, model.Diagnostics, []byte) {
	t.Helper()
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := parsecs.Parse(src, filepath.Base(f))
	in := csWithCIB(c, "alpha", "beta")
	before := fmt.Sprintf("%#v", *in.Membership)
	out, ds := convert.Modernize(in, convert.Options{})
	if fmt.Sprintf("%#v", *in.Membership) != before {
		t.Errorf("the converter modified its input")
	}
	var b bytes.Buffer
	if err := emitcs.Emit(&b, out, emitcs.Options{}); err != nil {
		t.Fatalf("emit: %v", err)
	}
	return in, out, ds, b.Bytes()
}

func TestCorosyncConvert(t *testing.T) {
	files := csInputs()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, out, ds, conf := csConvert(t, f)
			m := out.Membership
			if m.Origin != "corosync" || m.Version != "3" {
				t.Errorf("got origin %q version %q", m.Origin, m.Version)
			}
			for _, d := range ds {
				if d.Subject == nil || d.Subject.Start.Line < 1 {
					t.Errorf("diagnostic without a source position: %v", d)
				}
				if !strings.HasPrefix(d.Code, "HA43") {
					t.Errorf("diagnostic outside HA43xx: %v", d)
				}
			}
			if len(m.Nodes) == 0 {
				t.Errorf("no nodelist")
			}
			for _, n := range m.Nodes {
				if n.NodeID == 0 || n.NodeID >= 65536 {
					t.Errorf("node %s: nodeid %d", n.Name, n.NodeID)
				}
			}
			c2, ds2 := parsecs.Parse(conf, "out.conf")
			for _, d := range ds2 {
				if d.Severity == model.SeverityError {
					t.Errorf("re-parse: %v\n%s", d, conf)
				}
			}
			if c2.Membership.Version != "3" {
				t.Errorf("re-parsed as corosync %s:\n%s", c2.Membership.Version, conf)
			}
		})
	}
}

func TestCorosyncConvertGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corosync/*.conf")
	for _, f := range files {
		_, _, ds, conf := csConvert(t, f)
		var b strings.Builder
		b.Write(conf)
		b.WriteString("----\n")
		for _, d := range ds {
			fmt.Fprintf(&b, "%v\n", d)
		}
		golden.Check(t, filepath.Join("testdata", "corosync", filepath.Base(f)+".golden"), []byte(b.String()))
	}
}

func TestCorosyncConvertIdempotentOn3(t *testing.T) {
	src, err := os.ReadFile("../testdata/corosync/knet-3links.conf")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := parsecs.Parse(src, "knet-3links.conf")
	out, _ := convert.Modernize(c, convert.Options{})
	opts := cmp.Options{cmpopts.IgnoreTypes(model.Range{}), cmpopts.EquateEmpty(),
		cmp.Comparer(func(a, b model.Secret) bool { return a.Reveal() == b.Reveal() }),
		cmpopts.IgnoreFields(model.Membership{}, "Corosync"), cmpopts.IgnoreFields(model.Link{}, "Extra")}
	if diff := cmp.Diff(c.Membership, out.Membership, opts); diff != "" {
		t.Errorf("a clean corosync 3 file should pass through:\n%s", diff)
	}
}

func TestCorosyncConvertUDPU(t *testing.T) {
	src, err := os.ReadFile("../testdata/corosync/rrp-1x.conf")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := parsecs.Parse(src, "rrp-1x.conf")
	out, ds := convert.Modernize(csWithCIB(c, "a", "b"), convert.Options{Transport: "udpu"})
	if out.Membership.Transport != "udpu" || out.Membership.Crypto != nil {
		t.Errorf("udpu: transport %q crypto %v", out.Membership.Transport, out.Membership.Crypto)
	}
	if !strings.Contains(ds.Error(), "second ring is lost") {
		t.Errorf("want the lost ring reported:\n%s", ds.Error())
	}
}

func TestCorosyncConvertNamesFromDerivedIDs(t *testing.T) {
	src, err := os.ReadFile("../testdata/corosync/udpu-1x-members.conf")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := parsecs.Parse(src, "udpu-1x-members.conf")
	// corosync 1.x derived the ids from the addresses: 10.0.0.1 → 167772161.
	cfg := &model.Configuration{Nodes: []*model.Node{{ID: "167772161", Uname: "alpha"}, {ID: "167772162", Uname: "beta"}}}
	out, _ := convert.Modernize(model.Merge(c, &model.Cluster{Config: cfg}), convert.Options{})
	var got []string
	for _, n := range out.Membership.Nodes {
		got = append(got, fmt.Sprintf("%s=%d", n.Name, n.NodeID))
	}
	if strings.Join(got, " ") != "alpha=1 beta=2" {
		t.Errorf("got %v", got)
	}
}
