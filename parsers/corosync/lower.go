package corosync

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"hakit/model"
)

// Diagnostic codes reported by this parser; each is registered as a rule in
// verify/corosync_parser.go.
const (
	CodeSyntax           = "HA4001"
	CodeTextAfterBrace   = "HA4002"
	CodeNBSP             = "HA4003"
	CodeLineTooLong      = "HA4004"
	CodeDuplicateSection = "HA4005"
	CodeDuplicateKey     = "HA4006"
	CodeVersionGuess     = "HA4007"
	CodeRingNumber       = "HA4008"
	CodeBadValue         = "HA4009"
	CodeDropped          = "HA4010"
	CodeType             = "HA4011"
)

// intKeys are the keys corosync 2.x and 3.x type-check as unsigned integers
// while parsing (exec/coroparse.c), by dotted section path; boolKeys take
// only 0 or 1.
var intKeys = map[string]bool{
	"totem.token": true, "totem.token_coefficient": true, "totem.token_warning": true, "totem.consensus": true,
	"totem.join": true, "totem.merge": true, "totem.downcheck": true, "totem.fail_recv_const": true,
	"totem.seqno_unchanged_const": true, "totem.send_join": true, "totem.window_size": true, "totem.max_messages": true,
	"totem.miss_count_const": true, "totem.token_retransmit": true, "totem.hold": true,
	"totem.token_retransmits_before_loss_const": true, "totem.netmtu": true, "totem.knet_mtu": true,
	"totem.heartbeat_failures_allowed": true, "totem.max_network_delay": true, "totem.knet_pmtud_interval": true,
	"totem.config_version": true, "totem.version": true, "totem.nodeid": true,
	"totem.interface.ringnumber": true, "totem.interface.linknumber": true, "totem.interface.mcastport": true,
	"totem.interface.ttl": true, "totem.interface.knet_link_priority": true, "totem.interface.knet_ping_interval": true,
	"totem.interface.knet_ping_timeout": true, "totem.interface.knet_ping_precision": true,
	"totem.interface.knet_pong_count": true,
	"nodelist.node.nodeid":            true, "nodelist.node.quorum_votes": true,
	"quorum.expected_votes": true, "quorum.votes": true, "quorum.last_man_standing_window": true,
	"quorum.device.votes": true, "quorum.device.timeout": true, "quorum.device.sync_timeout": true,
}

var boolKeys = map[string]bool{
	"quorum.two_node": true, "quorum.wait_for_all": true, "quorum.last_man_standing": true,
	"quorum.allow_downscale": true, "quorum.expected_votes_tracking": true,
}

// keyTypes is intKeys and boolKeys by section path, then key.
var keyTypes = func() map[string]map[string]byte {
	out := map[string]map[string]byte{}
	for t, keys := range map[byte]map[string]bool{'i': intKeys, 'b': boolKeys} {
		for k := range keys {
			i := strings.LastIndexByte(k, '.')
			if out[k[:i]] == nil {
				out[k[:i]] = map[string]byte{}
			}
			out[k[:i]][k[i+1:]] = t
		}
	}
	return out
}()

// typeCheck reports a value corosync 2.x/3.x refuses while parsing (1.x
// reads it with atoi: a warning there).
func (l *lowerer) typeCheck(path string, it *item) {
	bad := ""
	switch keyTypes[path][it.name] {
	case 'i':
		if _, err := strconv.ParseUint(it.value, 10, 64); err != nil {
			bad = "an unsigned integer"
		}
	case 'b':
		if it.value != "0" && it.value != "1" {
			bad = "0 or 1"
		}
	}
	if bad == "" {
		return
	}
	k := path + "." + it.name
	if l.old {
		l.s.diags.Warnf(it.valueRng, CodeType, "%s is %q, not %s; corosync %s reads it as a number anyway (atoi), corosync 2 and 3 refuse it", k, redact(it), bad, l.m.Version)
		return
	}
	l.s.diags.Errorf(it.valueRng, CodeType, "%s is %q, not %s: corosync refuses the file", k, redact(it), bad)
}

// NumberedBy is the Link.Extra attribute recording which key numbered a
// totem.interface block: "ringnumber", "linknumber" or "none".
const NumberedBy = "numbered_by"

