package pcs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"hakit/internal/lazyre"
	"hakit/model"
)

// defaults writes the sets of rsc_defaults or op_defaults. A lone plain set
// with the id "pcs resource [op] defaults update" gives it is written with
// that command (it merges into what the target holds); any other
// meta_attributes set with "pcs resource [op] defaults set create id=ID
// [score=S] meta ... [rule ...]" when pcs can express its rule; what pcs
// cannot express is written as a raw cibadmin edit of that set.
func (e *emitter) defaults(sets []*model.NVSet, section string, cmd []string) {
	if len(sets) == 1 && sets[0].ID == section+"-meta_attributes" && sets[0].Rule == nil && sets[0].Score == "" && sets[0].IDRef == "" && sets[0].Kind == "meta_attributes" {
		e.either(&sets[0].Base, section, func() *etree.Element { return e.find("/cib/configuration/" + section) }, func(e *emitter) {
			if ws := e.pairs(sets, section); len(ws) > 0 {
				e.pcs(append(append(cmd, "update"), ws...)...)
			}
		})
		return
	}
	for _, s := range sets {
		e.either(&s.Base, section+" set "+s.ID, func() *etree.Element { return e.byID(section, s.ID) }, func(e *emitter) {
			if s.Kind != "meta_attributes" || s.IDRef != "" || s.ID == "" {
				e.cannot(&s.Base, "%s %s %s (pcs writes only meta_attributes sets with an id)", section, s.Kind, s.ID)
				return
			}
			ws := append(append([]string{}, cmd...), "set", "create", nv("id", s.ID))
			if s.Score != "" {
				ws = append(ws, nv("score", s.Score))
			}
			var pairs []string
			for _, p := range s.Pairs {
				if p.IDRef != "" || p.Value == "" {
					e.cannot(&p.Base, "%s nvpair %s with id-ref or without a value", section, p.ID)
					continue
				}
				pairs = append(pairs, nv(p.Name, p.Value))
			}
			if len(pairs) > 0 {
				ws = append(append(ws, "meta"), pairs...)
			}
			if s.Rule != nil {
				rule, why := defaultsRule(s.Rule, section == "op_defaults", true)
				if why == "" && e.referenced(s.Rule) {
					why = "an id of it is named by an id-ref, and pcs gives its own ids"
				}
				if why != "" {
					e.cannot(&s.Base, "%s set %s: its rule (%s)", section, s.ID, why)
					return
				}
				for i, w := range rule {
					rule[i] = q(w)
				}
				ws = append(append(ws, "rule"), rule...)
			}
			e.pcs(ws...)
		})
	}
}

var (
	// Compiled on first use (start-up: internal/lazyre).
	defaultsTokenRE    = lazyre.New(`^[^\s()]+$`)
	defaultsIntervalRE = lazyre.New(`^\d+[A-Za-z]*$`)
	defaultsPartRE     = lazyre.New(`^(\d+)(-(\d+))?$`)
	// defaultsDateParts are the date-spec and duration names pcs 0.11's
	// defaults rules accept, with the date-spec limits (-1: none); pcs
	// knows "yearsdays", not Pacemaker's "yeardays".
	defaultsDateParts = map[string][2]int{"hours": {0, 23}, "monthdays": {1, 31}, "weekdays": {1, 7}, "yearsdays": {1, 366},
		"months": {1, 12}, "weeks": {1, 53}, "years": {-1, -1}, "weekyears": {-1, -1}, "moon": {0, 7}}
	defaultsKeywords = []string{"and", "or", "date", "date-spec", "defined", "not_defined", "resource", "op", "duration", "to", "in_range",
		"eq", "ne", "lt", "gt", "lte", "gte", "integer", "number", "string", "version", "interval"}
)

func token(s string) bool {
	return defaultsTokenRE().MatchString(s) && !slices.Contains(defaultsKeywords, strings.ToLower(s))
}

