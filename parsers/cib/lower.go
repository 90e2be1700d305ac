package cib

import (
	"slices"

	"github.com/beevik/etree"

	"hakit/model"
)

// lowerDocument turns the etree document into the model.
func (p *parser) lowerDocument(doc *etree.Document, root *etree.Element) *model.Cluster {
	c := &model.Cluster{Sources: []string{p.file}}
	switch root.Tag {
	case "cib":
		if root.Space != "" {
			break
		}
		h := &model.CIBHeader{}
		h.Range = p.rng(root)
		for _, a := range root.Attr {
			h.Attrs = append(h.Attrs, model.Attr{Name: a.FullKey(), Value: a.Value})
		}
		seen := map[string]bool{}
		for _, a := range h.Attrs {
			if seen[a.Name] {
				p.errorf(h.Range, CodeDuplicateAttr, "attribute %q given twice on <cib>; the first value is kept", a.Name)
			}
			seen[a.Name] = true
		}
		h.Attrs = dedupAttrs(h.Attrs)
		for _, tok := range doc.Child {
			if cm, ok := tok.(*etree.Comment); ok {
				h.Comments = append(h.Comments, cm.Data)
			}
		}
		for _, tok := range root.Child {
			if cm, ok := tok.(*etree.Comment); ok {
				h.Comments = append(h.Comments, cm.Data)
			}
		}
		c.CIB = h
		for _, ch := range root.ChildElements() {
			switch {
			case ch.Space == "" && ch.Tag == "configuration" && c.Config == nil:
				c.Config = p.configuration(ch)
			case ch.Space == "" && ch.Tag == "status" && c.Status == nil:
				p.inStatus = true
				c.Status = p.status(ch)
				p.inStatus = false
			default:
				p.unknown(&h.Base, root, ch)
			}
		}
		if c.Config == nil && !p.diags.HasErrors() {
			p.errorf(h.Range, CodeMissingAttribute, "<cib> has no <configuration> section")
		}
		return c
	case "configuration":
		if root.Space != "" {
			break
		}
		c.Config = p.configuration(root)
		for _, tok := range doc.Child {
			if cm, ok := tok.(*etree.Comment); ok {
				c.Config.Comments = append(c.Config.Comments, cm.Data)
			}
		}
		return c
	}
	p.errorf(p.rng(root), CodeNotCIB, "not a CIB: the root element is <%s>, expected <cib> or <configuration>", root.FullTag())
	return nil
}

func dedupAttrs(as model.Attrs) model.Attrs {
	var out model.Attrs
	seen := map[string]bool{}
	for _, a := range as {
		if !seen[a.Name] {
			seen[a.Name] = true
			out = append(out, a)
		}
	}
	return out
}

// section reports whether ch is a plain (namespace-free) element named tag.
func is(ch *etree.Element, tag string) bool { return ch.Space == "" && ch.Tag == tag }

