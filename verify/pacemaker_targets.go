package verify

// HA17xx: what crm_verify (Pacemaker 2.1.5 and 3.0) checks that the HA11xx-
// HA16xx families did not: constraint targets of the wrong kind, enumerated
// values, clone semantics, deprecated settings, fencing requirements. The
// conditions and messages follow Pacemaker's sources (lib/pacemaker and
// lib/pengine of the 2.1.5 and 3.0.0 tags); severities follow
// pcmk__config_err (error) and pcmk__config_warn/pe_warn_once (warning).

import (
	"fmt"
	"strconv"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1701", Title: "Constraint names a resource inside a clone", Severity: model.SeverityError, Since: "0.1.0", Check: checkInsideClone,
				Doc: pmDoc("A constraint (rsc, with-rsc, first, then, or a resource_ref of a set) names a primitive or group\n"+
					"that lies inside a clone. Pacemaker looks constraint targets up among the top-level resources and\n"+
					"their group members only; the resource inside a clone is not found and the whole constraint is\n"+
					"ignored. Constrain the clone instead. A deliberate difference: when the CIB's status holds\n"+
					"history of a clone instance under the child's name, crm_verify finds the clone through it and\n"+
					"applies the constraint to the whole clone (Pacemaker's scheduler regression CIB\n"+
					"whitebox-ms-ordering.xml); hakit reports the constraint regardless, since whether it applies then\n"+
					"depends on the cluster's state, not on the configuration.",
					"crm_verify says: `Ignoring constraint 'colo_drbd_mysql_ip0' because 'drbd_mysql' is not a valid resource or tag`\n"+
						"(for sets: `Ignoring resource sets for constraint ... because ... is not a valid resource or tag`).",
					`<clone id="db-clone"><primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/></clone>
<rsc_colocation id="c1" rsc="vip" with-rsc="db" score="INFINITY"/>`,
					`<clone id="db-clone"><primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/></clone>
<rsc_colocation id="c1" rsc="vip" with-rsc="db-clone" score="INFINITY"/>`)},
			&Rule{ID: "HA1702", Title: "Colocation of two templates or tags", Severity: model.SeverityError, Since: "0.1.0", Check: checkTemplateColocation,
				Doc: pmDoc("An rsc_colocation names a template or tag on both sides (rsc and with-rsc). Pacemaker cannot\n"+
					"colocate two sets of resources that way and ignores the constraint. Use a resource set, or\n"+
					"colocate the resources.",
					"crm_verify says: `Ignoring constraint 'template1-colo-template2' because two templates or tags cannot be colocated`.",
					`<rsc_colocation id="c1" rsc="template1" with-rsc="template2" score="INFINITY"/>`,
					`<rsc_colocation id="c1" rsc="rsc1" with-rsc="template2" score="INFINITY"/>`)},
			&Rule{ID: "HA1703", Title: "Invalid enumerated constraint value", Severity: model.SeverityError, Since: "0.1.0", Check: checkConstraintEnums,
				Doc: pmDoc("A constraint attribute with a fixed set of values has another: influence (a boolean) of an\n"+
					"rsc_colocation, resource-discovery (always, never, exclusive) of an rsc_location. Pacemaker falls back\n"+
					"to the default (influence from the resource's critical meta attribute; the location constraint is\n"+
					"dropped for a bad resource-discovery), which is not what was written.",
					"crm_verify says: `Constraint 'c1' has invalid value for influence (using default)` and\n"+
						"`Invalid resource-discovery value ... in location constraint`.",
					`<rsc_colocation id="c1" rsc="a" with-rsc="b" score="INFINITY" influence="maybe"/>`,
					`<rsc_colocation id="c1" rsc="a" with-rsc="b" score="INFINITY" influence="false"/>`)},
			&Rule{ID: "HA1704", Title: "clone-node-max above 1 on an anonymous clone", Severity: model.SeverityError, Since: "0.1.0", Check: checkCloneNodeMax,
				Doc: pmDoc("A clone that is not globally-unique sets clone-node-max above 1. Anonymous clone instances\n"+
					"are interchangeable, so Pacemaker runs at most one per node and ignores the setting (Pacemaker 2.1.5\n"+
					"names it promoted-max in its message; 3.0 names clone-node-max). Set globally-unique=true when\n"+
					"several instances per node are really wanted. Pacemaker 3.0 defaults globally-unique to true when\n"+
					"clone-node-max is above 1, so there the clone silently becomes unique unless globally-unique=false\n"+
					"is written: either way, say which one is meant.",
					"crm_verify says: `Ignoring promoted-max for rsc1 because anonymous clones support only one instance per node`.",
					`<clone id="c"><meta_attributes id="c-m"><nvpair id="c-m1" name="clone-node-max" value="2"/></meta_attributes>...</clone>`,
					`<clone id="c"><meta_attributes id="c-m"><nvpair id="c-m1" name="clone-node-max" value="2"/>
  <nvpair id="c-m2" name="globally-unique" value="true"/></meta_attributes>...</clone>`)},
			&Rule{ID: "HA1705", Title: "Deprecated constraint or resource setting", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkDeprecatedSettings,
				Doc: pmDoc("A setting Pacemaker 2.1 still reads but has deprecated, and Pacemaker 3.0 removed: score on an\n"+
					"rsc_order (use kind), require-all on an rsc_order (use the clone-min meta attribute of the first\n"+
					"clone), the restart-type resource meta attribute, role_after_failure on an operation.",
					"crm_verify says: `Support for 'score' in rsc_order is deprecated and will be removed in a future release\n"+
						"(use 'kind' instead)` (and likewise for require-all, restart-type and role_after_failure).",
					`<rsc_order id="o1" first="a" then="b" score="0"/>`,
					`<rsc_order id="o1" first="a" then="b" kind="Optional"/>`)},
			&Rule{ID: "HA1706", Title: "requires that fencing cannot honour", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkRequires,
				Doc: pmDoc("The requires meta attribute asks for fencing or unfencing that cannot happen: requires=fencing\n"+
					"or requires=unfencing while stonith-enabled=false, or requires=unfencing on a fencing device (a\n"+
					"device cannot require unfencing). Pacemaker resets requires=unfencing to quorum and runs with\n"+
					"requires=fencing unprotected.",
					"crm_verify says: `Resetting \"requires\" for fence1 to \"quorum\" because fencing devices cannot require unfencing`\n"+
						"and `db requires fencing but fencing is disabled`.",
					`<primitive id="fence1" class="stonith" type="fence_scsi">
  <meta_attributes id="fence1-m"><nvpair id="fence1-m1" name="requires" value="unfencing"/></meta_attributes>
</primitive>`,
					`<primitive id="fence1" class="stonith" type="fence_scsi">
  <meta_attributes id="fence1-m"><nvpair id="fence1-m1" name="provides" value="unfencing"/></meta_attributes>
</primitive>`)},
			&Rule{ID: "HA1707", Title: "Empty group", Severity: model.SeverityError, Since: "0.1.0", Check: checkEmptyGroup,
				Doc: pmDoc("A group has no member. The CIB schema requires at least one primitive in a group, so the\n"+
					"whole configuration fails validation and the cluster refuses it.",
					"crm_verify reports a schema error: `Element group failed to validate content`.",
					`<group id="g1"/>`,
					`<group id="g1"><primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/></group>`)},
		)
	})
}

