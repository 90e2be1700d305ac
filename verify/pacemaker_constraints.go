package verify

// HA13xx: constraints.

import (
	"fmt"
	"regexp"
	"sort"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1301", Title: "Constraint names a resource that does not exist", Severity: model.SeverityError, Since: "0.1.0", Check: checkConstraintRefs,
				Doc: pmDoc("A constraint's rsc, with-rsc, first or then names neither a resource, a template nor a tag\n"+
					"of the configuration (a typo, or the resource was deleted). Pacemaker ignores the constraint. Missing\n"+
					"resource_ref ids in sets are the CIB parser's HA0106.",
					"crm_verify reports a schema error: `IDREF attribute rsc references an unknown ID \"nosuch\"` and `CIB\n"+
						"did not pass schema validation`.",
					`<rsc_location id="loc-web" rsc="wbe" node="node1" score="100"/>`,
					`<rsc_location id="loc-web" rsc="web" node="node1" score="100"/>`)},
			&Rule{ID: "HA1302", Title: "Invalid score", Severity: model.SeverityError, Since: "0.1.0", Check: checkScores,
				Doc: pmDoc("A constraint's, resource set's or rule's score is not an integer nor INFINITY, +INFINITY,\n"+
					"-INFINITY (the words are case-sensitive).",
					"crm_verify reports a schema error: `Type integer doesn't allow value 'lots'` or `Invalid attribute score\n"+
						"for element rsc_colocation`.",
					`<rsc_location id="l1" rsc="vip" node="node1" score="lots"/>`,
					`<rsc_location id="l1" rsc="vip" node="node1" score="100"/>`)},
			&Rule{ID: "HA1303", Title: "Invalid rsc-pattern", Severity: model.SeverityError, Since: "0.1.0", Check: checkRscPattern,
				Doc: pmDoc("A location's rsc-pattern is not a valid regular expression. Pacemaker ignores the constraint.\n"+
					"(hakit compiles it as RE2, which agrees with POSIX extended expressions on common patterns.)",
					"crm_verify says: `Ignoring constraint 'l1' because rsc-pattern has invalid value '['`.",
					`<rsc_location id="l1" rsc-pattern="[" node="node1" score="100"/>`,
					`<rsc_location id="l1" rsc-pattern="^web-" node="node1" score="100"/>`)},
			&Rule{ID: "HA1304", Title: "Constraint relates a resource to itself", Severity: model.SeverityError, Since: "0.1.0", Check: checkSelfConstraint,
				Doc: pmDoc("An order constraint whose first and then are the same resource (and action), or a\n"+
					"colocation of a resource with itself. Such an order makes the scheduler abort.",
					"crm_verify 2.1.5 aborts on the order: `Triggered fatal assertion at utils.c:492 : lh_action !=\n"+
						"rh_action`; it is silent about the colocation, which hakit adds.",
					`<rsc_order id="o1" first="vip" then="vip"/>`,
					`<rsc_order id="o1" first="fs" then="vip"/>`)},
			&Rule{ID: "HA1305", Title: "Order symmetry that does not apply", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkOrderKind,
				Doc: pmDoc("symmetrical=true on an order of kind Serialize, which cannot be symmetrical; or a kind that\n"+
					"is not Optional, Mandatory or Serialize. The invalid kind is reported as an error, as crm_verify\n"+
					"does: Pacemaker resets it to Mandatory.",
					"crm_verify says: `Ignoring symmetrical for 'o1' because not valid with kind of 'Serialize'` and\n"+
						"`Resetting 'kind' for constraint o1 to 'Mandatory' because 'foo' is not valid`.",
					`<rsc_order id="o1" first="a" then="b" kind="Serialize" symmetrical="true"/>`,
					`<rsc_order id="o1" first="a" then="b" kind="Serialize"/>`)},
			&Rule{ID: "HA1306", Title: "Ticket loss-policy that cannot apply", Severity: model.SeverityError, Since: "0.1.0", Check: checkTicketPolicy,
				Doc: pmDoc("An rsc_ticket has loss-policy=fence while fencing is disabled (Pacemaker resets it to stop), or\n"+
					"loss-policy=demote for a resource that is not promotable, or a policy that is none of stop, demote,\n"+
					"fence, freeze. loss-policy=demote on a resource that is not promotable is reported as a warning,\n"+
					"not an error: Pacemaker accepts it and stops the resource when the ticket is lost.",
					"crm_verify says: `Resetting 'loss-policy' for ticket 'tk' to 'stop' because fencing is not configured`.",
					`<rsc_ticket id="t1" rsc="db" ticket="site-a" loss-policy="fence"/>  <!-- stonith-enabled=false -->`,
					`<rsc_ticket id="t1" rsc="db" ticket="site-a" loss-policy="stop"/>`)},
			&Rule{ID: "HA1307", Title: "Incomplete location constraint", Severity: model.SeverityError, Since: "0.1.0", Check: checkLocationShape,
				Doc: pmDoc("A location constraint has a node but no score, a score but no node, or neither a node nor a\n"+
					"rule; or neither rsc, rsc-pattern nor a resource set.",
					"crm_verify reports a schema error: `Expecting an element rule, got nothing` and `Element rsc_location\n"+
						"failed to validate content`.",
					`<rsc_location id="l1" rsc="vip" node="node1"/>`,
					`<rsc_location id="l1" rsc="vip" node="node1" score="100"/>`)},
			&Rule{ID: "HA1308", Title: "Location on a node the configuration does not know", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkLocationNode,
				Doc: pmDoc("A location constraint names a node that is neither in the nodes section nor in the membership\n"+
					"(corosync nodelist) checked with it, nor a Pacemaker Remote or guest node. Often a typo or a node\n"+
					"that was renamed; the preference then never applies. When the configuration lists no nodes at all the\n"+
					"rule is silent.",
					"crm_verify is silent (nodes may join later); hakit goes beyond it.",
					`<rsc_location id="l1" rsc="vip" node="nodee1" score="100"/>`,
					`<rsc_location id="l1" rsc="vip" node="node1" score="100"/>`)},
			&Rule{ID: "HA1309", Title: "Order constraints form a cycle", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkOrderCycles,
				Doc: pmDoc("Mandatory order constraints (kind Mandatory or a non-zero score) form a loop: a before b before\n"+
					"... before a. None of the resources in the loop can start; the scheduler reports a transition loop.",
					"crm_verify is silent on the configuration (the loop shows only when actions are scheduled); hakit goes\n"+
						"beyond it.",
					`<rsc_order id="o1" first="a" then="b"/>
<rsc_order id="o2" first="b" then="a"/>`,
					`<rsc_order id="o1" first="a" then="b"/>`)},
			&Rule{ID: "HA1310", Title: "Constraint on a group member", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkGroupMemberConstraint,
				Doc: pmDoc("A constraint names a member of a group rather than the group. The group already orders and\n"+
					"colocates its members; a member's own constraint pulls the whole group along (location, colocation)\n"+
					"or fights the group's order, which is hard to read and easy to get wrong.",
					"crm_verify is silent; hakit goes beyond it. Constrain the group instead.",
					`<rsc_location id="l1" rsc="web-ip" node="node1" score="100"/>  <!-- web-ip is in group web -->`,
					`<rsc_location id="l1" rsc="web" node="node1" score="100"/>`)},
			&Rule{ID: "HA1311", Title: "Clones ordered or colocated without interleave", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkInterleave,
				Doc: pmDoc("An order or colocation between two clones whose dependent clone does not set interleave=true.\n"+
					"Without it, every instance of the dependent clone waits for (and restarts with) all instances of the\n"+
					"other clone, not just the one on its node: a restart on one node restarts the dependent clone\n"+
					"everywhere.",
					"crm_verify is silent; hakit adds this as information.",
					`<rsc_order id="o1" first="dlm-clone" then="fs-clone"/>  <!-- fs-clone has no interleave -->`,
					`<nvpair id="fs-clone-interleave" name="interleave" value="true"/>`)},
			&Rule{ID: "HA1312", Title: "Stickiness outweighs a location preference", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkStickiness,
				Doc: pmDoc("A resource prefers a node with a finite positive score not larger than its\n"+
					"resource-stickiness (its own or rsc_defaults). After a failover it stays where it is and does not\n"+
					"go back to the preferred node. That is often intended; if not, raise the location score above the\n"+
					"stickiness.",
					"crm_verify is silent; hakit adds this as information.",
					`<nvpair id="rd-stick" name="resource-stickiness" value="200"/>
<rsc_location id="l1" rsc="vip" node="node1" score="100"/>`,
					`<nvpair id="rd-stick" name="resource-stickiness" value="100"/>
<rsc_location id="l1" rsc="vip" node="node1" score="200"/>`)},
			&Rule{ID: "HA1313", Title: "Colocation that can never be satisfied", Severity: model.SeverityError, Since: "0.1.0", Check: checkImpossibleColocation,
				Doc: pmDoc("Two mandatory colocations between the same resources contradict each other (one INFINITY, one\n"+
					"-INFINITY), or a mandatory colocation joins two resources that are each bound with INFINITY to\n"+
					"different nodes. The dependent resource can never run.",
					"crm_verify is silent (the resource just stays stopped); hakit goes beyond it.",
					`<rsc_colocation id="c1" rsc="a" with-rsc="b" score="INFINITY"/>
<rsc_colocation id="c2" rsc="a" with-rsc="b" score="-INFINITY"/>`,
					`<rsc_colocation id="c1" rsc="a" with-rsc="b" score="INFINITY"/>`)},
		)
	})
}

