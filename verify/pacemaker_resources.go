package verify

// HA11xx: resources — meta attributes, classes, containers, bundles.

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"hakit/internal/lazyre"
	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1101", Title: "Invalid target-role", Severity: model.SeverityError, Since: "0.1.0", Check: checkTargetRole,
				Doc: pmDoc("A resource's target-role meta attribute is not one of Stopped, Started, Unpromoted, Promoted\n"+
					"(or the legacy Slave, Master). Pacemaker ignores it, so the resource runs as if none were set.",
					"crm_verify (2.1.5) says: `Ignoring 'target-role' for vip because 'Runing' is not valid`.",
					`<nvpair id="vip-meta-target-role" name="target-role" value="Runing"/>`,
					`<nvpair id="vip-meta-target-role" name="target-role" value="Started"/>`)},
			&Rule{ID: "HA1102", Title: "Promoted or unpromoted role on a resource that is not promotable", Severity: model.SeverityError, Since: "0.1.0", Check: checkPromotedRoleUse,
				Doc: pmDoc("A target-role of Promoted or Unpromoted (Master, Slave) is set on a resource that is not a\n"+
					"promotable clone nor inside one. Pacemaker ignores it. hakit also reports constraints that name such a\n"+
					"role for a resource that cannot be promoted: they can never apply.",
					"crm_verify says for target-role: `Ignoring 'target-role' for vip because 'Promoted' only makes sense for\n"+
						"promotable clones`; it is silent about constraint roles, which hakit adds.",
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
  <meta_attributes id="vip-meta">
    <nvpair id="vip-meta-target-role" name="target-role" value="Promoted"/>
  </meta_attributes>
</primitive>`,
					`<clone id="db-clone">
  <meta_attributes id="db-clone-meta">
    <nvpair id="db-clone-promotable" name="promotable" value="true"/>
    <nvpair id="db-clone-target-role" name="target-role" value="Promoted"/>
  </meta_attributes>
  <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
</clone>`)},
			&Rule{ID: "HA1103", Title: "Invalid value of a resource meta attribute", Severity: model.SeverityError, Since: "0.1.0", Check: checkMetaValues,
				Doc: pmDoc("A resource meta attribute (of a resource or of rsc_defaults) has a value of the wrong type: a\n"+
					"boolean that is not one, a score or integer that is not a number, a duration that cannot be read, a value\n"+
					"outside an enumeration, a negative migration-threshold. Pacemaker falls back to a default, which is\n"+
					"rarely what was meant.",
					"crm_verify says, depending on the attribute: `Resetting 'requires' for vip to 'fencing' because\n"+
						"'everything' is not valid`, `kill is not a valid value for multiple-active`, `migration-threshold must be\n"+
						"non-negative`, `Could not parse integer from 'abc'`. hakit checks every attribute whose type it knows,\n"+
						"also those crm_verify reads silently (is-managed, failure-timeout, ...).",
					`<nvpair id="vip-meta-requires" name="requires" value="everything"/>`,
					`<nvpair id="vip-meta-requires" name="requires" value="fencing"/>`)},
			&Rule{ID: "HA1104", Title: "Misspelt resource meta attribute", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkMetaNames,
				Doc: pmDoc("A meta attribute name is not one Pacemaker knows but is close to one (target_role,\n"+
					"resource-stickyness, migration_threshold). Pacemaker ignores unknown meta attributes silently, so the\n"+
					"setting has no effect. Names far from every known one are taken as deliberate and not reported.",
					"crm_verify is silent: Pacemaker accepts any meta attribute name. hakit goes beyond it because the\n"+
						"misspelling silently disables the setting.",
					`<nvpair id="vip-meta-tr" name="target_role" value="Stopped"/>`,
					`<nvpair id="vip-meta-tr" name="target-role" value="Stopped"/>`)},
			&Rule{ID: "HA1105", Title: "Clone meta attribute where it has no effect", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkMisplacedMeta,
				Doc: pmDoc("A meta attribute only promotable clones read (promoted-max, promoted-node-max and the legacy\n"+
					"master-max, master-node-max) is set on a clone that is not promotable, or a clone-only attribute\n"+
					"(clone-max, clone-node-max, clone-min, interleave, globally-unique, promotable) is set on a resource\n"+
					"that is not a clone nor inside one. It has no effect; usually promotable=true or the clone itself was\n"+
					"forgotten.",
					"crm_verify is silent; hakit goes beyond it.",
					`<clone id="dummy-clone">
  <meta_attributes id="dummy-clone-meta">
    <nvpair id="dummy-clone-pm" name="promoted-max" value="1"/>
  </meta_attributes>
  <primitive id="dummy" class="ocf" provider="pacemaker" type="Stateful"/>
</clone>`,
					`<clone id="dummy-clone">
  <meta_attributes id="dummy-clone-meta">
    <nvpair id="dummy-clone-prom" name="promotable" value="true"/>
    <nvpair id="dummy-clone-pm" name="promoted-max" value="1"/>
  </meta_attributes>
  <primitive id="dummy" class="ocf" provider="pacemaker" type="Stateful"/>
</clone>`)},
			&Rule{ID: "HA1106", Title: "Unknown resource class or misused provider", Severity: model.SeverityError, Since: "0.1.0", Check: checkClass,
				Doc: pmDoc("A primitive's class is not one Pacemaker knows (ocf, lsb, heartbeat, stonith, upstart,\n"+
					"service, systemd, nagios), an ocf primitive has no provider, or another class has one. The schema\n"+
					"rejects the whole CIB.",
					"crm_verify reports a schema error: `Element primitive failed to validate content` (or `Invalid\n"+
						"attribute provider for element primitive`) and `CIB did not pass schema validation`.",
					`<primitive id="vip" class="ocff" provider="heartbeat" type="IPaddr2"/>`,
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>`)},
			&Rule{ID: "HA1107", Title: "Deprecated group meta attribute", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkGroupMeta,
				Doc: pmDoc("A group sets ordered or collocated. Both are deprecated (Pacemaker 2.1) and removed in\n"+
					"Pacemaker 3; use a resource set in an order or colocation constraint instead.",
					"crm_verify says: `Support for the 'ordered' group meta-attribute is deprecated and will be removed in a\n"+
						"future release (use a resource set instead)`.",
					`<group id="g">
  <meta_attributes id="g-meta">
    <nvpair id="g-ordered" name="ordered" value="false"/>
  </meta_attributes>
  ...
</group>`,
					`<rsc_order id="o-web">
  <resource_set id="o-web-set" sequential="false">
    <resource_ref id="a"/>
    <resource_ref id="b"/>
  </resource_set>
</rsc_order>`)},
			&Rule{ID: "HA1108", Title: "Meta attribute names a resource that does not exist", Severity: model.SeverityError, Since: "0.1.0", Check: checkContainer,
				Doc: pmDoc("The container meta attribute names a resource the configuration does not define.\n"+
					"Pacemaker ignores it.",
					"crm_verify says: `Resource vip: Unknown resource container (nosuch)`.",
					`<nvpair id="app-container" name="container" value="nosuch"/>`,
					`<nvpair id="app-container" name="container" value="app-vm"/>`)},
			&Rule{ID: "HA1109", Title: "Invalid utilization value", Severity: model.SeverityError, Since: "0.1.0", Check: checkUtilization,
				Doc: pmDoc("A utilization attribute (of a resource or node) is not an integer. Pacemaker reads it as a\n"+
					"huge negative number; crm_verify 2.1.5 even crashes on it with placement-strategy set.",
					"crm_verify warns `Could not parse integer from 'lots'` (and may abort) when placement-strategy uses\n"+
						"utilization; with the default placement-strategy it is silent, and hakit reports the value anyway\n"+
						"(a later placement-strategy change would meet it).",
					`<utilization id="vip-util">
  <nvpair id="vip-util-cpu" name="cpu" value="lots"/>
</utilization>`,
					`<utilization id="vip-util">
  <nvpair id="vip-util-cpu" name="cpu" value="2"/>
</utilization>`)},
			&Rule{ID: "HA1110", Title: "Bundle resource cannot be controlled", Severity: model.SeverityError, Since: "0.1.0", Check: checkBundle,
				Doc: pmDoc("A bundle contains a primitive but its network has neither ip-range-start nor control-port,\n"+
					"so Pacemaker cannot reach the remote daemon inside the container. Pacemaker ignores the bundle.",
					"crm_verify says: `Cannot control b inside bd without either ip-range-start or control-port` and\n"+
						"`Ignoring <bundle> resource 'b' because configuration is invalid`.",
					`<bundle id="web">
  <docker image="httpd"/>
  <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
</bundle>`,
					`<bundle id="web">
  <docker image="httpd"/>
  <network control-port="3121"/>
  <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
</bundle>`)},
		)
	})
}

