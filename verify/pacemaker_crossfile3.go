package verify

// HA7009: dlm.conf checked together with a cluster.conf (or a pcs script
// that sets up the cluster): the node ids its connect, master and node
// lines name must be clusternode nodeids. HA4511 does the same against a
// corosync.conf nodelist and HA7006 against a CIB alone.

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA7009", Title: "dlm.conf names a node id cluster.conf does not have", Severity: model.SeverityError, Since: "0.1.0", Check: checkDLMAgainstClusterConf,
			Doc: pmDocAs("text", "dlm.conf is checked together with a cluster.conf (or a pcs script that sets up the\n"+
				"cluster), and one of its connect node=, master node= or node id= lines names a node id that is no\n"+
				"clusternode nodeid there. dlm_controld knows nodes only by these ids: a connect line for an unknown\n"+
				"id never fences anything, so the node it was meant for has no per-node entry in that device\n"+
				"section (dlm_controld skips the section for it); a master line for an unknown id masters no\n"+
				"lockspace resources. The usual cause is a cluster.conf <master name=NODE> or <clusternode> fence\n"+
				"entry translated by hand with the wrong id, or a node renumbered in cluster.conf only. Against a\n"+
				"corosync.conf nodelist HA4511 reports this, against a CIB alone HA7006.",
				"crm_verify cannot see dlm.conf or cluster.conf; hakit goes beyond it.",
				`# cluster.conf: <clusternode name="node1" nodeid="1"/> <clusternode name="node2" nodeid="2"/>
device  ipmi fence_ipmilan lanplus=1
connect ipmi node=1 ipaddr=10.0.0.101
connect ipmi node=3 ipaddr=10.0.0.102`,
				`device  ipmi fence_ipmilan lanplus=1
connect ipmi node=1 ipaddr=10.0.0.101
connect ipmi node=2 ipaddr=10.0.0.102`)})
	})
}

func checkDLMAgainstClusterConf(p *Pass) {
	for _, min := range p.Inputs {
		if min == nil || min.Cluster == nil || min.Cluster.Membership == nil {
			continue
		}
		m := min.Cluster.Membership
		if m.Origin == "corosync" || m.Origin == "dlm" {
			continue // HA4511 covers corosync.conf
		}
		ids := map[uint32]string{}
		for _, n := range m.Nodes {
			if n != nil && n.NodeID != 0 {
				ids[n.NodeID] = n.Name
			}
		}
		if len(ids) == 0 {
			continue
		}
		known := make([]string, 0, len(ids))
		for id, name := range ids {
			if name != "" {
				known = append(known, fmt.Sprintf("%s=%d", name, id))
			} else {
				known = append(known, fmt.Sprint(id))
			}
		}
		sort.Strings(known)
		for _, in := range p.Inputs {
			if in == nil || in == min || in.Cluster == nil || in.Cluster.Membership == nil || in.Cluster.Membership.DLM == nil {
				continue
			}
			d := in.Cluster.Membership.DLM
			rep := func(r model.Range, what string, id uint32) {
				if id == 0 || hasID(ids, id) {
					return
				}
				if r.IsZero() {
					r = model.Range{Filename: in.Filename}
				}
				p.Reportf(r, "%s names node id %d, which is no clusternode nodeid of %s (%s)", what, id, min.Filename, strings.Join(known, ", "))
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
				for _, ma := range ls.Masters {
					if ma != nil {
						rep(ma.Range, fmt.Sprintf("master line of lockspace %s", ls.Name), ma.Node)
					}
				}
			}
			for _, n := range d.Nodes {
				if n != nil {
					rep(n.Range, "node line", n.ID)
				}
			}
		}
	}
}

func hasID(ids map[uint32]string, id uint32) bool {
	_, ok := ids[id]
	return ok
}