// defaultsRule gives the words of r in pcs's defaults-rule grammar, or why
// pcs cannot write r as it is: pcs writes score INFINITY on the top rule
// and 0 on nested ones, a nested rule only for parentheses around two or
// more expressions.
func defaultsRule(r *model.Rule, opDefaults, top bool) ([]string, string) {
	wantScore := "0"
	if top {
		wantScore = "INFINITY"
	}
	switch {
	case r.IDRef != "" || r.ScoreAttribute != "" || r.Role != "":
		return nil, "id-ref, score-attribute or role"
	case r.Score != wantScore:
		return nil, fmt.Sprintf("score %q where pcs writes %s", r.Score, wantScore)
	case r.BooleanOp != "and" && r.BooleanOp != "or":
		return nil, "no boolean-op"
	case len(r.Expressions) == 0 || !top && len(r.Expressions) < 2 || top && len(r.Expressions) < 2 && r.BooleanOp != "and":
		return nil, "a boolean of fewer than two expressions"
	}
	var out []string
	for i, x := range r.Expressions {
		if i > 0 {
			out = append(out, r.BooleanOp)
		}
		var ws []string
		switch x := x.(type) {
		case *model.Rule:
			sub, why := defaultsRule(x, opDefaults, false)
			if why != "" {
				return nil, why
			}
			ws = append(append([]string{"("}, sub...), ")")
		case *model.RscExpr:
			for _, s := range []string{x.Class, x.Provider, x.Type} {
				if s != "" && (!defaultsTokenRE().MatchString(s) || strings.Contains(s, ":")) {
					return nil, "an rsc_expression pcs cannot name"
				}
			}
			ws = []string{"resource", x.Class + ":" + x.Provider + ":" + x.Type}
		case *model.OpExpr:
			if !opDefaults {
				return nil, "an op_expression"
			}
			if !token(x.Name) || x.Interval != "" && !defaultsIntervalRE().MatchString(x.Interval) {
				return nil, "an op_expression pcs cannot name"
			}
			ws = []string{"op", x.Name}
			if x.Interval != "" {
				ws = append(ws, "interval="+x.Interval)
			}
		case *model.Expr:
			if !opDefaults {
				return nil, "a node attribute expression"
			}
			if x.IDRef != "" || x.ValueSource != "" && x.ValueSource != "literal" || !token(x.Attribute) {
				return nil, "a node attribute expression pcs cannot write"
			}
			switch x.Operation {
			case "defined", "not_defined":
				if x.Value != "" || x.Type != "" {
					return nil, "a value on defined/not_defined"
				}
				ws = []string{x.Operation, x.Attribute}
			case "eq", "ne", "lt", "gt", "lte", "gte":
				if !token(x.Value) || x.Type != "" && !slices.Contains([]string{"integer", "number", "string", "version"}, x.Type) {
					return nil, "a node attribute expression pcs cannot write"
				}
				ws = []string{x.Attribute, x.Operation}
				if x.Type != "" {
					ws = append(ws, x.Type)
				}
				ws = append(ws, x.Value)
			default:
				return nil, "operation " + x.Operation
			}
		case *model.DateExpr:
			w, why := defaultsDate(x)
			if why != "" {
				return nil, why
			}
			ws = w
		default:
			return nil, "an expression pcs cannot write"
		}
		out = append(out, ws...)
	}
	return out, ""
}

func defaultsDate(x *model.DateExpr) ([]string, string) {
	date := func(s string) bool { return defaultsTokenRE().MatchString(s) }
	switch {
	case x.Operation == "gt" && x.End == "" && x.DateSpec == nil && x.Duration == nil && date(x.Start):
		return []string{"date", "gt", x.Start}, ""
	case x.Operation == "lt" && x.Start == "" && x.DateSpec == nil && x.Duration == nil && date(x.End):
		return []string{"date", "lt", x.End}, ""
	case x.Operation == "in_range" && x.DateSpec == nil && (x.Start == "" || date(x.Start)):
		ws := []string{"date", "in_range"}
		if x.Start != "" {
			ws = append(ws, x.Start)
		}
		ws = append(ws, "to")
		switch {
		case x.Duration != nil && x.End == "":
			parts, ok := dateParts(x.Duration, true)
			if !ok {
				return nil, "a duration pcs refuses"
			}
			return append(append(ws, "duration"), parts...), ""
		case x.Duration == nil && date(x.End):
			return append(ws, x.End), ""
		}
	case x.Operation == "date_spec" && x.DateSpec != nil && x.Start == "" && x.End == "" && x.Duration == nil:
		parts, ok := dateParts(x.DateSpec, false)
		if !ok {
			return nil, "a date_spec pcs refuses (pcs knows yearsdays, not yeardays)"
		}
		return append([]string{"date-spec"}, parts...), ""
	}
	return nil, "a date_expression pcs cannot write"
}

func dateParts(d *model.DateSpec, duration bool) ([]string, bool) {
	if len(d.Fields) == 0 {
		return nil, false
	}
	var out []string
	for _, f := range d.Fields {
		lim, ok := defaultsDateParts[f.Name]
		if !ok {
			return nil, false
		}
		if duration {
			if n, err := strconv.Atoi(f.Value); err != nil || n <= 0 {
				return nil, false
			}
		} else {
			m := defaultsPartRE().FindStringSubmatch(f.Value)
			if m == nil {
				return nil, false
			}
			a, _ := strconv.Atoi(m[1])
			if lim[0] >= 0 && (a < lim[0] || a > lim[1]) {
				return nil, false
			}
			if m[3] != "" {
				b, _ := strconv.Atoi(m[3])
				if lim[0] >= 0 && b > lim[1] || a >= b {
					return nil, false
				}
			}
		}
		out = append(out, f.Name+"="+f.Value)
	}
	return out, true
}

// referenced reports whether an id-ref of the CIB names r or one of its
// expressions.
func (e *emitter) referenced(r *model.Rule) bool {
	var ids []string
	var walk func(x model.Expression)
	walk = func(x model.Expression) {
		switch x := x.(type) {
		case *model.Rule:
			ids = append(ids, x.ID)
			for _, c := range x.Expressions {
				walk(c)
			}
		case *model.Expr:
			ids = append(ids, x.ID)
		case *model.DateExpr:
			ids = append(ids, x.ID)
		case *model.OpExpr:
			ids = append(ids, x.ID)
		case *model.RscExpr:
			ids = append(ids, x.ID)
		}
	}
	walk(r)
	for _, id := range ids {
		if id != "" && !strings.ContainsAny(id, `'"[]`) && e.find("//*[@id-ref='"+id+"']") != nil {
			return true
		}
	}
	return false
}
