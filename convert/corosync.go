package convert

// The corosync converter: corosync.conf of openais 0.80, corosync 1.x and
// 2.x (and 3.x, which passes through with its obsolete keys removed) to a
// corosync-3 shaped Membership (see emit/corosync's doc) with a nodelist and
// knet links. Diagnostics are HA43xx, registered in verify/corosync_convert.go.

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"hakit/model"
)

func init() { Register("corosync", convertCorosync) }

// Codes reported by the corosync converter.
const (
	CodeCSTransport = "HA4301"
	CodeCSCrypto    = "HA4302"
	CodeCSLinkMode  = "HA4303"
	CodeCSLinkKeys  = "HA4304"
	CodeCSNodelist  = "HA4305"
	CodeCSNodeID    = "HA4306"
	CodeCSNodeName  = "HA4307"
	CodeCSPlugin    = "HA4308"
	CodeCSObsolete  = "HA4309"
	CodeCSQuorum    = "HA4310"
	CodeCSDefault   = "HA4311"
	CodeCSLogging   = "HA4312"
	CodeCSCluster   = "HA4313"
	CodeCSNoAddrs   = "HA4314"
	CodeCSInvalid   = "HA4315"
)

type csConv struct {
	c     *model.Cluster
	in    *model.Membership
	out   *model.Membership
	opts  Options
	diags model.Diagnostics
}

func (cv *csConv) info(r model.Range, code, format string, args ...any) {
	cv.diags.Infof(r, code, format, args...)
}
func (cv *csConv) warn(r model.Range, code, format string, args ...any) {
	cv.diags.Warnf(r, code, format, args...)
}

// at returns where a typed key was written, or fallback.
func (cv *csConv) at(path string, fallback model.Range) model.Range {
	if o, ok := cv.in.Corosync.Key(path); ok {
		return o.Range
	}
	return fallback
}

func csCloneOpt(o *model.Option) *model.Option {
	n := *o
	n.Extra = append(model.Attrs(nil), o.Extra...)
	return &n
}

func csCloneOpts(os model.Options) model.Options {
	var out model.Options
	for _, o := range os {
		out = append(out, csCloneOpt(o))
	}
	return out
}

func csCloneSection(s *model.Section) *model.Section {
	n := &model.Section{Base: s.Base, Name: s.Name, Options: csCloneOpts(s.Options)}
	n.Extra = append(model.Attrs(nil), s.Extra...)
	for _, c := range s.Sections {
		n.Sections = append(n.Sections, csCloneSection(c))
	}
	return n
}

func newOpt(r model.Range, name, value string) *model.Option {
	o := &model.Option{Name: name, Value: value}
	o.Range = r
	return o
}

func convertCorosync(c *model.Cluster, opts Options) (*model.Cluster, model.Diagnostics) {
	if c == nil || c.Membership == nil {
		return c, nil
	}
	in := c.Membership
	if in.Corosync == nil {
		in = &model.Membership{}
		*in = *c.Membership
		in.Corosync = &model.Corosync{}
	}
	cv := &csConv{c: c, in: in, opts: opts}
	out := &model.Membership{Origin: "corosync", Version: "3", Corosync: &model.Corosync{TotemVersion: "2"}}
	out.Range = in.Range
	out.Corosync.Range = in.Range
	cv.out = out
	cv.clusterName()
	out.ConfigVersion = in.ConfigVersion
	cv.transport()
	cv.totem()
	cv.crypto()
	cv.links()
	cv.nodes()
	cv.trimLinks()
	cv.quorum()
	cv.sections()
	res := &model.Cluster{Sources: append([]string(nil), c.Sources...), CIB: c.CIB, Config: c.Config, Status: c.Status, Membership: out}
	cv.diags.Sort()
	return res, cv.diags
}

