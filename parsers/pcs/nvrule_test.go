package pcs

import (
	"strings"
	"testing"

	"hakit/model"
)

// ruleShape prints a rule as nested boolean lists of expression ids.
func ruleShape(r *model.Rule) string {
	var parts []string
	for _, x := range r.Expressions {
		switch x := x.(type) {
		case *model.Rule:
			parts = append(parts, "("+ruleShape(x)+")")
		case *model.RscExpr:
			parts = append(parts, x.ID)
		case *model.OpExpr:
			parts = append(parts, x.ID)
		case *model.DateExpr:
			parts = append(parts, x.ID)
		case *model.Expr:
			parts = append(parts, x.ID)
		}
	}
	return r.ID + "/" + r.BooleanOp + "/" + r.Score + ": " + strings.Join(parts, " ")
}

func TestDefaultsSetRule(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"pcs resource defaults set create id=x meta a=1 rule resource ocf:pacemaker:Dummy",
			"x-rule/and/INFINITY: x-rule-rsc-ocf-pacemaker-Dummy"},
		// and/or bind equally, left to right.
		{"pcs resource defaults set create meta a=1 rule resource ::A or resource ::B and date gt 2024-01-01",
			"rsc_defaults-meta_attributes-rule/and/INFINITY: (rsc_defaults-meta_attributes-rule-rule/or/0: rsc_defaults-meta_attributes-rule-rule-rsc-A rsc_defaults-meta_attributes-rule-rule-rsc-B) rsc_defaults-meta_attributes-rule-expr"},
		{"pcs resource op defaults set create id=s meta a=1 rule OP monitor interval=10s AND '(op start' or 'op stop)'",
			"s-rule/and/INFINITY: s-rule-op-monitor (s-rule-rule/or/0: s-rule-rule-op-start s-rule-rule-op-stop)"},
		{"pcs resource op defaults set create id=s meta a=1 rule date-spec hours=1 and date-spec hours=2 and pingd eq 1",
			"s-rule/and/INFINITY: s-rule-expr s-rule-expr-1 s-rule-expr-2"},
	} {
		c, diags := Parse([]byte(tc.src), "t.sh")
		if diags.HasErrors() {
			t.Errorf("%s: %s", tc.src, diags.Error())
			continue
		}
		sets := c.Config.RscDefaults
		if len(sets) == 0 {
			sets = c.Config.OpDefaults
		}
		if len(sets) != 1 || sets[0].Rule == nil {
			t.Errorf("%s: no set with a rule", tc.src)
			continue
		}
		if got := ruleShape(sets[0].Rule); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestDefaultsSetRuleRefused(t *testing.T) {
	for _, src := range []string{
		"pcs resource defaults set create meta a=1 rule op monitor",
		"pcs resource defaults set create meta a=1 rule pingd eq 1",
		"pcs resource defaults set create meta a=1 rule resource Dummy",
		"pcs resource defaults set create meta a=1 rule resource ::Dummy and",
		"pcs resource defaults set create meta a=1 rule date-spec yeardays=1",
		"pcs resource defaults set create meta a=1 rule date-spec hours=1 hours=2",
		"pcs resource defaults set create meta a=1 rule date gt 2024-02-30",
		"pcs resource defaults set create meta a=1 rule date in_range 2024-02-01 to 2024-01-01",
		"pcs resource op defaults set create meta a=1 rule op monitor interval=1m30s",
		"pcs resource defaults set create foo=1 meta a=1",
		"pcs resource defaults set create id= meta a=1",
		"pcs resource defaults set create --force foo=1 meta a=1",
		"pcs resource defaults set create meta a=1 meta b=1",
		"pcs resource defaults set update nosuch meta a=1",
	} {
		if _, diags := Parse([]byte(src), "t.sh"); !diags.HasErrors() {
			t.Errorf("accepted: %s", src)
		}
	}
}