// insideClone returns the clone id when id is a resource below a clone
// (not the clone itself).
func (ix *pmIndex) insideClone(id string) string {
	r := ix.rsc[id]
	if r == nil {
		return ""
	}
	if _, ok := r.(*model.Clone); ok {
		return ""
	}
	for p := ix.parent[id]; p != nil; p = ix.parent[p.ResourceID()] {
		if c, ok := p.(*model.Clone); ok {
			return c.ID
		}
	}
	return ""
}

func checkInsideClone(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			for _, ref := range constraintRefs(c) {
				if cl := ix.insideClone(ref[1]); cl != "" {
					p.Reportf(ic.at(c), "constraint %s names %s (%s=%q), which lies inside clone %s: Pacemaker ignores the constraint; name %s instead",
						c.ConstraintID(), ref[1], ref[0], ref[1], cl, cl).Detail =
						fmt.Sprintf("crm_verify: Ignoring constraint '%s' because '%s' is not a valid resource or tag", c.ConstraintID(), ref[1])
				}
			}
			for _, s := range constraintSets(c) {
				if s == nil {
					continue
				}
				for _, r := range s.Resources {
					if r == nil {
						continue
					}
					if cl := ix.insideClone(r.ID); cl != "" {
						p.Reportf(ic.at(r), "resource_ref %s of constraint %s lies inside clone %s: Pacemaker ignores the constraint's sets; name %s instead",
							r.ID, c.ConstraintID(), cl, cl).Detail =
							fmt.Sprintf("crm_verify: Ignoring resource sets for constraint '%s' because '%s' is not a valid resource or tag", c.ConstraintID(), r.ID)
					}
				}
			}
		}
	}
}

// templateOrTag reports whether id names a template or a tag (and no
// resource).
func (ix *pmIndex) templateOrTag(id string) bool {
	if _, ok := ix.templates[id]; ok {
		return true
	}
	if r, ok := ix.rsc[id]; ok && r != nil {
		return false
	}
	_, ok := ix.tags[id]
	return ok
}

func checkTemplateColocation(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			co, ok := c.(*model.Colocation)
			if !ok || len(co.Sets) > 0 || co.Rsc == "" || co.WithRsc == "" {
				continue
			}
			if ix.templateOrTag(co.Rsc) && ix.templateOrTag(co.WithRsc) {
				p.Reportf(ic.at(co), "colocation %s relates %s and %s, both templates or tags: Pacemaker ignores it", co.ID, co.Rsc, co.WithRsc).Detail =
					fmt.Sprintf("crm_verify: Ignoring constraint '%s' because two templates or tags cannot be colocated", co.ID)
			}
		}
	}
}

