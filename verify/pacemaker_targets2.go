package verify

// HA1708-HA1712: more of crm_verify's checks (clone instances, templates,
// startup fencing) and two a careful administrator adds (constraints left by
// "crm resource move" / "pcs resource move", fence races in two-node
// clusters).

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1708", Title: "Clone instance requested of a resource that is not a clone", Severity: model.SeverityError, Since: "0.1.0", Check: checkInstanceOnNonClone,
				Doc: pmDoc("A constraint sets rsc-instance, with-rsc-instance, first-instance or then-instance for a\n"+
					"resource that is not a clone. Pacemaker ignores the whole constraint. These attributes are\n"+
					"deprecated (HA1705 is not needed: Pacemaker 3.0 removed them, see HA1610) and exist only in the\n"+
					"pacemaker-next schema.",
					"crm_verify says: `Ignoring constraint 'c1' because resource 'vip' is not a clone but instance '1' was requested`.",
					`<rsc_colocation id="c1" rsc="vip" rsc-instance="1" with-rsc="db-clone" score="INFINITY"/>`,
					`<rsc_colocation id="c1" rsc="vip" with-rsc="db-clone" score="INFINITY"/>`)},
			&Rule{ID: "HA1709", Title: "Primitive built on a template that does not exist", Severity: model.SeverityError, Since: "0.1.0", Check: checkTemplateRef,
				Doc: pmDoc("A primitive names a template (template=\"...\") that is no <template> of the configuration —\n"+
					"possibly a primitive of that name. Pacemaker cannot build the resource and leaves it out.",
					"crm_verify says: `No template named 'web-tpl'`.",
					`<primitive id="web-tpl" class="ocf" provider="heartbeat" type="apache"/>
<primitive id="web1" template="web-tpl"/>`,
					`<template id="web-tpl" class="ocf" provider="heartbeat" type="apache"/>
<primitive id="web1" template="web-tpl"/>`)},
			&Rule{ID: "HA1710", Title: "startup-fencing=false", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkStartupFencing,
				Doc: pmDoc("startup-fencing=false with fencing enabled: nodes the cluster has never seen are assumed to\n"+
					"be down instead of being fenced. A node that was running resources while the cluster started\n"+
					"without it keeps running them, and the survivors start them too. Pacemaker calls this \"blind\n"+
					"faith\"; it is meant for tests only.",
					"crm_verify says: `Blind faith: not fencing unseen nodes`.",
					`<nvpair id="opt-sf" name="startup-fencing" value="false"/>`,
					`<nvpair id="opt-sf" name="startup-fencing" value="true"/>`)},
			&Rule{ID: "HA1711", Title: "Constraint left by a resource move or ban", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkCLIConstraints,
				Doc: pmDoc("A location constraint whose id starts with cli-prefer- or cli-ban-: what `crm resource move`,\n"+
					"`crm resource ban`, `pcs resource move` or `crm_resource --move/--ban` leave behind. Without a\n"+
					"lifetime (a rule with a date expression) it pins or bans the resource for good, long after the\n"+
					"maintenance it was made for, and the next failover does not go where the configuration says.\n"+
					"Remove it with `crm resource clear`, `pcs resource clear` or `crm_resource --clear`.",
					"crm_verify cannot know why a constraint exists; hakit goes beyond it.",
					`<rsc_location id="cli-prefer-vip" rsc="vip" role="Started" node="node2" score="INFINITY"/>`,
					`<rsc_location id="vip-prefers-node1" rsc="vip" node="node1" score="100"/>`)},
			&Rule{ID: "HA1712", Title: "Two-node cluster without a fence delay", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkFenceRace,
				Doc: pmDoc("A two-node cluster with fencing, where no fencing device sets pcmk_delay_base or pcmk_delay_max\n"+
					"and priority-fencing-delay is not set. When the link between the nodes breaks, each node fences\n"+
					"the other at the same moment and both can end up powered off (a fence race). Put a static delay\n"+
					"(pcmk_delay_base=10s) on the device that fences the node that should survive, so its peer's\n"+
					"attempt waits and loses; or a random one (pcmk_delay_max); or set priority-fencing-delay so the\n"+
					"node running the more important resources survives. Reported as information: whether a race\n"+
					"can happen depends on the fencing network, which the configuration does not show.",
					"crm_verify does not check this; hakit goes beyond it.",
					`<primitive id="fence-node1" class="stonith" type="fence_ipmilan">...</primitive>
<primitive id="fence-node2" class="stonith" type="fence_ipmilan">...</primitive>`,
					`<primitive id="fence-node1" class="stonith" type="fence_ipmilan">
  <instance_attributes id="fence-node1-ia">
    <nvpair id="fence-node1-delay" name="pcmk_delay_base" value="10s"/>
  </instance_attributes>
</primitive>`)},
		)
	})
}

