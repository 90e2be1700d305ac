package pcs

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"hakit/model"
)

func (p *parser) cluster(c *call) {
	a := c.args
	if len(a) < 2 {
		p.unknown(c, 1)
		return
	}
	switch a[1].s {
	case "setup":
		p.only(c, "--force", "--corosync_conf", "--overwrite", "--start", "--enable", "--wait", "--no-keys-sync", "--no-cluster-uuid", "--name", "--skip-offline")
		p.setupCmd(c, a[2:])
	case "auth":
		p.diags.Warnf(span(a[:2]), "HA3005", "'pcs cluster auth' is pcs 0.9 syntax, use 'pcs host auth'; authentication is not configuration")
	case "start", "stop", "enable", "disable", "status", "pcsd-status", "sync", "cib", "verify", "report",
		"destroy", "kill", "standby", "unstandby", "reload", "corosync", "uidgid", "rename", "config":
		p.notConfig(c, 2)
	case "cib-push":
		p.diags.Infof(span(a[:2]), "HA3004", "'pcs cluster cib-push' pushes the CIB file the commands edited; they are read as applied")
		p.cfg() // a pushed configuration, even when no command changed it
	case "edit", "node", "link", "authkey", "localnode", "cib-upgrade", "remove_nodes_from_cib":
		p.notModelled(c, 2)
	default:
		p.unknown(c, 1)
	}
}

var (
	totemOptions   = []string{"block_unlisted_ips", "consensus", "downcheck", "fail_recv_const", "heartbeat_failures_allowed", "hold", "join", "max_messages", "max_network_delay", "merge", "miss_count_const", "send_join", "seqno_unchanged_const", "token", "token_coefficient", "token_retransmit", "token_retransmits_before_loss_const", "window_size"}
	quorumOptions  = []string{"auto_tie_breaker", "last_man_standing", "last_man_standing_window", "wait_for_all"}
	knetLinkOpts   = map[string]string{"linknumber": "linknumber", "link_priority": "knet_link_priority", "mcastport": "mcastport", "ping_interval": "knet_ping_interval", "ping_precision": "knet_ping_precision", "ping_timeout": "knet_ping_timeout", "pong_count": "knet_pong_count", "transport": "knet_transport"}
	udpLinkOpts    = []string{"bindnetaddr", "broadcast", "mcastaddr", "mcastport", "ttl"}
	knetTransOpts  = []string{"ip_version", "knet_pmtud_interval", "link_mode"}
	udpTransOpts   = []string{"ip_version", "netmtu"}
	compressOpts   = []string{"level", "model", "threshold"}
	cryptoCiphers  = []string{"none", "aes256", "aes192", "aes128"}
	cryptoHashes   = []string{"none", "md5", "sha1", "sha256", "sha384", "sha512"}
	cryptoModels   = []string{"nss", "openssl"}
	setupKeywords  = []string{"transport", "totem", "quorum"}
	transportWords = []string{"link", "compression", "crypto"}
)

// badOption reports an option pcs does not allow in a section.
func (p *parser) badOption(nv nvArg, section string, allowed []string) {
	p.diags.Errorf(nv.w.r, "HA3012", "invalid %s option '%s', allowed options are: %s", section, nv.name, strings.Join(allowed, ", "))
}