func (cv *csConv) clusterName() {
	cv.out.ClusterName = cv.in.ClusterName
	if cv.out.ClusterName != "" {
		return
	}
	name, from := "", ""
	if cfg := cv.c.Config; cfg != nil {
		if v, ok := cfg.ClusterOption("cluster-name"); ok && v != "" {
			name, from = v, "the CIB's cluster-name"
		}
	}
	for _, s := range cv.in.Sections {
		if s.Name == "service" && name == "" {
			if v := s.Options.Value("clustername"); v != "" {
				name, from = v, "the pacemaker service block's clustername"
			}
		}
	}
	if name == "" {
		name, from = "hacluster", "pcs's default"
	}
	cv.out.ClusterName = name
	cv.warn(cv.totemAt(), CodeCSCluster, "totem.cluster_name %q added (from %s): corosync 3's qdevice and DLM need a cluster name", name, from)
}

func (cv *csConv) transport() {
	old := cv.in.Transport
	oldEff := old
	if oldEff == "" {
		oldEff = "udp"
		if cv.in.Version == "3" {
			oldEff = "knet"
		}
	}
	want := cv.opts.Transport
	if want == "" {
		want = "knet"
	}
	cv.out.Transport = want
	if oldEff != want {
		cv.info(cv.at("totem.transport", cv.totemAt()), CodeCSTransport,
			"transport %s → %s: knet carries up to 8 links with failover, encryption and compression; multicast is no longer needed", oldEff, want)
	}
	if oldEff == "iba" {
		cv.warn(cv.at("totem.transport", cv.totemAt()), CodeCSTransport, "transport iba (InfiniBand) does not exist in corosync 3; the links now run over IP")
	}
}

// obsoleteTotem are totem keys corosync 3 does not read.
var obsoleteTotem = map[string]string{
	"threads":                   "encryption threads were a 1.x feature",
	"vsftype":                   "the virtual synchrony filter is gone",
	"crypto_type":               "1.x crypto selection; crypto_cipher/crypto_hash replace it",
	"crypto_accept":             "1.x crypto negotiation",
	"nodeid":                    "node ids live in the nodelist",
	"rrp_problem_count_timeout": "RRP is replaced by knet links", "rrp_problem_count_threshold": "RRP is replaced by knet links",
	"rrp_problem_count_mcast_threshold": "RRP is replaced by knet links", "rrp_token_expired_timeout": "RRP is replaced by knet links",
	"rrp_autorecovery_check_timeout": "RRP is replaced by knet links",
}

// integerKeys are totem and interface keys corosync 3 type-checks as
// integers; a value that is not one makes corosync refuse the file.
var integerKeys = map[string]bool{
	"token": true, "token_coefficient": true, "token_warning": true, "consensus": true, "join": true, "merge": true,
	"downcheck": true, "fail_recv_const": true, "seqno_unchanged_const": true, "send_join": true, "window_size": true,
	"max_messages": true, "miss_count_const": true, "token_retransmit": true, "hold": true,
	"token_retransmits_before_loss_const": true, "netmtu": true, "knet_mtu": true, "heartbeat_failures_allowed": true,
	"max_network_delay": true, "knet_pmtud_interval": true, "mcastport": true, "ttl": true, "knet_link_priority": true,
	"knet_ping_interval": true, "knet_ping_timeout": true, "knet_ping_precision": true, "knet_pong_count": true,
}

// validInt reports whether o may be carried over; an integer key with a
// value that is not an unsigned integer is dropped and reported.
func (cv *csConv) validInt(path string, o *model.Option) bool {
	if !integerKeys[o.Name] {
		return true
	}
	if _, err := strconv.ParseUint(strings.TrimSpace(o.Value), 10, 64); err == nil {
		return true
	}
	cv.diags.Errorf(o.Range, CodeCSInvalid, "%s.%s %q dropped: corosync 3 requires an integer and refuses the file", path, o.Name, o.Value)
	return false
}

