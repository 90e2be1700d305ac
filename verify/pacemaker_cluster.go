package verify

// HA16xx: cluster-level checks of the Pacemaker configuration — failure
// handling, quorum of two-node clusters, legacy role names, ping
// attributes, fencing coverage, nodes.

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1601", Title: "migration-threshold without failure-timeout", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkFailureTimeout,
				Doc: pmDoc("A resource (or rsc_defaults) sets migration-threshold but no failure-timeout applies to it. After\n"+
					"that many failures the resource is banned from the node until an administrator runs crm_resource\n"+
					"--cleanup; with a failure-timeout the ban expires by itself.",
					"crm_verify is silent; hakit adds this as information.",
					`<nvpair id="rd-mt" name="migration-threshold" value="3"/>`,
					`<nvpair id="rd-mt" name="migration-threshold" value="3"/>
<nvpair id="rd-ft" name="failure-timeout" value="10min"/>`)},
			&Rule{ID: "HA1602", Title: "Two-node cluster without quorum handling", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkTwoNode,
				Doc: pmDocAs("text", "The cluster has two nodes, but the membership configuration checked with it neither sets\n"+
					"two_node: 1 (corosync votequorum; two_node=\"1\" in cluster.conf's cman) nor uses a quorum device, and\n"+
					"no-quorum-policy is not ignore: when one node fails the survivor loses quorum and stops everything.\n"+
					"Without a membership file (a CIB alone) hakit cannot tell and reports information only.",
					"crm_verify is silent (quorum is the membership layer's business); hakit goes beyond it.",
					`quorum {
    provider: corosync_votequorum
}`,
					`quorum {
    provider: corosync_votequorum
    two_node: 1
}`)},
			&Rule{ID: "HA1603", Title: "Legacy role name", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkLegacyRoles,
				Doc: pmDoc("A role is written Master or Slave (in target-role, an op's role, a constraint, set or rule),\n"+
					"a promotable clone is a legacy <master> element, or master-max/master-node-max are set. Pacemaker 2.1\n"+
					"deprecates these names and Pacemaker 3 rejects them: use Promoted, Unpromoted, a clone with\n"+
					"promotable=true, promoted-max and promoted-node-max.",
					"crm_verify 2.1.5 accepts them silently (the 3.x schemas do not); hakit warns ahead of the upgrade.",
					`<rsc_colocation id="c1" rsc="fs" with-rsc="drbd-clone" with-rsc-role="Master" score="INFINITY"/>`,
					`<rsc_colocation id="c1" rsc="fs" with-rsc="drbd-clone" with-rsc-role="Promoted" score="INFINITY"/>`)},
			&Rule{ID: "HA1604", Title: "Ping attribute no rule uses", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkPingAttribute,
				Doc: pmDoc("A ping (ocf:pacemaker:ping) resource sets a node attribute (its name parameter, pingd by\n"+
					"default) that no rule expression reads. Connectivity is measured but never influences placement.",
					"crm_verify is silent; hakit goes beyond it.",
					`<primitive id="ping" class="ocf" provider="pacemaker" type="ping">
  <instance_attributes id="ping-ia">
    <nvpair id="ping-hosts" name="host_list" value="192.168.122.1"/>
  </instance_attributes>
</primitive>  <!-- no rule on pingd -->`,
					`<rsc_location id="web-on-connected" rsc="web">
  <rule id="web-on-connected-rule" score="-INFINITY" boolean-op="or">
    <expression id="web-on-connected-e1" attribute="pingd" operation="not_defined"/>
    <expression id="web-on-connected-e2" attribute="pingd" operation="lte" value="0"/>
  </rule>
</rsc_location>`)},
			&Rule{ID: "HA1605", Title: "Fencing device covers no node", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkFenceCoversNone,
				Doc: pmDoc("A fencing device's pcmk_host_list or pcmk_host_map names only hosts that are not nodes of the\n"+
					"cluster (the CIB's nodes section and the membership checked with it): it can fence nobody. A device\n"+
					"with neither parameter is assumed to answer for every node through its dynamic list\n"+
					"(pcmk_host_check=dynamic-list) and is not reported.",
					"crm_verify is silent; hakit goes beyond it.",
					`<nvpair id="fence1-hosts" name="pcmk_host_list" value="nodeA"/>`,
					`<nvpair id="fence1-hosts" name="pcmk_host_list" value="node1"/>`)},
			&Rule{ID: "HA1606", Title: "Node no fencing device covers", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkNodeUncovered,
				Doc: pmDoc("Fencing is enabled and every fencing device lists its hosts (pcmk_host_list or\n"+
					"pcmk_host_map), but no list names this node: if it fails it cannot be fenced and recovery stops.\n"+
					"Devices without a host list or map are assumed to cover every node (dynamic list), which silences\n"+
					"the rule.",
					"crm_verify is silent; at run time Pacemaker logs that the node cannot be fenced. hakit goes beyond\n"+
						"it.",
					`<node id="2" uname="node2"/>  <!-- only fence-node1 (pcmk_host_list=node1) exists -->`,
					`<primitive id="fence-node2" class="stonith" type="fence_ipmilan">
  <instance_attributes id="fence-node2-ia">
    <nvpair id="fence-node2-hosts" name="pcmk_host_list" value="node2"/>
  </instance_attributes>
</primitive>`)},
			&Rule{ID: "HA1607", Title: "Two nodes with one name", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkDuplicateNodeNames,
				Doc: pmDoc("Two node entries of the nodes section have the same uname (with different ids): usually a node\n"+
					"that was re-added with a new id. Pacemaker uses only one of them.",
					"crm_verify says: `More than one node entry has name 'node1'`.",
					`<node id="1" uname="node1"/>
<node id="3" uname="node1"/>`,
					`<node id="1" uname="node1"/>`)},
			&Rule{ID: "HA1608", Title: "Invalid node type", Severity: model.SeverityError, Since: "0.1.0", Check: checkNodeType,
				Doc: pmDoc("A node's type is not member, ping or remote. \"normal\", the Pacemaker 1.0 name of member, is\n"+
					"accepted when the CIB validates against a pacemaker-2.x or older schema, which still allow it.",
					"crm_verify reports a schema error: `Invalid attribute type for element node`.",
					`<node id="1" uname="node1" type="normal"/>`,
					`<node id="1" uname="node1" type="member"/>`)},
			&Rule{ID: "HA1609", Title: "Fencing level names an unknown device or node", Severity: model.SeverityError, Since: "0.1.0", Check: checkFencingLevels,
				Doc: pmDoc("A fencing-level's devices list names a resource that is not a fencing device of the\n"+
					"configuration (an error: the level can never succeed, and the fencer moves on to the next level or\n"+
					"fails), or its target is not a node the configuration knows (a warning: the level never applies).",
					"crm_verify is silent; pacemaker-fenced reports it at run time. hakit goes beyond it.",
					`<fencing-level id="fl1" target="node1" index="1" devices="fence-nod1"/>`,
					`<fencing-level id="fl1" target="node1" index="1" devices="fence-node1"/>`)},
		)
	})
}

