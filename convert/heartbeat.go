package convert

// The heartbeat converter: ha.cf + authkeys (+ haresources, a hosts file, a
// heartbeat v2 CIB) → corosync 3 (knet) + Pacemaker. Every ha.cf directive
// is either mapped or reported (HA59xx, see verify/heartbeat.go).

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"

	"hakit/internal/lazyre"
	"hakit/model"
)

func init() { Register("heartbeat", convertHeartbeat) }

// Codes of the heartbeat converter's report.
const (
	hbMapped      = "HA5901"
	hbDropped     = "HA5902"
	hbNotNeeded   = "HA5903"
	hbNoAddr      = "HA5904"
	hbNewKey      = "HA5905"
	hbGuessed     = "HA5906"
	hbHaresIgnore = "HA5907"
	hbNoFencing   = "HA5908"
)

type hbConv struct {
	in   *model.Cluster
	hb   *model.Heartbeat
	opts Options
	out  *model.Cluster
	m    *model.Membership
	cfg  *model.Configuration
	ds   model.Diagnostics
	// crm is the crm/pacemaker directive when it turns the CRM on.
	crm    *model.Option
	haCfAt model.Range
	ids    map[string]bool
	// top are the top-level resources made from haresources (for the ping
	// location rules).
	top []model.Resource
	// linkNo maps each heartbeat network medium to its knet link.
	linkNo map[*model.Link]int
}

func convertHeartbeat(c *model.Cluster, opts Options) (*model.Cluster, model.Diagnostics) {
	in := c.Membership
	cv := &hbConv{in: c, hb: in.Heartbeat, opts: opts, ids: map[string]bool{}, linkNo: map[*model.Link]int{}}
	if cv.hb == nil {
		cv.hb = &model.Heartbeat{}
	}
	cv.haCfAt = startRange(in.Range)
	if cv.hb.ConfigFile != "" {
		cv.haCfAt = startRange(cv.hb.Range)
	}
	transport := opts.Transport
	if transport == "" {
		transport = "knet"
	}
	cv.m = &model.Membership{Origin: "corosync", Version: "3", Transport: transport,
		ClusterName: in.ClusterName, Corosync: &model.Corosync{TotemVersion: "2"}}
	cv.m.Range = in.Range
	if cv.m.ClusterName == "" {
		cv.m.ClusterName = "linux-ha" // heartbeat's default cluster name
	}
	cv.out = &model.Cluster{Sources: c.Sources, CIB: c.CIB, Membership: cv.m}
	for _, o := range cv.hb.Directives {
		if o.Name == "crm" || o.Name == "pacemaker" {
			if v := lastField(o.Value); !isOff(v) {
				cv.crm = o
			} else {
				cv.crm = nil
			}
		}
	}
	if c.Config != nil {
		cp := *c.Config
		cp.Resources = append([]model.Resource(nil), cp.Resources...)
		cp.Constraints = append([]model.Constraint(nil), cp.Constraints...)
		cp.RscDefaults = append([]*model.NVSet(nil), cp.RscDefaults...)
		cv.cfg = &cp
		collectIDs(cv.cfg, cv.ids)
		if c.Status != nil {
			cv.ds.Infof(startRange(c.Status.Range), hbMapped, "the CIB's status section is not carried over: node ids change with corosync 3, and Pacemaker rebuilds the status")
		}
	} else {
		cv.cfg = &model.Configuration{}
	}
	cv.out.Config = cv.cfg

	cv.lostParts()
	cv.nodesAndLinks()
	cv.directives()
	cv.crypto()
	cv.quorum()
	cv.cibCarryOver()
	cv.haresources()
	cv.ping()
	cv.failback()
	cv.fencing()
	cv.ds.Sort()
	return cv.out, cv.ds
}

// fencing reports a converted configuration whose resources Pacemaker will
// not start: heartbeat v1 ran resources without fencing, but Pacemaker's
// stonith-enabled is true by default, and with no fence device it starts
// nothing (crm_simulate and crm_verify agree). The converter does not turn
// fencing off for the user: that is a decision about data safety.
func (cv *hbConv) fencing() {
	if v, ok := cv.cfg.ClusterOption("stonith-enabled"); ok && isOff(v) {
		return
	}
	resources, devices := 0, 0
	model.Primitives(cv.cfg.Resources, func(p *model.Primitive) {
		resources++
		if p.Class == "stonith" {
			devices++
		}
	})
	if resources == 0 || devices > 0 {
		return
	}
	at := cv.haCfAt
	if hr := cv.hb.Haresources; hr != nil && len(hr.Lines) > 0 && cv.crm == nil {
		at = startRange(hr.Lines[0].Range)
	}
	cv.ds.Warnf(at, hbNoFencing, "no fence device: heartbeat ran these resources without fencing, but Pacemaker (stonith-enabled=true by default) starts none of them until a fence device is configured; add one (pcs stonith create / crm configure primitive ... stonith:...), or set stonith-enabled=false knowing a split brain can then run them twice")
}

// lostParts reports heartbeat files among the sources whose content did not
// reach the converter (a merge that kept only one file's heartbeat block),
// so nothing is dropped silently.
func (cv *hbConv) lostParts() {
	for _, src := range cv.in.Sources {
		base := src[strings.LastIndexAny(src, "/\\")+1:]
		var lost bool
		switch {
		case base == "haresources" || strings.HasPrefix(base, "haresources."):
			lost = cv.hb.Haresources == nil
		case base == "hosts":
			lost = cv.hb.Hosts == nil
		}
		if lost {
			r := model.Range{Filename: src, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 1}}
			cv.ds.Errorf(r, hbDropped, "%s was read but its content did not reach the converter (the clusters were merged without model.MergeHeartbeat); it is not converted", src)
		}
	}
}

