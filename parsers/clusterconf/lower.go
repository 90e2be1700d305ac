package clusterconf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"hakit/model"
)

// Parse reads a cluster.conf. It returns a partial model and diagnostics
// whenever the bytes could be read; it never panics.
func Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	p := &parser{file: filename, src: src, li: model.NewLineIndex(src)}
	m := &model.Membership{Origin: "cman", CMAN: &model.CMAN{}}
	c := &model.Cluster{Sources: []string{filename}, Membership: m}
	doc, pos, serr := readTree(src)
	if serr != nil {
		p.diags.Errorf(p.li.Range(filename, serr.off, serr.off), CodeSyntax, "%s", serr.msg)
		return c, p.diags
	}
	p.pos = pos
	root := doc.Root()
	if root == nil {
		p.diags.Errorf(p.li.Range(filename, 0, 0), CodeSyntax, "no root element")
		return c, p.diags
	}
	if root.FullTag() != "cluster" {
		p.diags.Errorf(p.rangeOf(root), CodeSyntax, "root element is <%s>, not <cluster>: not a cluster.conf", root.FullTag())
		return c, p.diags
	}
	p.lowerCluster(root, m)
	return c, p.diags
}

type parser struct {
	file  string
	src   []byte
	li    *model.LineIndex
	pos   map[*etree.Element]*span
	diags model.Diagnostics
}

// rangeOf is the range of the whole element.
func (p *parser) rangeOf(e *etree.Element) model.Range {
	if s, ok := p.pos[e]; ok {
		return p.li.Range(p.file, s.start, s.end)
	}
	return p.li.Range(p.file, 0, 0)
}

// tagRange is the range of the element's start tag.
func (p *parser) tagRange(e *etree.Element) model.Range {
	if s, ok := p.pos[e]; ok {
		return p.li.Range(p.file, s.start, s.tagEnd)
	}
	return p.li.Range(p.file, 0, 0)
}

// attrRange is the range of the i-th attribute of e (name="value").
func (p *parser) attrRange(e *etree.Element, i int) model.Range {
	if s, ok := p.pos[e]; ok && i >= 0 && i < len(s.attrs) {
		return p.li.Range(p.file, s.attrs[i].start, s.attrs[i].end)
	}
	return p.tagRange(e)
}

// attrIndex is the index of the last attribute called name, or -1.
func attrIndex(e *etree.Element, name string) int {
	for i := len(e.Attr) - 1; i >= 0; i-- {
		if e.Attr[i].FullKey() == name {
			return i
		}
	}
	return -1
}

// namedRange is the range of attribute name, or the start tag when absent.
func (p *parser) namedRange(e *etree.Element, name string) model.Range {
	return p.attrRange(e, attrIndex(e, name))
}

func attr(e *etree.Element, name string) (string, bool) {
	i := attrIndex(e, name)
	if i < 0 {
		return "", false
	}
	return e.Attr[i].Value, true
}

// options turns every attribute into an option with its range; duplicate
// attributes are reported. Sensitive values become secrets.
func (p *parser) options(e *etree.Element) model.Options {
	var out model.Options
	seen := map[string]bool{}
	for i, a := range e.Attr {
		k := a.FullKey()
		r := p.attrRange(e, i)
		if seen[k] {
			p.diags.Errorf(r, CodeDuplicateAttr, "attribute %q is given twice on <%s>; the last one wins", k, e.FullTag())
		}
		seen[k] = true
		o := &model.Option{Base: model.Base{Range: r}, Name: k}
		if model.IsSensitive(k) {
			o.Secret = model.NewSecret(a.Value)
		} else {
			o.Value = a.Value
		}
		out = append(out, o)
	}
	return out
}

func (p *parser) require(e *etree.Element, names ...string) {
	for _, n := range names {
		if _, ok := attr(e, n); !ok {
			p.diags.Errorf(p.tagRange(e), CodeMissingAttr, "<%s> has no %s attribute, which it requires", e.FullTag(), n)
		}
	}
}

// checkInts reports listed attributes whose value is not an integer.
func (p *parser) checkInts(e *etree.Element, names ...string) {
	for _, n := range names {
		v, ok := attr(e, n)
		if !ok {
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSpace(v)); err != nil {
			p.diags.Errorf(p.namedRange(e, n), CodeAttrType, "<%s %s=%q>: the value must be an integer", e.FullTag(), n, v)
		}
	}
}

