package verify

// HA70xx: cross-file checks. When a CIB is checked together with the
// membership layer's files (corosync.conf, ha.cf, cluster.conf, dlm.conf),
// node names, node ids and the cluster name must agree. Each input is
// looked at on its own (p.Inputs), since the merged view has lost which
// file said what.

import (
	"fmt"
	"strconv"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA7001", Title: "CIB node missing from the membership configuration", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkCIBNodeInMembership,
				Doc: pmDoc("A node of the CIB's nodes section (a cluster node, not a remote or ping node) is not in the\n"+
					"node list of the membership file checked with it (corosync nodelist, ha.cf node lines, cluster.conf\n"+
					"clusternodes), by name or address. Either the node was removed from one file only, or it was renamed:\n"+
					"Pacemaker will see a second, different node when it joins. Not checked against a membership whose\n"+
					"nodes are known only by IP address (no name: key): any name may belong to them.",
					"crm_verify checks one CIB and cannot see this; hakit goes beyond it.",
					`<node id="3" uname="node3"/>  <!-- corosync.conf lists node1 and node2 -->`,
					`<node id="1" uname="node1"/>
<node id="2" uname="node2"/>`)},
			&Rule{ID: "HA7002", Title: "Node id differs between CIB and membership", Severity: model.SeverityError, Since: "0.1.0", Check: checkNodeIDs,
				Doc: pmDoc("A node has one numeric id in the CIB and another nodeid in the corosync nodelist (or\n"+
					"cluster.conf). Pacemaker keys nodes by the corosync id: the CIB entry belongs to no running node and the\n"+
					"node's attributes and constraints are lost.",
					"crm_verify checks one CIB and cannot see this; hakit goes beyond it.",
					`<node id="2" uname="node1"/>  <!-- corosync: name: node1, nodeid: 1 -->`,
					`<node id="1" uname="node1"/>`)},
			&Rule{ID: "HA7003", Title: "Membership node missing from the CIB", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkMembershipNodeInCIB,
				Doc: pmDocAs("text", "A node of the membership configuration has no entry in the CIB's nodes section. Pacemaker adds\n"+
					"the entry when the node first joins, so this is normal for a node that never joined; it is worth a look\n"+
					"when the CIB was written by hand.",
					"crm_verify cannot see this; hakit adds it as information.",
					`nodelist {
    node { name: node3  nodeid: 3  ring0_addr: 10.0.0.3 }
}`,
					`<node id="3" uname="node3"/>`)},
			&Rule{ID: "HA7004", Title: "Cluster name differs between CIB and membership", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkClusterName,
				Doc: pmDoc("The CIB's cluster-name option differs from the membership's cluster name (corosync\n"+
					"totem.cluster_name, cluster.conf's cluster name). Tools that show or match the name (pcs, crm_mon,\n"+
					"DLM and GFS2 lock tables) disagree.",
					"crm_verify cannot see this; hakit goes beyond it.",
					`<nvpair id="opt-name" name="cluster-name" value="prod"/>  <!-- corosync: cluster_name: hacluster -->`,
					`<nvpair id="opt-name" name="cluster-name" value="hacluster"/>`)},
			&Rule{ID: "HA7005", Title: "Membership files disagree on the nodes", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkMembershipsAgree,
				Doc: pmDocAs("text", "Two membership files checked together (corosync.conf and cluster.conf, ha.cf and\n"+
					"corosync.conf, ...) list different nodes: a node of the second is not in the first.",
					"crm_verify cannot see this; hakit goes beyond it.",
					`ha.cf: node alpha beta     corosync.conf: name: alpha, name: gamma`,
					`ha.cf: node alpha beta     corosync.conf: name: alpha, name: beta`)},
			&Rule{ID: "HA7006", Title: "dlm.conf names an unknown node id", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkDLMNodeIDs,
				Doc: pmDocAs("text", "dlm.conf is checked with a CIB but without a corosync nodelist, and one of its node, connect or\n"+
					"master lines names a node id that is none of the CIB's numeric node ids (which are the corosync\n"+
					"nodeids). dlm_controld never applies the line. With a corosync.conf the dlm family's HA4511 reports\n"+
					"this instead.",
					"crm_verify cannot see this; hakit goes beyond it.",
					`node id=7 mark=42   # the CIB has nodes 1 and 2`,
					`node id=2 mark=42`)},
		)
	})
}

// membershipInputs returns the inputs that carry membership nodes.
func membershipInputs(p *Pass) []*Input {
	var out []*Input
	for _, in := range p.Inputs {
		if in != nil && in.Cluster != nil && in.Cluster.Membership != nil && len(in.Cluster.Membership.Nodes) > 0 {
			out = append(out, in)
		}
	}
	return out
}

// memberNames indexes a membership's nodes by name and by address.
func memberNames(m *model.Membership) map[string]*model.MemberNode {
	out := map[string]*model.MemberNode{}
	for _, n := range m.Nodes {
		if n == nil {
			continue
		}
		if n.Name != "" {
			out[n.Name] = n
		}
		for _, a := range n.Addrs {
			if a != nil && a.Addr != "" {
				if _, ok := out[a.Addr]; !ok {
					out[a.Addr] = n
				}
			}
		}
	}
	return out
}

func originName(in *Input) string {
	if in.Format != "" {
		return in.Format
	}
	return in.Cluster.Membership.Origin
}