func (p *parser) configuration(e *etree.Element) *model.Configuration {
	cfg := &model.Configuration{}
	p.open(e, &cfg.Base, false)
	for _, ch := range e.ChildElements() {
		if ch.Space != "" {
			p.unknown(&cfg.Base, e, ch)
			continue
		}
		switch ch.Tag {
		case "crm_config":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, s := range ch.ChildElements() {
				if is(s, "cluster_property_set") || is(s, "attributes") {
					cfg.ClusterOptions = append(cfg.ClusterOptions, p.nvset(s))
				} else {
					p.unknownInSection(cfg, ch, s)
				}
			}
		case "nodes":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, n := range ch.ChildElements() {
				if is(n, "node") {
					cfg.Nodes = append(cfg.Nodes, p.node(n))
				} else {
					p.unknownInSection(cfg, ch, n)
				}
			}
		case "resources":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, r := range ch.ChildElements() {
				if res := p.resource(r, true); res != nil {
					cfg.Resources = append(cfg.Resources, res)
				} else {
					p.unknownInSection(cfg, ch, r)
				}
			}
		case "constraints":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, r := range ch.ChildElements() {
				if con := p.constraint(r); con != nil {
					cfg.Constraints = append(cfg.Constraints, con)
				} else {
					p.unknownInSection(cfg, ch, r)
				}
			}
		case "rsc_defaults", "op_defaults":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, s := range ch.ChildElements() {
				if !(is(s, "meta_attributes") || is(s, "instance_attributes") || is(s, "attributes")) {
					p.unknownInSection(cfg, ch, s)
					continue
				}
				if ch.Tag == "rsc_defaults" {
					cfg.RscDefaults = append(cfg.RscDefaults, p.nvset(s))
				} else {
					cfg.OpDefaults = append(cfg.OpDefaults, p.nvset(s))
				}
			}
		case "fencing-topology":
			ft := &model.FencingTopology{}
			p.open(ch, &ft.Base, false)
			for _, l := range ch.ChildElements() {
				if !is(l, "fencing-level") {
					p.unknown(&ft.Base, ch, l)
					continue
				}
				fl := &model.FencingLevel{}
				a := p.open(l, &fl.Base, false, "id", "target", "target-pattern", "target-attribute", "target-value", "index", "devices")
				p.require(l, &fl.Base, a, "id", "index", "devices")
				fl.ID, fl.Target, fl.TargetPattern = a.get("id"), a.get("target"), a.get("target-pattern")
				fl.TargetAttribute, fl.TargetValue = a.get("target-attribute"), a.get("target-value")
				fl.Index, fl.Devices = a.get("index"), a.get("devices")
				p.noChildren(&fl.Base, l)
				ft.Levels = append(ft.Levels, fl)
			}
			cfg.FencingTopology = ft
		case "tags":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, t := range ch.ChildElements() {
				if !is(t, "tag") {
					p.unknownInSection(cfg, ch, t)
					continue
				}
				tag := &model.Tag{}
				a := p.open(t, &tag.Base, false, "id")
				p.require(t, &tag.Base, a, "id")
				tag.ID = a.get("id")
				tag.Refs = p.refList(t, &tag.Base, "obj_ref")
				cfg.Tags = append(cfg.Tags, tag)
			}
		case "alerts":
			sb := p.sectionBase(ch)
			cfg.Comments = append(cfg.Comments, sb.Comments...)
			for _, al := range ch.ChildElements() {
				if is(al, "alert") {
					cfg.Alerts = append(cfg.Alerts, p.alert(al))
				} else {
					p.unknownInSection(cfg, ch, al)
				}
			}
		case "acls":
			cfg.ACLs = p.acls(ch)
		default:
			p.unknown(&cfg.Base, e, ch)
			continue
		}
		if !contains(cfg.Sections, ch.Tag) {
			cfg.Sections = append(cfg.Sections, ch.Tag)
		}
	}
	p.sectionComments(e, cfg)
	return cfg
}

// sectionComments records where the comments of the configuration sat:
// its own, then those of each section, in the order lowering appended them
// to cfg.Comments, each with its place among its container's elements.
func (p *parser) sectionComments(e *etree.Element, cfg *model.Configuration) {
	var at []int
	var in []string
	collect := func(el *etree.Element, name string) {
		elems := 0
		for _, tok := range el.Child {
			switch tok.(type) {
			case *etree.Element:
				elems++
			case *etree.Comment:
				at, in = append(at, elems), append(in, name)
			}
		}
	}
	collect(e, "")
	seen := map[string]bool{}
	for _, ch := range e.ChildElements() {
		if ch.Space != "" || seen[ch.Tag] {
			continue
		}
		switch ch.Tag {
		case "crm_config", "nodes", "resources", "constraints", "rsc_defaults", "op_defaults", "tags", "alerts":
			seen[ch.Tag] = true
			collect(ch, ch.Tag)
		}
	}
	if len(at) != len(cfg.Comments) || !slices.ContainsFunc(at, func(n int) bool { return n > 0 }) && !slices.ContainsFunc(in, func(s string) bool { return s != "" }) {
		if cfg.Layout != nil {
			cfg.Layout.CommentAt = nil
		}
		return
	}
	layout(&cfg.Base).CommentAt = at
	layout(&cfg.Base).CommentIn = in
}

// sectionBase reads a configuration section element that has no model
// element of its own; its comments move to the configuration.
func (p *parser) sectionBase(e *etree.Element) model.Base {
	var b model.Base
	p.open(e, &b, true)
	for _, a := range b.Extra {
		p.warnf(b.Range, CodeUnknownAttribute, "unknown attribute %q on <%s> is dropped: hakit keeps no attributes of this element", a.Name, e.Tag)
	}
	b.Extra = nil
	return b
}

// noChildren reports and keeps any child element of an element that has none
// in the schema.
func (p *parser) noChildren(b *model.Base, e *etree.Element) {
	for _, ch := range e.ChildElements() {
		p.unknown(b, e, ch)
	}
}

func (p *parser) refList(e *etree.Element, b *model.Base, tag string) []*model.IDRef {
	refs := []*model.IDRef{}
	for _, ch := range e.ChildElements() {
		if !is(ch, tag) {
			p.unknown(b, e, ch)
			continue
		}
		r := p.idref(ch)
		refs = append(refs, r)
	}
	return refs
}