func checkConstraintEnums(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			switch c := c.(type) {
			case *model.Colocation:
				if c.Influence != "" && checkBoolean(c.Influence) != valueOK {
					p.Reportf(ic.at(c), "influence=%q of colocation %s is not a boolean: Pacemaker uses the default (the resource's critical meta attribute)", c.Influence, c.ID).Detail =
						fmt.Sprintf("crm_verify: Constraint '%s' has invalid value for influence (using default)", c.ID)
				}
			case *model.Location:
				switch strings.ToLower(c.ResourceDiscovery) {
				case "", "always", "never", "exclusive":
				default:
					p.Reportf(ic.at(c), "resource-discovery=%q of location %s is not always, never or exclusive: Pacemaker drops the constraint", c.ResourceDiscovery, c.ID).Detail =
						fmt.Sprintf("crm_verify: Invalid resource-discovery value %s in location constraint", c.ResourceDiscovery)
				}
			}
		}
	}
}

func checkCloneNodeMax(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, r := range ix.rsc {
			cl, ok := r.(*model.Clone)
			if !ok {
				continue
			}
			v, ok := cl.Meta("clone-node-max")
			if !ok {
				continue
			}
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n <= 1 {
				continue
			}
			if u, _ := cl.Meta("globally-unique"); model.IsTrue(u) {
				continue
			}
			var at model.Element = cl
			eachPair(cl.MetaAttrs, func(nv *model.NVPair) {
				if nv.Name == "clone-node-max" {
					at = nv
				}
			})
			p.Reportf(ic.at(at), "clone %s sets clone-node-max=%s but is not globally-unique: anonymous clones run one instance per node, so Pacemaker ignores it", cl.ID, v).Detail =
				fmt.Sprintf("crm_verify: Ignoring promoted-max for %s because anonymous clones support only one instance per node", cl.ID)
		}
	}
}

func checkDeprecatedSettings(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			o, ok := c.(*model.Order)
			if !ok {
				continue
			}
			if o.Kind == "" && o.Score != "" {
				kind := "Mandatory"
				if validScore(o.Score) && scoreValue(o.Score) == 0 {
					kind = "Optional"
				}
				p.Reportf(ic.at(o), "order %s uses score=%s, deprecated since Pacemaker 2.0 and removed in 3.0: write kind=%s", o.ID, o.Score, kind).Detail =
					"crm_verify: Support for 'score' in rsc_order is deprecated and will be removed in a future release (use 'kind' instead)"
			}
			if o.RequireAll != "" {
				p.Reportf(ic.at(o), "order %s uses require-all=%s, deprecated and removed in Pacemaker 3.0: set the clone-min meta attribute of %s instead", o.ID, o.RequireAll, o.First).Detail =
					"crm_verify: Support for require-all in ordering constraints is deprecated and will be removed in a future release (use clone-min clone meta-attribute instead)"
			}
		}
		for _, r := range ix.rsc {
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
					p.Reportf(ic.at(nv), "restart-type of %s is deprecated and removed in Pacemaker 3.0: remove it", r.ResourceID()).Detail =
						"crm_verify: Support for restart-type is deprecated and will be removed in a future release"
				}
			})
		}
		eachOp(ix, func(pr *model.Primitive, op *model.Op) {
			if _, ok := op.Extra.Get("role_after_failure"); ok {
				p.Reportf(ic.at(op), "operation %s of %s sets role_after_failure, deprecated and removed in Pacemaker 3.0: use on-fail=demote", opLabel(pr, op), pr.ID).Detail =
					"crm_verify: Support for role_after_failure is deprecated and will be removed in a future release"
			}
		})
	}
}

func checkRequires(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		noFence := fencingDisabled(ic.cfg)
		for _, pr := range ix.prims {
			var req *model.NVPair
			eachPair(pr.MetaAttrs, func(nv *model.NVPair) {
				if req == nil && nv.Name == "requires" {
					req = nv
				}
			})
			if req == nil {
				continue
			}
			class, _, _ := ix.agentOf(pr)
			switch strings.ToLower(req.Value) {
			case "unfencing":
				if class == "stonith" {
					p.Reportf(ic.at(req), "fencing device %s sets requires=unfencing, which a fencing device cannot: Pacemaker uses requires=quorum", pr.ID).Detail =
						fmt.Sprintf("crm_verify: Resetting \"requires\" for %s to \"quorum\" because fencing devices cannot require unfencing", pr.ID)
				} else if noFence {
					p.Reportf(ic.at(req), "%s sets requires=unfencing while stonith-enabled=false: Pacemaker uses requires=quorum", pr.ID).Detail =
						fmt.Sprintf("crm_verify: Resetting \"requires\" for %s to \"quorum\" because fencing is disabled", pr.ID)
				}
			case "fencing":
				if noFence {
					p.Reportf(ic.at(req), "%s sets requires=fencing while stonith-enabled=false: it runs without the protection it asks for", pr.ID).Detail =
						fmt.Sprintf("crm_verify: %s requires fencing but fencing is disabled", pr.ID)
				}
			}
		}
	}
}

func checkEmptyGroup(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, r := range ix.rsc {
			if g, ok := r.(*model.Group); ok && len(g.Members) == 0 {
				p.Reportf(ic.at(g), "group %s has no member: the CIB does not pass schema validation", g.ID)
			}
		}
	}
}