// metaType is the value type of a known resource meta attribute:
// "boolean", "integer", "score", "time", "nonneg", "string", or a
// "|"-separated enumeration.
var metaTypes = map[string]string{
	"priority": "integer", "target-role": "role", "is-managed": "boolean", "maintenance": "boolean",
	"resource-stickiness": "score", "requires": "nothing|quorum|fencing|unfencing", "migration-threshold": "nonneg",
	"failure-timeout": "time", "multiple-active": "block|stop_only|stop_start|stop_unexpected", "allow-migrate": "boolean",
	"container-attribute-target": "host", "remote-node": "string", "remote-port": "integer", "remote-addr": "string",
	"remote-connect-timeout": "time", "remote-allow-migrate": "boolean", "critical": "boolean", "allow-unhealthy-nodes": "boolean",
	"interleave": "boolean", "ordered": "boolean", "notify": "boolean", "globally-unique": "boolean", "clone-max": "integer",
	"clone-node-max": "integer", "clone-min": "integer", "promotable": "boolean", "promoted-max": "integer",
	"promoted-node-max": "integer", "master-max": "integer", "master-node-max": "integer", "collocated": "boolean",
	"container": "string", "restart-type": "string", "resource-failure-stickiness": "score", "description": "string",
	"add-host": "boolean", "isolation": "string", "is-managed-default": "boolean",
}