// Parse reads a corosync.conf (or openais.conf) and lowers it into a
// cluster whose Membership has Origin "corosync".
func Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	s := &scanner{src: src, file: filename}
	root := s.parseSyntax()
	l := &lowerer{s: s, keys: map[string]*model.Option{}}
	m := l.lower(root, filename)
	c := &model.Cluster{Sources: []string{filename}, Membership: m}
	return c, s.diags
}

type lowerer struct {
	s    *scanner
	m    *model.Membership
	keys map[string]*model.Option
	// three is true when the content is corosync 3 (decided before
	// lowering interfaces, since 3.x ignores ringnumber); old when it is
	// openais 0.80 or corosync 1 (no type checks at parse time).
	three, old bool
}

func opt(it *item) *model.Option {
	o := &model.Option{Name: it.name, Value: it.value}
	o.Range = it.rng
	if model.IsSensitive(it.name) {
		o.Secret, o.Value = model.NewSecret(it.value), ""
	}
	return o
}

func (l *lowerer) typed(path string, it *item) {
	o := &model.Option{Name: path, Value: it.value}
	o.Range = it.rng
	if model.IsSensitive(it.name) {
		o.Value = ""
	}
	l.keys[path] = o
}

// options lowers the keys of it, reporting repeated keys.
func (l *lowerer) keyList(sec *item, path string, keep func(*item) bool) model.Options {
	var out model.Options
	var seen map[string]*item // made when a section has many keys
	if len(sec.children) > 16 {
		seen = map[string]*item{}
	}
	for i, it := range sec.children {
		if it.section {
			continue
		}
		var prev *item
		if seen != nil {
			prev = seen[it.name]
			seen[it.name] = it
		} else {
			for _, p := range sec.children[:i] {
				if !p.section && p.name == it.name {
					prev = p // the last one before it
				}
			}
		}
		if prev != nil {
			d := &model.Diagnostic{Severity: model.SeverityWarning, Code: CodeDuplicateKey,
				Summary: fmt.Sprintf("key %s.%s set twice; corosync uses the last value %q", path, it.name, redact(it)),
				Subject: ptr(it.rng), Related: []model.Related{{Message: "first set here", Subject: prev.rng}}}
			l.s.diags = append(l.s.diags, d)
		}
		l.typeCheck(path, it)
		if keep(it) {
			out = append(out, opt(it))
		}
	}
	return out
}

func redact(it *item) string {
	if model.IsSensitive(it.name) {
		return "<redacted>"
	}
	return it.value
}

func ptr(r model.Range) *model.Range { return &r }

// merged returns the children of all top-level sections called name,
// reporting every repetition after the first.
func (l *lowerer) merged(secs []*item, what string) *item {
	if len(secs) == 0 {
		return nil
	}
	out := &item{section: true, name: secs[0].name, rng: secs[0].rng, nameRng: secs[0].nameRng}
	for i, s := range secs {
		if i > 0 {
			l.s.diags = append(l.s.diags, &model.Diagnostic{Severity: model.SeverityWarning, Code: CodeDuplicateSection,
				Summary: fmt.Sprintf("second %s section: corosync 2.x and 3.x merge it silently into the first (later keys win), 1.x keeps it apart and usually reads only the first", what),
				Subject: ptr(s.nameRng), Related: []model.Related{{Message: "first " + what + " section", Subject: secs[0].nameRng}}})
		}
		out.children = append(out.children, s.children...)
	}
	return out
}

