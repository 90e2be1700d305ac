package crmsh

import (
	"encoding/xml"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"hakit/agents"
	"hakit/internal/lazyre"
	"hakit/internal/suggest"
	"hakit/model"
	cibparser "hakit/parsers/cib"
)

func (c *cursor) ident(what string) token {
	if !c.has() {
		c.failEnd("expected %s", what)
	}
	t := c.next()
	if !isIdent(t.Val) {
		c.failAt(t, CodeSyntax, "expected %s, got %q", what, t.Val)
	}
	return t
}

func (c *cursor) description() string {
	if c.has() && strings.HasPrefix(strings.ToLower(c.peek()), "description=") {
		return c.next().Val[len("description="):]
	}
	return ""
}

// --- node ------------------------------------------------------------------

func (p *parser) parseNode(c *cursor) {
	n := &model.Node{Base: c.base()}
	if c.has() {
		v := c.peek()
		if strings.HasPrefix(strings.ToLower(v), "$id=") {
			n.ID = v[4:]
			c.i++
		} else if m := idNewRE().FindStringSubmatch(v); m != nil {
			n.ID = m[1]
			c.i++
		}
	}
	if !c.has() {
		c.failEnd("expected uname[:type]")
	}
	ut := c.next()
	m := unameRE().FindStringSubmatch(ut.Val)
	if m == nil {
		c.failAt(ut, CodeSyntax, "expected uname[:type], got %q", ut.Val)
	}
	n.Uname, n.Type = m[1], strings.ToLower(m[3])
	if n.Type == "normal" {
		c.failAt(ut, CodeInvalidValue, "node %s: type normal is from old schemas; Pacemaker's schema takes member, ping or remote (crmsh's load fails validation): write %s:member", n.Uname, n.Uname)
	}
	if n.ID == "" {
		n.ID = n.Uname
	}
	p.defineObject(c, ut, "node:"+n.ID)
	p.used[n.ID] = true
	n.Description = c.description()
	c.arguments(n.Uname, argTarget{
		sets: map[string]*[]*model.NVSet{"attributes": &n.InstanceAttrs, "utilization": &n.Utilization},
		kind: map[string]string{"attributes": "instance_attributes", "utilization": "utilization"},
	}, "attributes", nil)
	p.cfg.Nodes = append(p.cfg.Nodes, n)
}

// --- resources ---------------------------------------------------------------

var raClasses = []string{"ocf", "lsb", "heartbeat", "service", "stonith", "systemd", "nagios", "upstart"}

func (p *parser) addResource(c *cursor, idTok token, r model.Resource) {
	p.defineObject(c, idTok, r.ResourceID())
	p.rscs[r.ResourceID()] = r
	p.rorder = append(p.rorder, r)
}

func (p *parser) parsePrimitive(c *cursor, template bool) {
	pr := &model.Primitive{IsTemplate: template}
	pr.Base = c.base()
	idTok := c.ident("resource id")
	pr.ID = idTok.Val
	p.defineObject(c, idTok, pr.ID)
	delete(p.objs, pr.ID) // addResource defines it
	if !c.has() {
		c.failEnd("expected resource type")
	}
	at := c.next()
	if !template && strings.HasPrefix(at.Val, "@") {
		pr.Template = at.Val[1:]
		p.refs = append(p.refs, ref{pr.Template, p.rng(at), "template"})
	} else {
		p.raType(c, at, pr)
	}
	pr.Description = c.description()
	c.arguments(pr.ID, argTarget{
		sets: map[string]*[]*model.NVSet{"params": &pr.InstanceAttrs, "meta": &pr.MetaAttrs, "utilization": &pr.Utilization},
		kind: map[string]string{"params": "instance_attributes", "meta": "meta_attributes", "utilization": "utilization"},
		ops:  func() { c.operations(pr) },
	}, "params", nil)
	p.addResource(c, idTok, pr)
}

var ocfProviders = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, a := range agents.All() {
		if a.Class == "ocf" {
			m[a.Type] = append(m[a.Type], a.Provider)
		}
	}
	for _, ps := range m {
		slices.Sort(ps)
	}
	return m
})

// PickProvider is the provider crmsh gives an ocf agent named without one
// (its pick_provider over the installed agents, here the agent snapshot):
// heartbeat when it has the agent or nobody has, else pacemaker, else the
// first provider that has it (ping is ocf:pacemaker:ping, drbd
// ocf:linbit:drbd).
func PickProvider(typ string) string {
	ps := ocfProviders()[typ]
	switch {
	case len(ps) == 0 || slices.Contains(ps, "heartbeat"):
		return "heartbeat"
	case slices.Contains(ps, "pacemaker"):
		return "pacemaker"
	}
	return ps[0]
}

func (p *parser) raType(c *cursor, at token, pr *model.Primitive) {
	if !isRAType(at.Val) {
		c.failAt(at, CodeInvalidValue, "unknown resource type %q: expected [class:[provider:]]type", at.Val)
	}
	parts := strings.Split(at.Val, ":")
	switch len(parts) {
	case 1:
		pr.Class, pr.Provider, pr.Type = "ocf", PickProvider(parts[0]), parts[0]
	case 2:
		pr.Class, pr.Type = parts[0], parts[1]
		if pr.Class == "ocf" {
			pr.Provider = PickProvider(pr.Type)
		}
	case 3:
		pr.Class, pr.Provider, pr.Type = parts[0], parts[1], parts[2]
		if pr.Class != "ocf" {
			c.failAt(at, CodeInvalidValue, "unknown resource type %q: only class ocf has a provider", at.Val)
		}
	default:
		c.failAt(at, CodeInvalidValue, "unknown resource type %q: expected [class:[provider:]]type", at.Val)
	}
	if !in(pr.Class, raClasses) {
		msg := fmt.Sprintf("unknown resource class %q in %q", pr.Class, at.Val)
		if s := suggest.Closest(pr.Class, raClasses); s != "" {
			msg += "; did you mean " + s + "?"
		}
		c.failAt(at, CodeInvalidValue, "%s", msg)
	}
	if pr.Type == "" || (len(parts) == 3 && pr.Provider == "") {
		c.failAt(at, CodeInvalidValue, "unknown resource type %q", at.Val)
	}
}

// opAttrs are the attributes of <op> in the Pacemaker schema; any other
// name=value after "op <name>" becomes an instance attribute of the op.
var opAttrs = []string{"id", "name", "interval", "description", "start-delay", "interval-origin", "timeout",
	"enabled", "record-pending", "role", "on-fail"}

// onFailValues are the on-fail values of Pacemaker's schema (3.x), which
// is case-sensitive.
var onFailValues = []string{"ignore", "block", "demote", "stop", "restart", "standby", "fence", "restart-container"}

