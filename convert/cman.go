package convert

// cman: CMAN/rgmanager cluster.conf → corosync 3 + Pacemaker. The mapping
// follows ../shared/formats/cluster.conf.md §5 (after clufter), with the
// differences noted where they are made.

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"hakit/internal/lazyre"
	"hakit/model"
)

func init() { Register("cman", convertCMAN) }

// Diagnostic codes of the cman converter (registered in verify/clusterconf.go).
const (
	cmanQDisk       = "HA6950" // quorum disk: corosync-qdevice replacement to set up
	cmanNoFencing   = "HA6951" // no fencing at all
	cmanNotMapped   = "HA6952" // resource/service/vendor element not converted
	cmanNoEquiv     = "HA6953" // setting without equivalent, not carried over
	cmanApprox      = "HA6954" // converted approximately
	cmanUnresolved  = "HA6955" // ref or device that names nothing
	cmanSecretInCIB = "HA6956" // fence password carried as an instance attribute
)

type cmanConv struct {
	in    *model.Membership
	cm    *model.CMAN
	opts  Options
	diags model.Diagnostics
	cfg   *model.Configuration
	ids   map[string]bool
	// defs are <resources> definitions by type and primary attribute.
	defs map[string]*model.RGResource
	// serviceIDs maps a service name to its Pacemaker resource id.
	serviceIDs map[string]string
	fsid       int
	// usedDefs are the <resources> definitions some ref= instantiated.
	usedDefs map[*model.RGResource]bool
}

func convertCMAN(c *model.Cluster, opts Options) (*model.Cluster, model.Diagnostics) {
	if c == nil || c.Membership == nil {
		return c, nil
	}
	in := c.Membership
	cv := &cmanConv{in: in, cm: in.CMAN, opts: opts, cfg: &model.Configuration{}, ids: map[string]bool{},
		defs: map[string]*model.RGResource{}, serviceIDs: map[string]string{}, usedDefs: map[*model.RGResource]bool{}}
	if cv.cm == nil {
		cv.cm = &model.CMAN{}
	}
	out := &model.Cluster{Sources: append([]string(nil), c.Sources...)}
	out.Membership = cv.membership()
	cv.nodes()
	cv.fencing()
	cv.daemons()
	cv.resources()
	cv.other()
	out.Config = cv.cfg
	cv.diags.Sort()
	return out, cv.diags
}

// id returns a unique, valid XML id built from parts.
var badIDChar = lazyre.New(`[^A-Za-z0-9_.-]+`)

func (cv *cmanConv) id(parts ...string) string {
	s := badIDChar().ReplaceAllString(strings.Join(parts, "-"), "_")
	s = strings.Trim(s, "_")
	if s == "" || !(s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z' || s[0] == '_') {
		s = "r" + s
	}
	base, n := s, 1
	for cv.ids[s] {
		n++
		s = fmt.Sprintf("%s-%d", base, n)
	}
	cv.ids[s] = true
	return s
}

// ---- membership ----

var cmanTotemCarried = map[string]string{
	"token": "token", "join": "join", "consensus": "consensus",
	"token_retransmits_before_loss_const": "token_retransmits_before_loss_const",
	"fail_recv_const":                     "fail_recv_const", "netmtu": "netmtu", "window_size": "window_size",
	"max_messages": "max_messages", "miss_count_const": "miss_count_const",
	"seqno_unchanged_const": "seqno_unchanged_const", "rrp_mode": "link_mode",
}

func (cv *cmanConv) membership() *model.Membership {
	in := cv.in
	m := &model.Membership{Base: model.Base{Range: in.Range}, Origin: "corosync", Version: "3",
		ClusterName: in.ClusterName, ConfigVersion: in.ConfigVersion}
	transport := cv.opts.Transport
	if transport == "" {
		transport = "knet"
	}
	m.Transport = transport
	cmanRange := in.Range
	if cv.cm.Cman != nil {
		cmanRange = cv.cm.Cman.Range
	}
	if in.Transport != "" && in.Transport != transport {
		cv.diags.Infof(cmanRange, cmanNoEquiv, "cman transport %q becomes corosync 3 transport %q", in.Transport, transport)
	}
	// Nodes, with the links every node has.
	links := -1
	for _, n := range in.Nodes {
		if links < 0 || len(n.Addrs) < links {
			links = len(n.Addrs)
		}
	}
	if links < 1 {
		links = 1
	}
	if transport != "knet" && links > 1 {
		cv.diags.Warnf(in.Range, cmanNoEquiv, "transport %s has one link in corosync 3; the altname ring is not carried over", transport)
		links = 1
	}
	seenID := map[uint32]string{}
	for _, n := range in.Nodes {
		if first, dup := seenID[n.NodeID]; dup && n.NodeID != 0 {
			cv.diags.Errorf(n.Range, cmanUnresolved, "node %q has nodeid %d like node %q; corosync 3 refuses duplicate nodeids, fix one by hand", n.Name, n.NodeID, first)
		}
		seenID[n.NodeID] = n.Name
		mn := &model.MemberNode{Base: model.Base{Range: n.Range}, Name: n.Name, NodeID: n.NodeID}
		given := cv.opts.NodeAddrs[n.Name]
		for l := 0; l < links; l++ {
			addr := ""
			r := n.Range
			if l < len(n.Addrs) {
				addr, r = n.Addrs[l].Addr, n.Addrs[l].Range
			}
			if l < len(given) && given[l] != "" {
				addr = given[l]
			}
			mn.Addrs = append(mn.Addrs, &model.NodeAddr{Base: model.Base{Range: r}, Link: l, Addr: addr})
		}
		if len(n.Addrs) > links {
			cv.diags.Warnf(n.Range, cmanNoEquiv, "node %q: only %d link(s) are common to all nodes; its further altnames are not carried over", n.Name, links)
		}
		if n.Votes > 1 {
			mn.Votes = n.Votes
			cv.diags.Infof(n.Range, cmanApprox, "node %q keeps %d votes as quorum_votes; review them, since the old total may have counted a quorum disk", n.Name, n.Votes)
		}
		if n.NodeID == 0 {
			cv.diags.Errorf(n.Range, cmanUnresolved, "node %q has no nodeid; corosync 3 with knet needs one", n.Name)
		}
		for _, o := range n.Options {
			if strings.HasPrefix(o.Name, "altname") || o.Name == "weight" {
				cv.diags.Infof(o.Range, cmanNoEquiv, "node %q: %s=%q is not carried over (weight belongs in dlm.conf master lines)", n.Name, o.Name, o.Value)
			}
		}
		m.Nodes = append(m.Nodes, mn)
	}
	// Links: multicast settings only mean something for udp.
	for _, l := range in.Links {
		if transport == "udp" {
			nl := &model.Link{Base: l.Base, Number: l.Number}
			nl.Options = append(nl.Options, l.Options...)
			m.Links = append(m.Links, nl)
			continue
		}
		for _, o := range l.Options {
			cv.diags.Infof(o.Range, cmanNoEquiv, "link %d %s=%q has no meaning for transport %s; not carried over", l.Number, o.Name, o.Value, transport)
		}
	}
	for _, s := range in.Sections {
		if strings.HasPrefix(s.Name, "totem.interface") {
			cv.diags.Infof(s.Range, cmanNoEquiv, "<totem><interface> is replaced by cman from <clusternodes> and <cman>; not carried over")
		}
	}
	// Totem: make cman's token default explicit.
	tokenSeen := false
	for _, o := range in.Totem {
		name, ok := cmanTotemCarried[o.Name]
		if !ok {
			cv.diags.Infof(o.Range, cmanNoEquiv, "totem %s=%q is not carried over to corosync 3", o.Name, o.Value)
			continue
		}
		v := o.Value
		if o.Name == "token" {
			tokenSeen = true
		}
		if o.Name == "rrp_mode" {
			if v == "none" || links < 2 {
				cv.diags.Infof(o.Range, cmanNoEquiv, "totem rrp_mode=%q is not needed with %d link(s)", v, links)
				continue
			}
			if transport != "knet" {
				continue
			}
		}
		m.Totem = append(m.Totem, &model.Option{Base: o.Base, Name: name, Value: v})
	}
	if c, ok := m.Totem.Get("consensus"); ok {
		tok, _ := strconv.Atoi(m.Totem.Value("token"))
		if !tokenSeen {
			tok = 10000
		}
		if v, err := strconv.Atoi(c.Value); err == nil && tok > 0 && v*10 < tok*12 {
			var kept model.Options
			for _, o := range m.Totem {
				if o != c {
					kept = append(kept, o)
				}
			}
			m.Totem = kept
			cv.diags.Warnf(c.Range, cmanApprox, "totem consensus %d ms is below 1.2 × token (%d ms), which corosync 3 requires; left out so corosync derives it", v, tok)
		}
	}
	if !tokenSeen {
		m.Totem = append([]*model.Option{{Base: model.Base{Range: in.Range}, Name: "token", Value: "10000"}}, m.Totem...)
		cv.diags.Infof(cmanRange, cmanApprox, "cman's implicit totem token of 10000 ms is written explicitly (corosync 3 defaults to 3000 ms)")
	}
	// Crypto: cman always authenticated (key: keyfile or the cluster name).
	secauthOff := in.Crypto != nil && (in.Crypto.SecAuth == "off" || in.Crypto.SecAuth == "0")
	if !secauthOff {
		r := cmanRange
		key := "the cluster name (cman's default key)"
		if in.Crypto != nil {
			r = in.Crypto.Range
			if in.Crypto.KeyFile != "" {
				key = "keyfile " + in.Crypto.KeyFile
			}
		}
		if transport == "knet" {
			m.Crypto = &model.Crypto{Base: model.Base{Range: r}, Cipher: "aes256", Hash: "sha256"}
			cv.diags.Infof(r, cmanApprox, "cman encrypted with %s; corosync 3 uses crypto_cipher aes256 / crypto_hash sha256 with /etc/corosync/authkey: create it with corosync-keygen and copy it to every node", key)
		} else {
			cv.diags.Warnf(r, cmanNoEquiv, "cman encrypted with %s, but corosync 3 has crypto only with knet; transport %s runs unencrypted", key, transport)
		}
	}
	// Quorum.
	q := &model.Quorum{Provider: "corosync_votequorum"}
	if in.Quorum != nil {
		q.Range = in.Quorum.Range
		for _, o := range in.Quorum.Options {
			switch o.Name {
			case "expected_votes":
				cv.diags.Infof(o.Range, cmanNoEquiv, "expected_votes=%q is not carried over: votequorum computes it from the nodelist (the old value may count quorum disk votes)", o.Value)
			case "two_node":
				if v, _ := strconv.Atoi(o.Value); v != 0 && len(m.Nodes) == 2 {
					q.Options = append(q.Options, &model.Option{Base: o.Base, Name: "two_node", Value: "1"})
				} else if v != 0 {
					cv.diags.Warnf(o.Range, cmanNoEquiv, "two_node is set but the cluster has %d nodes; not carried over", len(m.Nodes))
				}
			}
		}
		if qd := in.Quorum.QDisk; qd != nil {
			cv.qdisk(qd, m, q)
		}
	}
	m.Quorum = q
	// Logging.
	if lg := cv.cm.Logging; lg != nil {
		m.Sections = append(m.Sections, cv.logging(lg))
	}
	return m
}

