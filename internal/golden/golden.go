// Package golden compares test output with files under testdata and rewrites
// them when UPDATE_GOLDEN=1. It is the project's one golden-file helper.
package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Update reports whether goldens are being regenerated (UPDATE_GOLDEN=1).
func Update() bool { return os.Getenv("UPDATE_GOLDEN") == "1" }

// Check compares got with the golden file at path. With UPDATE_GOLDEN=1 it
// writes got to path instead.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with UPDATE_GOLDEN=1 to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got, UPDATE_GOLDEN=1 rewrites):\n%s", path, diff)
	}
}