// numericFlag reads a flag the daemons read with atoi(): only numbers count.
func (p *parser) numericFlag(e *etree.Element, name string) bool {
	v, ok := attr(e, name)
	if !ok {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		p.diags.Warnf(p.namedRange(e, name), CodeNumericBool,
			"<%s %s=%q>: rgmanager reads this flag as a number, so %q means 0 (off); write %s=\"1\" or %s=\"0\"",
			e.FullTag(), name, v, v, name, name)
		return false
	}
	return n != 0
}

func (p *parser) element(e *etree.Element) *model.CMANElement {
	out := &model.CMANElement{Base: model.Base{Range: p.rangeOf(e)}, Element: e.FullTag(), Attrs: p.options(e)}
	for _, c := range e.ChildElements() {
		out.Children = append(out.Children, p.element(c))
	}
	return out
}

func (p *parser) raw(e *etree.Element) model.RawXML {
	r := p.rangeOf(e)
	x := ""
	if r.Start.Byte <= r.End.Byte && r.End.Byte <= len(p.src) {
		x = string(p.src[r.Start.Byte:r.End.Byte])
	}
	return model.RawXML{XML: x, Range: r}
}

func (p *parser) unknown(e *etree.Element, where string) {
	p.diags.Warnf(p.tagRange(e), CodeUnknownElement, "unknown element <%s> in %s; kept but not interpreted", e.FullTag(), where)
}

func (p *parser) lowerCluster(root *etree.Element, m *model.Membership) {
	m.Range = p.rangeOf(root)
	cm := m.CMAN
	cm.Range = m.Range
	for i, a := range p.options(root) {
		switch a.Name {
		case "name":
			m.ClusterName = a.Value
		case "config_version":
			m.ConfigVersion = a.Value
		default:
			m.Extra = append(m.Extra, model.Attr{Name: root.Attr[i].FullKey(), Value: root.Attr[i].Value})
		}
	}
	p.require(root, "name")
	p.checkInts(root, "config_version")
	if n, ok := attr(root, "name"); ok && len(n) > 15 {
		p.diags.Errorf(p.namedRange(root, "name"), CodeAttrType, "cluster name %q is longer than 15 characters", n)
	}
	var quorumd *etree.Element
	for _, e := range root.ChildElements() {
		switch e.FullTag() {
		case "cman":
			p.checkInts(e, "two_node", "expected_votes", "port", "cluster_id", "quorum_dev_poll", "shutdown_timeout")
			cm.Cman = p.element(e)
			for _, c := range e.ChildElements() {
				if t := c.FullTag(); t != "multicast" && t != "altmulticast" {
					p.unknown(c, "<cman>")
				}
			}
		case "totem":
			p.checkInts(e, "token", "consensus", "join", "token_retransmits_before_loss_const", "fail_recv_const",
				"netmtu", "window_size", "max_messages", "miss_count_const", "seqno_unchanged_const", "rrp_problem_count_threshold")
			cm.Totem = p.element(e)
			for _, c := range e.ChildElements() {
				if c.FullTag() != "interface" {
					p.unknown(c, "<totem>")
				}
			}
		case "quorumd":
			quorumd = e
		case "clusternodes":
			p.lowerNodes(e, m)
		case "fencedevices":
			for _, d := range e.ChildElements() {
				if d.FullTag() != "fencedevice" {
					p.unknown(d, "<fencedevices>")
					continue
				}
				p.require(d, "name", "agent")
				fd := &model.FenceDevice{Base: model.Base{Range: p.rangeOf(d)}}
				for _, o := range p.options(d) {
					switch o.Name {
					case "name":
						fd.Name = o.Value
					case "agent":
						fd.Agent = o.Value
					default:
						fd.Args = append(fd.Args, o)
					}
				}
				for _, c := range d.ChildElements() {
					p.unknown(c, "<fencedevice>")
					fd.Unknown = append(fd.Unknown, p.raw(c))
				}
				m.FenceDevices = append(m.FenceDevices, fd)
			}
		case "fence_daemon":
			p.checkInts(e, "post_join_delay", "post_fail_delay", "clean_start", "skip_undefined", "override_time")
			cm.FenceDaemon = p.element(e)
		case "fence_xvmd":
			cm.FenceXVMD = p.element(e)
		case "dlm":
			cm.DLM = p.element(e)
		case "gfs_controld":
			cm.GFSControld = p.element(e)
		case "logging":
			cm.Logging = p.element(e)
		case "rm":
			cm.RM = p.lowerRM(e)
		case "group":
			cm.Other = append(cm.Other, p.element(e))
		default:
			p.unknown(e, "<cluster>")
			cm.Other = append(cm.Other, p.element(e))
		}
	}
	p.lowerMembership(m, quorumd)
}

