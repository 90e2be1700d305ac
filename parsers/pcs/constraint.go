package pcs

import (
	"slices"
	"strconv"
	"strings"

	"hakit/internal/pcsid"
	"hakit/model"
)

func (p *parser) constraint(c *call) {
	a := c.args
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	rest := a[2:]
	switch a[1].s {
	case "location":
		p.only(c, "--force")
		p.location(c, rest)
	case "colocation":
		p.only(c, "--force")
		p.colocation(c, rest)
	case "order":
		p.only(c, "--force")
		p.order(c, rest)
	case "ticket":
		p.only(c, "--force")
		p.ticket(c, rest)
	case "delete", "remove":
		p.only(c)
		p.constraintDelete(c, rest)
	case "list", "show", "config", "ref", "status":
		p.notConfig(c, 2)
	case "rule":
		p.only(c, "--force")
		if len(c.args) > 2 && c.args[2].s == "add" {
			p.ruleAdd(c, c.args[3:])
			return
		}
		p.notModelled(c, 3)
	default:
		p.unknown(c, 1)
	}
}

// ruleAdd interprets "constraint rule add <location id> [options] expression".
func (p *parser) ruleAdd(c *call, args []word) {
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint rule add' needs a constraint id and a rule")
		return
	}
	var loc *model.Location
	for _, x := range p.cfg().Constraints {
		if l, ok := x.(*model.Location); ok && l.ID == args[0].s {
			loc = l
		}
	}
	if loc == nil {
		p.diags.Errorf(args[0].r, "HA3010", "unable to find location constraint '%s'", args[0].s)
		return
	}
	rule, ok := p.readRule(c, loc, args[1:], false)
	if ok {
		loc.Rules = append(loc.Rules, rule)
	}
}

func (p *parser) addConstraint(x model.Constraint) {
	cfg := p.cfg()
	cfg.Constraints = append(cfg.Constraints, x)
}

func (p *parser) constraintDelete(c *call, args []word) {
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint delete' needs constraint ids")
		return
	}
	cfg := p.cfg()
	for _, w := range args {
		i := slices.IndexFunc(cfg.Constraints, func(x model.Constraint) bool { return x.ConstraintID() == w.s })
		if i < 0 {
			p.diags.Errorf(w.r, "HA3010", "unable to find constraint - '%s'", w.s)
			continue
		}
		p.release(cfg.Constraints[i])
		cfg.Constraints = slices.Delete(cfg.Constraints, i, i+1)
	}
}

// validScore reports whether s is a Pacemaker score pcs accepts.
func validScore(s string) bool {
	t := strings.TrimLeft(s, "+-")
	if len(s)-len(t) > 1 {
		return false
	}
	if strings.EqualFold(t, "INFINITY") {
		return true
	}
	_, err := strconv.Atoi(t)
	return err == nil && t != ""
}

// constraintRsc checks a resource a constraint names, as pcs does: it must
// exist and, without --force, must not be inside a clone or bundle.
func (p *parser) constraintRsc(c *call, w word) bool {
	r, parent := p.find(w.s)
	if r == nil {
		p.diags.Errorf(w.r, "HA3010", "resource '%s' does not exist", w.s)
		return false
	}
	if c.has("--force") {
		return true
	}
	switch par := parent.(type) {
	case *model.Clone:
		p.diags.Errorf(w.r, "HA3012", "%s is a clone resource, you should use the clone id: %s when adding constraints, use --force to override", w.s, par.ID)
		return false
	case *model.Bundle:
		p.diags.Errorf(w.r, "HA3012", "%s is a bundle resource, you should use the bundle id: %s when adding constraints, use --force to override", w.s, par.ID)
		return false
	case *model.Group:
		if _, gp := p.find(par.ID); gp != nil {
			if cl, ok := gp.(*model.Clone); ok {
				p.diags.Errorf(w.r, "HA3012", "%s is a clone resource, you should use the clone id: %s when adding constraints, use --force to override", w.s, cl.ID)
				return false
			}
		}
	}
	return true
}