func checkConstraintRefs(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			for _, ref := range constraintRefs(c) {
				if ix.exists(ref[1]) {
					continue
				}
				msg := fmt.Sprintf("%s %q of constraint %s is not a resource, template or tag of the configuration: Pacemaker ignores the constraint", ref[0], ref[1], c.ConstraintID())
				if sg := Suggest(ref[1], rscIDs(ix)); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				p.Reportf(ic.at(c), "%s", msg).Detail = fmt.Sprintf("crm_verify: IDREF attribute %s references an unknown ID \"%s\"", ref[0], ref[1])
			}
		}
	}
}

func rscIDs(ix *pmIndex) []string {
	out := make([]string, 0, len(ix.rsc))
	for id := range ix.rsc {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func checkScores(p *Pass) {
	for _, ic := range configs(p) {
		check := func(e model.Element, what, s string) {
			if s != "" && !validScore(s) {
				p.Reportf(ic.at(e), "score %q of %s is not an integer nor INFINITY/-INFINITY: the CIB does not pass schema validation", s, what)
			}
		}
		for _, c := range ic.cfg.Constraints {
			switch c := c.(type) {
			case *model.Location:
				check(c, "constraint "+c.ID, c.Score)
			case *model.Colocation:
				check(c, "constraint "+c.ID, c.Score)
			case *model.Order:
				check(c, "constraint "+c.ID, c.Score)
			}
			for _, s := range constraintSets(c) {
				if s != nil {
					check(s, "resource set "+s.ID, s.Score)
				}
			}
		}
	}
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		if r.Score != "" && !validScore(r.Score) {
			p.Reportf(ic.at(r), "score %q of rule %s is not an integer nor INFINITY/-INFINITY: the CIB does not pass schema validation", r.Score, r.ID)
		}
	})
}