func (p *parser) idref(ch *etree.Element) *model.IDRef {
	r := &model.IDRef{}
	// An id on a reference element is a reference, not a definition:
	// read it without recording it as defined.
	r.Range = p.rng(ch)
	seen := map[string]bool{}
	for _, at := range ch.Attr {
		name := at.FullKey()
		if seen[name] {
			p.errorf(r.Range, CodeDuplicateAttr, "attribute %q given twice on <%s>; the first value is kept", name, ch.Tag)
			continue
		}
		seen[name] = true
		if name == "id" {
			r.ID = at.Value
			continue
		}
		r.Extra = append(r.Extra, model.Attr{Name: name, Value: at.Value})
		if !p.inStatus {
			p.warnf(r.Range, CodeUnknownAttribute, "unknown attribute %q on <%s>; kept as is", name, ch.Tag)
		}
	}
	p.children(ch, &r.Base)
	if !seen["id"] {
		p.errorf(r.Range, CodeMissingAttribute, "<%s> has no %q attribute, which the schema requires", ch.Tag, "id")
	}
	p.addRef(r.ID, "<"+ch.Tag+">", r.Range)
	p.noChildren(&r.Base, ch)
	return r
}

func (p *parser) nvset(e *etree.Element) *model.NVSet {
	s := &model.NVSet{Kind: e.Tag}
	a := p.open(e, &s.Base, false, "id", "id-ref", "score")
	if !a.has("id") && !a.has("id-ref") && !p.inStatus {
		p.errorf(s.Range, CodeMissingAttribute, "<%s> has neither \"id\" nor \"id-ref\"", e.Tag)
	}
	s.ID, s.IDRef, s.Score = a.get("id"), a.get("id-ref"), a.get("score")
	for _, ch := range e.ChildElements() {
		switch {
		case is(ch, "nvpair"):
			s.Pairs = append(s.Pairs, p.nvpair(ch))
		case is(ch, "rule") && s.Rule == nil:
			s.Rule = p.rule(ch)
		default:
			p.unknown(&s.Base, e, ch)
		}
	}
	return s
}

func (p *parser) nvpair(e *etree.Element) *model.NVPair {
	nv := &model.NVPair{}
	a := p.open(e, &nv.Base, false, "id", "id-ref", "name", "value")
	if !p.inStatus {
		p.require(e, &nv.Base, a, "name")
	}
	nv.ID, nv.IDRef, nv.Name, nv.Value = a.get("id"), a.get("id-ref"), a.get("name"), a.get("value")
	nv.NoValue = !a.has("value")
	p.noChildren(&nv.Base, e)
	return nv
}

// sets reads the attribute-set children of a resource, node, op, alert or
// recipient; it returns false for any other child.
func (p *parser) sets(ch *etree.Element, meta, inst, util *[]*model.NVSet) bool {
	switch {
	case is(ch, "meta_attributes") && meta != nil:
		*meta = append(*meta, p.nvset(ch))
	case (is(ch, "instance_attributes") || is(ch, "attributes")) && inst != nil:
		*inst = append(*inst, p.nvset(ch))
	case is(ch, "utilization") && util != nil:
		*util = append(*util, p.nvset(ch))
	default:
		return false
	}
	return true
}

func (p *parser) node(e *etree.Element) *model.Node {
	n := &model.Node{}
	a := p.open(e, &n.Base, false, "id", "uname", "type", "description", "score")
	p.require(e, &n.Base, a, "id", "uname")
	n.ID, n.Uname, n.Type, n.Description, n.Score = a.get("id"), a.get("uname"), a.get("type"), a.get("description"), a.get("score")
	for _, ch := range e.ChildElements() {
		if !p.sets(ch, nil, &n.InstanceAttrs, &n.Utilization) {
			p.unknown(&n.Base, e, ch)
		}
	}
	return n
}

// resource lowers a resource element; it returns nil when e is none.
func (p *parser) resource(e *etree.Element, top bool) model.Resource {
	if e.Space != "" {
		return nil
	}
	switch e.Tag {
	case "primitive":
		return p.primitive(e, false)
	case "template":
		if !top {
			return nil
		}
		return p.primitive(e, true)
	case "group":
		return p.group(e)
	case "clone", "master":
		return p.clone(e)
	case "bundle":
		return p.bundle(e)
	}
	return nil
}

func (p *parser) common(e *etree.Element, rc *model.ResourceCommon, known ...string) attrs {
	a := p.open(e, &rc.Base, false, append([]string{"id", "description"}, known...)...)
	p.require(e, &rc.Base, a, "id")
	rc.ID, rc.Description = a.get("id"), a.get("description")
	return a
}