// metaNames are the known meta attribute names, for suggestions.
var metaNames = sync.OnceValue(func() []string {
	out := make([]string, 0, len(metaTypes))
	for k := range metaTypes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
})

// eachMeta calls f for every meta pair of every resource (at any depth)
// and of rsc_defaults; r is nil for rsc_defaults.
func eachMeta(ix *pmIndex, f func(r model.Resource, nv *model.NVPair)) {
	var walk func(r model.Resource)
	walk = func(r model.Resource) {
		switch x := r.(type) {
		case nil:
			return
		case *model.Primitive:
			eachPair(x.MetaAttrs, func(nv *model.NVPair) { f(r, nv) })
		case *model.Group:
			eachPair(x.MetaAttrs, func(nv *model.NVPair) { f(r, nv) })
			for _, m := range x.Members {
				if m != nil {
					walk(m)
				}
			}
		case *model.Clone:
			eachPair(x.MetaAttrs, func(nv *model.NVPair) { f(r, nv) })
			walk(x.Child)
		case *model.Bundle:
			eachPair(x.MetaAttrs, func(nv *model.NVPair) { f(r, nv) })
			if x.Primitive != nil {
				walk(x.Primitive)
			}
		default:
			panic(fmt.Sprintf("verify: unexpected resource type %T", r))
		}
	}
	for _, r := range ix.cfg.Resources {
		walk(r)
	}
	eachPair(ix.cfg.RscDefaults, func(nv *model.NVPair) { f(nil, nv) })
}

func checkTargetRole(p *Pass) {
	for _, ic := range configs(p) {
		eachMeta(indexOf(p, ic.cfg), func(r model.Resource, nv *model.NVPair) {
			if nv.Name == "target-role" && !nv.NoValue && !validRole(nv.Value) && nv.Value != "#default" {
				id := "rsc_defaults"
				if r != nil {
					id = r.ResourceID()
				}
				p.Reportf(ic.at(nv), "target-role %q of %s is not a role (Stopped, Started, Unpromoted, Promoted): Pacemaker ignores it", nv.Value, id).Detail =
					fmt.Sprintf("crm_verify: Ignoring 'target-role' for %s because '%s' is not valid", id, nv.Value)
			}
		})
	}
}

func checkPromotedRoleUse(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		eachMeta(ix, func(r model.Resource, nv *model.NVPair) {
			if r == nil || nv.Name != "target-role" || !promotedRole(nv.Value) || ix.promotable(r.ResourceID()) {
				return
			}
			p.Reportf(ic.at(nv), "target-role %s of %s only makes sense for promotable clones: Pacemaker ignores it", nv.Value, r.ResourceID()).Detail =
				fmt.Sprintf("crm_verify: Ignoring 'target-role' for %s because '%s' only makes sense for promotable clones", r.ResourceID(), nv.Value)
		})
		check := func(c model.Constraint, id, role string) {
			if id == "" || !promotedRole(role) || ix.promotable(id) {
				return
			}
			if _, ok := ix.rsc[id]; !ok {
				return
			}
			p.Reportf(ic.at(c), "constraint %s names role %s for %s, which is not promotable: the constraint never applies", c.ConstraintID(), role, id)
		}
		for _, c := range ic.cfg.Constraints {
			switch c := c.(type) {
			case *model.Location:
				check(c, c.Rsc, c.Role)
				for _, r := range c.Rules {
					if r != nil {
						check(c, c.Rsc, r.Role)
					}
				}
			case *model.Colocation:
				check(c, c.Rsc, c.RscRole)
				check(c, c.WithRsc, c.WithRscRole)
			case *model.Ticket:
				check(c, c.Rsc, c.RscRole)
			}
			for _, s := range constraintSets(c) {
				if s == nil {
					continue
				}
				for _, ref := range s.Resources {
					if ref != nil {
						check(c, ref.ID, s.Role)
					}
				}
			}
		}
	}
}

