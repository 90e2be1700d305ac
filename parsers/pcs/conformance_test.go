//go:build conformance

package pcs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"hakit/emit/cib"
	"hakit/emit/corosync"
	emitpcs "hakit/emit/pcs"
	"hakit/model"
)

// wrapper runs a script with bash, recording every pcs call; driver then
// runs the recorded calls in one Python process with pcs's own entry point
// (pcs.app.main), redirected to a CIB file (and cluster setup to a
// corosync.conf file) in dir. One interpreter for all calls of a script
// keeps the suite to minutes: most of a pcs run is Python start-up.
const wrapper = `set -e
cd "$DIR"
pcs() { printf '%s\0' "$@" >> "$DIR/calls"; printf '\n\0' >> "$DIR/calls"; }
cibadmin() { printf '%s\0' __cibadmin__ "$@" >> "$DIR/calls"; printf '\n\0' >> "$DIR/calls"; }
mktemp() { echo "$DIR/work.xml"; }
. "$SCRIPT" setup
`

const driver = `import sys
from pcs import app
from pcs.lib import external
# Agent and daemon metadata do not change during a run: ask once.
_cache = {}
_run = external.CommandRunner.run
def run(self, args, stdin_string=None, env_extend=None, binary_output=False):
    meta = "--show-metadata" in args or "metadata" in args or "--metadata" in args
    key = tuple(args)
    if meta and key in _cache:
        return _cache[key]
    r = _run(self, args, stdin_string, env_extend, binary_output)
    if meta:
        _cache[key] = r
    return r
external.CommandRunner.run = run
d = sys.argv[1]
raw = open(d + "/calls", "rb").read().decode() if len(sys.argv) > 1 else ""
calls, cur = [], []
for f in raw.split("\0")[:-1]:
    if f == "\n":
        calls.append(cur)
        cur = []
    else:
        cur.append(f)
import os, subprocess
for i, argv in enumerate(calls):
    if argv and argv[0] == "__cibadmin__":
        # hakit's raw edits of the CIB file the pcs calls edit.
        r = subprocess.run(["cibadmin"] + argv[1:], env=dict(os.environ, CIB_file=d + "/cib.xml"), capture_output=True, text=True)
        if r.returncode != 0:
            print("cibadmin call %d failed: %s\n%s" % (i + 1, " ".join(argv[1:]), r.stdout + r.stderr), file=sys.stderr)
            sys.exit(1)
        continue
    stripped = [a for a in argv if a != "-f" and not (argv.index(a) > 0 and argv[argv.index(a) - 1] == "-f")]
    if stripped[:2] in (["cluster", "cib"], ["cluster", "cib-push"]):
        # Every call edits cib.xml itself: no copy to make or push.
        continue
    if argv[:2] == ["cluster", "setup"]:
        argv = [a for a in argv if a not in ("--start", "--wait")] + ["--corosync_conf", d + "/corosync.conf", "--overwrite"]
    elif argv[:1] == ["quorum"]:
        argv = ["--corosync_conf", d + "/corosync.conf"] + argv
    else:
        while "-f" in argv:
            j = argv.index("-f")
            del argv[j:j + 2]
        argv = ["-f", d + "/cib.xml"] + argv
    try:
        app.main(argv)
        rc = 0
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    if rc != 0 and not (argv[2:3] == ["status"] or argv[2:4] == ["resource", "cleanup"]):
        print("pcs call %d failed: %s" % (i + 1, " ".join(argv)), file=sys.stderr)
        sys.exit(1)
`

// runPcs runs script with real pcs in a fresh directory and returns it.
func runPcs(tmp, script string, env ...string) (string, []byte, error) {
	dir, err := os.MkdirTemp(tmp, "run")
	if err != nil {
		return "", nil, err
	}
	empty, err := exec.Command("cibadmin", "--empty").Output()
	if err != nil {
		return "", nil, fmt.Errorf("cibadmin --empty: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cib.xml"), empty, 0o644); err != nil {
		return "", nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "calls"), nil, 0o644); err != nil {
		return "", nil, err
	}
	abs, _ := filepath.Abs(script)
	cmd := exec.Command("bash", "-c", wrapper)
	cmd.Env = append(append(os.Environ(), "DIR="+dir, "SCRIPT="+abs), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return dir, out, err
	}
	drv := exec.Command("/usr/bin/python3", "-Es", "-c", driver, dir)
	out2, err := drv.CombinedOutput()
	return dir, append(out, out2...), err
}

func cibnorm(format, a, b string) (bool, string) {
	args := []string{"../../../shared/tools/cibnorm.py"}
	if format != "" {
		args = append(args, "--format", format)
	}
	out, err := exec.Command("python3", append(args, a, b)...).CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			return false, string(out)
		}
		return false, fmt.Sprintf("cibnorm: %v\n%s", err, out)
	}
	return true, ""
}