func checkInstanceOnNonClone(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			var pairs [][3]string // attribute, resource, instance
			switch c := c.(type) {
			case *model.Colocation:
				pairs = [][3]string{{"rsc-instance", c.Rsc, c.RscInstance}, {"with-rsc-instance", c.WithRsc, c.WithRscInstance}}
			case *model.Order:
				pairs = [][3]string{{"first-instance", c.First, c.FirstInstance}, {"then-instance", c.Then, c.ThenInstance}}
			}
			for _, pr := range pairs {
				if pr[2] == "" || pr[1] == "" {
					continue
				}
				r, ok := ix.rsc[pr[1]]
				if !ok || r == nil {
					continue // HA1301
				}
				if _, isClone := r.(*model.Clone); isClone {
					continue
				}
				p.Reportf(ic.at(c), "constraint %s sets %s=%s, but %s is not a clone: Pacemaker ignores the constraint", c.ConstraintID(), pr[0], pr[2], pr[1]).Detail =
					fmt.Sprintf("crm_verify: Ignoring constraint '%s' because resource '%s' is not a clone but instance '%s' was requested", c.ConstraintID(), pr[1], pr[2])
			}
		}
	}
}

func checkTemplateRef(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, pr := range ix.prims {
			if pr.Template == "" {
				continue
			}
			if _, ok := ix.templates[pr.Template]; ok {
				continue
			}
			what := "no template of that name exists"
			if r, ok := ix.rsc[pr.Template]; ok && r != nil {
				what = pr.Template + " is a resource, not a <template>"
			}
			p.Reportf(ic.at(pr), "%s is built on template %s, but %s: Pacemaker leaves %s out", pr.ID, pr.Template, what, pr.ID).Detail =
				fmt.Sprintf("crm_verify: No template named '%s'", pr.Template)
		}
	}
}

func checkStartupFencing(p *Pass) {
	for _, ic := range configs(p) {
		nv := ic.option("startup-fencing")
		if nv == nil || checkBoolean(nv.Value) != valueOK || model.IsTrue(nv.Value) || fencingDisabled(ic.cfg) {
			continue
		}
		p.Reportf(ic.at(nv), "startup-fencing=%s: nodes the cluster has not seen are assumed down, not fenced; a node still running resources keeps them while the others start them too", nv.Value).Detail =
			"crm_verify: Blind faith: not fencing unseen nodes"
	}
}

func checkCLIConstraints(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok || !(strings.HasPrefix(l.ID, "cli-prefer-") || strings.HasPrefix(l.ID, "cli-ban-")) {
				continue
			}
			if hasDateRule(l.Rules) {
				continue // has a lifetime
			}
			what, clear := "pins", "crm resource clear"
			if strings.HasPrefix(l.ID, "cli-ban-") {
				what = "bans"
			}
			where := l.Node
			if where == "" {
				where = "a node"
			}
			p.Reportf(ic.at(l), "location %s %s %s on %s for good: it was left by a resource move or ban; remove it (%s %s) once the move is over", l.ID, what, l.Rsc, where, clear, l.Rsc)
		}
	}
}

// hasDateRule reports whether a rule (at any depth) holds a date expression,
// which is how a move with a lifetime expires.
func hasDateRule(rules []*model.Rule) bool {
	for _, r := range rules {
		if r == nil {
			continue
		}
		for _, e := range r.Expressions {
			if _, ok := e.(*model.DateExpr); ok {
				return true
			}
			if sub, ok := e.(*model.Rule); ok && hasDateRule([]*model.Rule{sub}) {
				return true
			}
		}
	}
	return false
}

