package verify

// HA5xxx: heartbeat (ha.cf, authkeys, haresources). HA5001-HA5039 are
// reported by the heartbeat parsers (parsers/heartbeat), HA5011-HA5069 that
// have a Check are rules on the parsed model, HA59xx are reported by the
// heartbeat converter (convert/heartbeat.go).

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(heartbeatParserRules()...)
		Register(heartbeatRules()...)
		Register(heartbeatConvertRules()...)
	})
}

// hbCluster is one heartbeat cluster as checked together: an ha.cf and the
// authkeys, haresources and hosts files beside it (same directory), plus a
// CIB read alongside.
type hbCluster struct {
	hacf        *model.Membership // nil when no ha.cf was given
	authkeys    []*model.AuthKeys
	haresources []*model.Haresources
	config      *model.Configuration
}

func (c *hbCluster) hb() *model.Heartbeat {
	if c.hacf == nil {
		return nil
	}
	return c.hacf.Heartbeat
}

// heartbeatClusters groups the heartbeat inputs of a pass: every ha.cf is a
// cluster; authkeys, haresources and CIBs in its directory belong to it.
// Companion files in a directory without an ha.cf form a cluster of their
// own.
func heartbeatClusters(p *Pass) []*hbCluster {
	type part struct {
		dir string
		m   *model.Membership
		cfg *model.Configuration
	}
	var parts []part
	for _, in := range p.Inputs {
		if in == nil || in.Cluster == nil {
			continue
		}
		dir := filepath.Dir(in.Filename)
		if m := in.Cluster.Membership; m != nil && m.Origin == "heartbeat" {
			parts = append(parts, part{dir: dir, m: m})
		}
		if in.Cluster.Config != nil {
			parts = append(parts, part{dir: dir, cfg: in.Cluster.Config})
		}
	}
	if len(p.Inputs) == 0 && p.Merged != nil && p.Merged.Membership != nil && p.Merged.Membership.Origin == "heartbeat" {
		m := p.Merged.Membership
		parts = append(parts, part{m: m, cfg: p.Merged.Config})
	}
	isHaCf := func(m *model.Membership) bool { return m != nil && m.Heartbeat != nil && m.Heartbeat.ConfigFile != "" }
	var out []*hbCluster
	byDir := map[string][]*hbCluster{}
	for _, pt := range parts {
		if isHaCf(pt.m) {
			c := &hbCluster{hacf: pt.m}
			out = append(out, c)
			byDir[pt.dir] = append(byDir[pt.dir], c)
		}
	}
	loose := map[string]*hbCluster{}
	for _, pt := range parts {
		if isHaCf(pt.m) {
			continue
		}
		targets := byDir[pt.dir]
		if len(targets) == 0 {
			c := loose[pt.dir]
			if c == nil {
				c = &hbCluster{}
				loose[pt.dir] = c
				out = append(out, c)
			}
			targets = []*hbCluster{c}
		}
		for _, c := range targets {
			if pt.cfg != nil && c.config == nil {
				c.config = pt.cfg
			}
			if pt.m == nil {
				continue
			}
			if pt.m.AuthKeys != nil {
				c.authkeys = append(c.authkeys, pt.m.AuthKeys)
			}
			if pt.m.Heartbeat != nil && pt.m.Heartbeat.Haresources != nil {
				c.haresources = append(c.haresources, pt.m.Heartbeat.Haresources)
			}
		}
	}
	// A lone config without heartbeat files is not a heartbeat cluster.
	kept := out[:0]
	for _, c := range out {
		if c.hacf != nil || len(c.authkeys) > 0 || len(c.haresources) > 0 {
			kept = append(kept, c)
		}
	}
	return kept
}

// hbDirective returns the last ha.cf directive called name (crm and
// pacemaker are one directive).
func hbDirective(hb *model.Heartbeat, names ...string) *model.Option {
	if hb == nil {
		return nil
	}
	for i := len(hb.Directives) - 1; i >= 0; i-- {
		for _, n := range names {
			if hb.Directives[i].Name == n {
				return hb.Directives[i]
			}
		}
	}
	return nil
}

// hbPacemaker reports whether ha.cf turns the CRM/Pacemaker on, and the
// directive that does.
func hbPacemaker(hb *model.Heartbeat) (*model.Option, bool) {
	o := hbDirective(hb, "crm", "pacemaker")
	if o == nil {
		return nil, false
	}
	v := strings.ToLower(strings.TrimSpace(o.Value))
	if f := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }); len(f) > 0 {
		v = f[len(f)-1]
	}
	switch v {
	case "false", "off", "no", "n", "0", "":
		return o, false
	}
	return o, true
}