func checkRscPattern(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok || l.RscPattern == "" {
				continue
			}
			if _, err := regexp.Compile(l.RscPattern); err != nil {
				p.Reportf(ic.at(l), "rsc-pattern %q of %s is not a valid regular expression: Pacemaker ignores the constraint", l.RscPattern, l.ID).Detail =
					fmt.Sprintf("crm_verify: Ignoring constraint '%s' because rsc-pattern has invalid value '%s'", l.ID, l.RscPattern)
			}
		}
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func checkSelfConstraint(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			switch c := c.(type) {
			case *model.Order:
				if c.First != "" && c.First == c.Then && orDefault(c.FirstAction, "start") == orDefault(c.ThenAction, orDefault(c.FirstAction, "start")) {
					p.Reportf(ic.at(c), "order %s puts %s before itself: the scheduler aborts on it", c.ID, c.First).Detail =
						"crm_verify: Triggered fatal assertion at utils.c:492 : lh_action != rh_action"
				}
			case *model.Colocation:
				if c.Rsc != "" && c.Rsc == c.WithRsc {
					p.Reportf(ic.at(c), "colocation %s places %s with itself: it has no effect", c.ID, c.Rsc)
				}
			}
		}
	}
}

func checkOrderKind(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			o, ok := c.(*model.Order)
			if !ok {
				continue
			}
			switch o.Kind {
			case "", "Optional", "Mandatory":
			case "Serialize":
				if o.Symmetrical != "" && model.IsTrue(o.Symmetrical) {
					p.Reportf(ic.at(o), "order %s is of kind Serialize, which cannot be symmetrical: symmetrical=%s is ignored", o.ID, o.Symmetrical).Detail =
						fmt.Sprintf("crm_verify: Ignoring symmetrical for '%s' because not valid with kind of 'Serialize'", o.ID)
				}
			default:
				// Pacemaker resets it to Mandatory (pcmk__config_err): what
				// runs is not what was written, an error as in crm_verify.
				d := p.Reportf(ic.at(o), "kind %q of order %s is not Optional, Mandatory or Serialize: Pacemaker uses Mandatory", o.Kind, o.ID)
				d.Severity = model.SeverityError
				d.Detail = fmt.Sprintf("crm_verify: Resetting 'kind' for constraint %s to 'Mandatory' because '%s' is not valid", o.ID, o.Kind)
			}
		}
	}
}