func (p *parser) primitive(e *etree.Element, template bool) *model.Primitive {
	pr := &model.Primitive{IsTemplate: template}
	a := p.common(e, &pr.ResourceCommon, "class", "provider", "type", "template")
	if !a.has("template") {
		p.require(e, &pr.Base, a, "class", "type")
	}
	pr.Class, pr.Provider, pr.Type, pr.Template = a.get("class"), a.get("provider"), a.get("type"), a.get("template")
	if pr.Template != "" {
		p.addRef(pr.Template, "<"+e.Tag+" template>", pr.Range)
	}
	for _, ch := range e.ChildElements() {
		if p.sets(ch, &pr.MetaAttrs, &pr.InstanceAttrs, &pr.Utilization) {
			continue
		}
		if is(ch, "operations") && pr.Operations == nil {
			pr.Operations = p.operations(ch)
			continue
		}
		p.unknown(&pr.Base, e, ch)
	}
	return pr
}

func (p *parser) operations(e *etree.Element) *model.Operations {
	ops := &model.Operations{}
	a := p.open(e, &ops.Base, false, "id", "id-ref")
	ops.ID, ops.IDRef = a.get("id"), a.get("id-ref")
	for _, ch := range e.ChildElements() {
		if !is(ch, "op") {
			p.unknown(&ops.Base, e, ch)
			continue
		}
		op := &model.Op{}
		oa := p.open(ch, &op.Base, false, "id", "id-ref", "name", "interval", "timeout", "description", "start-delay",
			"interval-origin", "enabled", "record-pending", "role", "requires", "on-fail")
		p.require(ch, &op.Base, oa, "id", "name", "interval")
		order := make([]string, 0, len(ch.Attr))
		for _, at := range ch.Attr {
			order = append(order, at.FullKey())
		}
		layout(&op.Base).Attrs = order
		op.ID, op.IDRef, op.Name, op.Interval = oa.get("id"), oa.get("id-ref"), oa.get("name"), oa.get("interval")
		op.Timeout, op.Description, op.StartDelay = oa.get("timeout"), oa.get("description"), oa.get("start-delay")
		op.IntervalOrigin, op.Enabled, op.RecordPending = oa.get("interval-origin"), oa.get("enabled"), oa.get("record-pending")
		op.Role, op.Requires, op.OnFail = oa.get("role"), oa.get("requires"), oa.get("on-fail")
		for _, s := range ch.ChildElements() {
			if !p.sets(s, &op.MetaAttrs, &op.InstanceAttrs, nil) {
				p.unknown(&op.Base, ch, s)
			}
		}
		ops.Ops = append(ops.Ops, op)
	}
	return ops
}

func (p *parser) group(e *etree.Element) *model.Group {
	g := &model.Group{Members: []*model.Primitive{}}
	p.common(e, &g.ResourceCommon)
	for _, ch := range e.ChildElements() {
		if p.sets(ch, &g.MetaAttrs, &g.InstanceAttrs, &g.Utilization) {
			continue
		}
		if is(ch, "primitive") {
			g.Members = append(g.Members, p.primitive(ch, false))
			continue
		}
		p.unknown(&g.Base, e, ch)
	}
	return g
}

func (p *parser) clone(e *etree.Element) *model.Clone {
	c := &model.Clone{Element: e.Tag}
	p.common(e, &c.ResourceCommon)
	for _, ch := range e.ChildElements() {
		if p.sets(ch, &c.MetaAttrs, &c.InstanceAttrs, &c.Utilization) {
			continue
		}
		if c.Child == nil && (is(ch, "primitive") || is(ch, "group")) {
			c.Child = p.resource(ch, false)
			continue
		}
		p.unknown(&c.Base, e, ch)
	}
	if c.Child == nil {
		p.errorf(c.Range, CodeMissingAttribute, "<%s> %q has no primitive or group inside", e.Tag, c.ID)
	}
	return c
}

func (p *parser) part(e *etree.Element) *model.BundlePart {
	bp := &model.BundlePart{Element: e.Tag}
	bp.Range = p.rng(e)
	bp.Attrs = p.allAttrs(e, &bp.Base)
	p.noChildren(&bp.Base, e)
	return bp
}

// allAttrs reads every attribute of e in document order (elements whose
// attributes the model keeps as a list).
func (p *parser) allAttrs(e *etree.Element, b *model.Base) model.Attrs {
	as := make(model.Attrs, 0, len(e.Attr))
	var seen map[string]bool // for many attributes; few are searched in as
	if len(e.Attr) > 16 {
		seen = make(map[string]bool, len(e.Attr))
	}
	for _, at := range e.Attr {
		name := at.Key
		if at.Space != "" {
			name = at.FullKey()
		}
		dup := false
		if seen != nil {
			dup, seen[name] = seen[name], true
		} else {
			_, dup = as.Get(name)
		}
		if dup {
			p.errorf(b.Range, CodeDuplicateAttr, "attribute %q given twice on <%s>; the first value is kept", name, e.Tag)
			continue
		}
		as = append(as, model.Attr{Name: name, Value: at.Value})
		if name == "id" && !p.inStatus {
			p.defineID(at.Value, b.Range)
		}
	}
	p.children(e, b)
	return as
}