func (c *cursor) operations(pr *model.Primitive) {
	kw := c.next()
	if pr.Operations == nil {
		pr.Operations = &model.Operations{Base: model.Base{Range: c.p.rng(kw)}}
	}
	if strings.ToLower(kw.Val) == "operations" {
		if !c.has() {
			c.failEnd("expected $id=<id> or $id-ref=<id>")
		}
		t := c.next()
		lv := strings.ToLower(t.Val)
		switch {
		case strings.HasPrefix(lv, "$id-ref="):
			pr.Operations.IDRef = t.Val[len("$id-ref="):]
			c.p.idrefs = append(c.p.idrefs, idrefSite{kind: "operations", ref: &pr.Operations.IDRef, at: c.p.rng(t), stmt: c.toks[0].Start})
		case strings.HasPrefix(lv, "$id="):
			pr.Operations.ID = t.Val[len("$id="):]
			c.p.claim(pr.Operations.ID, c.p.rng(t))
		default:
			c.failAt(t, CodeSyntax, "expected $id-ref=<id> or $id=<id>, got %q", t.Val)
		}
		for c.has() && c.peekLower() == "op" {
			c.i++
			pr.Operations.Ops = append(pr.Operations.Ops, c.op(pr.ID))
		}
		return
	}
	pr.Operations.Ops = append(pr.Operations.Ops, c.op(pr.ID))
}

func (c *cursor) op(owner string) *model.Op {
	start := c.last()
	nameTok := c.ident("operation name")
	o := &model.Op{Name: nameTok.Val}
	pairs := c.nvpairs(nil)
	hasInterval := false
	for _, pr := range pairs {
		if pr.Name == "interval" {
			hasInterval = true
		}
	}
	var inst *model.NVSet
	var instTok *model.NVPair
	for _, pr := range pairs {
		if in(pr.Name, opAttrs) && pr.IDRef == "" {
			if pr.NoValue || pr.Name == "interval" && pr.Value == "" {
				// crmsh crashes on a valueless one (a Python traceback,
				// exit 1); an empty interval would be written back as 0.
				c.p.diags.Errorf(pr.Range, CodeOpAttr, "operation attribute %s needs a value (%s=...)", pr.Name, pr.Name)
				panic(stmtErr{})
			}
			if inst != nil {
				c.p.diags.Errorf(pr.Range, CodeOpAttr, "operation attribute %s must come before the instance attribute %s (crmsh: Attribute order error)", pr.Name, instTok.Name)
				panic(stmtErr{})
			}
			if pr.Name == "on-fail" && !in(pr.Value, onFailValues) {
				msg := fmt.Sprintf("operation %s: invalid on-fail %q: Pacemaker's schema takes %s (crmsh's load fails validation)", o.Name, pr.Value, strings.Join(onFailValues, ", "))
				if s := suggest.Closest(pr.Value, onFailValues); s != "" {
					msg += "; did you mean " + s + "?"
				}
				c.p.diags.Errorf(pr.Range, CodeInvalidValue, "%s", msg)
				panic(stmtErr{})
			}
			if pr.Name == "id" {
				c.p.claim(pr.Value, pr.Range)
			}
			c.setOpAttr(o, pr.Name, pr.Value)
			continue
		}
		if s := suggest.Closest(pr.Name, opAttrs); s != "" || strings.Contains(pr.Name, "_") && in(strings.ReplaceAll(pr.Name, "_", "-"), opAttrs) {
			if s == "" {
				s = strings.ReplaceAll(pr.Name, "_", "-")
			}
			c.p.diags.Errorf(pr.Range, CodeOpAttr, "unknown operation attribute %s; did you mean %s?", pr.Name, s)
			panic(stmtErr{})
		}
		if !hasInterval {
			c.p.diags.Errorf(pr.Range, CodeOpAttr, "operation %s has instance attribute %s but no interval: crmsh adds interval=0 after it and rejects the op (Attribute order error); write interval= first", o.Name, pr.Name)
			panic(stmtErr{})
		}
		if inst == nil {
			inst = &model.NVSet{Kind: "instance_attributes"}
			instTok = pr
		}
		inst.Pairs = append(inst.Pairs, pr)
	}
	if !hasInterval {
		o.Interval = "0"
	}
	if o.ID == "" {
		if o.Interval != "" {
			o.ID = c.p.newID(owner, "op", o.Name+"-"+o.Interval)
		} else {
			o.ID = c.p.newID(owner, "op", o.Name)
		}
	}
	if inst != nil {
		inst.ID = c.p.newID(o.ID, "instance_attributes", "")
		for _, pr := range inst.Pairs {
			if pr.ID == "" {
				pr.ID = c.p.newID(inst.ID, "nvpair", pr.Name)
			}
		}
		o.InstanceAttrs = append(o.InstanceAttrs, inst)
	}
	for c.has() {
		k := c.peekLower()
		if k != "op_params" && k != "op_meta" {
			break
		}
		c.i++
		kind := "instance_attributes"
		if k == "op_meta" {
			kind = "meta_attributes"
		}
		s := c.attrList(kind, o.ID, true, nil)
		if kind == "meta_attributes" {
			o.MetaAttrs = append(o.MetaAttrs, s)
		} else {
			o.InstanceAttrs = append(o.InstanceAttrs, s)
		}
	}
	o.Range = c.p.li.Range(c.p.file, start.Start, c.last().End)
	return o
}

// bundleID checks an id= among the attributes of a bundle's element: the
// mappings' ids are ids of the CIB (claimed, so duplicates are found); the
// container and network elements have none in Pacemaker's schema, and
// crmsh's commit fails with one.
func (c *cursor) bundleID(a *model.NVPair, bundle, element string) {
	if a.Name != "id" {
		return
	}
	if element == "port-mapping" || element == "storage-mapping" {
		c.p.claim(a.Value, a.Range)
		return
	}
	c.p.diags.Errorf(a.Range, CodeSyntax, "bundle %s: <%s> has no id attribute in Pacemaker's schema (crmsh's commit fails validation)", bundle, element)
	panic(stmtErr{})
}

func (c *cursor) setOpAttr(o *model.Op, name, value string) {
	switch name {
	case "id":
		o.ID = value
	case "name":
		o.Name = value
	case "interval":
		o.Interval = value
	case "description":
		o.Description = value
	case "start-delay":
		o.StartDelay = value
	case "interval-origin":
		o.IntervalOrigin = value
	case "timeout":
		o.Timeout = value
	case "enabled":
		o.Enabled = value
	case "record-pending":
		o.RecordPending = value
	case "role":
		o.Role = value
	case "requires":
		o.Requires = value
	case "on-fail":
		o.OnFail = value
	}
}

func (p *parser) parseGroup(c *cursor) {
	g := &model.Group{}
	g.Base = c.base()
	idTok := c.ident("group id")
	g.ID = idTok.Val
	seen := map[string]bool{}
	for c.has() {
		v := c.peek()
		lv := strings.ToLower(v)
		if strings.Contains(v, "=") || lv == "params" || lv == "meta" {
			break
		}
		t := c.next()
		if seen[t.Val] {
			c.failAt(t, CodeContainer, "child %s listed more than once in group %s", t.Val, g.ID)
		}
		seen[t.Val] = true
		p.childRefs = append(p.childRefs, childRef{g, t.Val, p.rng(t)})
	}
	if len(seen) == 0 {
		c.fail(CodeSyntax, "group %s has no members", g.ID)
	}
	g.Description = c.description()
	c.arguments(g.ID, argTarget{
		sets: map[string]*[]*model.NVSet{"params": &g.InstanceAttrs, "meta": &g.MetaAttrs},
		kind: map[string]string{"params": "instance_attributes", "meta": "meta_attributes"},
	}, "params", nil)
	p.addResource(c, idTok, g)
}