func (l *lowerer) lower(root *item, filename string) *model.Membership {
	m := &model.Membership{Origin: "corosync", Corosync: &model.Corosync{}}
	l.m = m
	m.Range = l.s.span(model.Pos{Line: 1, Column: 1}, l.s.eof)
	m.Corosync.Range = m.Range
	var totems, nodelists, quorums []*item
	seenOther := map[string]*item{}
	for _, it := range root.children {
		if !it.section {
			m.Corosync.TopLevel = append(m.Corosync.TopLevel, opt(it))
			continue
		}
		switch it.name {
		case "totem":
			totems = append(totems, it)
		case "nodelist":
			nodelists = append(nodelists, it)
		case "quorum":
			quorums = append(quorums, it)
		default:
			if prev, ok := seenOther[it.name]; ok && it.name != "service" {
				l.s.diags = append(l.s.diags, &model.Diagnostic{Severity: model.SeverityWarning, Code: CodeDuplicateSection,
					Summary: fmt.Sprintf("second %s section: corosync 2.x and 3.x merge it silently into the first (later keys win)", it.name),
					Subject: ptr(it.nameRng), Related: []model.Related{{Message: "first " + it.name + " section", Subject: prev.nameRng}}})
			}
			seenOther[it.name] = it
			m.Sections = append(m.Sections, l.generic(it))
		}
	}
	totem := l.merged(totems, "totem")
	nodelist := l.merged(nodelists, "nodelist")
	quorum := l.merged(quorums, "quorum")
	m.Version = l.detectVersion(root, totem, nodelist, filename)
	l.three = m.Version == "3"
	l.old = m.Version == "0.80" || m.Version == "1"
	if totem != nil {
		l.lowerTotem(totem)
	} else {
		l.noTotem(root)
	}
	if nodelist != nil {
		l.lowerNodelist(nodelist)
	}
	if quorum != nil {
		l.lowerQuorum(quorum)
	}
	names := make([]string, 0, len(l.keys))
	for k := range l.keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		m.Corosync.Keys = append(m.Corosync.Keys, l.keys[k])
	}
	return m
}

// noTotem reports a file without a totem section, unless it is a 1.x
// service.d or uidgid.d fragment (only service/uidgid sections).
func (l *lowerer) noTotem(root *item) {
	for _, it := range root.children {
		if !it.section || it.name == "service" || it.name == "uidgid" {
			continue
		}
		hint := ""
		if strings.EqualFold(it.name, "totem") {
			hint = fmt.Sprintf(" (section names are case-sensitive: %q is not totem)", it.name)
		}
		l.s.diags.Errorf(it.nameRng, CodeBadValue, "no totem section: corosync refuses to start (\"can only parse version 2 configurations\")%s", hint)
		return
	}
}

func (l *lowerer) generic(it *item) *model.Section {
	s := &model.Section{Name: it.name}
	s.Range = it.rng
	s.Options = l.keyList(it, it.name, func(*item) bool { return true })
	for _, c := range it.children {
		if c.section {
			s.Sections = append(s.Sections, l.generic(c))
		}
	}
	return s
}

func (l *lowerer) nested(parent string, it *item) {
	l.m.Corosync.Nested = append(l.m.Corosync.Nested, &model.CorosyncNested{Parent: parent, Section: l.generic(it)})
}

var cryptoKeys = map[string]bool{"secauth": true, "crypto_cipher": true, "crypto_hash": true, "crypto_model": true, "keyfile": true, "key": true}

func (l *lowerer) lowerTotem(t *item) {
	m := l.m
	m.Totem = l.keyList(t, "totem", func(it *item) bool {
		switch it.name {
		case "version":
			m.Corosync.TotemVersion = it.value
		case "cluster_name":
			m.ClusterName = it.value
		case "config_version":
			m.ConfigVersion = it.value
		case "transport":
			m.Transport = it.value
		default:
			if !cryptoKeys[it.name] {
				return true
			}
			if m.Crypto == nil {
				m.Crypto = &model.Crypto{}
				m.Crypto.Range = it.rng
			}
			switch it.name {
			case "secauth":
				m.Crypto.SecAuth = it.value
			case "crypto_cipher":
				m.Crypto.Cipher = it.value
			case "crypto_hash":
				m.Crypto.Hash = it.value
			case "crypto_model":
				m.Crypto.Model = it.value
			case "keyfile":
				m.Crypto.KeyFile = it.value
			case "key":
				m.Crypto.Key = model.NewSecret(it.value)
			}
		}
		l.typed("totem."+it.name, it)
		return false
	})
	if _, ok := l.keys["totem.version"]; !ok {
		l.s.diags.Errorf(t.nameRng, CodeBadValue, "totem has no \"version: 2\"; corosync refuses to start (\"can only parse version 2 configurations\")")
	} else if m.Corosync.TotemVersion != "2" {
		l.s.diags.Errorf(l.keys["totem.version"].Range, CodeBadValue, "totem.version is %q; corosync can only parse version 2 configurations", m.Corosync.TotemVersion)
	}
	byNum := map[int]*model.Link{}
	for _, it := range t.children {
		if !it.section {
			continue
		}
		if it.name != "interface" {
			l.nested("totem", it)
			continue
		}
		l.lowerInterface(it, byNum)
	}
}

