package pcs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"hakit/internal/lazyre"
	"hakit/model"
)

// The rule grammar of "pcs resource [op] defaults set create ... rule", read
// as pcs 0.11's lib/cib/rule/parser.py reads it (a grammar distinct from
// the constraint rules of rule.go): the rule words are joined with spaces;
// an expression is one of
//
//	date gt|lt DATE
//	date in_range [DATE] to DATE | date in_range [DATE] to duration PART=V...
//	date-spec PART=V...
//	defined|not_defined ATTR
//	ATTR eq|ne|lt|gt|lte|gte [integer|number|string|version] VALUE
//	resource [CLASS]:[PROVIDER]:[TYPE]
//	op NAME [interval=N[UNIT]]
//	(EXPR)
//
// joined by and/or, which bind equally: a run of one operator is one
// boolean, and a change of operator makes what precedes it the first
// operand ("a and b or c" is (a and b) or c). Keywords are caseless. Which
// expressions a command allows is checked afterwards, as pcs's validator
// does: resource defaults allow no op and no node attribute expressions.

// nvNode is a node of a parsed defaults rule.
type nvNode struct {
	kind     string // "and", "or", "date", "in_range", "date-spec", "attr", "rsc", "op"
	op       string // date gt/lt, attribute operation
	a, b     string // dates; attribute name and value; op name and interval
	typ      string // attribute value type
	parts    [][2]string
	rsc      [3]string
	children []*nvNode
	r        model.Range
}

type nvTok struct {
	s string
	r model.Range
}

type nvParser struct {
	toks []nvTok
	i    int
}

type nvError string

var (
	nvRscRE      = lazyre.New(`^([^\s:()]+)?:([^\s:()]+)?:([^\s:()]+)?$`)
	nvIntervalRE = lazyre.New(`^\d+[A-Za-z]*$`)
	nvAttrOps    = []string{"eq", "ne", "lt", "gt", "lte", "gte"}
	nvAttrTypes  = []string{"integer", "number", "string", "version"}
	nvKeywords   = []string{"and", "or", "date", "gt", "lt", "in_range", "to", "duration", "date-spec", "defined", "not_defined", "resource", "op", "interval",
		"eq", "ne", "lte", "gte", "integer", "number", "string", "version"}
)

// parseNVRule parses the words after "rule".
func parseNVRule(args []word) (tree *nvNode, err error) {
	np := &nvParser{}
	for _, w := range args {
		part := ""
		flush := func() {
			if part != "" {
				np.toks = append(np.toks, nvTok{part, w.r})
				part = ""
			}
		}
		for _, ch := range w.s {
			switch {
			case ch == '(' || ch == ')':
				flush()
				np.toks = append(np.toks, nvTok{string(ch), w.r})
			case ch == ' ' || ch == '\t' || ch == '\n':
				flush()
			default:
				part += string(ch)
			}
		}
		flush()
	}
	defer func() {
		if x := recover(); x != nil {
			e, ok := x.(nvError)
			if !ok {
				panic(x)
			}
			tree, err = nil, fmt.Errorf("%s", string(e))
		}
	}()
	if len(np.toks) == 0 {
		return nil, fmt.Errorf("missing rule expression")
	}
	t := np.expr()
	if np.i < len(np.toks) {
		panic(nvError(fmt.Sprintf("unexpected '%s'", np.toks[np.i].s)))
	}
	if t.kind != "and" && t.kind != "or" {
		t = &nvNode{kind: "and", children: []*nvNode{t}, r: t.r}
	}
	return t, nil
}

func (np *nvParser) peek(k int) string {
	if np.i+k < len(np.toks) {
		return strings.ToLower(np.toks[np.i+k].s)
	}
	return ""
}

func (np *nvParser) next(what string) nvTok {
	if np.i >= len(np.toks) {
		panic(nvError(fmt.Sprintf("missing %s at the end", what)))
	}
	t := np.toks[np.i]
	np.i++
	return t
}