func (p *parser) parseClone(c *cursor, kw string) {
	cl := &model.Clone{Element: "clone"}
	if kw != "clone" {
		cl.Element = "master"
	}
	cl.Base = c.base()
	idTok := c.ident("clone id")
	cl.ID = idTok.Val
	if !c.has() {
		c.failEnd("expected the resource to clone")
	}
	child := c.next()
	if !isResource(child.Val) {
		c.failAt(child, CodeSyntax, "expected resource, got %q", child.Val)
	}
	p.childRefs = append(p.childRefs, childRef{cl, child.Val, p.rng(child)})
	cl.Description = c.description()
	c.arguments(cl.ID, argTarget{
		sets: map[string]*[]*model.NVSet{"params": &cl.InstanceAttrs, "meta": &cl.MetaAttrs},
		kind: map[string]string{"params": "instance_attributes", "meta": "meta_attributes"},
	}, "params", nil)
	p.addResource(c, idTok, cl)
}

func (p *parser) parseBundle(c *cursor) {
	b := &model.Bundle{}
	b.Base = c.base()
	idTok := c.ident("bundle id")
	b.ID = idTok.Val
	b.Description = c.description()
	term := []string{"network", "storage", "meta", "primitive", "docker", "rkt", "podman", "port-mapping"}
	for c.has() {
		kwTok := c.toks[c.i]
		k := strings.ToLower(kwTok.Val)
		switch k {
		case "docker", "rkt":
			c.i++
			attrs := c.nvpairs(term)
			if b.Container == nil {
				b.Container = &model.BundlePart{Base: model.Base{Range: p.rng(kwTok)}, Element: k}
			}
			for _, a := range attrs {
				if a.NoValue {
					c.p.diags.Errorf(a.Range, CodeSyntax, "bundle %s: %s attribute %s needs a value (%s=...)", b.ID, k, a.Name, a.Name)
					panic(stmtErr{})
				}
				c.xmlAttrName(a, b.ID)
				c.bundleID(a, b.ID, k)
				b.Container.Attrs.Set(a.Name, a.Value)
			}
		case "network", "port-mapping":
			if k == "network" {
				c.i++
			}
			if b.Network == nil {
				b.Network = &model.BundleNetwork{Base: model.Base{Range: p.rng(kwTok)}}
			}
			attrs := c.nvpairs(term[:4])
			var cur *model.BundlePart
			if k == "port-mapping" {
				c.i++
				cur = &model.BundlePart{Element: "port-mapping", Base: model.Base{Range: p.rng(kwTok)}}
				b.Network.PortMappings = append(b.Network.PortMappings, cur)
			}
			for _, a := range attrs {
				if a.Name == "port-mapping" && a.NoValue {
					cur = &model.BundlePart{Element: "port-mapping", Base: a.Base}
					b.Network.PortMappings = append(b.Network.PortMappings, cur)
					continue
				}
				c.xmlAttrName(a, b.ID)
				if cur != nil {
					c.bundleID(a, b.ID, "port-mapping")
					cur.Attrs.Set(a.Name, a.Value)
				} else {
					c.bundleID(a, b.ID, "network")
					b.Network.Attrs.Set(a.Name, a.Value)
				}
			}
		case "storage":
			c.i++
			if b.StorageBase == nil {
				b.StorageBase = &model.Base{Range: p.rng(kwTok)}
			}
			attrs := c.nvpairs(term[:4])
			var cur *model.BundlePart
			for _, a := range attrs {
				if a.Name == "storage-mapping" && a.NoValue {
					cur = &model.BundlePart{Element: "storage-mapping", Base: a.Base}
					b.Storage = append(b.Storage, cur)
					continue
				}
				if cur == nil {
					c.p.diags.Errorf(a.Range, CodeSyntax, "storage: expected storage-mapping before %s", a.Name)
					panic(stmtErr{})
				}
				c.xmlAttrName(a, b.ID)
				c.bundleID(a, b.ID, "storage-mapping")
				cur.Attrs.Set(a.Name, a.Value)
			}
		case "meta":
			c.i++
			b.MetaAttrs = append(b.MetaAttrs, c.attrList("meta_attributes", b.ID, true, []string{"network", "storage", "primitive", "docker", "rkt", "podman"}))
		case "primitive":
			c.i++
			if !c.has() {
				c.failEnd("expected primitive reference")
			}
			t := c.next()
			p.childRefs = append(p.childRefs, childRef{b, t.Val, p.rng(t)})
		default:
			c.fail(CodeSyntax, "bundle: unexpected %q (expected docker, rkt, podman, network, port-mapping, storage, meta or primitive)", kwTok.Val)
		}
	}
	if b.Container == nil {
		c.failAt(idTok, CodeSyntax, "bundle %s has no container (docker, rkt or podman)", b.ID)
	}
	p.addResource(c, idTok, b)
}

// --- constraints ---------------------------------------------------------

func (p *parser) addConstraint(c *cursor, idTok token, k model.Constraint) {
	p.defineObject(c, idTok, k.ConstraintID())
	p.cfg.Constraints = append(p.cfg.Constraints, k)
}

func (p *parser) useRef(t token, id, what string) {
	p.refs = append(p.refs, ref{id, p.rng(t), what})
}

var patRE = lazyre.New(`^/(.+)/$`)

