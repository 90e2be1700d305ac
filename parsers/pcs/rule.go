package pcs

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hakit/internal/lazyre"
	"hakit/model"
)

// The rule grammar of "pcs constraint location ... rule" and "pcs
// constraint rule add", read as pcs 0.11's rule.py reads it: a Pratt parser
// where and/or bind equally (left to right, binding power 40), comparisons
// and in_range 50, defined/not_defined 60, value types and date-spec /
// duration 70; parentheses group. Tokens are first split at parentheses, and
// the name=value parts after date-spec and duration are joined into one.

const (
	symLiteral = "{literal}"
	symEnd     = "{end}"
)

// rsym is one symbol of a rule, and a node of its syntax tree.
type rsym struct {
	id       string // symbol id: an operator, keyword, symLiteral or symEnd
	value    string // a literal's text
	r        model.Range
	children []*rsym
	// parts are the name=value parts of a date-spec or duration.
	parts model.Attrs
}

var (
	ruleComparisons = []string{"eq", "ne", "lt", "gt", "lte", "gte"}
	ruleSimpleTypes = []string{"string", "integer", "number", "version"}
	ruleDateParts   = []string{"hours", "monthdays", "weekdays", "yeardays", "months", "weeks", "years", "weekyears", "moon"}
	ruleTypeRE      = map[string]func() *regexp.Regexp{
		"integer": lazyre.New(`^[-+]?\d+$`),
		"number":  lazyre.New(`^[-+]?(\d+|(\d*\.\d+)|(\d+\.\d*))([eE][+-]?\d+)?$`),
		"version": lazyre.New(`^\d+(\.\d+)*$`),
	}
	dateSpecPartRE = lazyre.New(`^(\d+)(-(\d+))?$`)
	dateSpecLimits = map[string][2]int{"hours": {0, 23}, "monthdays": {0, 31}, "weekdays": {1, 7}, "yeardays": {1, 366},
		"months": {1, 12}, "weeks": {1, 53}, "weekyears": {1, 53}, "moon": {0, 7}}
)

func isRuleSymbol(s string) bool {
	return slices.Contains(ruleComparisons, s) || slices.Contains(ruleSimpleTypes, s) ||
		slices.Contains([]string{"in_range", "to", "defined", "not_defined", "date-spec", "duration", "and", "or", "(", ")"}, s)
}

func isTypeSymbol(s string) bool {
	return slices.Contains(ruleSimpleTypes, s) || s == "date-spec" || s == "duration"
}

func bindingPower(id string) int {
	switch {
	case id == "and" || id == "or":
		return 40
	case slices.Contains(ruleComparisons, id) || id == "in_range":
		return 50
	case id == "defined" || id == "not_defined":
		return 60
	case isTypeSymbol(id):
		return 70
	}
	return 0
}

func acceptsDatePart(s string) bool {
	for _, n := range ruleDateParts {
		if s == n || strings.HasPrefix(s, n+"=") {
			return true
		}
	}
	return false
}

// ruleError is a rule pcs refuses: "'...' is not a valid rule expression: why".
type ruleError string

type ruleParser struct {
	syms []*rsym
	i    int
}

// parseRule turns the words of a rule expression into its syntax tree.
func parseRule(args []word) (tree *rsym, err error) {
	// Split at parentheses.
	var toks []word
	for _, w := range args {
		if !strings.ContainsAny(w.s, "()") {
			toks = append(toks, w)
			continue
		}
		part := ""
		for _, ch := range w.s {
			if ch == '(' || ch == ')' {
				if part != "" {
					toks = append(toks, word{part, w.r})
					part = ""
				}
				toks = append(toks, word{string(ch), w.r})
			} else {
				part += string(ch)
			}
		}
		if part != "" {
			toks = append(toks, word{part, w.r})
		}
	}
	// Join the parts after date-spec and duration.
	var joined []word
	for i := 0; i < len(toks); i++ {
		joined = append(joined, toks[i])
		if toks[i].s != "date-spec" && toks[i].s != "duration" {
			continue
		}
		j := i + 1
		for j < len(toks) && acceptsDatePart(toks[j].s) {
			j++
		}
		if j > i+1 {
			var ss []string
			for _, t := range toks[i+1 : j] {
				ss = append(ss, t.s)
			}
			r := toks[i+1].r
			r.End = toks[j-1].r.End
			joined = append(joined, word{strings.Join(ss, " "), r})
		}
		i = j - 1
	}
	rp := &ruleParser{}
	for _, t := range joined {
		if isRuleSymbol(t.s) && (len(rp.syms) == 0 || !isTypeSymbol(rp.syms[len(rp.syms)-1].id)) {
			rp.syms = append(rp.syms, &rsym{id: t.s, r: t.r})
		} else {
			rp.syms = append(rp.syms, &rsym{id: symLiteral, value: t.s, r: t.r})
		}
	}
	rp.syms = append(rp.syms, &rsym{id: symEnd})
	defer func() {
		if x := recover(); x != nil {
			e, ok := x.(ruleError)
			if !ok {
				panic(x)
			}
			tree, err = nil, fmt.Errorf("%s", string(e))
		}
	}()
	tree = rp.expression(0)
	if s := rp.syms[rp.i]; s.id != symEnd {
		panic(ruleError(fmt.Sprintf("unexpected '%s'", label(s))))
	}
	if tree.id == symLiteral || isTypeSymbol(tree.id) && tree.id != "date-spec" {
		panic(ruleError("missing one of 'eq', 'ne', 'lt', 'gt', 'lte', 'gte', 'in_range', 'defined', 'not_defined', 'date-spec'"))
	}
	return tree, nil
}