func checkFailureTimeout(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		_, defFT := model.Lookup(ic.cfg.RscDefaults, "failure-timeout")
		// A failure-timeout set on a resource or any of its ancestors
		// applies (meta attributes are inherited).
		hasFT := func(r model.Resource) bool {
			for ; r != nil; r = ix.parent[r.ResourceID()] {
				if ftOf(r) {
					return true
				}
			}
			return false
		}
		eachMeta(ix, func(r model.Resource, nv *model.NVPair) {
			if nv.Name != "migration-threshold" || nv.Value == "0" || nv.Value == "INFINITY" || nv.Value == "+INFINITY" {
				return
			}
			if r == nil {
				if !defFT {
					p.Reportf(ic.at(nv), "rsc_defaults set migration-threshold=%s but no failure-timeout: a resource that reaches it stays banned until cleaned up by hand", nv.Value)
				}
				return
			}
			if !defFT && !hasFT(r) {
				p.Reportf(ic.at(nv), "%s sets migration-threshold=%s but no failure-timeout applies: once reached, the ban lasts until cleaned up by hand", r.ResourceID(), nv.Value)
			}
		})
	}
}

func ftOf(r model.Resource) bool {
	var sets []*model.NVSet
	switch x := r.(type) {
	case *model.Primitive:
		sets = x.MetaAttrs
	case *model.Group:
		sets = x.MetaAttrs
	case *model.Clone:
		sets = x.MetaAttrs
	case *model.Bundle:
		sets = x.MetaAttrs
	}
	_, ok := model.Lookup(sets, "failure-timeout")
	return ok
}