func (l *lowerer) lowerInterface(it *item, byNum map[int]*model.Link) {
	link := &model.Link{}
	link.Range = it.rng
	by := "none"
	var numItem *item
	link.Options = l.keyList(it, "totem.interface", func(kv *item) bool {
		if kv.name != "ringnumber" && kv.name != "linknumber" {
			return true
		}
		n, err := strconv.Atoi(kv.value)
		if err != nil {
			return true // reported by typeCheck
		}
		if n < 0 || n > 7 {
			l.s.diags.Errorf(kv.valueRng, CodeBadValue, "%s %d is not a link number (0 to 7)", kv.name, n)
			return true
		}
		if kv.name == "ringnumber" && l.three {
			l.s.diags.Warnf(kv.rng, CodeRingNumber,
				"corosync 3 does not know ringnumber: this interface block is read as link 0 (write linknumber: %d)", n)
			n = 0
		}
		link.Number, by, numItem = n, kv.name, kv
		return false
	})
	_ = numItem
	link.Extra = model.Attrs{{Name: NumberedBy, Value: by}}
	for _, c := range it.children {
		if !c.section {
			continue
		}
		if c.name == "member" {
			for _, kv := range c.children {
				if kv.section {
					l.s.diags.Warnf(kv.nameRng, CodeDropped, "section %q inside totem.interface.member is not read by corosync; hakit drops it", kv.name)
					continue
				}
				o := opt(kv)
				o.Name = "member." + kv.name
				link.Options = append(link.Options, o)
			}
			continue
		}
		l.s.diags.Warnf(c.nameRng, CodeDropped, "section %q inside totem.interface is not read by corosync; hakit drops it", c.name)
	}
	if prev, ok := byNum[link.Number]; ok {
		l.s.diags = append(l.s.diags, &model.Diagnostic{Severity: model.SeverityWarning, Code: CodeDuplicateSection,
			Summary: fmt.Sprintf("second interface block for link %d: corosync 2.x and 3.x merge it into the first (later keys win)", link.Number),
			Subject: ptr(it.nameRng), Related: []model.Related{{Message: "first interface block", Subject: prev.Range}}})
		prev.Options = append(prev.Options, link.Options...)
		return
	}
	byNum[link.Number] = link
	l.m.Links = append(l.m.Links, link)
}

// ringAddr returns the link number of a "ring<N>_addr" key (N one digit).
func ringAddr(name string) (int, bool) {
	if len(name) == len("ring0_addr") && strings.HasPrefix(name, "ring") && strings.HasSuffix(name, "_addr") &&
		name[4] >= '0' && name[4] <= '9' {
		return int(name[4] - '0'), true
	}
	return 0, false
}

func (l *lowerer) lowerNodelist(nl *item) {
	m := l.m
	m.Corosync.NodelistOptions = l.keyList(nl, "nodelist", func(*item) bool { return true })
	for _, it := range nl.children {
		if !it.section {
			continue
		}
		if it.name != "node" {
			l.nested("nodelist", it)
			continue
		}
		n := &model.MemberNode{}
		n.Range = it.rng
		n.Options = l.keyList(it, "nodelist.node", func(kv *item) bool {
			if link, ok := ringAddr(kv.name); ok {
				a := &model.NodeAddr{Link: link, Addr: kv.value}
				a.Range = kv.rng
				n.Addrs = append(n.Addrs, a)
				return false
			}
			switch kv.name {
			case "name":
				n.Name = kv.value
				return false
			case "nodeid":
				v, err := strconv.ParseUint(kv.value, 10, 32)
				if err != nil {
					return true // reported by typeCheck
				}
				if v == 0 {
					return true // kept as written: NodeID 0 means "not given"
				}
				n.NodeID = uint32(v)
				n.NodeIDAt = kv.rng
				return false
			case "quorum_votes":
				v, err := strconv.Atoi(kv.value)
				if err != nil || v <= 0 {
					return true // kept as written; typeCheck reports non-numbers
				}
				n.Votes = v
				return false
			}
			return true
		})
		sort.SliceStable(n.Addrs, func(i, j int) bool { return n.Addrs[i].Link < n.Addrs[j].Link })
		for _, c := range it.children {
			if c.section {
				l.s.diags.Warnf(c.nameRng, CodeDropped, "section %q inside nodelist.node is not read by corosync; hakit drops it", c.name)
			}
		}
		m.Nodes = append(m.Nodes, n)
	}
}

