package verify

// HA6xxx: CMAN / rgmanager cluster.conf. HA6001-HA6099 are checks on the
// parsed model; HA6901-HA6949 are reported by the cluster.conf parser and
// HA6950-HA6999 by the cman converter (convert/cman.go).

import (
	"fmt"
	"strconv"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(clusterconfRules()...)
		Register(clusterconfParserRules()...)
		Register(clusterconfConvertRules()...)
	})
}

// cmanInputs returns the memberships read from cluster.conf files.
func cmanInputs(p *Pass) []*model.Membership {
	var out []*model.Membership
	for _, in := range p.Inputs {
		if in.Cluster == nil || in.Cluster.Membership == nil {
			continue
		}
		if m := in.Cluster.Membership; m.Origin == "cman" && m.CMAN != nil {
			out = append(out, m)
		}
	}
	return out
}

func atoiOK(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// cmanOpt returns a <cman> attribute.
func cmanOpt(m *model.Membership, name string) (*model.Option, bool) {
	if m.CMAN.Cman == nil {
		return nil, false
	}
	return m.CMAN.Cman.Attrs.Get(name)
}

// startOf shrinks r to its start, so a finding sits on the element's first line.
func startOf(r model.Range) model.Range {
	r.End = r.Start
	return r
}

// totalNodeVotes sums node votes (default 1).
func totalNodeVotes(m *model.Membership) int {
	t := 0
	for _, n := range m.Nodes {
		if n.Votes == 0 {
			if _, ok := n.Options.Get("votes"); !ok {
				t++
			}
			continue
		}
		t += n.Votes
	}
	return t
}

func clusterconfRules() []*Rule {
	return []*Rule{
		{
			ID: "HA6001", Title: "two_node without expected_votes=\"1\"", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "`<cman two_node=\"1\">` lets one node of two keep quorum. cman(5) requires it to be paired with\n" +
				"`expected_votes=\"1\"` and exactly two nodes of one vote each; anything else leaves quorum\n" +
				"computed from a different expectation than the one the operator had in mind.\n\n" +
				"Bad:\n\n```xml\n<cman two_node=\"1\" expected_votes=\"3\"/>\n```\n\nGood:\n\n```xml\n<cman two_node=\"1\" expected_votes=\"1\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					tn, ok := cmanOpt(m, "two_node")
					if !ok {
						continue
					}
					if v, num := atoiOK(tn.Value); !num || v == 0 {
						continue
					}
					if ev, ok := cmanOpt(m, "expected_votes"); !ok {
						p.Reportf(tn.Range, "two_node is set but expected_votes is not; set expected_votes=\"1\"")
					} else if strings.TrimSpace(ev.Value) != "1" {
						p.Reportf(ev.Range, "two_node is set but expected_votes is %q; two_node requires expected_votes=\"1\"", ev.Value)
					}
					if len(m.Nodes) != 2 {
						p.Reportf(tn.Range, "two_node is set but the cluster has %d nodes; it requires exactly 2", len(m.Nodes))
					}
				}
			},
		},
		{
			ID: "HA6002", Title: "quorum disk timing does not fit the totem token", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "qdiskd declares a node dead after `interval × tko` seconds and needs `interval × (tko + master_wait +\n" +
				"upgrade_wait)` seconds (master_wait defaults to tko/2, upgrade_wait to 2) to elect a master. cman\n" +
				"refuses to run qdiskd unless the totem token (10000 ms by default under cman) is at least 10000 ms\n" +
				"and longer than that, otherwise membership declares nodes dead before the quorum disk has\n" +
				"decided. qdisk(5) recommends a token of at least twice `interval × tko`.\n\n" +
				"Bad:\n\n```xml\n<totem token=\"10000\"/>\n<quorumd label=\"qd\" interval=\"1\" tko=\"10\"/>\n```\n\n" +
				"Good:\n\n```xml\n<totem token=\"21000\"/>\n<quorumd label=\"qd\" interval=\"1\" tko=\"10\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.Quorum == nil || m.Quorum.QDisk == nil {
						continue
					}
					qd := m.Quorum.QDisk
					token := 10000
					at := startOf(qd.Range)
					if o, ok := m.Totem.Get("token"); ok {
						if v, ok := atoiOK(o.Value); ok {
							token, at = v, o.Range
						}
					}
					if token < 10000 {
						p.Reportf(at, "totem token %d ms is too fast for qdiskd; cman requires at least 10000 ms with a quorum disk", token)
						continue
					}
					tkoOpt, ok := qd.Options.Get("tko")
					if !ok {
						continue // qdiskd derives tko from the token
					}
					tko, ok := atoiOK(tkoOpt.Value)
					if !ok {
						continue
					}
					interval := 1
					if v, ok := atoiOK(qd.Options.Value("interval")); ok && v >= 1 {
						interval = v
					}
					masterWait, upgradeWait := tko/2, 2
					if v, ok := atoiOK(qd.Options.Value("master_wait")); ok {
						masterWait = v
					}
					if v, ok := atoiOK(qd.Options.Value("upgrade_wait")); ok && v >= 1 {
						upgradeWait = v
					}
					need := interval * (tko + masterWait + upgradeWait) * 1000
					if need >= token {
						p.Reportf(tkoOpt.Range, "quorum disk needs %d ms (interval %d × (tko %d + master_wait %d + upgrade_wait %d)) but the totem token is %d ms; raise the token above %d ms",
							need, interval, tko, masterWait, upgradeWait, token, need)
					}
				}
			},
		},
		{
			ID: "HA6003", Title: "quorum disk votes do not fit the node count", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: "A quorum disk usually carries one vote less than the nodes together (`votes = nodes − 1`, one\n" +
				"for a two-node tie-breaker), and `expected_votes` must count the nodes' and the disk's votes.\n" +
				"Without `votes`, qdiskd requires every node to have one vote. More votes than that let a\n" +
				"partition without a majority of nodes keep quorum; an expected_votes that does not add up\n" +
				"makes quorum different from what the disk was sized for.\n\n" +
				"Bad:\n\n```xml\n<cman expected_votes=\"5\"/>\n<quorumd label=\"qd\" votes=\"3\"/>  <!-- two nodes -->\n```\n\n" +
				"Good:\n\n```xml\n<cman expected_votes=\"3\"/>\n<quorumd label=\"qd\" votes=\"1\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.Quorum == nil || m.Quorum.QDisk == nil || len(m.Nodes) == 0 {
						continue
					}
					qd := m.Quorum.QDisk
					nodeVotes := totalNodeVotes(m)
					vo, ok := qd.Options.Get("votes")
					if !ok {
						for _, n := range m.Nodes {
							if n.Votes > 1 {
								p.Reportf(startOf(qd.Range), "quorumd has no votes and node %q has %d votes; qdiskd requires all node votes to be 1 or an explicit votes", n.Name, n.Votes)
								break
							}
						}
						continue
					}
					qv, ok := atoiOK(vo.Value)
					if !ok {
						continue
					}
					if qv > nodeVotes-1 && nodeVotes > 1 {
						p.Reportf(vo.Range, "quorum disk has %d votes but the nodes have %d together; more than %d lets the disk outvote a majority of nodes", qv, nodeVotes, nodeVotes-1)
					}
					if ev, ok := cmanOpt(m, "expected_votes"); ok {
						if e, ok := atoiOK(ev.Value); ok && e != nodeVotes+qv {
							p.Reportf(ev.Range, "expected_votes is %d but the nodes (%d) and the quorum disk (%d) have %d votes", e, nodeVotes, qv, nodeVotes+qv)
						}
					}
				}
			},
		},
		{
			ID: "HA6004", Title: "quorum disk heuristics can never reach min_score", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "qdiskd counts a node fit when the scores of its passing heuristics (default score 1) reach\n" +
				"`min_score`. When all scores together stay below it, no node is ever fit and the quorum disk\n" +
				"never gives its votes.\n\n" +
				"Bad:\n\n```xml\n<quorumd label=\"qd\" min_score=\"3\">\n  <heuristic program=\"ping -c1 gw\" score=\"1\"/>\n</quorumd>\n```\n\n" +
				"Good:\n\n```xml\n<quorumd label=\"qd\" min_score=\"1\">\n  <heuristic program=\"ping -c1 gw\" score=\"1\"/>\n</quorumd>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.Quorum == nil || m.Quorum.QDisk == nil || len(m.Quorum.QDisk.Heuristics) == 0 {
						continue
					}
					qd := m.Quorum.QDisk
					mo, ok := qd.Options.Get("min_score")
					if !ok {
						continue
					}
					min, ok := atoiOK(mo.Value)
					if !ok {
						continue
					}
					sum := 0
					for _, h := range qd.Heuristics {
						s := 1
						if v, ok := atoiOK(h.Options.Value("score")); ok && v > 0 {
							s = v
						}
						sum += s
					}
					if sum < min {
						p.Reportf(mo.Range, "min_score is %d but the heuristics' scores add up to %d; no node can ever be fit", min, sum)
					}
				}
			},
		},
		{
			ID: "HA6005", Title: "node without a fence method", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: "fenced fences a failed node with the methods of its `<fence>` block. A node without any\n" +
				"method (the Proxmox-style \"fence join only\" setup) cannot be fenced: its services never\n" +
				"recover, or, with fencing bypassed, shared data may be corrupted. Pacemaker needs fencing for\n" +
				"the same reason.\n\n" +
				"Bad:\n\n```xml\n<clusternode name=\"n1\" nodeid=\"1\"/>\n```\n\n" +
				"Good:\n\n```xml\n<clusternode name=\"n1\" nodeid=\"1\">\n  <fence><method name=\"1\"><device name=\"ipmi-n1\"/></method></fence>\n</clusternode>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					for _, n := range m.CMAN.Nodes {
						devices := 0
						for _, me := range n.Methods {
							devices += len(me.Devices)
						}
						if devices == 0 {
							p.Reportf(startOf(n.Range), "node %q has no fence method with a device; it cannot be fenced", n.Name)
						}
					}
				}
			},
		},
		{
			ID: "HA6006", Title: "fence method names an undefined fence device", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "A `<device name=...>` in a node's `<fence>` or `<unfence>` block refers to a\n" +
				"`<fencedevice name=...>`. An undefined name makes that method fail every time.\n\n" +
				"Bad:\n\n```xml\n<method name=\"1\"><device name=\"ipmi-n9\"/></method>\n```\n\n" +
				"Good:\n\n```xml\n<method name=\"1\"><device name=\"ipmi-n1\"/></method>\n...\n<fencedevice name=\"ipmi-n1\" agent=\"fence_ipmilan\" ipaddr=\"10.0.0.1\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					defined := map[string]bool{}
					for _, d := range m.FenceDevices {
						defined[d.Name] = true
					}
					for _, n := range m.CMAN.Nodes {
						var refs []*model.FenceDeviceRef
						for _, me := range n.Methods {
							refs = append(refs, me.Devices...)
						}
						refs = append(refs, n.Unfence...)
						for _, d := range refs {
							if d.Name != "" && !defined[d.Name] {
								p.Reportf(startOf(d.Range), "node %q uses fence device %q, which no <fencedevice> defines", n.Name, d.Name)
							}
						}
					}
				}
			},
		},
		{
			ID: "HA6007", Title: "duplicate node id or name", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "Every `<clusternode>` needs a unique `nodeid` and `name`; cman refuses to start (or two\n" +
				"machines fight over one identity) otherwise.\n\n" +
				"Bad:\n\n```xml\n<clusternode name=\"n1\" nodeid=\"1\"/>\n<clusternode name=\"n2\" nodeid=\"1\"/>\n```\n\n" +
				"Good:\n\n```xml\n<clusternode name=\"n1\" nodeid=\"1\"/>\n<clusternode name=\"n2\" nodeid=\"2\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					ids := map[uint32]*model.MemberNode{}
					names := map[string]*model.MemberNode{}
					for _, n := range m.Nodes {
						if n.NodeID != 0 {
							if first, dup := ids[n.NodeID]; dup {
								d := p.Reportf(startOf(n.Range), "node %q has nodeid %d, which node %q already has", n.Name, n.NodeID, first.Name)
								d.Related = append(d.Related, model.Related{Message: "first used here", Subject: startOf(first.Range)})
							} else {
								ids[n.NodeID] = n
							}
						}
						if n.Name != "" {
							k := strings.ToLower(n.Name)
							if first, dup := names[k]; dup {
								d := p.Reportf(startOf(n.Range), "node name %q is used twice", n.Name)
								d.Related = append(d.Related, model.Related{Message: "first used here", Subject: startOf(first.Range)})
							} else {
								names[k] = n
							}
						}
					}
				}
			},
		},
		{
			ID: "HA6008", Title: "service names an undefined failover domain", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "A service's or vm's `domain` names a `<failoverdomain>` (compared case-insensitively). With an\n" +
				"undefined name rgmanager treats the service as having no domain and may start it anywhere.\n\n" +
				"Bad:\n\n```xml\n<service name=\"web\" domain=\"webdom\"/>  <!-- no such failoverdomain -->\n```\n\n" +
				"Good:\n\n```xml\n<failoverdomain name=\"webdom\" ordered=\"1\">...</failoverdomain>\n<service name=\"web\" domain=\"webdom\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					rm := m.CMAN.RM
					if rm == nil {
						continue
					}
					doms := map[string]bool{}
					for _, d := range rm.FailoverDomains {
						doms[strings.ToLower(d.Name)] = true
					}
					check := func(r *model.RGResource) {
						o, ok := r.Attrs.Get("domain")
						if ok && o.Value != "" && !doms[strings.ToLower(o.Value)] {
							p.Reportf(o.Range, "%s %q names failover domain %q, which is not defined", r.Type, r.Primary(), o.Value)
						}
					}
					for _, s := range rm.Services {
						check(s)
					}
					for _, s := range rm.Resources {
						if s.Type == "service" || s.Type == "vm" || s.Type == "group" {
							check(s)
						}
					}
				}
			},
		},
		{
			ID: "HA6009", Title: "restricted failover domain member is not a cluster node", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "A restricted domain's services run only on its members. A member that is not a\n" +
				"`<clusternode>` (a typo, a removed node) can never run them; a domain with no real member\n" +
				"keeps its services stopped.\n\n" +
				"Bad:\n\n```xml\n<failoverdomain name=\"d\" restricted=\"1\"><failoverdomainnode name=\"node9\"/></failoverdomain>\n```\n\n" +
				"Good:\n\n```xml\n<failoverdomain name=\"d\" restricted=\"1\"><failoverdomainnode name=\"node1\"/></failoverdomain>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.CMAN.RM == nil {
						continue
					}
					nodes := map[string]bool{}
					for _, n := range m.Nodes {
						nodes[strings.ToLower(n.Name)] = true
					}
					for _, d := range m.CMAN.RM.FailoverDomains {
						if !d.Restricted {
							continue
						}
						for _, n := range d.Nodes {
							if !nodes[strings.ToLower(n.Name)] {
								p.Reportf(startOf(n.Range), "restricted failover domain %q lists %q, which is not a cluster node", d.Name, n.Name)
							}
						}
					}
				}
			},
		},
		{
			ID: "HA6010", Title: "ordered failover domain member without a priority", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: "In an ordered domain the service runs on the member with the best (lowest) priority. A\n" +
				"member without `priority` gets the default, so the intended order is not expressed and\n" +
				"conversions cannot reproduce it.\n\n" +
				"Bad:\n\n```xml\n<failoverdomain name=\"d\" ordered=\"1\">\n  <failoverdomainnode name=\"n1\"/>\n  <failoverdomainnode name=\"n2\"/>\n</failoverdomain>\n```\n\n" +
				"Good:\n\n```xml\n<failoverdomain name=\"d\" ordered=\"1\">\n  <failoverdomainnode name=\"n1\" priority=\"1\"/>\n  <failoverdomainnode name=\"n2\" priority=\"2\"/>\n</failoverdomain>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.CMAN.RM == nil {
						continue
					}
					for _, d := range m.CMAN.RM.FailoverDomains {
						if !d.Ordered {
							continue
						}
						for _, n := range d.Nodes {
							if n.Priority == 0 {
								p.Reportf(startOf(n.Range), "member %q of ordered failover domain %q has no priority", n.Name, d.Name)
							}
						}
					}
				}
			},
		},
		{
			ID: "HA6011", Title: "post_join_delay too short", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: "After a node joins the fence domain fenced waits `post_join_delay` seconds (default 6) for\n" +
				"the other nodes to join before fencing them. Below 3 seconds nodes that are still booting\n" +
				"get fenced, which can end in a fencing loop at cluster start.\n\n" +
				"Bad:\n\n```xml\n<fence_daemon post_join_delay=\"0\"/>\n```\n\n" +
				"Good:\n\n```xml\n<fence_daemon post_join_delay=\"20\"/>\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.CMAN.FenceDaemon == nil {
						continue
					}
					o, ok := m.CMAN.FenceDaemon.Attrs.Get("post_join_delay")
					if !ok {
						continue
					}
					if v, ok := atoiOK(o.Value); ok && v >= 0 && v < 3 {
						p.Reportf(o.Range, "post_join_delay is %d s; below 3 s booting nodes get fenced (default 6, 20 or more is common)", v)
					}
				}
			},
		},
		{
			ID: "HA6012", Title: "missing config_version", Severity: model.SeverityError, Since: "0.1.0",
			Doc: "`<cluster config_version=...>` must be present and raised on every change: cman and\n" +
				"`cman_tool version -r` use it to decide which copy of cluster.conf is current.\n\n" +
				"Bad:\n\n```xml\n<cluster name=\"c1\">\n```\n\nGood:\n\n```xml\n<cluster name=\"c1\" config_version=\"1\">\n```\n",
			Check: func(p *Pass) {
				for _, m := range cmanInputs(p) {
					if m.ConfigVersion == "" {
						p.Reportf(startOf(m.Range), "<cluster> has no config_version")
					}
				}
			},
		},
	}
}