// value takes a value token: not a parenthesis.
func (np *nvParser) value(what string) nvTok {
	t := np.next(what)
	if t.s == "(" || t.s == ")" {
		panic(nvError(fmt.Sprintf("expecting %s, got '%s'", what, t.s)))
	}
	return t
}

func (np *nvParser) expr() *nvNode {
	left := np.operand()
	var last string
	var list []*nvNode
	for {
		op := np.peek(0)
		if op != "and" && op != "or" {
			break
		}
		np.i++
		right := np.operand()
		if last == "" || last == op {
			list = append(list, right)
		} else {
			left = &nvNode{kind: last, children: append([]*nvNode{left}, list...), r: left.r}
			list = []*nvNode{right}
		}
		last = op
	}
	if last != "" {
		left = &nvNode{kind: last, children: append([]*nvNode{left}, list...), r: left.r}
	}
	return left
}

// parts reads one or more NAME=VALUE date parts.
func (np *nvParser) parts(kw string) [][2]string {
	var out [][2]string
	for np.i < len(np.toks) {
		n, v, ok := strings.Cut(np.toks[np.i].s, "=")
		if !ok || n == "" || v == "" {
			break
		}
		out = append(out, [2]string{n, v})
		np.i++
	}
	if len(out) == 0 {
		panic(nvError(fmt.Sprintf("expecting name=value after '%s'", kw)))
	}
	return out
}

func (np *nvParser) operand() *nvNode {
	t := np.next("an expression")
	switch low := strings.ToLower(t.s); {
	case t.s == "(":
		x := np.expr()
		if c := np.next("')'"); c.s != ")" {
			panic(nvError(fmt.Sprintf("expecting ')', got '%s'", c.s)))
		}
		return x
	case t.s == ")":
		panic(nvError("unexpected ')'"))
	case low == "date" && (np.peek(0) == "gt" || np.peek(0) == "lt"):
		op := np.next("").s
		return &nvNode{kind: "date", op: strings.ToLower(op), a: np.value("a date").s, r: t.r}
	case low == "date" && np.peek(0) == "in_range":
		np.i++
		x := &nvNode{kind: "in_range", r: t.r}
		if np.peek(0) != "to" {
			x.a = np.value("a date").s
		}
		if c := np.next("'to'"); strings.ToLower(c.s) != "to" {
			panic(nvError(fmt.Sprintf("expecting 'to', got '%s'", c.s)))
		}
		if np.peek(0) == "duration" && np.i+1 < len(np.toks) && strings.Contains(np.toks[np.i+1].s, "=") {
			np.i++
			x.parts = np.parts("duration")
		} else {
			x.b = np.value("a date").s
		}
		return x
	case low == "date-spec":
		return &nvNode{kind: "date-spec", parts: np.parts("date-spec"), r: t.r}
	case low == "defined" || low == "not_defined":
		return &nvNode{kind: "attr", op: low, a: np.value("an attribute name").s, r: t.r}
	case low == "resource":
		v := np.value("a resource agent")
		m := nvRscRE().FindStringSubmatch(v.s)
		if m == nil {
			panic(nvError(fmt.Sprintf("expecting [<standard>]:[<provider>]:[<type>] after 'resource', got '%s'", v.s)))
		}
		return &nvNode{kind: "rsc", rsc: [3]string{m[1], m[2], m[3]}, r: t.r}
	case low == "op":
		x := &nvNode{kind: "op", a: np.value("an operation name").s, r: t.r}
		if n, v, ok := strings.Cut(np.peek(0), "="); ok && n == "interval" {
			if !nvIntervalRE().MatchString(v) {
				panic(nvError(fmt.Sprintf("invalid interval '%s', use <integer>[<time unit>]", v)))
			}
			x.b = np.toks[np.i].s[len("interval="):]
			np.i++
		}
		return x
	case slices.Contains(nvAttrOps, np.peek(0)):
		x := &nvNode{kind: "attr", op: np.next("").s, a: t.s, r: t.r}
		x.op = strings.ToLower(x.op)
		if slices.Contains(nvAttrTypes, np.peek(0)) && np.i+1 < len(np.toks) && np.toks[np.i+1].s != "(" && np.toks[np.i+1].s != ")" {
			x.typ = strings.ToLower(np.next("").s)
		}
		x.b = np.value("a value").s
		return x
	}
	panic(nvError(fmt.Sprintf("unexpected '%s'", t.s)))
}

