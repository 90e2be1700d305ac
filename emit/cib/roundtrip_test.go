package cib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	emitcib "hakit/emit/cib"
	"hakit/model"
	"hakit/parsers/cib"
)

// schedulerDir holds Pacemaker's 854 scheduler regression CIBs (../shared,
// beside the repository).
var schedulerDir = filepath.Join("..", "..", "..", "shared", "pacemaker-scheduler", "xml")

func schedulerCIBs(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(schedulerDir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("no scheduler CIBs under %s (../shared is absent)", schedulerDir)
	}
	sort.Strings(files)
	return files
}

func roundTrip(t testing.TB, src []byte, name string) ([]byte, model.Diagnostics) {
	c, ds := cib.Parse(src, name)
	if c == nil {
		return nil, ds
	}
	var out bytes.Buffer
	if err := emitcib.Emit(&out, c, emitcib.Options{}); err != nil {
		t.Errorf("%s: emit: %v", name, err)
	}
	return out.Bytes(), ds
}

// TestRoundTripScheduler is the acceptance test of issue 2: every scheduler
// CIB parses without errors and parse → emit keeps the configuration and the
// status semantically equal.
func TestRoundTripScheduler(t *testing.T) {
	files := schedulerCIBs(t)
	cfgEqual, stEqual, warnings := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		out, ds := roundTrip(t, src, name)
		for _, d := range ds {
			if d.Severity == model.SeverityError {
				t.Errorf("%s", d.Error())
			} else {
				warnings++
			}
		}
		if out == nil {
			continue
		}
		wc, ws, err := canonical(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		gc, gs, err := canonical(out)
		if err != nil {
			t.Errorf("%s: emitted XML does not parse: %v", name, err)
			continue
		}
		if diff := cmp.Diff(wc, gc); diff != "" {
			t.Errorf("%s: configuration differs after round trip (-in +out):\n%s", name, diff)
		} else {
			cfgEqual++
		}
		if diff := cmp.Diff(ws, gs); diff != "" {
			t.Errorf("%s: status differs after round trip (-in +out):\n%s", name, diff)
		} else {
			stEqual++
		}
		// Emitting is idempotent: parse(emit(x)) emits the same bytes.
		again, _ := roundTrip(t, out, name)
		if !bytes.Equal(out, again) {
			t.Errorf("%s: emitting twice differs", name)
		}
	}
	t.Logf("%d/%d configurations equal, %d/%d status sections equal, %d warnings",
		cfgEqual, len(files), stEqual, len(files), warnings)
}