func (p *parser) lowerNodes(e *etree.Element, m *model.Membership) {
	for _, n := range e.ChildElements() {
		if n.FullTag() != "clusternode" {
			p.unknown(n, "<clusternodes>")
			m.CMAN.Other = append(m.CMAN.Other, p.element(n))
			continue
		}
		p.require(n, "name", "nodeid")
		p.checkInts(n, "nodeid", "votes", "weight")
		mn := &model.MemberNode{Base: model.Base{Range: p.rangeOf(n)}}
		cn := &model.CMANNode{Base: model.Base{Range: p.rangeOf(n)}}
		for _, o := range p.options(n) {
			switch o.Name {
			case "name":
				mn.Name = o.Value
				cn.Name = o.Value
				mn.Addrs = append(mn.Addrs, &model.NodeAddr{Base: model.Base{Range: o.Range}, Link: 0, Addr: o.Value})
			case "nodeid":
				if v, err := strconv.ParseUint(strings.TrimSpace(o.Value), 10, 32); err == nil {
					mn.NodeID = uint32(v)
				}
				if mn.NodeID == 0 {
					if _, err := strconv.Atoi(strings.TrimSpace(o.Value)); err == nil {
						p.diags.Errorf(o.Range, CodeAttrType, "nodeid must be a number greater than 0, not %q", o.Value)
					}
				}
			case "votes":
				mn.Votes, _ = strconv.Atoi(strings.TrimSpace(o.Value))
			default:
				mn.Options = append(mn.Options, o)
			}
		}
		alt := 0
		for _, c := range n.ChildElements() {
			switch c.FullTag() {
			case "altname":
				alt++
				p.require(c, "name")
				for _, o := range p.options(c) {
					if o.Name == "name" {
						mn.Addrs = append(mn.Addrs, &model.NodeAddr{Base: model.Base{Range: o.Range}, Link: alt, Addr: o.Value})
						continue
					}
					mn.Options = append(mn.Options, &model.Option{Base: o.Base, Name: fmt.Sprintf("altname%d_%s", alt, o.Name), Value: o.Value})
				}
			case "fence":
				cn.FenceRange = p.rangeOf(c)
				for _, me := range c.ChildElements() {
					if me.FullTag() != "method" {
						p.unknown(me, "<fence>")
						cn.Unknown = append(cn.Unknown, p.raw(me))
						continue
					}
					fm := &model.FenceMethod{Base: model.Base{Range: p.rangeOf(me)}}
					fm.Name, _ = attr(me, "name")
					p.options(me)
					for _, d := range me.ChildElements() {
						if d.FullTag() != "device" {
							p.unknown(d, "<method>")
							fm.Unknown = append(fm.Unknown, p.raw(d))
							continue
						}
						fm.Devices = append(fm.Devices, p.deviceRef(d))
					}
					cn.Methods = append(cn.Methods, fm)
				}
			case "unfence":
				for _, d := range c.ChildElements() {
					if d.FullTag() != "device" {
						p.unknown(d, "<unfence>")
						cn.Unknown = append(cn.Unknown, p.raw(d))
						continue
					}
					cn.Unfence = append(cn.Unfence, p.deviceRef(d))
				}
			default:
				p.unknown(c, "<clusternode>")
				mn.Unknown = append(mn.Unknown, p.raw(c))
			}
		}
		m.Nodes = append(m.Nodes, mn)
		m.CMAN.Nodes = append(m.CMAN.Nodes, cn)
	}
}

func (p *parser) deviceRef(d *etree.Element) *model.FenceDeviceRef {
	p.require(d, "name")
	ref := &model.FenceDeviceRef{Base: model.Base{Range: p.rangeOf(d)}}
	for _, o := range p.options(d) {
		if o.Name == "name" {
			ref.Name = o.Value
			continue
		}
		ref.Args = append(ref.Args, o)
	}
	for _, c := range d.ChildElements() {
		p.unknown(c, "<device>")
		ref.Unknown = append(ref.Unknown, p.raw(c))
	}
	return ref
}