func (l *lowerer) lowerQuorum(q *item) {
	m := l.m
	m.Quorum = &model.Quorum{}
	m.Quorum.Range = q.rng
	m.Quorum.Options = l.keyList(q, "quorum", func(kv *item) bool {
		if kv.name == "provider" {
			m.Quorum.Provider = kv.value
			l.typed("quorum.provider", kv)
			return false
		}
		return true
	})
	var devs []*item
	for _, it := range q.children {
		if !it.section {
			continue
		}
		if it.name == "device" {
			devs = append(devs, it)
			continue
		}
		l.nested("quorum", it)
	}
	dev := l.merged(devs, "quorum.device")
	if dev == nil {
		return
	}
	d := &model.QDevice{}
	d.Range = dev.rng
	d.Options = l.keyList(dev, "quorum.device", func(kv *item) bool {
		if kv.name == "model" {
			d.Model = kv.value
			l.typed("quorum.device.model", kv)
			return false
		}
		return true
	})
	var nets, heurs []*item
	for _, it := range dev.children {
		switch {
		case !it.section:
		case it.name == "net":
			nets = append(nets, it)
		case it.name == "heuristics":
			heurs = append(heurs, it)
		default:
			l.nested("quorum.device", it)
		}
	}
	if n := l.merged(nets, "quorum.device.net"); n != nil {
		d.Net = l.keyList(n, "quorum.device.net", func(*item) bool { return true })
		l.dropSubsections(n, "quorum.device.net")
	}
	if h := l.merged(heurs, "quorum.device.heuristics"); h != nil {
		d.Heuristics = l.keyList(h, "quorum.device.heuristics", func(*item) bool { return true })
		l.dropSubsections(h, "quorum.device.heuristics")
	}
	m.Quorum.Device = d
}

func (l *lowerer) dropSubsections(it *item, path string) {
	for _, c := range it.children {
		if c.section {
			l.s.diags.Warnf(c.nameRng, CodeDropped, "section %q inside %s is not read by corosync; hakit drops it", c.name, path)
		}
	}
}

// evidence is one hint at the dialect: the key or section at rng exists
// from version min on, or until version max.
type evidence struct {
	ver  int // index into versions
	what string
	rng  model.Range
}

var versions = []string{"0.80", "1", "2", "3"}

