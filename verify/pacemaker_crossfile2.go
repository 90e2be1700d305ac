package verify

// HA7008: node names a CIB still uses in its constraints and fencing
// devices after the membership (corosync.conf nodelist, ha.cf, cluster.conf)
// given with it renamed or removed the node.

import (
	"fmt"
	"net"
	"sort"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA7008", Title: "Constraint or fencing device names a node the membership does not have", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkNodeNamesInMembership,
			Doc: pmDoc("A location constraint (node=...) or a fencing device's pcmk_host_list or pcmk_host_map names a\n"+
				"node that is not in the node list of the membership file checked with the CIB (corosync nodelist,\n"+
				"ha.cf node lines, cluster.conf clusternodes), by name or address — typically after a node was\n"+
				"renamed in corosync.conf only. The constraint then applies to no node, and the device fences no\n"+
				"node under its new name: a failed node stays unfenced and recovery stops. Reported for names the\n"+
				"CIB's nodes section still has (HA7001 reports that node entry; a name the CIB does not know at all\n"+
				"is HA1308's or HA1605's). Remote and guest nodes (not members of the membership layer) are not\n"+
				"reported, nor anything when a membership node is known only by an IP address (no name: key).",
				"crm_verify checks one CIB and cannot see this; hakit goes beyond it (with the membership file given alongside).",
				`<rsc_location id="loc-1" rsc="vip" node="node3" score="100"/>  <!-- corosync.conf: node1, node2 -->`,
				`<rsc_location id="loc-1" rsc="vip" node="node2" score="100"/>`)})
	})
}

// nonMemberNames are the CIB's node names that the membership layer does
// not know by design: remote and guest nodes, ping nodes.
func nonMemberNames(ix *pmIndex, cfg *model.Configuration) map[string]bool {
	out := map[string]bool{}
	for _, n := range cfg.Nodes {
		if n != nil && n.Type != "" && n.Type != "member" && n.Type != "normal" {
			out[n.Uname] = true
		}
	}
	for _, pr := range ix.prims {
		if c, prov, typ := ix.agentOf(pr); c == "ocf" && prov == "pacemaker" && typ == "remote" {
			out[pr.ID] = true
		}
		if v, ok := pr.Meta("remote-node"); ok {
			out[v] = true
		}
	}
	for _, r := range ix.rsc {
		if b, ok := r.(*model.Bundle); ok {
			out[b.ID] = true // bundle replicas are guest nodes named after the bundle
		}
	}
	return out
}

func checkNodeNamesInMembership(p *Pass) {
	mins := membershipInputs(p)
	if len(mins) == 0 {
		return
	}
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		skip := nonMemberNames(ix, ic.cfg)
		for _, min := range mins {
			if min == ic.in {
				continue
			}
			if !namesAllNodes(min.Cluster.Membership) {
				continue // a node known only by its IP address could be any name
			}
			known := memberNames(min.Cluster.Membership)
			unknown := func(name string) bool {
				// A name the CIB's nodes section lacks too is HA1308's or
				// HA1605's; this rule reports names the CIB still has.
				return name != "" && known[name] == nil && !skip[name] && ix.nodes[name] != nil

			}
			where := fmt.Sprintf("%s (%s)", min.Filename, originName(min))
			for _, c := range ic.cfg.Constraints {
				if loc, ok := c.(*model.Location); ok && unknown(loc.Node) {
					p.Reportf(ic.at(loc), "location %s places %s on node %s, which is not in the node list of %s: renamed or removed, the constraint applies to no node", loc.ID, locSubject(loc), loc.Node, where)
				}
			}
			for _, pr := range ix.prims {
				if c, _, _ := ix.agentOf(pr); c != "stonith" {
					continue
				}
				eachPair(pr.InstanceAttrs, func(nv *model.NVPair) {
					if nv.Name != "pcmk_host_list" && nv.Name != "pcmk_host_map" {
						return
					}
					var missing []string
					for _, e := range strings.FieldsFunc(nv.Value, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' || r == '\n' }) {
						h := e
						if nv.Name == "pcmk_host_map" {
							h, _, _ = strings.Cut(e, ":")
							h, _, _ = strings.Cut(h, "=")
						}
						if unknown(h) {
							missing = append(missing, h)
						}
					}
					if len(missing) == 0 {
						return
					}
					sort.Strings(missing)
					p.Reportf(ic.at(nv), "fencing device %s lists %s in %s, not in the node list of %s: renamed or removed, the device does not fence it under its current name", pr.ID, strings.Join(missing, ", "), nv.Name, where)
				})
			}
		}
	}
}

// locSubject names what a location constraint places.
func locSubject(loc *model.Location) string {
	switch {
	case loc.Rsc != "":
		return loc.Rsc
	case loc.RscPattern != "":
		return "resources matching " + loc.RscPattern
	}
	return "a resource set"
}

// namesAllNodes reports whether every node of m has a name, or an address
// that is a host name (corosync 2 nodelists often give ring0_addr only).
func namesAllNodes(m *model.Membership) bool {
	for _, n := range m.Nodes {
		if n == nil || n.Name != "" {
			continue
		}
		named := false
		for _, a := range n.Addrs {
			if a != nil && a.Addr != "" && net.ParseIP(a.Addr) == nil {
				named = true
			}
		}
		if !named {
			return false
		}
	}
	return true
}
