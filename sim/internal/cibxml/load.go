// Package cibxml is the simulator's private, minimal CIB reader: it fills the
// parts of model.Cluster the scheduler reads, without positions or
// diagnostics. It exists until parsers/cib can be used; it never panics and
// never prints.
package cibxml

import (
	"fmt"

	"github.com/beevik/etree"

	"hakit/model"
)

// Load parses a CIB document.
func Load(src []byte) (*model.Cluster, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(src); err != nil {
		return nil, fmt.Errorf("reading cib xml: %w", err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "cib" {
		return nil, fmt.Errorf("reading cib xml: no <cib> root element")
	}
	c := &model.Cluster{CIB: &model.CIBHeader{Attrs: attrs(root)}}
	if cfg := root.SelectElement("configuration"); cfg != nil {
		c.Config = config(cfg)
	}
	if st := root.SelectElement("status"); st != nil {
		c.Status = status(st)
	}
	return c, nil
}

func attrs(e *etree.Element) model.Attrs {
	var as model.Attrs
	for _, a := range e.Attr {
		as = append(as, model.Attr{Name: a.Key, Value: a.Value})
	}
	return as
}

func nvset(e *etree.Element) *model.NVSet {
	s := &model.NVSet{Kind: e.Tag, ID: e.SelectAttrValue("id", ""), IDRef: e.SelectAttrValue("id-ref", ""),
		Score: e.SelectAttrValue("score", "")}
	for _, ch := range e.ChildElements() {
		switch ch.Tag {
		case "nvpair", "attribute":
			p := &model.NVPair{ID: ch.SelectAttrValue("id", ""), IDRef: ch.SelectAttrValue("id-ref", ""),
				Name: ch.SelectAttrValue("name", "")}
			if v := ch.SelectAttr("value"); v != nil {
				p.Value = v.Value
			} else {
				p.NoValue = true
			}
			s.Pairs = append(s.Pairs, p)
		case "rule":
			s.Rule = rule(ch)
		}
	}
	return s
}

func sets(e *etree.Element, tags ...string) []*model.NVSet {
	var out []*model.NVSet
	for _, ch := range e.ChildElements() {
		for _, t := range tags {
			if ch.Tag == t {
				out = append(out, nvset(ch))
			}
		}
	}
	return out
}

func rule(e *etree.Element) *model.Rule {
	r := &model.Rule{ID: e.SelectAttrValue("id", ""), IDRef: e.SelectAttrValue("id-ref", ""),
		Score: e.SelectAttrValue("score", ""), ScoreAttribute: e.SelectAttrValue("score-attribute", ""),
		BooleanOp: e.SelectAttrValue("boolean-op", ""), Role: e.SelectAttrValue("role", "")}
	for _, ch := range e.ChildElements() {
		switch ch.Tag {
		case "expression":
			r.Expressions = append(r.Expressions, &model.Expr{ID: ch.SelectAttrValue("id", ""),
				Attribute: ch.SelectAttrValue("attribute", ""), Operation: ch.SelectAttrValue("operation", ""),
				Value: ch.SelectAttrValue("value", ""), Type: ch.SelectAttrValue("type", ""),
				ValueSource: ch.SelectAttrValue("value-source", "")})
		case "date_expression":
			d := &model.DateExpr{ID: ch.SelectAttrValue("id", ""), Operation: ch.SelectAttrValue("operation", ""),
				Start: ch.SelectAttrValue("start", ""), End: ch.SelectAttrValue("end", "")}
			if ds := ch.SelectElement("date_spec"); ds != nil {
				d.DateSpec = &model.DateSpec{ID: ds.SelectAttrValue("id", ""), Fields: attrs(ds)}
			}
			if du := ch.SelectElement("duration"); du != nil {
				d.Duration = &model.DateSpec{ID: du.SelectAttrValue("id", ""), Fields: attrs(du)}
			}
			r.Expressions = append(r.Expressions, d)
		case "op_expression":
			r.Expressions = append(r.Expressions, &model.OpExpr{ID: ch.SelectAttrValue("id", ""),
				Name: ch.SelectAttrValue("name", ""), Interval: ch.SelectAttrValue("interval", "")})
		case "rsc_expression":
			r.Expressions = append(r.Expressions, &model.RscExpr{ID: ch.SelectAttrValue("id", ""),
				Class: ch.SelectAttrValue("class", ""), Provider: ch.SelectAttrValue("provider", ""),
				Type: ch.SelectAttrValue("type", "")})
		case "rule":
			r.Expressions = append(r.Expressions, rule(ch))
		}
	}
	return r
}

func common(e *etree.Element) model.ResourceCommon {
	rc := model.ResourceCommon{ID: e.SelectAttrValue("id", "")}
	rc.MetaAttrs = sets(e, "meta_attributes")
	rc.InstanceAttrs = sets(e, "instance_attributes")
	rc.Utilization = sets(e, "utilization")
	// Legacy XML-attribute meta (e.g. globally_unique on the element) is kept
	// in Extra.
	for _, a := range e.Attr {
		switch a.Key {
		case "id", "class", "provider", "type", "template", "description":
		default:
			rc.Extra = append(rc.Extra, model.Attr{Name: a.Key, Value: a.Value})
		}
	}
	return rc
}

func primitive(e *etree.Element) *model.Primitive {
	p := &model.Primitive{ResourceCommon: common(e), IsTemplate: e.Tag == "template",
		Class: e.SelectAttrValue("class", ""), Provider: e.SelectAttrValue("provider", ""),
		Type: e.SelectAttrValue("type", ""), Template: e.SelectAttrValue("template", "")}
	if ops := e.SelectElement("operations"); ops != nil {
		p.Operations = &model.Operations{ID: ops.SelectAttrValue("id", ""), IDRef: ops.SelectAttrValue("id-ref", "")}
		for _, o := range ops.SelectElements("op") {
			op := &model.Op{ID: o.SelectAttrValue("id", ""), Name: o.SelectAttrValue("name", ""),
				Interval: o.SelectAttrValue("interval", ""), Timeout: o.SelectAttrValue("timeout", ""),
				Enabled: o.SelectAttrValue("enabled", ""), Role: o.SelectAttrValue("role", ""),
				Requires: o.SelectAttrValue("requires", ""), OnFail: o.SelectAttrValue("on-fail", ""),
				RecordPending: o.SelectAttrValue("record-pending", "")}
			op.MetaAttrs = sets(o, "meta_attributes")
			p.Operations.Ops = append(p.Operations.Ops, op)
		}
	}
	return p
}

func resource(e *etree.Element) model.Resource {
	switch e.Tag {
	case "primitive", "template":
		return primitive(e)
	case "group":
		g := &model.Group{ResourceCommon: common(e)}
		for _, ch := range e.SelectElements("primitive") {
			g.Members = append(g.Members, primitive(ch))
		}
		return g
	case "clone", "master":
		c := &model.Clone{ResourceCommon: common(e), Element: e.Tag}
		for _, ch := range e.ChildElements() {
			if ch.Tag == "primitive" || ch.Tag == "group" {
				c.Child = resource(ch)
			}
		}
		return c
	case "bundle":
		b := &model.Bundle{ResourceCommon: common(e)}
		for _, ch := range e.ChildElements() {
			switch ch.Tag {
			case "docker", "podman", "rkt":
				b.Container = &model.BundlePart{Element: ch.Tag, Attrs: attrs(ch)}
			case "network":
				b.Network = &model.BundleNetwork{Attrs: attrs(ch)}
				for _, pm := range ch.SelectElements("port-mapping") {
					b.Network.PortMappings = append(b.Network.PortMappings, &model.BundlePart{Element: pm.Tag, Attrs: attrs(pm)})
				}
			case "storage":
				for _, sm := range ch.ChildElements() {
					b.Storage = append(b.Storage, &model.BundlePart{Element: sm.Tag, Attrs: attrs(sm)})
				}
			case "primitive":
				b.Primitive = primitive(ch)
			}
		}
		return b
	}
	return nil
}

func rscSets(e *etree.Element) []*model.ResourceSet {
	var out []*model.ResourceSet
	for _, s := range e.SelectElements("resource_set") {
		rs := &model.ResourceSet{ID: s.SelectAttrValue("id", ""), IDRef: s.SelectAttrValue("id-ref", ""),
			Sequential: s.SelectAttrValue("sequential", ""), RequireAll: s.SelectAttrValue("require-all", ""),
			Ordering: s.SelectAttrValue("ordering", ""), Action: s.SelectAttrValue("action", ""),
			Role: s.SelectAttrValue("role", ""), Score: s.SelectAttrValue("score", ""), Kind: s.SelectAttrValue("kind", "")}
		for _, r := range s.SelectElements("resource_ref") {
			rs.Resources = append(rs.Resources, &model.IDRef{ID: r.SelectAttrValue("id", "")})
		}
		out = append(out, rs)
	}
	return out
}

func constraint(e *etree.Element) model.Constraint {
	v := func(k string) string { return e.SelectAttrValue(k, "") }
	switch e.Tag {
	case "rsc_location":
		l := &model.Location{ID: v("id"), Rsc: v("rsc"), RscPattern: v("rsc-pattern"), Node: v("node"),
			Score: v("score"), Role: v("role"), ResourceDiscovery: v("resource-discovery"), Sets: rscSets(e)}
		for _, r := range e.SelectElements("rule") {
			l.Rules = append(l.Rules, rule(r))
		}
		if l.Score == "" {
			if s := v("score-attribute"); s != "" {
				l.Extra = append(l.Extra, model.Attr{Name: "score-attribute", Value: s})
			}
		}
		return l
	case "rsc_colocation":
		rsc, with := v("rsc"), v("with-rsc")
		if rsc == "" {
			rsc = v("from")
		}
		if with == "" {
			with = v("to")
		}
		return &model.Colocation{ID: v("id"), Rsc: rsc, WithRsc: with, RscRole: first(v("rsc-role"), v("from_role")),
			WithRscRole: first(v("with-rsc-role"), v("to_role")), RscInstance: v("rsc-instance"),
			WithRscInstance: v("with-rsc-instance"), Score: v("score"), NodeAttribute: v("node-attribute"),
			Influence: v("influence"), Sets: rscSets(e)}
	case "rsc_order":
		f, t := v("first"), v("then")
		if f == "" {
			f = v("to")
		}
		if t == "" {
			t = v("from")
		}
		return &model.Order{ID: v("id"), First: f, Then: t, FirstAction: first(v("first-action"), v("to_action")),
			ThenAction: first(v("then-action"), v("action")), Kind: v("kind"), Score: v("score"),
			Symmetrical: v("symmetrical"), RequireAll: v("require-all"), Sets: rscSets(e)}
	case "rsc_ticket":
		return &model.Ticket{ID: v("id"), Rsc: v("rsc"), RscRole: v("rsc-role"), Ticket: v("ticket"),
			LossPolicy: v("loss-policy"), Sets: rscSets(e)}
	}
	return nil
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func config(e *etree.Element) *model.Configuration {
	c := &model.Configuration{}
	if cc := e.SelectElement("crm_config"); cc != nil {
		c.ClusterOptions = sets(cc, "cluster_property_set")
	}
	if ns := e.SelectElement("nodes"); ns != nil {
		for _, n := range ns.SelectElements("node") {
			c.Nodes = append(c.Nodes, &model.Node{ID: n.SelectAttrValue("id", ""), Uname: n.SelectAttrValue("uname", ""),
				Type: n.SelectAttrValue("type", ""), Score: n.SelectAttrValue("score", ""),
				InstanceAttrs: sets(n, "instance_attributes", "attributes"), Utilization: sets(n, "utilization")})
		}
	}
	if rs := e.SelectElement("resources"); rs != nil {
		for _, r := range rs.ChildElements() {
			if res := resource(r); res != nil {
				c.Resources = append(c.Resources, res)
			}
		}
	}
	if cs := e.SelectElement("constraints"); cs != nil {
		for _, x := range cs.ChildElements() {
			if con := constraint(x); con != nil {
				c.Constraints = append(c.Constraints, con)
			}
		}
	}
	if d := e.SelectElement("rsc_defaults"); d != nil {
		c.RscDefaults = sets(d, "meta_attributes")
	}
	if d := e.SelectElement("op_defaults"); d != nil {
		c.OpDefaults = sets(d, "meta_attributes")
	}
	if ft := e.SelectElement("fencing-topology"); ft != nil {
		c.FencingTopology = &model.FencingTopology{}
	}
	if tg := e.SelectElement("tags"); tg != nil {
		for _, t := range tg.SelectElements("tag") {
			tag := &model.Tag{ID: t.SelectAttrValue("id", "")}
			for _, r := range t.SelectElements("obj_ref") {
				tag.Refs = append(tag.Refs, &model.IDRef{ID: r.SelectAttrValue("id", "")})
			}
			c.Tags = append(c.Tags, tag)
		}
	}
	return c
}

func status(e *etree.Element) *model.Status {
	s := &model.Status{}
	for _, ch := range e.ChildElements() {
		switch ch.Tag {
		case "node_state":
			ns := &model.NodeState{Attrs: attrs(ch)}
			if ta := ch.SelectElement("transient_attributes"); ta != nil {
				ns.Transient = &model.TransientAttributes{ID: ta.SelectAttrValue("id", ""),
					Sets: sets(ta, "instance_attributes", "utilization")}
			}
			if lrm := ch.SelectElement("lrm"); lrm != nil {
				l := &model.LRM{ID: lrm.SelectAttrValue("id", "")}
				if lr := lrm.SelectElement("lrm_resources"); lr != nil {
					for _, r := range lr.SelectElements("lrm_resource") {
						res := &model.LRMResource{Attrs: attrs(r)}
						for _, o := range r.SelectElements("lrm_rsc_op") {
							res.Ops = append(res.Ops, &model.LRMOp{Attrs: attrs(o)})
						}
						l.Resources = append(l.Resources, res)
					}
				}
				ns.LRM = l
			}
			s.Nodes = append(s.Nodes, ns)
		case "tickets":
			for _, t := range ch.SelectElements("ticket_state") {
				s.Tickets = append(s.Tickets, &model.TicketState{Attrs: attrs(t)})
			}
		}
	}
	return s
}