func (l *lowerer) detectVersion(root, totem, nodelist *item, filename string) string {
	var lows, highs []evidence // lows: "at least", highs: "at most"
	low := func(v int, what string, r model.Range) { lows = append(lows, evidence{v, what, r}) }
	high := func(v int, what string, r model.Range) { highs = append(highs, evidence{v, what, r}) }
	base := strings.ToLower(filepath.Base(filename))
	for _, it := range root.children {
		switch {
		case !it.section && it.name == "compatibility":
			low(1, "compatibility", it.rng)
			high(1, "compatibility", it.rng)
		case !it.section:
		case it.name == "nodelist":
			low(2, "nodelist", it.nameRng)
		case it.name == "quorum" || it.name == "uidgid":
			low(1, it.name, it.nameRng)
		case it.name == "qb":
			low(2, "qb", it.nameRng)
			high(2, "qb", it.nameRng)
		case it.name == "resources":
			low(2, "resources", it.nameRng)
		case it.name == "system" || it.name == "nozzle":
			low(3, it.name, it.nameRng)
		case it.name == "aisexec" || it.name == "amf" || it.name == "event":
			high(1, it.name, it.nameRng)
		case it.name == "service":
			high(1, "service", it.nameRng)
		case it.name == "logging":
			for _, c := range it.children {
				switch {
				case c.section && c.name == "logger_subsys":
					low(1, "logging.logger_subsys", c.nameRng)
				case c.section && c.name == "logger":
					high(0, "logging.logger", c.nameRng)
				case !c.section && c.name == "to_logfile":
					low(1, "logging.to_logfile", c.rng)
				case !c.section && c.name == "to_file":
					high(1, "logging.to_file", c.rng)
				}
			}
		}
	}
	if totem != nil {
		for _, it := range totem.children {
			switch {
			case it.section && it.name == "interface":
				for _, c := range it.children {
					switch {
					case c.section && c.name == "member":
						high(1, "totem.interface.member", c.nameRng)
					case c.section:
					case c.name == "linknumber" || strings.HasPrefix(c.name, "knet_"):
						low(3, "totem.interface."+c.name, c.rng)
					case c.name == "ringnumber":
						high(2, "totem.interface.ringnumber", c.rng)
					}
				}
			case it.section:
			case it.name == "transport" && it.value == "knet":
				low(3, "transport: knet", it.rng)
			case it.name == "transport" && it.value == "iba":
				high(2, "transport: iba", it.rng)
			case it.name == "link_mode" || it.name == "crypto_model" || it.name == "knet_mtu" || strings.HasPrefix(it.name, "knet_") || it.name == "ip_dscp":
				low(3, "totem."+it.name, it.rng)
			case it.name == "ip_version" && strings.Contains(it.value, "-"):
				low(3, "ip_version: "+it.value, it.rng)
			case it.name == "cluster_name" || it.name == "crypto_cipher" || it.name == "crypto_hash" || it.name == "config_version":
				low(2, "totem."+it.name, it.rng)
			case it.name == "rrp_mode" || strings.HasPrefix(it.name, "rrp_"):
				high(2, "totem."+it.name, it.rng)
			case it.name == "threads" || it.name == "vsftype" || it.name == "crypto_type" || it.name == "crypto_accept":
				high(1, "totem."+it.name, it.rng)
			}
		}
	}
	if nodelist != nil {
		for _, n := range nodelist.children {
			for _, c := range n.children {
				if link, ok := ringAddr(c.name); ok && link >= 2 {
					low(3, "nodelist.node."+c.name, c.rng)
				}
			}
		}
	}
	lo, hi := 0, 3
	var loE, hiE *evidence
	for i := range lows {
		if lows[i].ver > lo || loE == nil && lows[i].ver == lo {
			lo, loE = lows[i].ver, &lows[i]
		}
	}
	for i := range highs {
		if highs[i].ver < hi || hiE == nil && highs[i].ver == hi {
			hi, hiE = highs[i].ver, &highs[i]
		}
	}
	at := model.Range{Filename: l.s.file, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 1}}
	if totem != nil {
		at = totem.nameRng
	}
	if lo > hi {
		l.s.diags.Infof(loE.rng, CodeVersionGuess,
			"file mixes dialects: %s needs corosync %s or later, but %s (line %d) belongs to corosync %s or earlier; read as corosync %s",
			loE.what, versions[lo], hiE.what, hiE.rng.Start.Line, versions[hi], versions[lo])
		return versions[lo]
	}
	if lo == hi {
		return versions[lo]
	}
	// Ambiguous: pick the most likely reading and say why.
	guess := lo
	why := ""
	switch {
	case lo <= 1 && hi >= 1 && strings.Contains(base, "openais"):
		guess, why = 0, "the file is named openais.conf"
	case lo < 1:
		guess, why = 1, "nothing in it is specific to openais 0.80 or to corosync 2 and later"
		if hi == 0 {
			guess = 0
		}
	case lo == 2 && hi == 3:
		guess, why = 3, "a nodelist without rrp_mode, ringnumber or other 2.x-only keys reads the same in both"
		if totem != nil {
			for _, it := range totem.children {
				if !it.section && it.name == "transport" && (it.value == "udpu" || it.value == "udp") {
					guess, why = 2, "it has a nodelist and transport: "+it.value+" with no corosync 3 key"
				}
			}
		}
	default:
		why = "that is the oldest version with every key it uses"
	}
	if guess > hi {
		guess = hi
	}
	if loE != nil {
		at = loE.rng
	}
	l.s.diags.Infof(at, CodeVersionGuess, "could be corosync %s to %s; read as %s because %s",
		versions[lo], versions[hi], versions[guess], why)
	return versions[guess]
}