// metaValueProblem says what is wrong with value v of a meta attribute of
// type typ, or "" when it is fine.
func metaValueProblem(name, typ, v string) string {
	switch typ {
	case "boolean":
		if checkBoolean(v) != valueOK {
			return "is not a boolean (true/false)"
		}
	case "integer":
		if checkInteger(v, false) == valueInvalid {
			return "is not an integer"
		}
	case "score":
		if checkInteger(v, false) == valueInvalid {
			return "is not a score (an integer or INFINITY)"
		}
	case "nonneg":
		if checkInteger(v, false) == valueInvalid {
			return "is not an integer or INFINITY"
		}
		if strings.HasPrefix(strings.TrimSpace(v), "-") {
			return "is negative: " + name + " must be non-negative"
		}
	case "time":
		if timeInvalid(v) {
			return "is not a duration (such as 60s, 10min or PT1M)"
		}
	case "string", "role":
	default:
		if !strings.Contains("|"+typ+"|", "|"+v+"|") {
			return "is not one of " + strings.ReplaceAll(typ, "|", ", ")
		}
	}
	return ""
}

func checkMetaValues(p *Pass) {
	for _, ic := range configs(p) {
		eachMeta(indexOf(p, ic.cfg), func(r model.Resource, nv *model.NVPair) {
			typ, ok := metaTypes[nv.Name]
			if !ok || nv.NoValue {
				return
			}
			if why := metaValueProblem(nv.Name, typ, nv.Value); why != "" {
				id := "rsc_defaults"
				if r != nil {
					id = r.ResourceID()
				}
				p.Reportf(ic.at(nv), "%s=%q of %s %s: Pacemaker uses its default instead", nv.Name, nv.Value, id, why)
			}
		})
	}
}

var metaSeparator = lazyre.New(`[_ .]`)

func checkMetaNames(p *Pass) {
	for _, ic := range configs(p) {
		eachMeta(indexOf(p, ic.cfg), func(r model.Resource, nv *model.NVPair) {
			if _, ok := metaTypes[nv.Name]; ok {
				return
			}
			sg := ""
			if norm := metaSeparator().ReplaceAllString(strings.ToLower(nv.Name), "-"); metaTypes[norm] != "" {
				sg = norm
			} else {
				sg = Suggest(nv.Name, metaNames())
			}
			if sg == "" {
				return
			}
			p.Reportf(ic.at(nv), "meta attribute %q is not one Pacemaker knows and is ignored; did you mean %q?", nv.Name, sg)
		})
	}
}

var (
	promotableOnlyMeta = map[string]bool{"promoted-max": true, "promoted-node-max": true, "master-max": true, "master-node-max": true}
	cloneOnlyMeta      = map[string]bool{"clone-max": true, "clone-node-max": true, "clone-min": true, "interleave": true, "globally-unique": true, "promotable": true}
)

func checkMisplacedMeta(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		eachMeta(ix, func(r model.Resource, nv *model.NVPair) {
			if r == nil {
				return
			}
			switch {
			case promotableOnlyMeta[nv.Name]:
				if _, isBundle := ix.cloneLike(r.ResourceID()).(*model.Bundle); isBundle {
					return
				}
				if c := ix.clone(r.ResourceID()); c != nil && !ix.promotable(r.ResourceID()) {
					p.Reportf(ic.at(nv), "%s is set on %s, but clone %s is not promotable (promotable=true is missing): it has no effect", nv.Name, r.ResourceID(), c.ID)
				} else if c == nil {
					p.Reportf(ic.at(nv), "%s is set on %s, which is not a promotable clone: it has no effect", nv.Name, r.ResourceID())
				}
			case cloneOnlyMeta[nv.Name]:
				if ix.cloneLike(r.ResourceID()) == nil {
					p.Reportf(ic.at(nv), "%s is set on %s, which is not a clone: it has no effect", nv.Name, r.ResourceID())
				}
			}
		})
	}
}

