package dlm_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	emit "hakit/emit/dlm"
	"hakit/internal/golden"
	"hakit/model"
	parse "hakit/parsers/dlm"
)

var cmpOpts = cmp.Options{
	cmpopts.IgnoreTypes(model.Range{}),
	cmp.Comparer(func(a, b model.Secret) bool { return a.Reveal() == b.Reveal() }),
	cmpopts.EquateEmpty(),
}

func inputs() []string {
	files, _ := filepath.Glob("../../testdata/dlm/*.conf")
	shared, _ := filepath.Glob("../../../shared/formats/samples/dlm.conf/*")
	return append(files, shared...)
}

func TestRoundTrip(t *testing.T) {
	for _, f := range inputs() {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c1, _ := parse.Parse(src, f)
			var b1 bytes.Buffer
			if err := emit.Emit(&b1, c1, emit.Options{}); err != nil {
				t.Fatal(err)
			}
			c2, _ := parse.Parse(b1.Bytes(), f)
			if diff := cmp.Diff(c1.Membership, c2.Membership, cmpOpts); diff != "" {
				t.Errorf("parse(emit(m)) != m:\n%s\n%s", diff, b1.String())
			}
			var b2 bytes.Buffer
			if err := emit.Emit(&b2, c2, emit.Options{}); err != nil {
				t.Fatal(err)
			}
			if b1.String() != b2.String() {
				t.Errorf("not idempotent:\n%s\n---\n%s", b1.String(), b2.String())
			}
		})
	}
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/dlm/*.conf")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		c, _ := parse.Parse(src, f)
		var b bytes.Buffer
		if err := emit.Emit(&b, c, emit.Options{}); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".conf")+".golden"), b.Bytes())
	}
}
