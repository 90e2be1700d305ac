package verify

// HA14xx: rules, expressions, dates and date specs — wherever rules
// appear: location constraints, attribute sets of resources, nodes,
// crm_config, rsc_defaults and op_defaults.

import (
	"fmt"
	"strconv"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1401", Title: "Invalid date", Severity: model.SeverityError, Since: "0.1.0", Check: checkRuleDates,
				Doc: pmDoc("A date_expression's start or end is not an ISO 8601 date/time (2024-01-31, 2024-01-31T08:00:00Z,\n"+
					"2024-W05-3, 2024-031): a month of 13, a day of 45, a time of 25:00. The expression can never be\n"+
					"evaluated as intended.",
					"crm_verify says: `'2024-13-45' is not a valid ISO 8601 date/time specification because '13' is not a\n"+
						"valid month` (and still exits 0).",
					`<date_expression id="de" operation="gt" start="2024-13-45"/>`,
					`<date_expression id="de" operation="gt" start="2024-12-24"/>`)},
			&Rule{ID: "HA1402", Title: "Incomplete date expression", Severity: model.SeverityError, Since: "0.1.0", Check: checkDateExprShape,
				Doc: pmDoc("A date_expression lacks what its operation needs: gt needs start, lt needs end, in_range\n"+
					"needs start or end (and end or a duration), date_spec needs a date_spec element; or its operation is\n"+
					"none of these.",
					"crm_verify reports a schema error: `Element date_expression failed to validate content`.",
					`<date_expression id="de" operation="lt"/>`,
					`<date_expression id="de" operation="lt" end="2025-01-01"/>`)},
			&Rule{ID: "HA1403", Title: "Rule without expressions", Severity: model.SeverityError, Since: "0.1.0", Check: checkEmptyRules,
				Doc: pmDoc("A rule has no expression (expression, date_expression, rsc_expression, op_expression or a\n"+
					"nested rule). The schema requires one.",
					"crm_verify reports a schema error: `Expecting an element expression, got nothing`.",
					`<rule id="r1" score="100"/>`,
					`<rule id="r1" score="100">
  <expression id="r1-e" attribute="#uname" operation="eq" value="node1"/>
</rule>`)},
			&Rule{ID: "HA1404", Title: "Invalid rule or expression attribute", Severity: model.SeverityError, Since: "0.1.0", Check: checkRuleAttrs,
				Doc: pmDoc("A rule's boolean-op is not and/or, or an expression's operation (lt, gt, lte, gte, eq, ne,\n"+
					"defined, not_defined), type (string, integer, number, version) or value-source (literal, param, meta)\n"+
					"is unknown; or a comparison has no value.",
					"crm_verify reports a schema error (`Invalid attribute boolean-op for element rule`); it is silent\n"+
						"about a missing value, which hakit adds.",
					`<rule id="r1" score="10" boolean-op="xor">...</rule>`,
					`<rule id="r1" score="10" boolean-op="or">...</rule>`)},
			&Rule{ID: "HA1405", Title: "Invalid date_spec or duration field", Severity: model.SeverityError, Since: "0.1.0", Check: checkDateSpecs,
				Doc: pmDoc("A date_spec or duration field is not a number or a range \"a-b\" with a <= b inside the field's\n"+
					"limits (hours 0-23, minutes and seconds 0-59, monthdays 1-31, weekdays 1-7, yeardays 1-366, months\n"+
					"1-12, weeks 1-53, moon 0-7).",
					"crm_verify is silent: Pacemaker then treats the field as never matching (or as 0 for a duration).\n"+
						"hakit goes beyond it.",
					`<date_spec id="ds" hours="9-x" weekdays="8"/>`,
					`<date_spec id="ds" hours="9-16" weekdays="1-5"/>`)},
		)
	})
}

// eachRule calls f for every rule (nested ones included) of every
// configuration of the pass.
func eachRule(p *Pass, f func(ic *inputConfig, r *model.Rule)) {
	for _, ic := range configs(p) {
		var walk func(r *model.Rule)
		walk = func(r *model.Rule) {
			if r == nil || r.IDRef != "" {
				return
			}
			f(ic, r)
			for _, e := range r.Expressions {
				if sub, ok := e.(*model.Rule); ok {
					walk(sub)
				}
			}
		}
		sets := func(ss []*model.NVSet) {
			for _, s := range ss {
				if s != nil {
					walk(s.Rule)
				}
			}
		}
		cfg := ic.cfg
		sets(cfg.ClusterOptions)
		sets(cfg.RscDefaults)
		sets(cfg.OpDefaults)
		for _, n := range cfg.Nodes {
			if n != nil {
				sets(n.InstanceAttrs)
				sets(n.Utilization)
			}
		}
		ix := indexOf(p, cfg)
		for _, r := range ix.rsc {
			switch x := r.(type) {
			case *model.Primitive:
				sets(x.MetaAttrs)
				sets(x.InstanceAttrs)
				sets(x.Utilization)
			case *model.Group:
				sets(x.MetaAttrs)
				sets(x.InstanceAttrs)
			case *model.Clone:
				sets(x.MetaAttrs)
				sets(x.InstanceAttrs)
			case *model.Bundle:
				sets(x.MetaAttrs)
				sets(x.InstanceAttrs)
			}
		}
		for _, c := range cfg.Constraints {
			if l, ok := c.(*model.Location); ok {
				for _, r := range l.Rules {
					walk(r)
				}
			}
		}
	}
}