// locationTarget reads "rsc", "resource%rsc" or "regexp%pattern".
func (p *parser) locationTarget(c *call, w word) (rsc, pattern string, ok bool) {
	kind, val, has := strings.Cut(w.s, "%")
	if !has {
		kind, val = "resource", w.s
	}
	switch kind {
	case "resource", "":
		return val, "", p.constraintRsc(c, word{val, w.r})
	case "regexp":
		if val == "" {
			// pcs writes rsc-pattern="", which matches every resource;
			// the model keeps a pattern only when it is not empty.
			p.diags.Errorf(w.r, "HA3012", "empty pattern in '%s': pcs writes rsc-pattern=\"\" (every resource), which hakit does not carry; write the pattern out (regexp%%.*)", w.s)
			return "", "", false
		}
		return "", val, true
	}
	p.diags.Errorf(w.r, "HA3012", "'%s' is not a valid resource type, use 'resource' or 'regexp'", kind)
	return "", "", false
}

func (p *parser) location(c *call, args []word) {
	if len(args) == 0 {
		p.notConfig(c, 2)
		return
	}
	switch args[0].s {
	case "add":
		// location add <id> <rsc> <node> <score> [resource-discovery=...]
		if len(args) < 5 {
			p.diags.Errorf(span(c.args), "HA3009", "'constraint location add' needs an id, a resource, a node and a score")
			return
		}
		idw := args[1]
		if !p.checkNewID(idw, "constraint id") {
			return
		}
		rsc, pattern, ok := p.locationTarget(c, args[2])
		if !ok {
			return
		}
		if !validScore(args[4].s) {
			p.diags.Errorf(args[4].r, "HA3012", "invalid score '%s', use integer or INFINITY or -INFINITY", args[4].s)
			return
		}
		l := &model.Location{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, ID: idw.s, Rsc: rsc, RscPattern: pattern, Node: args[3].s, Score: args[4].s}
		for _, nv := range p.nvPairs(args[5:], "option") {
			if nv.name != "resource-discovery" {
				p.diags.Errorf(nv.w.r, "HA3012", "invalid option '%s', allowed option is 'resource-discovery'", nv.name)
				return
			}
			l.ResourceDiscovery = nv.value
		}
		p.ids[idw.s] = true
		p.addConstraint(l)
		return
	case "remove", "delete":
		p.constraintDelete(c, args[1:])
		return
	case "config", "show":
		p.notConfig(c, 3)
		return
	}
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint location %s' needs prefers, avoids or rule", args[0].s)
		return
	}
	switch args[1].s {
	case "prefers", "avoids":
		if len(args) < 3 {
			p.diags.Errorf(span(c.args), "HA3009", "'constraint location %s %s' needs nodes", args[0].s, args[1].s)
			return
		}
		rsc, pattern, ok := p.locationTarget(c, args[0])
		if !ok {
			return
		}
		target := rsc + pattern
		type ln struct {
			node, score string
			w           word
		}
		var nodes []ln
		for _, w := range args[2:] {
			node, score, has := strings.Cut(w.s, "=")
			if !has {
				score = "INFINITY"
			}
			if !validScore(score) {
				p.diags.Errorf(w.r, "HA3012", "invalid score '%s', use integer or INFINITY or -INFINITY", score)
				return
			}
			if args[1].s == "avoids" {
				if strings.HasPrefix(score, "-") {
					score = score[1:]
				} else {
					score = "-" + strings.TrimPrefix(score, "+")
				}
			}
			nodes = append(nodes, ln{node, score, w})
		}
		for _, n := range nodes {
			id := p.take(pcsid.Sanitize("location-" + target + "-" + n.node + "-" + n.score))
			p.addConstraint(&model.Location{Base: model.Base{Range: n.w.r, Comments: p.cmd.comments}, ID: id, Rsc: rsc, RscPattern: pattern, Node: n.node, Score: n.score})
		}
	case "rule":
		rsc, pattern, ok := p.locationTarget(c, args[0])
		if !ok {
			return
		}
		p.locationRule(c, rsc, pattern, args[2:])
	default:
		p.diags.Errorf(args[1].r, "HA3006", "unknown 'constraint location' keyword '%s', use prefers, avoids or rule", args[1].s)
	}
}