func checkFenceRace(p *Pass) {
	for _, ic := range configs(p) {
		if fencingDisabled(ic.cfg) || len(memberNodes(ic.cfg)) != 2 {
			continue
		}
		if nv := ic.option("priority-fencing-delay"); nv != nil {
			if ms, ok := durationMS(nv.Value); ok && ms > 0 {
				continue
			}
		}
		ix := indexOf(p, ic.cfg)
		var devices []*model.Primitive
		delayed := false
		for _, pr := range ix.prims {
			if c, _, _ := ix.agentOf(pr); c != "stonith" {
				continue
			}
			devices = append(devices, pr)
			sets := pr.InstanceAttrs
			if t := ix.templates[pr.Template]; t != nil {
				sets = append(append([]*model.NVSet(nil), sets...), t.InstanceAttrs...)
			}
			ps := params(sets)
			for _, k := range []string{"pcmk_delay_base", "pcmk_delay_max", "delay"} {
				if nv := ps[k]; nv != nil {
					// pcmk_delay_base may be a per-node map (node1:5s;node2:0).
					if ms, ok := delayBaseMS(nv.Value); ok && ms > 0 {
						delayed = true
					}
				}
			}
		}
		if len(devices) == 0 || delayed {
			continue
		}
		ids := make([]string, len(devices))
		for i, d := range devices {
			ids[i] = d.ID
		}
		p.Reportf(ic.at(devices[0]), "two-node cluster: no fencing device (%s) sets pcmk_delay_base or pcmk_delay_max and priority-fencing-delay is not set, so after a split both nodes can fence each other at once; delay one side (pcmk_delay_base=10s on the device that fences the node that should survive)", strings.Join(ids, ", "))
	}
}

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1713", Title: "Location rule without a score", Severity: model.SeverityError, Since: "0.1.0", Check: checkRuleScore,
				Doc: pmDoc("A top-level rule of an rsc_location has neither score nor score-attribute. Pacemaker 2.1\n"+
					"gives it score 0, so it changes nothing; Pacemaker 3.0 ignores the rule (and the pacemaker-2.10\n"+
					"schema rejects it). Either way the rule has no effect.",
					"crm_verify 2.1.5 says: `Rule r1: no score specified.  Assuming 0.`; Pacemaker 3.0: `Ignoring location\n"+
						"constraint rule r1 because neither score nor score-attribute was specified`.",
					`<rsc_location id="l1" rsc="vip">
  <rule id="r1"><expression id="e1" attribute="#uname" operation="eq" value="node1"/></rule>
</rsc_location>`,
					`<rsc_location id="l1" rsc="vip">
  <rule id="r1" score="100"><expression id="e1" attribute="#uname" operation="eq" value="node1"/></rule>
</rsc_location>`)},
			&Rule{ID: "HA1714", Title: "Rule compares #uname with a node that does not exist", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkUnameRule,
				Doc: pmDoc("A rule expression `#uname eq NAME` (or ne) names a node the configuration does not know: not\n"+
					"in the CIB's nodes, not a remote or guest node, not in the membership given alongside. Usually a\n"+
					"typo or a node renamed since: the rule never matches (eq) or always does (ne).",
					"crm_verify does not compare rule values with node names; hakit goes beyond it.",
					`<expression id="e1" attribute="#uname" operation="eq" value="nodee1"/>`,
					`<expression id="e1" attribute="#uname" operation="eq" value="node1"/>`)},
		)
	})
}

func checkRuleScore(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok {
				continue
			}
			for _, r := range l.Rules {
				if r == nil || r.IDRef != "" || r.Score != "" || r.ScoreAttribute != "" {
					continue
				}
				p.Reportf(ic.at(r), "rule %s of location %s has neither score nor score-attribute: it has no effect (Pacemaker 2.1 scores it 0, 3.0 ignores it)", r.ID, l.ID).Detail =
					fmt.Sprintf("Pacemaker 3.0: Ignoring location constraint rule %s because neither score nor score-attribute was specified", r.ID)
			}
		}
	}
}

