package verify_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"hakit/model"
	"hakit/parsers/heartbeat"
	"hakit/verify"
)

// Git records only the executable bit, so the authkeys files of the
// testdata get the modes their cases need here, before any test (the shared
// harness in rules_test.go included) reads them.
func init() {
	files, _ := filepath.Glob("../testdata/verify/HA5*/*/authkeys")
	for _, f := range files {
		mode := os.FileMode(0o600)
		if strings.Contains(f, "HA5011/bad") {
			mode = 0o644
		}
		_ = os.Chmod(f, mode)
	}
}

var hbWant = regexp.MustCompile(`want (HA5\d{3})`)

// hbLoad parses the files of one testdata case (a file or a bad-*/good-*
// directory) with the heartbeat parser, as the registry adapter would.
func hbLoad(t *testing.T, path string) []*verify.Input {
	t.Helper()
	var files []string
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		ents, _ := os.ReadDir(path)
		for _, e := range ents {
			if !e.IsDir() && !strings.HasSuffix(e.Name(), ".want") {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
	} else {
		files = []string{path}
	}
	var ins []*verify.Input
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(f)
		c, ds := heartbeat.ParseMode(src, f, st.Mode().Perm(), true)
		ins = append(ins, &verify.Input{Filename: f, Format: "heartbeat", Src: src, Cluster: c, Diagnostics: ds})
	}
	return ins
}

// hbExpected reads "want ID" comments and FILE.want sidecars ("LINE ID").
func hbExpected(ins []*verify.Input, id string) []string {
	var exp []string
	for _, in := range ins {
		for i, line := range strings.Split(string(in.Src), "\n") {
			for _, m := range hbWant.FindAllStringSubmatch(line, -1) {
				if m[1] == id {
					exp = append(exp, fmt.Sprintf("%s:%d", in.Filename, i+1))
				}
			}
		}
		if f, err := os.Open(in.Filename + ".want"); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				var n int
				var code string
				if _, err := fmt.Sscanf(sc.Text(), "%d %s", &n, &code); err == nil && code == id {
					exp = append(exp, fmt.Sprintf("%s:%d", in.Filename, n))
				}
			}
			f.Close()
		}
	}
	sort.Strings(exp)
	return exp
}

func hbCheck(rule *verify.Rule, ins []*verify.Input) model.Diagnostics {
	var ds model.Diagnostics
	var cs []*model.Cluster
	for _, in := range ins {
		ds = append(ds, in.Diagnostics...)
		cs = append(cs, in.Cluster)
	}
	if rule.Check != nil {
		p := &verify.Pass{Rule: rule, Inputs: ins, Merged: model.Merge(cs...)}
		rule.Check(p)
		ds = append(ds, p.Diagnostics()...)
	}
	return ds
}

// TestHeartbeatRules checks the HA5xxx testdata on its own (the shared
// harness does the same through the parsers registry).
func TestHeartbeatRules(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/verify/HA5*")
	if len(dirs) == 0 {
		t.Fatal("no HA5xxx testdata")
	}
	for _, dir := range dirs {
		id := filepath.Base(dir)
		rule, ok := verify.Lookup(id)
		if !ok {
			t.Errorf("%s: no rule registered", id)
			continue
		}
		cases, _ := os.ReadDir(dir)
		var sawBad, sawGood bool
		for _, c := range cases {
			name := c.Name()
			if strings.HasSuffix(name, ".want") {
				continue
			}
			ins := hbLoad(t, filepath.Join(dir, name))
			ds := hbCheck(rule, ins)
			var got []string
			for _, d := range ds {
				if d.Code == id {
					got = append(got, fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line))
				}
			}
			sort.Strings(got)
			exp := hbExpected(ins, id)
			switch {
			case strings.HasPrefix(name, "bad"):
				sawBad = true
				if strings.Join(got, ",") != strings.Join(exp, ",") || len(got) == 0 {
					t.Errorf("%s/%s: findings at %v, want %v\n%s", id, name, got, exp, ds.Error())
				}
			case strings.HasPrefix(name, "good"):
				sawGood = true
				if len(got) > 0 {
					t.Errorf("%s/%s: unexpected findings at %v\n%s", id, name, got, ds.Error())
				}
			}
		}
		if !sawBad || !sawGood {
			t.Errorf("%s: needs a bad and a good case", id)
		}
	}
}

