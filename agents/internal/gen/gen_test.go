//go:build unix

package main

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakit/agents/internal/snapshot"
)

func script(t *testing.T, path, body string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), mode); err != nil {
		t.Fatal(err)
	}
}

// run() over fake agents: good ones are kept and sorted, broken ones
// (failing, hanging, printing no XML) are skipped, helpers are ignored.
func TestRunFakeAgents(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	ocf := filepath.Join(dir, "ocf")
	meta := func(name string) string {
		return `[ "$1" = meta-data ] || exit 3
[ -n "$OCF_ROOT" ] || exit 4
cat <<'EOF'
<?xml version="1.0"?>
<resource-agent name="` + name + `" version="1.0"><version>1.0</version>
<shortdesc lang="en">` + name + ` agent</shortdesc>
<parameters><parameter name="p" required="1"><content type="string"/></parameter></parameters>
<actions><action name="monitor" interval="10s" timeout="20s"/></actions>
</resource-agent>
EOF`
	}
	script(t, filepath.Join(ocf, "resource.d", "zeta", "B"), meta("B"), 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "b"), meta("b"), 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "A"), meta("A"), 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "helper.sh"), "exit 1", 0o644)
	script(t, filepath.Join(ocf, "resource.d", "alpha", ".ocf-shellfuncs"), "exit 1", 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "fails"), "echo oops >&2; exit 1", 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "hangs"), "sleep 30", 0o755)
	script(t, filepath.Join(ocf, "resource.d", "alpha", "junk"), "echo not xml", 0o755)
	script(t, filepath.Join(dir, "sbin", "fence_x"), `[ "$1 $2" = "-o metadata" ] || exit 1
echo '<resource-agent name="fence_x" shortdesc="X"><parameters/><actions><action name="monitor"/></actions></resource-agent>'`, 0o755)
	script(t, filepath.Join(dir, "sbin", "fence_ack_manual"), "echo usage; exit 1", 0o755)
	pcmk := filepath.Join(dir, "pcmk")
	opt := func(name string) string {
		return `echo '<resource-agent name="d"><parameters><parameter name="` + name + `"><shortdesc>s</shortdesc><content type="boolean" default="true"/></parameter></parameters></resource-agent>'`
	}
	script(t, filepath.Join(pcmk, "pacemaker-schedulerd"), opt("stonith-enabled")+"; "+opt("second-doc"), 0o755)
	script(t, filepath.Join(pcmk, "pacemaker-controld"), opt("stonith-enabled"), 0o755)
	script(t, filepath.Join(pcmk, "pacemaker-fenced"), opt("pcmk_host_list"), 0o755)

	out := filepath.Join(dir, "out.json")
	var log strings.Builder
	start := time.Now()
	err := run(config{out: out, ocfRoot: ocf, fenceGlob: filepath.Join(dir, "sbin", "fence_*"),
		pcmkDirs: []string{pcmk}, timeout: 500 * time.Millisecond, jobs: 3, log: &log})
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{"skipped ocf:alpha:fails: exit status 1: oops", "skipped ocf:alpha:hangs: timed out", "pacemaker-based metadata: not found"} {
		if !strings.Contains(log.String(), msg) {
			t.Errorf("log lacks %q:\n%s", msg, log.String())
		}
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("run took %s; the hanging agent was not killed", d)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := snapshot.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range f.Agents {
		got = append(got, a.Class+":"+a.Provider+":"+a.Type)
	}
	if want := "ocf:alpha:A ocf:alpha:b ocf:zeta:B stonith::fence_x"; strings.Join(got, " ") != want {
		t.Errorf("agents = %v, want %s", got, want)
	}
	if want := "ocf:alpha:fails ocf:alpha:hangs ocf:alpha:junk stonith:fence_ack_manual"; strings.Join(f.Info.Skipped, " ") != want {
		t.Errorf("skipped = %v, want %s", f.Info.Skipped, want)
	}
	if len(f.Options) != 2 || f.Options[1].Name != "stonith-enabled" || f.Options[1].Daemon != "pacemaker-controld,pacemaker-schedulerd" {
		t.Errorf("options = %+v", f.Options)
	}
	if len(f.Fencer) != 1 || f.Fencer[0].Name != "pcmk_host_list" {
		t.Errorf("fencer = %+v", f.Fencer)
	}

	// Same input, same bytes; a .gz output decompresses to them.
	out2 := filepath.Join(dir, "out2.json")
	if err := run(config{out: out2, ocfRoot: ocf, fenceGlob: filepath.Join(dir, "sbin", "fence_*"),
		pcmkDirs: []string{pcmk}, timeout: 500 * time.Millisecond, jobs: 1, log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if data2, _ := os.ReadFile(out2); string(data2) != string(data) {
		t.Error("regeneration is not deterministic")
	}
	out3 := filepath.Join(dir, "out3.json.gz")
	if err := run(config{out: out3, ocfRoot: ocf, fenceGlob: filepath.Join(dir, "sbin", "fence_*"),
		pcmkDirs: []string{pcmk}, timeout: 500 * time.Millisecond, jobs: 2, log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Open(out3)
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	zr, err := gzip.NewReader(zf)
	if err != nil {
		t.Fatal(err)
	}
	if data3, err := io.ReadAll(zr); err != nil || string(data3) != string(data) {
		t.Errorf("gzip output differs (err %v)", err)
	}
}