// lowerMembership fills the common membership part from the CMAN block.
func (p *parser) lowerMembership(m *model.Membership, quorumd *etree.Element) {
	cm := m.CMAN
	q := &model.Quorum{Provider: "cman"}
	link0 := &model.Link{Number: 0}
	var link1 *model.Link
	if e := cm.Cman; e != nil {
		q.Range = e.Range
		link0.Range = e.Range
		for _, o := range e.Attrs {
			switch o.Name {
			case "two_node", "expected_votes":
				q.Options = append(q.Options, o)
			case "transport":
				switch o.Value {
				case "udpb":
					m.Transport = "udp"
					link0.Options = append(link0.Options, &model.Option{Base: o.Base, Name: "broadcast", Value: "yes"})
				case "rdma":
					m.Transport = "iba"
				default:
					m.Transport = o.Value
				}
			case "broadcast":
				if o.Value == "yes" {
					link0.Options = append(link0.Options, &model.Option{Base: o.Base, Name: "broadcast", Value: "yes"})
				}
			case "port":
				link0.Options = append(link0.Options, &model.Option{Base: o.Base, Name: "mcastport", Value: o.Value})
			case "keyfile":
				m.Crypto = &model.Crypto{Base: model.Base{Range: o.Range}, KeyFile: o.Value}
			}
		}
		for _, c := range e.Children {
			l := link0
			if c.Element == "altmulticast" {
				if link1 == nil {
					link1 = &model.Link{Base: model.Base{Range: c.Range}, Number: 1}
				}
				l = link1
			} else if c.Element != "multicast" {
				continue
			}
			for _, o := range c.Attrs {
				name := o.Name
				switch name {
				case "addr":
					name = "mcastaddr"
				case "port":
					name = "mcastport"
				}
				l.Options = append(l.Options, &model.Option{Base: o.Base, Name: name, Value: o.Value})
			}
		}
	}
	if len(link0.Options) > 0 {
		m.Links = append(m.Links, link0)
	}
	if link1 != nil {
		m.Links = append(m.Links, link1)
	}
	if t := cm.Totem; t != nil {
		for _, o := range t.Attrs {
			switch o.Name {
			case "keyfile":
				if m.Crypto == nil {
					m.Crypto = &model.Crypto{Base: model.Base{Range: o.Range}}
				}
				m.Crypto.KeyFile = o.Value
			case "secauth":
				if m.Crypto == nil {
					m.Crypto = &model.Crypto{Base: model.Base{Range: o.Range}}
				}
				m.Crypto.SecAuth = o.Value
			default:
				m.Totem = append(m.Totem, o)
			}
		}
		for _, c := range t.Children {
			if c.Element != "interface" {
				continue
			}
			n, _ := strconv.Atoi(c.Attr("ringnumber"))
			m.Sections = append(m.Sections, &model.Section{Base: model.Base{Range: c.Range}, Name: "totem.interface." + strconv.Itoa(n), Options: c.Attrs})
		}
	}
	if quorumd != nil {
		p.checkInts(quorumd, "interval", "tko", "votes", "min_score", "tko_up", "upgrade_wait", "master_wait",
			"master_wins", "allow_kill", "reboot", "priority", "paranoid", "io_timeout", "stop_cman", "use_uptime", "max_error_cycles")
		qd := &model.QDisk{Base: model.Base{Range: p.rangeOf(quorumd)}, Options: p.options(quorumd)}
		if _, ok := attr(quorumd, "device"); !ok {
			if _, ok := attr(quorumd, "label"); !ok {
				p.diags.Errorf(p.tagRange(quorumd), CodeMissingAttr, "<quorumd> has neither device nor label: qdiskd cannot find its disk")
			}
		}
		for _, h := range quorumd.ChildElements() {
			if h.FullTag() != "heuristic" {
				p.unknown(h, "<quorumd>")
				qd.Unknown = append(qd.Unknown, p.raw(h))
				continue
			}
			p.require(h, "program")
			p.checkInts(h, "score", "interval", "tko")
			qd.Heuristics = append(qd.Heuristics, &model.QDiskHeuristic{Base: model.Base{Range: p.rangeOf(h)}, Options: p.options(h)})
		}
		q.QDisk = qd
	}
	m.Quorum = q
}

// Known rgmanager resource types ([RNG30], [RA]) and the elements that may
// sit inside them.
var resourceTypes = map[string]bool{
	"service": true, "vm": true, "ip": true, "fs": true, "clusterfs": true, "netfs": true, "nfsexport": true,
	"nfsclient": true, "nfsserver": true, "script": true, "apache": true, "mysql": true, "postgres-8": true,
	"lvm": true, "samba": true, "smb": true, "tomcat-5": true, "tomcat-6": true, "tomcat-7": true, "named": true,
	"openldap": true, "oracledb": true, "orainstance": true, "oralistener": true, "oradg": true,
	"SAPInstance": true, "SAPDatabase": true, "ASEHAagent": true, "drbd": true, "bind-mount": true,
	"group": true, "action": true, "ocf": true,
}

