package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRunVersion is `hakit version` inside the process: building the
// command tree and running the command (start-up without exec and package
// init; compare a bare cobra program side by side with hyperfine for
// those, as the README's performance notes say).
func BenchmarkRunVersion(b *testing.B) {
	app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(app, []string{"version"}); code != 0 {
			b.Fatal(code)
		}
	}
}

// BenchmarkConvert500 is `hakit convert 500.crm --to cib` of 500
// primitives with parameters, a monitor, meta attributes and a location
// each (crmsh's `configure load update` of the same file takes seconds).
func BenchmarkConvert500(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("node 1: node1\nnode 2: node2\n")
	for i := range 500 {
		sb.WriteString(strings.NewReplacer("N", itoa(i)).Replace("primitive rN ocf:pacemaker:Dummy \\\n\tparams state=/run/rN.state \\\n\top monitor interval=10s timeout=20s \\\n\tmeta target-role=Started\n"))
	}
	for i := range 500 {
		sb.WriteString("location loc-r" + itoa(i) + " r" + itoa(i) + " 100: node" + itoa(i%2+1) + "\n")
	}
	sb.WriteString("property cib-bootstrap-options: \\\n\tstonith-enabled=false\n")
	in := filepath.Join(b.TempDir(), "500.crm")
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getwd: os.Getwd, Getenv: func(string) string { return "" }}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(app, []string{"convert", in, "--to", "cib"}); code != 0 {
			b.Fatal(code)
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}