// hbTimes are ha.cf's effective times in ms with heartbeat's defaults, and
// whether each was given.
type hbTimes struct {
	keepalive, deadtime, warntime, initdead int64
}

func effectiveTimes(tm *model.HeartbeatTiming) hbTimes {
	t := hbTimes{keepalive: 1000, deadtime: 30000}
	if tm == nil {
		tm = &model.HeartbeatTiming{}
	}
	if tm.Keepalive.Valid() {
		t.keepalive = tm.Keepalive.Millis
	}
	if tm.Deadtime.Valid() {
		t.deadtime = tm.Deadtime.Millis
	}
	t.warntime = t.deadtime / 2
	if tm.Warntime.Valid() {
		t.warntime = tm.Warntime.Millis
	}
	switch {
	case t.deadtime > 10000:
		t.initdead = t.deadtime
	case t.deadtime < 6000:
		t.initdead = 12000
	default:
		t.initdead = 2 * t.deadtime
	}
	if tm.Initdead.Valid() {
		t.initdead = tm.Initdead.Millis
	}
	return t
}

func fmtMS(ms int64) string {
	if ms%1000 == 0 {
		return fmt.Sprintf("%ds", ms/1000)
	}
	return fmt.Sprintf("%dms", ms)
}

func hbStart(r model.Range) model.Range {
	r.End = r.Start
	return r
}

func hbDoc(kind, what, bad, good string) string {
	return fmt.Sprintf("%s\n\nBad:\n\n```\n%s\n```\n\nGood:\n\n```\n%s\n```\n", what, bad, good)
}

func hbParserDoc(what, bad, good string) string {
	return hbDoc("", "Reported by the heartbeat parsers (parsers/heartbeat): "+what, bad, good)
}

func hbConvertDoc(what, bad, good string) string {
	return fmt.Sprintf("Reported by the heartbeat converter (`hakit convert --from heartbeat`): %s\n\n"+
		"No testdata: the converter reports this code, not `hakit verify`; convert/heartbeat_test.go covers it.\n\nBad (input):\n\n```\n%s\n```\n\nGood (what to do):\n\n```\n%s\n```\n", what, bad, good)
}

func heartbeatParserRules() []*Rule {
	return []*Rule{
		{ID: "HA5001", Title: "unknown ha.cf directive", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("heartbeat compares directive names exactly and refuses to start on an unknown one (\"Illegal directive\"). "+
				"hakit suggests the closest known directive. The historical alias `udp` is reported as a warning: heartbeat rewrites it to `bcast`.",
				"undport 694\nbcast eth0", "udpport 694\nbcast eth0")},
		{ID: "HA5002", Title: "invalid heartbeat time", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("keepalive, deadtime, warntime, initdead and deadping take heartbeat's time syntax: a bare number is seconds, "+
				"a number followed by `ms` or `us` is milli- or microseconds. `10s` and `30sec` are invalid and heartbeat refuses to start; "+
				"a time that rounds to 0 ms is rejected too.",
				"keepalive 10s\ndeadtime 30sec", "keepalive 10\ndeadtime 30000ms")},
		{ID: "HA5003", Title: "malformed ha.cf value", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("a directive's value does not have the form heartbeat requires: a missing value, a non-boolean where a boolean is expected, "+
				"a number out of range, an unknown syslog facility, an mcast line without its five fields or with a non-multicast group, "+
				"a respawn program that is not an absolute path, an apiauth without uid= or gid=.",
				"logfacility local10\nmcast eth0 10.0.0.1 694 1 0", "logfacility local0\nmcast eth0 239.192.0.42 694 1 0")},
		{ID: "HA5004", Title: "directive given twice", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("`crm`/`pacemaker`, `baud` and `watchdog` may appear only once; heartbeat refuses to start otherwise "+
				"(\"pacemaker/crm directive used multiple times!\").",
				"crm yes\npacemaker respawn", "pacemaker respawn")},
		{ID: "HA5005", Title: "order-dependent directive in the wrong place", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbParserDoc("ha.cf is interpreted as it is read: `udpport` applies only to bcast/ucast media after it, `baud` only to serial "+
				"lines after it (earlier media silently use 694 and 19200), and `crm_daemon_dir`/`crmd_spawns_pengine` must precede "+
				"`pacemaker` (an error: heartbeat refuses to start).",
				"bcast eth0\nudpport 695", "udpport 695\nbcast eth0")},
		{ID: "HA5006", Title: "value ignored by heartbeat", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbParserDoc("heartbeat silently ignores part of the line: a single-valued directive given several values (each is applied in "+
				"turn, so only the last counts), fields after the ones a medium reads (`ucast eth1 10.0.0.7 10.0.0.8` uses only 10.0.0.7), "+
				"text after an authkeys secret or after `auth N`.",
				"keepalive 1 2\nucast eth1 10.0.0.7 10.0.0.8", "keepalive 2\nucast eth1 10.0.0.7\nucast eth1 10.0.0.8")},
		{ID: "HA5010", Title: "malformed authkeys line", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("an authkeys line is neither `auth N` nor `N method [secret]`, names a method heartbeat does not have "+
				"(crc, md5, sha1; lower-case), lacks the secret md5 and sha1 need, or gives crc a secret. Heartbeat refuses to start. "+
				"The finding never quotes the line, which may hold a secret.",
				"auth 1\n1 SHA1 s3cret\n2 md5", "auth 1\n1 sha1 s3cret\n2 md5 an0ther")},
		{ID: "HA5020", Title: "malformed haresources line", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("a haresources line names a node but no resources, a resource has no script name before `::`, an argument is empty "+
				"(ResourceManager drops it and later arguments shift; a warning), or the file ends in a backslash continuation.",
				"node1\nnode2 Filesystem::::/data", "node1 IPaddr::10.0.0.10/24/eth0 apache\nnode2 Filesystem::/dev/sdb1::/data::ext4")},
		{ID: "HA5030", Title: "malformed hosts line", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbParserDoc("a line of the hosts file given for node addresses does not start with an IP address followed by a name.",
				"node1 10.0.0.1", "10.0.0.1 node1")},
	}
}

