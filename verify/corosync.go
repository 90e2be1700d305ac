package verify

// HA41xx: rules on corosync.conf (multicast, quorum, timing, nodes, crypto,
// version). Each corosync input is one cluster: two corosync.conf files
// checked together are two clusters (the multicast rules compare them).

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"hakit/model"
)

func init() { registerLazy(func() { Register(corosyncRules()...) }) }

// corosyncMembers returns the corosync memberships of the pass, one per
// input (or the merged one when the pass has no inputs).
func corosyncMembers(p *Pass) []*model.Membership {
	var out []*model.Membership
	for _, in := range p.Inputs {
		if in != nil && in.Cluster != nil && in.Cluster.Membership != nil && in.Cluster.Membership.Origin == "corosync" {
			out = append(out, in.Cluster.Membership)
		}
	}
	if len(p.Inputs) == 0 && p.Merged != nil && p.Merged.Membership != nil && p.Merged.Membership.Origin == "corosync" {
		out = append(out, p.Merged.Membership)
	}
	return out
}

func eachCorosync(p *Pass, f func(m *model.Membership)) {
	for _, m := range corosyncMembers(p) {
		f(m)
	}
}

// keyAt returns where a typed key was written, falling back to r.
func keyAt(m *model.Membership, path string, r model.Range) model.Range {
	if o, ok := m.Corosync.Key(path); ok {
		return o.Range
	}
	return r
}

func isKnet(m *model.Membership) bool {
	return m.Version == "3" && (m.Transport == "" || m.Transport == "knet")
}

func intOpt(os model.Options, name string) (int, *model.Option, bool) {
	o, ok := os.Get(name)
	if !ok {
		return 0, nil, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(o.Value))
	if err != nil {
		return 0, o, false
	}
	return n, o, true
}

func quorumOpt(m *model.Membership, name string) (int, *model.Option, bool) {
	if m.Quorum == nil {
		return 0, nil, false
	}
	return intOpt(m.Quorum.Options, name)
}

func votequorum(m *model.Membership) bool {
	return m.Quorum != nil && m.Quorum.Provider == "corosync_votequorum"
}

// effectiveToken is the token timeout corosync computes: token (default
// 1000, 3000 in 3.x) plus token_coefficient (650) for each node beyond two
// when the nodelist has three or more nodes.
func effectiveToken(m *model.Membership) (int, *model.Option) {
	tok := 1000
	if m.Version == "3" {
		tok = 3000
	}
	t, o, ok := intOpt(m.Totem, "token")
	if ok {
		tok = t
	}
	if len(m.Nodes) >= 3 && m.Version != "1" && m.Version != "0.80" {
		coef := 650
		if c, _, ok := intOpt(m.Totem, "token_coefficient"); ok {
			coef = c
		}
		tok += (len(m.Nodes) - 2) * coef
	}
	return tok, o
}

func linkCount(m *model.Membership) int {
	n := len(m.Links)
	for _, nd := range m.Nodes {
		if len(nd.Addrs) > n {
			n = len(nd.Addrs)
		}
	}
	return n
}

// mcastGroup is one multicast group/port in use.
type mcastGroup struct {
	m     *model.Membership
	link  *model.Link
	addr  netip.Addr
	port  int
	where model.Range
}

func mcastGroups(p *Pass) []mcastGroup {
	var out []mcastGroup
	for _, m := range corosyncMembers(p) {
		if m.Transport != "" && m.Transport != "udp" || m.Transport == "" && m.Version == "3" {
			continue
		}
		for _, l := range m.Links {
			o, ok := l.Options.Get("mcastaddr")
			if !ok {
				continue
			}
			a, err := netip.ParseAddr(o.Value)
			if err != nil {
				continue
			}
			port := 5405
			if m.Version == "3" {
				port += l.Number
			}
			if n, _, ok := intOpt(l.Options, "mcastport"); ok {
				port = n
			}
			out = append(out, mcastGroup{m, l, a, port, o.Range})
		}
	}
	return out
}

func (g mcastGroup) String() string { return fmt.Sprintf("%s port %d", g.addr, g.port) }

