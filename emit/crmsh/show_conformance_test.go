//go:build conformance

package crmsh_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	emitcrm "hakit/emit/crmsh"
	parsecib "hakit/parsers/cib"
)

// showPasses is the floor measured with crmsh 4.4 on this test's sample
// (the rest is logged with the difference); fewer fails the test.
const showPasses = 60

// TestConformanceShow compares the crm text hakit writes for a CIB with
// what `crm configure show` prints for it (cibnorm.py --format crm:
// statement by statement, whitespace aside), on every 12th CIB of the
// scheduler corpus (72 CIBs, about a minute).
func TestConformanceShow(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/pacemaker-scheduler/xml/*.xml")
	if len(files) == 0 {
		t.Fatal("no scheduler corpus in ../shared")
	}
	sort.Strings(files)
	var sample []string
	for i := 0; i < len(files); i += 12 {
		sample = append(sample, files[i])
	}
	tmp := t.TempDir()
	why := make([]string, len(sample))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, f := range sample {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			why[i] = showCompare(tmp, f)
		}()
	}
	wg.Wait()
	pass := 0
	for i, f := range sample {
		if why[i] == "" {
			pass++
			continue
		}
		t.Logf("%s: %s", filepath.Base(f), firstLines(why[i], 10))
	}
	t.Logf("crm text equal to crm configure show: %d of %d", pass, len(sample))
	if pass < showPasses {
		t.Errorf("%d of %d equal, fewer than the %d measured", pass, len(sample), showPasses)
	}
}

func firstLines(s string, n int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > n {
		ls = append(ls[:n], "...")
	}
	return strings.Join(ls, "\n")
}

func showCompare(tmp, f string) string {
	dir, err := os.MkdirTemp(tmp, "show")
	if err != nil {
		return err.Error()
	}
	src, _ := os.ReadFile(f)
	cib := filepath.Join(dir, "cib.xml")
	if err := os.WriteFile(cib, src, 0o644); err != nil {
		return err.Error()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "crm", "configure", "show")
	cmd.Env = append(os.Environ(), "CIB_file="+cib, "HOME="+dir)
	show, err := cmd.Output()
	if err != nil {
		return "crm configure show: " + err.Error()
	}
	c, ds := parsecib.Parse(src, f)
	if c == nil || ds.HasErrors() {
		return "hakit cannot read it: " + ds.Error()
	}
	var b bytes.Buffer
	// crm configure show obscures passw* values (crmsh's default
	// obscure_pattern); hakit does so only when asked.
	if err := emitcrm.Emit(&b, c, emitcrm.Options{Obscure: []string{"passw*"}}); err != nil {
		return "hakit refuses to write it: " + err.Error()
	}
	a, h := filepath.Join(dir, "crmsh.crm"), filepath.Join(dir, "hakit.crm")
	if err := os.WriteFile(a, show, 0o644); err != nil {
		return err.Error()
	}
	if err := os.WriteFile(h, b.Bytes(), 0o644); err != nil {
		return err.Error()
	}
	out, err := exec.Command("python3", "../../../shared/tools/cibnorm.py", "--format", "crm", a, h).CombinedOutput()
	if err != nil {
		return string(out)
	}
	return ""
}