var (
	nvDurationParts = []string{"hours", "monthdays", "weekdays", "yearsdays", "months", "weeks", "years", "weekyears", "moon"}
	nvDatespecLimit = map[string][2]int{"hours": {0, 23}, "monthdays": {1, 31}, "weekdays": {1, 7}, "yearsdays": {1, 366},
		"months": {1, 12}, "weeks": {1, 53}, "years": {-1, -1}, "weekyears": {-1, -1}, "moon": {0, 7}}
)

// validateNVRule checks t as pcs's rule validator does for a defaults set:
// op and node attribute expressions only where allowed, dates ISO 8601,
// date parts known, in range and not repeated.
func validateNVRule(t *nvNode, opDefaults bool) []string {
	var errs []string
	disallowed := map[string]bool{}
	var walk func(*nvNode)
	walk = func(x *nvNode) {
		switch x.kind {
		case "and", "or":
			for _, c := range x.children {
				walk(c)
			}
		case "op":
			if !opDefaults {
				disallowed["op"] = true
			}
		case "attr":
			if !opDefaults {
				disallowed["attr"] = true
				return
			}
			switch x.typ {
			case "integer":
				if _, err := strconv.Atoi(x.b); err != nil {
					errs = append(errs, fmt.Sprintf("'%s' is not a valid integer attribute value", x.b))
				}
			case "number":
				if _, err := strconv.ParseFloat(x.b, 64); err != nil {
					errs = append(errs, fmt.Sprintf("'%s' is not a valid number attribute value", x.b))
				}
			case "version":
				if !ruleTypeRE["version"]().MatchString(x.b) {
					errs = append(errs, fmt.Sprintf("'%s' is not a valid version attribute value", x.b))
				}
			}
		case "date":
			if !isoDateValid(x.a) {
				errs = append(errs, fmt.Sprintf("'%s' is not a valid date value, use ISO 8601 date", x.a))
			}
		case "in_range":
			for _, d := range []string{x.a, x.b} {
				if d != "" && !isoDateValid(d) {
					errs = append(errs, fmt.Sprintf("'%s' is not a valid date value, use ISO 8601 date", d))
				}
			}
			if x.a != "" && x.b != "" && isoDate(x.a) && isoDate(x.b) && x.a >= x.b {
				errs = append(errs, fmt.Sprintf("since '%s' is not sooner than until '%s'", x.a, x.b))
			}
			errs = append(errs, checkParts(x.parts, "duration", func(n, v string) bool {
				i, err := strconv.Atoi(v)
				return err == nil && i > 0
			})...)
		case "date-spec":
			errs = append(errs, checkParts(x.parts, "datespec", func(n, v string) bool {
				lim := nvDatespecLimit[n]
				m := dateSpecPartRE().FindStringSubmatch(v)
				if m == nil {
					return false
				}
				a, _ := strconv.Atoi(m[1])
				if lim[0] >= 0 && (a < lim[0] || a > lim[1]) {
					return false
				}
				if m[3] != "" {
					b, _ := strconv.Atoi(m[3])
					if lim[0] >= 0 && (b < lim[0] || b > lim[1]) || a >= b {
						return false
					}
				}
				return true
			})...)
		}
	}
	walk(t)
	if disallowed["op"] {
		errs = append(errs, "keyword 'op' cannot be used in a rule in this command")
	}
	if disallowed["attr"] {
		errs = append(errs, "keywords 'defined', 'not_defined', 'eq', 'ne', 'gte', 'gt', 'lte' and 'lt' cannot be used in a rule in this command")
	}
	return errs
}