func parserDoc(what, bad, good string) string {
	return fmt.Sprintf("Reported by the cluster.conf parser: %s\n\nBad:\n\n```xml\n%s\n```\n\nGood:\n\n```xml\n%s\n```\n", what, bad, good)
}

func convertDoc(what, advice, bad, good string) string {
	return fmt.Sprintf("Reported by the cman converter (`hakit convert --from cluster.conf`): %s\n\n%s\n\n"+
		"No testdata: the converter reports this code, not `hakit verify`; convert/cman_test.go covers it.\n\n"+
		"Bad (input that gets the finding):\n\n```xml\n%s\n```\n\nGood:\n\n```xml\n%s\n```\n", what, advice, bad, good)
}

func clusterconfParserRules() []*Rule {
	return []*Rule{
		{ID: "HA6901", Title: "malformed cluster.conf", Severity: model.SeverityError, Since: "0.1.0",
			Doc: parserDoc("the file is not well-formed XML, or its root element is not `<cluster>`. Nothing after the error is read.",
				"<cluster name=\"c1\" config_version=\"1\">\n  <clusternodes>\n</cluster>",
				"<cluster name=\"c1\" config_version=\"1\">\n  <clusternodes/>\n</cluster>")},
		{ID: "HA6902", Title: "unknown cluster.conf element", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: parserDoc("an element cluster.conf does not define at this place. It is kept (and reported again by the converter) but not interpreted; cman itself only warns.",
				"<clusternodes>\n  <node name=\"n1\"/>\n</clusternodes>",
				"<clusternodes>\n  <clusternode name=\"n1\" nodeid=\"1\"/>\n</clusternodes>")},
		{ID: "HA6903", Title: "attribute value of the wrong type", Severity: model.SeverityError, Since: "0.1.0",
			Doc: parserDoc("an attribute that the daemons read as a number (nodeid, votes, token, tko, priority, ...) holds something else; the daemons read it as 0.",
				"<totem token=\"10s\"/>", "<totem token=\"10000\"/>")},
		{ID: "HA6904", Title: "missing required attribute", Severity: model.SeverityError, Since: "0.1.0",
			Doc: parserDoc("an element lacks an attribute it needs (cluster name, clusternode name and nodeid, fencedevice name and agent, device name, ip address, ...).",
				"<fencedevice name=\"ipmi-n1\" ipaddr=\"10.0.0.1\"/>", "<fencedevice name=\"ipmi-n1\" agent=\"fence_ipmilan\" ipaddr=\"10.0.0.1\"/>")},
		{ID: "HA6905", Title: "duplicate attribute", Severity: model.SeverityError, Since: "0.1.0",
			Doc: parserDoc("an element carries the same attribute twice; which one a daemon sees depends on the XML library.",
				"<clusternode name=\"n1\" nodeid=\"1\" nodeid=\"2\"/>", "<clusternode name=\"n1\" nodeid=\"1\"/>")},
		{ID: "HA6906", Title: "vendor or unknown rgmanager resource", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: parserDoc("a resource element rgmanager's schema does not define, such as Proxmox VE's `<pvevm>`. It is kept and reported, never dropped, but hakit cannot convert it; recreate it by hand (for Proxmox guests, with the HA manager of the newer Proxmox release).",
				"<rm>\n  <pvevm autostart=\"1\" vmid=\"100\"/>\n</rm>", "<rm>\n  <vm name=\"guest100\" path=\"/etc/libvirt/qemu\" autostart=\"1\"/>\n</rm>")},
		{ID: "HA6907", Title: "flag written as a word where rgmanager reads a number", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: parserDoc("rgmanager reads `ordered`, `restricted`, `nofailback` and a service's `autostart` with atoi(): `\"yes\"` means 0. So `ordered=\"yes\"` is an unordered domain and `autostart=\"yes\"` starts the service disabled. hakit converts what rgmanager does, not what the word says.",
				"<failoverdomain name=\"d\" ordered=\"yes\"/>\n<service name=\"s\" autostart=\"yes\"/>", "<failoverdomain name=\"d\" ordered=\"1\"/>\n<service name=\"s\" autostart=\"1\"/>")},
	}
}