func label(s *rsym) string {
	switch s.id {
	case symLiteral:
		return s.value
	case symEnd:
		return "end"
	}
	return s.id
}

func (rp *ruleParser) cur() *rsym { return rp.syms[rp.i] }

func (rp *ruleParser) advance(expect string) {
	if expect != "" && rp.cur().id != expect {
		if rp.cur().id == symEnd {
			panic(ruleError(fmt.Sprintf("missing '%s'", expect)))
		}
		panic(ruleError(fmt.Sprintf("expecting '%s', got '%s'", expect, label(rp.cur()))))
	}
	rp.i++
	if rp.i >= len(rp.syms) {
		panic(ruleError("unexpected end of rule"))
	}
}

func (rp *ruleParser) expression(rbp int) *rsym {
	s := rp.cur()
	rp.advance("")
	left := rp.nud(s)
	for rbp < bindingPower(rp.cur().id) {
		s = rp.cur()
		rp.advance("")
		left = rp.led(s, left)
	}
	return left
}

// allowed reports whether child may stand at position pos under op.
func allowed(op string, pos int, child *rsym) bool {
	switch {
	case slices.Contains(ruleComparisons, op):
		if pos == 0 {
			return child.id == symLiteral
		}
		return child.id == symLiteral || slices.Contains(ruleSimpleTypes, child.id)
	case op == "and" || op == "or":
		return slices.Contains(ruleComparisons, child.id) || child.id == "in_range" || child.id == "defined" ||
			child.id == "not_defined" || child.id == "date-spec" || child.id == "and" || child.id == "or"
	case op == "in_range":
		switch pos {
		case 0:
			return child.id == symLiteral && child.value == "date"
		case 1:
			return child.id == symLiteral
		}
		return child.id == symLiteral || child.id == "duration"
	case op == "defined" || op == "not_defined":
		return child.id == symLiteral
	}
	return true
}

func (rp *ruleParser) nud(s *rsym) *rsym {
	switch {
	case s.id == symLiteral:
		return s
	case s.id == "(":
		x := rp.expression(0)
		rp.advance(")")
		return x
	case s.id == "defined" || s.id == "not_defined" || isTypeSymbol(s.id):
		c := rp.expression(bindingPower(s.id))
		s.children = append(s.children, c)
		if isTypeSymbol(s.id) {
			if c.id != symLiteral {
				panic(ruleError(fmt.Sprintf("unexpected '%s' after '%s'", label(c), s.id)))
			}
			if re := ruleTypeRE[s.id]; re != nil && !re().MatchString(c.value) {
				panic(ruleError(fmt.Sprintf("invalid %s value '%s'", s.id, c.value)))
			}
			if s.id == "date-spec" || s.id == "duration" {
				s.parts = dateParts(s.id, c.value)
			}
		} else if !allowed(s.id, 0, c) {
			panic(ruleError(fmt.Sprintf("unexpected '%s' after '%s'", label(c), s.id)))
		}
		return s
	}
	panic(ruleError(fmt.Sprintf("unexpected '%s'", label(s))))
}

func (rp *ruleParser) led(s, left *rsym) *rsym {
	bp := bindingPower(s.id)
	switch {
	case slices.Contains(ruleComparisons, s.id) || s.id == "and" || s.id == "or" || s.id == "in_range":
		s.children = append(s.children, left)
		if !allowed(s.id, 0, left) {
			panic(ruleError(fmt.Sprintf("unexpected '%s' before '%s'", label(left), s.id)))
		}
		c := rp.expression(bp)
		s.children = append(s.children, c)
		if !allowed(s.id, 1, c) {
			panic(ruleError(fmt.Sprintf("unexpected '%s' after '%s'", label(c), s.id)))
		}
		if s.id == "in_range" {
			rp.advance("to")
			c := rp.expression(bp)
			s.children = append(s.children, c)
			if !allowed(s.id, 2, c) {
				panic(ruleError(fmt.Sprintf("unexpected '%s' after 'in_range ... to'", label(c))))
			}
		}
		return s
	}
	panic(ruleError(fmt.Sprintf("unexpected '%s' after '%s'", label(s), label(left))))
}