func (p *parser) bundle(e *etree.Element) *model.Bundle {
	bd := &model.Bundle{}
	p.common(e, &bd.ResourceCommon)
	for _, ch := range e.ChildElements() {
		if p.sets(ch, &bd.MetaAttrs, &bd.InstanceAttrs, &bd.Utilization) {
			continue
		}
		switch {
		case (is(ch, "docker") || is(ch, "podman") || is(ch, "rkt")) && bd.Container == nil:
			bd.Container = p.part(ch)
		case is(ch, "network") && bd.Network == nil:
			nw := &model.BundleNetwork{}
			nw.Range = p.rng(ch)
			nw.Attrs = p.allAttrs(ch, &nw.Base)
			for _, pm := range ch.ChildElements() {
				if is(pm, "port-mapping") {
					nw.PortMappings = append(nw.PortMappings, p.part(pm))
				} else {
					p.unknown(&nw.Base, ch, pm)
				}
			}
			bd.Network = nw
		case is(ch, "storage") && bd.StorageBase == nil:
			sb := &model.Base{}
			p.open(ch, sb, false)
			for _, sm := range ch.ChildElements() {
				if is(sm, "storage-mapping") {
					bd.Storage = append(bd.Storage, p.part(sm))
				} else {
					p.unknown(sb, ch, sm)
				}
			}
			bd.StorageBase = sb
		case is(ch, "primitive") && bd.Primitive == nil:
			bd.Primitive = p.primitive(ch, false)
		default:
			p.unknown(&bd.Base, e, ch)
		}
	}
	return bd
}

func (p *parser) constraint(e *etree.Element) model.Constraint {
	if e.Space != "" {
		return nil
	}
	switch e.Tag {
	case "rsc_location":
		l := &model.Location{}
		a := p.open(e, &l.Base, false, "id", "rsc", "rsc-pattern", "node", "score", "role", "resource-discovery")
		p.require(e, &l.Base, a, "id")
		l.ID, l.Rsc, l.RscPattern, l.Node = a.get("id"), a.get("rsc"), a.get("rsc-pattern"), a.get("node")
		l.Score, l.Role, l.ResourceDiscovery = a.get("score"), a.get("role"), a.get("resource-discovery")
		for _, ch := range e.ChildElements() {
			switch {
			case is(ch, "rule"):
				l.Rules = append(l.Rules, p.rule(ch))
			case is(ch, "resource_set"):
				l.Sets = append(l.Sets, p.resourceSet(ch))
			default:
				p.unknown(&l.Base, e, ch)
			}
		}
		return l
	case "rsc_colocation":
		c := &model.Colocation{}
		a := p.open(e, &c.Base, false, "id", "rsc", "with-rsc", "rsc-role", "with-rsc-role", "rsc-instance",
			"with-rsc-instance", "score", "node-attribute", "influence")
		p.require(e, &c.Base, a, "id")
		c.ID, c.Rsc, c.WithRsc, c.RscRole, c.WithRscRole = a.get("id"), a.get("rsc"), a.get("with-rsc"), a.get("rsc-role"), a.get("with-rsc-role")
		c.RscInstance, c.WithRscInstance, c.Score = a.get("rsc-instance"), a.get("with-rsc-instance"), a.get("score")
		c.NodeAttribute, c.Influence = a.get("node-attribute"), a.get("influence")
		c.Sets = p.resourceSets(e, &c.Base)
		return c
	case "rsc_order":
		o := &model.Order{}
		a := p.open(e, &o.Base, false, "id", "first", "then", "first-action", "then-action", "first-instance",
			"then-instance", "kind", "score", "symmetrical", "require-all")
		p.require(e, &o.Base, a, "id")
		o.ID, o.First, o.Then, o.FirstAction, o.ThenAction = a.get("id"), a.get("first"), a.get("then"), a.get("first-action"), a.get("then-action")
		o.FirstInstance, o.ThenInstance, o.Kind, o.Score = a.get("first-instance"), a.get("then-instance"), a.get("kind"), a.get("score")
		o.Symmetrical, o.RequireAll = a.get("symmetrical"), a.get("require-all")
		o.Sets = p.resourceSets(e, &o.Base)
		return o
	case "rsc_ticket":
		t := &model.Ticket{}
		a := p.open(e, &t.Base, false, "id", "rsc", "rsc-role", "ticket", "loss-policy")
		p.require(e, &t.Base, a, "id", "ticket")
		t.ID, t.Rsc, t.RscRole, t.Ticket, t.LossPolicy = a.get("id"), a.get("rsc"), a.get("rsc-role"), a.get("ticket"), a.get("loss-policy")
		t.Sets = p.resourceSets(e, &t.Base)
		return t
	}
	return nil
}

