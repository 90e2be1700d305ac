//go:build conformance

package hacluster_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"hakit/model"
	"hakit/parsers/cib"
)

// TestRulesPcsConformance replays what the ha_cluster role does with the
// rules hakit writes: for every location constraint with a rule and every
// resource/operation defaults set with a rule, the role runs
// `pcs -f CIB -- constraint location RSC rule ...` or `pcs -f CIB --
// resource [op] defaults set create ... rule ...` (tasks/shell_pcs of the
// role; pcs 0.11 takes the rule as separate words, split as Ansible's
// command module does). The real pcs must accept each one and build a rule
// with the same expressions as the input's.
//
// pcs takes about a second a command: three examples, 12 commands. Node
// attribute expressions in defaults rules are refused by pcs; the emitter
// reports them (HA9001) and leaves them out, as the last example checks.
func TestRulesPcsConformance(t *testing.T) {
	for _, tool := range []string{"pcs", "cibadmin"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: make tools installs the conformance tools", tool)
		}
	}
	total, written := 0, 0
	for _, f := range []string{"15-location-rules.crm", "46-cluster-dates.crm", "22-defaults-rule.crm"} {
		t.Run(f, func(t *testing.T) {
			c := load(t, "../../testdata/crmsh/"+f)
			out, _ := emit(t, c)
			var vars struct {
				Loc []struct {
					Resource struct{ ID, Role string }
					Rule     string
					ID       string
					Options  []struct{ Name, Value string }
				} `yaml:"ha_cluster_constraints_location"`
				RscDefaults *defaultsVar `yaml:"ha_cluster_resource_defaults"`
				OpDefaults  *defaultsVar `yaml:"ha_cluster_resource_operation_defaults"`
			}
			if err := yaml.Unmarshal([]byte(out), &vars); err != nil {
				t.Fatal(err)
			}
			scratch := filepath.Join(t.TempDir(), "cib.xml")
			empty, err := exec.Command("cibadmin", "--empty").Output()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(scratch, empty, 0o644); err != nil {
				t.Fatal(err)
			}
			pcs := func(args ...string) {
				t.Helper()
				total++
				cmd := exec.Command("pcs", append([]string{"-f", scratch}, args...)...)
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("pcs %s: %v\n%s", strings.Join(args, " "), err, b)
				}
			}
			// The resources the constraints name.
			seen := map[string]bool{}
			for _, l := range vars.Loc {
				if l.Rule != "" && !seen[l.Resource.ID] {
					seen[l.Resource.ID] = true
					pcs("resource", "create", l.Resource.ID, "ocf:pacemaker:Dummy", "--no-default-ops")
				}
			}
			want := map[string]*model.Rule{}
			for _, x := range c.Config.Constraints {
				if l, ok := x.(*model.Location); ok {
					for i, r := range l.Rules {
						id := l.ID
						if len(l.Rules) > 1 {
							id = fmt.Sprintf("%s-%d", l.ID, i+1)
						}
						want[id] = r
					}
				}
			}
			for _, s := range append(append([]*model.NVSet{}, c.Config.RscDefaults...), c.Config.OpDefaults...) {
				if s.Rule != nil {
					// A defaults set's rule score is reported (HA9001),
					// not written.
					r := *s.Rule
					r.Score = ""
					want[s.ID] = &r
				}
			}
			for _, l := range vars.Loc {
				if l.Rule == "" {
					continue
				}
				args := []string{"--", "constraint", "location", l.Resource.ID, "rule", "constraint-id=" + l.ID}
				if l.Resource.Role != "" {
					args = append(args, "role="+strings.ToLower(l.Resource.Role))
				}
				for _, o := range l.Options {
					args = append(args, o.Name+"="+o.Value)
				}
				pcs(append(args, shellWords(t, l.Rule)...)...)
			}
			for kind, d := range map[string]*defaultsVar{"resource": vars.RscDefaults, "op": vars.OpDefaults} {
				if d == nil {
					continue
				}
				for _, s := range d.MetaAttrs {
					if s.Rule == "" {
						continue
					}
					args := []string{"--", "resource"}
					if kind == "op" {
						args = append(args, "op")
					}
					args = append(args, "defaults", "set", "create", "id="+s.ID)
					if s.Score != "" {
						args = append(args, "score="+s.Score)
					}
					args = append(args, "meta")
					for _, a := range s.Attrs {
						args = append(args, a.Name+"="+a.Value)
					}
					pcs(append(args, "rule", s.Rule)...)
				}
			}
			// The rules pcs built match the input's, expression by expression.
			b, err := os.ReadFile(scratch)
			if err != nil {
				t.Fatal(err)
			}
			got, ds := cib.Parse(b, "pcs.xml")
			if ds.HasErrors() {
				t.Fatalf("pcs's CIB: %v", ds)
			}
			gotRules := map[string]*model.Rule{}
			for _, x := range got.Config.Constraints {
				if l, ok := x.(*model.Location); ok && len(l.Rules) == 1 {
					gotRules[l.ID] = l.Rules[0]
				}
			}
			for _, s := range append(append([]*model.NVSet{}, got.Config.RscDefaults...), got.Config.OpDefaults...) {
				if s.Rule != nil {
					r := *s.Rule
					r.Score = ""
					gotRules[s.ID] = &r
				}
			}
			for id, r := range want {
				g, ok := gotRules[id]
				if !ok {
					t.Logf("%s: not written (reported as HA9001)", id)
					continue
				}
				written++
				if a, b := ruleText(r), ruleText(g); a != b {
					t.Errorf("%s: pcs built\n  %s\nfrom the input's\n  %s", id, b, a)
				}
			}
		})
	}
	if written < 10 {
		t.Errorf("%d rules reached pcs, want the 10 the examples hold that pcs can express", written)
	}
	t.Logf("%d pcs commands, %d rules compared", total, written)
}

type defaultsVar struct {
	MetaAttrs []struct {
		ID, Rule, Score string
		Attrs           []struct{ Name, Value string }
	} `yaml:"meta_attrs"`
}

// ruleText is a rule's meaning: boolean operator, role and expressions,
// without ids.
func ruleText(r *model.Rule) string {
	op := r.BooleanOp
	if op == "" || len(r.Expressions) < 2 {
		op = "and"
	}
	role := r.Role
	if role == "Started" {
		role = ""
	}
	var parts []string
	for _, x := range r.Expressions {
		switch x := x.(type) {
		case *model.Expr:
			typ := x.Type
			if typ == "string" {
				typ = ""
			}
			parts = append(parts, fmt.Sprintf("%s %s %s %q", x.Attribute, x.Operation, typ, x.Value))
		case *model.DateExpr:
			s := fmt.Sprintf("date %s %s %s", x.Operation, x.Start, x.End)
			if x.DateSpec != nil {
				s += fmt.Sprint(x.DateSpec.Fields)
			}
			if x.Duration != nil {
				s += fmt.Sprint(x.Duration.Fields)
			}
			parts = append(parts, s)
		default:
			parts = append(parts, fmt.Sprintf("%T", x))
		}
	}
	return fmt.Sprintf("[%s role=%s score=%s] %s", op, role, r.Score, strings.Join(parts, "; "))
}

// shellWords splits s as Python's shlex.split (Ansible's command module):
// whitespace outside quotes, double and single quotes removed.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}