// vendorTypes are resource elements known from vendor rgmanager forks.
var vendorTypes = map[string]string{
	"pvevm": "Proxmox VE's HA-managed KVM guest",
	"pvect": "Proxmox VE's HA-managed container",
}

func (p *parser) lowerRM(e *etree.Element) *model.RGManager {
	rm := &model.RGManager{Base: model.Base{Range: p.rangeOf(e)}, Attrs: p.options(e)}
	for _, c := range e.ChildElements() {
		switch c.FullTag() {
		case "failoverdomains":
			for _, d := range c.ChildElements() {
				if d.FullTag() != "failoverdomain" {
					p.unknown(d, "<failoverdomains>")
					rm.Other = append(rm.Other, p.element(d))
					continue
				}
				rm.FailoverDomains = append(rm.FailoverDomains, p.domain(d))
			}
		case "resources":
			for _, r := range c.ChildElements() {
				rm.Resources = append(rm.Resources, p.resource(r, true))
			}
		case "service", "vm":
			rm.Services = append(rm.Services, p.resource(c, false))
		case "events", "dependencies":
			rm.Other = append(rm.Other, p.element(c))
		default:
			rm.Services = append(rm.Services, p.resource(c, false))
		}
	}
	return rm
}

func (p *parser) domain(d *etree.Element) *model.FailoverDomain {
	p.require(d, "name")
	fd := &model.FailoverDomain{Base: model.Base{Range: p.rangeOf(d)}, Attrs: p.options(d)}
	fd.Name, _ = attr(d, "name")
	fd.Ordered = p.numericFlag(d, "ordered")
	fd.Restricted = p.numericFlag(d, "restricted")
	fd.NoFailback = p.numericFlag(d, "nofailback")
	for _, n := range d.ChildElements() {
		if n.FullTag() != "failoverdomainnode" {
			p.unknown(n, "<failoverdomain>")
			fd.Unknown = append(fd.Unknown, p.raw(n))
			continue
		}
		p.require(n, "name")
		p.checkInts(n, "priority")
		fn := &model.FailoverDomainNode{Base: model.Base{Range: p.rangeOf(n)}}
		for _, o := range p.options(n) {
			switch o.Name {
			case "name":
				fn.Name = o.Value
			case "priority":
				fn.Priority, _ = strconv.Atoi(strings.TrimSpace(o.Value))
			default:
				fn.Extra = append(fn.Extra, model.Attr{Name: o.Name, Value: o.Value})
			}
		}
		fd.Nodes = append(fd.Nodes, fn)
	}
	return fd
}

func (p *parser) resource(e *etree.Element, definition bool) *model.RGResource {
	r := &model.RGResource{Base: model.Base{Range: p.rangeOf(e)}, Type: e.FullTag(), Attrs: p.options(e)}
	r.Ref, _ = attr(e, "ref")
	if !resourceTypes[r.Type] {
		r.Vendor = true
		if what, ok := vendorTypes[r.Type]; ok {
			p.diags.Warnf(p.tagRange(e), CodeVendor, "<%s> is %s, a vendor extension to rgmanager; kept and reported, not converted", r.Type, what)
		} else {
			p.diags.Warnf(p.tagRange(e), CodeVendor, "<%s> is not an rgmanager resource type hakit knows; kept and reported, not converted", r.Type)
		}
	}
	switch {
	case r.Type == "action":
		p.require(e, "name")
	case r.Ref != "":
	case r.Type == "ip":
		p.require(e, "address")
	case r.Type == "service" || r.Type == "vm" || definition && !r.Vendor:
		p.require(e, "name")
	}
	switch r.Type {
	case "service", "vm":
		p.checkInts(e, "max_restarts", "priority")
		if v, ok := attr(e, "autostart"); ok && v != "no" {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n == 0 && v != "0" {
				p.diags.Warnf(p.namedRange(e, "autostart"), CodeNumericBool,
					"<%s autostart=%q>: rgmanager disables autostart unless the value is a non-zero number, so this service starts disabled; write autostart=\"1\" or \"0\"",
					r.Type, v)
			}
		}
	}
	for _, c := range e.ChildElements() {
		r.Children = append(r.Children, p.resource(c, false))
	}
	return r
}