func (p *parser) resourceSets(e *etree.Element, b *model.Base) []*model.ResourceSet {
	var sets []*model.ResourceSet
	for _, ch := range e.ChildElements() {
		if is(ch, "resource_set") {
			sets = append(sets, p.resourceSet(ch))
		} else {
			p.unknown(b, e, ch)
		}
	}
	return sets
}

func (p *parser) resourceSet(e *etree.Element) *model.ResourceSet {
	rs := &model.ResourceSet{}
	a := p.open(e, &rs.Base, false, "id", "id-ref", "sequential", "require-all", "ordering", "action", "role", "score", "kind")
	p.require(e, &rs.Base, a, "id")
	rs.ID, rs.IDRef, rs.Sequential, rs.RequireAll = a.get("id"), a.get("id-ref"), a.get("sequential"), a.get("require-all")
	rs.Ordering, rs.Action, rs.Role, rs.Score, rs.Kind = a.get("ordering"), a.get("action"), a.get("role"), a.get("score"), a.get("kind")
	rs.Resources = p.refList(e, &rs.Base, "resource_ref")
	return rs
}

func (p *parser) rule(e *etree.Element) *model.Rule {
	r := &model.Rule{}
	a := p.open(e, &r.Base, false, "id", "id-ref", "score", "score-attribute", "boolean-op", "role")
	p.require(e, &r.Base, a, "id")
	r.ID, r.IDRef, r.Score, r.ScoreAttribute = a.get("id"), a.get("id-ref"), a.get("score"), a.get("score-attribute")
	r.BooleanOp, r.Role = a.get("boolean-op"), a.get("role")
	for _, ch := range e.ChildElements() {
		if x := p.expression(ch); x != nil {
			r.Expressions = append(r.Expressions, x)
		} else {
			p.unknown(&r.Base, e, ch)
		}
	}
	return r
}

func (p *parser) expression(e *etree.Element) model.Expression {
	if e.Space != "" {
		return nil
	}
	switch e.Tag {
	case "rule":
		return p.rule(e)
	case "expression":
		x := &model.Expr{}
		a := p.open(e, &x.Base, false, "id", "id-ref", "attribute", "operation", "value", "type", "value-source")
		p.require(e, &x.Base, a, "id", "attribute", "operation")
		x.ID, x.IDRef, x.Attribute, x.Operation = a.get("id"), a.get("id-ref"), a.get("attribute"), a.get("operation")
		x.Value, x.Type, x.ValueSource = a.get("value"), a.get("type"), a.get("value-source")
		p.noChildren(&x.Base, e)
		return x
	case "date_expression":
		x := &model.DateExpr{}
		a := p.open(e, &x.Base, false, "id", "operation", "start", "end")
		p.require(e, &x.Base, a, "id")
		x.ID, x.Operation, x.Start, x.End = a.get("id"), a.get("operation"), a.get("start"), a.get("end")
		for _, ch := range e.ChildElements() {
			switch {
			case is(ch, "date_spec") && x.DateSpec == nil:
				x.DateSpec = p.dateSpec(ch)
			case is(ch, "duration") && x.Duration == nil:
				x.Duration = p.dateSpec(ch)
			default:
				p.unknown(&x.Base, e, ch)
			}
		}
		return x
	case "op_expression":
		x := &model.OpExpr{}
		a := p.open(e, &x.Base, false, "id", "name", "interval")
		p.require(e, &x.Base, a, "id", "name")
		x.ID, x.Name, x.Interval = a.get("id"), a.get("name"), a.get("interval")
		p.noChildren(&x.Base, e)
		return x
	case "rsc_expression":
		x := &model.RscExpr{}
		a := p.open(e, &x.Base, false, "id", "class", "provider", "type")
		p.require(e, &x.Base, a, "id")
		x.ID, x.Class, x.Provider, x.Type = a.get("id"), a.get("class"), a.get("provider"), a.get("type")
		p.noChildren(&x.Base, e)
		return x
	}
	return nil
}

func (p *parser) dateSpec(e *etree.Element) *model.DateSpec {
	ds := &model.DateSpec{}
	ds.Range = p.rng(e)
	for _, at := range p.allAttrs(e, &ds.Base) {
		if at.Name == "id" {
			ds.ID = at.Value
			continue
		}
		ds.Fields = append(ds.Fields, at)
	}
	p.noChildren(&ds.Base, e)
	return ds
}

