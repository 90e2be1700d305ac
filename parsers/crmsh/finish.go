package crmsh

import (
	"strconv"

	"github.com/beevik/etree"

	"hakit/emit/cib"
	"hakit/model"
)

// finish resolves what needs the whole file: container children, monitor
// statements, references and fencing levels.
func (p *parser) finish() {
	p.duplicateClaims()
	taken := map[string]bool{}
	for _, cr := range p.childRefs {
		r, ok := p.rscs[cr.id]
		if !ok {
			p.diags.Errorf(cr.rng, CodeUndefinedRef, "%s %s: member %s is not defined (crmsh reports an ERROR yet commits the container without it)", kindOf(cr.container), cr.container.ResourceID(), cr.id)
			continue
		}
		if taken[cr.id] {
			p.diags.Errorf(cr.rng, CodeContainer, "resource %s is already in another group, clone or bundle", cr.id)
			continue
		}
		switch ct := cr.container.(type) {
		case *model.Group:
			pr, ok := r.(*model.Primitive)
			if !ok || pr.IsTemplate {
				p.diags.Errorf(cr.rng, CodeContainer, "group %s: member %s is not a primitive", ct.ID, cr.id)
				continue
			}
			ct.Members = append(ct.Members, pr)
		case *model.Clone:
			switch r.(type) {
			case *model.Primitive, *model.Group:
				if pr, ok := r.(*model.Primitive); ok && pr.IsTemplate {
					p.diags.Errorf(cr.rng, CodeContainer, "clone %s: %s is a template", ct.ID, cr.id)
					continue
				}
				ct.Child = r
			default:
				p.diags.Errorf(cr.rng, CodeContainer, "clone %s: %s cannot be cloned (only a primitive or a group)", ct.ID, cr.id)
				continue
			}
		case *model.Bundle:
			pr, ok := r.(*model.Primitive)
			if !ok || pr.IsTemplate {
				p.diags.Errorf(cr.rng, CodeContainer, "bundle %s: %s is not a primitive", ct.ID, cr.id)
				continue
			}
			ct.Primitive = pr
		default:
			panic("crmsh: unexpected container type " + kindOf(ct))
		}
		taken[cr.id] = true
	}
	// crm configure show prints a bundle holding a primitive as xml, the
	// primitive inside, and the primitive again as a statement: the two
	// are one primitive (the bundle's, with the CIB's ids), as crmsh
	// loads them, when they say the same.
	for _, r := range p.rorder {
		b, ok := r.(*model.Bundle)
		if !ok || b.Primitive == nil {
			continue
		}
		st, ok := p.rscs[b.Primitive.ID].(*model.Primitive)
		if !ok || st == b.Primitive || taken[st.ID] {
			continue
		}
		if !samePrimitive(st, b.Primitive) {
			p.diags.Errorf(st.Range, CodeDuplicateID, "primitive %s is defined twice, differently: here and inside the xml of bundle %s", st.ID, b.ID)
			continue
		}
		taken[st.ID] = true
	}
	for _, r := range p.rorder {
		if !taken[r.ResourceID()] {
			p.cfg.Resources = append(p.cfg.Resources, r)
		}
	}
	for _, m := range p.monitors {
		pr, ok := p.findPrimitive(m.rsc)
		if !ok {
			p.diags.Errorf(m.rng, CodeUndefinedRef, "monitor: resource %s is not a defined primitive", m.rsc)
			continue
		}
		if pr.Operations == nil {
			pr.Operations = &model.Operations{}
		}
		m.op.ID = p.newID(pr.ID, "op", m.op.Name+"-"+m.op.Interval)
		pr.Operations.Ops = append(pr.Operations.Ops, m.op)
	}
	// A constraint is an object, but never what a reference names (a
	// constraint naming its own id as its resource).
	constraints := map[string]bool{}
	for _, k := range p.cfg.Constraints {
		constraints[k.ConstraintID()] = true
	}
	for _, rf := range p.refs {
		if _, ok := p.objs[rf.id]; ok && !constraints[rf.id] {
			continue
		}
		p.diags.Errorf(rf.rng, CodeUndefinedRef, "%s %s is not defined", rf.what, rf.id)
	}
	p.levels()
	p.resolveIDRefs()
	for _, rf := range p.atRefs {
		if !p.used[rf.id] {
			p.diags.Errorf(rf.rng, CodeUndefinedRef, "@%s: no element has the id %q (crmsh: Reference not found; Pacemaker's schema refuses the id-ref)", rf.id, rf.id)
		}
	}
}