func (p *parser) parseLocation(c *cursor) {
	l := &model.Location{Base: c.base()}
	idTok := c.ident("constraint id")
	l.ID = idTok.Val
	p.used[l.ID] = true
	if !c.has() {
		c.failEnd("expected resource")
	}
	rt := c.next()
	switch {
	case patRE().MatchString(rt.Val):
		l.RscPattern = patRE().FindStringSubmatch(rt.Val)[1]
	case rt.Val == "{":
		var toks []token
		for c.has() && c.peek() != "}" {
			toks = append(toks, c.next())
		}
		if !c.has() {
			c.failAt(rt, CodeSyntax, "unmatched { in resource set")
		}
		c.next()
		if len(toks) == 0 {
			c.failAt(rt, CodeSyntax, "empty resource set")
		}
		l.Sets = c.resourceSets(toks, "role", l.ID)
	default:
		if !isResource(rt.Val) {
			c.failAt(rt, CodeSyntax, "expected resource, got %q", rt.Val)
		}
		l.Rsc = rt.Val
		p.useRef(rt, rt.Val, "resource")
	}
	for c.has() {
		v := c.peek()
		name, val, ok := strings.Cut(strings.TrimPrefix(v, "$"), "=")
		if !ok || name == "" {
			break
		}
		t := c.next()
		switch name {
		case "role":
			if canon(val, roleNames) == "" {
				c.failAt(t, CodeInvalidValue, "invalid role %q (valid: %s)", val, strings.Join(roleNames, ", "))
			}
			l.Role = val
		case "resource-discovery":
			if !in(val, []string{"always", "never", "exclusive"}) {
				c.failAt(t, CodeInvalidValue, "invalid resource-discovery %q (valid: always, never, exclusive)", val)
			}
			l.ResourceDiscovery = val
		default:
			c.failAt(t, CodeSyntax, "unknown location attribute %q (valid: role, resource-discovery)", name)
		}
	}
	if c.has() {
		if m := scoreMatch(c.peek()); m != nil {
			st := c.next()
			n, v := validateScore(m[1])
			if n != "score" {
				c.failAt(st, CodeInvalidValue, "invalid score %q: expected a number, inf or -inf", m[1])
			}
			l.Score = v
			nt := c.ident("node name")
			l.Node = nt.Val
			if c.has() && l.Role == "" {
				lv := strings.ToLower(c.peek())
				if strings.HasPrefix(lv, "role=") || strings.HasPrefix(lv, "$role=") {
					rt := c.next()
					_, l.Role, _ = strings.Cut(rt.Val, "=")
					if canon(l.Role, roleNames) == "" {
						c.failAt(rt, CodeInvalidValue, "invalid role %q (valid: %s)", l.Role, strings.Join(roleNames, ", "))
					}
				}
			}
			p.addConstraint(c, idTok, l)
			return
		}
	}
	l.Rules = c.rules(l.ID)
	if len(l.Rules) == 0 {
		c.fail(CodeSyntax, "location %s: expected <score>: <node> or rule", l.ID)
	}
	p.addConstraint(c, idTok, l)
}

// tail takes a name=value attribute from the end of the statement first, as
// crmsh does for node-attribute, symmetrical and loss-policy.
func (c *cursor) tail(name string, valid []string) (token, string, bool) {
	if len(c.toks) <= c.i {
		return token{}, "", false
	}
	t := c.toks[len(c.toks)-1]
	v, ok := strings.CutPrefix(t.Val, name+"=")
	if !ok {
		return token{}, "", false
	}
	if valid != nil && !in(strings.ToLower(v), valid) {
		c.failAt(t, CodeInvalidValue, "invalid %s %q (valid: %s)", name, v, strings.Join(valid, ", "))
	}
	c.toks = c.toks[:len(c.toks)-1]
	return t, v, true
}

func (p *parser) parseColocation(c *cursor) {
	k := &model.Colocation{Base: c.base()}
	idTok := c.ident("constraint id")
	k.ID = idTok.Val
	p.used[k.ID] = true
	if !c.has() || scoreMatch(c.peek()) == nil {
		c.fail(CodeSyntax, "colocation %s: expected <score>:", k.ID)
	}
	st := c.next()
	n, v := validateScore(scoreMatch(st.Val)[1])
	if n != "score" {
		c.failAt(st, CodeInvalidValue, "invalid score %q: expected a number, inf or -inf", st.Val)
	}
	k.Score = v
	if _, v, ok := c.tail("node-attribute", nil); ok {
		k.NodeAttribute = strings.ToLower(v)
	}
	rest := c.toks[c.i:]
	if len(rest) == 2 {
		k.Rsc, k.RscRole, k.RscInstance = c.simpleRef("role")
		k.WithRsc, k.WithRscRole, k.WithRscInstance = c.simpleRef("role")
	} else {
		if len(rest) < 2 {
			c.fail(CodeSyntax, "colocation %s: expected <rsc>[:<role>] <rsc>[:<role>] or resource sets", k.ID)
		}
		c.i = len(c.toks)
		k.Sets = c.resourceSets(rest, "role", k.ID)
	}
	p.addConstraint(c, idTok, k)
}

func (c *cursor) simpleRef(kind string) (rsc, qual, instance string) {
	t := c.next()
	parts := strings.Split(t.Val, ":")
	if len(parts) > 2 {
		c.failAt(t, CodeSyntax, "expected value[:value], got %q", t.Val)
	}
	rsc = parts[0]
	c.p.useRef(t, rsc, "resource")
	if len(parts) == 2 && parts[1] != "" {
		q := parts[1]
		valid := roleNames
		if kind == "action" {
			valid = actionList
		}
		if cq := canon(q, valid); cq != "" && (kind != "role" || cq == q || true) {
			if kind == "role" {
				qual = q
				if cq != q && in(q, roleNames) {
					qual = q
				} else {
					qual = cq
				}
			} else {
				qual = cq
			}
		} else if isDigits(q) {
			instance = q
		} else {
			c.failAt(t, CodeInvalidValue, "invalid %s %q for %q (valid: %s)", kind, q, rsc, strings.Join(valid, ", "))
		}
	}
	return
}

func (p *parser) parseOrder(c *cursor) {
	o := &model.Order{Base: c.base()}
	idTok := c.ident("constraint id")
	o.ID = idTok.Val
	p.used[o.ID] = true
	if c.has() {
		if m := scoreMatch(c.peek()); m != nil {
			st := c.next()
			if k := canon(m[1], orderKinds); k != "" {
				o.Kind = k
			} else if numScoreRE().MatchString(m[1]) {
				if m[1] == "0" {
					o.Kind = "Optional"
				} else {
					o.Kind = "Mandatory"
				}
			} else {
				c.failAt(st, CodeInvalidValue, "invalid order kind %q (valid: %s, or a score)", m[1], strings.Join(orderKinds, ", "))
			}
		}
	}
	if _, v, ok := c.tail("symmetrical", []string{"true", "false", "yes", "no", "on", "off"}); ok {
		o.Symmetrical = canonicalBool(v)
	}
	rest := c.toks[c.i:]
	if len(rest) == 2 {
		o.First, o.FirstAction, o.FirstInstance = c.simpleRef("action")
		o.Then, o.ThenAction, o.ThenInstance = c.simpleRef("action")
	} else {
		if len(rest) < 2 {
			c.fail(CodeSyntax, "order %s: expected <rsc>[:<action>] <rsc>[:<action>] or resource sets", o.ID)
		}
		c.i = len(c.toks)
		o.Sets = c.resourceSets(rest, "action", o.ID)
	}
	p.addConstraint(c, idTok, o)
}

func canonicalBool(v string) string {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1", "y":
		return "true"
	}
	return "false"
}