func (p *parser) alert(e *etree.Element) *model.Alert {
	al := &model.Alert{}
	a := p.open(e, &al.Base, false, "id", "path", "description")
	p.require(e, &al.Base, a, "id", "path")
	al.ID, al.Path, al.Description = a.get("id"), a.get("path"), a.get("description")
	for _, ch := range e.ChildElements() {
		if p.sets(ch, &al.MetaAttrs, &al.InstanceAttrs, nil) {
			continue
		}
		switch {
		case is(ch, "select") && al.Select == nil:
			sel := &model.AlertSelect{}
			p.open(ch, &sel.Base, false)
			for _, k := range ch.ChildElements() {
				if k.Space != "" {
					p.unknown(&sel.Base, ch, k)
					continue
				}
				switch k.Tag {
				case "select_nodes", "select_fencing", "select_resources":
					sel.Kinds = append(sel.Kinds, k.Tag)
					kb := p.sectionBase(k)
					sel.Comments = append(sel.Comments, kb.Comments...)
					p.noChildren(&sel.Base, k)
				case "select_attributes":
					sel.Kinds = append(sel.Kinds, k.Tag)
					kb := p.sectionBase(k)
					sel.Comments = append(sel.Comments, kb.Comments...)
					for _, at := range k.ChildElements() {
						if !is(at, "attribute") {
							p.unknown(&sel.Base, k, at)
							continue
						}
						aa := &model.AlertAttribute{}
						x := p.open(at, &aa.Base, false, "id", "name")
						p.require(at, &aa.Base, x, "id", "name")
						aa.ID, aa.Name = x.get("id"), x.get("name")
						p.noChildren(&aa.Base, at)
						sel.Attributes = append(sel.Attributes, aa)
					}
				default:
					p.unknown(&sel.Base, ch, k)
				}
			}
			al.Select = sel
		case is(ch, "recipient"):
			rc := &model.Recipient{}
			x := p.open(ch, &rc.Base, false, "id", "value", "description")
			p.require(ch, &rc.Base, x, "id", "value")
			rc.ID, rc.Value, rc.Description = x.get("id"), x.get("value"), x.get("description")
			for _, s := range ch.ChildElements() {
				if !p.sets(s, &rc.MetaAttrs, &rc.InstanceAttrs, nil) {
					p.unknown(&rc.Base, ch, s)
				}
			}
			al.Recipients = append(al.Recipients, rc)
		default:
			p.unknown(&al.Base, e, ch)
		}
	}
	return al
}

func (p *parser) acls(e *etree.Element) *model.ACLs {
	acls := &model.ACLs{}
	p.open(e, &acls.Base, false)
	for _, ch := range e.ChildElements() {
		if ch.Space != "" {
			p.unknown(&acls.Base, e, ch)
			continue
		}
		switch ch.Tag {
		case "acl_target", "acl_group", "acl_user":
			t := &model.ACLTarget{Element: ch.Tag}
			a := p.open(ch, &t.Base, false, "id", "name")
			p.require(ch, &t.Base, a, "id")
			t.ID, t.Name = a.get("id"), a.get("name")
			for _, r := range ch.ChildElements() {
				switch {
				case is(r, "role") || (ch.Tag == "acl_user" && is(r, "role_ref")):
					ir := p.idref(r)
					t.Roles = append(t.Roles, ir)
				case ch.Tag == "acl_user" && (is(r, "read") || is(r, "write") || is(r, "deny")):
					t.Permissions = append(t.Permissions, p.permission(r))
				default:
					p.unknown(&t.Base, ch, r)
				}
			}
			acls.Targets = append(acls.Targets, t)
		case "acl_role":
			r := &model.ACLRole{}
			a := p.open(ch, &r.Base, false, "id", "description")
			p.require(ch, &r.Base, a, "id")
			r.ID, r.Description = a.get("id"), a.get("description")
			for _, pm := range ch.ChildElements() {
				if is(pm, "acl_permission") || is(pm, "read") || is(pm, "write") || is(pm, "deny") {
					r.Permissions = append(r.Permissions, p.permission(pm))
				} else {
					p.unknown(&r.Base, ch, pm)
				}
			}
			acls.Roles = append(acls.Roles, r)
		default:
			p.unknown(&acls.Base, e, ch)
		}
	}
	return acls
}