func checkTicketPolicy(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		noFence := fencingDisabled(ic.cfg)
		for _, c := range ic.cfg.Constraints {
			t, ok := c.(*model.Ticket)
			if !ok {
				continue
			}
			switch t.LossPolicy {
			case "", "stop", "freeze":
			case "fence":
				if noFence {
					p.Reportf(ic.at(t), "loss-policy=fence of ticket %s while stonith-enabled=false: Pacemaker resets it to stop", t.Ticket).Detail =
						fmt.Sprintf("crm_verify: Resetting 'loss-policy' for ticket '%s' to 'stop' because fencing is not configured", t.Ticket)
				}
			case "demote":
				if t.Rsc != "" && ix.exists(t.Rsc) && !ix.promotable(t.Rsc) {
					// Pacemaker does not refuse this: when the ticket is lost it
					// cannot demote, so it stops the resource. A warning.
					p.Reportf(ic.at(t), "loss-policy=demote of ticket %s for %s, which is not promotable: when the ticket is lost Pacemaker stops %s instead (write loss-policy=stop to say so)", t.Ticket, t.Rsc, t.Rsc).Severity = model.SeverityWarning
				}
			default:
				p.Reportf(ic.at(t), "loss-policy %q of ticket %s is not stop, demote, fence or freeze", t.LossPolicy, t.Ticket)
			}
		}
	}
}

func checkLocationShape(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok {
				continue
			}
			var why string
			switch {
			case l.Rsc == "" && l.RscPattern == "" && len(l.Sets) == 0:
				why = "it names no resource (rsc, rsc-pattern or a resource set)"
			case len(l.Rules) > 0:
			case l.Node != "" && l.Score == "":
				why = "it has a node but no score"
			case l.Node == "" && l.Score != "":
				why = "it has a score but no node (and no rule)"
			case l.Node == "":
				why = "it has neither a node with a score nor a rule"
			}
			if why != "" {
				p.Reportf(ic.at(l), "location %s is incomplete: %s; the CIB does not pass schema validation", l.ID, why)
			}
		}
	}
}

// knownNodes returns every node name the pass knows: the CIB's nodes,
// remote and guest nodes, and the membership's nodes.
func knownNodes(p *Pass, ix *pmIndex) map[string]bool {
	out := map[string]bool{}
	for n := range ix.nodes {
		out[n] = true
	}
	for _, pr := range ix.prims {
		if _, _, typ := ix.agentOf(pr); typ == "remote" {
			out[pr.ID] = true
		}
		if v, ok := pr.Meta("remote-node"); ok {
			out[v] = true
		}
	}
	for _, r := range ix.cfg.Resources {
		if b, ok := r.(*model.Bundle); ok {
			out[b.ID] = true // bundle replicas are named after the bundle
		}
	}
	if p.Merged != nil && p.Merged.Membership != nil {
		for _, n := range p.Merged.Membership.Nodes {
			if n != nil && n.Name != "" {
				out[n.Name] = true
			}
		}
	}
	if p.Merged != nil && p.Merged.Status != nil {
		for _, ns := range p.Merged.Status.Nodes {
			if ns != nil {
				if u := ns.Attrs.Value("uname"); u != "" {
					out[u] = true
				}
			}
		}
	}
	return out
}

func checkLocationNode(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		if len(ix.nodes) == 0 {
			continue
		}
		known := knownNodes(p, ix)
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok || l.Node == "" || known[l.Node] {
				continue
			}
			names := make([]string, 0, len(known))
			for n := range known {
				names = append(names, n)
			}
			sort.Strings(names)
			msg := fmt.Sprintf("location %s names node %q, which is not a node of the configuration: the preference never applies", l.ID, l.Node)
			if sg := Suggest(l.Node, names); sg != "" {
				msg += fmt.Sprintf("; did you mean %q?", sg)
			}
			p.Reportf(ic.at(l), "%s", msg)
		}
	}
}

func mandatoryOrder(o *model.Order) bool {
	switch o.Kind {
	case "Optional", "Serialize":
		return false
	case "Mandatory":
		return true
	}
	return o.Score == "" || scoreValue(o.Score) != 0
}