func (p *parser) parseTicket(c *cursor) {
	k := &model.Ticket{Base: c.base()}
	idTok := c.ident("constraint id")
	k.ID = idTok.Val
	p.used[k.ID] = true
	if !c.has() || scoreMatch(c.peek()) == nil {
		c.fail(CodeSyntax, "rsc_ticket %s: expected <ticket-id>:", k.ID)
	}
	k.Ticket = scoreMatch(c.next().Val)[1]
	if _, v, ok := c.tail("loss-policy", []string{"stop", "demote", "fence", "freeze"}); ok {
		k.LossPolicy = v
	}
	rest := c.toks[c.i:]
	if len(rest) == 1 {
		k.Rsc, k.RscRole, _ = c.simpleRef("role")
	} else {
		if len(rest) < 1 {
			c.fail(CodeSyntax, "rsc_ticket %s: expected <rsc>[:<role>]", k.ID)
		}
		c.i = len(c.toks)
		k.Sets = c.resourceSets(rest, "role", k.ID)
	}
	p.addConstraint(c, idTok, k)
}

// resourceSets parses "a ( b c:start ) [ d e ] f:Master" into resource sets
// the way crmsh's ResourceSet does: a change of role/action or a bracket
// starts a new set.
func (c *cursor) resourceSets(toks []token, qattr, owner string) []*model.ResourceSet {
	// split leading "(" / "[" and trailing ")" / "]" off tokens
	var ts []token
	for _, t := range toks {
		v := t.Val
		switch {
		case len(v) > 1 && (v[0] == '(' || v[0] == '['):
			ts = append(ts, token{Val: v[:1], Start: t.Start, End: t.Start + 1}, token{Val: v[1:], Start: t.Start + 1, End: t.End})
		case len(v) > 1 && (v[len(v)-1] == ')' || v[len(v)-1] == ']'):
			ts = append(ts, token{Val: v[:len(v)-1], Start: t.Start, End: t.End - 1}, token{Val: v[len(v)-1:], Start: t.End - 1, End: t.End})
		default:
			ts = append(ts, t)
		}
	}
	var (
		out        []*model.ResourceSet
		cur        = &model.ResourceSet{}
		prevQ      string
		opened     string
		sequential = true
		requireAll = true
		curStart   token
	)
	save := func(end token) {
		if len(cur.Resources) == 0 {
			return
		}
		if !requireAll {
			cur.RequireAll = "false"
		}
		if !sequential {
			cur.Sequential = "false"
		}
		if prevQ != "" {
			if qattr == "role" {
				cur.Role = prevQ
			} else {
				cur.Action = prevQ
			}
		}
		cur.ID = c.p.newID(owner, "resource_set", "")
		cur.Range = c.p.li.Range(c.p.file, curStart.Start, end.End)
		out = append(out, cur)
		cur = &model.ResourceSet{}
		prevQ = ""
	}
	var last token
	for _, t := range ts {
		last = t
		v := t.Val
		if v == "_rsc_set_" {
			continue
		}
		switch v {
		case "(", "[":
			save(t)
			if opened != "" {
				c.failAt(t, CodeSyntax, "cannot nest resource sets")
			}
			sequential = false
			if v == "[" {
				requireAll = false
			}
			opened = v
			continue
		case ")", "]":
			if len(cur.Resources) == 0 {
				c.failAt(t, CodeSyntax, "empty resource set")
			}
			save(t)
			if opened == "" {
				c.failAt(t, CodeSyntax, "unmatched closing bracket %s", v)
			}
			if (opened == "(" && v != ")") || (opened == "[" && v != "]") {
				c.failAt(t, CodeSyntax, "mismatched closing bracket %s for %s", v, opened)
			}
			sequential, requireAll, opened = true, true, ""
			continue
		}
		if strings.Contains(v, "=") {
			k, val, _ := strings.Cut(v, "=")
			if strings.Contains(val, "=") {
				c.failAt(t, CodeSyntax, "extra = in %s", v)
			}
			if k != "sequential" && k != "require-all" {
				c.failAt(t, CodeUnknownSetKey, "unknown resource set attribute %q (valid: sequential, require-all)", k)
			}
			if !in(strings.ToLower(val), []string{"true", "false", "yes", "no", "on", "off", "1", "0"}) {
				c.failAt(t, CodeInvalidValue, "not a boolean: %s", val)
			}
			b := canonicalBool(val) == "true" || val == "1"
			if k == "sequential" {
				sequential = b
			} else {
				requireAll = b
			}
			continue
		}
		parts := strings.Split(v, ":")
		rsc, q := parts[0], ""
		if len(parts) == 2 {
			valid := roleNames
			if qattr == "action" {
				valid = actionList
			}
			q = canon(parts[1], valid)
			if q == "" {
				c.failAt(t, CodeInvalidValue, "invalid %s for %s (valid: %s)", qattr, v, strings.Join(valid, ", "))
			}
		} else if len(parts) > 2 {
			c.failAt(t, CodeSyntax, "invalid resource reference %q", v)
		}
		if q != prevQ {
			save(t)
			prevQ = q
		}
		if len(cur.Resources) == 0 {
			curStart = t
		}
		c.p.useRef(t, rsc, "resource")
		cur.Resources = append(cur.Resources, &model.IDRef{Base: model.Base{Range: c.p.rng(t)}, ID: rsc})
	}
	if opened != "" {
		c.failAt(last, CodeSyntax, "unmatched opening bracket %s", opened)
	}
	save(last)
	return out
}

// --- monitor, property, fencing, tag ---------------------------------------

func (p *parser) parseMonitor(c *cursor) {
	if !c.has() {
		c.failEnd("expected <rsc>[:<role>] <interval>[:<timeout>]")
	}
	rt := c.next()
	rsc, role, _ := strings.Cut(rt.Val, ":")
	o := &model.Op{Base: c.base(), Name: "monitor"}
	if role != "" {
		r := canon(role, roleNames)
		if r == "" {
			c.failAt(rt, CodeInvalidValue, "invalid role %q for resource %q", role, rsc)
		}
		o.Role = r
	}
	if !c.has() {
		c.failEnd("expected <interval>[:<timeout>]")
	}
	it := c.next()
	parts := strings.Split(it.Val, ":")
	if len(parts) > 2 {
		c.failAt(it, CodeSyntax, "expected <interval>[:<timeout>], got %q", it.Val)
	}
	o.Interval = parts[0]
	if len(parts) == 2 {
		o.Timeout = parts[1]
	}
	p.monitors = append(p.monitors, monitorStmt{rsc: rsc, op: o, rng: p.rng(rt)})
}