var ruleOps = []string{"lt", "gt", "lte", "gte", "eq", "ne"}

// locationRule reads "[constraint-id=] [id=] [resource-discovery=] [role=]
// [score=|score-attribute=] expression".
func (p *parser) locationRule(c *call, rsc, pattern string, args []word) {
	l := &model.Location{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Rsc: rsc, RscPattern: pattern}
	rule, ok := p.readRule(c, l, args, true)
	if !ok {
		return
	}
	l.Rules = []*model.Rule{rule}
	p.addConstraint(l)
}

// readRule reads the options and expression of a location rule; when
// create is set it also names the new constraint l.
func (p *parser) readRule(c *call, l *model.Location, args []word, create bool) (*model.Rule, bool) {
	rule := &model.Rule{Base: model.Base{Range: c.r}}
	var ruleID, consID string
	for len(args) > 0 && strings.Contains(args[0].s, "=") && !strings.HasPrefix(args[0].s, "#") {
		n, v, _ := strings.Cut(args[0].s, "=")
		switch {
		case n == "id":
			if !p.checkNewID(word{v, args[0].r}, "rule id") {
				return nil, false
			}
			ruleID = v
		case n == "constraint-id" && create:
			if !p.checkNewID(word{v, args[0].r}, "constraint id") {
				return nil, false
			}
			consID = v
		case n == "resource-discovery" && create:
			l.ResourceDiscovery = v
		case n == "role":
			r, ok := p.role(args[0], v)
			if !ok {
				return nil, false
			}
			if r != "Promoted" && r != "Unpromoted" {
				p.diags.Errorf(args[0].r, "HA3012", "invalid role '%s' in a rule, use 'Promoted' or 'Unpromoted'", v)
				return nil, false
			}
			rule.Role = r
		case n == "score":
			if !validScore(v) {
				p.diags.Errorf(args[0].r, "HA3012", "invalid score '%s', use integer or INFINITY or -INFINITY", v)
				return nil, false
			}
			rule.Score = v
		case n == "score-attribute":
			rule.ScoreAttribute = v
		default:
			p.diags.Errorf(args[0].r, "HA3012", "invalid rule option '%s'", n)
			return nil, false
		}
		args = args[1:]
	}
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "missing rule expression")
		return nil, false
	}
	if rule.Score == "" && rule.ScoreAttribute == "" {
		rule.Score = "INFINITY"
	}
	tree, err := parseRule(args)
	if err != nil {
		p.diags.Errorf(span(args), "HA3012", "'%s' is not a valid rule expression: %s", joinWords(args), err)
		return nil, false
	}
	if create {
		if consID == "" {
			consID = p.unique(pcsid.Sanitize("location-" + l.Rsc + l.RscPattern))
		}
		p.ids[consID] = true
		l.ID = consID
	}
	if ruleID == "" {
		ruleID = p.unique(l.ID + "-rule")
	}
	p.ids[ruleID] = true
	rule.ID = ruleID
	if err := p.buildRule(rule, tree); err != nil {
		p.diags.Errorf(span(args), "HA3012", "'%s' is not a valid rule expression: %s", joinWords(args), err)
		return nil, false
	}
	return rule, true
}

func isBool(s string) bool { s = strings.ToLower(s); return s == "and" || s == "or" }

// colocation handles "add" and "set".
func (p *parser) colocation(c *call, args []word) {
	if len(args) == 0 {
		p.notConfig(c, 2)
		return
	}
	switch args[0].s {
	case "add":
		p.colocationAdd(c, args[1:])
	case "set":
		p.setConstraint(c, "colocation", args[1:])
	case "delete", "remove":
		p.notModelled(c, 3)
	case "config", "show":
		p.notConfig(c, 3)
	default:
		p.unknown(c, 2)
	}
}