func (cv *cmanConv) qdisk(qd *model.QDisk, m *model.Membership, q *model.Quorum) {
	label := qd.Options.Value("label")
	if label == "" {
		label = qd.Options.Value("device")
	}
	votes := qd.Options.Value("votes")
	if votes == "" {
		votes = strconv.Itoa(max(len(m.Nodes)-1, 1))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "corosync 3 has no quorum disk (qdiskd). Replace it with corosync-qdevice and a corosync-qnetd arbitrator on a host outside the cluster (QNETD below), then add to corosync.conf:\n\n")
	fmt.Fprintf(&b, "quorum {\n    device {\n        model: net\n        votes: %s\n        net {\n            host: QNETD\n            algorithm: ffsplit\n        }\n", votes)
	var pcsHeur []string
	if len(qd.Heuristics) > 0 {
		fmt.Fprintf(&b, "        heuristics {\n            mode: sync\n")
		for i, h := range qd.Heuristics {
			name := fmt.Sprintf("exec_qdisk%d", i+1)
			prog := h.Options.Value("program")
			fmt.Fprintf(&b, "            %s: %s\n", name, prog)
			pcsHeur = append(pcsHeur, fmt.Sprintf("%s=%q", name, prog))
		}
		fmt.Fprintf(&b, "        }\n")
	}
	fmt.Fprintf(&b, "    }\n}\n\nor: pcs quorum device add model net host=QNETD algorithm=ffsplit")
	if len(pcsHeur) > 0 {
		fmt.Fprintf(&b, " heuristics mode=sync %s", strings.Join(pcsHeur, " "))
	}
	b.WriteString("\n")
	if len(qd.Heuristics) > 0 {
		b.WriteString("\nqdevice heuristics must all pass; qdiskd's scores and min_score have no counterpart.")
	}
	if len(m.Nodes) == 2 {
		b.WriteString("\nThe converted corosync.conf sets two_node: 1 as the interim tie-breaker; remove it when the device is added (corosync refuses both).")
		if _, ok := q.Options.Get("two_node"); !ok {
			q.Options = append(q.Options, &model.Option{Base: model.Base{Range: qd.Range}, Name: "two_node", Value: "1"})
		}
	}
	d := &model.Diagnostic{Severity: model.SeverityWarning, Code: cmanQDisk,
		Summary: fmt.Sprintf("quorum disk %q (votes %s, %d heuristic(s)) is not carried over: set up corosync-qdevice instead", label, votes, len(qd.Heuristics)),
		Detail:  b.String(), Subject: ptr(qd.Range)}
	for _, h := range qd.Heuristics {
		d.Related = append(d.Related, model.Related{Message: "heuristic " + h.Options.Value("program"), Subject: h.Range})
	}
	cv.diags = append(cv.diags, d)
}

func ptr(r model.Range) *model.Range { return &r }

func (cv *cmanConv) logging(lg *model.CMANElement) *model.Section {
	s := &model.Section{Base: model.Base{Range: lg.Range}, Name: "logging"}
	for _, o := range lg.Attrs {
		switch o.Name {
		case "to_syslog", "to_logfile", "syslog_facility", "syslog_priority", "logfile_priority", "logfile", "debug":
			s.Options = append(s.Options, &model.Option{Base: o.Base, Name: o.Name, Value: o.Value})
		default:
			cv.diags.Infof(o.Range, cmanNoEquiv, "logging %s=%q is not carried over", o.Name, o.Value)
		}
	}
	for _, d := range lg.Children {
		name := d.Attr("name")
		if d.Element != "logging_daemon" || name != "corosync" || d.Attr("subsys") == "" {
			cv.diags.Infof(d.Range, cmanNoEquiv, "<%s name=%q>: per-daemon logging of %s is not carried over (configure it in that daemon's successor)", d.Element, name, name)
			continue
		}
		sub := &model.Section{Base: model.Base{Range: d.Range}, Name: "logger_subsys"}
		for _, o := range d.Attrs {
			if o.Name == "name" {
				continue
			}
			sub.Options = append(sub.Options, &model.Option{Base: o.Base, Name: o.Name, Value: o.Value})
		}
		s.Sections = append(s.Sections, sub)
	}
	return s
}