func (p *parser) parseProperty(c *cursor, kw string) {
	set := &model.NVSet{Base: c.base()}
	kwTok := c.toks[0]
	dflt := map[string]string{"property": "cib-bootstrap-options", "rsc_defaults": "rsc-options", "op_defaults": "op-options"}[kw]
	set.Kind = "meta_attributes"
	if kw == "property" {
		set.Kind = "cluster_property_set"
	}
	idTok := kwTok
	if c.has() {
		v := c.peek()
		lv := strings.ToLower(v)
		if strings.HasPrefix(lv, "$id=") {
			idTok = c.next()
			set.ID = v[4:]
		} else if m := idNewRE().FindStringSubmatch(v); m != nil {
			idTok = c.next()
			set.ID = m[1]
		} else if strings.HasPrefix(lv, "$id-ref=") {
			idTok = c.next()
			set.IDRef = v[len("$id-ref="):]
		}
	}
	if set.ID == "" && set.IDRef == "" {
		set.ID = dflt
	}
	if set.ID != "" {
		p.defineObject(c, idTok, set.ID)
	}
	rules := c.rules(set.ID)
	if len(rules) > 1 {
		c.fail(CodeRule, "%s takes at most one rule", kw)
	}
	if len(rules) == 1 {
		set.Rule = rules[0]
	}
	set.Pairs = c.nvpairs(nil)
	for _, pr := range set.Pairs {
		if pr.ID == "" && pr.IDRef == "" {
			pr.ID = p.newID(set.ID, "nvpair", pr.Name)
		}
	}
	switch kw {
	case "property":
		p.cfg.ClusterOptions = append(p.cfg.ClusterOptions, set)
	case "rsc_defaults":
		p.cfg.RscDefaults = append(p.cfg.RscDefaults, set)
	default:
		p.cfg.OpDefaults = append(p.cfg.OpDefaults, set)
	}
}

func (p *parser) parseFencing(c *cursor) {
	if p.fenceSeen {
		c.failAt(c.toks[0], CodeDuplicateID, "fencing_topology given twice: crmsh keeps one fencing topology")
	}
	p.fenceSeen = true
	p.fenceRng = c.stmtRange()
	var cur pendingLevel
	cur.all = true
	for c.has() {
		t := c.next()
		if m := targetAttr().FindStringSubmatch(t.Val); m != nil {
			cur = pendingLevel{attr: m[1], value: m[2]}
		} else if m := targetPat().FindStringSubmatch(t.Val); m != nil {
			cur = pendingLevel{pattern: m[1]}
		} else if m := targetRE().FindStringSubmatch(t.Val); m != nil {
			cur = pendingLevel{target: m[1]}
		} else {
			lv := cur
			lv.devices = t.Val
			lv.rng = p.rng(t)
			for _, d := range strings.Split(t.Val, ",") {
				p.useRef(t, d, "fencing device")
			}
			p.fencing = append(p.fencing, lv)
		}
	}
	if p.cfg.FencingTopology == nil {
		p.cfg.FencingTopology = &model.FencingTopology{Base: c.base()}
	}
}

func (p *parser) parseTag(c *cursor) {
	if !c.has() {
		c.failEnd("expected tag name")
	}
	nt := c.next()
	m := tagRE().FindStringSubmatch(nt.Val)
	if m == nil {
		c.failAt(nt, CodeSyntax, "expected tag name, got %q", nt.Val)
	}
	t := &model.Tag{Base: c.base(), ID: m[1]}
	for c.has() {
		rt := c.next()
		if !isResource(rt.Val) {
			c.failAt(rt, CodeSyntax, "expected resource, got %q", rt.Val)
		}
		p.useRef(rt, rt.Val, "resource")
		t.Refs = append(t.Refs, &model.IDRef{Base: model.Base{Range: p.rng(rt)}, ID: rt.Val})
	}
	if len(t.Refs) == 0 {
		c.failEnd("tag %s: expected at least one resource", t.ID)
	}
	p.defineObject(c, nt, t.ID)
	p.cfg.Tags = append(p.cfg.Tags, t)
}

// --- alerts --------------------------------------------------------------

func (p *parser) parseAlert(c *cursor) {
	idTok := c.ident("alert id")
	a := &model.Alert{Base: c.base(), ID: idTok.Val}
	if !c.has() {
		c.failEnd("expected path")
	}
	a.Path = c.next().Val
	a.Description = c.description()
	rcount := 1
	term := []string{"attributes", "meta", "to", "select"}
	for c.has() {
		k := c.peek()
		switch k {
		case "attributes", "meta":
			c.i++
			kind := "instance_attributes"
			dst := &a.InstanceAttrs
			if k == "meta" {
				kind, dst = "meta_attributes", &a.MetaAttrs
			}
			*dst = append(*dst, c.attrList(kind, a.ID, true, term))
			continue
		case "select":
			st := c.next()
			if a.Select == nil {
				a.Select = &model.AlertSelect{Base: model.Base{Range: p.rng(st)}}
			}
			for c.has() && in(c.peek(), []string{"nodes", "fencing", "resources", "attributes"}) {
				sel := c.next()
				if sel.Val == "attributes" {
					if !c.has() || c.peek() != "{" {
						c.i--
						break
					}
					c.i++
					a.Select.Kinds = append(a.Select.Kinds, "select_attributes")
					for c.has() && c.peek() != "}" {
						nt := c.next()
						a.Select.Attributes = append(a.Select.Attributes, &model.AlertAttribute{
							Base: model.Base{Range: p.rng(nt)}, ID: p.newID(a.ID, "attribute", ""), Name: nt.Val})
					}
					if !c.has() {
						c.failEnd("select attributes: expected }")
					}
					c.i++
					continue
				}
				a.Select.Kinds = append(a.Select.Kinds, "select_"+sel.Val)
			}
			continue
		}
		to := c.next()
		if to.Val != "to" {
			c.failAt(to, CodeSyntax, "alert %s: expected to, meta, attributes or select, got %q", a.ID, to.Val)
		}
		brace := false
		if c.has() && c.peek() == "{" {
			brace = true
			c.i++
		}
		if !c.has() {
			c.failEnd("expected recipient")
		}
		vt := c.next()
		r := &model.Recipient{Base: model.Base{Range: p.rng(vt)}, ID: fmt.Sprintf("%s-recipient-%d", a.ID, rcount), Value: vt.Val}
		p.used[r.ID] = true
		rcount++
		r.Description = c.description()
		rterm := []string{"attributes", "meta", "to"}
		if brace {
			rterm = append(rterm, "}")
		}
		for c.has() && (c.peek() == "attributes" || c.peek() == "meta") {
			k := c.next().Val
			if k == "meta" {
				r.MetaAttrs = append(r.MetaAttrs, c.attrList("meta_attributes", r.ID, true, rterm))
			} else {
				r.InstanceAttrs = append(r.InstanceAttrs, c.attrList("instance_attributes", r.ID, true, rterm))
			}
		}
		if brace {
			if !c.has() || c.peek() != "}" {
				c.fail(CodeSyntax, "alert %s: expected } after recipient", a.ID)
			}
			c.i++
		}
		a.Recipients = append(a.Recipients, r)
	}
	p.defineObject(c, idTok, a.ID)
	p.cfg.Alerts = append(p.cfg.Alerts, a)
}

// --- ACLs ----------------------------------------------------------------

func (p *parser) acls() *model.ACLs {
	if p.cfg.ACLs == nil {
		p.cfg.ACLs = &model.ACLs{}
	}
	return p.cfg.ACLs
}

var aclSpec = map[string]string{"xpath": "xpath", "ref": "reference", "reference": "reference",
	"tag": "object-type", "object-type": "object-type", "attr": "attribute", "attribute": "attribute", "type": "object-type"}