func (p *parser) colocationAdd(c *call, argv []word) {
	if len(argv) < 3 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint colocation add' needs <resource> with <resource>")
		return
	}
	var role1, role2 string
	var r1, r2 word
	switch {
	case argv[2].s == "with":
		r, ok := p.role(argv[0], argv[0].s)
		if !ok {
			return
		}
		role1, r1, argv = r, argv[1], argv[3:]
	case argv[1].s == "with":
		r1, argv = argv[0], argv[2:]
	default:
		p.diags.Errorf(span(argv), "HA3009", "expected '<resource> with <resource>'")
		return
	}
	if slices.ContainsFunc(argv, func(w word) bool { return w.s == "with" }) {
		p.diags.Errorf(span(argv), "HA3009", "multiple 'with's cannot be specified, use 'pcs constraint colocation set'")
		return
	}
	if len(argv) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "missing the second resource")
		return
	}
	if len(argv) == 1 || isScoreOrOpt(argv[1].s) {
		r2, argv = argv[0], argv[1:]
	} else {
		r, ok := p.role(argv[0], argv[0].s)
		if !ok {
			return
		}
		role2, r2, argv = r, argv[1], argv[2:]
	}
	score := "INFINITY"
	if len(argv) > 0 && !strings.Contains(argv[0].s, "=") {
		score = argv[0].s
		if !validScore(score) {
			p.diags.Errorf(argv[0].r, "HA3012", "invalid score '%s', use integer or INFINITY or -INFINITY", score)
			return
		}
		argv = argv[1:]
	}
	if !p.constraintRsc(c, r1) || !p.constraintRsc(c, r2) {
		return
	}
	col := &model.Colocation{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Rsc: r1.s, WithRsc: r2.s, Score: score}
	if role1 != "" && role2 == "" {
		role2 = "Started"
	}
	if role2 != "" && role1 == "" {
		role1 = "Started"
	}
	col.RscRole, col.WithRscRole = role1, role2
	for _, nv := range p.nvPairs(argv, "option") {
		if nv.value == "" {
			p.diags.Errorf(nv.w.r, "HA3009", "value of '%s' option is empty", nv.name)
			return
		}
		switch nv.name {
		case "id":
			if !p.checkNewID(word{nv.value, nv.w.r}, "constraint id") {
				return
			}
			col.ID = nv.value
		case "score":
			col.Score = nv.value
		case "node-attribute":
			col.NodeAttribute = nv.value
		case "influence":
			col.Influence = nv.value
		default:
			col.Extra.Set(nv.name, nv.value)
		}
	}
	if col.ID == "" {
		col.ID = p.unique("colocation-" + r1.s + "-" + r2.s + "-" + score)
	}
	if !c.has("--force") && p.duplicate(col) {
		return
	}
	p.ids[col.ID] = true
	p.addConstraint(col)
}

func isScoreOrOpt(s string) bool { return validScore(s) || strings.Contains(s, "=") }

// dupRole is a role as pcs compares it for duplicates: capitalized,
// Started when absent, legacy names as the new ones.
func dupRole(r string) string {
	if r == "" {
		return "Started"
	}
	r = strings.ToUpper(r[:1]) + strings.ToLower(r[1:])
	switch r {
	case "Master":
		return "Promoted"
	case "Slave":
		return "Unpromoted"
	}
	return r
}

// dupAction is an order action as pcs compares it: start when absent.
func dupAction(a string) string {
	if a == "" {
		return "start"
	}
	return strings.ToLower(a)
}