// ---- Pacemaker configuration ----

func (cv *cmanConv) clusterOption(r model.Range, name, value string) {
	var set *model.NVSet
	if len(cv.cfg.ClusterOptions) == 0 {
		set = &model.NVSet{Kind: "cluster_property_set", ID: "cib-bootstrap-options"}
		cv.cfg.ClusterOptions = append(cv.cfg.ClusterOptions, set)
	}
	set = cv.cfg.ClusterOptions[0]
	set.Pairs = append(set.Pairs, &model.NVPair{Base: model.Base{Range: r}, ID: "cib-bootstrap-options-" + name, Name: name, Value: value})
}

func (cv *cmanConv) nodes() {
	for _, n := range cv.in.Nodes {
		if n.Name == "" {
			continue
		}
		id := n.Name
		if n.NodeID != 0 {
			id = strconv.FormatUint(uint64(n.NodeID), 10)
		}
		cv.cfg.Nodes = append(cv.cfg.Nodes, &model.Node{Base: model.Base{Range: n.Range}, ID: id, Uname: n.Name})
	}
}

func nv(kind, id string, pairs ...*model.NVPair) *model.NVSet {
	return &model.NVSet{Kind: kind, ID: id, Pairs: pairs}
}

func pair(r model.Range, name, value string) *model.NVPair {
	return &model.NVPair{Base: model.Base{Range: r}, Name: name, Value: value}
}

// optValue is an option's value, revealing a secret (the CIB must carry it).
func optValue(o *model.Option) string {
	if !o.Secret.IsZero() {
		return o.Secret.Reveal()
	}
	return o.Value
}

// fenceUse is one node's use of a fence device.
type fenceUse struct {
	node string
	ref  *model.FenceDeviceRef
}