func clusterconfConvertRules() []*Rule {
	return []*Rule{
		{ID: "HA6950", Title: "quorum disk needs a corosync-qdevice replacement", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: convertDoc("corosync 3 has no quorum disk. The converter does not invent a qnetd host: it reports the quorum disk with its votes and heuristics and the corosync-qdevice configuration (model net, a qnetd arbitrator, heuristics as exec_ commands) the operator has to set up. A two-node cluster gets two_node: 1 as the interim tie-breaker; corosync refuses two_node together with a device.",
				"Install corosync-qnetd on a third machine and add the device, e.g. `pcs quorum device add model net host=QNETD algorithm=ffsplit heuristics mode=sync exec_ping=\"ping -c1 gw\"`.",
				"<quorumd label=\"qd\" votes=\"1\">\n  <heuristic program=\"ping -c1 gw\" score=\"1\"/>\n</quorumd>",
				"<!-- no quorumd: quorum by the nodes' votes, or a qdevice set up after the migration -->\n<cman expected_votes=\"3\"/>")},
		{ID: "HA6951", Title: "no fencing configured", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: convertDoc("no node has a fence method with a device (or one node has none), so no stonith resource fences it. When no node has fencing the converted CIB sets stonith-enabled=false so that it loads.",
				"Configure fencing (`pcs stonith create ...`) and set stonith-enabled=true before production use.",
				"<clusternode name=\"n1\" nodeid=\"1\"/>",
				"<clusternode name=\"n1\" nodeid=\"1\">\n  <fence><method name=\"1\"><device name=\"ipmi-n1\"/></method></fence>\n</clusternode>")},
		{ID: "HA6952", Title: "rgmanager element not converted", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: convertDoc("a resource, service or vendor element (Proxmox pvevm, an agent without a Pacemaker counterpart such as oracledb or drbd, an empty service) could not be converted; it is listed so it can be recreated by hand.",
				"Recreate the resource with a Pacemaker agent (for a libvirt guest, ocf:heartbeat:VirtualDomain).",
				"<pvevm autostart=\"1\" vmid=\"100\"/>",
				"<vm name=\"guest100\" path=\"/etc/libvirt/qemu\" autostart=\"1\"/>")},
		{ID: "HA6953", Title: "setting without a corosync 3 / Pacemaker equivalent", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: convertDoc("a cluster.conf element or attribute has no counterpart (cman keyfile, port and multicast settings under knet, expected_votes, fence_daemon delays, logging daemons, dlm, rgmanager tuning, events, agent attributes such as monitor_link) and is not carried over.",
				"Review the listed settings; most are obsolete under corosync 3 and Pacemaker.",
				"<fence_daemon post_join_delay=\"20\"/>",
				"<fence_daemon clean_start=\"1\"/>  <!-- becomes startup-fencing=false -->")},
		{ID: "HA6954", Title: "approximate conversion", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: convertDoc("a setting was converted to the closest Pacemaker behaviour, which differs in detail (recovery policies, exclusive services, nofailback, post_fail_delay, depend, independent subtrees, clusterfs clones, the new authkey).",
				"Check the produced constraints and meta attributes against the intent.",
				"<service name=\"s\" exclusive=\"1\" recovery=\"disable\"/>",
				"<service name=\"s\" recovery=\"relocate\"/>  <!-- migration-threshold=1, exact -->")},
		{ID: "HA6955", Title: "unresolved reference", Severity: model.SeverityError, Since: "0.1.0",
			Doc: convertDoc("a `ref=` names no resource in `<resources>`, a fence method or service names an undefined device, domain or dependency; the element is left out of the result.",
				"Define the resource in `<resources>` or inline it.",
				"<service name=\"s\"><ip ref=\"10.0.0.9\"/></service>",
				"<resources><ip address=\"10.0.0.9\"/></resources>\n<service name=\"s\"><ip ref=\"10.0.0.9\"/></service>")},
		{ID: "HA6956", Title: "fence password carried as a secret", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: convertDoc("a fence device password became a stonith instance attribute. A CIB must carry it in clear text; the pcs output references a shell variable instead and warns.",
				"Prefer a password script (`passwd_script`) in the agent, and protect the generated CIB.",
				"<fencedevice name=\"ipmi-n1\" agent=\"fence_ipmilan\" passwd=\"secret\"/>",
				"<fencedevice name=\"ipmi-n1\" agent=\"fence_ipmilan\" passwd_script=\"/usr/local/sbin/ipmi-pw\"/>")},
	}
}