// dateParts reads the name=value parts of a date-spec or duration.
func dateParts(kw, s string) model.Attrs {
	var as model.Attrs
	for _, part := range strings.Fields(s) {
		if !acceptsDatePart(part) {
			panic(ruleError(fmt.Sprintf("unexpected '%s' in %s", part, kw)))
		}
		n, v, ok := strings.Cut(part, "=")
		if !ok {
			panic(ruleError(fmt.Sprintf("missing =value after '%s' in %s", part, kw)))
		}
		if v == "" {
			panic(ruleError(fmt.Sprintf("missing value after '%s' in %s", part, kw)))
		}
		valid := true
		if kw == "duration" {
			valid = strings.Trim(v, "0123456789") == ""
		} else if m := dateSpecPartRE().FindStringSubmatch(v); m == nil {
			valid = false
		} else {
			lim, has := dateSpecLimits[n]
			since, _ := strconv.Atoi(m[1])
			if has && (since < lim[0] || since > lim[1]) {
				valid = false
			}
			if m[3] != "" {
				until, _ := strconv.Atoi(m[3])
				valid = valid && since < until
			}
		}
		if !valid {
			panic(ruleError(fmt.Sprintf("invalid %s '%s' in '%s'", n, v, kw)))
		}
		as.Set(n, v)
	}
	if len(as) == 0 {
		panic(ruleError(fmt.Sprintf("missing one of 'hours=', 'monthdays=', 'weekdays=', 'yeardays=', 'months=', 'weeks=', 'years=', 'weekyears=', 'moon=' in %s", kw)))
	}
	return as
}

// buildRule fills rule (whose id is taken) from tree, allocating ids as
// pcs's CibBuilder does: <rule>-expr, <expr>-datespec, <expr>-duration,
// and <rule>-rule for a nested rule of the other boolean operator (score 0).
func (p *parser) buildRule(rule *model.Rule, t *rsym) error {
	switch {
	case t.id == "and" || t.id == "or":
		rule.BooleanOp = t.id
		for _, c := range t.children {
			if (c.id == "and" || c.id == "or") && c.id != t.id {
				sub := &model.Rule{Base: model.Base{Range: rule.Range}, ID: p.take(rule.ID + "-rule"), Score: "0"}
				if err := p.buildRule(sub, c); err != nil {
					return err
				}
				rule.Expressions = append(rule.Expressions, sub)
				continue
			}
			if err := p.buildRule(rule, c); err != nil {
				return err
			}
		}
	case (t.id == "gt" || t.id == "lt" || t.id == "in_range") && t.children[0].value == "date" && t.children[1].id == symLiteral:
		x := &model.DateExpr{Base: model.Base{Range: t.r}, ID: p.take(rule.ID + "-expr"), Operation: t.id}
		if !isoDate(t.children[1].value) {
			return fmt.Errorf("'%s' is not an ISO 8601 date", t.children[1].value)
		}
		switch t.id {
		case "gt":
			x.Start = t.children[1].value
		case "lt":
			x.End = t.children[1].value
		default:
			x.Start = t.children[1].value
			if d := t.children[2]; d.id == "duration" {
				x.Duration = &model.DateSpec{ID: p.take(x.ID + "-duration"), Fields: d.parts}
			} else {
				if !isoDate(d.value) {
					return fmt.Errorf("'%s' is not an ISO 8601 date", d.value)
				}
				x.End = d.value
			}
		}
		rule.Expressions = append(rule.Expressions, x)
	case t.id == "date-spec":
		x := &model.DateExpr{Base: model.Base{Range: t.r}, ID: p.take(rule.ID + "-expr"), Operation: "date_spec"}
		x.DateSpec = &model.DateSpec{ID: p.take(x.ID + "-datespec"), Fields: t.parts}
		rule.Expressions = append(rule.Expressions, x)
	default:
		x := &model.Expr{Base: model.Base{Range: t.r}, ID: p.take(rule.ID + "-expr"), Operation: t.id, Attribute: t.children[0].value}
		if t.id != "defined" && t.id != "not_defined" {
			v := t.children[1]
			if slices.Contains(ruleSimpleTypes, v.id) {
				x.Type = v.id
				v = v.children[0]
			}
			x.Value = v.value
		}
		rule.Expressions = append(rule.Expressions, x)
	}
	return nil
}

// isoDate is a loose ISO 8601 check: a date (2024-01-31, 2024-031,
// 2024-W05-3), optionally with a time.
var isoDateRE = lazyre.New(`^\d{4}-(\d{2}-\d{2}|\d{3}|W\d{2}(-\d)?)([ T]\d{2}(:\d{2}(:\d{2})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$`)

func isoDate(s string) bool { return isoDateRE().MatchString(s) }