// checkISODate returns why s is not an ISO 8601 date/time as Pacemaker
// reads it, or "".
func checkISODate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "it is empty"
	}
	date, tm := s, ""
	if i := strings.IndexAny(s, "T "); i >= 0 {
		date, tm = s[:i], strings.TrimSpace(s[i+1:])
	}
	num := func(x string) (int, bool) {
		if x == "" {
			return 0, false
		}
		for _, c := range x {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(x)
		return n, err == nil
	}
	parts := strings.Split(date, "-")
	year, ok := num(parts[0])
	if !ok || len(parts[0]) != 4 {
		return fmt.Sprintf("'%s' is not a valid year", parts[0])
	}
	leap := year%4 == 0 && (year%100 != 0 || year%400 == 0)
	switch {
	case len(parts) == 3 && !strings.HasPrefix(parts[1], "W"):
		m, ok := num(parts[1])
		if !ok || m < 1 || m > 12 {
			return fmt.Sprintf("'%s' is not a valid month", parts[1])
		}
		d, ok := num(parts[2])
		days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
		if m == 2 && leap {
			days = 29
		}
		if !ok || d < 1 || d > days {
			return fmt.Sprintf("'%s' is not a valid day of the month", parts[2])
		}
	case len(parts) == 3:
		w, ok := num(parts[1][1:])
		if !ok || w < 1 || w > 53 {
			return fmt.Sprintf("'%s' is not a valid week", parts[1])
		}
		d, ok := num(parts[2])
		if !ok || d < 1 || d > 7 {
			return fmt.Sprintf("'%s' is not a valid day of the week", parts[2])
		}
	case len(parts) == 2:
		d, ok := num(parts[1])
		if !ok || d < 1 || d > 366 {
			return fmt.Sprintf("'%s' is not a valid day of the year", parts[1])
		}
	default:
		return "the date is not YYYY-MM-DD, YYYY-DDD or YYYY-Www-D"
	}
	if tm == "" {
		return ""
	}
	for _, z := range []string{"Z", "+", "-"} {
		if i := strings.Index(tm, z); i > 0 {
			tm = strings.TrimSpace(tm[:i])
		}
	}
	hms := strings.Split(tm, ":")
	lim := []int{24, 59, 60}
	for i, x := range hms {
		n, ok := num(x)
		if i >= 3 || !ok || n > lim[i] {
			return fmt.Sprintf("'%s' is not a valid time", tm)
		}
	}
	return ""
}

func eachDateExpr(r *model.Rule, f func(de *model.DateExpr)) {
	for _, e := range r.Expressions {
		if de, ok := e.(*model.DateExpr); ok && de != nil {
			f(de)
		}
	}
}

func checkRuleDates(p *Pass) {
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		eachDateExpr(r, func(de *model.DateExpr) {
			for _, kv := range [][2]string{{"start", de.Start}, {"end", de.End}} {
				if kv[1] == "" {
					continue
				}
				if why := checkISODate(kv[1]); why != "" {
					p.Reportf(ic.at(de), "%s %q of date expression %s is not a valid ISO 8601 date/time: %s", kv[0], kv[1], de.ID, why).Detail =
						fmt.Sprintf("crm_verify: '%s' is not a valid ISO 8601 date/time specification because %s", kv[1], why)
				}
			}
		})
	})
}

func checkDateExprShape(p *Pass) {
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		eachDateExpr(r, func(de *model.DateExpr) {
			var why string
			switch de.Operation {
			case "gt":
				if de.Start == "" {
					why = "operation gt needs start"
				}
			case "lt":
				if de.End == "" {
					why = "operation lt needs end"
				}
			case "in_range", "":
				if de.Start == "" && de.End == "" {
					why = "operation in_range needs start or end"
				} else if de.End == "" && de.Duration == nil && de.Start != "" {
					why = "operation in_range with start needs end or a duration"
				}
			case "date_spec":
				if de.DateSpec == nil {
					why = "operation date_spec needs a date_spec element"
				}
			default:
				why = fmt.Sprintf("operation %q is not gt, lt, in_range or date_spec", de.Operation)
			}
			if why != "" {
				p.Reportf(ic.at(de), "date expression %s is incomplete: %s", de.ID, why)
			}
		})
	})
}

