package verify_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"hakit/model"
	"hakit/parsers/clusterconf"
	"hakit/verify"
)

// TestClusterconfRules checks the HA6xxx testdata on its own (the shared
// harness in rules_test.go does the same through the parsers registry):
// bad* files get exactly the findings their "want" comments name, good*
// files none of the rule's ID.
func TestClusterconfRules(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/verify/HA6*")
	if len(dirs) == 0 {
		t.Fatal("no HA6xxx testdata")
	}
	want := regexp.MustCompile(`want (HA6\d{3})`)
	for _, dir := range dirs {
		id := filepath.Base(dir)
		rule, ok := verify.Lookup(id)
		if !ok {
			t.Errorf("%s: no rule registered", id)
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.conf"))
		var sawBad, sawGood bool
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			c, ds := clusterconf.Parse(src, name)
			if rule.Check != nil {
				p := &verify.Pass{Rule: rule, Inputs: []*verify.Input{{Filename: name, Format: "cluster.conf", Src: src, Cluster: c}}, Merged: c}
				rule.Check(p)
				ds = append(ds, p.Diagnostics()...)
			}
			var got []string
			for _, d := range ds {
				if d.Code == id {
					got = append(got, fmt.Sprint(d.Subject.Start.Line))
				}
			}
			var exp []string
			for i, line := range strings.Split(string(src), "\n") {
				for _, m := range want.FindAllStringSubmatch(line, -1) {
					if m[1] == id {
						exp = append(exp, fmt.Sprint(i+1))
					}
				}
			}
			sort.Strings(got)
			sort.Strings(exp)
			switch {
			case strings.HasPrefix(name, "bad"):
				sawBad = true
				if strings.Join(got, ",") != strings.Join(exp, ",") || len(got) == 0 {
					t.Errorf("%s/%s: findings on lines %v, want %v\n%s", id, name, got, exp, model.Diagnostics(ds).Error())
				}
			case strings.HasPrefix(name, "good"):
				sawGood = true
				if len(got) > 0 {
					t.Errorf("%s/%s: unexpected findings on lines %v", id, name, got)
				}
			}
		}
		if !sawBad || !sawGood {
			t.Errorf("%s: needs a bad and a good file", id)
		}
	}
}

func TestClusterconfRulesDocumented(t *testing.T) {
	for _, r := range verify.Rules() {
		if !strings.HasPrefix(r.ID, "HA6") {
			continue
		}
		if r.Title == "" || r.Since == "" || r.Severity == 0 || !strings.Contains(r.Doc, "```") {
			t.Errorf("%s: incomplete rule", r.ID)
		}
	}
}

// TestClusterconfSamples runs the HA6xxx rules over the public sample corpus
// (skipped when absent) and logs the findings; the report lists them.
func TestClusterconfSamples(t *testing.T) {
	files, _ := filepath.Glob("../../shared/formats/samples/cluster.conf/*")
	if len(files) == 0 {
		t.Skip("sample corpus absent")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		c, ds := clusterconf.Parse(src, name)
		for _, r := range verify.Rules() {
			if !strings.HasPrefix(r.ID, "HA6") || r.Check == nil {
				continue
			}
			p := &verify.Pass{Rule: r, Inputs: []*verify.Input{{Filename: name, Format: "cluster.conf", Src: src, Cluster: c}}, Merged: c}
			r.Check(p)
			ds = append(ds, p.Diagnostics()...)
		}
		ds.Sort()
		for _, d := range ds {
			t.Log(d.Error())
		}
	}
}