func heartbeatRules() []*Rule {
	return []*Rule{
		{ID: "HA5011", Title: "authkeys readable by group or others", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "Heartbeat refuses to start when authkeys is readable by anyone but its owner "+
				"(\"Bad permissions on keyfile [...], 600 recommended\"): the file holds the cluster's shared secret. "+
				"The mode is read from the file system, so this rule is silent for input from stdin. "+
				"It is an error only where the mode matters: for a file at its installed path (under /etc/ha.d/) "+
				"and for every file when --check-modes is given. A copy elsewhere (a git checkout is 0644) gets an "+
				"info saying what the mode must be once installed, so CI does not fail for a mode git cannot keep.",
				"$ ls -l /etc/ha.d/authkeys\n-rw-r--r-- 1 root root 32 authkeys", "$ chmod 600 /etc/ha.d/authkeys\n-rw------- 1 root root 32 authkeys"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					for _, ak := range c.authkeys {
						if ak.HasMode && ak.Mode&0o044 != 0 {
							path := ak.Range.Filename
							if (p.Config != nil && p.Config.CheckModes) || installedHAPath(path) {
								p.Reportf(hbStart(ak.Range), "%s has mode %04o: readable by group or others, so heartbeat refuses to start; run chmod 600 %s", path, ak.Mode&0o7777, path)
								continue
							}
							// A copy (a git checkout is 0644): say what the mode
							// must be once installed, without failing CI.
							p.Reportf(hbStart(ak.Range), "%s has mode %04o here; installed as /etc/ha.d/authkeys it must be 0600 (heartbeat refuses to start otherwise): install it with install -m 600 (--check-modes makes this an error)", path, ak.Mode&0o7777).Severity = model.SeverityInfo
						}
					}
				}
			}},
		{ID: "HA5012", Title: "authkeys crc key: no authentication", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "The crc method only detects corrupted packets: it has no secret, so anyone on the network can inject "+
				"heartbeat messages. Use sha1.", "auth 1\n1 crc", "auth 1\n1 sha1 a-long-random-secret"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					for _, ak := range c.authkeys {
						for _, k := range ak.Keys {
							if k.Method == "crc" {
								p.Reportf(hbStart(k.Range), "authkeys key %d uses crc, which has no secret and authenticates nothing: use sha1 with a random secret", k.Index)
							}
						}
					}
				}
			}},
		{ID: "HA5013", Title: "authkeys md5 key: weak hash", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "md5 is a broken hash; heartbeat's own documentation ranks sha1 above it. Prefer sha1.",
				"auth 1\n1 md5 a-long-random-secret", "auth 1\n1 sha1 a-long-random-secret"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					for _, ak := range c.authkeys {
						for _, k := range ak.Keys {
							if k.Method == "md5" {
								p.Reportf(hbStart(k.Range), "authkeys key %d uses md5, a weak hash: prefer sha1", k.Index)
							}
						}
					}
				}
			}},
		{ID: "HA5014", Title: "auth names no key", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "`auth N` selects the key that signs outgoing packets; heartbeat refuses to start when there is no auth line "+
				"(\"Missing auth directive\") or when no key N is defined (\"Auth Key [N] not found\").",
				"auth 2\n1 sha1 a-long-random-secret", "auth 1\n1 sha1 a-long-random-secret"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					for _, ak := range c.authkeys {
						if ak.ActiveRange.IsZero() {
							p.Reportf(hbStart(ak.Range), "%s has no \"auth N\" line selecting the signing key: heartbeat refuses to start", ak.Range.Filename)
							continue
						}
						found := false
						for _, k := range ak.Keys {
							found = found || k.Index == ak.Active
						}
						if !found {
							p.Reportf(ak.ActiveRange, "auth %d names a key that is not defined in %s: heartbeat refuses to start", ak.Active, ak.Range.Filename)
						}
					}
				}
			}},
		{ID: "HA5015", Title: "authkeys index out of range or duplicated", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "Key indexes are 1 to 15 and unique within the file (authkeys(5)). Heartbeat refuses indexes of 16 and more, "+
				"accepts an undocumented 0, and lets a repeated index silently replace the earlier key.",
				"auth 1\n1 sha1 old-secret\n1 sha1 new-secret\n16 sha1 other", "auth 2\n1 sha1 old-secret\n2 sha1 new-secret"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					for _, ak := range c.authkeys {
						seen := map[int]*model.AuthKey{}
						for _, k := range ak.Keys {
							if k.Index < 1 || k.Index > 15 {
								p.Reportf(hbStart(k.Range), "authkeys key index %d is outside 1..15", k.Index)
							}
							if first, dup := seen[k.Index]; dup {
								d := p.Reportf(hbStart(k.Range), "authkeys key %d is defined twice; heartbeat silently keeps this one and drops the one at %s", k.Index, first.Range)
								d.Related = []model.Related{{Message: "first definition", Subject: first.Range}}
							} else {
								seen[k.Index] = k
							}
						}
					}
				}
			}},
		{ID: "HA5040", Title: "deadtime not above twice keepalive", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "A node is declared dead after deadtime without heartbeats, which are sent every keepalive. Heartbeat refuses "+
				"to start unless deadtime is more than twice keepalive (defaults: keepalive 1 s, deadtime 30 s).",
				"keepalive 5\ndeadtime 10", "keepalive 2\ndeadtime 10"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					hb := c.hb()
					if hb == nil || hb.Timing == nil {
						continue
					}
					tm := hb.Timing
					if (tm.Keepalive == nil && tm.Deadtime == nil) || (tm.Keepalive != nil && !tm.Keepalive.Valid()) || (tm.Deadtime != nil && !tm.Deadtime.Valid()) {
						continue
					}
					t := effectiveTimes(tm)
					if t.deadtime <= 2*t.keepalive {
						at := tm.Deadtime
						if at == nil {
							at = tm.Keepalive
						}
						p.Reportf(at.Range, "deadtime %s is not more than twice keepalive %s: heartbeat refuses to start; make deadtime at least %s",
							fmtMS(t.deadtime), fmtMS(t.keepalive), fmtMS(2*t.keepalive+t.keepalive))
					}
				}
			}},
		{ID: "HA5041", Title: "warntime outside keepalive..deadtime", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "warntime is when heartbeat logs a late heartbeat; it only makes sense between keepalive and deadtime "+
				"(a warning after the node is declared dead, or before the next heartbeat is even due, tells nothing).",
				"keepalive 2\nwarntime 15\ndeadtime 10", "keepalive 2\nwarntime 6\ndeadtime 10"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					hb := c.hb()
					if hb == nil || hb.Timing == nil || !hb.Timing.Warntime.Valid() {
						continue
					}
					t := effectiveTimes(hb.Timing)
					if t.warntime <= t.keepalive || t.warntime >= t.deadtime {
						p.Reportf(hb.Timing.Warntime.Range, "warntime %s is outside keepalive %s .. deadtime %s", fmtMS(t.warntime), fmtMS(t.keepalive), fmtMS(t.deadtime))
					}
				}
			}},
		{ID: "HA5042", Title: "initdead shorter than twice deadtime", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "initdead is the dead time used right after start-up, while the network and the other nodes come up; "+
				"heartbeat's documentation asks for at least twice deadtime. Below deadtime heartbeat refuses to start (reported as an error).",
				"deadtime 30\ninitdead 30", "deadtime 30\ninitdead 60"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					hb := c.hb()
					if hb == nil || hb.Timing == nil || !hb.Timing.Initdead.Valid() || (hb.Timing.Deadtime != nil && !hb.Timing.Deadtime.Valid()) {
						continue
					}
					t := effectiveTimes(hb.Timing)
					switch {
					case t.initdead < t.deadtime:
						d := p.Reportf(hb.Timing.Initdead.Range, "initdead %s is shorter than deadtime %s: heartbeat refuses to start; use at least %s", fmtMS(t.initdead), fmtMS(t.deadtime), fmtMS(2*t.deadtime))
						d.Severity = model.SeverityError
					case t.initdead < 2*t.deadtime:
						p.Reportf(hb.Timing.Initdead.Range, "initdead %s is less than twice deadtime %s: nodes that boot slowly are declared dead; use at least %s", fmtMS(t.initdead), fmtMS(t.deadtime), fmtMS(2*t.deadtime))
					}
				}
			}},
		{ID: "HA5043", Title: "deadtime too short", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "With a deadtime under 5 seconds a short network hiccup or a busy node triggers a failover (and, with fencing, "+
				"a reboot). Heartbeat's documentation starts at 10 seconds.",
				"keepalive 500ms\ndeadtime 2", "keepalive 2\ndeadtime 10"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					hb := c.hb()
					if hb == nil || hb.Timing == nil || !hb.Timing.Deadtime.Valid() {
						continue
					}
					if ms := hb.Timing.Deadtime.Millis; ms < 5000 {
						p.Reportf(hb.Timing.Deadtime.Range, "deadtime %s is very short: a brief network or scheduling delay will trigger a failover; use 10 seconds or more", fmtMS(ms))
					}
				}
			}},
		{ID: "HA5050", Title: "no node lines", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "ha.cf must list the cluster's nodes with `node` lines (unless `autojoin any`); heartbeat refuses to start otherwise.",
				"bcast eth0\nkeepalive 2", "bcast eth0\nkeepalive 2\nnode alice bob"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil || len(c.hacf.Nodes) > 0 {
						continue
					}
					if aj := hbDirective(c.hb(), "autojoin"); aj != nil && strings.EqualFold(strings.TrimSpace(aj.Value), "any") {
						continue
					}
					p.Reportf(hbStart(c.hacf.Range), "%s has no node lines: heartbeat refuses to start; add \"node <uname -n of each member>\"", c.hacf.Heartbeat.ConfigFile)
				}
			}},
		{ID: "HA5051", Title: "duplicate or upper-case node name", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "Heartbeat lower-cases node names, so `Alice` and `alice` are one node and an upper-case name never matches "+
				"`uname -n` as written. A node listed twice is one node.",
				"node Alice\nnode bob\nnode alice", "node alice bob"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil {
						continue
					}
					seen := map[string]*model.MemberNode{}
					for _, n := range c.hacf.Nodes {
						l := strings.ToLower(n.Name)
						if first, dup := seen[l]; dup {
							d := p.Reportf(n.Range, "node %s is listed twice (first at %s; heartbeat lower-cases names)", n.Name, first.Range)
							d.Related = []model.Related{{Message: "first listed here", Subject: first.Range}}
							continue
						}
						seen[l] = n
						if l != n.Name {
							p.Reportf(n.Range, "node name %s has upper-case letters: heartbeat lower-cases it to %s, which must be the node's uname -n", n.Name, l)
						}
					}
				}
			}},
		{ID: "HA5052", Title: "medium given twice", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "The same medium on the same interface (two `bcast eth0`, the same ucast peer twice, the same mcast group on one "+
				"device) makes heartbeat send every packet twice on one path without adding redundancy.",
				"bcast eth0\nbcast eth1 eth0", "bcast eth0 eth1"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil {
						continue
					}
					seen := map[string]*model.Link{}
					for _, l := range c.hacf.Links {
						var key string
						switch l.Medium {
						case "bcast", "serial", "hbaping":
							key = l.Medium + " " + l.Interface
						case "ucast", "ucast6":
							key = l.Medium + " " + l.Interface + " " + l.Options.Value("peer")
						case "mcast", "mcast6":
							key = l.Medium + " " + l.Interface + " " + l.Options.Value("group") + " " + l.Options.Value("port")
						case "ping", "ping6":
							key = l.Medium + " " + l.Options.Value("host")
						default:
							continue
						}
						if first, dup := seen[key]; dup {
							d := p.Reportf(l.Range, "%s is given twice (first at %s): heartbeat sends every packet twice on the same path", key, first.Range)
							d.Related = []model.Related{{Message: "first given here", Subject: first.Range}}
							continue
						}
						seen[key] = l
					}
				}
			}},
		{ID: "HA5053", Title: "mcast ttl out of range", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "Heartbeat 3.0.6's mcast plugin accepts a ttl (mcast6: hops) of 0 to 4 only, although the man page says 0-255; "+
				"a larger value makes the medium fail to start.",
				"mcast eth0 239.192.0.42 694 32 0", "mcast eth0 239.192.0.42 694 1 0"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil {
						continue
					}
					for _, l := range c.hacf.Links {
						if l.Medium != "mcast" && l.Medium != "mcast6" {
							continue
						}
						name := "ttl"
						if l.Medium == "mcast6" {
							name = "hops"
						}
						o, ok := l.Options.Get(name)
						if !ok {
							continue
						}
						if n, err := strconv.Atoi(strings.TrimSpace(o.Value)); err == nil && (n < 0 || n > 4) {
							p.Reportf(o.Range, "%s %s %d is outside 0..4, the range heartbeat's %s plugin accepts", l.Medium, name, n, l.Medium)
						}
					}
				}
			}},
		{ID: "HA5054", Title: "udpport shared by clusters", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "Two heartbeat clusters checked together use the same UDP port for bcast on the same interface name, or for ucast towards "+
				"the same /24 network, or the same mcast group and port: "+
				"on a shared network each receives the other's packets, rejects them as badly signed and floods the log, and with the same "+
				"authkeys they would even merge. Give each cluster its own udpport.",
				"# cluster-a/ha.cf\nudpport 694\nbcast eth0\n# cluster-b/ha.cf\nudpport 694\nbcast eth0",
				"# cluster-a/ha.cf\nudpport 694\nbcast eth0\n# cluster-b/ha.cf\nudpport 695\nbcast eth0"),
			Check: func(p *Pass) {
				type use struct {
					file string
					r    model.Range
				}
				first := map[string]use{}
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil {
						continue
					}
					file := c.hacf.Heartbeat.ConfigFile
					done := map[string]bool{}
					for _, l := range c.hacf.Links {
						var key, what string
						switch l.Medium {
						case "bcast":
							// Broadcasts meet on a shared segment: the same
							// port on the same interface name.
							port := l.Options.Value("udpport")
							key, what = "udp "+port+" "+l.Interface, "udpport "+port+" (bcast on "+l.Interface+")"
						case "ucast":
							// Unicast meets only where the peers share a
							// network: the same port towards the same /24.
							port := l.Options.Value("udpport")
							net24 := l.Options.Value("peer")
							if i := strings.LastIndexByte(net24, '.'); i > 0 {
								net24 = net24[:i] + ".0/24"
							}
							key, what = "udp "+port+" "+net24, "udpport "+port+" (ucast to "+net24+")"
						case "mcast", "mcast6":
							key = "mcast " + l.Options.Value("group") + " " + l.Options.Value("port")
							what = "mcast group " + l.Options.Value("group") + " port " + l.Options.Value("port")
						default:
							continue
						}
						if done[key] {
							continue
						}
						done[key] = true
						at := l.Range
						if o, ok := l.Options.Get("udpport"); ok {
							at = o.Range
						}
						if f, ok := first[key]; ok && f.file != file {
							d := p.Reportf(at, "%s is also used by the cluster of %s: the clusters receive each other's packets; give each its own port", what, f.file)
							d.Related = []model.Related{{Message: "other cluster", Subject: f.r}}
						} else if !ok {
							first[key] = use{file, at}
						}
					}
				}
			}},
		{ID: "HA5060", Title: "haresources ignored with crm on", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "With `crm`/`pacemaker` on, heartbeat does not read haresources: its resources are not managed. Convert them "+
				"to the CIB (`hakit convert --from heartbeat`) and remove the file, or turn crm off.",
				"# ha.cf\ncrm yes\n# haresources\nalice IPaddr::10.0.0.10/24/eth0 apache", "# ha.cf\ncrm yes\n# no haresources; resources live in the CIB"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					o, on := hbPacemaker(c.hb())
					if !on {
						continue
					}
					for _, hr := range c.haresources {
						if len(hr.Lines) == 0 {
							continue
						}
						d := p.Reportf(hbStart(hr.Lines[0].Range), "%s is ignored: %s at %s hands resource management to Pacemaker; move these resources into the CIB", hr.Range.Filename, o.Name+" "+o.Value, o.Range)
						d.Related = []model.Related{{Message: "crm turned on here", Subject: o.Range}}
					}
				}
			}},
		{ID: "HA5061", Title: "haresources node not in ha.cf", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbDoc("", "The first field of a haresources line is the group's preferred node; it must be one of ha.cf's `node` names "+
				"(compared lower-case), otherwise the group never runs on its preferred node.",
				"# ha.cf\nnode alice bob\n# haresources\nlisa IPaddr::10.0.0.10/24/eth0 apache", "# ha.cf\nnode alice bob\n# haresources\nalice IPaddr::10.0.0.10/24/eth0 apache"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil || len(c.hacf.Nodes) == 0 {
						continue
					}
					nodes := map[string]bool{}
					var names []string
					for _, n := range c.hacf.Nodes {
						nodes[strings.ToLower(n.Name)] = true
						names = append(names, strings.ToLower(n.Name))
					}
					sort.Strings(names)
					for _, hr := range c.haresources {
						for _, l := range hr.Lines {
							if !nodes[strings.ToLower(l.Node)] {
								msg := "haresources node %s is not a node of %s (nodes: %s)"
								if s := Suggest(l.Node, names); s != "" {
									msg += fmt.Sprintf("; did you mean %s?", s)
								}
								p.Reportf(l.NodeRange, msg, l.Node, c.hacf.Heartbeat.ConfigFile, strings.Join(names, ", "))
							}
						}
					}
				}
			}},
		{ID: "HA5062", Title: "ping nodes nothing uses", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbDoc("", "ping and ping_group nodes only measure connectivity; something must act on it: ipfail (respawned) in v1 "+
				"clusters, or with Pacemaker a ping resource and a location rule on its attribute (pingd). Without one the ping nodes "+
				"cost traffic and protect nothing.",
				"crm yes\nping 10.0.0.254\n# and a CIB without a location rule on pingd",
				"crm yes\nping 10.0.0.254\n# CIB: location l-web web rule -inf: not_defined pingd or pingd lte 0"),
			Check: func(p *Pass) {
				for _, c := range heartbeatClusters(p) {
					if c.hacf == nil {
						continue
					}
					var pings []*model.Link
					for _, l := range c.hacf.Links {
						if l.Medium == "ping" || l.Medium == "ping6" || l.Medium == "ping_group" {
							pings = append(pings, l)
						}
					}
					if len(pings) == 0 {
						continue
					}
					hb := c.hb()
					_, crm := hbPacemaker(hb)
					if !crm {
						if respawns(hb, "ipfail") {
							continue
						}
					} else if usesPingAttribute(c.config) {
						continue
					}
					how := "no respawned ipfail acts on them"
					if crm {
						how = "no location rule in the CIB uses a ping attribute (pingd)"
					}
					for _, l := range pings {
						p.Reportf(l.Range, "%s node is unused: %s", l.Medium, how)
					}
				}
			}},
	}
}