func (cv *csConv) totem() {
	for _, o := range cv.in.Totem {
		if !cv.validInt("totem", o) {
			continue
		}
		if why, ok := obsoleteTotem[o.Name]; ok {
			cv.info(o.Range, CodeCSObsolete, "totem.%s dropped: %s", o.Name, why)
			continue
		}
		if (o.Name == "link_mode" || strings.HasPrefix(o.Name, "knet_")) && cv.out.Transport != "knet" {
			cv.warn(o.Range, CodeCSLinkMode, "totem.%s dropped: a knet option, and the transport is %s", o.Name, cv.out.Transport)
			continue
		}
		if o.Name == "rrp_mode" {
			switch o.Value {
			case "active", "passive":
				if cv.out.Transport == "knet" {
					cv.out.Totem = append(cv.out.Totem, newOpt(o.Range, "link_mode", o.Value))
					cv.info(o.Range, CodeCSLinkMode, "rrp_mode: %s → link_mode: %s (knet link selection)", o.Value, o.Value)
				} else {
					cv.warn(o.Range, CodeCSLinkMode, "rrp_mode: %s dropped: corosync 3 %s has a single link, so the second ring is lost", o.Value, cv.out.Transport)
				}
			default:
				cv.info(o.Range, CodeCSLinkMode, "rrp_mode: %s dropped (corosync 3 has no RRP)", o.Value)
			}
			continue
		}
		cv.out.Totem = append(cv.out.Totem, csCloneOpt(o))
	}
	if _, ok := cv.in.Totem.Get("token"); !ok && cv.in.Version != "3" {
		cv.info(cv.at("totem.version", cv.in.Range), CodeCSDefault,
			"the default token timeout grows from 1000 ms (corosync %s) to 3000 ms (corosync 3): failures are detected later; add token: 1000 to keep the old timing", cv.in.Version)
	}
}

func (cv *csConv) crypto() {
	in := cv.in.Crypto
	ver := cv.in.Version
	secauth, cipher, hash := "", "", ""
	var mdl, keyfile string
	var key model.Secret
	r := cv.at("totem.version", cv.in.Range)
	if in != nil {
		secauth, cipher, hash, mdl, keyfile, key = in.SecAuth, in.Cipher, in.Hash, in.Model, in.KeyFile, in.Key
		r = in.Range
	}
	// Effective old setting.
	on := false
	switch ver {
	case "0.80", "1":
		on = secauth != "off"
		if on && secauth == "" {
			cv.info(r, CodeCSCrypto, "secauth defaulted to on in corosync %s; kept as crypto_cipher aes256 + crypto_hash sha256", ver)
		}
		if on {
			cipher, hash = "aes256", "sha256"
		}
	case "2":
		if secauth == "off" && cipher == "" && hash == "" {
			on = false
		} else {
			if cipher == "" {
				cipher = "aes256"
			}
			if hash == "" {
				hash = "sha1"
			}
			on = cipher != "none" || hash != "none"
			if secauth == "" && in == nil {
				cv.info(r, CodeCSCrypto, "corosync 2 encrypted by default (aes256 + sha1); kept as crypto_cipher aes256 + crypto_hash sha256")
			}
		}
	default:
		on = secauth == "on" || cipher != "" && cipher != "none" || hash != "" && hash != "none"
		if secauth == "on" && cipher == "" && hash == "" {
			cipher, hash = "aes256", "sha256"
		}
	}
	if !on {
		if cv.out.Transport == "knet" {
			cv.warn(r, CodeCSCrypto, "no encryption or authentication (as before): corosync 3 with knet can add crypto_cipher aes256 + crypto_hash sha256")
		}
		return
	}
	if cipher == "" {
		cipher = "none"
	}
	if hash == "" || hash == "none" && cipher != "none" {
		hash = "sha256"
	}
	if hash == "sha1" {
		cv.info(cv.at("totem.crypto_hash", r), CodeCSCrypto, "crypto_hash sha1 → sha256")
		hash = "sha256"
	}
	if cipher == "3des" {
		cv.warn(cv.at("totem.crypto_cipher", r), CodeCSCrypto, "crypto_cipher 3des → aes256 (corosync 3 has no 3des)")
		cipher = "aes256"
	}
	if secauth != "" {
		cv.info(cv.at("totem.secauth", r), CodeCSCrypto, "secauth: %s → crypto_cipher: %s, crypto_hash: %s (secauth is deprecated in corosync 3)", secauth, cipher, hash)
	}
	if cv.out.Transport != "knet" {
		cv.warn(r, CodeCSCrypto, "corosync 3 encrypts only with knet: transport %s runs unencrypted and unauthenticated", cv.out.Transport)
		return
	}
	k := &model.Crypto{Cipher: cipher, Hash: hash, Model: mdl, KeyFile: keyfile, Key: key}
	k.Range = r
	if kv := key.Reveal(); kv != "" && len(kv) < 128 {
		cv.warn(cv.at("totem.key", r), CodeCSCrypto, "the inline key is %d bytes; corosync 3 needs 128 or more: generate /etc/corosync/authkey with corosync-keygen instead", len(kv))
	}
	cv.info(r, CodeCSCrypto, "corosync 3 needs a key of at least 128 bytes in %s on every node (corosync-keygen makes one)", cmpOr(keyfile, "/etc/corosync/authkey"))
	cv.out.Crypto = k
}