var resourceClasses = map[string]bool{"ocf": true, "lsb": true, "heartbeat": true, "stonith": true, "upstart": true, "service": true, "systemd": true, "nagios": true}

func checkClass(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		check := func(pr *model.Primitive) {
			if pr.Template != "" && pr.Class == "" {
				return
			}
			switch {
			case pr.Class == "":
				// missing attribute: the parser's HA0107
			case !resourceClasses[pr.Class]:
				msg := fmt.Sprintf("%s has unknown resource class %q", pr.ID, pr.Class)
				if sg := Suggest(pr.Class, []string{"ocf", "lsb", "heartbeat", "stonith", "upstart", "service", "systemd", "nagios"}); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				p.Reportf(ic.at(pr), "%s: the CIB does not pass schema validation", msg)
			case pr.Class == "ocf" && pr.Provider == "":
				p.Reportf(ic.at(pr), "%s is of class ocf but names no provider (heartbeat, pacemaker, ...): the CIB does not pass schema validation", pr.ID)
			case pr.Class != "ocf" && pr.Provider != "":
				p.Reportf(ic.at(pr), "%s is of class %s, which takes no provider (provider=%q): the CIB does not pass schema validation", pr.ID, pr.Class, pr.Provider)
			}
		}
		for _, pr := range ix.prims {
			check(pr)
		}
		for _, t := range ix.templates {
			check(t)
		}
	}
}

func checkGroupMeta(p *Pass) {
	for _, ic := range configs(p) {
		eachMeta(indexOf(p, ic.cfg), func(r model.Resource, nv *model.NVPair) {
			if _, ok := r.(*model.Group); ok && (nv.Name == "ordered" || nv.Name == "collocated") {
				p.Reportf(ic.at(nv), "the %s group meta attribute of %s is deprecated (removed in Pacemaker 3): use a resource set instead", nv.Name, r.ResourceID()).Detail =
					fmt.Sprintf("crm_verify: Support for the '%s' group meta-attribute is deprecated and will be removed in a future release (use a resource set instead)", nv.Name)
			}
		})
	}
}

func checkContainer(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		eachMeta(ix, func(r model.Resource, nv *model.NVPair) {
			if r == nil || nv.Name != "container" || nv.Value == "" {
				return
			}
			if _, ok := ix.rsc[nv.Value]; !ok {
				p.Reportf(ic.at(nv), "container %q of %s is not a resource of the configuration: Pacemaker ignores it", nv.Value, r.ResourceID()).Detail =
					fmt.Sprintf("crm_verify: Resource %s: Unknown resource container (%s)", r.ResourceID(), nv.Value)
			}
		})
	}
}

func checkUtilization(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		check := func(owner string, sets []*model.NVSet) {
			eachPair(sets, func(nv *model.NVPair) {
				if !nv.NoValue && checkInteger(nv.Value, false) != valueOK {
					p.Reportf(ic.at(nv), "utilization %s=%q of %s is not an integer", nv.Name, nv.Value, owner)
				}
			})
		}
		for _, n := range ic.cfg.Nodes {
			if n != nil {
				check("node "+n.Uname, n.Utilization)
			}
		}
		for id, r := range ix.rsc {
			_ = id
			switch x := r.(type) {
			case *model.Primitive:
				check(x.ID, x.Utilization)
			case *model.Group:
				check(x.ID, x.Utilization)
			case *model.Clone:
				check(x.ID, x.Utilization)
			case *model.Bundle:
				check(x.ID, x.Utilization)
			}
		}
	}
}

func checkBundle(p *Pass) {
	for _, ic := range configs(p) {
		for _, r := range ic.cfg.Resources {
			b, ok := r.(*model.Bundle)
			if !ok || b.Primitive == nil {
				continue
			}
			if b.Network != nil {
				if _, ok := b.Network.Attrs.Get("ip-range-start"); ok {
					continue
				}
				if _, ok := b.Network.Attrs.Get("control-port"); ok {
					continue
				}
			}
			p.Reportf(ic.at(b), "bundle %s contains %s but its network has neither ip-range-start nor control-port: Pacemaker cannot control it and ignores the bundle", b.ID, b.Primitive.ID).Detail =
				fmt.Sprintf("crm_verify: Cannot control %s inside %s without either ip-range-start or control-port", b.ID, b.Primitive.ID)
		}
	}
}
