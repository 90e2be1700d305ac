package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hakit/internal/progress"
)

// runApp runs hakit in-process with a prepared App.
func runApp(app *App, args ...string) cliResult {
	var out, errOut bytes.Buffer
	app.Stdout, app.Stderr = &out, &errOut
	if app.Stdin == nil {
		app.Stdin = strings.NewReader("")
	}
	if app.Getwd == nil {
		app.Getwd = os.Getwd
	}
	code := run(app, args)
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

func TestVersionFlagAndCommand(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		r := runCLI(t, t.TempDir(), args...)
		if r.code != 0 {
			t.Fatalf("%v: %s", args, r)
		}
		for _, want := range []string{"hakit " + version, "commit " + commit, goVersion} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: %q lacks %q", args, r.stdout, want)
			}
		}
	}
	if version == "" || commit == "" {
		t.Errorf("version %q, commit %q: the fallback left one empty", version, commit)
	}
}

func TestHelpListsCompletionAndMan(t *testing.T) {
	r := runCLI(t, t.TempDir(), "--help")
	for _, want := range []string{"completion", "man ", "--color"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--help lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, t.TempDir(), "completion", sh)
		if r.code != 0 || !strings.Contains(r.stdout, "hakit") {
			t.Errorf("completion %s: %s", sh, r)
		}
	}
}

func TestCompletionValues(t *testing.T) {
	cib := "../../testdata/demo/two-node-vip.xml"
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "verify", "--enable", ""}, []string{"HA1001\t"}},
		{[]string{"__complete", "explain", ""}, []string{"HA0001\t"}},
		{[]string{"__complete", "verify", "--format", ""}, []string{"github", "sarif"}},
		{[]string{"__complete", "convert", "--to", ""}, []string{"cib", "pcs", "ha-cluster"}},
		{[]string{"__complete", "verify", "--from", ""}, []string{"cib", "heartbeat"}},
		{[]string{"__complete", "simulate", cib, "--node-fail", ""}, []string{"alice\n", "bob\n"}},
		{[]string{"__complete", "simulate", cib, "--op-fail", ""}, []string{"vip_\n"}},
		{[]string{"__complete", "--color", ""}, []string{"never"}},
	}
	for _, tc := range cases {
		r := runCLI(t, t.TempDir(), tc.args...)
		for _, w := range tc.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: completions lack %q:\n%s", tc.args, w, r.stdout)
			}
		}
	}
}

func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	r := runCLI(t, t.TempDir(), "man", dir)
	if r.code != 0 {
		t.Fatal(r)
	}
	root := newRootCmd(&App{})
	var want []string
	want = append(want, "hakit.1")
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			want = append(want, "hakit-"+c.Name()+".1")
		}
	}
	for _, w := range want {
		b, err := os.ReadFile(filepath.Join(dir, w))
		if err != nil {
			t.Errorf("no man page %s: %v", w, err)
			continue
		}
		if !strings.Contains(string(b), ".TH \"HAKIT\" \"1\" \"Nov 2023\"") {
			t.Errorf("%s: header %q", w, strings.SplitN(string(b), "\n", 3)[:2])
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "hakit-verify.1"))
	if !strings.Contains(string(b), "--fail-on") {
		t.Errorf("hakit-verify.1 does not document --fail-on")
	}
}

func TestColor(t *testing.T) {
	cib := "../../testdata/demo/two-node-vip.xml"
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name  string
		app   App
		args  []string
		color bool
	}{
		{"terminal", App{StdoutIsTerminal: true, Getenv: env()}, nil, true},
		{"pipe", App{Getenv: env()}, nil, false},
		{"NO_COLOR", App{StdoutIsTerminal: true, Getenv: env("NO_COLOR", "1")}, nil, false},
		{"empty NO_COLOR", App{StdoutIsTerminal: true, Getenv: env("NO_COLOR", "")}, nil, true},
		{"always", App{Getenv: env("NO_COLOR", "1")}, []string{"--color", "always"}, true},
		{"never", App{StdoutIsTerminal: true, Getenv: env()}, []string{"--color=never"}, false},
	}
	for _, tc := range cases {
		app := tc.app
		r := runApp(&app, append(append([]string{"verify", "--format", "pretty"}, tc.args...), cib)...)
		if got := strings.Contains(r.stdout, "\x1b["); got != tc.color {
			t.Errorf("%s: coloured %v, want %v:\n%s", tc.name, got, tc.color, r)
		}
	}
	r := runCLI(t, t.TempDir(), "verify", "--color", "rainbow", cib)
	if r.code != exitUsage || !strings.Contains(r.stderr, "--color") {
		t.Errorf("--color rainbow: %s", r)
	}
}

func TestStdinOnce(t *testing.T) {
	cib, err := os.ReadFile("../../testdata/demo/two-node-vip.xml")
	if err != nil {
		t.Fatal(err)
	}
	app := &App{Stdin: bytes.NewReader(cib)}
	r := runApp(app, "verify", "-")
	if r.code != exitFindings || !strings.Contains(r.stdout, "<stdin>") {
		t.Errorf("verify -: %s", r)
	}
	app = &App{Stdin: bytes.NewReader(cib)}
	r = runApp(app, "verify", "-", "-")
	if r.code != exitUsage || !strings.Contains(r.stderr, "more than once") {
		t.Errorf("verify - -: %s", r)
	}
}

func TestToXMLIsCIB(t *testing.T) {
	cib := "../../testdata/demo/two-node-vip.xml"
	a := runCLI(t, t.TempDir(), "convert", "--to", "xml", cib)
	b := runCLI(t, t.TempDir(), "convert", "--to", "cib", cib)
	if a.code != 0 || a.stdout != b.stdout || !strings.HasPrefix(a.stdout, "<cib") {
		t.Errorf("--to xml:\n%s\n--to cib:\n%s", a, b)
	}
}

func TestErrorsNameTheUsersFile(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(blocker, "out.xml")
	r := runCLI(t, dir, "convert", "--to", "cib", "-o", target, "../../testdata/demo/two-node-vip.xml")
	if r.code != exitUsage || !strings.Contains(r.stderr, target) || strings.Contains(r.stderr, ".tmp-") {
		t.Errorf("writing below a file: %s", r)
	}
	r = runCLI(t, dir, "verify", filepath.Join(dir, "missing.xml"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "missing.xml") {
		t.Errorf("missing input: %s", r)
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	old := progress.Interval
	progress.Interval = 0
	defer func() { progress.Interval = old }()
	dir := t.TempDir()
	var args []string
	for i := range progressMinFiles + 5 {
		p := filepath.Join(dir, "f"+strconv.Itoa(i)+".crm")
		if err := os.WriteFile(p, []byte("primitive p"+strconv.Itoa(i)+" ocf:heartbeat:Dummy\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	for _, tty := range []bool{false, true} {
		app := &App{StderrIsTerminal: tty}
		r := runApp(app, append([]string{"verify", "--disable", "HA*"}, args...)...)
		drawn := strings.Contains(r.stderr, "\r\x1b[Khakit: reading 25/25 ")
		if drawn != tty {
			t.Errorf("stderr is a terminal: %v, progress drawn: %v\n%q", tty, drawn, r.stderr)
		}
		if strings.Contains(r.stdout, "\r") {
			t.Errorf("progress reached stdout: %q", r.stdout)
		}
	}
}
