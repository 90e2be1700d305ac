package action_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDistTarget checks what `make dist` would run (make -n): static
// (CGO off) linux/amd64 and linux/arm64 builds with the version and commit
// stamped, and a SHA256SUMS file with the names action/install.sh
// downloads. The build itself is left to `make dist` (a minute of
// cross-compiling).
func TestDistTarget(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	cmd := exec.Command("make", "-n", "dist", "VERSION=v9.9.9", "COMMIT=abc123")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make -n dist: %v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{
		"CGO_ENABLED=0 GOOS=linux GOARCH=$arch",
		"for arch in amd64 arm64",
		"-X main.version=v9.9.9 -X main.commit=abc123",
		"-o dist/hakit-v9.9.9-linux-$arch ./cmd/hakit",
		"sha256sum hakit-v9.9.9-linux-* > SHA256SUMS",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("make -n dist lacks %q:\n%s", want, s)
		}
	}
}