func respawns(hb *model.Heartbeat, prog string) bool {
	if hb == nil {
		return false
	}
	for _, d := range hb.Directives {
		if (d.Name == "respawn" || d.Name == "failfast") && strings.Contains(d.Value, prog) {
			return true
		}
	}
	return false
}

// usesPingAttribute reports whether a location rule of cfg tests a node
// attribute set by a ping resource (pingd by default, or a ping resource's
// name parameter).
func usesPingAttribute(cfg *model.Configuration) bool {
	if cfg == nil {
		return false
	}
	attrs := map[string]bool{"pingd": true}
	model.Primitives(cfg.Resources, func(x *model.Primitive) {
		if x.Type == "ping" || x.Type == "pingd" {
			if v, ok := model.Lookup(x.InstanceAttrs, "name"); ok {
				attrs[v] = true
			}
		}
	})
	var inRule func(ru *model.Rule) bool
	inRule = func(ru *model.Rule) bool {
		for _, e := range ru.Expressions {
			switch x := e.(type) {
			case *model.Expr:
				if attrs[x.Attribute] {
					return true
				}
			case *model.Rule:
				if inRule(x) {
					return true
				}
			}
		}
		return false
	}
	for _, con := range cfg.Constraints {
		if l, ok := con.(*model.Location); ok {
			for _, ru := range l.Rules {
				if inRule(ru) {
					return true
				}
			}
		}
	}
	return false
}