// duplicate reports a plain colocation or order that already exists.
func (p *parser) duplicate(x model.Constraint) bool {
	for _, o := range p.cfg().Constraints {
		dup := false
		switch a := x.(type) {
		case *model.Colocation:
			if b, ok := o.(*model.Colocation); ok && len(b.Sets) == 0 {
				// pcs's colocation_find_duplicates: the same pair in the
				// same order with the same roles (Started by default).
				dup = a.Rsc == b.Rsc && a.WithRsc == b.WithRsc && dupRole(a.RscRole) == dupRole(b.RscRole) && dupRole(a.WithRscRole) == dupRole(b.WithRscRole)
			}
		case *model.Order:
			if b, ok := o.(*model.Order); ok && len(b.Sets) == 0 {
				dup = a.First == b.First && a.Then == b.Then && dupAction(a.FirstAction) == dupAction(b.FirstAction) && dupAction(a.ThenAction) == dupAction(b.ThenAction)
			}
		}
		if dup {
			p.diags.Errorf(x.Src().Range, "HA3011", "duplicate constraint already exists (%s), use --force to override", o.ConstraintID())
			return true
		}
	}
	return false
}

var actions = []string{"start", "stop", "promote", "demote"}

func (p *parser) order(c *call, args []word) {
	if len(args) == 0 {
		p.notConfig(c, 2)
		return
	}
	switch args[0].s {
	case "set":
		p.setConstraint(c, "order", args[1:])
		return
	case "delete", "remove":
		p.notModelled(c, 3)
		return
	case "config", "show":
		p.notConfig(c, 3)
		return
	case "add":
		args = args[1:]
	}
	if len(args) < 3 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint order' needs [action] <resource> then [action] <resource>")
		return
	}
	o := &model.Order{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, FirstAction: "start", ThenAction: "start"}
	if slices.Contains(actions, args[0].s) {
		o.FirstAction, args = args[0].s, args[1:]
	}
	if len(args) < 3 || args[1].s != "then" {
		p.diags.Errorf(span(args), "HA3009", "expected '<resource> then [action] <resource>'")
		return
	}
	r1 := args[0]
	args = args[2:]
	if slices.Contains(actions, args[0].s) {
		o.ThenAction, args = args[0].s, args[1:]
	}
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "missing the second resource")
		return
	}
	r2 := args[0]
	args = args[1:]
	if slices.ContainsFunc(args, func(w word) bool { return w.s == "then" }) {
		p.diags.Errorf(span(args), "HA3009", "multiple 'then's cannot be specified, use 'pcs constraint order set'")
		return
	}
	if !p.constraintRsc(c, r1) || !p.constraintRsc(c, r2) {
		return
	}
	if g1, g2 := p.groupOf(r1.s), p.groupOf(r2.s); g1 != "" && g1 == g2 {
		p.diags.Errorf(r2.r, "HA3012", "cannot create an order constraint for resources in the same group")
		return
	}
	o.First, o.Then = r1.s, r2.s
	suffix := "mandatory"
	for _, w := range args {
		switch w.s {
		case "symmetrical":
			o.Symmetrical = "true"
			continue
		case "nonsymmetrical":
			o.Symmetrical = "false"
			continue
		}
		n, v, ok := strings.Cut(w.s, "=")
		if !ok || v == "" {
			p.diags.Errorf(w.r, "HA3009", "missing value of '%s' option", w.s)
			return
		}
		switch n {
		case "id":
			if !p.checkNewID(word{v, w.r}, "constraint id") {
				return
			}
			o.ID = v
		case "symmetrical":
			lv := strings.ToLower(v)
			if lv != "true" && lv != "false" {
				p.diags.Errorf(w.r, "HA3012", "invalid symmetrical value '%s', allowed values are: true, false", v)
				return
			}
			o.Symmetrical = lv
		case "kind":
			if !slices.Contains([]string{"Optional", "Mandatory", "Serialize"}, v) {
				p.diags.Errorf(w.r, "HA3012", "invalid kind value '%s', allowed values are: Optional, Mandatory, Serialize", v)
				return
			}
			o.Kind = v
			suffix = v
		case "score":
			o.Score = v
			suffix = v
		case "require-all":
			o.RequireAll = v
		default:
			p.diags.Errorf(w.r, "HA3012", "invalid option '%s', allowed options are: id, kind, symmetrical, require-all", n)
			return
		}
	}
	if o.ID == "" {
		o.ID = p.unique("order-" + r1.s + "-" + r2.s + "-" + suffix)
	}
	if !c.has("--force") && p.duplicate(o) {
		return
	}
	p.ids[o.ID] = true
	p.addConstraint(o)
}