// ParseNodeAddrs reads --node-addr flags, "name=addr[,addr...]" (one address
// per knet link), into Options.NodeAddrs. A flag may repeat a name to add the
// next link's address.
func ParseNodeAddrs(flags []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, f := range flags {
		name, addrs, ok := strings.Cut(f, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.TrimSpace(addrs) == "" {
			return nil, fmt.Errorf("--node-addr %q: want NAME=ADDR[,ADDR...] (one address per link)", f)
		}
		for _, a := range strings.Split(addrs, ",") {
			a = strings.TrimSpace(a)
			if net.ParseIP(a) == nil && !isHostname(a) {
				return nil, fmt.Errorf("--node-addr %q: %q is neither an IP address nor a host name", f, a)
			}
			out[name] = append(out[name], a)
		}
	}
	return out, nil
}

var hostnameRE = lazyre.New(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

func isHostname(s string) bool { return len(s) <= 253 && hostnameRE().MatchString(s) }

func startRange(r model.Range) model.Range {
	r.End = r.Start
	return r
}

func lastField(v string) string {
	f := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

func isOff(v string) bool {
	switch strings.ToLower(v) {
	case "false", "off", "no", "n", "0", "":
		return true
	}
	return false
}

// hbMillis returns a parsed heartbeat time when it is valid.
func hbMillis(t *model.HeartbeatTime) (int64, bool) {
	if t == nil || t.Millis <= 0 {
		return 0, false
	}
	return t.Millis, true
}

// ---- nodes and links ----

type hbLink struct {
	link   *model.Link
	media  []*model.Link // the heartbeat media folded into it
	iface  string
	peers  []string
	medium string
}

func (cv *hbConv) nodesAndLinks() {
	in := cv.in.Membership
	seen := map[string]bool{}
	var names []string
	for _, n := range in.Nodes {
		name := strings.ToLower(n.Name)
		if seen[name] {
			continue
		}
		seen[name] = true
		mn := &model.MemberNode{Name: name, NodeID: uint32(len(cv.m.Nodes) + 1)}
		mn.Range = n.Range
		cv.m.Nodes = append(cv.m.Nodes, mn)
		names = append(names, name)
	}
	if len(cv.m.Nodes) == 0 {
		cv.ds.Errorf(cv.haCfAt, hbNoAddr, "no node lines: corosync 3 needs a nodelist; add the nodes to ha.cf (node NAME ...)")
	}

	// One knet link per interface of the network media, in order.
	var links []*hbLink
	byIface := map[string]*hbLink{}
	for _, l := range in.Links {
		switch l.Medium {
		case "bcast", "mcast", "mcast6", "ucast", "ucast6":
		default:
			continue
		}
		hl := byIface[l.Interface]
		if hl == nil {
			if len(links) == 8 {
				cv.ds.Warnf(l.Range, hbDropped, "%s %s: corosync 3 has at most 8 knet links; this medium is not carried over", l.Medium, l.Interface)
				continue
			}
			hl = &hbLink{iface: l.Interface, medium: l.Medium}
			hl.link = &model.Link{Number: len(links)}
			hl.link.Range = l.Range
			byIface[l.Interface] = hl
			links = append(links, hl)
		}
		hl.media = append(hl.media, l)
		cv.linkNo[l] = hl.link.Number
		if p := l.Options.Value("peer"); p != "" {
			hl.peers = append(hl.peers, strings.SplitN(p, "%", 2)[0])
		}
	}
	// Links the user gave addresses for beyond the media (e.g. only serial).
	maxAddrs := 0
	for _, a := range cv.opts.NodeAddrs {
		maxAddrs = max(maxAddrs, len(a))
	}
	for len(links) < maxAddrs && len(links) < 8 {
		hl := &hbLink{}
		hl.link = &model.Link{Number: len(links)}
		hl.link.Range = cv.haCfAt
		links = append(links, hl)
	}
	if len(links) == 0 {
		cv.ds.Errorf(cv.haCfAt, hbNoAddr, "ha.cf has no network medium (bcast, mcast, ucast) to turn into a knet link: give each node's address with --node-addr NAME=ADDR")
	}
	if cv.m.Transport != "knet" && len(links) > 1 {
		for _, hl := range links[1:] {
			cv.ds.Warnf(startRange(hl.link.Range), hbDropped, "transport %s has a single link: the medium on %s (knet link %d) is not carried over; use knet for several links", cv.m.Transport, hl.iface, hl.link.Number)
			for _, l := range hl.media {
				delete(cv.linkNo, l)
			}
		}
		links = links[:1]
	}
	for _, hl := range links {
		cv.m.Links = append(cv.m.Links, hl.link)
	}

	// --node-addr names that are no node.
	var given []string
	for n := range cv.opts.NodeAddrs {
		given = append(given, n)
	}
	sort.Strings(given)
	for _, n := range given {
		if !seen[strings.ToLower(n)] {
			cv.ds.Warnf(cv.haCfAt, hbNoAddr, "--node-addr names %s, which is not a node of ha.cf (nodes: %s)", n, strings.Join(names, ", "))
		}
	}

	hosts := cv.hb.Hosts
	for _, hl := range links {
		var missing []string
		for _, n := range cv.m.Nodes {
			addr, from := cv.nodeAddr(n.Name, hl, hosts)
			if addr == "" {
				missing = append(missing, n.Name)
				continue
			}
			a := &model.NodeAddr{Link: hl.link.Number, Addr: addr}
			a.Range = from
			n.Addrs = append(n.Addrs, a)
		}
		if len(missing) == 0 {
			continue
		}
		what := "the link"
		why := ""
		if len(hl.media) > 0 {
			what = fmt.Sprintf("%s %s", hl.medium, hl.iface)
			switch hl.medium {
			case "bcast", "mcast", "mcast6":
				why = fmt.Sprintf(" (%s names only the interface)", hl.medium)
			default:
				why = fmt.Sprintf(" (ucast peers on %s: %s; ha.cf does not say which node owns which)", hl.iface, strings.Join(hl.peers, ", "))
			}
		}
		var flags []string
		for _, n := range missing {
			flags = append(flags, "--node-addr "+n+"="+strings.Repeat("ADDR,", hl.link.Number)+"ADDR")
		}
		cv.ds.Errorf(startRange(hl.link.Range), hbNoAddr, "knet link %d (%s): no address for node %s%s; give %s, or a hosts file with their addresses as an input",
			hl.link.Number, what, strings.Join(missing, ", "), why, strings.Join(flags, " "))
	}
}

// nodeAddr finds node's address on a link: --node-addr first, then the
// hosts file (an address among the link's ucast peers, else the node's
// n-th address for link n).
func (cv *hbConv) nodeAddr(node string, hl *hbLink, hosts *model.HostsFile) (string, model.Range) {
	for n, addrs := range cv.opts.NodeAddrs {
		if strings.EqualFold(n, node) && hl.link.Number < len(addrs) && strings.TrimSpace(addrs[hl.link.Number]) != "" {
			return strings.TrimSpace(addrs[hl.link.Number]), hl.link.Range
		}
	}
	es := hosts.Lookup(node)
	var usable []*model.HostsEntry
	for _, e := range es {
		if ip := net.ParseIP(e.Addr); ip != nil && !ip.IsLoopback() {
			usable = append(usable, e)
		}
	}
	if len(hl.peers) > 0 {
		for _, e := range usable {
			for _, p := range hl.peers {
				if e.Addr == p {
					return e.Addr, e.Range
				}
			}
		}
		return "", model.Range{}
	}
	if hl.link.Number < len(usable) {
		return usable[hl.link.Number].Addr, usable[hl.link.Number].Range
	}
	return "", model.Range{}
}

// ---- directives ----

// hbNotNeededWhy explains directives that only configured heartbeat itself.
var hbNotNeededWhy = map[string]string{
	"crm":                     "Pacemaker runs as its own service with corosync 3 (systemctl enable --now corosync pacemaker)",
	"pacemaker":               "Pacemaker runs as its own service with corosync 3 (systemctl enable --now corosync pacemaker)",
	"crm_daemon_dir":          "Pacemaker starts its own daemons",
	"crmd_spawns_pengine":     "Pacemaker starts its own daemons",
	"apiauth":                 "heartbeat's API access control; corosync and Pacemaker use the haclient group and their own IPC",
	"use_logd":                "corosync and Pacemaker log directly (logging section, /etc/sysconfig/pacemaker)",
	"conn_logd_time":          "corosync and Pacemaker log directly",
	"debugfile":               "corosync writes debug messages to its logfile when logging.debug is on",
	"max_rexmit_delay":        "knet retransmits on its own",
	"baud":                    "serial media do not exist in corosync 3",
	"hopfudge":                "serial media do not exist in corosync 3",
	"compression_threshold":   "knet compresses per packet (knet_compression_threshold) when a compression model is set",
	"traditional_compression": "heartbeat's message format only",
	"msgfmt":                  "heartbeat's message format only",
	"realtime":                "corosync runs with real-time scheduling by default (system.sched_rr)",
	"rtprio":                  "corosync runs with real-time scheduling by default (system.sched_rr)",
	"hbgenmethod":             "heartbeat's generation numbers; corosync has its own ring ids",
	"uuidfrom":                "heartbeat's node uuids; corosync 3 uses the nodeids of the nodelist",
	"coredumps":               "set by systemd (LimitCORE) for corosync and pacemaker",
	"coreroot":                "set by systemd and the kernel's core_pattern",
	"memreserve":              "heartbeat's memory locking; corosync locks its memory itself",
	"record_config_changes":   "Pacemaker keeps CIB history (pe-input files) by default",
	"record_pengine_inputs":   "Pacemaker keeps scheduler inputs by default (pe-input-series-max)",
	"enable_config_writes":    "Pacemaker writes the CIB itself",
	"log_badpack":             "corosync logs bad packets itself",
	"syslogmsgfmt":            "heartbeat's syslog format only",
	"use_apphbd":              "heartbeat's application heartbeat daemon; use Pacemaker monitor operations",
	"normalpoll":              "heartbeat's event loop only",
	"env":                     "environment for heartbeat's children; set it in /etc/sysconfig/pacemaker if resource agents need it",
}

// hbDroppedWhy explains directives that have no equivalent.
var hbDroppedWhy = map[string]string{
	"serial":        "corosync 3 has no serial links: use a second network link (another --node-addr address per node)",
	"hbaping":       "corosync 3 has no FC-HBA ping: use a network ping resource or a quorum device",
	"udpport":       "knet uses UDP port 5405 + link number (mcastport of each link): open it in the firewall instead of %s",
	"stonith":       "v1 STONITH devices do not carry over: configure a Pacemaker stonith resource (pcs stonith create / crm configure primitive ... stonith:...)",
	"stonith_host":  "v1 STONITH devices do not carry over (its parameters are not copied): configure a Pacemaker stonith resource with pcmk_host_list",
	"watchdog":      "configure sbd with this watchdog device instead (or corosync resources.watchdog_device)",
	"quorum_server": "use corosync-qdevice with corosync-qnetd for an external quorum arbitrator",
	"autojoin":      "corosync 3 only accepts the nodes of its nodelist: add new nodes with pcs cluster node add / crm cluster add",
	"compression":   "knet compression is per link type and library build: set totem.knet_compression_model (e.g. zlib, bzip2) by hand if wanted",
	"failfast":      "run the program as a Pacemaker resource (systemd: or lsb:) with on-fail=fence, or a systemd unit with FailureAction=reboot",
}

func (cv *hbConv) directives() {
	tm := cv.hb.Timing
	if tm == nil {
		tm = &model.HeartbeatTiming{}
	}
	hasPing := false
	for _, l := range cv.in.Membership.Links {
		if strings.HasPrefix(l.Medium, "ping") {
			hasPing = true
		}
	}
	logging := &model.Section{Name: "logging"}
	logging.Range = cv.haCfAt
	addLog := func(o *model.Option, name, value string) {
		opt := &model.Option{Name: name, Value: value}
		opt.Range = o.Range
		if old, ok := logging.Options.Get(name); ok {
			old.Value, old.Range = value, o.Range
			return
		}
		logging.Options = append(logging.Options, opt)
	}
	for _, o := range cv.hb.Directives {
		r := o.Range
		switch o.Name {
		case "node":
			var ids []string
			for _, f := range strings.FieldsFunc(o.Value, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
				for _, n := range cv.m.Nodes {
					if n.Name == strings.ToLower(f) {
						ids = append(ids, fmt.Sprintf("%s (nodeid %d)", n.Name, n.NodeID))
					}
				}
			}
			cv.ds.Infof(r, hbMapped, "node %s → corosync nodelist: %s", o.Value, strings.Join(ids, ", "))
		case "cluster":
			cv.ds.Infof(r, hbMapped, "cluster %s → totem.cluster_name", o.Value)
		case "keepalive":
			cv.ds.Infof(r, hbMapped, "keepalive %s → no fixed value: knet pings every link at an interval derived from totem.token (token / (2 × knet_pong_count))", o.Value)
		case "deadtime":
			// mapped in timing()
		case "warntime", "initdead", "deadping":
			// mapped in timing() and ping()
		case "bcast", "udp":
			cv.ds.Infof(r, hbMapped, "%s %s → %s (knet sends unicast to the nodelist addresses instead of broadcasting)", o.Name, o.Value, cv.linksOf(o))
		case "mcast", "mcast6":
			cv.ds.Infof(r, hbMapped, "%s %s → %s (knet sends unicast to the nodelist addresses: the group, port and ttl are not needed)", o.Name, o.Value, cv.linksOf(o))
		case "ucast", "ucast6":
			cv.ds.Infof(r, hbMapped, "%s %s → %s", o.Name, o.Value, cv.linksOf(o))
		case "ping", "ping6", "ping_group":
			cv.ds.Infof(r, hbMapped, "%s %s → host_list of an ocf:pacemaker:ping clone (see the ping resources)", o.Name, o.Value)
		case "auto_failback", "nice_failback":
			// mapped in failback()
		case "logfile":
			if o.Value == "/dev/null" {
				cv.ds.Infof(r, hbMapped, "logfile /dev/null → logging.to_logfile: no")
				addLog(o, "to_logfile", "no")
				continue
			}
			cv.ds.Infof(r, hbMapped, "logfile %s → logging.logfile (corosync's own log; Pacemaker logs to /var/log/pacemaker/pacemaker.log)", o.Value)
			addLog(o, "to_logfile", "yes")
			addLog(o, "logfile", o.Value)
		case "logfacility":
			if strings.EqualFold(o.Value, "none") {
				cv.ds.Infof(r, hbMapped, "logfacility none → logging.to_syslog: no")
				addLog(o, "to_syslog", "no")
				continue
			}
			cv.ds.Infof(r, hbMapped, "logfacility %s → logging.to_syslog: yes, syslog_facility: %s", o.Value, o.Value)
			addLog(o, "to_syslog", "yes")
			addLog(o, "syslog_facility", strings.ToLower(o.Value))
		case "debug":
			v := "off"
			if n, err := strconv.Atoi(lastField(o.Value)); err == nil && n > 0 {
				v = "on"
			}
			cv.ds.Infof(r, hbMapped, "debug %s → logging.debug: %s", o.Value, v)
			addLog(o, "debug", v)
		case "respawn":
			cv.respawn(o, hasPing)
		default:
			if why, ok := hbNotNeededWhy[o.Name]; ok {
				cv.ds.Infof(r, hbNotNeeded, "%s is not needed: %s", o.Name, why)
				continue
			}
			if why, ok := hbDroppedWhy[o.Name]; ok {
				if strings.Contains(why, "%s") {
					why = fmt.Sprintf(why, o.Value)
				}
				cv.ds.Warnf(r, hbDropped, "%s is not carried over: %s", o.Name, why)
				continue
			}
			cv.ds.Warnf(r, hbDropped, "unknown directive %s is not carried over", o.Name)
		}
	}
	if len(logging.Options) > 0 {
		cv.m.Sections = append(cv.m.Sections, logging)
	}
	cv.timing(tm)
}

// linksOf returns the knet link numbers the media of directive o became.
func (cv *hbConv) linksOf(o *model.Option) string {
	var out []string
	for _, l := range cv.in.Membership.Links {
		if n, ok := cv.linkNo[l]; ok && l.Range.Filename == o.Range.Filename && o.Range.Contains(l.Range.Start.Byte) {
			s := strconv.Itoa(n)
			if len(out) == 0 || out[len(out)-1] != s {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return "no link"
	}
	if len(out) == 1 {
		return "knet link " + out[0]
	}
	return "knet links " + strings.Join(out, ", ")
}

func (cv *hbConv) respawn(o *model.Option, hasPing bool) {
	f := strings.Fields(o.Value)
	prog := ""
	if len(f) >= 2 {
		prog = f[1]
	}
	base := prog[strings.LastIndexByte(prog, '/')+1:]
	switch base {
	case "ipfail":
		if hasPing {
			cv.ds.Infof(o.Range, hbNotNeeded, "respawn of ipfail is not needed: the ocf:pacemaker:ping clone and its location rules take its place")
		} else {
			cv.ds.Warnf(o.Range, hbDropped, "respawn of ipfail is not carried over: without ping nodes it had nothing to act on")
		}
	case "pingd":
		cv.ds.Infof(o.Range, hbNotNeeded, "respawn of pingd is not needed: the ocf:pacemaker:ping clone takes its place")
	case "ccm", "cib", "crmd", "lrmd", "stonithd", "attrd", "pengine", "mgmtd", "cibmon", "ifcheckd", "hbagent", "dopd":
		cv.ds.Infof(o.Range, hbNotNeeded, "respawn of %s is not needed: corosync and Pacemaker start their own daemons", base)
	default:
		cv.ds.Warnf(o.Range, hbDropped, "respawn of %s is not carried over: run it as a Pacemaker resource (systemd:/lsb:, cloned if it runs everywhere) or as a systemd unit with Restart=always", prog)
	}
}

func (cv *hbConv) timing(tm *model.HeartbeatTiming) {
	addTotem := func(name, value string, r model.Range) {
		o := &model.Option{Name: name, Value: value}
		o.Range = r
		cv.m.Totem = append(cv.m.Totem, o)
	}
	dead, ok := hbMillis(tm.Deadtime)
	at := cv.haCfAt
	if ok {
		at = tm.Deadtime.Range
		cv.ds.Infof(at, hbMapped, "deadtime %s → totem.token: %d, consensus: %d (1.2 × token)", tm.Deadtime.Value, dead, dead*12/10)
	} else {
		dead = 30000
		if tm.Deadtime != nil {
			cv.ds.Warnf(tm.Deadtime.Range, hbMapped, "deadtime %s is not a valid heartbeat time; using heartbeat's default of 30 s for totem.token", tm.Deadtime.Value)
			at = tm.Deadtime.Range
		} else {
			cv.ds.Infof(at, hbMapped, "no deadtime: heartbeat's default of 30 s → totem.token: 30000, consensus: 36000 (corosync's own default token is 3000 ms, much faster)")
		}
	}
	addTotem("token", strconv.FormatInt(dead, 10), at)
	addTotem("consensus", strconv.FormatInt(dead*12/10, 10), at)
	if warn, ok := hbMillis(tm.Warntime); ok {
		pct := warn * 100 / dead
		if pct >= 1 && pct <= 99 {
			addTotem("token_warning", strconv.FormatInt(pct, 10), tm.Warntime.Range)
			cv.ds.Infof(tm.Warntime.Range, hbMapped, "warntime %s → totem.token_warning: %d (percent of token)", tm.Warntime.Value, pct)
		} else {
			cv.ds.Warnf(tm.Warntime.Range, hbDropped, "warntime %s is not below deadtime: not carried over (corosync warns at 75%% of token by default)", tm.Warntime.Value)
		}
	} else if tm.Warntime != nil {
		cv.ds.Warnf(tm.Warntime.Range, hbDropped, "warntime %s is not a valid heartbeat time: not carried over", tm.Warntime.Value)
	}
	if tm.Initdead != nil {
		cv.ds.Infof(tm.Initdead.Range, hbMapped, "initdead %s → quorum.wait_for_all: 1 (corosync has no start-up dead time; a starting cluster waits until all nodes have been seen once)", tm.Initdead.Value)
	}
	if tm.Deadping != nil && !cv.hasPing() {
		cv.ds.Warnf(tm.Deadping.Range, hbDropped, "deadping %s is not carried over: there are no ping nodes", tm.Deadping.Value)
	}
}

func (cv *hbConv) hasPing() bool {
	for _, l := range cv.in.Membership.Links {
		if strings.HasPrefix(l.Medium, "ping") {
			return true
		}
	}
	return false
}

// ---- crypto and quorum ----

func (cv *hbConv) crypto() {
	ak := cv.in.Membership.AuthKeys
	if ak == nil {
		cv.ds.Warnf(cv.haCfAt, hbDropped, "no authkeys file was given: knet crypto is left off (corosync 3's default); give /etc/ha.d/authkeys to turn it on, or set crypto_cipher/crypto_hash and create a key with corosync-keygen")
		return
	}
	if cv.m.Transport != "knet" {
		cv.ds.Warnf(startRange(ak.Range), hbDropped, "authkeys is not carried over: corosync 3 encrypts and authenticates only with the knet transport, not %s", cv.m.Transport)
		return
	}
	method := ""
	for _, k := range ak.Keys {
		if k.Index == ak.Active {
			method = k.Method
		}
	}
	cv.m.Crypto = &model.Crypto{Model: "nss", Cipher: "aes256", Hash: "sha256"}
	cv.m.Crypto.Range = ak.Range
	at := startRange(ak.Range)
	if !ak.ActiveRange.IsZero() {
		at = ak.ActiveRange
	}
	extra := ""
	if method == "crc" {
		extra = " heartbeat's crc authenticated nothing; the cluster traffic is now signed and encrypted."
	}
	cv.ds.Infof(at, hbNewKey, "authkeys (auth %d, %s) → knet crypto_model nss, crypto_cipher aes256, crypto_hash sha256 with a NEW key: heartbeat's secret cannot be reused (corosync needs a random key of 128 bytes or more). hakit convert -o DIR writes one (authkey, mode 0400); copy it to /etc/corosync/authkey on every node.%s",
		ak.Active, orUnknown(method), extra)
}

func orUnknown(s string) string {
	if s == "" {
		return "no such key"
	}
	return s
}

func (cv *hbConv) quorum() {
	q := &model.Quorum{Provider: "corosync_votequorum"}
	at := cv.haCfAt
	if len(cv.m.Nodes) > 0 {
		at = cv.m.Nodes[0].Range
	}
	q.Range = at
	add := func(n, v string) {
		o := &model.Option{Name: n, Value: v}
		o.Range = at
		q.Options = append(q.Options, o)
	}
	if len(cv.m.Nodes) == 2 {
		add("two_node", "1")
		cv.ds.Infof(at, hbMapped, "two nodes → quorum.two_node: 1 (one node keeps quorum when the other fails; implies wait_for_all)")
	} else if cv.hb.Timing != nil && cv.hb.Timing.Initdead != nil {
		add("wait_for_all", "1")
	}
	cv.m.Quorum = q
}

// ---- Pacemaker configuration ----

// cibCarryOver adapts a heartbeat-era CIB given alongside: its node entries
// carry heartbeat's UUIDs, which become the corosync nodeids, and an old
// schema is pointed out.
func (cv *hbConv) cibCarryOver() {
	in := cv.in.Config
	if in == nil {
		return
	}
	ids := map[string]uint32{}
	for _, n := range cv.m.Nodes {
		ids[n.Name] = n.NodeID
	}
	cv.cfg.Nodes = nil
	for _, n := range in.Nodes {
		id, ok := ids[strings.ToLower(n.Uname)]
		if !ok || n.ID == strconv.FormatUint(uint64(id), 10) {
			if !ok {
				cv.ds.Warnf(startRange(n.Range), hbGuessed, "CIB node %s (id %s) is not a node of ha.cf: kept as it is", n.Uname, n.ID)
			}
			cv.cfg.Nodes = append(cv.cfg.Nodes, n)
			continue
		}
		cp := *n
		cp.ID = strconv.FormatUint(uint64(id), 10)
		cv.cfg.Nodes = append(cv.cfg.Nodes, &cp)
		cv.ds.Infof(startRange(n.Range), hbMapped, "CIB node %s: id %s (heartbeat's uuid) → %s, its corosync nodeid", n.Uname, n.ID, cp.ID)
	}
	if v := cv.in.CIB.ValidateWith(); v != "" && !strings.HasPrefix(v, "pacemaker-2") && !strings.HasPrefix(v, "pacemaker-3") {
		cv.ds.Infof(startRange(cv.in.CIB.Range), hbMapped, "the CIB validates with %s, a heartbeat-era schema: Pacemaker 2 upgrades it when it loads the CIB; run cibadmin --upgrade --force once the cluster runs to make that permanent", v)
	}
}

var idUnsafe = lazyre.New(`[^A-Za-z0-9_.-]+`)

// newID makes a unique XML id from s.
func (cv *hbConv) newID(s string) string {
	s = strings.Trim(idUnsafe().ReplaceAllString(s, "_"), "_")
	if s == "" || !(s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z' || s[0] == '_') {
		s = "r_" + s
	}
	id := s
	for i := 2; cv.ids[id]; i++ {
		id = fmt.Sprintf("%s-%d", s, i)
	}
	cv.ids[id] = true
	return id
}

func collectIDs(cfg *model.Configuration, ids map[string]bool) {
	model.Walk(cfg.Resources, func(r, _ model.Resource) { ids[r.ResourceID()] = true })
	for _, c := range cfg.Constraints {
		ids[c.ConstraintID()] = true
	}
	for _, s := range cfg.RscDefaults {
		ids[s.ID] = true
	}
}

func nvset(kind, id string, r model.Range, kv ...string) *model.NVSet {
	s := &model.NVSet{Kind: kind, ID: id}
	s.Range = r
	for i := 0; i+1 < len(kv); i += 2 {
		p := &model.NVPair{ID: id + "-" + kv[i], Name: kv[i], Value: kv[i+1]}
		p.Range = r
		s.Pairs = append(s.Pairs, p)
	}
	return s
}

func (cv *hbConv) primitive(base, class, provider, typ string, r model.Range, params ...string) *model.Primitive {
	p := &model.Primitive{Class: class, Provider: provider, Type: typ}
	p.ID = cv.newID(base)
	p.Range = r
	if len(params) > 0 {
		p.InstanceAttrs = []*model.NVSet{nvset("instance_attributes", p.ID+"-instance_attributes", r, params...)}
	}
	return p
}

func (cv *hbConv) monitor(p *model.Primitive, interval, timeout string, role string) {
	if p.Operations == nil {
		p.Operations = &model.Operations{}
		p.Operations.Range = p.Range
	}
	op := &model.Op{Name: "monitor", Interval: interval, Timeout: timeout, Role: role}
	op.ID = p.ID + "-monitor-interval-" + interval
	op.Range = p.Range
	p.Operations.Ops = append(p.Operations.Ops, op)
}

// ocfParams are the positional parameters of the v1 wrapper scripts in
// /etc/ha.d/resource.d, by OCF agent (ocf:heartbeat:*).
var ocfParams = map[string][]string{
	"Filesystem":   {"device", "directory", "fstype", "options"},
	"LVM":          {"volgrpname"},
	"apache":       {"configfile"},
	"MailTo":       {"email", "subject"},
	"Delay":        {"startdelay", "stopdelay"},
	"Raid1":        {"raidconf", "raiddev"},
	"portblock":    {"protocol", "portno", "action"},
	"Xinetd":       {"service"},
	"db2":          {"instance"},
	"ServeRAID":    {"serveraid", "mergegroup"},
	"LinuxSCSI":    {"scsi"},
	"IPsrcaddr":    {"ipaddress"},
	"AudibleAlarm": {"nodelist"},
	"WinPopup":     {"hostfile"},
	"ICP":          {"driveid", "device"},
	"WAS":          {"config", "port"},
}

func (cv *hbConv) haresources() {
	hr := cv.hb.Haresources
	if hr == nil || len(hr.Lines) == 0 {
		return
	}
	if cv.crm != nil {
		cv.ds.Warnf(startRange(hr.Lines[0].Range), hbHaresIgnore, "%s is not converted: %s %s at %s turned the CRM on, so heartbeat ignored it; the CIB given alongside (if any) is carried over instead",
			hr.Range.Filename, cv.crm.Name, cv.crm.Value, cv.crm.Range)
		return
	}
	nodes := map[string]bool{}
	for _, n := range cv.m.Nodes {
		nodes[n.Name] = true
	}
	cv.ds.Infof(startRange(hr.Range), hbMapped, "%s → Pacemaker resources: one group per line (start order kept), a location preference (score 100) for the line's node, and monitor operations (heartbeat v1 had none)", hr.Range.Filename)
	for _, l := range hr.Lines {
		var prims []*model.Primitive
		var drbd []*model.Clone
		for _, r := range l.Resources {
			p, clone := cv.resource(r)
			if clone != nil {
				drbd = append(drbd, clone)
				continue
			}
			if p != nil {
				prims = append(prims, p)
			}
		}
		node := strings.ToLower(l.Node)
		var top model.Resource
		switch {
		case len(prims) == 1:
			top = prims[0]
		case len(prims) > 1:
			g := &model.Group{Members: prims}
			g.ID = cv.newID("group_" + prims[0].ID)
			g.Range = l.Range
			top = g
		}
		for _, c := range drbd {
			cv.cfg.Resources = append(cv.cfg.Resources, c)
			if top == nil {
				loc := &model.Location{Rsc: c.ID, Node: node, Score: "100", Role: "Promoted"}
				loc.ID = cv.newID("location-" + c.ID + "-" + node)
				loc.Range = l.Range
				cv.cfg.Constraints = append(cv.cfg.Constraints, loc)
				continue
			}
			col := &model.Colocation{Rsc: top.ResourceID(), WithRsc: c.ID, WithRscRole: "Promoted", Score: "INFINITY"}
			col.ID = cv.newID("colocation-" + top.ResourceID() + "-" + c.ID)
			col.Range = c.Range
			ord := &model.Order{First: c.ID, FirstAction: "promote", Then: top.ResourceID(), ThenAction: "start", Kind: "Mandatory"}
			ord.ID = cv.newID("order-" + c.ID + "-" + top.ResourceID())
			ord.Range = c.Range
			cv.cfg.Constraints = append(cv.cfg.Constraints, col, ord)
		}
		if top == nil {
			continue
		}
		cv.cfg.Resources = append(cv.cfg.Resources, top)
		cv.top = append(cv.top, top)
		if !nodes[node] {
			cv.ds.Warnf(l.NodeRange, hbGuessed, "haresources node %s is not a node of ha.cf; the location preference for %s names it anyway", l.Node, top.ResourceID())
		}
		loc := &model.Location{Rsc: top.ResourceID(), Node: node, Score: "100"}
		loc.ID = cv.newID("location-" + top.ResourceID() + "-" + node)
		loc.Range = l.NodeRange
		cv.cfg.Constraints = append(cv.cfg.Constraints, loc)
	}
}

func argVals(r *model.HaresourcesResource) []string {
	var out []string
	for _, a := range r.Args {
		out = append(out, a.Value)
	}
	return out
}

// resource maps one haresources resource onto a primitive, or a drbddisk
// onto a promotable clone.
func (cv *hbConv) resource(r *model.HaresourcesResource) (*model.Primitive, *model.Clone) {
	args := argVals(r)
	rng := r.Range
	switch r.Agent {
	case "IPaddr", "IPaddr2":
		if len(args) == 0 {
			cv.ds.Warnf(rng, hbGuessed, "%s without an address is not carried over", r.Agent)
			return nil, nil
		}
		f := strings.Split(args[0], "/")
		params := []string{"ip", f[0]}
		for _, x := range f[1:] {
			switch {
			case net.ParseIP(x) != nil:
				params = append(params, "broadcast", x)
			case isNumber(x):
				params = append(params, "cidr_netmask", x)
			case x != "":
				nic, label, hasLabel := strings.Cut(x, ":")
				params = append(params, "nic", nic)
				if hasLabel && label != "" {
					params = append(params, "iflabel", label)
				}
			}
		}
		p := cv.primitive("IPaddr_"+strings.ReplaceAll(f[0], ".", "_"), "ocf", "heartbeat", "IPaddr2", rng, params...)
		cv.monitor(p, "10s", "20s", "")
		if r.Agent == "IPaddr" {
			cv.ds.Infof(rng, hbMapped, "%s → %s (ocf:heartbeat:IPaddr2, the maintained successor of IPaddr)", specOf(r), p.ID)
		} else {
			cv.ds.Infof(rng, hbMapped, "%s → %s (ocf:heartbeat:IPaddr2)", specOf(r), p.ID)
		}
		return p, nil
	case "IPv6addr":
		if len(args) == 0 {
			return nil, nil
		}
		f := strings.Split(args[0], "/")
		params := []string{"ipv6addr", f[0]}
		if len(f) > 1 {
			params = append(params, "cidr_netmask", f[1])
		}
		if len(f) > 2 {
			params = append(params, "nic", f[2])
		}
		p := cv.primitive("IPv6addr_"+f[0], "ocf", "heartbeat", "IPv6addr", rng, params...)
		cv.monitor(p, "10s", "20s", "")
		cv.ds.Infof(rng, hbMapped, "%s → %s (ocf:heartbeat:IPv6addr)", specOf(r), p.ID)
		return p, nil
	case "drbddisk":
		res := "r0"
		if len(args) > 0 {
			res = args[0]
		}
		p := cv.primitive("drbd_"+res, "ocf", "linbit", "drbd", rng, "drbd_resource", res)
		cv.monitor(p, "29s", "20s", "Promoted")
		cv.monitor(p, "31s", "20s", "Unpromoted")
		c := &model.Clone{Element: "clone", Child: p}
		c.ID = cv.newID(p.ID + "-clone")
		c.Range = rng
		c.MetaAttrs = []*model.NVSet{nvset("meta_attributes", c.ID+"-meta_attributes", rng,
			"promotable", "true", "promoted-max", "1", "promoted-node-max", "1", "clone-max", "2", "clone-node-max", "1", "notify", "true")}
		cv.ds.Warnf(rng, hbGuessed, "%s → promotable clone %s of ocf:linbit:drbd, with the rest of the line colocated with and ordered after its promoted instance; check clone-max and that drbd is no longer started by init", specOf(r), c.ID)
		return nil, c
	}
	if names, ok := ocfParams[r.Agent]; ok {
		var params []string
		for i, a := range args {
			if i < len(names) {
				params = append(params, names[i], a)
			} else {
				params[len(params)-1] += " " + a
			}
		}
		base := r.Agent
		switch r.Agent {
		case "Filesystem":
			if len(args) > 1 {
				base = "Filesystem_" + strings.Trim(args[1], "/")
			}
		}
		p := cv.primitive(base, "ocf", "heartbeat", r.Agent, rng, params...)
		switch r.Agent {
		case "Filesystem":
			cv.monitor(p, "20s", "40s", "")
		case "MailTo", "Delay", "AudibleAlarm", "WinPopup":
		default:
			cv.monitor(p, "30s", "60s", "")
		}
		cv.ds.Infof(rng, hbMapped, "%s → %s (ocf:heartbeat:%s)", specOf(r), p.ID, r.Agent)
		return p, nil
	}
	if r.Agent == "OCF" && len(args) > 0 {
		p := cv.primitive(args[0], "ocf", "heartbeat", args[0], rng)
		cv.monitor(p, "30s", "60s", "")
		cv.ds.Warnf(rng, hbGuessed, "%s → %s (ocf:heartbeat:%s) without parameters: the instance file of heartbeat's OCF bridge (/etc/ha.d/conf/OCF/...) is not read; add its parameters", specOf(r), p.ID, args[0])
		return p, nil
	}
	p := cv.primitive(r.Agent, "lsb", "", r.Agent, rng)
	cv.monitor(p, "30s", "30s", "")
	if len(args) > 0 {
		cv.ds.Warnf(rng, hbGuessed, "%s → %s (lsb:%s): hakit knows no agent of this name, so it becomes an init script, and init scripts take no arguments: %s are dropped; pick the matching OCF or systemd agent if there is one",
			specOf(r), p.ID, r.Agent, strings.Join(args, " "))
	} else {
		cv.ds.Infof(rng, hbMapped, "%s → %s (lsb:%s, the init script; consider systemd:%s on a systemd host)", specOf(r), p.ID, r.Agent, r.Agent)
	}
	return p, nil
}

func specOf(r *model.HaresourcesResource) string {
	if r.Shorthand && len(r.Args) > 0 {
		return r.Args[0].Value
	}
	s := r.Agent
	for _, a := range r.Args {
		s += "::" + a.Value
	}
	return s
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func (cv *hbConv) ping() {
	var hosts []string
	var first model.Range
	type group struct {
		name  string
		hosts []string
		r     model.Range
	}
	var groups []group
	for _, l := range cv.in.Membership.Links {
		switch l.Medium {
		case "ping", "ping6":
			if len(hosts) == 0 {
				first = l.Range
			}
			hosts = append(hosts, l.Options.Value("host"))
		case "ping_group":
			g := group{name: l.Options.Value("name"), r: l.Range}
			for _, o := range l.Options {
				if o.Name == "host" {
					g.hosts = append(g.hosts, o.Value)
				}
			}
			groups = append(groups, g)
		}
	}
	if len(hosts) == 0 && len(groups) == 0 {
		return
	}
	dampen := "5s"
	if tm := cv.hb.Timing; tm != nil {
		if ms, ok := hbMillis(tm.Deadping); ok {
			dampen = strconv.FormatInt(ms, 10) + "ms"
			cv.ds.Infof(tm.Deadping.Range, hbMapped, "deadping %s → dampen %s of the ping resources", tm.Deadping.Value, dampen)
		}
	}
	type made struct {
		attr string
		r    model.Range
	}
	var attrs []made
	mk := func(base, attr string, hl []string, r model.Range) {
		params := []string{"host_list", strings.Join(hl, " "), "multiplier", "1000", "dampen", dampen}
		if attr != "pingd" {
			params = append(params, "name", attr)
		}
		p := cv.primitive(base, "ocf", "pacemaker", "ping", r, params...)
		cv.monitor(p, "10s", "60s", "")
		c := &model.Clone{Element: "clone", Child: p}
		c.ID = cv.newID(p.ID + "-clone")
		c.Range = r
		cv.cfg.Resources = append(cv.cfg.Resources, c)
		attrs = append(attrs, made{attr, r})
	}
	if len(hosts) > 0 {
		mk("ping", "pingd", hosts, first)
	}
	for _, g := range groups {
		mk("ping-"+g.name, "pingd-"+strings.Trim(idUnsafe().ReplaceAllString(g.name, "_"), "_"), g.hosts, g.r)
	}
	if len(cv.top) == 0 {
		what := "no resources came from haresources"
		if cv.in.Config != nil {
			what = "the CIB's resources are left as they are"
		}
		for _, a := range attrs {
			cv.ds.Warnf(a.r, hbDropped, "ping clone added, but %s: add a location rule on node attribute %s to the resources that need connectivity (e.g. location l-web web rule -inf: not_defined %s or %s lte 0)",
				what, a.attr, a.attr, a.attr)
		}
		return
	}
	for _, top := range cv.top {
		for _, a := range attrs {
			loc := &model.Location{Rsc: top.ResourceID()}
			loc.ID = cv.newID("location-" + top.ResourceID() + "-" + a.attr)
			loc.Range = a.r
			ru := &model.Rule{ID: loc.ID + "-rule", Score: "-INFINITY", BooleanOp: "or"}
			ru.Range = a.r
			e1 := &model.Expr{ID: ru.ID + "-expr", Attribute: a.attr, Operation: "not_defined"}
			e1.Range = a.r
			e2 := &model.Expr{ID: ru.ID + "-expr-1", Attribute: a.attr, Operation: "lte", Value: "0", Type: "number"}
			e2.Range = a.r
			ru.Expressions = []model.Expression{e1, e2}
			loc.Rules = []*model.Rule{ru}
			cv.cfg.Constraints = append(cv.cfg.Constraints, loc)
		}
	}
}

func (cv *hbConv) failback() {
	var o *model.Option
	for _, d := range cv.hb.Directives {
		if d.Name == "auto_failback" || d.Name == "nice_failback" {
			o = d
		}
	}
	if o == nil {
		return
	}
	v := lastField(o.Value)
	if o.Name == "nice_failback" {
		// nice_failback on = auto_failback off; off = legacy.
		if isOff(v) {
			v = "legacy"
		} else {
			v = "off"
		}
	}
	if cv.crm != nil && cv.in.Config != nil {
		cv.ds.Infof(o.Range, hbNotNeeded, "%s %s is not carried over: heartbeat ignores it with crm on, and the CIB given alongside keeps its own resource-stickiness", o.Name, o.Value)
		return
	}
	stick, how := "0", "resources move back to their preferred node when it returns"
	if isOff(v) {
		stick, how = "200", "resources stay where they are (stickiness 200 outweighs the location preference of 100)"
	}
	set := nvset("meta_attributes", cv.newID("rsc-options"), o.Range, "resource-stickiness", stick)
	cv.cfg.RscDefaults = append(cv.cfg.RscDefaults, set)
	cv.ds.Infof(o.Range, hbMapped, "%s %s → rsc_defaults resource-stickiness=%s: %s", o.Name, o.Value, stick, how)
}