func heartbeatConvertRules() []*Rule {
	return []*Rule{
		{ID: "HA5901", Title: "heartbeat directive carried over", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: hbConvertDoc("a directive was mapped onto corosync 3 or Pacemaker; the finding says onto what (deadtime → totem token, "+
				"node → nodelist, auto_failback → resource-stickiness, ping → ocf:pacemaker:ping clone, ...).",
				"deadtime 10\nauto_failback on", "Nothing; check the mapping reads as intended.")},
		{ID: "HA5902", Title: "heartbeat directive not carried over", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbConvertDoc("a directive has no equivalent in corosync 3 + Pacemaker and was dropped: serial and hbaping media, "+
				"v1 stonith lines, autojoin, compression, an unknown directive, ...; the finding says what to do instead.",
				"serial /dev/ttyS0\nstonith_host * apcsmart /dev/ttyS1", "Configure fencing in Pacemaker (a stonith resource) and use a second network link instead of the serial line.")},
		{ID: "HA5903", Title: "heartbeat directive not needed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: hbConvertDoc("a directive configured heartbeat itself (respawn and apiauth of the Pacemaker daemons, crm, use_logd, realtime, ...) "+
				"and is not needed with corosync 3 + Pacemaker, which start their daemons themselves.",
				"crm respawn\napiauth ipfail gid=haclient uid=hacluster", "Nothing.")},
		{ID: "HA5904", Title: "node address missing", Severity: model.SeverityError, Since: "0.1.0",
			Doc: hbConvertDoc("corosync 3 needs every node's address on every link, but bcast and mcast media name only interfaces, and ucast "+
				"peers do not say which node they belong to. Give the addresses with `--node-addr name=addr[,addr-of-link-1...]` or "+
				"pass a hosts file (`addr name` lines) as an input.",
				"bcast eth0\nnode alice bob", "hakit convert --from heartbeat /etc/ha.d --to corosync --node-addr alice=10.0.0.1 --node-addr bob=10.0.0.2")},
		{ID: "HA5905", Title: "new corosync key needed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: hbConvertDoc("heartbeat's authkeys secret cannot be reused: corosync 3 (knet) needs a binary key of at least 128 bytes. "+
				"The converted configuration turns knet encryption on (aes256/sha256); `hakit convert -o DIR` writes a new random "+
				"authkey (mode 0400) that must be copied to every node.",
				"auth 1\n1 sha1 a-secret", "Copy the new authkey to /etc/corosync/authkey on every node (mode 0400, owner root).")},
		{ID: "HA5906", Title: "haresources resource mapped with assumptions", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbConvertDoc("a haresources resource was mapped onto an agent by guessing: a script hakit does not know becomes an lsb: "+
				"init script, positional arguments of unknown agents cannot be named, drbddisk becomes a promotable ocf:linbit:drbd clone.",
				"alice myapp::arg1", "Check the primitive hakit wrote; rename parameters or pick the right agent.")},
		{ID: "HA5907", Title: "haresources not converted with crm on", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbConvertDoc("ha.cf turns crm/pacemaker on, so heartbeat ignored haresources; the converter carries the CIB given alongside "+
				"over instead and does not add haresources' resources.",
				"# ha.cf: crm yes\n# haresources: alice 10.0.0.10 apache", "Remove haresources, or convert it separately with crm off if its resources are wanted.")},
		{ID: "HA5908", Title: "converted cluster has no fence device", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: hbConvertDoc("heartbeat v1 ran resources without fencing, but Pacemaker's stonith-enabled is true by default and, with no "+
				"fence device, Pacemaker starts no resource at all (crm_verify: \"Resource start-up disabled since no STONITH resources have been defined\"). "+
				"The converter does not turn fencing off for you: that trades data safety for availability, a decision for the administrator.",
				"# ha.cf: node alice / node bob, no stonith directive\n# haresources: alice 10.0.0.10 apache",
				"crm configure primitive fence-ipmi stonith:fence_ipmilan params ip=10.0.0.100 username=admin password=... pcmk_host_list=\"alice bob\"")},
	}
}

// installedHAPath reports whether path is at heartbeat's installed place,
// /etc/ha.d/, where its mode is the one heartbeat reads.
func installedHAPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return strings.HasPrefix(filepath.ToSlash(abs), "/etc/ha.d/")
}