// memberNodes returns the CIB's cluster (not remote, not ping) nodes.
func memberNodes(cfg *model.Configuration) []*model.Node {
	var out []*model.Node
	for _, n := range cfg.Nodes {
		if n != nil && (n.Type == "" || n.Type == "member" || n.Type == "normal") {
			out = append(out, n)
		}
	}
	return out
}

func checkTwoNode(p *Pass) {
	var memb []*Input
	for _, in := range p.Inputs {
		if in != nil && in.Cluster != nil && in.Cluster.Membership != nil && (in.Cluster.Membership.Origin == "corosync" || in.Cluster.Membership.Origin == "cman") {
			memb = append(memb, in)
		}
	}
	ignore := false
	var cibNodes []*model.Node
	var cibIC *inputConfig
	for _, ic := range configs(p) {
		if v, ok := ic.cfg.ClusterOption("no-quorum-policy"); ok && v == "ignore" {
			ignore = true
		}
		if ns := memberNodes(ic.cfg); len(ns) > 0 && cibIC == nil {
			cibNodes, cibIC = ns, ic
		}
	}
	if ignore {
		return
	}
	if len(memb) == 0 {
		if len(cibNodes) == 2 && cibIC != nil {
			d := p.Reportf(cibIC.at(cibNodes[1]), "two-node cluster: check that corosync sets two_node: 1 (or a quorum device) so the survivor keeps quorum; hakit was not given the corosync configuration")
			d.Severity = model.SeverityInfo
		}
		return
	}
	for _, in := range memb {
		m := in.Cluster.Membership
		if len(m.Nodes) != 2 {
			continue
		}
		handled := false
		var at model.Range
		if m.Quorum != nil {
			at = m.Quorum.Range
			if o, ok := m.Quorum.Options.Get("two_node"); ok && o.Value == "1" {
				handled = true
			}
			if m.Quorum.Device != nil || m.Quorum.QDisk != nil {
				handled = true
			}
		}
		if m.CMAN != nil && m.CMAN.Cman != nil {
			if o, ok := m.CMAN.Cman.Attrs.Get("two_node"); ok && o.Value == "1" {
				handled = true
			}
			at = m.CMAN.Cman.Range
		}
		if m.Origin == "corosync" && m.Version != "" && m.Version < "2" {
			continue // corosync 1 has no votequorum; Pacemaker's own quorum applies
		}
		if handled {
			continue
		}
		if at.IsZero() {
			at = m.Range
		}
		if at.IsZero() {
			at = model.Range{Filename: in.Filename}
		}
		p.Reportf(at, "two-node cluster without two_node: 1 or a quorum device: when one node fails the other loses quorum and stops all resources")
	}
}

func checkLegacyRoles(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		legacy := func(role string) bool { return strings.EqualFold(role, "Master") || strings.EqualFold(role, "Slave") }
		repl := func(role string) string {
			if strings.EqualFold(role, "Master") {
				return "Promoted"
			}
			return "Unpromoted"
		}
		rep := func(e model.Element, what, role string) {
			if legacy(role) {
				p.Reportf(ic.at(e), "role %s in %s is a legacy name: use %s", role, what, repl(role))
			}
		}
		eachMeta(ix, func(r model.Resource, nv *model.NVPair) {
			switch nv.Name {
			case "target-role":
				rep(nv, "target-role", nv.Value)
			case "master-max", "master-node-max":
				p.Reportf(ic.at(nv), "%s is a legacy name: use %s", nv.Name, strings.Replace(nv.Name, "master", "promoted", 1))
			}
		})
		for _, r := range ic.cfg.Resources {
			if c, ok := r.(*model.Clone); ok && c.Element == "master" {
				p.Reportf(ic.at(c), "<master> %s is the legacy form of a promotable clone: use <clone> with promotable=true", c.ID)
			}
		}
		eachOp(ix, func(pr *model.Primitive, op *model.Op) { rep(op, "operation "+opLabel(pr, op), op.Role) })
		for _, c := range ic.cfg.Constraints {
			what := "constraint " + c.ConstraintID()
			switch c := c.(type) {
			case *model.Location:
				rep(c, what, c.Role)
			case *model.Colocation:
				rep(c, what, c.RscRole)
				rep(c, what, c.WithRscRole)
			case *model.Ticket:
				rep(c, what, c.RscRole)
			}
			for _, s := range constraintSets(c) {
				if s != nil {
					rep(s, "resource set "+s.ID, s.Role)
				}
			}
		}
	}
	eachRule(p, func(ic *inputConfig, r *model.Rule) {
		if strings.EqualFold(r.Role, "Master") || strings.EqualFold(r.Role, "Slave") {
			p.Reportf(ic.at(r), "role %s in rule %s is a legacy name", r.Role, r.ID)
		}
	})
}