func checkOrderCycles(p *Pass) {
	for _, ic := range configs(p) {
		type edge struct {
			to string
			o  *model.Order
		}
		adj := map[string][]edge{}
		var nodes []string
		for _, c := range ic.cfg.Constraints {
			o, ok := c.(*model.Order)
			if !ok || o.First == "" || o.Then == "" || o.First == o.Then || !mandatoryOrder(o) {
				continue
			}
			if _, ok := adj[o.First]; !ok {
				nodes = append(nodes, o.First)
			}
			adj[o.First] = append(adj[o.First], edge{o.Then, o})
		}
		// Iterative DFS with colours; a back edge closes a cycle, reported
		// at the order that closes it.
		color := map[string]int{}
		reported := map[*model.Order]bool{}
		for _, start := range nodes {
			if color[start] != 0 {
				continue
			}
			type frame struct {
				n string
				i int
			}
			stack := []frame{{start, 0}}
			path := []string{start}
			color[start] = 1
			for len(stack) > 0 {
				top := &stack[len(stack)-1]
				es := adj[top.n]
				if top.i >= len(es) {
					color[top.n] = 2
					stack = stack[:len(stack)-1]
					path = path[:len(path)-1]
					continue
				}
				e := es[top.i]
				top.i++
				switch color[e.to] {
				case 0:
					color[e.to] = 1
					stack = append(stack, frame{e.to, 0})
					path = append(path, e.to)
				case 1:
					if reported[e.o] {
						continue
					}
					reported[e.o] = true
					var loop []string
					for i, n := range path {
						if n == e.to {
							loop = append(append(loop, path[i:]...), e.to)
							break
						}
					}
					p.Reportf(ic.at(e.o), "order %s closes a cycle of mandatory orders (%s): none of these resources can start", e.o.ID, joinArrow(loop))
				}
			}
		}
	}
}

func joinArrow(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " -> "
		}
		out += x
	}
	return out
}

func checkGroupMemberConstraint(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			for _, ref := range constraintRefs(c) {
				if g, ok := ix.parent[ref[1]].(*model.Group); ok {
					p.Reportf(ic.at(c), "constraint %s names %s, a member of group %s: constrain the group instead", c.ConstraintID(), ref[1], g.ID)
				}
			}
		}
	}
}

func interleaved(c *model.Clone) bool {
	v, _ := c.Meta("interleave")
	return model.IsTrue(v)
}

func checkInterleave(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		topClone := func(id string) *model.Clone {
			c, _ := ix.rsc[id].(*model.Clone)
			return c
		}
		for _, c := range ic.cfg.Constraints {
			var dep, other *model.Clone
			switch c := c.(type) {
			case *model.Order:
				dep, other = topClone(c.Then), topClone(c.First)
			case *model.Colocation:
				dep, other = topClone(c.Rsc), topClone(c.WithRsc)
			}
			if dep == nil || other == nil || dep == other || interleaved(dep) {
				continue
			}
			p.Reportf(ic.at(c), "constraint %s ties clone %s to clone %s, but %s does not set interleave=true: its instances wait for all instances of %s", c.ConstraintID(), dep.ID, other.ID, dep.ID, other.ID)
		}
	}
}

func checkStickiness(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		def, hasDef := model.Lookup(ic.cfg.RscDefaults, "resource-stickiness")
		for _, c := range ic.cfg.Constraints {
			l, ok := c.(*model.Location)
			if !ok || l.Rsc == "" || l.Node == "" || !validScore(l.Score) {
				continue
			}
			score := scoreValue(l.Score)
			if score <= 0 || score >= 1000000 {
				continue
			}
			r := ix.rsc[l.Rsc]
			if r == nil {
				continue
			}
			st, has := "", false
			switch x := r.(type) {
			case *model.Primitive:
				st, has = x.Meta("resource-stickiness")
			case *model.Group:
				st, has = x.Meta("resource-stickiness")
			case *model.Clone:
				st, has = x.Meta("resource-stickiness")
			case *model.Bundle:
				st, has = x.Meta("resource-stickiness")
			}
			if !has {
				st, has = def, hasDef
			}
			if !has || !validScore(st) {
				continue
			}
			if s := scoreValue(st); s >= score {
				p.Reportf(ic.at(l), "location %s prefers %s with score %s, but %s's resource-stickiness is %s: after a failover it will not move back to %s", l.ID, l.Node, l.Score, l.Rsc, st, l.Node)
			}
		}
	}
}

