package verify

// HA1610: what Pacemaker 3.0 removed (ChangeLog of the Pacemaker-3.0.0 tag),
// reported when the configuration targets it (--target pacemaker-3.0).

import "hakit/model"

// Pacemaker3Rules are the opt-in rules that --target pacemaker-3.0.2
// enables: what Pacemaker 3.0 removed (HA1610) and the options 3.0.2 renamed
// (HA1009). --target pacemaker-3.0 enables HA1610 only.
var Pacemaker3Rules = []string{"HA1009", "HA1610"}

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1610", Title: "Removed in Pacemaker 3.0", Severity: model.SeverityError, Since: "0.1.0", Off: true, Check: checkRemovedIn3,
			Doc: pmDoc("Opt-in; `hakit verify --target pacemaker-3.0` (or 3.0.2, which adds HA1009, the stonith-* to\n"+
				"fencing-* renames that first appear in Pacemaker 3.0.2) enables it. Reports what Pacemaker 3.0 dropped support for, each of which a 3.0 cluster rejects or\n"+
				"ignores: `master` resources (use a clone with promotable=true), the nagios and upstart resource\n"+
				"classes, bundles using rkt and the bundle option masters (use promoted-max), the restart-type\n"+
				"resource option, the can-fail, can_fail and role_after_failure operation options, the\n"+
				"rsc-instance, with-rsc-instance, first-instance and then-instance constraint options, more than one\n"+
				"top-level rule in a location constraint, nodes of type ping, the cluster options\n"+
				"crmd-finalization-timeout, crmd-integration-timeout, crmd-transition-delay and remove-after-stop,\n"+
				"stonith-action=poweroff, and validate-with values 3.0 refuses (pacemaker-0.6, pacemaker-0.7,\n"+
				"pacemaker-1.1, pacemaker-next, transitional-0.6). `hakit fix --target pacemaker-3.0` rewrites the\n"+
				"master resources, the legacy role names and (for pacemaker-3.0.2) the stonith-* options.",
				"crm_verify 2.1.5 still accepts all of these (most with a deprecation warning); Pacemaker 3.0's\n"+
					"ChangeLog lists them as dropped.",
				`<master id="db-ms">
  <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
</master>`,
				`<clone id="db-ms">
  <meta_attributes id="db-ms-meta"><nvpair id="db-ms-promotable" name="promotable" value="true"/></meta_attributes>
  <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
</clone>`)})
	})
}

var removedOptions3 = map[string]string{
	"crmd-finalization-timeout": "join-finalization-timeout", "crmd-integration-timeout": "join-integration-timeout",
	"crmd-transition-delay": "transition-delay", "remove-after-stop": "",
}

func checkRemovedIn3(p *Pass) {
	for _, in := range p.Inputs {
		if in == nil || in.Cluster == nil || in.Cluster.CIB == nil {
			continue
		}
		h := in.Cluster.CIB
		switch h.ValidateWith() {
		case "pacemaker-0.6", "pacemaker-0.7", "pacemaker-1.1", "pacemaker-next", "transitional-0.6":
			p.Reportf(h.Range, "validate-with=%q: Pacemaker 3.0 refuses this schema; upgrade the CIB (cibadmin --upgrade)", h.ValidateWith())
		}
	}
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		ic.eachOption(func(_ *model.NVSet, nv *model.NVPair) {
			if repl, ok := removedOptions3[nv.Name]; ok {
				msg := "remove it"
				if repl != "" {
					msg = "use " + repl
				}
				p.Reportf(ic.at(nv), "cluster option %s was removed in Pacemaker 3.0: %s", nv.Name, msg)
			}
			if (nv.Name == "stonith-action" || nv.Name == "fencing-action") && nv.Value == "poweroff" {
				p.Reportf(ic.at(nv), "%s=poweroff was removed in Pacemaker 3.0: use off", nv.Name)
			}
		})
		for _, n := range ic.cfg.Nodes {
			if n != nil && n.Type == "ping" {
				p.Reportf(ic.at(n), "node %s has type=ping, which Pacemaker 3.0 no longer supports: remove the node entry", n.Uname)
			}
		}
		for _, r := range ix.rsc {
			switch r := r.(type) {
			case *model.Clone:
				if r.Element == "master" {
					p.Reportf(ic.at(r), "master resource %s: Pacemaker 3.0 removed master resources; use a clone with promotable=true ('hakit fix' rewrites it)", r.ID)
				}
			case *model.Primitive:
				if c, _, _ := ix.agentOf(r); !r.IsTemplate && (c == "nagios" || c == "upstart") {
					p.Reportf(ic.at(r), "%s uses the %s class, which Pacemaker 3.0 removed: use a systemd or ocf agent", r.ID, c)
				}
			case *model.Bundle:
				if r.Container != nil {
					if r.Container.Element == "rkt" {
						p.Reportf(ic.at(r.Container), "bundle %s uses rkt, which Pacemaker 3.0 removed: use podman or docker", r.ID)
					}
					if _, ok := r.Container.Attrs.Get("masters"); ok {
						p.Reportf(ic.at(r.Container), "bundle %s sets masters, which Pacemaker 3.0 removed: use promoted-max", r.ID)
					}
				}
			}
			var meta []*model.NVSet
			switch r := r.(type) {
			case *model.Primitive:
				meta = r.MetaAttrs
			case *model.Group:
				meta = r.MetaAttrs
			case *model.Clone:
				meta = r.MetaAttrs
			case *model.Bundle:
				meta = r.MetaAttrs
			}
			eachPair(meta, func(nv *model.NVPair) {
				if nv.Name == "restart-type" {
					p.Reportf(ic.at(nv), "restart-type of %s was removed in Pacemaker 3.0: remove it", r.ResourceID())
				}
			})
		}
		eachOp(ix, func(pr *model.Primitive, op *model.Op) {
			for _, a := range []string{"can-fail", "can_fail", "role_after_failure"} {
				if _, ok := op.Extra.Get(a); ok {
					p.Reportf(ic.at(op), "operation %s of %s sets %s, which Pacemaker 3.0 removed: use on-fail", opLabel(pr, op), pr.ID, a)
				}
			}
		})
		for _, c := range ic.cfg.Constraints {
			var inst [][2]string
			switch c := c.(type) {
			case *model.Colocation:
				inst = [][2]string{{"rsc-instance", c.RscInstance}, {"with-rsc-instance", c.WithRscInstance}}
			case *model.Order:
				inst = [][2]string{{"first-instance", c.FirstInstance}, {"then-instance", c.ThenInstance}}
			case *model.Location:
				if len(c.Rules) > 1 {
					p.Reportf(ic.at(c.Rules[1]), "location %s has %d top-level rules; Pacemaker 3.0 allows one: combine them in one rule with boolean-op=or", c.ID, len(c.Rules))
				}
			}
			for _, kv := range inst {
				if kv[1] != "" {
					p.Reportf(ic.at(c), "constraint %s sets %s, which Pacemaker 3.0 removed", c.ConstraintID(), kv[0])
				}
			}
		}
	}
}