func checkPingAttribute(p *Pass) {
	used := map[string]bool{}
	eachRule(p, func(_ *inputConfig, r *model.Rule) {
		for _, e := range r.Expressions {
			if x, ok := e.(*model.Expr); ok && x != nil {
				used[x.Attribute] = true
			}
		}
		if r.ScoreAttribute != "" {
			used[r.ScoreAttribute] = true
		}
	})
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, pr := range ix.prims {
			class, provider, typ := ix.agentOf(pr)
			if class != "ocf" || typ != "ping" && typ != "pingd" || provider != "pacemaker" && provider != "heartbeat" {
				continue
			}
			name := "pingd"
			if nv := params(pr.InstanceAttrs)["name"]; nv != nil && nv.Value != "" {
				name = nv.Value
			}
			if !used[name] {
				p.Reportf(ic.at(pr), "%s sets node attribute %q, but no rule reads it: connectivity never influences placement", pr.ID, name)
			}
		}
	}
}

// fenceTargets returns the hosts a fencing device names in pcmk_host_list
// or pcmk_host_map, and whether it names any (false: dynamic list).
func fenceTargets(pr *model.Primitive) (map[string]bool, *model.NVPair, bool) {
	ps := params(pr.InstanceAttrs)
	if chk := ps["pcmk_host_check"]; chk != nil && (chk.Value == "none" || chk.Value == "dynamic-list") {
		return nil, nil, false
	}
	out := map[string]bool{}
	var at *model.NVPair
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' || r == '\n' })
	}
	if nv := ps["pcmk_host_list"]; nv != nil {
		at = nv
		for _, h := range split(nv.Value) {
			out[h] = true
		}
	}
	if nv := ps["pcmk_host_map"]; nv != nil {
		if at == nil {
			at = nv
		}
		for _, e := range split(nv.Value) {
			h, _, _ := strings.Cut(e, ":")
			h, _, _ = strings.Cut(h, "=")
			if h != "" {
				out[h] = true
			}
		}
	}
	return out, at, at != nil
}

// clusterNodeNames returns the cluster's node names: the CIB's member
// nodes and the membership's nodes.
func clusterNodeNames(p *Pass, cfg *model.Configuration) map[string]bool {
	out := map[string]bool{}
	for _, n := range memberNodes(cfg) {
		if n.Uname != "" {
			out[n.Uname] = true
		}
	}
	if p.Merged != nil && p.Merged.Membership != nil {
		for _, n := range p.Merged.Membership.Nodes {
			if n != nil && n.Name != "" {
				out[n.Name] = true
			}
		}
	}
	return out
}

func fenceDevices(ix *pmIndex) []*model.Primitive {
	var out []*model.Primitive
	for _, pr := range ix.prims {
		if class, _, _ := ix.agentOf(pr); class == "stonith" {
			out = append(out, pr)
		}
	}
	return out
}