// totemAt is where the totem section was written (its version key), or the
// file's start.
func (cv *csConv) totemAt() model.Range {
	return cv.at("totem.version", cv.in.Range)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var udpOnlyLinkKeys = map[string]string{
	"bindnetaddr": "knet takes each node's address from the nodelist",
	"mcastaddr":   "knet does not use multicast",
	"broadcast":   "knet does not use broadcast",
	"ttl":         "knet does not use multicast",
}

func (cv *csConv) links() {
	for _, l := range cv.in.Links {
		nl := &model.Link{Number: l.Number}
		nl.Range = l.Range
		for _, o := range l.Options {
			if !cv.validInt("totem.interface", o) {
				continue
			}
			if why, ok := udpOnlyLinkKeys[o.Name]; ok && cv.out.Transport != "udp" {
				cv.info(o.Range, CodeCSLinkKeys, "%s %s dropped: %s", o.Name, o.Value, why)
				continue
			}
			if strings.HasPrefix(o.Name, "member.") {
				continue // lowered into the nodelist
			}
			if o.Name == "ringnumber" || o.Name == "linknumber" {
				cv.info(o.Range, CodeCSLinkKeys, "%s %q dropped: not a link number", o.Name, o.Value)
				continue
			}
			if strings.HasPrefix(o.Name, "knet_") && cv.out.Transport != "knet" {
				cv.warn(o.Range, CodeCSLinkKeys, "%s dropped: transport %s has no knet options", o.Name, cv.out.Transport)
				continue
			}
			nl.Options = append(nl.Options, csCloneOpt(o))
		}
		if (cv.out.Transport == "udp" || cv.out.Transport == "udpu") && l.Number > 0 {
			cv.warn(l.Range, CodeCSLinkKeys, "ring %d dropped: corosync 3 %s supports only one link (use knet to keep redundant rings)", l.Number, cv.out.Transport)
			continue
		}
		if by := l.Extra.Value("numbered_by"); by == "ringnumber" {
			cv.info(l.Range, CodeCSLinkKeys, "interface ringnumber %d → linknumber %d", l.Number, l.Number)
		}
		if len(nl.Options) > 0 {
			cv.out.Links = append(cv.out.Links, nl)
		}
	}
	sort.SliceStable(cv.out.Links, func(i, j int) bool { return cv.out.Links[i].Number < cv.out.Links[j].Number })
}

// trimLinks drops interface blocks for links no node has an address on:
// corosync 3 configures links from the nodelist.
func (cv *csConv) trimLinks() {
	has := map[int]bool{}
	for _, n := range cv.out.Nodes {
		for _, a := range n.Addrs {
			has[a.Link] = true
		}
	}
	kept := cv.out.Links[:0:0]
	for _, l := range cv.out.Links {
		if !has[l.Number] && len(cv.out.Nodes) > 0 {
			cv.warn(l.Range, CodeCSLinkKeys, "link %d dropped: no node has an address on it (ring%d_addr)", l.Number, l.Number)
			continue
		}
		kept = append(kept, l)
	}
	cv.out.Links = kept
}

// cibNodes lists the node names and ids a CIB given alongside knows.
func (cv *csConv) cibNodes() (names []string, ids map[string]string) {
	ids = map[string]string{}
	seen := map[string]bool{}
	if cfg := cv.c.Config; cfg != nil {
		for _, n := range cfg.Nodes {
			if n.Uname != "" && !seen[n.Uname] && n.Type != "remote" && n.Type != "ping" {
				seen[n.Uname] = true
				names = append(names, n.Uname)
				ids[n.Uname] = n.ID
			}
		}
	}
	if st := cv.c.Status; st != nil {
		for _, n := range st.Nodes {
			if u := n.Uname(); u != "" && !seen[u] {
				seen[u] = true
				names = append(names, u)
				ids[u] = n.ID()
			}
		}
	}
	return names, ids
}

func (cv *csConv) nodes() {
	names, cibIDs := cv.cibNodes()
	byID := map[string]string{}
	for n, id := range cibIDs {
		byID[id] = n
	}
	var nodes []*model.MemberNode
	switch {
	case len(cv.in.Nodes) > 0:
		for _, n := range cv.in.Nodes {
			nn := &model.MemberNode{Base: n.Base, Name: n.Name, NodeID: n.NodeID, Votes: n.Votes, Options: csCloneOpts(n.Options)}
			nn.Extra = append(model.Attrs(nil), n.Extra...)
			for _, a := range n.Addrs {
				na := *a
				nn.Addrs = append(nn.Addrs, &na)
			}
			nodes = append(nodes, nn)
		}
	default:
		nodes = cv.membersFromLinks()
		if len(nodes) == 0 {
			nodes = cv.nodesFromCIB(names)
		}
	}
	// Names.
	for _, n := range nodes {
		if n.Name != "" {
			continue
		}
		if n.NodeID > 0 {
			if nm, ok := byID[strconv.FormatUint(uint64(n.NodeID), 10)]; ok {
				n.Name = nm
				cv.info(n.Range, CodeCSNodeName, "node name %s taken from the CIB (node id %d)", nm, n.NodeID)
				continue
			}
		} else if id, ok := cv.derivedNodeID(n); ok {
			if nm, ok := byID[strconv.FormatUint(uint64(id), 10)]; ok {
				n.Name = nm
				cv.info(n.Range, CodeCSNodeName, "node name %s taken from the CIB (node id %d, which corosync %s derived from %s)", nm, id, cv.in.Version, n.Addrs[0].Addr)
				continue
			}
		}
		if len(n.Addrs) > 0 {
			a := n.Addrs[0].Addr
			if _, err := netip.ParseAddr(a); err != nil {
				n.Name = a
				cv.info(n.Range, CodeCSNodeName, "node name %s taken from ring0_addr", a)
				continue
			}
			for _, nm := range names {
				if nm == a {
					n.Name = nm
				}
			}
		}
		switch {
		case n.Name != "":
		case len(n.Addrs) > 1:
			cv.warn(n.Range, CodeCSNodeName, "node %s has no name: corosync 3 needs names on all nodes with several links", nodeWhat(n))
		default:
			cv.info(n.Range, CodeCSNodeName, "node %s has no name: Pacemaker will know it by its host name (uname -n); add name: to be explicit", nodeWhat(n))
		}
	}
	for _, n := range nodes {
		if len(n.Addrs) == 0 && n.Name != "" {
			a := &model.NodeAddr{Link: 0, Addr: n.Name}
			a.Range = n.Range
			n.Addrs = append(n.Addrs, a)
			cv.warn(n.Range, CodeCSNodeName, "node %s has no ring0_addr: corosync 3 needs one (\"No interfaces defined\"); the name is used as ring0_addr, so it must resolve", n.Name)
		}
	}
	// Node ids: knet needs explicit, unique ids below 65536.
	used := map[uint32]bool{}
	dup := map[*model.MemberNode]bool{}
	for _, n := range nodes {
		if n.NodeID > 0 && n.NodeID < 65536 {
			if used[n.NodeID] {
				dup[n] = true
				continue
			}
			used[n.NodeID] = true
		}
	}
	next := uint32(1)
	for _, n := range nodes {
		if n.NodeID > 0 && n.NodeID < 65536 && !dup[n] {
			continue
		}
		old := n.NodeID
		var id uint32
		if n.Name != "" {
			if v, err := strconv.ParseUint(cibIDs[n.Name], 10, 32); err == nil && v > 0 && v < 65536 && !used[uint32(v)] {
				id = uint32(v)
			}
		}
		for id == 0 {
			if !used[next] {
				id = next
			}
			next++
		}
		used[id] = true
		n.NodeID = id
		kept := n.Options[:0:0]
		for _, o := range n.Options {
			if o.Name != "nodeid" {
				kept = append(kept, o)
			}
		}
		n.Options = kept
		if dup[n] {
			cv.warn(n.Range, CodeCSNodeID, "node %s: duplicate nodeid %d → %d: corosync 3 refuses a nodeid that appears twice", nodeWhat(n), old, id)
		} else if old == 0 {
			cv.warn(n.Range, CodeCSNodeID, "node %s gets nodeid %d: knet needs an explicit id on every node (older versions derived it from the IPv4 address; Pacemaker's node ids change with it)", nodeWhat(n), id)
		} else {
			cv.warn(n.Range, CodeCSNodeID, "node %s: nodeid %d → %d: knet needs ids below 65536 (update the CIB's node ids too)", nodeWhat(n), old, id)
		}
	}
	if cv.out.Transport != "knet" {
		for _, n := range nodes {
			kept := n.Addrs[:0:0]
			for _, a := range n.Addrs {
				if a.Link > 0 {
					cv.warn(a.Range, CodeCSLinkKeys, "ring%d_addr %s of node %s dropped: corosync 3 %s supports only one link", a.Link, a.Addr, nodeWhat(n), cv.out.Transport)
					continue
				}
				kept = append(kept, a)
			}
			n.Addrs = kept
		}
	}
	cv.out.Nodes = nodes
	cv.out.Corosync.NodelistOptions = csCloneOpts(cv.in.Corosync.NodelistOptions)
	for _, n := range cv.in.Corosync.Nested {
		cv.out.Corosync.Nested = append(cv.out.Corosync.Nested, &model.CorosyncNested{Parent: n.Parent, Section: csCloneSection(n.Section)})
	}
}

// derivedNodeID is the nodeid corosync 1.x/2.x derived from a node's
// ring0 IPv4 address (the address as a big-endian number, the high bit
// cleared with clear_node_high_bit).
func (cv *csConv) derivedNodeID(n *model.MemberNode) (uint32, bool) {
	if len(n.Addrs) == 0 || n.Addrs[0].Link != 0 || cv.in.Version == "3" {
		return 0, false
	}
	ip, err := netip.ParseAddr(n.Addrs[0].Addr)
	if err != nil || !ip.Is4() {
		return 0, false
	}
	b := ip.As4()
	id := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	if cv.in.Totem.Value("clear_node_high_bit") == "yes" {
		id &= 0x7fffffff
	}
	return id, true
}

func nodeWhat(n *model.MemberNode) string {
	if n.Name != "" {
		return n.Name
	}
	if len(n.Addrs) > 0 {
		return n.Addrs[0].Addr
	}
	return fmt.Sprintf("at line %d", n.Range.Start.Line)
}

// membersFromLinks builds nodes from corosync 1.x udpu member blocks.
func (cv *csConv) membersFromLinks() []*model.MemberNode {
	var nodes []*model.MemberNode
	for _, l := range cv.in.Links {
		i := 0
		for _, o := range l.Options {
			if o.Name != "member.memberaddr" {
				continue
			}
			if i >= len(nodes) {
				n := &model.MemberNode{}
				n.Range = o.Range
				nodes = append(nodes, n)
			}
			a := &model.NodeAddr{Link: l.Number, Addr: o.Value}
			a.Range = o.Range
			nodes[i].Addrs = append(nodes[i].Addrs, a)
			cv.info(o.Range, CodeCSNodelist, "member %s → nodelist ring%d_addr", o.Value, l.Number)
			i++
		}
	}
	return nodes
}

// nodesFromCIB builds the nodelist of a multicast cluster from the node
// names of a CIB given alongside and opts.NodeAddrs.
func (cv *csConv) nodesFromCIB(names []string) []*model.MemberNode {
	at := cv.in.Range
	if len(cv.in.Links) > 0 {
		at = cv.in.Links[0].Range
	}
	for n := range cv.opts.NodeAddrs {
		found := false
		for _, x := range names {
			found = found || x == n
		}
		if !found {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		cv.diags.Errorf(at, CodeCSNoAddrs, "corosync %s found its members by multicast and lists no nodes; corosync 3 needs a nodelist: give the cluster's CIB alongside (node names) or the node addresses", cv.in.Version)
		return nil
	}
	links := 1
	for _, l := range cv.in.Links {
		if l.Number+1 > links {
			links = l.Number + 1
		}
	}
	var nodes []*model.MemberNode
	for _, name := range names {
		n := &model.MemberNode{Name: name}
		n.Range = at
		addrs := cv.opts.NodeAddrs[name]
		for i := 0; i < links; i++ {
			addr := name
			if i < len(addrs) && addrs[i] != "" {
				addr = addrs[i]
			} else if i > 0 {
				cv.diags.Errorf(at, CodeCSNoAddrs, "node %s has no address for link %d (ring %d of the multicast configuration); give it with the node addresses option", name, i, i)
				continue
			}
			a := &model.NodeAddr{Link: i, Addr: addr}
			a.Range = at
			n.Addrs = append(n.Addrs, a)
		}
		nodes = append(nodes, n)
	}
	cv.warn(at, CodeCSNodelist, "nodelist built from %d node name(s) of the CIB (%s): corosync %s found members by multicast; check that the names resolve to the cluster addresses", len(nodes), strings.Join(names, ", "), cv.in.Version)
	return nodes
}

func (cv *csConv) quorum() {
	in := cv.in.Quorum
	q := &model.Quorum{Provider: "corosync_votequorum"}
	q.Range = cv.in.Range
	plugin := false
	for _, s := range cv.in.Sections {
		if s.Name == "service" && s.Options.Value("name") == "pacemaker" {
			plugin = true
			q.Range = s.Range
		}
	}
	if in != nil {
		q.Range = in.Range
		switch in.Provider {
		case "corosync_votequorum":
		case "":
			cv.warn(in.Range, CodeCSQuorum, "quorum section without a provider → provider corosync_votequorum (Pacemaker on corosync 3 takes quorum from votequorum)")
		default:
			cv.warn(cv.at("quorum.provider", in.Range), CodeCSQuorum, "quorum provider %s → corosync_votequorum (%s does not exist in corosync 3)", in.Provider, in.Provider)
		}
		for _, o := range in.Options {
			switch o.Name {
			case "quorumdev_poll", "disallowed":
				cv.info(o.Range, CodeCSObsolete, "quorum.%s dropped: a corosync 1.x key", o.Name)
				continue
			}
			q.Options = append(q.Options, csCloneOpt(o))
		}
		if d := in.Device; d != nil {
			nd := &model.QDevice{Base: d.Base, Model: d.Model, Options: csCloneOpts(d.Options), Net: csCloneOpts(d.Net), Heuristics: csCloneOpts(d.Heuristics)}
			q.Device = nd
		}
	} else {
		why := "without a quorum section corosync provides no quorum"
		if plugin {
			why = "the Pacemaker plugin computed quorum itself; without the plugin Pacemaker takes quorum from votequorum"
		}
		cv.warn(q.Range, CodeCSQuorum, "quorum { provider: corosync_votequorum } added: %s", why)
	}
	if len(cv.out.Nodes) == 2 && q.Device == nil {
		if _, ok := q.Options.Get("two_node"); !ok {
			if _, atb := q.Options.Get("auto_tie_breaker"); !atb {
				q.Options = append(q.Options, newOpt(q.Range, "two_node", "1"))
				msg := "two_node: 1 added for the two-node cluster (it implies wait_for_all)"
				if cfg := cv.c.Config; cfg != nil {
					if v, ok := cfg.ClusterOption("no-quorum-policy"); ok && v == "ignore" {
						msg += "; set the CIB's no-quorum-policy back to stop, two_node replaces ignore"
					}
				}
				cv.warn(q.Range, CodeCSQuorum, "%s", msg)
			}
		}
	}
	cv.out.Quorum = q
}

func (cv *csConv) sections() {
	for _, o := range cv.in.Corosync.TopLevel {
		cv.info(o.Range, CodeCSObsolete, "top-level %s: %s dropped (corosync 3 reads no keys outside sections)", o.Name, o.Value)
	}
	for _, s := range cv.in.Sections {
		switch s.Name {
		case "service":
			name := s.Options.Value("name")
			if name == "pacemaker" {
				ver := s.Options.Value("ver")
				how := "pacemakerd now runs as its own service: enable and start pacemaker (systemctl enable --now pacemaker) after corosync"
				if ver == "1" {
					how = "ver: 1 already ran pacemakerd from its own init script; keep enabling the pacemaker service"
				}
				cv.warn(s.Range, CodeCSPlugin, "the Pacemaker plugin (service { name: pacemaker; ver: %s }) is gone: corosync 3 loads no plugins; %s", cmpOr(ver, "0"), how)
				continue
			}
			cv.warn(s.Range, CodeCSPlugin, "service %s dropped: corosync 3 loads no service plugins", cmpOr(name, "(unnamed)"))
		case "aisexec", "amf", "event":
			cv.info(s.Range, CodeCSObsolete, "section %s dropped: an openais/corosync 1.x section that corosync 3 ignores", s.Name)
		case "qb":
			sys := &model.Section{Name: "system"}
			sys.Range = s.Range
			for _, o := range s.Options {
				if o.Name == "ipc_type" {
					sys.Options = append(sys.Options, newOpt(o.Range, "qb_ipc_type", o.Value))
					cv.info(o.Range, CodeCSObsolete, "qb.ipc_type → system.qb_ipc_type")
				} else {
					cv.info(o.Range, CodeCSObsolete, "qb.%s dropped", o.Name)
				}
			}
			if len(sys.Options) > 0 {
				cv.out.Sections = append(cv.out.Sections, sys)
			}
		case "logging":
			cv.out.Sections = append(cv.out.Sections, cv.logging(s))
		case "cluster":
			cv.warn(s.Range, CodeCSObsolete, "section cluster (CMAN in corosync.conf) dropped: convert the CMAN configuration with the cman converter")
		default:
			cv.out.Sections = append(cv.out.Sections, csCloneSection(s))
		}
	}
}

var loggingRenames = map[string]string{"to_file": "to_logfile", "syslog_level": "syslog_priority"}

func (cv *csConv) logging(s *model.Section) *model.Section {
	n := &model.Section{Base: s.Base, Name: s.Name}
	for _, o := range s.Options {
		no := csCloneOpt(o)
		if to, ok := loggingRenames[o.Name]; ok {
			cv.info(o.Range, CodeCSLogging, "logging.%s → %s", o.Name, to)
			no.Name = to
		}
		if o.Name == "tags" {
			cv.info(o.Range, CodeCSLogging, "logging.tags dropped: a corosync 1.x key")
			continue
		}
		n.Options = append(n.Options, no)
	}
	for _, sub := range s.Sections {
		ns := csCloneSection(sub)
		if sub.Name == "logger" {
			ns.Name = "logger_subsys"
			for _, o := range ns.Options {
				if o.Name == "ident" {
					o.Name = "subsys"
				}
			}
			cv.info(sub.Range, CodeCSLogging, "logger { ident } (openais 0.80) → logger_subsys { subsys }")
		}
		for _, o := range ns.Options {
			if to, ok := loggingRenames[o.Name]; ok {
				o.Name = to
			}
		}
		n.Sections = append(n.Sections, ns)
	}
	return n
}
