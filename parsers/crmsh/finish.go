package crmsh

import (
	"strconv"

	"hakit/model"
)

// finish resolves what needs the whole file: container children, monitor
// statements, references and fencing levels.
func (p *parser) finish() {
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
	for _, rf := range p.refs {
		if _, ok := p.objs[rf.id]; ok {
			continue
		}
		p.diags.Errorf(rf.rng, CodeUndefinedRef, "%s %s is not defined", rf.what, rf.id)
	}
	p.levels()
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