func (p *parser) permission(e *etree.Element) *model.ACLPermission {
	pm := &model.ACLPermission{}
	if e.Tag == "acl_permission" {
		a := p.open(e, &pm.Base, false, "id", "kind", "xpath", "reference", "object-type", "attribute", "description")
		p.require(e, &pm.Base, a, "id", "kind")
		pm.ID, pm.Kind, pm.Xpath, pm.Reference = a.get("id"), a.get("kind"), a.get("xpath"), a.get("reference")
		pm.ObjectType, pm.Attribute, pm.Description = a.get("object-type"), a.get("attribute"), a.get("description")
	} else {
		// Legacy (pacemaker-1.x) read/write/deny: ref and tag name what
		// reference and object-type name today.
		pm.Element, pm.Kind = e.Tag, e.Tag
		a := p.open(e, &pm.Base, false, "id", "xpath", "ref", "tag", "attribute")
		p.require(e, &pm.Base, a, "id")
		pm.ID, pm.Xpath, pm.Reference, pm.ObjectType, pm.Attribute = a.get("id"), a.get("xpath"), a.get("ref"), a.get("tag"), a.get("attribute")
	}
	p.noChildren(&pm.Base, e)
	return pm
}

// status lowers the status section. Status attributes are free-form (every
// daemon version adds some), so they are kept as ordered lists, unreported.
func (p *parser) status(e *etree.Element) *model.Status {
	st := &model.Status{}
	p.open(e, &st.Base, true)
	for _, ch := range e.ChildElements() {
		switch {
		case is(ch, "node_state"):
			ns := p.lowered[ch]
			if ns == nil {
				ns = p.nodeState(ch)
			}
			st.Nodes = append(st.Nodes, ns)
		case is(ch, "tickets") && st.TicketsBase == nil:
			tb := &model.Base{}
			p.open(ch, tb, true)
			for _, t := range ch.ChildElements() {
				if is(t, "ticket_state") {
					ts := &model.TicketState{}
					ts.Range = p.rng(t)
					ts.Attrs = nonNil(p.allAttrs(t, &ts.Base))
					p.noChildren(&ts.Base, t)
					st.Tickets = append(st.Tickets, ts)
				} else {
					p.unknown(tb, ch, t)
				}
			}
			st.TicketsBase = tb
			st.NodesAfterTickets = -len(st.Nodes)
		default:
			p.unknown(&st.Base, e, ch)
		}
	}
	if st.TicketsBase != nil {
		st.NodesAfterTickets += len(st.Nodes)
	}
	return st
}

// nodeState lowers one node_state of the status section.
func (p *parser) nodeState(ch *etree.Element) *model.NodeState {
	ns := &model.NodeState{}
	ns.Range = p.rng(ch)
	ns.Attrs = nonNil(p.allAttrs(ch, &ns.Base))
	for _, g := range ch.ChildElements() {
		switch {
		case is(g, "transient_attributes") && ns.Transient == nil:
			ta := &model.TransientAttributes{}
			a := p.open(g, &ta.Base, true, "id")
			ta.ID = a.get("id")
			for _, s := range g.ChildElements() {
				if is(s, "instance_attributes") || is(s, "utilization") || is(s, "meta_attributes") || is(s, "attributes") {
					ta.Sets = append(ta.Sets, p.nvset(s))
				} else {
					p.unknown(&ta.Base, g, s)
				}
			}
			ns.Transient = ta
		case is(g, "lrm") && ns.LRM == nil:
			if l, ok := p.streamed[g]; ok {
				ns.LRM = l
			} else {
				ns.LRM = p.lrm(g)
			}
			ns.TransientFirst = ns.Transient != nil
		default:
			p.unknown(&ns.Base, ch, g)
		}
	}
	return ns
}

func (p *parser) lrm(e *etree.Element) *model.LRM {
	l := &model.LRM{}
	a := p.open(e, &l.Base, true, "id")
	l.ID = a.get("id")
	for _, ch := range e.ChildElements() {
		if !is(ch, "lrm_resources") || l.ResourcesBase != nil {
			p.unknown(&l.Base, e, ch)
			continue
		}
		rb := &model.Base{}
		p.open(ch, rb, true)
		for _, r := range ch.ChildElements() {
			if !is(r, "lrm_resource") {
				p.unknown(rb, ch, r)
				continue
			}
			lr := &model.LRMResource{}
			lr.Range = p.rng(r)
			lr.Attrs = nonNil(p.allAttrs(r, &lr.Base))
			for _, o := range r.ChildElements() {
				if !is(o, "lrm_rsc_op") {
					p.unknown(&lr.Base, r, o)
					continue
				}
				op := &model.LRMOp{}
				op.Range = p.rng(o)
				op.Attrs = model.OpAttrsList(nonNil(p.allAttrs(o, &op.Base)))
				p.noChildren(&op.Base, o)
				lr.Ops = append(lr.Ops, op)
			}
			l.Resources = append(l.Resources, lr)
		}
		l.ResourcesBase = rb
	}
	return l
}

func nonNil(as model.Attrs) model.Attrs {
	if as == nil {
		return model.Attrs{}
	}
	return as
}