func TestHeartbeatRulesDocumented(t *testing.T) {
	n := 0
	for _, r := range verify.Rules() {
		if !strings.HasPrefix(r.ID, "HA5") {
			continue
		}
		n++
		if r.Title == "" || r.Since != "0.1.0" || r.Severity == 0 || strings.Count(r.Doc, "```") < 4 {
			t.Errorf("%s: incomplete rule", r.ID)
		}
	}
	if n < 30 {
		t.Errorf("only %d HA5xxx rules registered", n)
	}
}

// TestHeartbeatAuthkeysMode writes authkeys with mode 0644 (which git cannot
// record) and checks that the finding names the file's path, through the
// engine as the CLI runs it.
func TestHeartbeatAuthkeysMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "authkeys")
	const secret = "Sup3r-s3cret-value"
	for _, tc := range []struct {
		mode os.FileMode
		want bool
	}{{0o644, true}, {0o640, true}, {0o600, false}, {0o400, false}, {0o604, true}} {
		if err := os.WriteFile(path, []byte("auth 1\n1 sha1 "+secret+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, tc.mode); err != nil {
			t.Fatal(err)
		}
		c, pds := heartbeat.ReadAuthkeys(path)
		src, _ := os.ReadFile(path)
		ds := verify.Run(context.Background(), []*verify.Input{{Filename: path, Format: "heartbeat", Src: src, Cluster: c, Diagnostics: pds}}, nil)
		var found *model.Diagnostic
		for _, d := range ds {
			if d.Code == "HA5011" {
				found = d
			}
			if strings.Contains(d.Error()+d.Detail, secret) {
				t.Errorf("secret leaked: %s", d.Error())
			}
		}
		if (found != nil) != tc.want {
			t.Errorf("mode %04o: HA5011 found=%v, want %v: %s", tc.mode, found != nil, tc.want, ds.Error())
		}
		if found != nil && (!strings.Contains(found.Summary, path) || found.Subject.Filename != path) {
			t.Errorf("mode %04o: finding does not name the path %s: %s", tc.mode, path, found.Error())
		}
	}
	// A directory where authkeys should be: a diagnostic with a position.
	sub := filepath.Join(dir, "authkeys.d")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	c, ds := heartbeat.ReadAuthkeys(sub)
	if c != nil || len(ds) != 1 || ds[0].Subject == nil || ds[0].Subject.Start.Line != 1 || !strings.Contains(ds[0].Summary, "directory") {
		t.Errorf("directory: got %v %s", c, ds.Error())
	}
}

// TestHeartbeatSamples runs the parsers and every HA5xxx rule over the
// public samples in ../shared (read, never copied) and logs the findings;
// it fails only on a panic or a finding without a position.
func TestHeartbeatSamples(t *testing.T) {
	root := "../../shared/formats/samples"
	if _, err := os.Stat(root); err != nil {
		t.Skip("../shared/formats/samples not present")
	}
	var ins []*verify.Input
	for _, kind := range []string{"ha.cf", "authkeys", "haresources"} {
		files, _ := filepath.Glob(filepath.Join(root, kind, "*"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// Each sample is its own cluster: name it by its kind in a
			// directory of its own.
			name := filepath.Join(filepath.Base(f), kind)
			c, ds := heartbeat.ParseMode(src, name, 0o600, true)
			ins = append(ins, &verify.Input{Filename: name, Format: "heartbeat", Src: src, Cluster: c, Diagnostics: ds})
		}
	}
	ds := verify.Run(context.Background(), ins, nil)
	byCode := map[string]int{}
	var lines []string
	for _, d := range ds {
		if !strings.HasPrefix(d.Code, "HA5") {
			continue
		}
		if d.Subject == nil || d.Subject.Start.Line < 1 {
			t.Errorf("finding without a position: %s", d.Error())
		}
		byCode[d.Code]++
		lines = append(lines, d.Error())
	}
	t.Logf("%d findings on %d sample files: %v\n%s", len(lines), len(ins), byCode, strings.Join(lines, "\n"))
}