func (p *parser) groupOf(id string) string {
	_, parent := p.find(id)
	if g, ok := parent.(*model.Group); ok {
		return g.ID
	}
	return ""
}

func (p *parser) ticket(c *call, args []word) {
	if len(args) == 0 {
		p.notConfig(c, 2)
		return
	}
	switch args[0].s {
	case "set":
		p.setConstraint(c, "ticket", args[1:])
		return
	case "add":
	case "delete", "remove":
		p.notModelled(c, 3)
		return
	case "config", "show":
		p.notConfig(c, 3)
		return
	default:
		p.unknown(c, 2)
		return
	}
	args = args[1:]
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'constraint ticket add' needs a ticket and a resource")
		return
	}
	t := &model.Ticket{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Ticket: args[0].s}
	args = args[1:]
	if len(args) >= 2 && !strings.Contains(args[1].s, "=") {
		r, ok := p.role(args[0], args[0].s)
		if !ok {
			return
		}
		t.RscRole, args = r, args[1:]
	}
	rw := args[0]
	if !p.constraintRsc(c, rw) {
		return
	}
	t.Rsc = rw.s
	for _, nv := range p.nvPairs(args[1:], "option") {
		switch nv.name {
		case "id":
			if !p.checkNewID(word{nv.value, nv.w.r}, "constraint id") {
				return
			}
			t.ID = nv.value
		case "loss-policy":
			if !slices.Contains([]string{"fence", "stop", "freeze", "demote"}, nv.value) {
				p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid loss-policy value, use 'demote', 'fence', 'freeze', 'stop'", nv.value)
				return
			}
			t.LossPolicy = nv.value
		default:
			p.diags.Errorf(nv.w.r, "HA3012", "invalid ticket option '%s', allowed options are: id, loss-policy", nv.name)
			return
		}
	}
	if t.ID == "" {
		base := "ticket-" + t.Ticket + "-" + t.Rsc
		if t.RscRole != "" {
			base += "-" + t.RscRole
		}
		t.ID = p.unique(pcsid.Sanitize(base))
	}
	p.ids[t.ID] = true
	p.addConstraint(t)
}

