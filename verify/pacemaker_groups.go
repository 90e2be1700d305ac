package verify

// HA1719-HA1721: group and promotion semantics crm_verify checks while it
// schedules (a non-collocated group that must be colocated or promoted, a
// clone inside a group) and one it cannot see (promotion of an agent that
// has no promote action).

import (
	"fmt"

	"hakit/agents"
	"hakit/internal/lazyre"
	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1719", Title: "Non-collocated group colocated or promoted", Severity: model.SeverityError, Since: "0.1.0", Check: checkNonCollocatedGroup,
				Doc: pmDoc("A group with collocated=false is the primary (with-rsc) of a mandatory (INFINITY) colocation,\n"+
					"or the child of a promotable clone. Its members may run on different nodes, so there is no one\n"+
					"node to colocate with and no one instance to promote: Pacemaker drops the colocation (the\n"+
					"dependent is placed as if it did not exist) or never promotes the group. A non-collocated group\n"+
					"as the dependent (rsc) of a colocation is accepted.",
					"crm_verify says: `d1: Cannot perform mandatory colocation with non-colocated group g1`, or\n"+
						"`Cannot promote non-colocated child g1:0`.",
					`<group id="g1">
  <meta_attributes id="g1-meta"><nvpair id="g1-col" name="collocated" value="false"/></meta_attributes>
  ...
</group>
<rsc_colocation id="c1" rsc="vip" with-rsc="g1" score="INFINITY"/>`,
					`<group id="g1">...</group>
<rsc_colocation id="c1" rsc="vip" with-rsc="g1" score="INFINITY"/>`)},
			&Rule{ID: "HA1720", Title: "Clone, group or bundle inside a group", Severity: model.SeverityError, Since: "0.1.0", Check: checkNestedInGroup,
				Doc: pmDoc("A group holds only primitives. A clone, group, master or bundle inside one makes the CIB\n"+
					"fail schema validation, and the cluster refuses it. Clone the group instead (a clone whose\n"+
					"child is the group), or colocate and order the clone with the group.",
					"crm_verify says: `Element group has extra content: clone` and `CIB did not pass schema validation`.",
					`<group id="g1">
  <primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
  <clone id="c1"><primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/></clone>
</group>`,
					`<clone id="g1-clone">
  <group id="g1">
    <primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
    <primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>
  </group>
</clone>`)},
			&Rule{ID: "HA1721", Title: "Promotion of an agent that cannot promote", Severity: model.SeverityError, Since: "0.1.0", Check: checkPromoteUnsupported,
				Doc: pmDoc("A promotable clone (or master) holds a primitive whose agent's metadata lists no promote\n"+
					"action (for example ocf:pacemaker:Dummy or ocf:heartbeat:IPaddr2). The cluster promotes an instance, the agent answers\n"+
					"\"unimplemented feature\" (OCF_ERR_UNIMPLEMENTED, a hard error), and the resource is banned from\n"+
					"that node; one node after the other, it ends up stopped everywhere. A promote or demote operation\n"+
					"on a resource that is not promotable is never run and not reported. Agents hakit has no metadata\n"+
					"for are not checked. Pacemaker's own scheduler test CIBs do this on purpose (11 of the 854, with\n"+
					"Dummy, apache and IPaddr: the scheduler never runs an agent); hakit reports them as errors.",
					"crm_verify does not read agent metadata and is silent; hakit goes beyond it with its agent snapshot.",
					`<clone id="vip-clone">
  <meta_attributes id="vip-clone-meta"><nvpair id="vip-clone-promotable" name="promotable" value="true"/></meta_attributes>
  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">...</primitive>
</clone>`,
					`<clone id="db-clone">
  <meta_attributes id="db-clone-meta"><nvpair id="db-clone-promotable" name="promotable" value="true"/></meta_attributes>
  <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">...</primitive>
</clone>`)},
		)
	})
}

// nonCollocated reports whether r is a group with collocated=false.
func nonCollocated(r model.Resource) (*model.Group, bool) {
	g, ok := r.(*model.Group)
	if !ok {
		return nil, false
	}
	v, set := g.Meta("collocated")
	return g, set && checkBoolean(v) == valueOK && !model.IsTrue(v)
}

func checkNonCollocatedGroup(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, c := range ic.cfg.Constraints {
			col, ok := c.(*model.Colocation)
			if !ok || col.WithRsc == "" || !validScore(col.Score) || scoreValue(col.Score) < 1000000 {
				continue
			}
			if g, ok := nonCollocated(ix.rsc[col.WithRsc]); ok {
				p.Reportf(ic.at(col), "colocation %s makes %s depend on group %s, which is not collocated (collocated=false): Pacemaker drops the mandatory colocation", col.ID, col.Rsc, g.ID).Detail =
					fmt.Sprintf("crm_verify: %s: Cannot perform mandatory colocation with non-colocated group %s", col.Rsc, g.ID)
			}
		}
		for _, r := range ix.rsc {
			cl, ok := r.(*model.Clone)
			if !ok || !cl.Promotable() {
				continue
			}
			if g, ok := nonCollocated(cl.Child); ok {
				p.Reportf(ic.at(cl), "promotable clone %s holds group %s, which is not collocated (collocated=false): Pacemaker never promotes it", cl.ID, g.ID).Detail =
					fmt.Sprintf("crm_verify: Cannot promote non-colocated child %s:0", g.ID)
			}
		}
	}
}

var rawTagID = lazyre.New(`^<\s*([A-Za-z_][\w.-]*)\b[^>]*?\bid\s*=\s*["']([^"']*)["']`)

func checkNestedInGroup(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, r := range ix.rsc {
			g, ok := r.(*model.Group)
			if !ok {
				continue
			}
			for _, raw := range g.Unknown {
				m := rawTagID().FindStringSubmatch(raw.XML)
				if m == nil {
					continue
				}
				switch m[1] {
				case "clone", "master", "group", "bundle":
				default:
					continue
				}
				at := raw.Range
				if at.IsZero() {
					at = ic.at(g)
				}
				p.Reportf(at, "%s %s inside group %s: a group holds only primitives, the CIB does not pass schema validation", m[1], m[2], g.ID).Detail =
					fmt.Sprintf("crm_verify: Element group has extra content: %s", m[1])
			}
		}
	}
}

func checkPromoteUnsupported(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		inPromotable := map[*model.Primitive]string{}
		for _, r := range ix.rsc {
			cl, ok := r.(*model.Clone)
			if !ok || !cl.Promotable() {
				continue
			}
			switch ch := cl.Child.(type) {
			case *model.Primitive:
				inPromotable[ch] = cl.ID
			case *model.Group:
				for _, m := range ch.Members {
					inPromotable[m] = cl.ID
				}
			}
		}
		for _, pr := range ix.prims {
			class, provider, typ := ix.agentOf(pr)
			if class != "ocf" {
				continue
			}
			a, ok := agents.Lookup(class, provider, typ)
			if !ok {
				continue
			}
			if _, ok := a.Action("promote"); ok {
				continue
			}
			if cl, ok := inPromotable[pr]; ok {
				p.Reportf(ic.at(pr), "%s is in promotable clone %s, but its agent %s has no promote action: every promotion fails with \"unimplemented feature\" and bans it from the node", pr.ID, cl, a)
			}
		}
	}
}