func ipv4MAC(a netip.Addr) uint32 {
	b := a.As4()
	return (uint32(b[1])&0x7f)<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func nodeLabel(n *model.MemberNode) string {
	if n.Name != "" {
		return n.Name
	}
	if len(n.Addrs) > 0 {
		return n.Addrs[0].Addr
	}
	return fmt.Sprintf("node at line %d", n.Range.Start.Line)
}

func explicitNodeID(n *model.MemberNode) (string, *model.Option, bool) {
	if n.NodeID > 0 {
		return strconv.FormatUint(uint64(n.NodeID), 10), nil, true
	}
	if o, ok := n.Options.Get("nodeid"); ok {
		return o.Value, o, true
	}
	return "", nil, false
}

func corosyncRules() []*Rule {
	return []*Rule{
		{ID: "HA4101", Title: "multicast group and port collide", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("Corosync's udp transport sends from `mcastport - 1` and receives on `mcastport`. Two rings (or two clusters "+
				"checked together) on the same multicast group must therefore use ports at least 2 apart; the same group and port, "+
				"or ports p and p-1, mix their traffic (corosync 1.x refuses rings like that, other versions and separate clusters "+
				"just see each other's packets).",
				"interface {\n    ringnumber: 0\n    mcastaddr: 239.255.1.1\n    mcastport: 5405\n}\ninterface {\n    ringnumber: 1\n    mcastaddr: 239.255.1.1\n    mcastport: 5406\n}",
				"interface {\n    ringnumber: 0\n    mcastaddr: 239.255.1.1\n    mcastport: 5405\n}\ninterface {\n    ringnumber: 1\n    mcastaddr: 239.255.2.1\n    mcastport: 5405\n}"),
			Check: func(p *Pass) {
				gs := mcastGroups(p)
				for i, g := range gs {
					for _, h := range gs[:i] {
						if g.addr != h.addr || g.port-h.port > 1 || h.port-g.port > 1 {
							continue
						}
						who := fmt.Sprintf("link %d of the same cluster", h.link.Number)
						if g.m != h.m {
							who = "another cluster (" + h.where.String() + ")"
						}
						p.Reportf(g.where, "multicast %s overlaps %s on %s: corosync uses mcastport and mcastport-1, so ports on one group must be at least 2 apart",
							g, h, who)
						break
					}
				}
			}},
		{ID: "HA4102", Title: "multicast groups share an Ethernet MAC", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("IPv4 multicast maps only the low 23 bits of the group into the Ethernet address 01:00:5e:xx:xx:xx, so 32 "+
				"groups share each MAC (239.1.1.1 and 224.129.1.1, 239.1.1.1 and 239.129.1.1). Switches and NICs cannot tell such "+
				"groups apart: every host receives both clusters' (or both rings') traffic.",
				"mcastaddr: 239.1.1.1   # cluster A\nmcastaddr: 239.129.1.1 # cluster B",
				"mcastaddr: 239.1.1.1   # cluster A\nmcastaddr: 239.1.2.1   # cluster B"),
			Check: func(p *Pass) {
				gs := mcastGroups(p)
				for i, g := range gs {
					if !g.addr.Is4() {
						continue
					}
					for _, h := range gs[:i] {
						if h.addr.Is4() && h.addr != g.addr && ipv4MAC(h.addr) == ipv4MAC(g.addr) {
							p.Reportf(g.where, "multicast group %s maps to the same Ethernet MAC as %s (%s): IPv4 multicast keeps only 23 bits, so both groups' traffic reaches every listener",
								g.addr, h.addr, h.where)
							break
						}
					}
				}
			}},
		{ID: "HA4103", Title: "multicast group in a reserved or flooded range", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("Some multicast groups are poor choices for corosync: 224.0.0.0/24 is the link-local control block (routing "+
				"protocols; corosync's man page calls such addresses \"config\" addresses), 224.0.1.0/24 is internetwork control, "+
				"any x.0.0.y or x.128.0.y group shares its MAC with 224.0.0.y and is flooded to every port by IGMP-snooping "+
				"switches, 232.0.0.0/8 is source-specific multicast, and 239.255.255.250 is SSDP. An address that is not "+
				"multicast at all is rejected by corosync. Use an administratively scoped group in 239.0.0.0/8 such as 239.255.1.1.",
				"mcastaddr: 224.0.0.18", "mcastaddr: 239.255.1.1"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					for _, l := range m.Links {
						o, ok := l.Options.Get("mcastaddr")
						if !ok {
							continue
						}
						a, err := netip.ParseAddr(o.Value)
						if err != nil {
							continue
						}
						if !a.IsMulticast() {
							p.Reportf(o.Range, "mcastaddr %s is not a multicast address; corosync refuses it", a)
							continue
						}
						if !a.Is4() {
							continue
						}
						b := a.As4()
						why := ""
						switch {
						case b[0] == 224 && b[1] == 0 && b[2] == 0:
							why = "224.0.0.0/24 is the link-local control block (routing protocols, never for applications)"
						case b[0] == 224 && b[1] == 0 && b[2] == 1:
							why = "224.0.1.0/24 is the internetwork control block (NTP and other registered services)"
						case (b[1] == 0 || b[1] == 128) && b[2] == 0:
							why = fmt.Sprintf("it shares its Ethernet MAC with 224.0.0.%d, which IGMP-snooping switches flood to every port", b[3])
						case b[0] == 232:
							why = "232.0.0.0/8 is source-specific multicast, which corosync does not use"
						case a == netip.AddrFrom4([4]byte{239, 255, 255, 250}):
							why = "239.255.255.250 is SSDP (UPnP), busy on most networks"
						}
						if why != "" {
							p.Reportf(o.Range, "multicast group %s: %s; use a group in 239.0.0.0/8 such as 239.255.1.1", a, why)
						}
					}
				})
			}},
		{ID: "HA4110", Title: "two-node cluster without two_node", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("With two nodes, votequorum needs both votes for quorum: when one node fails the survivor loses quorum and "+
				"stops its resources. `two_node: 1` keeps quorum with one vote (and implies wait_for_all). Pacemaker-era "+
				"configurations that used `no-quorum-policy=ignore` instead should set two_node and keep the default policy. "+
				"When a CIB is checked alongside, a no-quorum-policy=ignore together with two_node is reported as well.",
				"quorum {\n    provider: corosync_votequorum\n}\n# nodelist with two nodes",
				"quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					nodes := len(m.Nodes)
					if nodes == 0 {
						nodes, _, _ = quorumOpt(m, "expected_votes") // multicast cluster: no nodelist
					}
					if !votequorum(m) || nodes != 2 {
						return
					}
					tn, tno, _ := quorumOpt(m, "two_node")
					if tn == 0 && m.Quorum.Device == nil {
						atb, _, _ := quorumOpt(m, "auto_tie_breaker")
						if atb != 0 {
							return // HA4113
						}
						at := keyAt(m, "quorum.provider", m.Quorum.Range)
						msg := "quorum provider corosync_votequorum with two nodes and without two_node: 1: when one node fails the other loses quorum and stops everything"
						if tno != nil {
							at = tno.Range
							msg = "two_node: 0 with two nodes: when one node fails the other loses quorum and stops everything"
						}
						if p.Merged != nil && p.Merged.Config != nil {
							if v, ok := p.Merged.Config.ClusterOption("no-quorum-policy"); ok && v == "ignore" {
								msg += " (the CIB's no-quorum-policy=ignore hides this, but also runs resources in a partition without quorum: set two_node: 1 and remove it)"
							}
						}
						p.Reportf(at, "%s", msg)
						return
					}
					if tn == 1 && p.Merged != nil && p.Merged.Config != nil {
						if v, ok := p.Merged.Config.ClusterOption("no-quorum-policy"); ok && v == "ignore" {
							p.Reportf(tno.Range, "two_node: 1 together with the CIB's no-quorum-policy=ignore: with two_node the survivor keeps quorum; ignore also runs resources in a partition that lost it (keep the default, stop)")
						}
					}
				})
			}},
		{ID: "HA4111", Title: "two_node with other quorum settings", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("`two_node: 1` works only with exactly two votes: votequorum refuses it together with a quorum device, "+
				"ignores it with more than two nodes, and an `expected_votes` other than 2 contradicts it.",
				"quorum {\n    provider: corosync_votequorum\n    two_node: 1\n    expected_votes: 3\n}",
				"quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					tn, tno, _ := quorumOpt(m, "two_node")
					if tn != 1 {
						return
					}
					if m.Quorum.Device != nil {
						p.Reportf(tno.Range, "two_node together with a quorum device: votequorum refuses to start (the device decides ties)")
					}
					if ev, evo, ok := quorumOpt(m, "expected_votes"); ok && ev != 2 && ev != 0 {
						p.Reportf(evo.Range, "expected_votes: %d with two_node: 1; two_node needs exactly 2 expected votes", ev)
					}
					if len(m.Nodes) > 2 {
						p.Reportf(tno.Range, "two_node: 1 with %d nodes in the nodelist: votequorum ignores two_node", len(m.Nodes))
					}
				})
			}},
		{ID: "HA4112", Title: "wait_for_all implications", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("`two_node: 1` turns on wait_for_all unless it is set explicitly: after a cold start the nodes get quorum "+
				"only once they have seen each other, which prevents a fence race at boot. `wait_for_all: 0` with two_node "+
				"removes that protection. `last_man_standing` without wait_for_all lets a cluster that lost most nodes come back "+
				"with a single node after a full restart.",
				"quorum {\n    two_node: 1\n    wait_for_all: 0\n}", "quorum {\n    two_node: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					tn, _, _ := quorumOpt(m, "two_node")
					wfa, wfao, wfaSet := quorumOpt(m, "wait_for_all")
					if tn == 1 && wfaSet && wfa == 0 && len(m.Nodes) <= 2 {
						p.Reportf(wfao.Range, "wait_for_all: 0 with two_node: both nodes may start alone after a cold boot and fence each other")
					}
					if lms, lmso, _ := quorumOpt(m, "last_man_standing"); lms == 1 && wfa == 0 && tn == 0 {
						p.Reportf(lmso.Range, "last_man_standing without wait_for_all: after a full restart a single node can claim quorum")
					}
				})
			}},
		{ID: "HA4113", Title: "auto_tie_breaker on two nodes", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("With two nodes, `auto_tie_breaker` makes the node with the lowest id (or the configured one) the only node "+
				"that can survive a split, and it disables two_node. If that node fails, the other one loses quorum. Use two_node: 1 "+
				"(with fencing) or a quorum device.",
				"quorum {\n    provider: corosync_votequorum\n    auto_tie_breaker: 1\n}", "quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if atb, o, _ := quorumOpt(m, "auto_tie_breaker"); atb == 1 && len(m.Nodes) == 2 {
						p.Reportf(o.Range, "auto_tie_breaker on a two-node cluster: only the tie-breaker node can survive a failure, and two_node is disabled")
					}
				})
			}},
		{ID: "HA4120", Title: "consensus shorter than 1.2 × token", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("corosync.conf(5): consensus should be at least 1.2 × token (its default). A shorter consensus timeout makes "+
				"the membership protocol start a new round before the token has really been lost. The token compared is the "+
				"effective one, with token_coefficient added for clusters of three or more nodes.",
				"totem {\n    token: 5000\n    consensus: 5000\n}", "totem {\n    token: 5000\n    consensus: 6000\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					c, co, ok := intOpt(m.Totem, "consensus")
					if !ok {
						return
					}
					tok, _ := effectiveToken(m)
					if c*10 < tok*12 {
						p.Reportf(co.Range, "consensus %d is below 1.2 × token (token %d ms → at least %d)", c, tok, (tok*12+9)/10)
					}
				})
			}},
		{ID: "HA4121", Title: "token too short for the links", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("With several links (knet links or RRP rings) corosync must notice a dead link and switch before the token "+
				"times out. A token below 1000 ms leaves no room for that, and a knet_ping_timeout at or above the token means a "+
				"link is declared down only after membership is already lost.",
				"totem {\n    token: 500\n    interface {\n        linknumber: 0\n    }\n    interface {\n        linknumber: 1\n    }\n}",
				"totem {\n    token: 3000\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if linkCount(m) < 2 {
						return
					}
					tok, to := effectiveToken(m)
					if to != nil && tok < 1000 {
						p.Reportf(to.Range, "token %d ms with %d links: too short to detect a failed link and switch before the token is lost (use 1000 ms or more)", tok, linkCount(m))
					}
					for _, l := range m.Links {
						if pt, o, ok := intOpt(l.Options, "knet_ping_timeout"); ok && pt >= tok {
							p.Reportf(o.Range, "knet_ping_timeout %d ≥ token %d: link %d is declared down only after the token is lost", pt, tok, l.Number)
						}
					}
				})
			}},
		{ID: "HA4122", Title: "join and consensus timeouts out of order", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("corosync requires join < consensus (it refuses to start otherwise) and consensus of at least 30 ms; a join "+
				"timeout at or above the token timeout makes every membership change take longer than a token loss.",
				"totem {\n    token: 1000\n    join: 1500\n    consensus: 1200\n}", "totem {\n    token: 1000\n    join: 60\n    consensus: 1200\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					join, jo, jok := intOpt(m.Totem, "join")
					if !jok {
						join = 50
					}
					tok, _ := effectiveToken(m)
					cons, co, cok := intOpt(m.Totem, "consensus")
					if !cok {
						cons = tok * 12 / 10
					}
					switch {
					case cok && cons < 30:
						p.Reportf(co.Range, "consensus %d ms is below corosync's minimum of 30 ms", cons)
					case join >= cons && (jok || cok):
						at := jo
						if at == nil {
							at = co
						}
						p.Reportf(at.Range, "join %d ms is not below consensus %d ms: corosync refuses to start", join, cons)
					case jok && join >= tok:
						p.Reportf(jo.Range, "join %d ms is not below token %d ms", join, tok)
					}
				})
			}},
		{ID: "HA4130", Title: "duplicate nodeid", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("Every node needs its own nodeid: corosync's parser accepts duplicates, but the nodes then fight over one "+
				"identity and Pacemaker mixes their state up.",
				"node {\n    ring0_addr: 10.0.0.1\n    nodeid: 1\n}\nnode {\n    ring0_addr: 10.0.0.2\n    nodeid: 1\n}",
				"node {\n    ring0_addr: 10.0.0.1\n    nodeid: 1\n}\nnode {\n    ring0_addr: 10.0.0.2\n    nodeid: 2\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					seen := map[uint32]*model.MemberNode{}
					for _, n := range m.Nodes {
						if n.NodeID == 0 {
							continue
						}
						if prev, ok := seen[n.NodeID]; ok {
							d := p.Reportf(nodeIDRange(n), "nodeid %d of %s is also the nodeid of %s", n.NodeID, nodeLabel(n), nodeLabel(prev))
							d.Related = append(d.Related, model.Related{Message: "first node with this id", Subject: nodeIDRange(prev)})
							continue
						}
						seen[n.NodeID] = n
					}
				})
			}},
		{ID: "HA4131", Title: "nodeid missing or zero", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("nodeid 0 is reserved and refused. corosync 3 with knet needs an explicit nodeid on every node (\"Knet "+
				"requires an explicit nodeid\"); older versions derive one from the ring0 IPv4 address, which is large and changes "+
				"with the address.",
				"node {\n    ring0_addr: 10.0.0.1\n    nodeid: 0\n}", "node {\n    ring0_addr: 10.0.0.1\n    nodeid: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					for _, n := range m.Nodes {
						v, o, ok := explicitNodeID(n)
						switch {
						case ok && o != nil && strings.TrimSpace(v) == "0":
							p.Reportf(o.Range, "nodeid 0 of %s: 0 is reserved", nodeLabel(n))
						case !ok && isKnet(m):
							p.Reportf(n.Range, "%s has no nodeid: knet requires an explicit nodeid on every node", nodeLabel(n))
						}
					}
				})
			}},
		{ID: "HA4132", Title: "nodeid too large for knet", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("knet node ids are 16 bits: corosync 3 refuses nodeids of 65536 and more with the knet transport. Ids "+
				"derived from IPv4 addresses by corosync 1.x/2.x (e.g. 172167901) must be renumbered, in Pacemaker's CIB too.",
				"node {\n    ring0_addr: 10.67.18.221\n    nodeid: 172167901\n}", "node {\n    ring0_addr: 10.67.18.221\n    nodeid: 1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if !isKnet(m) {
						return
					}
					for _, n := range m.Nodes {
						if n.NodeID >= 65536 {
							p.Reportf(nodeIDRange(n), "nodeid %d of %s is 65536 or more: knet refuses it", n.NodeID, nodeLabel(n))
						}
					}
				})
			}},
		{ID: "HA4133", Title: "nodes with different numbers of links", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("corosync 3 requires every node of the nodelist to have the same ringX_addr keys: a node with fewer "+
				"addresses cannot join the links it lacks and corosync refuses the configuration.",
				"node {\n    ring0_addr: 10.0.0.1\n    ring1_addr: 10.1.0.1\n}\nnode {\n    ring0_addr: 10.0.0.2\n}",
				"node {\n    ring0_addr: 10.0.0.1\n    ring1_addr: 10.1.0.1\n}\nnode {\n    ring0_addr: 10.0.0.2\n    ring1_addr: 10.1.0.2\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if len(m.Nodes) < 2 {
						return
					}
					links := func(n *model.MemberNode) string {
						var s []string
						for _, a := range n.Addrs {
							s = append(s, strconv.Itoa(a.Link))
						}
						return strings.Join(s, ",")
					}
					first := links(m.Nodes[0])
					for _, n := range m.Nodes[1:] {
						if l := links(n); l != first {
							p.Reportf(n.Range, "%s has addresses on links [%s] but %s on [%s]: all nodes need the same links", nodeLabel(n), l, nodeLabel(m.Nodes[0]), first)
						}
					}
				})
			}},
		{ID: "HA4134", Title: "mixed address families on one link", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("All addresses of one link must be of one family: a link with IPv4 and IPv6 addresses cannot connect those "+
				"nodes (corosync resolves names per ip_version, literal addresses keep their family).",
				"node {\n    ring0_addr: 10.0.0.1\n}\nnode {\n    ring0_addr: fd00::2\n}", "node {\n    ring0_addr: 10.0.0.1\n}\nnode {\n    ring0_addr: 10.0.0.2\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					fam := map[int]bool{}
					famAt := map[int]*model.NodeAddr{}
					for _, n := range m.Nodes {
						for _, a := range n.Addrs {
							ip, err := netip.ParseAddr(a.Addr)
							if err != nil {
								continue
							}
							v4 := ip.Is4() || ip.Is4In6()
							if prev, ok := famAt[a.Link]; ok {
								if fam[a.Link] != v4 {
									p.Reportf(a.Range, "link %d mixes IPv4 and IPv6: %s here, %s at line %d", a.Link, a.Addr, prev.Addr, prev.Range.Start.Line)
								}
								continue
							}
							fam[a.Link], famAt[a.Link] = v4, a
						}
					}
				})
			}},
		{ID: "HA4135", Title: "duplicate node address", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("Two nodelist entries (or two links of one node) with the same address: corosync finds the local node by "+
				"address, so both nodes claim to be the same host, and a link that repeats another's address is no redundancy.",
				"node {\n    ring0_addr: 10.0.0.1\n}\nnode {\n    ring0_addr: 10.0.0.1\n}", "node {\n    ring0_addr: 10.0.0.1\n}\nnode {\n    ring0_addr: 10.0.0.2\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					seen := map[string]*model.NodeAddr{}
					for _, n := range m.Nodes {
						for _, a := range n.Addrs {
							k := strings.ToLower(a.Addr)
							if ip, err := netip.ParseAddr(a.Addr); err == nil {
								k = ip.String()
							}
							if prev, ok := seen[k]; ok {
								p.Reportf(a.Range, "address %s is used twice (also at line %d)", a.Addr, prev.Range.Start.Line)
								continue
							}
							seen[k] = a
						}
					}
				})
			}},
		{ID: "HA4136", Title: "bindnetaddr is not a network address", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csDoc("openais 0.80 requires bindnetaddr to be the network address (\"should always end in zero\"); corosync "+
				"1.x and 2.x also accept a host address, but then every node needs its own file. A network address lets all "+
				"nodes share one corosync.conf. With a nodelist (udpu, knet) bindnetaddr is ignored.",
				"interface {\n    ringnumber: 0\n    bindnetaddr: 192.168.1.17\n}", "interface {\n    ringnumber: 0\n    bindnetaddr: 192.168.1.0\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if len(m.Nodes) > 0 {
						return
					}
					for _, l := range m.Links {
						o, ok := l.Options.Get("bindnetaddr")
						if !ok {
							continue
						}
						ip, err := netip.ParseAddr(o.Value)
						if err != nil || !ip.Is4() || ip.As4()[3] == 0 {
							continue
						}
						sev := "every node then needs its own corosync.conf"
						if m.Version == "0.80" {
							sev = "openais 0.80 requires the network address"
						}
						p.Reportf(o.Range, "bindnetaddr %s is a host address, not a network address: %s", ip, sev)
					}
				})
			}},
		{ID: "HA4140", Title: "crypto cipher without hash", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("An encrypting `crypto_cipher` needs an authenticating `crypto_hash`: corosync refuses a cipher with "+
				"`crypto_hash: none` (and in 3.x the hash defaults to none).",
				"totem {\n    crypto_cipher: aes256\n}", "totem {\n    crypto_cipher: aes256\n    crypto_hash: sha256\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					k := m.Crypto
					if k == nil || k.Cipher == "" || k.Cipher == "none" {
						return
					}
					if k.Hash == "none" || k.Hash == "" && m.Version == "3" {
						p.Reportf(keyAt(m, "totem.crypto_cipher", k.Range), "crypto_cipher %s without a crypto_hash: corosync refuses to encrypt without authentication", k.Cipher)
					}
				})
			}},
		{ID: "HA4141", Title: "crypto key unusable", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("With secauth or crypto on, every node needs the same key: by default /etc/corosync/authkey (made by "+
				"corosync-keygen). An inline `key` shorter than 128 bytes is refused by corosync 3 (\"key is too short\"); a "+
				"relative `keyfile` depends on corosync's working directory. Copy one authkey to every node.",
				"totem {\n    secauth: on\n    key: secret\n}", "totem {\n    secauth: on\n    keyfile: /etc/corosync/authkey\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					k := m.Crypto
					if k == nil {
						return
					}
					on := k.SecAuth == "on" || k.Cipher != "" && k.Cipher != "none" || k.Hash != "" && k.Hash != "none"
					if !on {
						return
					}
					if kv := k.Key.Reveal(); kv != "" && len(kv) < 128 && m.Version == "3" {
						p.Reportf(keyAt(m, "totem.key", k.Range), "inline key is %d bytes; corosync 3 needs at least 128 (\"key is too short\")", len(kv))
					}
					if k.KeyFile != "" && !strings.HasPrefix(k.KeyFile, "/") {
						p.Reportf(keyAt(m, "totem.keyfile", k.Range), "keyfile %q is a relative path: corosync resolves it against its working directory", k.KeyFile)
					}
				})
			}},
		{ID: "HA4142", Title: "knet without crypto", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csDoc("corosync 3 defaults to no encryption and no authentication: anybody who can send packets to the cluster "+
				"network can inject membership messages. With knet, set crypto_cipher and crypto_hash (and distribute "+
				"/etc/corosync/authkey).",
				"totem {\n    transport: knet\n}", "totem {\n    transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if !isKnet(m) || len(m.Nodes) == 0 {
						return
					}
					k := m.Crypto
					if k != nil && (k.Cipher != "" && k.Cipher != "none" || k.Hash != "" && k.Hash != "none" || k.SecAuth == "on") {
						return
					}
					at := keyAt(m, "totem.transport", keyAt(m, "totem.version", m.Range))
					if k != nil {
						at = keyAt(m, "totem.crypto_cipher", keyAt(m, "totem.crypto_hash", k.Range))
					}
					p.Reportf(at, "knet without crypto: membership traffic is neither encrypted nor authenticated")
				})
			}},
		{ID: "HA4150", Title: "obsolete corosync section or key", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("Sections and keys that the corosync version the file is for (as detected, see HA4007) ignores silently: "+
				"1.x plugin `service` blocks, `aisexec`, `amf`, `compatibility`, `threads`, `vsftype` in 2.x and 3.x; `rrp_mode`, "+
				"`qb`, `member`, transport `iba` and `secauth` in 3.x; openais' `logger` and `to_file` in later versions. "+
				"They suggest a migration left half-done; `hakit convert` rewrites them.",
				"totem {\n    version: 2\n    rrp_mode: passive\n}\nnodelist { ... }", "totem {\n    version: 2\n    link_mode: passive\n}\nnodelist { ... }"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					ver := m.Version
					atLeast := func(v string) bool { return versionIndex(ver) >= versionIndex(v) }
					for _, s := range m.Sections {
						switch s.Name {
						case "service", "aisexec", "amf", "event":
							if atLeast("2") {
								p.Reportf(s.Range, "section %s is ignored by corosync %s (a corosync 1.x / openais leftover)", s.Name, ver)
							}
						case "qb":
							if atLeast("3") {
								p.Reportf(s.Range, "section qb is ignored by corosync 3 (use system { qb_ipc_type })")
							}
						case "logging":
							for _, sub := range s.Sections {
								if sub.Name == "logger" && atLeast("1") {
									p.Reportf(sub.Range, "logger { ident } is openais 0.80; corosync %s uses logger_subsys { subsys }", ver)
								}
							}
							if o, ok := s.Options.Get("to_file"); ok && atLeast("2") {
								p.Reportf(o.Range, "to_file is the openais spelling; corosync %s reads to_logfile", ver)
							}
						}
					}
					var top model.Options
					if m.Corosync != nil {
						top = m.Corosync.TopLevel
					}
					for _, o := range top {
						if o.Name == "compatibility" && atLeast("2") {
							p.Reportf(o.Range, "compatibility is ignored by corosync %s", ver)
						}
					}
					for _, o := range m.Totem {
						switch {
						case (o.Name == "threads" || o.Name == "vsftype") && atLeast("2"):
							p.Reportf(o.Range, "totem.%s is ignored by corosync %s", o.Name, ver)
						case (o.Name == "rrp_mode" || strings.HasPrefix(o.Name, "rrp_")) && atLeast("3"):
							p.Reportf(o.Range, "totem.%s is ignored by corosync 3 (link_mode replaces rrp_mode; a leftover rrp_mode also makes dlm choose SCTP)", o.Name)
						}
					}
					if atLeast("3") {
						if m.Transport == "iba" {
							p.Reportf(keyAt(m, "totem.transport", m.Range), "transport iba does not exist in corosync 3")
						}
						if o, ok := m.Corosync.Key("totem.secauth"); ok {
							p.Reportf(o.Range, "secauth is deprecated in corosync 3; set crypto_cipher and crypto_hash")
						}
						for _, l := range m.Links {
							for _, o := range l.Options {
								if strings.HasPrefix(o.Name, "member.") {
									p.Reportf(o.Range, "member blocks are ignored by corosync 3; list the nodes in the nodelist")
								}
							}
						}
					}
				})
			}},
		{ID: "HA4151", Title: "cluster_name too long", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("The cluster name travels into other tools' limits: GFS2 and OCFS2 lock tables take at most 32 characters "+
				"of cluster name (`mkfs.gfs2 -t name:fs`), DLM 64, pcs 256. Keep it to 32 characters or less.",
				"totem {\n    cluster_name: production-database-cluster-frankfurt-east\n}", "totem {\n    cluster_name: db-fra-east\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if n := len([]rune(m.ClusterName)); n > 32 {
						p.Reportf(keyAt(m, "totem.cluster_name", m.Range), "cluster_name is %d characters; GFS2/OCFS2 lock tables allow 32, DLM 64", n)
					}
				})
			}},
	}
}

func versionIndex(v string) int {
	switch v {
	case "0.80":
		return 0
	case "1":
		return 1
	case "2":
		return 2
	case "3":
		return 3
	}
	return 3
}

// nodeIDRange is where a node's nodeid is written (the "nodeid:" key), or
// the node block when it has none.
func nodeIDRange(n *model.MemberNode) model.Range {
	if !n.NodeIDAt.IsZero() {
		return n.NodeIDAt
	}
	if _, o, ok := explicitNodeID(n); ok && o != nil && !o.Range.IsZero() {
		return o.Range
	}
	return n.Range
}