func checkFenceCoversNone(p *Pass) {
	for _, ic := range configs(p) {
		nodes := clusterNodeNames(p, ic.cfg)
		if len(nodes) == 0 {
			continue
		}
		for n := range knownNodes(p, indexOf(p, ic.cfg)) {
			nodes[n] = true
		}
		for _, dev := range fenceDevices(indexOf(p, ic.cfg)) {
			hosts, at, static := fenceTargets(dev)
			if !static {
				continue
			}
			covers := false
			for h := range hosts {
				if nodes[h] {
					covers = true
				}
			}
			if !covers {
				list := make([]string, 0, len(hosts))
				for h := range hosts {
					list = append(list, h)
				}
				sort.Strings(list)
				p.Reportf(ic.at(at), "fencing device %s names only %s, none of which is a node of the cluster: it can fence nobody", dev.ID, strings.Join(list, ", "))
			}
		}
	}
}

func checkNodeUncovered(p *Pass) {
	for _, ic := range configs(p) {
		if fencingDisabled(ic.cfg) {
			continue
		}
		devs := fenceDevices(indexOf(p, ic.cfg))
		if len(devs) == 0 {
			continue // HA1001
		}
		covered := map[string]bool{}
		for _, dev := range devs {
			hosts, _, static := fenceTargets(dev)
			if !static {
				covered = nil
				break
			}
			for h := range hosts {
				covered[h] = true
			}
		}
		if covered == nil {
			continue
		}
		for _, n := range memberNodes(ic.cfg) {
			if n.Uname != "" && !covered[n.Uname] {
				p.Reportf(ic.at(n), "no fencing device lists node %s in pcmk_host_list or pcmk_host_map: it cannot be fenced", n.Uname)
			}
		}
	}
}

func checkDuplicateNodeNames(p *Pass) {
	for _, ic := range configs(p) {
		seen := map[string]*model.Node{}
		for _, n := range ic.cfg.Nodes {
			if n == nil || n.Uname == "" {
				continue
			}
			if first := seen[n.Uname]; first != nil {
				p.Reportf(ic.at(n), "node %s (id %s) has the same name as node id %s: Pacemaker uses only one", n.Uname, n.ID, first.ID).Detail =
					fmt.Sprintf("crm_verify: More than one node entry has name '%s'", n.Uname)
				continue
			}
			seen[n.Uname] = n
		}
	}
}

func checkNodeType(p *Pass) {
	for _, ic := range configs(p) {
		legacySchema := false
		if h := ic.in.Cluster.CIB; h != nil {
			v := h.ValidateWith()
			legacySchema = strings.HasPrefix(v, "pacemaker-0.") || strings.HasPrefix(v, "pacemaker-1.") ||
				strings.HasPrefix(v, "pacemaker-2.") || strings.HasPrefix(v, "transitional-")
		}
		for _, n := range ic.cfg.Nodes {
			if n == nil || n.Type == "" || n.Type == "member" || n.Type == "ping" || n.Type == "remote" {
				continue
			}
			if n.Type == "normal" && legacySchema {
				continue // valid up to the pacemaker-2.x schemas
			}
			msg := fmt.Sprintf("type %q of node %s is not member, ping or remote", n.Type, n.Uname)
			if n.Type == "normal" {
				msg += " (normal is the Pacemaker 1.0 name of member)"
			}
			p.Reportf(ic.at(n), "%s: the CIB does not pass schema validation", msg)
		}
	}
}

func checkFencingLevels(p *Pass) {
	for _, ic := range configs(p) {
		ft := ic.cfg.FencingTopology
		if ft == nil {
			continue
		}
		ix := indexOf(p, ic.cfg)
		devs := map[string]bool{}
		for _, d := range fenceDevices(ix) {
			devs[d.ID] = true
		}
		nodes := clusterNodeNames(p, ic.cfg)
		for n := range knownNodes(p, ix) {
			nodes[n] = true
		}
		for _, l := range ft.Levels {
			if l == nil {
				continue
			}
			for _, d := range strings.Split(l.Devices, ",") {
				if d = strings.TrimSpace(d); d != "" && !devs[d] {
					p.Reportf(ic.at(l), "fencing level %s names device %q, which is not a fencing device of the configuration", l.ID, d)
				}
			}
			if l.Target != "" && len(nodes) > 0 && !nodes[l.Target] {
				d := p.Reportf(ic.at(l), "fencing level %s targets %q, which is not a node of the cluster: the level never applies", l.ID, l.Target)
				d.Severity = model.SeverityWarning
			}
		}
	}
}