func (p *parser) setupCmd(c *call, args []word) {
	if name, o := c.val("--name"); o != nil {
		p.diags.Warnf(o.r, "HA3005", "'pcs cluster setup --name %s' is pcs 0.9 syntax, use 'pcs cluster setup %s <nodes>'", name, name)
		args = append([]word{{name, o.r}}, args...)
	}
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'cluster setup' needs a cluster name and nodes")
		return
	}
	if p.setup {
		p.diags.Errorf(span(c.args[:2]), "HA3011", "the cluster is already set up in this script")
		return
	}
	ok := true
	nameW := args[0]
	groups, _ := groupByKeywords(args[1:], setupKeywords)
	// Nodes: "name [addr=...]..." repeated.
	type nodeSpec struct {
		name  word
		addrs []word
	}
	var nodes []*nodeSpec
	for _, w := range groups[""][0] {
		if n, v, isOpt := strings.Cut(w.s, "="); isOpt {
			if n != "addr" || len(nodes) == 0 {
				p.diags.Errorf(w.r, "HA3012", "invalid node option '%s', allowed option is 'addr'", n)
				ok = false
				continue
			}
			nodes[len(nodes)-1].addrs = append(nodes[len(nodes)-1].addrs, word{v, w.r})
			continue
		}
		for _, o := range nodes {
			if o.name.s == w.s {
				p.diags.Errorf(w.r, "HA3011", "node name '%s' is used more than once", w.s)
				ok = false
			}
		}
		nodes = append(nodes, &nodeSpec{name: w})
	}
	if len(nodes) == 0 {
		p.diags.Errorf(nameW.r, "HA3009", "no nodes specified")
		return
	}
	m := &model.Membership{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Origin: "pcs", Version: "3",
		ClusterName: nameW.s, Corosync: &model.Corosync{TotemVersion: "2"}}
	transport := "knet"
	var tw word
	var linkGroups [][]word
	var compression, crypto, transportOpts []nvArg
	if tg, has := groups["transport"]; has {
		t := tg[0]
		if len(t) == 0 {
			p.diags.Errorf(span(c.args), "HA3009", "transport type is missing")
			return
		}
		tw = t[0]
		transport = tw.s
		if !slices.Contains([]string{"knet", "udp", "udpu"}, transport) {
			p.diags.Errorf(tw.r, "HA3012", "'%s' is not a valid transport value, use 'knet', 'udp', 'udpu'", transport)
			return
		}
		tgs, _ := groupByKeywords(t[1:], transportWords, "link")
		transportOpts = p.nvPairs(tgs[""][0], "transport option")
		linkGroups = tgs["link"]
		if g, has := tgs["compression"]; has {
			compression = p.nvPairs(g[0], "compression option")
		}
		if g, has := tgs["crypto"]; has {
			crypto = p.nvPairs(g[0], "crypto option")
		}
	}
	m.Transport = transport
	knet := transport == "knet"
	// Transport options.
	allowedT := udpTransOpts
	if knet {
		allowedT = knetTransOpts
	}
	for _, nv := range transportOpts {
		if !slices.Contains(allowedT, nv.name) {
			p.badOption(nv, "transport", allowedT)
			ok = false
			continue
		}
		if nv.name == "ip_version" && !slices.Contains([]string{"ipv4", "ipv6", "ipv4-6", "ipv6-4"}, nv.value) {
			p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid ip_version value, use 'ipv4', 'ipv4-6', 'ipv6', 'ipv6-4'", nv.value)
			ok = false
			continue
		}
		m.Totem = append(m.Totem, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
	}
	if !knet && (len(compression) > 0 || len(crypto) > 0) {
		p.diags.Errorf(tw.r, "HA3012", "compression and crypto options are supported only with the knet transport")
		ok = false
	}
	for _, nv := range compression {
		if !slices.Contains(compressOpts, nv.name) {
			p.badOption(nv, "compression", compressOpts)
			ok = false
			continue
		}
		m.Totem = append(m.Totem, &model.Option{Base: model.Base{Range: nv.w.r}, Name: "knet_compression_" + nv.name, Value: nv.value})
	}
	if knet {
		cr := &model.Crypto{Base: model.Base{Range: c.r}}
		if len(crypto) == 0 {
			cr.Cipher, cr.Hash = "aes256", "sha256"
		}
		for _, nv := range crypto {
			var vals []string
			switch nv.name {
			case "cipher":
				vals, cr.Cipher = cryptoCiphers, nv.value
			case "hash":
				vals, cr.Hash = cryptoHashes, nv.value
			case "model":
				vals, cr.Model = cryptoModels, nv.value
			default:
				p.badOption(nv, "crypto", []string{"cipher", "hash", "model"})
				ok = false
				continue
			}
			if !slices.Contains(vals, nv.value) {
				p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid %s value, use %s", nv.value, nv.name, strings.Join(vals, ", "))
				ok = false
			}
		}
		if cr.Cipher != "" && cr.Cipher != "none" && (cr.Hash == "" || cr.Hash == "none") {
			p.diags.Errorf(span(c.args), "HA3012", "if crypto option 'cipher' is enabled, crypto option 'hash' must be enabled as well")
			ok = false
		}
		m.Crypto = cr
	}
	// Links.
	maxLinks := 1
	if knet {
		maxLinks = 8
	}
	numAddrs := -1
	for _, n := range nodes {
		if numAddrs >= 0 && len(n.addrs) != numAddrs {
			p.diags.Errorf(n.name.r, "HA3012", "all nodes must have the same number of addresses; node '%s' has %d, the first node %d", n.name.s, len(n.addrs), numAddrs)
			ok = false
		}
		if numAddrs < 0 {
			numAddrs = len(n.addrs)
		}
	}
	if numAddrs == 0 {
		numAddrs = 1
	}
	if numAddrs > maxLinks {
		p.diags.Errorf(nodes[0].name.r, "HA3012", "at most %d address(es) per node can be specified with transport %s", maxLinks, transport)
		ok = false
	}
	if len(linkGroups) > numAddrs {
		p.diags.Errorf(span(linkGroups[numAddrs]), "HA3012", "cannot set options for non-existent link(s); %d link(s) are defined by the node addresses", numAddrs)
		ok = false
	}
	var explicit []int
	for _, lg := range linkGroups {
		for _, nv := range p.nvPairs(lg, "link option") {
			if nv.name == "linknumber" {
				n, err := strconv.Atoi(nv.value)
				if err != nil || n < 0 || n >= numAddrs {
					p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid linknumber value, use 0..%d", nv.value, numAddrs-1)
					ok = false
				}
				explicit = append(explicit, n)
			}
		}
	}
	next := 0
	for _, lg := range linkGroups {
		l := &model.Link{Base: model.Base{Range: span(lg)}, Number: -1}
		for _, nv := range p.nvPairs(lg, "link option") {
			if knet {
				cname, known := knetLinkOpts[nv.name]
				if !known {
					p.badOption(nv, "link", sortedKeys(knetLinkOpts))
					ok = false
					continue
				}
				if nv.name == "linknumber" {
					l.Number, _ = strconv.Atoi(nv.value)
					continue
				}
				l.Options = append(l.Options, &model.Option{Base: model.Base{Range: nv.w.r}, Name: cname, Value: nv.value})
				continue
			}
			if !slices.Contains(udpLinkOpts, nv.name) {
				p.badOption(nv, "link", udpLinkOpts)
				ok = false
				continue
			}
			v := nv.value
			if nv.name == "broadcast" {
				switch v {
				case "1":
					v = "yes"
				case "0", "":
					continue
				default:
					p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid broadcast value, use '0', '1'", v)
					ok = false
					continue
				}
			}
			l.Options = append(l.Options, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: v})
		}
		if l.Number < 0 {
			for slices.Contains(explicit, next) {
				next++
			}
			l.Number = next
			next++
		}
		if len(l.Options) > 0 {
			m.Links = append(m.Links, l)
		}
	}
	// Nodes.
	for i, n := range nodes {
		mn := &model.MemberNode{Base: model.Base{Range: n.name.r}, Name: n.name.s, NodeID: uint32(i + 1)}
		if len(n.addrs) == 0 {
			mn.Addrs = []*model.NodeAddr{{Base: model.Base{Range: n.name.r}, Link: 0, Addr: n.name.s}}
			p.diags.Infof(n.name.r, "HA3016", "no addresses specified for host '%s', using '%s'", n.name.s, n.name.s)
		}
		for j, a := range n.addrs {
			mn.Addrs = append(mn.Addrs, &model.NodeAddr{Base: model.Base{Range: a.r}, Link: j, Addr: a.s})
		}
		m.Nodes = append(m.Nodes, mn)
	}
	// Totem.
	if g, has := groups["totem"]; has {
		for _, nv := range p.nvPairs(g[0], "totem option") {
			if !slices.Contains(totemOptions, nv.name) {
				p.badOption(nv, "totem", totemOptions)
				ok = false
				continue
			}
			m.Totem = append(m.Totem, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
		}
	}
	if !c.has("--no-cluster-uuid") {
		sum := sha256.Sum256([]byte(m.ClusterName))
		m.Totem = append(m.Totem, &model.Option{Base: model.Base{Range: nameW.r}, Name: "cluster_uuid", Value: hex.EncodeToString(sum[:16])})
	}
	// Quorum.
	m.Quorum = &model.Quorum{Base: model.Base{Range: c.r}, Provider: "corosync_votequorum"}
	if g, has := groups["quorum"]; has {
		for _, nv := range p.nvPairs(g[0], "quorum option") {
			if !p.quorumOption(nv) {
				ok = false
				continue
			}
			m.Quorum.Options = append(m.Quorum.Options, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
		}
	}
	updateTwoNode(m)
	m.Sections = []*model.Section{{Name: "logging", Options: model.Options{
		{Name: "to_logfile", Value: "yes"}, {Name: "logfile", Value: "/var/log/corosync/corosync.log"},
		{Name: "to_syslog", Value: "yes"}, {Name: "timestamp", Value: "on"}}}}
	if !ok {
		return
	}
	p.setup = true
	p.c.Membership = m
}

func (p *parser) quorumOption(nv nvArg) bool {
	if !slices.Contains(quorumOptions, nv.name) {
		p.badOption(nv, "quorum", quorumOptions)
		return false
	}
	if nv.name != "last_man_standing_window" && nv.value != "0" && nv.value != "1" {
		p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid %s value, use '0', '1'", nv.value, nv.name)
		return false
	}
	if nv.name == "last_man_standing_window" {
		if n, err := strconv.Atoi(nv.value); err != nil || n < 1 {
			p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid last_man_standing_window value, use a positive integer", nv.value)
			return false
		}
	}
	return true
}

// updateTwoNode sets two_node as pcs does: on with exactly two nodes, no
// auto_tie_breaker and no quorum device.
func updateTwoNode(m *model.Membership) {
	q := m.Quorum
	q.Options = slices.DeleteFunc(q.Options, func(o *model.Option) bool { return o.Name == "two_node" })
	if len(m.Nodes) == 2 && q.Options.Value("auto_tie_breaker") != "1" && q.Device == nil {
		q.Options = append(q.Options, &model.Option{Name: "two_node", Value: "1"})
	}
}

func (p *parser) quorum(c *call) {
	a := c.args
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	switch a[1].s {
	case "update":
		p.only(c, "--skip-offline", "--force", "--corosync_conf")
		var opts []nvArg
		ok := true
		for _, nv := range p.nvPairs(a[2:], "quorum option") {
			if !p.quorumOption(nv) {
				ok = false
				continue
			}
			opts = append(opts, nv)
		}
		if !ok || len(opts) == 0 {
			return
		}
		m := p.membership(c)
		for _, nv := range opts {
			m.Quorum.Options = slices.DeleteFunc(m.Quorum.Options, func(o *model.Option) bool { return o.Name == nv.name })
			if nv.value != "" {
				m.Quorum.Options = append(m.Quorum.Options, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
			}
		}
		updateTwoNode(m)
	case "device":
		if len(a) > 2 && a[2].s == "add" {
			p.only(c, "--force", "--skip-offline", "--corosync_conf")
			p.deviceAdd(c, a[3:])
			return
		}
		if len(a) > 2 && (a[2].s == "status" || a[2].s == "config") {
			p.notConfig(c, 3)
			return
		}
		p.notModelled(c, 3)
	case "status", "config", "expected-votes", "unblock":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

// membership returns the membership being built, creating an empty one
// when the script changes quorum without a cluster setup.
func (p *parser) membership(c *call) *model.Membership {
	if p.c.Membership == nil {
		p.c.Membership = &model.Membership{Base: model.Base{Range: c.r}, Origin: "pcs", Version: "3"}
	}
	if p.c.Membership.Quorum == nil {
		p.c.Membership.Quorum = &model.Quorum{Provider: "corosync_votequorum"}
	}
	return p.c.Membership
}

func (p *parser) deviceAdd(c *call, args []word) {
	groups, _ := groupByKeywords(args, []string{"model", "heuristics"})
	mg, has := groups["model"]
	if !has || len(mg[0]) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "'quorum device add' needs 'model <model>'")
		return
	}
	mw := mg[0][0]
	if mw.s != "net" && !c.has("--force") {
		p.diags.Errorf(mw.r, "HA3012", "'%s' is not a valid model value, use 'net', use --force to override", mw.s)
		return
	}
	d := &model.QDevice{Base: model.Base{Range: c.r}, Model: mw.s}
	generic := []string{"sync_timeout", "timeout"}
	for _, nv := range p.nvPairs(groups[""][0], "quorum device option") {
		if !slices.Contains(generic, nv.name) {
			p.badOption(nv, "quorum device", generic)
			return
		}
		d.Options = append(d.Options, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
	}
	netOpts := []string{"algorithm", "connect_timeout", "force_ip_version", "host", "port", "tie_breaker", "tls"}
	hasHost, algo := false, ""
	for _, nv := range p.nvPairs(mg[0][1:], "quorum device model option") {
		if mw.s == "net" && !slices.Contains(netOpts, nv.name) {
			p.badOption(nv, "quorum device model", netOpts)
			return
		}
		if nv.name == "algorithm" {
			if nv.value != "ffsplit" && nv.value != "lms" {
				p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid algorithm value, use 'ffsplit', 'lms'", nv.value)
				return
			}
			algo = nv.value
		}
		hasHost = hasHost || nv.name == "host"
		d.Net = append(d.Net, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
	}
	if mw.s == "net" && (!hasHost || algo == "") {
		p.diags.Errorf(mw.r, "HA3009", "required quorum device model options 'algorithm' and 'host' are missing")
		return
	}
	if g, has := groups["heuristics"]; has {
		for _, nv := range p.nvPairs(g[0], "heuristics option") {
			d.Heuristics = append(d.Heuristics, &model.Option{Base: model.Base{Range: nv.w.r}, Name: nv.name, Value: nv.value})
		}
	}
	m := p.membership(c)
	if m.Quorum.Device != nil {
		p.diags.Errorf(span(c.args), "HA3011", "quorum device is already defined")
		return
	}
	if algo == "ffsplit" {
		d.Options = append(d.Options, &model.Option{Name: "votes", Value: "1"})
	}
	// pcs removes the quorum options a quorum device conflicts with and the
	// nodes' votes.
	m.Quorum.Options = slices.DeleteFunc(m.Quorum.Options, func(o *model.Option) bool {
		return slices.Contains([]string{"auto_tie_breaker", "last_man_standing", "last_man_standing_window", "allow_downscale"}, o.Name)
	})
	for _, n := range m.Nodes {
		n.Votes = 0
	}
	m.Quorum.Device = d
	updateTwoNode(m)
}