func checkParts(parts [][2]string, what string, valid func(n, v string) bool) []string {
	var errs []string
	seen := map[string]bool{}
	for _, p := range parts {
		if !slices.Contains(nvDurationParts, p[0]) {
			errs = append(errs, fmt.Sprintf("invalid %s option '%s', allowed options are: %s", what, p[0], strings.Join(nvDurationParts, ", ")))
			continue
		}
		if seen[p[0]] {
			errs = append(errs, fmt.Sprintf("%s option '%s' is given more than once", what, p[0]))
		}
		seen[p[0]] = true
		if !valid(p[0], p[1]) {
			errs = append(errs, fmt.Sprintf("'%s' is not a valid %s value", p[1], p[0]))
		}
	}
	return errs
}

// sanitizeID is pcs's sanitize_id: an invalid first character and invalid
// other characters are dropped.
func sanitizeID(s string) string {
	var b strings.Builder
	for i, r := range s {
		letter := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
		if i == 0 && !letter {
			continue
		}
		if i > 0 && !letter && !(r < 128 && (r >= '0' && r <= '9' || r == '.' || r == '-')) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// buildNVRule exports t under the element whose id is parent, allocating
// ids as pcs's rule exporter does: <parent>-rule for a boolean (score 0,
// INFINITY at the top), <parent>-expr for a date or attribute expression,
// <expr>-datespec / -duration, <parent>-op-NAME and
// <parent>-rsc-CLASS-PROVIDER-TYPE.
func (p *parser) buildNVRule(parent string, t *nvNode, top bool) model.Expression {
	base := model.Base{Range: t.r}
	switch t.kind {
	case "and", "or":
		score := "0"
		if top {
			score = "INFINITY"
		}
		r := &model.Rule{Base: base, ID: p.take(sanitizeID(parent + "-rule")), BooleanOp: t.kind, Score: score}
		for _, c := range t.children {
			r.Expressions = append(r.Expressions, p.buildNVRule(r.ID, c, false))
		}
		return r
	case "date":
		x := &model.DateExpr{Base: base, ID: p.take(sanitizeID(parent + "-expr")), Operation: t.op}
		if t.op == "gt" {
			x.Start = t.a
		} else {
			x.End = t.a
		}
		return x
	case "in_range":
		x := &model.DateExpr{Base: base, ID: p.take(sanitizeID(parent + "-expr")), Operation: "in_range", Start: t.a}
		if t.parts != nil {
			x.Duration = &model.DateSpec{ID: p.take(sanitizeID(x.ID + "-duration")), Fields: attrsOf(t.parts)}
		} else {
			x.End = t.b
		}
		return x
	case "date-spec":
		x := &model.DateExpr{Base: base, ID: p.take(sanitizeID(parent + "-expr")), Operation: "date_spec"}
		x.DateSpec = &model.DateSpec{ID: p.take(sanitizeID(x.ID + "-datespec")), Fields: attrsOf(t.parts)}
		return x
	case "op":
		return &model.OpExpr{Base: base, ID: p.take(sanitizeID(parent + "-op-" + t.a)), Name: t.a, Interval: t.b}
	case "rsc":
		var idParts []string
		for _, s := range t.rsc {
			if s != "" {
				idParts = append(idParts, s)
			}
		}
		return &model.RscExpr{Base: base, ID: p.take(sanitizeID(parent + "-rsc-" + strings.Join(idParts, "-"))), Class: t.rsc[0], Provider: t.rsc[1], Type: t.rsc[2]}
	}
	x := &model.Expr{Base: base, ID: p.take(sanitizeID(parent + "-expr")), Attribute: t.a, Operation: t.op, Value: t.b, Type: t.typ}
	return x
}

func attrsOf(parts [][2]string) model.Attrs {
	var as model.Attrs
	for _, p := range parts {
		as.Set(p[0], p[1])
	}
	return as
}

// isoDateValid is isoDate with the calendar checked for YYYY-MM-DD dates
// (pcs parses them with dateutil's isoparse).
func isoDateValid(s string) bool {
	if !isoDate(s) {
		return false
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			return false
		}
	}
	return true
}
