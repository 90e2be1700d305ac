//go:build conformance

package action_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitConformance runs the real pre-commit (Debian package
// pre-commit) with the hakit-verify hook of .pre-commit-hooks.yaml, taken
// from this repository at HEAD, on a temporary git repository: committing a
// CIB without fencing is refused, a good one passes.
//
// The hook's language is golang: pre-commit clones this repository and
// runs `go install ./...` in it, fetching modules through GOPROXY the first
// time. That build is most of the run time (one build, about a minute on a
// loaded machine); the commits themselves take a second.
func TestPreCommitConformance(t *testing.T) {
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: make tools installs the conformance tools", tool)
		}
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	headOut, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse HEAD in %s: %v", repo, err)
	}
	head := strings.TrimSpace(string(headOut))
	if err := exec.Command("git", "-C", repo, "cat-file", "-e", head+":.pre-commit-hooks.yaml").Run(); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml is not committed at HEAD %s", head)
	}

	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(dir, "cache"),
		"HOME="+dir,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	)
	run := func(wantOK bool, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = work
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Fatalf("%s %s: err=%v, want success %v\n%s", name, strings.Join(args, " "), err, wantOK, out)
		}
		return string(out)
	}
	if err := os.MkdirAll(filepath.Join(work, "cluster"), 0o755); err != nil {
		t.Fatal(err)
	}
	run(true, "git", "init", "-q", "-b", "main")
	// The repository is this checkout; rev pins HEAD.
	cfg := "repos:\n  - repo: " + repo + "\n    rev: " + head + "\n    hooks:\n      - id: hakit-verify\n"
	if err := os.WriteFile(filepath.Join(work, ".pre-commit-config.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	run(true, "pre-commit", "install")
	run(true, "git", "add", ".pre-commit-config.yaml")
	run(true, "git", "commit", "-q", "-m", "config")

	copyFile := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A CIB without fencing: HA1001, the commit is refused.
	copyFile("../testdata/demo/two-node-vip.xml", "cluster/cib.xml")
	run(true, "git", "add", "cluster/cib.xml")
	out := run(false, "git", "commit", "-q", "-m", "bad")
	if !strings.Contains(out, "hakit verify") || !strings.Contains(out, "Failed") || !strings.Contains(out, "HA1001") {
		t.Errorf("bad CIB: pre-commit output lacks the hook's failure and HA1001:\n%s", out)
	}

	// The same file with a fencing device: the commit passes.
	copyFile("../testdata/verify/HA1001/good-fence-template.xml", "cluster/cib.xml")
	run(true, "git", "add", "cluster/cib.xml")
	out = run(true, "git", "commit", "-q", "-m", "good")
	if !strings.Contains(out, "hakit verify") || !strings.Contains(out, "Passed") {
		t.Errorf("good CIB: pre-commit output lacks the hook passing:\n%s", out)
	}

	// Files hakit does not read are not handed to it.
	if err := os.WriteFile(filepath.Join(work, "README.md"), []byte("# cluster\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(true, "git", "add", "README.md")
	out = run(true, "git", "commit", "-q", "-m", "readme")
	if !strings.Contains(out, "no files to check") {
		t.Errorf("README.md: the hook ran on it:\n%s", out)
	}
}