func checkImpossibleColocation(p *Pass) {
	for _, ic := range configs(p) {
		type pair struct{ a, b string }
		signs := map[pair]*model.Colocation{}
		pinned := map[string]string{} // resource -> node with +INFINITY
		for _, c := range ic.cfg.Constraints {
			if l, ok := c.(*model.Location); ok && l.Rsc != "" && l.Node != "" && validScore(l.Score) && scoreValue(l.Score) >= 1000000 && len(l.Rules) == 0 && l.Role == "" {
				if _, dup := pinned[l.Rsc]; !dup {
					pinned[l.Rsc] = l.Node
				}
			}
		}
		for _, c := range ic.cfg.Constraints {
			col, ok := c.(*model.Colocation)
			if !ok || col.Rsc == "" || col.WithRsc == "" || !validScore(col.Score) || col.RscRole != "" || col.WithRscRole != "" {
				continue
			}
			s := scoreValue(col.Score)
			if s != 1000000 && s != -1000000 {
				continue
			}
			k := pair{col.Rsc, col.WithRsc}
			if col.Rsc > col.WithRsc {
				k = pair{col.WithRsc, col.Rsc}
			}
			if prev := signs[k]; prev != nil && scoreValue(prev.Score) == -s {
				p.Reportf(ic.at(col), "colocation %s contradicts %s: %s and %s must both run together and apart", col.ID, prev.ID, col.Rsc, col.WithRsc)
			} else if prev == nil {
				signs[k] = col
			}
			if s == 1000000 {
				na, okA := pinned[col.Rsc]
				nb, okB := pinned[col.WithRsc]
				if okA && okB && na != nb {
					p.Reportf(ic.at(col), "colocation %s requires %s on the node of %s, but they are bound with INFINITY to %s and %s: %s can never run", col.ID, col.Rsc, col.WithRsc, na, nb, col.Rsc)
				}
			}
		}
	}
}

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1314", Title: "Invalid role or action in a constraint", Severity: model.SeverityError, Since: "0.1.0", Check: checkConstraintRoles,
			Doc: pmDoc("A constraint or resource set names a role that is not Stopped, Started, Unpromoted, Promoted\n"+
				"(or the legacy Slave, Master), or an order action that is not start, stop, promote or demote. The\n"+
				"schema spells these exactly, so \"started\" or \"Boss\" makes the whole CIB invalid.",
				"crm_verify reports a schema error: `Invalid attribute rsc-role for element rsc_colocation` (or\n"+
					"first-action for rsc_order, role for resource_set).",
				`<rsc_colocation id="c1" rsc="fs" with-rsc="drbd-clone" with-rsc-role="promoted" score="INFINITY"/>`,
				`<rsc_colocation id="c1" rsc="fs" with-rsc="drbd-clone" with-rsc-role="Promoted" score="INFINITY"/>`)})
	})
}

// schemaRoles are the role spellings the schema allows (case-sensitive).
var schemaRoles = map[string]bool{"Stopped": true, "Started": true, "Slave": true, "Master": true, "Unpromoted": true, "Promoted": true}

var orderActions = map[string]bool{"start": true, "stop": true, "promote": true, "demote": true}

func checkConstraintRoles(p *Pass) {
	for _, ic := range configs(p) {
		for _, c := range ic.cfg.Constraints {
			role := func(e model.Element, attr, v string) {
				if v != "" && !schemaRoles[v] {
					p.Reportf(ic.at(e), "%s=%q of %s is not a role (Stopped, Started, Unpromoted, Promoted): the CIB does not pass schema validation", attr, v, c.ConstraintID())
				}
			}
			action := func(e model.Element, attr, v string) {
				if v != "" && !orderActions[v] {
					p.Reportf(ic.at(e), "%s=%q of %s is not an action (start, stop, promote, demote): the CIB does not pass schema validation", attr, v, c.ConstraintID())
				}
			}
			switch c := c.(type) {
			case *model.Location:
				role(c, "role", c.Role)
			case *model.Colocation:
				role(c, "rsc-role", c.RscRole)
				role(c, "with-rsc-role", c.WithRscRole)
			case *model.Order:
				action(c, "first-action", c.FirstAction)
				action(c, "then-action", c.ThenAction)
			case *model.Ticket:
				role(c, "rsc-role", c.RscRole)
			}
			for _, s := range constraintSets(c) {
				if s != nil {
					role(s, "role", s.Role)
					action(s, "action", s.Action)
				}
			}
		}
	}
}