func checkUnameRule(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		if len(ix.nodes) == 0 {
			continue // a fragment without nodes: nothing to compare with
		}
		known := knownNodes(p, ix)
		var walk func(rs []*model.Rule, where string)
		walk = func(rs []*model.Rule, where string) {
			for _, r := range rs {
				if r == nil {
					continue
				}
				for _, e := range r.Expressions {
					switch e := e.(type) {
					case *model.Rule:
						walk([]*model.Rule{e}, where)
					case *model.Expr:
						if e.Attribute != "#uname" || (e.Operation != "eq" && e.Operation != "ne") || e.Value == "" || e.ValueSource != "" && e.ValueSource != "literal" {
							continue
						}
						if known[e.Value] {
							continue
						}
						msg := fmt.Sprintf("%s compares #uname with %q, which is no node of the cluster", where, e.Value)
						if sg := Suggest(e.Value, sortedKeys(known)); sg != "" {
							msg += fmt.Sprintf("; did you mean %s?", sg)
						}
						p.Reportf(ic.at(e), "%s", msg)
					}
				}
			}
		}
		for _, c := range ic.cfg.Constraints {
			if l, ok := c.(*model.Location); ok {
				walk(l.Rules, "location "+l.ID)
			}
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1717", Title: "resource-discovery-enabled on a cluster node", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkNodeDiscovery,
				Doc: pmDoc("A cluster node (not a Pacemaker Remote or guest node) sets the node attribute\n"+
					"resource-discovery-enabled=false. Pacemaker allows turning discovery off only for remote and guest\n"+
					"nodes and ignores it here: probes still run on the node.",
					"crm_verify says: `Ignoring resource-discovery-enabled attribute for node1 because disabling resource\n"+
						"discovery is not allowed for cluster nodes`.",
					`<node id="1" uname="node1">
  <instance_attributes id="node1-ia"><nvpair id="node1-rde" name="resource-discovery-enabled" value="false"/></instance_attributes>
</node>`,
					`<node id="1" uname="node1"/>`)},
		)
	})
}

func checkNodeDiscovery(p *Pass) {
	for _, ic := range configs(p) {
		for _, n := range memberNodes(ic.cfg) {
			eachPair(n.InstanceAttrs, func(nv *model.NVPair) {
				if nv.Name != "resource-discovery-enabled" || model.IsTrue(nv.Value) {
					return
				}
				p.Reportf(ic.at(nv), "node %s sets resource-discovery-enabled=%s, but discovery can be disabled only on remote and guest nodes: Pacemaker ignores it", n.Uname, nv.Value).Detail =
					fmt.Sprintf("crm_verify: Ignoring resource-discovery-enabled attribute for %s because disabling resource discovery is not allowed for cluster nodes", n.Uname)
			})
		}
	}
}

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1718", Title: "Promotable clone that never promotes", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkPromotedMaxZero,
				Doc: pmDoc("A promotable clone (or a legacy master) sets promoted-max (or master-max) or\n"+
					"promoted-node-max to 0: no instance is ever promoted, so the promotable clone behaves as a plain\n"+
					"clone, and every constraint on its Promoted role either never holds (a mandatory colocation\n"+
					"with it keeps the dependent stopped) or never applies.",
					"crm_verify is silent; hakit goes beyond it.",
					`<nvpair id="db-clone-pm" name="promoted-max" value="0"/>`,
					`<nvpair id="db-clone-pm" name="promoted-max" value="1"/>`)},
		)
	})
}

func checkPromotedMaxZero(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, r := range ix.rsc {
			cl, ok := r.(*model.Clone)
			if !ok || !cl.Promotable() {
				continue
			}
			eachPair(cl.MetaAttrs, func(nv *model.NVPair) {
				switch nv.Name {
				case "promoted-max", "master-max", "promoted-node-max", "master-node-max":
				default:
					return
				}
				if strings.TrimSpace(nv.Value) != "0" {
					return
				}
				p.Reportf(ic.at(nv), "promotable clone %s sets %s=0: no instance is ever promoted, so constraints on its Promoted role never hold", cl.ID, nv.Name)
			})
		}
	}
}