// setConstraint reads "<rsc>... [options] [set <rsc>... [options]]... [setoptions <options>]".
func (p *parser) setConstraint(c *call, kind string, args []word) {
	groups, _ := groupByKeywords(args, []string{"set", "setoptions"}, "set")
	var rawSets [][]word
	if len(groups[""][0]) > 0 {
		rawSets = append(rawSets, groups[""][0])
	}
	rawSets = append(rawSets, groups["set"]...)
	if len(rawSets) == 0 {
		p.diags.Errorf(c.r, "HA3009", "missing resource sets")
		return
	}
	var sets []*model.ResourceSet
	var allIDs []string
	for _, rs := range rawSets {
		s := &model.ResourceSet{Base: model.Base{Range: span(rs)}}
		for _, w := range rs {
			n, v, isOpt := strings.Cut(w.s, "=")
			if !isOpt {
				if len(s.Extra) > 0 || s.Sequential != "" || s.RequireAll != "" || s.Action != "" || s.Role != "" {
					p.diags.Errorf(w.r, "HA3009", "resource '%s' after set options", w.s)
					return
				}
				if !p.constraintRsc(c, w) {
					return
				}
				s.Resources = append(s.Resources, &model.IDRef{Base: model.Base{Range: w.r}, ID: w.s})
				allIDs = append(allIDs, w.s)
				continue
			}
			switch n {
			case "sequential", "require-all":
				if v != "true" && v != "false" {
					p.diags.Errorf(w.r, "HA3012", "'%s' is not a valid %s value, use 'false', 'true'", v, n)
					return
				}
				if n == "sequential" {
					s.Sequential = v
				} else {
					s.RequireAll = v
				}
			case "action":
				if !slices.Contains(actions, v) {
					p.diags.Errorf(w.r, "HA3012", "'%s' is not a valid action value, use %s", v, strings.Join(actions, ", "))
					return
				}
				s.Action = v
			case "role":
				r, ok := p.role(w, v)
				if !ok {
					return
				}
				s.Role = r
			default:
				p.diags.Errorf(w.r, "HA3012", "invalid set option '%s', allowed options are: 'action', 'require-all', 'role', 'sequential'", n)
				return
			}
		}
		if len(s.Resources) == 0 {
			at := span(rs)
			if len(rs) == 0 { // "set set": the empty set has no word of its own
				at = c.r
			}
			p.diags.Errorf(at, "HA3009", "a resource set needs resources")
			return
		}
		sets = append(sets, s)
	}
	var opts []nvArg
	for _, g := range groups["setoptions"] {
		opts = append(opts, p.nvPairs(g, "constraint option")...)
	}
	var id string
	var cons model.Constraint
	switch kind {
	case "colocation":
		col := &model.Colocation{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Sets: sets}
		for _, o := range opts {
			switch o.name {
			case "id":
				id = o.value
			case "score":
				if !validScore(o.value) {
					p.diags.Errorf(o.w.r, "HA3012", "invalid score '%s', use integer or INFINITY or -INFINITY", o.value)
					return
				}
				col.Score = o.value
			default:
				p.diags.Errorf(o.w.r, "HA3012", "invalid option '%s', allowed options are: 'id', 'score'", o.name)
				return
			}
		}
		if col.Score == "" {
			col.Score = "INFINITY"
		}
		cons = col
	case "order":
		o := &model.Order{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Sets: sets}
		for _, op := range opts {
			switch op.name {
			case "id":
				id = op.value
			case "kind":
				if !slices.Contains([]string{"Optional", "Mandatory", "Serialize"}, op.value) {
					p.diags.Errorf(op.w.r, "HA3012", "'%s' is not a valid kind value, use 'Mandatory', 'Optional', 'Serialize'", op.value)
					return
				}
				o.Kind = op.value
			case "symmetrical":
				o.Symmetrical = op.value
			default:
				p.diags.Errorf(op.w.r, "HA3012", "invalid option '%s', allowed options are: 'id', 'kind', 'symmetrical'", op.name)
				return
			}
		}
		cons = o
	case "ticket":
		t := &model.Ticket{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Sets: sets}
		for _, o := range opts {
			switch o.name {
			case "id":
				id = o.value
			case "ticket":
				t.Ticket = o.value
			case "loss-policy":
				t.LossPolicy = o.value
			default:
				p.diags.Errorf(o.w.r, "HA3012", "invalid option '%s', allowed options are: 'id', 'loss-policy', 'ticket'", o.name)
				return
			}
		}
		if t.Ticket == "" {
			p.diags.Errorf(span(c.args), "HA3009", "required option 'ticket' is missing")
			return
		}
		cons = t
	}
	if id != "" {
		if !p.checkNewID(word{id, c.r}, "constraint id") {
			return
		}
	} else {
		part := ""
		for i, rid := range allIDs {
			if i == 3 {
				break
			}
			part += rid[:1] + rid[len(rid)-1:]
		}
		id = p.unique(kind + "_set_" + part)
	}
	p.ids[id] = true
	for _, s := range sets {
		s.ID = p.take(id + "_set")
	}
	switch x := cons.(type) {
	case *model.Colocation:
		x.ID = id
	case *model.Order:
		x.ID = id
	case *model.Ticket:
		x.ID = id
	}
	p.addConstraint(cons)
}