var aclShortcuts = map[string][]string{
	"meta":        {"//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']"},
	"params":      {"//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']"},
	"utilization": {"//primitive[@id='@@']/utilization"},
	"location":    {"//rsc_location[@id='cli-prefer-@@' and @rsc='@@']"},
	"property":    {"//crm_config/cluster_property_set", "/nvpair[@name='@@']"},
	"nodeattr":    {"//nodes/node/instance_attributes", "/nvpair[@name='@@']"},
	"nodeutil":    {"//nodes/node/utilization", "[@uname='@@']"},
	"node":        {"//nodes/node", "[@uname='@@']"},
	"status":      {"/cib/status"},
	"cib":         {"/cib"},
}

func expandShortcut(typ, val string, hasVal bool) (string, bool) {
	exp := aclShortcuts[typ]
	if !hasVal {
		if strings.Contains(exp[0], "@@") {
			return "", false
		}
		return exp[0], true
	}
	var b strings.Builder
	i := 0
	for _, tok := range strings.Split(val, ":") {
		if i < len(exp) && !strings.Contains(exp[i], "@@") {
			b.WriteString(exp[i])
			i++
		}
		if i >= len(exp) {
			return "", false
		}
		b.WriteString(strings.ReplaceAll(exp[i], "@@", tok))
		i++
	}
	return b.String(), true
}

func (p *parser) parseRole(c *cursor) {
	idTok := c.ident("role id")
	r := &model.ACLRole{Base: c.base(), ID: idTok.Val}
	r.Description = c.description()
	for c.has() {
		kt := c.next()
		kind := strings.ToLower(kt.Val)
		if !in(kind, []string{"read", "write", "deny"}) {
			c.failAt(kt, CodeSyntax, "role %s: expected read, write or deny, got %q", r.ID, kt.Val)
		}
		base := model.ACLPermission{Kind: kind, Base: model.Base{Range: p.rng(kt)}}
		if c.has() {
			if strings.HasPrefix(strings.ToLower(c.peek()), "$id=") {
				base.ID = c.next().Val[4:]
			} else if m := idNewRE().FindStringSubmatch(c.peek()); m != nil {
				c.i++
				base.ID = m[1]
			}
		}
		base.Description = c.description()
		attrs := map[string]string{}
		for c.has() {
			typ, val, hasVal := strings.Cut(c.peek(), ":")
			hasVal = hasVal && val != ""
			if _, ok := aclSpec[typ]; !ok {
				if _, ok := aclShortcuts[typ]; !ok {
					break
				}
			}
			st := c.next()
			if _, ok := aclShortcuts[typ]; ok {
				x, ok := expandShortcut(typ, val, hasVal)
				if !ok {
					c.failAt(st, CodeSyntax, "missing argument to ACL shortcut %s", typ)
				}
				attrs["xpath"] = x
				continue
			}
			if !hasVal {
				c.failAt(st, CodeSyntax, "expected <type>:<spec>, got %q", st.Val)
			}
			attrs[aclSpec[typ]] = val
		}
		if _, ok := attrs["attribute"]; ok {
			if _, ok := attrs["object-type"]; !ok {
				c.failAt(kt, CodeSyntax, "attribute is only valid in combination with tag/object-type")
			}
		}
		n := 0
		add := func(f func(*model.ACLPermission)) {
			pm := base
			f(&pm)
			if pm.ID == "" || n > 0 {
				pm.ID = p.newID(r.ID, "acl_permission", "")
			}
			n++
			r.Permissions = append(r.Permissions, &pm)
		}
		if x, ok := attrs["xpath"]; ok {
			add(func(pm *model.ACLPermission) { pm.Xpath = x })
		}
		if x, ok := attrs["reference"]; ok {
			add(func(pm *model.ACLPermission) { pm.Reference = x })
		}
		if x, ok := attrs["object-type"]; ok {
			add(func(pm *model.ACLPermission) { pm.ObjectType = x; pm.Attribute = attrs["attribute"] })
		}
		if n == 0 {
			c.failAt(kt, CodeSyntax, "role %s: %s needs xpath:, ref:, tag: or a shortcut", r.ID, kind)
		}
	}
	p.defineObject(c, idTok, r.ID)
	acl := p.acls()
	acl.Roles = append(acl.Roles, r)
}

func (p *parser) parseACLTarget(c *cursor, kw string) {
	idTok := c.ident("id")
	t := &model.ACLTarget{Base: c.base(), Element: kw, ID: idTok.Val}
	for c.has() {
		rt := c.ident("role id")
		p.useRef(rt, rt.Val, "ACL role")
		t.Roles = append(t.Roles, &model.IDRef{Base: model.Base{Range: p.rng(rt)}, ID: rt.Val})
	}
	p.defineObject(c, idTok, t.ID)
	acl := p.acls()
	acl.Targets = append(acl.Targets, t)
}

// parseUser reads the legacy "user" ACL statement (acl_user, Pacemaker 1.x
// ACLs). Pacemaker's schema since 2.0 has no acl_user, nor can it be mixed
// with acl_target/acl_group: crmsh writes it and its load fails validation
// (crmsh 4.4 on a pacemaker-3.x CIB, alone or beside acl_target), so it is
// refused here, with the acl_target statement that says the same.
func (p *parser) parseUser(c *cursor) {
	kw := c.toks[0]
	idTok := c.ident("user id")
	var roles []string
	legacyRules := false
	for c.has() {
		v := c.next()
		if r, ok := strings.CutPrefix(v.Val, "role:"); ok {
			roles = append(roles, r)
			continue
		}
		legacyRules = true
	}
	msg := fmt.Sprintf("user %s: the legacy ACL form (acl_user) is not in Pacemaker's schema since 2.0, alone or beside acl_target (crmsh's load fails validation)", idTok.Val)
	switch {
	case legacyRules:
		msg += "; put the permissions in a role and write acl_target " + idTok.Val + " <role>"
	case len(roles) > 0:
		msg += "; write acl_target " + idTok.Val + " " + strings.Join(roles, " ")
	}
	c.failAt(kw, CodeSyntax, "%s", msg)
}

// --- xml escape ----------------------------------------------------------

var cliXMLTags = []string{"node", "primitive", "template", "group", "clone", "master", "bundle", "rsc_location",
	"rsc_colocation", "rsc_order", "rsc_ticket", "cluster_property_set", "rsc_defaults", "op_defaults",
	"fencing-topology", "tag", "acl_target", "acl_group", "acl_user", "acl_role", "alert"}