func writeFile(path string, write func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// only keeps the scripts whose name matches $PCS_ONLY (a regexp), for
// working on a few.
func only(files []string) []string {
	re := os.Getenv("PCS_ONLY")
	if re == "" {
		return files
	}
	var out []string
	for _, f := range files {
		if regexp.MustCompile(re).MatchString(filepath.Base(f)) {
			out = append(out, f)
		}
	}
	return out
}

// workers is how many scripts run at once; pcs runs are mostly waiting for
// Python and the agents' meta-data.
const workers = 6

// pool runs check on every item with a fixed number of workers and returns
// the problems found per item, in input order.
func pool(items []string, check func(string) []string) [][]string {
	out := make([][]string, len(items))
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = check(it)
		}()
	}
	wg.Wait()
	return out
}

// TestConformancePcs runs every script of testdata/pcs with pcs 0.11 and
// compares pcs's CIB (and corosync.conf) with hakit's; then replays hakit's
// pcs script of the same model and compares again.
func TestConformancePcs(t *testing.T) {
	scripts, _ := filepath.Glob("../../testdata/pcs/*.sh")
	if len(scripts) < 30 {
		t.Fatalf("only %d scripts", len(scripts))
	}
	scripts = only(scripts)
	tmp := t.TempDir()
	results := pool(scripts, func(script string) []string { return checkScript(tmp, script) })
	for i, script := range scripts {
		t.Run(filepath.Base(script), func(t *testing.T) {
			for _, p := range results[i] {
				t.Error(p)
			}
		})
	}
}

func checkScript(tmp, script string) (problems []string) {
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	dir, out, err := runPcs(tmp, script)
	if err != nil {
		fail("pcs failed: %v\n%s", err, out)
		return
	}
	src, _ := os.ReadFile(script)
	c, diags := Parse(src, script)
	if diags.HasErrors() {
		fail("hakit reports errors:\n%s", diags.Error())
		return
	}
	hakitCIB := filepath.Join(dir, "hakit.xml")
	if err := writeFile(hakitCIB, func(b *bytes.Buffer) error { return cib.Emit(b, c, cib.Options{}) }); err != nil {
		fail("emit cib: %v", err)
		return
	}
	if ok, diff := cibnorm("", filepath.Join(dir, "cib.xml"), hakitCIB); !ok {
		fail("CIB differs from pcs's:\n%s", diff)
	}
	pcsConf := filepath.Join(dir, "corosync.conf")
	_, statErr := os.Stat(pcsConf)
	hasConf := statErr == nil
	if hasConf {
		hakitConf := filepath.Join(dir, "hakit.conf")
		m := *c.Membership
		m.Origin = "corosync"
		if err := writeFile(hakitConf, func(b *bytes.Buffer) error {
			return corosync.Emit(b, &model.Cluster{Membership: &m}, corosync.Options{})
		}); err != nil {
			fail("emit corosync: %v", err)
		} else if ok, diff := cibnorm("corosync", pcsConf, hakitConf); !ok {
			fail("corosync.conf differs from pcs's:\n%s", diff)
		}
	}
	// Replay hakit's own pcs script.
	replay := filepath.Join(dir, "replay.sh")
	if err := writeFile(replay, func(b *bytes.Buffer) error { return emitpcs.Emit(b, c, emitpcs.Options{}) }); err != nil {
		fail("emit pcs: %v", err)
		return
	}
	rdir, rout, err := runPcs(tmp, replay, emitpcs.PasswordEnv(c)...)
	if err != nil {
		text, _ := os.ReadFile(replay)
		fail("replaying the emitted script failed: %v\n%s\nscript:\n%s", err, rout, text)
		return
	}
	if ok, diff := cibnorm("", filepath.Join(dir, "cib.xml"), filepath.Join(rdir, "cib.xml")); !ok {
		fail("replayed CIB differs:\n%s", diff)
	}
	if hasConf {
		if ok, diff := cibnorm("corosync", pcsConf, filepath.Join(rdir, "corosync.conf")); !ok {
			fail("replayed corosync.conf differs:\n%s", diff)
		}
	}
	return problems
}

var wantRe = regexp.MustCompile(`# want (HA3\d{3})`)

// TestConformancePcsInvalid checks that pcs and hakit both reject every
// script of testdata/pcs/invalid, hakit with an error at the marked line.
func TestConformancePcsInvalid(t *testing.T) {
	scripts, _ := filepath.Glob("../../testdata/pcs/invalid/*.sh")
	if len(scripts) < 10 {
		t.Fatalf("only %d invalid scripts", len(scripts))
	}
	scripts = only(scripts)
	tmp := t.TempDir()
	results := pool(scripts, func(script string) (problems []string) {
		if _, out, err := runPcs(tmp, script); err == nil {
			problems = append(problems, fmt.Sprintf("pcs accepted the script:\n%s", out))
		}
		src, _ := os.ReadFile(script)
		_, diags := Parse(src, script)
		sc := bufio.NewScanner(bytes.NewReader(src))
		for line := 1; sc.Scan(); line++ {
			m := wantRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			found := false
			for _, d := range diags {
				if d.Code == m[1] && d.Severity == model.SeverityError && d.Subject != nil && d.Subject.Start.Line == line {
					found = true
				}
			}
			if !found {
				problems = append(problems, fmt.Sprintf("line %d: want error %s, got:\n%s", line, m[1], diags.Error()))
			}
		}
		return problems
	})
	for i, script := range scripts {
		t.Run(filepath.Base(script), func(t *testing.T) {
			for _, p := range results[i] {
				t.Error(p)
			}
		})
	}
}