func argsKey(args model.Options) string {
	var parts []string
	for _, o := range args {
		parts = append(parts, o.Name+"="+optValue(o))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x00")
}

// splitRefArgs separates port (→ host map) and action (dropped) from the
// node-specific args.
func splitRefArgs(args model.Options) (port string, rest model.Options) {
	for _, o := range args {
		switch o.Name {
		case "port", "plug":
			port = optValue(o)
		case "action", "option":
		default:
			rest = append(rest, o)
		}
	}
	return port, rest
}

func (cv *cmanConv) fencing() {
	devices := map[string]*model.FenceDevice{}
	for _, d := range cv.in.FenceDevices {
		devices[d.Name] = d
	}
	uses := map[string][]fenceUse{}
	unfence := map[string]bool{}
	anyMethod := false
	for _, n := range cv.cm.Nodes {
		for _, me := range n.Methods {
			for _, ref := range me.Devices {
				anyMethod = true
				uses[ref.Name] = append(uses[ref.Name], fenceUse{n.Name, ref})
				for _, o := range ref.Args {
					if o.Name == "action" || o.Name == "option" {
						cv.diags.Infof(o.Range, cmanApprox, "node %q device %q %s=%q is dropped: Pacemaker runs off/on across the devices of a fencing level itself", n.Name, ref.Name, o.Name, o.Value)
					}
				}
			}
		}
		for _, ref := range n.Unfence {
			unfence[ref.Name] = true
			if _, ok := devices[ref.Name]; !ok {
				cv.diags.Errorf(ref.Range, cmanUnresolved, "node %q unfences with %q, which no <fencedevice> defines", n.Name, ref.Name)
			}
		}
	}
	postFail := ""
	if fd := cv.cm.FenceDaemon; fd != nil {
		if v, err := strconv.Atoi(fd.Attr("post_fail_delay")); err == nil && v > 0 {
			postFail = strconv.Itoa(v) + "s"
		}
	}
	// primID maps (device, node) to the stonith resource that fences node.
	primID := map[[2]string]string{}
	for _, d := range cv.in.FenceDevices {
		us := uses[d.Name]
		if d.Agent == "fence_pcmk" {
			cv.diags.Infof(d.Range, cmanNoEquiv, "fence device %q (fence_pcmk) only redirected CMAN fencing to Pacemaker; dropped", d.Name)
			continue
		}
		if len(us) == 0 && !unfence[d.Name] {
			cv.diags.Infof(d.Range, cmanNoEquiv, "fence device %q is used by no node; not converted", d.Name)
			continue
		}
		// One primitive when every node passes the same extra arguments.
		same := true
		for i := 1; i < len(us); i++ {
			u := us[i]
			_, a := splitRefArgs(u.ref.Args)
			_, b := splitRefArgs(us[0].ref.Args)
			if argsKey(a) != argsKey(b) {
				same = false
			}
		}
		type group struct {
			id   string
			uses []fenceUse
		}
		var groups []group
		if same {
			groups = []group{{cv.id(d.Name), us}}
		} else {
			for _, u := range us {
				groups = append(groups, group{cv.id(d.Name, u.node), []fenceUse{u}})
			}
			cv.diags.Infof(d.Range, cmanApprox, "fence device %q is used with different per-node arguments; one stonith resource per node is created", d.Name)
		}
		for _, g := range groups {
			p := &model.Primitive{Class: "stonith", Type: d.Agent}
			p.ID, p.Range = g.id, d.Range
			ia := nv("instance_attributes", g.id+"-instance_attributes")
			for _, o := range d.Args {
				ia.Pairs = append(ia.Pairs, pair(o.Range, o.Name, optValue(o)))
				if !o.Secret.IsZero() {
					cv.diags.Infof(o.Range, cmanSecretInCIB, "fence device %q: %s is written as an instance attribute of %s (a CIB must carry it; pcs output references a variable instead)", d.Name, o.Name, g.id)
				}
			}
			var hostMap, hostList []string
			if len(g.uses) > 0 {
				_, rest := splitRefArgs(g.uses[0].ref.Args)
				for _, o := range rest {
					ia.Pairs = append(ia.Pairs, pair(o.Range, o.Name, optValue(o)))
					if !o.Secret.IsZero() {
						cv.diags.Infof(o.Range, cmanSecretInCIB, "fence device %q of node %q: %s is written as an instance attribute of %s (a CIB must carry it; pcs output references a variable instead)", d.Name, g.uses[0].node, o.Name, g.id)
					}
				}
			}
			seen := map[string]bool{}
			for _, u := range g.uses {
				primID[[2]string{d.Name, u.node}] = g.id
				port, _ := splitRefArgs(u.ref.Args)
				key := u.node + ":" + port
				if seen[key] {
					continue
				}
				seen[key] = true
				if port != "" {
					hostMap = append(hostMap, u.node+":"+port)
				}
				hostList = append(hostList, u.node)
			}
			if len(hostMap) > 0 {
				ia.Pairs = append(ia.Pairs, pair(d.Range, "pcmk_host_map", strings.Join(hostMap, ";")))
			} else if len(hostList) > 0 {
				ia.Pairs = append(ia.Pairs, pair(d.Range, "pcmk_host_list", strings.Join(hostList, " ")))
			}
			if postFail != "" {
				ia.Pairs = append(ia.Pairs, pair(cv.cm.FenceDaemon.Range, "pcmk_delay_base", postFail))
			}
			p.InstanceAttrs = append(p.InstanceAttrs, ia)
			if unfence[d.Name] {
				p.MetaAttrs = append(p.MetaAttrs, nv("meta_attributes", g.id+"-meta_attributes", pair(d.Range, "provides", "unfencing")))
			}
			for _, c := range d.Unknown {
				cv.diags.Warnf(c.Range, cmanNoEquiv, "element inside fence device %q is not carried over", d.Name)
			}
			p.Operations = &model.Operations{Ops: []*model.Op{{Name: "monitor", Interval: "60s"}}}
			cv.cfg.Resources = append(cv.cfg.Resources, p)
		}
	}
	if postFail != "" {
		cv.diags.Infof(cv.cm.FenceDaemon.Range, cmanApprox, "post_fail_delay becomes pcmk_delay_base=%s on every stonith resource", postFail)
	}
	// Topology: method order = level index.
	needTopology := false
	for _, n := range cv.cm.Nodes {
		if len(n.Methods) > 1 {
			needTopology = true
		}
		for _, me := range n.Methods {
			if len(me.Devices) > 1 {
				needTopology = true
			}
		}
	}
	for _, n := range cv.cm.Nodes {
		idx := 0
		for _, me := range n.Methods {
			var devs []string
			for _, ref := range me.Devices {
				if _, ok := devices[ref.Name]; !ok {
					cv.diags.Errorf(ref.Range, cmanUnresolved, "node %q uses fence device %q, which no <fencedevice> defines; left out", n.Name, ref.Name)
					continue
				}
				if id, ok := primID[[2]string{ref.Name, n.Name}]; ok && !contains(devs, id) {
					devs = append(devs, id)
				}
			}
			if len(devs) == 0 || !needTopology {
				continue
			}
			idx++
			if cv.cfg.FencingTopology == nil {
				cv.cfg.FencingTopology = &model.FencingTopology{}
			}
			cv.cfg.FencingTopology.Levels = append(cv.cfg.FencingTopology.Levels, &model.FencingLevel{
				Base: model.Base{Range: me.Range}, ID: cv.id("fl", n.Name, strconv.Itoa(idx)),
				Target: n.Name, Index: strconv.Itoa(idx), Devices: strings.Join(devs, ",")})
		}
		for _, u := range n.Unknown {
			cv.diags.Warnf(u.Range, cmanNoEquiv, "element in the fencing of node %q is not carried over", n.Name)
		}
		for _, me := range n.Methods {
			for _, u := range me.Unknown {
				cv.diags.Warnf(u.Range, cmanNoEquiv, "element in fence method %q of node %q is not carried over", me.Name, n.Name)
			}
			for _, ref := range me.Devices {
				for _, u := range ref.Unknown {
					cv.diags.Warnf(u.Range, cmanNoEquiv, "element in fence device %q of node %q is not carried over", ref.Name, n.Name)
				}
			}
		}
	}
	if !anyMethod {
		r := cv.in.Range
		var rel []model.Related
		for _, n := range cv.cm.Nodes {
			rel = append(rel, model.Related{Message: "node " + n.Name + " has no fence method", Subject: n.Range})
		}
		d := &model.Diagnostic{Severity: model.SeverityWarning, Code: cmanNoFencing,
			Summary: "no node has a fence method: no stonith resource is created and stonith-enabled=false is set; configure fencing before production use",
			Subject: ptr(r), Related: rel}
		cv.diags = append(cv.diags, d)
		cv.clusterOption(r, "stonith-enabled", "false")
	} else {
		for _, n := range cv.cm.Nodes {
			if len(n.Methods) == 0 {
				cv.diags.Warnf(n.Range, cmanNoFencing, "node %q has no fence method; Pacemaker cannot fence it", n.Name)
			}
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (cv *cmanConv) daemons() {
	if fd := cv.cm.FenceDaemon; fd != nil {
		for _, o := range fd.Attrs {
			switch o.Name {
			case "clean_start":
				if v, _ := strconv.Atoi(o.Value); v != 0 {
					cv.clusterOption(o.Range, "startup-fencing", "false")
					cv.diags.Infof(o.Range, cmanApprox, "clean_start=1 becomes startup-fencing=false")
				}
			case "post_fail_delay":
			default:
				cv.diags.Infof(o.Range, cmanNoEquiv, "fence_daemon %s=%q has no Pacemaker equivalent (closest: dc-deadtime, corosync wait_for_all); not carried over", o.Name, o.Value)
			}
		}
	}
	for _, e := range []*model.CMANElement{cv.cm.DLM, cv.cm.GFSControld, cv.cm.FenceXVMD} {
		if e == nil {
			continue
		}
		what := "not carried over"
		switch e.Element {
		case "dlm":
			what = "write its options to /etc/dlm/dlm.conf (see `hakit convert --to dlm`) and run dlm_controld as a cloned ocf:pacemaker:controld"
		case "gfs_controld":
			what = "gfs_controld is gone; GFS2 uses dlm_controld under Pacemaker"
		case "fence_xvmd":
			what = "run fence_virtd on the host instead"
		}
		cv.diags.Infof(e.Range, cmanNoEquiv, "<%s> is not carried over: %s", e.Element, what)
	}
	for _, e := range []*model.CMANElement{cv.cm.Cman, cv.cm.Totem} {
		if e == nil {
			continue
		}
		for _, c := range e.Children {
			switch c.Element {
			case "multicast", "altmulticast", "interface":
			default:
				cv.diags.Warnf(c.Range, cmanNoEquiv, "<%s> inside <%s> is not carried over", c.Element, e.Element)
			}
		}
	}
	if cv.cm.Cman != nil {
		for _, o := range cv.cm.Cman.Attrs {
			switch o.Name {
			case "two_node", "expected_votes", "transport", "keyfile", "port", "broadcast":
				continue // handled with the membership
			}
			cv.diags.Infof(o.Range, cmanNoEquiv, "cman %s=%q is not carried over", o.Name, o.Value)
		}
	}
}

func (cv *cmanConv) other() {
	for _, e := range cv.cm.Other {
		cv.diags.Warnf(e.Range, cmanNoEquiv, "<%s> is not carried over", e.Element)
	}
	for _, n := range cv.in.Nodes {
		for _, u := range n.Unknown {
			cv.diags.Warnf(u.Range, cmanNoEquiv, "element in node %q is not carried over", n.Name)
		}
	}
	if q := cv.in.Quorum; q != nil && q.QDisk != nil {
		for _, u := range q.QDisk.Unknown {
			cv.diags.Warnf(u.Range, cmanNoEquiv, "element in <quorumd> is not carried over")
		}
	}
}

// ---- rgmanager ----

// startLevel is service.sh's implicit start order of typed children;
// untyped children start after them, in document order.
var startLevel = map[string]int{
	"lvm": 1, "fs": 2, "clusterfs": 3, "netfs": 4, "nfsexport": 5, "nfsclient": 6, "ip": 7, "smb": 8, "samba": 8, "script": 9,
}

// rgAgents maps rgmanager agents with a plain attribute mapping onto
// Pacemaker agents: class, provider, type and rg attribute → parameter.
var rgAgents = map[string]struct {
	class, provider, typ string
	params               map[string]string
}{
	"fs":          {"ocf", "heartbeat", "Filesystem", map[string]string{"device": "device", "mountpoint": "directory", "fstype": "fstype", "options": "options", "force_unmount": "force_unmount"}},
	"clusterfs":   {"ocf", "heartbeat", "Filesystem", map[string]string{"device": "device", "mountpoint": "directory", "fstype": "fstype", "options": "options", "force_unmount": "force_unmount"}},
	"lvm":         {"ocf", "heartbeat", "LVM-activate", map[string]string{"vg_name": "vgname", "lv_name": "lvname"}},
	"apache":      {"ocf", "heartbeat", "apache", map[string]string{"config_file": "configfile", "httpd_options": "options"}},
	"mysql":       {"ocf", "heartbeat", "mysql", map[string]string{"config_file": "config"}},
	"postgres-8":  {"ocf", "heartbeat", "pgsql", map[string]string{"config_file": "config", "postmaster_user": "pgdba"}},
	"named":       {"ocf", "heartbeat", "named", map[string]string{"config_file": "named_config", "named_working_dir": "named_rootdir"}},
	"tomcat-5":    {"ocf", "heartbeat", "tomcat", map[string]string{"catalina_home": "catalina_home"}},
	"tomcat-6":    {"ocf", "heartbeat", "tomcat", map[string]string{"catalina_home": "catalina_home"}},
	"tomcat-7":    {"ocf", "heartbeat", "tomcat", map[string]string{"catalina_home": "catalina_home"}},
	"samba":       {"lsb", "", "smb", map[string]string{}},
	"smb":         {"lsb", "", "smb", map[string]string{}},
	"SAPInstance": {"ocf", "heartbeat", "SAPInstance", nil},
	"SAPDatabase": {"ocf", "heartbeat", "SAPDatabase", nil},
}

// genericAttrs are attributes every resource may carry; they are handled
// (or reported) apart from the agent parameters.
var genericAttrs = map[string]bool{"name": true, "ref": true}

// rgCtx is what nested resources inherit from their parents.
type rgCtx struct {
	mountpoint string
	svc        string
}

type rgItem struct {
	prim  *model.Primitive
	clone *model.Clone
}

func (cv *cmanConv) defKey(typ, primary string) string { return typ + "\x00" + primary }

// resolve merges a ref= element with its definition in <resources>.
func (cv *cmanConv) resolve(r *model.RGResource, types ...string) *model.RGResource {
	if r.Ref == "" {
		return r
	}
	if len(types) == 0 {
		types = []string{r.Type}
	}
	var def *model.RGResource
	for _, t := range types {
		if d, ok := cv.defs[cv.defKey(t, r.Ref)]; ok {
			def = d
			break
		}
	}
	if def == nil {
		cv.diags.Errorf(r.Range, cmanUnresolved, "<%s ref=%q> names no resource defined in <resources>; left out", r.Type, r.Ref)
		return nil
	}
	cv.usedDefs[def] = true
	m := &model.RGResource{Base: model.Base{Range: r.Range}, Type: def.Type, Vendor: def.Vendor}
	for _, o := range def.Attrs {
		m.Attrs = append(m.Attrs, o)
	}
	for _, o := range r.Attrs {
		if o.Name == "ref" {
			continue
		}
		replaced := false
		for i, x := range m.Attrs {
			if x.Name == o.Name {
				m.Attrs[i], replaced = o, true
			}
		}
		if !replaced {
			m.Attrs = append(m.Attrs, o)
		}
	}
	m.Children = append(append([]*model.RGResource(nil), def.Children...), r.Children...)
	return m
}

func (cv *cmanConv) resources() {
	rm := cv.cm.RM
	if rm == nil {
		return
	}
	for _, o := range rm.Attrs {
		if o.Name == "disabled" {
			if v, _ := strconv.Atoi(o.Value); v != 0 {
				cv.clusterOption(o.Range, "stop-all-resources", "true")
				cv.diags.Infof(o.Range, cmanApprox, "rm disabled=1 becomes stop-all-resources=true")
			}
			continue
		}
		cv.diags.Infof(o.Range, cmanNoEquiv, "rm %s=%q (rgmanager tuning) is not carried over", o.Name, o.Value)
	}
	for _, e := range rm.Other {
		cv.diags.Warnf(e.Range, cmanNoEquiv, "<%s> (rgmanager %s) is not carried over", e.Element, e.Element)
	}
	for _, r := range rm.Resources {
		k := cv.defKey(r.Type, r.Primary())
		if _, dup := cv.defs[k]; dup {
			cv.diags.Warnf(r.Range, cmanUnresolved, "<%s> %q is defined twice in <resources>; the first definition is used", r.Type, r.Primary())
			continue
		}
		cv.defs[k] = r
	}
	domains := map[string]*model.FailoverDomain{}
	for _, d := range rm.FailoverDomains {
		domains[strings.ToLower(d.Name)] = d
	}
	type svcInfo struct {
		id  string
		res *model.RGResource
	}
	var svcs []svcInfo
	for _, s := range rm.Services {
		if s.Vendor {
			cv.vendor(s)
			continue
		}
		var id string
		var res *model.RGResource
		switch s.Type {
		case "service":
			res = cv.resolve(s, "service", "group")
			if res != nil {
				id = cv.service(res)
			}
		case "vm":
			res = cv.resolve(s, "vm")
			if res != nil {
				id = cv.vm(res)
			}
		default:
			cv.diags.Warnf(s.Range, cmanNotMapped, "<%s> directly inside <rm> is no service; not converted (put it in a <service>)", s.Type)
		}
		if id != "" {
			svcs = append(svcs, svcInfo{id, res})
			cv.serviceIDs[strings.ToLower(res.Primary())] = id
		}
	}
	for _, s := range svcs {
		cv.serviceConstraints(s.id, s.res, domains)
	}
	// exclusive → anti-colocation with every other service.
	done := map[[2]string]bool{}
	for _, s := range svcs {
		o, ok := s.res.Attrs.Get("exclusive")
		if !ok || !rgExclusive(o.Value) {
			continue
		}
		for _, t := range svcs {
			if t.id == s.id || done[[2]string{t.id, s.id}] {
				continue
			}
			done[[2]string{s.id, t.id}] = true
			cv.cfg.Constraints = append(cv.cfg.Constraints, &model.Colocation{Base: model.Base{Range: o.Range},
				ID: cv.id("col", s.id, "excl", t.id), Rsc: s.id, WithRsc: t.id, Score: "-INFINITY"})
		}
		cv.diags.Infof(o.Range, cmanApprox, "exclusive service %q becomes -INFINITY colocations with every other service (rgmanager also kept it off nodes running resources it does not manage)", s.res.Primary())
	}
	for _, r := range rm.Resources {
		if !cv.usedDefs[r] {
			cv.diags.Infof(r.Range, cmanNoEquiv, "<%s> %q in <resources> is never referenced (rgmanager does not run it either); not converted", r.Type, r.Primary())
		}
	}
	for _, d := range rm.FailoverDomains {
		for _, u := range d.Unknown {
			cv.diags.Warnf(u.Range, cmanNoEquiv, "element in failover domain %q is not carried over", d.Name)
		}
	}
}

func rgExclusive(v string) bool {
	if v == "yes" {
		return true
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return err == nil && n > 0
}

// rgAutostart reads autostart as rgmanager does: disabled when "no" or
// when atoi() is 0 (so "yes" disables).
func rgAutostart(v string, given bool) bool {
	if !given {
		return true
	}
	if v == "no" {
		return false
	}
	n := 0
	t := strings.TrimSpace(v)
	for i := 0; i < len(t) && (t[i] >= '0' && t[i] <= '9' || i == 0 && t[i] == '-'); i++ {
		n2, err := strconv.Atoi(t[:i+1])
		if err == nil {
			n = n2
		}
	}
	return n != 0
}

// rgTime reads an rgmanager time: integers with optional s/m/h/d/w/y
// suffixes, concatenable ("1h30m"); plain numbers are seconds.
func rgTime(v string) (int, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return 0, false
	}
	total, num, digits := 0, 0, false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			num = num*10 + int(c-'0')
			digits = true
		default:
			mult := map[rune]int{'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800, 'y': 31536000}[c]
			if mult == 0 || !digits {
				return 0, false
			}
			total += num * mult
			num, digits = 0, false
		}
	}
	return total + num, true
}

func (cv *cmanConv) vendor(s *model.RGResource) {
	desc := s.Type
	if v := s.Attr("vmid"); v != "" {
		desc += " vmid=" + v
	}
	hint := "recreate it by hand"
	if s.Type == "pvevm" || s.Type == "pvect" {
		hint = "Proxmox VE 4+ manages guests with its own HA manager (ha-manager add vm:" + s.Attr("vmid") + "); or model it as ocf:heartbeat:VirtualDomain"
	}
	cv.diags.Warnf(s.Range, cmanNotMapped, "<%s> (%s) is a vendor extension with no Pacemaker counterpart; not converted: %s", s.Type, desc, hint)
}

// service converts a <service> into a group (or a lone clone) and returns
// its id, or "" when nothing could be converted.
func (cv *cmanConv) service(s *model.RGResource) string {
	name := s.Primary()
	items := cv.flatten(s.Children, rgCtx{svc: name})
	var members []*model.Primitive
	var clones []*model.Clone
	for _, it := range items {
		if it.prim != nil {
			members = append(members, it.prim)
		} else {
			clones = append(clones, it.clone)
		}
	}
	if len(members) == 0 && len(clones) == 0 {
		cv.diags.Warnf(s.Range, cmanNotMapped, "service %q has no resource that could be converted; not converted", name)
		return ""
	}
	id := ""
	if len(members) > 0 {
		g := &model.Group{Members: members}
		g.ID, g.Range = cv.id(name), s.Range
		cv.serviceMeta(s, &g.ResourceCommon)
		cv.cfg.Resources = append(cv.cfg.Resources, g)
		id = g.ID
	}
	for _, c := range clones {
		cv.cfg.Resources = append(cv.cfg.Resources, c)
		if id == "" {
			id = c.ID
			cv.serviceMeta(s, &c.ResourceCommon)
			continue
		}
		cv.cfg.Constraints = append(cv.cfg.Constraints,
			&model.Order{Base: model.Base{Range: c.Range}, ID: cv.id("order", c.ID, id), First: c.ID, Then: id, Kind: "Mandatory"},
			&model.Colocation{Base: model.Base{Range: c.Range}, ID: cv.id("col", id, c.ID), Rsc: id, WithRsc: c.ID, Score: "INFINITY"})
	}
	return id
}

func (cv *cmanConv) vm(s *model.RGResource) string {
	name := s.Primary()
	p := &model.Primitive{Class: "ocf", Provider: "heartbeat", Type: "VirtualDomain"}
	p.ID, p.Range = cv.id(name), s.Range
	ia := nv("instance_attributes", p.ID+"-instance_attributes")
	var unmapped []string
	config := ""
	for _, o := range s.Attrs {
		switch o.Name {
		case "name", "domain", "autostart", "exclusive", "recovery", "max_restarts", "restart_expire_time", "depend", "depend_mode":
		case "xmlfile":
			config = o.Value
		case "path":
			if config == "" {
				dir := strings.Split(o.Value, ":")[0]
				config = path.Join(dir, name+".xml")
			}
		case "hypervisor_uri":
			ia.Pairs = append(ia.Pairs, pair(o.Range, "hypervisor", o.Value))
		case "migration_uri":
			ia.Pairs = append(ia.Pairs, pair(o.Range, "migrateuri", o.Value))
		case "migrate", "use_virsh", "hypervisor":
		default:
			unmapped = append(unmapped, o.Name+"="+strconv.Quote(optValue(o)))
		}
	}
	if config == "" {
		config = "/etc/libvirt/qemu/" + name + ".xml"
		cv.diags.Infof(s.Range, cmanApprox, "vm %q names no xmlfile or path; VirtualDomain config=%s is assumed", name, config)
	}
	ia.Pairs = append([]*model.NVPair{pair(s.Range, "config", config)}, ia.Pairs...)
	p.InstanceAttrs = append(p.InstanceAttrs, ia)
	if mig := s.Attr("migrate"); mig == "" || mig == "live" {
		p.MetaAttrs = append(p.MetaAttrs, nv("meta_attributes", p.ID+"-meta_attributes", pair(s.Range, "allow-migrate", "true")))
	}
	p.Operations = &model.Operations{Ops: []*model.Op{{Name: "monitor", Interval: "30s"}}}
	if len(unmapped) > 0 {
		cv.diags.Infof(s.Range, cmanNoEquiv, "vm %q: %s not carried over", name, strings.Join(unmapped, ", "))
	}
	for _, c := range s.Children {
		cv.diags.Warnf(c.Range, cmanNotMapped, "<%s> inside vm %q is not converted", c.Type, name)
	}
	cv.serviceMeta(s, &p.ResourceCommon)
	cv.cfg.Resources = append(cv.cfg.Resources, p)
	return p.ID
}

// flatten turns a resource tree into rgmanager's start order: children by
// start level (typed first, untyped after in document order), each parent
// before its own children.
func (cv *cmanConv) flatten(children []*model.RGResource, ctx rgCtx) []rgItem {
	type kid struct {
		r     *model.RGResource
		level int
		idx   int
	}
	var ks []kid
	for i, c := range children {
		if c.Type == "action" {
			continue // handled by the parent
		}
		r := cv.resolve(c)
		if r == nil {
			continue
		}
		lvl, ok := startLevel[r.Type]
		if !ok {
			lvl = 100
		}
		ks = append(ks, kid{r, lvl, i})
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].level < ks[j].level })
	var out []rgItem
	for _, k := range ks {
		r := k.r
		sub := ctx
		if r.Type == "fs" || r.Type == "clusterfs" || r.Type == "netfs" {
			if mp := r.Attr("mountpoint"); mp != "" {
				sub.mountpoint = mp
			}
		}
		if r.Type == "nfsexport" {
			if p := r.Attr("path"); p != "" {
				sub.mountpoint = p
			}
		}
		if it, ok := cv.primitive(r, ctx); ok {
			out = append(out, it)
		}
		out = append(out, cv.flatten(r.Children, sub)...)
	}
	return out
}

// primitive maps one rgmanager resource onto a Pacemaker resource.
func (cv *cmanConv) primitive(r *model.RGResource, ctx rgCtx) (rgItem, bool) {
	if r.Vendor {
		cv.vendor(r)
		return rgItem{}, false
	}
	primary := r.Primary()
	p := &model.Primitive{}
	p.Range = r.Range
	ia := &model.NVSet{Kind: "instance_attributes"}
	consumed := map[string]bool{}
	add := func(name, value string, from string) {
		ia.Pairs = append(ia.Pairs, pair(r.Range, name, value))
		if from != "" {
			consumed[from] = true
		}
	}
	cloned := false
	switch r.Type {
	case "ip":
		p.Class, p.Provider, p.Type = "ocf", "heartbeat", "IPaddr2"
		addr := r.Attr("address")
		ip, mask, _ := strings.Cut(addr, "/")
		add("ip", ip, "address")
		if mask != "" {
			add("cidr_netmask", mask, "")
		}
	case "script":
		file := r.Attr("file")
		p.Class, p.Type = "lsb", path.Base(file)
		consumed["file"] = true
		if file == "" {
			cv.diags.Errorf(r.Range, cmanUnresolved, "script %q has no file; not converted", primary)
			return rgItem{}, false
		}
		if !strings.HasPrefix(file, "/etc/init.d/") && !strings.HasPrefix(file, "/etc/rc.d/init.d/") {
			cv.diags.Infof(r.Range, cmanApprox, "script %q runs %s; it becomes lsb:%s, which Pacemaker looks up in /etc/init.d", primary, file, p.Type)
		}
	case "netfs":
		p.Class, p.Provider, p.Type = "ocf", "heartbeat", "Filesystem"
		add("device", r.Attr("host")+":"+r.Attr("export"), "host")
		consumed["export"] = true
		if mp := r.Attr("mountpoint"); mp != "" {
			add("directory", mp, "mountpoint")
		}
		fstype := r.Attr("fstype")
		if fstype == "" {
			fstype = "nfs"
		}
		add("fstype", fstype, "fstype")
		if o := r.Attr("options"); o != "" {
			add("options", o, "options")
		}
	case "nfsserver":
		p.Class, p.Provider, p.Type = "ocf", "heartbeat", "nfsserver"
		if ctx.mountpoint != "" {
			add("nfs_shared_infodir", path.Join(ctx.mountpoint, ".nfsinfo"), "")
			cv.diags.Infof(r.Range, cmanApprox, "nfsserver %q keeps its state in %s (nfs_shared_infodir on the parent file system)", primary, path.Join(ctx.mountpoint, ".nfsinfo"))
		}
	case "vm":
		p.Class, p.Provider, p.Type = "ocf", "heartbeat", "VirtualDomain"
		config := r.Attr("xmlfile")
		consumed["xmlfile"], consumed["path"], consumed["migrate"] = true, true, true
		if config == "" && r.Attr("path") != "" {
			config = path.Join(strings.Split(r.Attr("path"), ":")[0], primary+".xml")
		}
		if config == "" {
			config = "/etc/libvirt/qemu/" + primary + ".xml"
			cv.diags.Infof(r.Range, cmanApprox, "vm %q names no xmlfile or path; VirtualDomain config=%s is assumed", primary, config)
		}
		add("config", config, "")
		if u := r.Attr("hypervisor_uri"); u != "" {
			add("hypervisor", u, "hypervisor_uri")
		}
	case "nfsexport":
		cv.diags.Infof(r.Range, cmanApprox, "nfsexport %q has no resource of its own: its nfsclients become ocf:heartbeat:exportfs resources", primary)
		return rgItem{}, false
	case "nfsclient":
		p.Class, p.Provider, p.Type = "ocf", "heartbeat", "exportfs"
		add("clientspec", r.Attr("target"), "target")
		dir := ctx.mountpoint
		if v := r.Attr("path"); v != "" {
			dir = v
			consumed["path"] = true
		}
		if dir == "" {
			cv.diags.Warnf(r.Range, cmanApprox, "nfsclient %q inherits no export path (no parent fs or nfsexport path); directory must be set by hand", primary)
			dir = "/"
		}
		add("directory", dir, "")
		if o := r.Attr("options"); o != "" {
			add("options", o, "options")
		}
		cv.fsid++
		fsid := r.Attr("fsid")
		if fsid == "" {
			fsid = strconv.Itoa(cv.fsid)
			cv.diags.Infof(r.Range, cmanApprox, "nfsclient %q: exportfs needs an fsid; %s is assigned", primary, fsid)
		}
		add("fsid", fsid, "fsid")
	default:
		a, ok := rgAgents[r.Type]
		if !ok {
			cv.diags.Warnf(r.Range, cmanNotMapped, "<%s> %q has no Pacemaker agent hakit maps it to; not converted", r.Type, primary)
			return rgItem{}, false
		}
		p.Class, p.Provider, p.Type = a.class, a.provider, a.typ
		for _, o := range r.Attrs {
			if a.params == nil {
				if !genericAttrs[o.Name] && !strings.HasPrefix(o.Name, "__") {
					add(o.Name, optValue(o), o.Name)
				}
				continue
			}
			if to, ok := a.params[o.Name]; ok {
				add(to, optValue(o), o.Name)
			}
		}
		switch r.Type {
		case "lvm":
			add("vg_access_mode", "system_id", "")
			cv.diags.Infof(r.Range, cmanApprox, "lvm %q becomes ocf:heartbeat:LVM-activate with vg_access_mode=system_id; HA-LVM tagging (volume_list) is replaced by system IDs", primary)
		case "clusterfs":
			cloned = true
		}
	}
	for _, o := range r.Attrs {
		if consumed[o.Name] || genericAttrs[o.Name] {
			continue
		}
		if strings.HasPrefix(o.Name, "__") {
			cv.diags.Infof(o.Range, cmanApprox, "%s %q: %s=%q has no exact Pacemaker counterpart (closest: per-resource on-fail/migration-threshold); not carried over", r.Type, primary, o.Name, o.Value)
			continue
		}
		cv.diags.Infof(o.Range, cmanNoEquiv, "%s %q: %s=%q is not carried over", r.Type, primary, o.Name, optValue(o))
	}
	p.ID = cv.id(ctx.svc, r.Type, primary)
	ia.ID = p.ID + "-instance_attributes"
	if len(ia.Pairs) > 0 {
		p.InstanceAttrs = append(p.InstanceAttrs, ia)
	}
	ops := &model.Operations{}
	monitor := &model.Op{Name: "monitor", Interval: "30s"}
	ops.Ops = append(ops.Ops, monitor)
	for _, c := range r.Children {
		if c.Type != "action" {
			continue
		}
		name := c.Attr("name")
		iv, _ := rgTime(c.Attr("interval"))
		to, hasTO := rgTime(c.Attr("timeout"))
		switch name {
		case "status", "monitor":
			if iv > 0 {
				monitor.Interval = strconv.Itoa(iv) + "s"
			}
			if hasTO {
				monitor.Timeout = strconv.Itoa(to) + "s"
			}
		case "start", "stop":
			if hasTO {
				ops.Ops = append(ops.Ops, &model.Op{Base: model.Base{Range: c.Range}, Name: name, Interval: "0s", Timeout: strconv.Itoa(to) + "s"})
			}
		default:
			cv.diags.Infof(c.Range, cmanNoEquiv, "<action name=%q> of %s %q is not carried over", name, r.Type, primary)
		}
	}
	p.Operations = ops
	if cloned {
		c := &model.Clone{Element: "clone", Child: p}
		c.ID, c.Range = cv.id(p.ID, "clone"), r.Range
		c.MetaAttrs = append(c.MetaAttrs, nv("meta_attributes", c.ID+"-meta_attributes", pair(r.Range, "interleave", "true")))
		cv.diags.Infof(r.Range, cmanApprox, "clusterfs %q becomes the cloned Filesystem %s, ordered before and colocated with its service (GFS2 also needs the dlm: a cloned ocf:pacemaker:controld)", primary, c.ID)
		return rgItem{clone: c}, true
	}
	return rgItem{prim: p}, true
}

// serviceMeta carries a service's or vm's policy onto its resource.
func (cv *cmanConv) serviceMeta(s *model.RGResource, rc *model.ResourceCommon) {
	name := s.Primary()
	var set *model.NVSet
	meta := func(r model.Range, k, v string) {
		if set == nil {
			for _, m := range rc.MetaAttrs {
				set = m
			}
			if set == nil {
				set = nv("meta_attributes", rc.ID+"-meta_attributes")
				rc.MetaAttrs = append(rc.MetaAttrs, set)
			}
		}
		set.Pairs = append(set.Pairs, pair(r, k, v))
	}
	auto, autoGiven := s.Attrs.Get("autostart")
	autoV := ""
	if autoGiven {
		autoV = auto.Value
	}
	if !rgAutostart(autoV, autoGiven) {
		meta(auto.Range, "target-role", "Stopped")
		cv.diags.Infof(auto.Range, cmanApprox, "%s %q starts disabled (autostart=%q): target-role=Stopped", s.Type, name, autoV)
	}
	recovery := strings.ToLower(s.Attr("recovery"))
	maxRestarts, _ := strconv.Atoi(strings.TrimSpace(s.Attr("max_restarts")))
	expire, hasExpire := rgTime(s.Attr("restart_expire_time"))
	rr := s.Range
	if o, ok := s.Attrs.Get("recovery"); ok {
		rr = o.Range
	}
	switch {
	case recovery == "relocate":
		meta(rr, "migration-threshold", "1")
	case strings.Contains(recovery, "disable"):
		th := 1
		if recovery == "restart-disable" && maxRestarts > 0 {
			th = maxRestarts + 1
		}
		meta(rr, "migration-threshold", strconv.Itoa(th))
		cv.diags.Infof(rr, cmanApprox, "%s %q recovery=%q: Pacemaker relocates after %d failure(s) instead of disabling the service", s.Type, name, recovery, th)
	case maxRestarts > 0:
		meta(rr, "migration-threshold", strconv.Itoa(maxRestarts+1))
	}
	if hasExpire && expire > 0 {
		o, _ := s.Attrs.Get("restart_expire_time")
		meta(o.Range, "failure-timeout", strconv.Itoa(expire)+"s")
	}
	if recovery == "relocate" && maxRestarts > 0 {
		o, _ := s.Attrs.Get("max_restarts")
		cv.diags.Infof(o.Range, cmanApprox, "%s %q: max_restarts has no effect with recovery=relocate; migration-threshold=1", s.Type, name)
	}
	for _, o := range s.Attrs {
		switch o.Name {
		case "name", "ref", "autostart", "recovery", "max_restarts", "restart_expire_time", "domain", "exclusive", "depend", "depend_mode":
		case "xmlfile", "path", "hypervisor_uri", "migration_uri", "migrate", "use_virsh", "hypervisor":
			if s.Type != "vm" {
				cv.diags.Infof(o.Range, cmanNoEquiv, "%s %q: %s=%q is not carried over", s.Type, name, o.Name, o.Value)
			}
		default:
			if s.Type == "vm" {
				continue // reported by vm()
			}
			cv.diags.Infof(o.Range, cmanNoEquiv, "%s %q: %s=%q is not carried over", s.Type, name, o.Name, o.Value)
		}
	}
}

// serviceConstraints turns the failover domain and depend= into constraints.
func (cv *cmanConv) serviceConstraints(id string, s *model.RGResource, domains map[string]*model.FailoverDomain) {
	name := s.Primary()
	if o, ok := s.Attrs.Get("domain"); ok && o.Value != "" {
		d := domains[strings.ToLower(o.Value)]
		if d == nil {
			cv.diags.Errorf(o.Range, cmanUnresolved, "%s %q names failover domain %q, which is not defined; no location constraint", s.Type, name, o.Value)
		} else {
			cv.domain(id, s, d)
		}
	}
	if o, ok := s.Attrs.Get("depend"); ok && o.Value != "" {
		target := strings.TrimPrefix(o.Value, "service:")
		tid, ok := cv.serviceIDs[strings.ToLower(target)]
		if !ok {
			cv.diags.Errorf(o.Range, cmanUnresolved, "%s %q depends on %q, which was not converted; no constraint", s.Type, name, o.Value)
			return
		}
		soft := strings.EqualFold(s.Attr("depend_mode"), "soft")
		kind := "Mandatory"
		if soft {
			kind = "Optional"
		}
		cv.cfg.Constraints = append(cv.cfg.Constraints, &model.Order{Base: model.Base{Range: o.Range}, ID: cv.id("order", tid, id), First: tid, Then: id, Kind: kind})
		if !soft {
			cv.cfg.Constraints = append(cv.cfg.Constraints, &model.Colocation{Base: model.Base{Range: o.Range}, ID: cv.id("col", id, tid), Rsc: id, WithRsc: tid, Score: "INFINITY"})
		}
		cv.diags.Infof(o.Range, cmanApprox, "%s %q depend=%q becomes an order constraint (kind %s)%s", s.Type, name, o.Value, kind, map[bool]string{false: " and a colocation", true: ""}[soft])
	}
}

// domain writes location constraints reproducing a failover domain:
// ordered priority P → score (101−P)·100, unordered members 10000,
// restricted → -INFINITY on every other node, nofailback → stickiness.
func (cv *cmanConv) domain(id string, s *model.RGResource, d *model.FailoverDomain) {
	nodes := map[string]string{}
	for _, n := range cv.in.Nodes {
		nodes[strings.ToLower(n.Name)] = n.Name
	}
	members := map[string]bool{}
	for _, m := range d.Nodes {
		node, ok := nodes[strings.ToLower(m.Name)]
		if !ok {
			cv.diags.Warnf(m.Range, cmanUnresolved, "failover domain %q member %q is not a cluster node; left out", d.Name, m.Name)
			continue
		}
		members[strings.ToLower(node)] = true
		score := "10000"
		if d.Ordered {
			p := m.Priority
			if p < 1 || p > 100 {
				p = 100
			}
			score = strconv.Itoa((101 - p) * 100)
		}
		cv.cfg.Constraints = append(cv.cfg.Constraints, &model.Location{Base: model.Base{Range: m.Range},
			ID: cv.id("loc", id, node), Rsc: id, Node: node, Score: score})
	}
	if d.Restricted {
		for _, n := range cv.in.Nodes {
			if members[strings.ToLower(n.Name)] || n.Name == "" {
				continue
			}
			cv.cfg.Constraints = append(cv.cfg.Constraints, &model.Location{Base: model.Base{Range: d.Range},
				ID: cv.id("loc", id, "not", n.Name), Rsc: id, Node: n.Name, Score: "-INFINITY"})
		}
	}
	if d.NoFailback {
		var rc *model.ResourceCommon
		for _, r := range cv.cfg.Resources {
			if r.ResourceID() == id {
				rc = model.CommonOf(r)
			}
		}
		if rc != nil {
			if len(rc.MetaAttrs) == 0 {
				rc.MetaAttrs = append(rc.MetaAttrs, nv("meta_attributes", id+"-meta_attributes"))
			}
			rc.MetaAttrs[0].Pairs = append(rc.MetaAttrs[0].Pairs, pair(d.Range, "resource-stickiness", "INFINITY"))
			cv.diags.Infof(d.Range, cmanApprox, "nofailback in failover domain %q becomes resource-stickiness=INFINITY on %s (it then also stays on a node outside an unrestricted domain)", d.Name, id)
		}
	}
}