func checkEmptyRules(p *Pass) {
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		if len(r.Expressions) == 0 {
			p.Reportf(ic.at(r), "rule %s has no expression: the CIB does not pass schema validation", r.ID)
		}
	})
}

var exprOps = map[string]bool{"lt": true, "gt": true, "lte": true, "gte": true, "eq": true, "ne": true, "defined": true, "not_defined": true}

func checkRuleAttrs(p *Pass) {
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		if r.BooleanOp != "" && r.BooleanOp != "and" && r.BooleanOp != "or" {
			p.Reportf(ic.at(r), "boolean-op %q of rule %s is not and/or", r.BooleanOp, r.ID)
		}
		if r.Role != "" && !validRole(r.Role) {
			p.Reportf(ic.at(r), "role %q of rule %s is not a role", r.Role, r.ID)
		}
		for _, e := range r.Expressions {
			x, ok := e.(*model.Expr)
			if !ok || x == nil || x.IDRef != "" {
				continue
			}
			switch {
			case !exprOps[x.Operation]:
				p.Reportf(ic.at(x), "operation %q of expression %s is not one of lt, gt, lte, gte, eq, ne, defined, not_defined", x.Operation, x.ID)
			case x.Operation != "defined" && x.Operation != "not_defined" && x.Value == "" && !hasExtra(x.Base, "value"):
				p.Reportf(ic.at(x), "expression %s compares %s with no value: it never matches", x.ID, x.Attribute)
			}
			if x.Type != "" && x.Type != "string" && x.Type != "integer" && x.Type != "number" && x.Type != "version" {
				p.Reportf(ic.at(x), "type %q of expression %s is not string, integer, number or version", x.Type, x.ID)
			}
			if x.ValueSource != "" && x.ValueSource != "literal" && x.ValueSource != "param" && x.ValueSource != "meta" {
				p.Reportf(ic.at(x), "value-source %q of expression %s is not literal, param or meta", x.ValueSource, x.ID)
			}
		}
	})
}

func hasExtra(b model.Base, name string) bool { _, ok := b.Extra.Get(name); return ok }

// dateSpecLimits are the ranges of date_spec fields; years and weekyears
// have none.
var dateSpecLimits = map[string][2]int{
	"hours": {0, 23}, "minutes": {0, 59}, "seconds": {0, 59}, "monthdays": {1, 31}, "weekdays": {1, 7},
	"yeardays": {1, 366}, "months": {1, 12}, "weeks": {1, 53}, "moon": {0, 7}, "years": {0, 1 << 30}, "weekyears": {0, 1 << 30},
}

func dateSpecProblem(v string, lim [2]int) string {
	num := func(x string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil && strings.TrimSpace(x) != "" && !strings.HasPrefix(strings.TrimSpace(x), "+")
	}
	lo, hi, isRange := strings.Cut(v, "-")
	a, ok := num(lo)
	if !ok {
		return fmt.Sprintf("%q is not a number or a range", v)
	}
	b := a
	if isRange {
		if b, ok = num(hi); !ok {
			return fmt.Sprintf("%q is not a number or a range", v)
		}
	}
	if a > b {
		return fmt.Sprintf("range %q runs backwards", v)
	}
	if a < lim[0] || b > lim[1] {
		return fmt.Sprintf("%q is outside %d-%d", v, lim[0], lim[1])
	}
	return ""
}

func checkDateSpecs(p *Pass) {
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		eachDateExpr(r, func(de *model.DateExpr) {
			if ds := de.DateSpec; ds != nil {
				for _, f := range ds.Fields {
					lim, ok := dateSpecLimits[f.Name]
					if !ok {
						continue
					}
					if why := dateSpecProblem(f.Value, lim); why != "" {
						p.Reportf(ic.at(ds), "date_spec %s field %s: %s; the field never matches", ds.ID, f.Name, why)
					}
				}
			}
			if du := de.Duration; du != nil {
				for _, f := range du.Fields {
					if _, ok := dateSpecLimits[f.Name]; !ok {
						continue
					}
					if n, err := strconv.Atoi(f.Value); err != nil || n < 0 {
						p.Reportf(ic.at(du), "duration %s field %s=%q is not a non-negative integer", du.ID, f.Name, f.Value)
					}
				}
			}
		})
	})
}
