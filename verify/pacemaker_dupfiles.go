package verify

import "hakit/model"

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA7007", Title: "Object defined in two files of one cluster", Severity: model.SeverityError, Since: "0.1.0", Check: checkIDsAcrossFiles,
			Doc: pmDocAs("text", "Two files checked together (one cluster: the files named together, or one directory) define a\n"+
				"resource, template, tag or constraint with the same id. Merged into one configuration, as `hakit\n"+
				"convert` and `crm configure load update` do, one of them is lost (crmsh replaces the first with the\n"+
				"second) or the CIB is invalid (ids are unique in a CIB). Within one file the parsers report this\n"+
				"(HA0105, HA2006).",
				"crm_verify on the merged CIB says: `ID vip redefined`.",
				"# a.crm\nprimitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1\n# b.crm\nprimitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.2",
				"# a.crm\nprimitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1\n# b.crm\nprimitive vip2 ocf:heartbeat:IPaddr2 params ip=10.0.0.2")})
	})
}

func checkIDsAcrossFiles(p *Pass) {
	type def struct {
		file string
		at   model.Range
		what string
	}
	first := map[string]def{}
	for _, in := range p.Inputs {
		if in == nil || in.Cluster == nil || in.Cluster.Config == nil {
			continue
		}
		ic := &inputConfig{in: in, cfg: in.Cluster.Config}
		seen := map[string]bool{} // within this file: the parsers' business
		add := func(id, what string, e model.Element) {
			if id == "" || seen[id] {
				return
			}
			seen[id] = true
			if f, ok := first[id]; ok && f.file != in.Filename {
				d := p.Reportf(ic.at(e), "%s %s is also defined in %s (as a %s): one cluster holds one object per id; rename one (files given together are one cluster: put separate clusters in separate directories)", what, id, f.file, f.what)
				d.Related = append(d.Related, model.Related{Message: "first defined here", Subject: f.at})
				return
			}
			first[id] = def{file: in.Filename, at: ic.at(e), what: what}
		}
		var walk func(r model.Resource)
		walk = func(r model.Resource) {
			switch r := r.(type) {
			case *model.Primitive:
				if r.IsTemplate {
					add(r.ID, "template", r)
				} else {
					add(r.ID, "resource", r)
				}
			case *model.Group:
				add(r.ID, "resource", r)
				for _, m := range r.Members {
					if m != nil {
						walk(m)
					}
				}
			case *model.Clone:
				add(r.ID, "resource", r)
				if r.Child != nil {
					walk(r.Child)
				}
			case *model.Bundle:
				add(r.ID, "resource", r)
				if r.Primitive != nil {
					walk(r.Primitive)
				}
			}
		}
		for _, r := range in.Cluster.Config.Resources {
			if r != nil {
				walk(r)
			}
		}
		for _, c := range in.Cluster.Config.Constraints {
			if c != nil {
				add(c.ConstraintID(), "constraint", c)
			}
		}
		for _, t := range in.Cluster.Config.Tags {
			if t != nil {
				add(t.ID, "tag", t)
			}
		}
	}
}