// idrefSite is one $id-ref=X of an attribute set, operations or rule.
type idrefSite struct {
	kind string  // instance_attributes, meta_attributes, utilization, operations, rule
	ref  *string // the id-ref, rewritten when it names an object
	at   model.Range
	stmt int // byte offset of the referring statement
}

// resolveIDRefs resolves "$id-ref=X" where X is an object as crmsh does:
// an attribute set or operations refer to the first element of that kind
// inside resource X, a rule to the first rule inside object X (a
// location, say). crmsh looks X up among the objects it already has, so X
// must be defined before the referring statement; otherwise, or when X has
// no such element with an id, crmsh writes id-ref="X" and Pacemaker
// rejects the CIB: an error here. An X that is not an object (a set's own
// id) is left as it is.
func (p *parser) resolveIDRefs() {
	for _, s := range p.idrefs {
		x := *s.ref
		if x == "" {
			// An empty IDREF is not an id: Pacemaker's schema rejects it.
			p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref= names no id", s.kind)
			continue
		}
		def, ok := p.objs[x]
		if !ok {
			if !p.used[x] {
				p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref=%s: no element has the id %q (crmsh: Reference not found; Pacemaker's schema refuses the id-ref)", s.kind, x, x)
			}
			continue
		}
		var obj any
		if r, ok := p.rscs[x]; ok {
			obj = r
		} else if s.kind == "rule" {
			for _, k := range p.cfg.Constraints {
				if l, ok := k.(*model.Location); ok && l.ID == x {
					obj = l
				}
			}
		}
		if obj == nil {
			if s.kind == "rule" {
				p.diags.Errorf(s.at, CodeUndefinedRef, "rule $id-ref=%s: %s has no rule (crmsh writes id-ref=%q, which Pacemaker rejects)", x, x, x)
			} else {
				p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref=%s: %s is not a resource (crmsh writes id-ref=%q, which Pacemaker rejects)", s.kind, x, x, x)
			}
			continue
		}
		if def.Start.Byte >= s.stmt {
			p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref=%s: %s is defined further down; crmsh resolves a reference to an object only when the object comes first (otherwise it writes id-ref=%q, which Pacemaker rejects): move %s above", s.kind, x, x, x, x)
			continue
		}
		id, found := firstOfKind(obj, s.kind)
		switch {
		case id != "":
			*s.ref = id
		case found:
			p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref=%s: the %s of %s have no id (crmsh writes id-ref=%q, which Pacemaker rejects): give them one (operations $id=...)", s.kind, x, s.kind, x, x)
		default:
			p.diags.Errorf(s.at, CodeUndefinedRef, "%s $id-ref=%s: %s has no %s (crmsh writes id-ref=%q, which Pacemaker rejects)", s.kind, x, x, s.kind, x)
		}
	}
}

// firstOfKind finds the first element of kind inside obj in document order
// (crmsh's ".//kind"): its id, and whether there was one at all.
func firstOfKind(obj any, kind string) (string, bool) {
	sets := func(rc *model.ResourceCommon) []*model.NVSet {
		// crmsh writes params, meta, utilization in this order.
		var all []*model.NVSet
		all = append(all, rc.InstanceAttrs...)
		all = append(all, rc.MetaAttrs...)
		return append(all, rc.Utilization...)
	}
	var walkSets func(ss []*model.NVSet) (string, bool)
	walkSets = func(ss []*model.NVSet) (string, bool) {
		for _, st := range ss {
			if kind == "rule" {
				if st.Rule != nil {
					return st.Rule.ID, true
				}
				continue
			}
			if st.Kind == kind {
				return st.ID, true
			}
		}
		return "", false
	}
	switch o := obj.(type) {
	case *model.Location:
		for _, r := range o.Rules {
			return r.ID, true
		}
	case *model.Primitive:
		if id, ok := walkSets(sets(&o.ResourceCommon)); ok {
			return id, ok
		}
		if ops := o.Operations; ops != nil {
			if kind == "operations" {
				return ops.ID, true
			}
			for _, op := range ops.Ops {
				if id, ok := walkSets(append(append([]*model.NVSet{}, op.InstanceAttrs...), op.MetaAttrs...)); ok {
					return id, ok
				}
			}
		}
	case *model.Group:
		if id, ok := walkSets(sets(&o.ResourceCommon)); ok {
			return id, ok
		}
		for _, m := range o.Members {
			if id, ok := firstOfKind(m, kind); ok {
				return id, ok
			}
		}
	case *model.Clone:
		if id, ok := walkSets(sets(&o.ResourceCommon)); ok {
			return id, ok
		}
		if o.Child != nil {
			return firstOfKind(o.Child, kind)
		}
	case *model.Bundle:
		if id, ok := walkSets(sets(&o.ResourceCommon)); ok {
			return id, ok
		}
		if o.Primitive != nil {
			return firstOfKind(o.Primitive, kind)
		}
	}
	return "", false
}

func (p *parser) findPrimitive(id string) (*model.Primitive, bool) {
	r, ok := p.rscs[id]
	if !ok {
		return nil, false
	}
	pr, ok := r.(*model.Primitive)
	return pr, ok
}

func kindOf(r model.Resource) string {
	switch r.(type) {
	case *model.Group:
		return "group"
	case *model.Clone:
		return "clone"
	case *model.Bundle:
		return "bundle"
	case *model.Primitive:
		return "primitive"
	}
	return "resource"
}

func (p *parser) levels() {
	if p.cfg.FencingTopology == nil {
		return
	}
	var raw []pendingLevel
	if len(p.fencing) > 0 && p.fencing[0].all {
		for _, n := range p.cfg.Nodes {
			for _, l := range p.fencing {
				l.target = n.Uname
				raw = append(raw, l)
			}
		}
	} else {
		raw = p.fencing
	}
	counts := map[string]int{}
	for _, l := range raw {
		key := l.target
		lv := &model.FencingLevel{Base: model.Base{Range: l.rng}, Devices: l.devices}
		switch {
		case l.pattern != "":
			key = l.pattern
			lv.TargetPattern = l.pattern
		case l.attr != "":
			key = l.attr
			lv.TargetAttribute, lv.TargetValue = l.attr, l.value
		default:
			lv.Target = l.target
		}
		counts[key]++
		lv.Index = strconv.Itoa(counts[key])
		lv.ID = p.newID("fencing", "fencing-level", "")
		p.cfg.FencingTopology.Levels = append(p.cfg.FencingTopology.Levels, lv)
	}
}

// samePrimitive reports whether a and b give the same CIB element, ids of
// their sets, pairs and operations, attribute order and comments aside.
func samePrimitive(a, b *model.Primitive) bool {
	render := func(p *model.Primitive) string {
		doc, err := cib.Document(&model.Cluster{Config: &model.Configuration{Resources: []model.Resource{p}}}, cib.Options{OmitStatus: true})
		if err != nil {
			return ""
		}
		el := doc.FindElement("//resources/primitive")
		if el == nil {
			return ""
		}
		el = el.Copy()
		var clean func(x *etree.Element)
		clean = func(x *etree.Element) {
			for i := len(x.Child) - 1; i >= 0; i-- {
				if _, ok := x.Child[i].(*etree.Comment); ok {
					x.RemoveChildAt(i)
				}
			}
			x.SortAttrs()
			for _, c := range x.ChildElements() {
				c.RemoveAttr("id")
				clean(c)
			}
		}
		clean(el)
		d := etree.NewDocument()
		d.SetRoot(el)
		s, _ := d.WriteToString()
		return s
	}
	ra := render(a)
	return ra != "" && ra == render(b)
}