func (p *parser) parseXML(c *cursor) {
	if !c.has() {
		c.failEnd("expected XML data")
	}
	// crmsh splits the raw text on white space, not shell words.
	first := c.toks[c.i]
	lastTok := c.toks[len(c.toks)-1]
	raw := p.src[first.Start:lastTok.End]
	raw = contRE().ReplaceAllString(raw, "")
	data := strings.Join(strings.Fields(raw), " ")
	c.i = len(c.toks)
	dec := xml.NewDecoder(strings.NewReader(data))
	var root string
	depth := 0
	for {
		tk, err := dec.Token()
		if err != nil {
			if depth != 0 || root == "" || err.Error() != "EOF" {
				msg := "no element"
				if err.Error() != "EOF" {
					msg = err.Error()
				} else if depth != 0 {
					msg = "unclosed element " + root
				}
				c.failAt(first, CodeXMLEscape, "xml: cannot parse XML data: %s", msg)
			}
			break
		}
		switch t := tk.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
			} else if depth == 0 {
				c.failAt(first, CodeXMLEscape, "xml: more than one element")
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if !in(root, cliXMLTags) {
		c.failAt(first, CodeXMLEscape, "xml: element %s not recognized", root)
	}
	p.xmlElement(c, first, root, data)
}

// xmlSection names the configuration section an xml escape element lives in.
var xmlSection = map[string]string{"node": "nodes", "primitive": "resources", "template": "resources",
	"group": "resources", "clone": "resources", "master": "resources", "bundle": "resources",
	"rsc_location": "constraints", "rsc_colocation": "constraints", "rsc_order": "constraints",
	"rsc_ticket": "constraints", "cluster_property_set": "crm_config", "tag": "tags",
	"acl_target": "acls", "acl_group": "acls", "acl_user": "acls", "acl_role": "acls", "alert": "alerts"}

// xmlElement reads the element with the CIB parser and adds what it holds to
// the configuration, as crmsh adds it to the CIB.
func (p *parser) xmlElement(c *cursor, first token, root, data string) {
	doc := data
	if sec := xmlSection[root]; sec != "" {
		doc = "<" + sec + ">" + data + "</" + sec + ">"
	}
	doc = `<cib validate-with="pacemaker-3.9"><configuration>` + doc + `</configuration></cib>`
	cl, ds := cibparser.Parse([]byte(doc), p.file)
	for _, d := range ds {
		if d.Severity >= model.SeverityError {
			c.failAt(first, CodeXMLEscape, "xml: %s", d.Summary)
		}
	}
	if cl == nil || cl.Config == nil {
		c.failAt(first, CodeXMLEscape, "xml: nothing read from the XML data")
	}
	x := cl.Config
	clearAttrOrder(reflect.ValueOf(x))
	if msg := incomplete(x); msg != "" {
		c.failAt(first, CodeXMLEscape, "xml: <%s> %s", root, msg)
	}
	rng := c.stmtRange()
	for _, n := range x.Nodes {
		n.Range = rng
		p.cfg.Nodes = append(p.cfg.Nodes, n)
	}
	for _, r := range x.Resources {
		r.Src().Range = rng
		p.defineObject(c, first, r.ResourceID())
		p.rscs[r.ResourceID()] = r
		p.rorder = append(p.rorder, r)
	}
	for _, k := range x.Constraints {
		k.Src().Range = rng
		p.addConstraint(c, first, k)
		for _, id := range model.ResourceRefs(k) {
			p.refs = append(p.refs, ref{id, rng, "resource"})
		}
	}
	for _, s := range x.ClusterOptions {
		s.Range = rng
		p.cfg.ClusterOptions = append(p.cfg.ClusterOptions, s)
	}
	p.cfg.RscDefaults = append(p.cfg.RscDefaults, x.RscDefaults...)
	p.cfg.OpDefaults = append(p.cfg.OpDefaults, x.OpDefaults...)
	if x.FencingTopology != nil {
		p.cfg.FencingTopology = x.FencingTopology
		p.fenceSeen = true
	}
	p.cfg.Tags = append(p.cfg.Tags, x.Tags...)
	p.cfg.Alerts = append(p.cfg.Alerts, x.Alerts...)
	if x.ACLs != nil {
		a := p.acls()
		a.Roles = append(a.Roles, x.ACLs.Roles...)
		a.Targets = append(a.Targets, x.ACLs.Targets...)
	}
}

// clearAttrOrder forgets the attribute order the CIB reader recorded for
// the elements of an xml escape: crm text has no attribute order (an op
// statement read from crm has none either), and an element written back
// as a statement could not keep it.
func clearAttrOrder(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			clearAttrOrder(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			clearAttrOrder(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[model.Base]() {
			b := v.Addr().Interface().(*model.Base)
			if l := b.Layout; l != nil {
				l.Attrs = nil
				if len(l.CommentAt) == 0 && len(l.CommentIn) == 0 && len(l.Empty) == 0 {
					b.Layout = nil
				}
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				clearAttrOrder(v.Field(i))
			}
		}
	}
}

var contRE = lazyre.New(`\\[ \t\r]*\n`)

// incomplete reports what an xml-escaped element lacks that the schema
// requires (crmsh would fail at commit, when the CIB does not validate).
func incomplete(x *model.Configuration) string {
	for _, r := range x.Resources {
		if r.ResourceID() == "" {
			return "has no id"
		}
		if pr, ok := r.(*model.Primitive); ok && pr.Type == "" && pr.Template == "" {
			return "has no type"
		}
	}
	for _, k := range x.Constraints {
		if k.ConstraintID() == "" {
			return "has no id"
		}
		switch k := k.(type) {
		case *model.Location:
			if k.Rsc == "" && k.RscPattern == "" && len(k.Sets) == 0 {
				return "names no resource"
			}
			if len(k.Rules) == 0 && (k.Node == "" || k.Score == "") {
				return "has neither score and node nor a rule"
			}
		case *model.Colocation:
			if (k.Rsc == "" || k.WithRsc == "") && len(k.Sets) == 0 {
				return "names no resources"
			}
		case *model.Order:
			if (k.First == "" || k.Then == "") && len(k.Sets) == 0 {
				return "names no resources"
			}
		case *model.Ticket:
			if k.Ticket == "" || (k.Rsc == "" && len(k.Sets) == 0) {
				return "names no ticket or resource"
			}
		}
	}
	for _, n := range x.Nodes {
		if n.ID == "" || n.Uname == "" {
			return "has no id or uname"
		}
	}
	for _, t := range x.Tags {
		if t.ID == "" || len(t.Refs) == 0 {
			return "has no id or no obj_ref"
		}
	}
	for _, a := range x.Alerts {
		if a.ID == "" || a.Path == "" {
			return "has no id or path"
		}
	}
	return ""
}

// xmlAttrName stops the statement when a bundle attribute's name cannot be
// an XML attribute's (crmsh writes it into the element as it is, and the
// CIB is then not well-formed).
func (c *cursor) xmlAttrName(a *model.NVPair, bundle string) {
	n := a.Name
	ok := n != ""
	for i, r := range n {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '-' || r == '.')) {
			ok = false
			break
		}
	}
	if !ok || a.ID != "" {
		// No colon: a prefix would need a namespace, and the schema takes
		// none on a bundle's elements.
		c.p.diags.Errorf(a.Range, CodeSyntax, "bundle %s: %q is not an attribute name (a letter or '_' first, then letters, digits, '-', '.' or '_')", bundle, n)
		panic(stmtErr{})
	}
}
