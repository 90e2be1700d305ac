package corosync_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	emit "hakit/emit/corosync"
	"hakit/internal/golden"
	"hakit/model"
	parse "hakit/parsers/corosync"
)

// inputs returns the corosync files of testdata and, when present, of
// ../shared/formats/samples/corosync.
func inputs(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/corosync/*.conf")
	shared, _ := filepath.Glob("../../../shared/formats/samples/corosync/*")
	return append(files, shared...)
}

var cmpOpts = cmp.Options{
	cmpopts.IgnoreTypes(model.Range{}),
	cmp.Comparer(func(a, b model.Secret) bool { return a.Reveal() == b.Reveal() }),
	cmpopts.EquateEmpty(),
}

func TestRoundTrip(t *testing.T) {
	files := inputs(t)
	if len(files) == 0 {
		t.Fatal("no inputs")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c1, ds1 := parse.Parse(src, f)
			had := map[string]bool{}
			for _, d := range ds1 {
				had[d.Code] = true
			}
			var b1 bytes.Buffer
			if err := emit.Emit(&b1, c1, emit.Options{}); err != nil {
				t.Fatal(err)
			}
			c2, ds := parse.Parse(b1.Bytes(), f)
			for _, d := range ds {
				if d.Severity == model.SeverityError && !had[d.Code] {
					t.Errorf("re-parse: %v\n%s", d, b1.String())
				}
			}
			if diff := cmp.Diff(c1.Membership, c2.Membership, cmpOpts); diff != "" {
				t.Errorf("parse(emit(m)) != m (-first +second):\n%s\n%s", diff, b1.String())
			}
			var b2 bytes.Buffer
			if err := emit.Emit(&b2, c2, emit.Options{}); err != nil {
				t.Fatal(err)
			}
			if b1.String() != b2.String() {
				t.Errorf("emit is not idempotent:\n%s\n---\n%s", b1.String(), b2.String())
			}
		})
	}
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corosync/*.conf")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := parse.Parse(src, f)
		var b bytes.Buffer
		if err := emit.Emit(&b, c, emit.Options{}); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".conf")+".golden"), b.Bytes())
	}
}

func TestEmitRejectsUnwritable(t *testing.T) {
	m := &model.Membership{Origin: "corosync", Version: "3", ClusterName: "a\nb"}
	if err := emit.Emit(&bytes.Buffer{}, &model.Cluster{Membership: m}, emit.Options{}); err == nil {
		t.Fatal("want an error for a newline in cluster_name")
	}
	if err := emit.Emit(&bytes.Buffer{}, &model.Cluster{}, emit.Options{}); err == nil {
		t.Fatal("want an error without membership")
	}
}