func checkCIBNodeInMembership(p *Pass) {
	mins := membershipInputs(p)
	if len(mins) == 0 {
		return
	}
	for _, ic := range configs(p) {
		for _, min := range mins {
			if min == ic.in || !namesAllNodes(min.Cluster.Membership) {
				continue // a node known only by its IP address could be any name
			}
			names := memberNames(min.Cluster.Membership)
			for _, n := range memberNodes(ic.cfg) {
				if n.Uname == "" || names[n.Uname] != nil {
					continue
				}
				p.Reportf(ic.at(n), "node %s of the CIB is not in the node list of %s (%s)", n.Uname, min.Filename, originName(min))
			}
		}
	}
}

func checkNodeIDs(p *Pass) {
	mins := membershipInputs(p)
	for _, ic := range configs(p) {
		for _, min := range mins {
			if min == ic.in {
				continue
			}
			names := memberNames(min.Cluster.Membership)
			for _, n := range memberNodes(ic.cfg) {
				mn := names[n.Uname]
				if mn == nil || mn.NodeID == 0 {
					continue
				}
				id, err := strconv.ParseUint(n.ID, 10, 32)
				if err != nil || uint32(id) == mn.NodeID {
					continue
				}
				p.Reportf(ic.at(n), "node %s has id %s in the CIB but nodeid %d in %s", n.Uname, n.ID, mn.NodeID, min.Filename)
			}
		}
	}
}

func checkMembershipNodeInCIB(p *Pass) {
	mins := membershipInputs(p)
	for _, ic := range configs(p) {
		cib := map[string]bool{}
		for _, n := range ic.cfg.Nodes {
			if n != nil {
				cib[n.Uname] = true
			}
		}
		if len(cib) == 0 {
			continue
		}
		for _, min := range mins {
			if min == ic.in {
				continue
			}
			for _, mn := range min.Cluster.Membership.Nodes {
				if mn == nil || mn.Name == "" || cib[mn.Name] {
					continue
				}
				found := false
				for _, a := range mn.Addrs {
					if a != nil && cib[a.Addr] {
						found = true
					}
				}
				if found {
					continue
				}
				at := mn.Range
				if at.IsZero() {
					at = model.Range{Filename: min.Filename}
				}
				p.Reportf(at, "node %s of %s has no entry in the CIB %s (normal until it first joins)", mn.Name, min.Filename, ic.in.Filename)
			}
		}
	}
}

func checkClusterName(p *Pass) {
	for _, ic := range configs(p) {
		var opt *model.NVPair
		ic.eachOption(func(_ *model.NVSet, nv *model.NVPair) {
			if opt == nil && nv.Name == "cluster-name" {
				opt = nv
			}
		})
		if opt == nil || opt.Value == "" {
			continue
		}
		for _, in := range p.Inputs {
			if in == nil || in == ic.in || in.Cluster == nil || in.Cluster.Membership == nil {
				continue
			}
			m := in.Cluster.Membership
			if m.ClusterName != "" && m.ClusterName != opt.Value {
				p.Reportf(ic.at(opt), "cluster-name %q differs from the cluster name %q of %s", opt.Value, m.ClusterName, in.Filename)
			}
		}
	}
}

func checkMembershipsAgree(p *Pass) {
	mins := membershipInputs(p)
	for i := 1; i < len(mins); i++ {
		first := mins[0]
		names := memberNames(first.Cluster.Membership)
		for _, mn := range mins[i].Cluster.Membership.Nodes {
			if mn == nil || mn.Name == "" || names[mn.Name] != nil {
				continue
			}
			at := mn.Range
			if at.IsZero() {
				at = model.Range{Filename: mins[i].Filename}
			}
			p.Reportf(at, "node %s of %s is not a node of %s", mn.Name, mins[i].Filename, first.Filename)
		}
	}
}

func checkDLMNodeIDs(p *Pass) {
	// Against a corosync nodelist the dlm family reports this (HA4511);
	// this rule covers dlm.conf checked with a CIB alone.
	for _, in := range membershipInputs(p) {
		for _, n := range in.Cluster.Membership.Nodes {
			if n != nil && n.NodeID != 0 {
				return
			}
		}
	}
	ids := map[uint32]bool{}
	for _, ic := range configs(p) {
		for _, n := range memberNodes(ic.cfg) {
			if id, err := strconv.ParseUint(n.ID, 10, 32); err == nil {
				ids[uint32(id)] = true
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	for _, in := range p.Inputs {
		if in == nil || in.Cluster == nil || in.Cluster.Membership == nil || in.Cluster.Membership.DLM == nil {
			continue
		}
		d := in.Cluster.Membership.DLM
		rep := func(r model.Range, what string, id uint32) {
			if id == 0 || ids[id] {
				return
			}
			if r.IsZero() {
				r = model.Range{Filename: in.Filename}
			}
			p.Reportf(r, "%s names node id %d, which is no nodeid of the cluster", what, id)
		}
		for _, n := range d.Nodes {
			if n != nil {
				rep(n.Range, "node line", n.ID)
			}
		}
		for _, c := range d.Connects {
			if c != nil {
				rep(c.Range, fmt.Sprintf("connect line of device %s", c.Device), c.Node)
			}
		}
		for _, ls := range d.Lockspaces {
			if ls == nil {
				continue
			}
			for _, m := range ls.Masters {
				if m != nil {
					rep(m.Range, "master line", m.Node)
				}
			}
		}
	}
}
