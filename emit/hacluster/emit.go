// Package hacluster writes a cluster as the variables of the
// linux-system-roles ha_cluster Ansible role (its README documents them):
// ha_cluster_cluster_name, ha_cluster_transport, ha_cluster_totem,
// ha_cluster_quorum, ha_cluster_node_options, ha_cluster_cluster_properties,
// ha_cluster_resource_defaults, ha_cluster_resource_operation_defaults,
// ha_cluster_resource_primitives (with copy_operations_from_agent: false and
// the operations written out), ha_cluster_resource_groups,
// ha_cluster_resource_clones, ha_cluster_resource_bundles,
// ha_cluster_stonith_levels, the four ha_cluster_constraints_* variables,
// ha_cluster_alerts and ha_cluster_acls.
//
// Secrets never appear: fence device passwords and the hacluster password
// become Jinja references to variables the user keeps in an Ansible vault
// (vault_ha_cluster_hacluster_password, vault_<device>_<parameter>), each
// reported (HA9002). Whatever the role cannot express (tags, templates,
// attribute sets with rules, a second attribute set, location constraints
// with resource sets, alert filters, ...) is left out and reported with its
// position (HA9001). Values the role derives itself (expected_votes,
// two_node, node ids, dc-version) are left to it (HA9003).
package hacluster

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"hakit/model"
)

// Options control the output. There are none yet.
type Options struct{}

// Diagnostic codes.
const (
	CodeCannot = "HA9001" // the role cannot express it
	CodeSecret = "HA9002" // a secret became a vault variable reference
	CodeDerive = "HA9003" // the role or Pacemaker derives it
)

// VaultVar names the vault variable holding parameter param of resource id:
// vault_<id>_<param>, lowercase, every other character an underscore.
func VaultVar(id, param string) string {
	var b strings.Builder
	b.WriteString("vault_")
	for _, r := range strings.ToLower(id + "_" + param) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// HaclusterPasswordVar is the vault variable of the hacluster user's
// password, which the role needs and no input holds.
const HaclusterPasswordVar = "vault_ha_cluster_hacluster_password"

// Emit writes c's variables as YAML and returns what the role cannot
// express.
func Emit(w io.Writer, c *model.Cluster, _ Options) (model.Diagnostics, error) {
	e := &emitter{}
	root := mapping()
	name := ""
	if c != nil && c.Membership != nil {
		name = c.Membership.ClusterName
	}
	if c != nil && c.Config != nil && name == "" {
		name, _ = c.Config.ClusterOption("cluster-name")
	}
	if name != "" {
		root.add("ha_cluster_cluster_name", str(name))
	}
	root.add("ha_cluster_hacluster_password", str("{{ "+HaclusterPasswordVar+" }}"))
	if c != nil && c.Membership != nil {
		e.membership(root, c.Membership, name)
	}
	if c != nil && c.Config != nil {
		e.config(root, c.Config, c.Membership)
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root.Node}}
	doc.HeadComment = "Variables of the linux-system-roles ha_cluster role, written by hakit.\n" +
		"Secrets are references to vault variables: define " + HaclusterPasswordVar + "\n" +
		"and each vault_* variable below in an Ansible vault (ansible-vault create)."
	if _, err := io.WriteString(w, "---\n"); err != nil {
		return nil, err
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	e.diags.Sort()
	return e.diags, nil
}

type emitter struct {
	diags     model.Diagnostics
	templates map[string]*model.Primitive
}

// expand returns p with what it takes from its template tpl: the agent,
// the template's attributes under p's own (p's win, name by name), and the
// template's operations that p does not redefine (same name and interval).
func expand(p, tpl *model.Primitive) *model.Primitive {
	x := *p
	x.Template = ""
	x.Class, x.Provider, x.Type = tpl.Class, tpl.Provider, tpl.Type
	merge := func(own, from []*model.NVSet) []*model.NVSet {
		if len(from) == 0 {
			return own
		}
		if len(own) == 0 {
			return from
		}
		m := *own[0]
		m.Pairs = slices.Clone(own[0].Pairs)
		for _, tp := range from[0].Pairs {
			if _, ok := m.Get(tp.Name); !ok {
				m.Pairs = append(m.Pairs, tp)
			}
		}
		return append([]*model.NVSet{&m}, own[1:]...)
	}
	x.InstanceAttrs = merge(p.InstanceAttrs, tpl.InstanceAttrs)
	x.MetaAttrs = merge(p.MetaAttrs, tpl.MetaAttrs)
	x.Utilization = merge(p.Utilization, tpl.Utilization)
	if tpl.Operations != nil {
		ops := &model.Operations{}
		if p.Operations != nil {
			o := *p.Operations
			ops = &o
			ops.Ops = slices.Clone(p.Operations.Ops)
		}
		for _, to := range tpl.Operations.Ops {
			if !slices.ContainsFunc(ops.Ops, func(o *model.Op) bool { return o.Name == to.Name && o.Interval == to.Interval }) {
				ops.Ops = append(ops.Ops, to)
			}
		}
		x.Operations = ops
	}
	return &x
}

func (e *emitter) cannot(b *model.Base, format string, args ...any) {
	e.diags.Warnf(b.Range, CodeCannot, "the ha_cluster role cannot express "+format+"; it is left out", args...)
}

func (e *emitter) derived(b *model.Base, format string, args ...any) {
	e.diags.Infof(b.Range, CodeDerive, format, args...)
}

// --- YAML building --------------------------------------------------------

type node struct{ *yaml.Node }

func mapping() node { return node{&yaml.Node{Kind: yaml.MappingNode}} }
func seq() node     { return node{&yaml.Node{Kind: yaml.SequenceNode}} }
func str(s string) node {
	return node{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}}
}
func integer(n int) node {
	return node{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}}
}
func boolean(b bool) node {
	return node{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}}
}

func (n node) add(key string, v node) node {
	n.Content = append(n.Content, str(key).Node, v.Node)
	return n
}

func (n node) push(v node) node {
	n.Content = append(n.Content, v.Node)
	return n
}

func (n node) empty() bool { return len(n.Content) == 0 }

// addIf adds key when v is not empty.
func (n node) addIf(key string, v node) {
	if !v.empty() {
		n.add(key, v)
	}
}

func (n node) addStr(key, v string) {
	if v != "" {
		n.add(key, str(v))
	}
}

// nameValue is the role's name-value dictionary.
func nameValue(name string, v node) node {
	return mapping().add("name", str(name)).add("value", v)
}

// nvList builds a list of name-value dictionaries.
type nvList struct{ node }

func newNV() nvList { return nvList{seq()} }

func (l nvList) put(name, value string) {
	if value != "" {
		l.push(nameValue(name, str(value)))
	}
}

// --- membership -----------------------------------------------------------

var (
	knetTransportOptions = []string{"ip_version", "knet_pmtud_interval", "link_mode"}
	udpTransportOptions  = []string{"ip_version", "netmtu"}
	totemOptions         = []string{"block_unlisted_ips", "consensus", "downcheck", "fail_recv_const", "heartbeat_failures_allowed", "hold", "join", "max_messages", "max_network_delay", "merge", "miss_count_const", "send_join", "seqno_unchanged_const", "token", "token_coefficient", "token_retransmit", "token_retransmits_before_loss_const", "window_size"}
	// knetLinkOptions maps corosync.conf interface keys to pcs's link options.
	knetLinkOptions = map[string]string{"knet_link_priority": "link_priority", "mcastport": "mcastport", "knet_ping_interval": "ping_interval", "knet_ping_precision": "ping_precision", "knet_ping_timeout": "ping_timeout", "knet_pong_count": "pong_count", "knet_transport": "transport"}
	udpLinkOptions  = []string{"bindnetaddr", "broadcast", "mcastaddr", "mcastport", "ttl"}
	quorumOptions   = []string{"auto_tie_breaker", "last_man_standing", "last_man_standing_window", "wait_for_all"}
)

func (e *emitter) membership(root node, m *model.Membership, name string) {
	if name == "" {
		e.cannot(&m.Base, "a cluster without a name (the role would call it my-cluster)")
	}
	transport := m.Transport
	if transport == "" {
		transport = "knet"
	}
	knet := transport == "knet"
	tr := mapping().add("type", str(transport))
	allowed := udpTransportOptions
	if knet {
		allowed = knetTransportOptions
	}
	trOpts, totem, compression := newNV(), newNV(), newNV()
	for _, o := range m.Totem {
		switch {
		case o.Name == "cluster_uuid" || o.Name == "version" || o.Name == "cluster_name" || o.Name == "transport":
		case slices.Contains(allowed, o.Name):
			trOpts.put(o.Name, o.Value)
		case knet && strings.HasPrefix(o.Name, "knet_compression_"):
			compression.put(strings.TrimPrefix(o.Name, "knet_compression_"), o.Value)
		case slices.Contains(totemOptions, o.Name):
			totem.put(o.Name, o.Value)
		default:
			e.cannot(&o.Base, "totem option %s", o.Name)
		}
	}
	tr.addIf("options", trOpts.node)
	links := seq()
	for _, l := range m.Links {
		lo := newNV()
		if knet {
			lo.put("linknumber", strconv.Itoa(l.Number))
		} else if l.Number != 0 {
			e.cannot(&l.Base, "link %d with transport %s (only one link)", l.Number, transport)
			continue
		}
		for _, o := range l.Options {
			switch {
			case knet && knetLinkOptions[o.Name] != "":
				lo.put(knetLinkOptions[o.Name], o.Value)
			case !knet && slices.Contains(udpLinkOptions, o.Name):
				v := o.Value
				if o.Name == "broadcast" {
					v = "1"
				}
				lo.put(o.Name, v)
			default:
				e.cannot(&o.Base, "link option %s", o.Name)
			}
		}
		if l.Medium != "" || l.Interface != "" {
			e.cannot(&l.Base, "heartbeat medium %s %s", l.Medium, l.Interface)
		}
		links.push(lo.node)
	}
	tr.addIf("links", links)
	tr.addIf("compression", compression.node)
	if cr := m.Crypto; cr != nil {
		co := newNV()
		co.put("cipher", cr.Cipher)
		co.put("hash", cr.Hash)
		co.put("model", cr.Model)
		switch {
		case !knet && !co.empty():
			e.cannot(&cr.Base, "crypto with transport %s (the role disables it there)", transport)
		case !co.empty():
			tr.add("crypto", co.node)
		}
		if !cr.Key.IsZero() || cr.KeyFile != "" {
			e.diags.Warnf(cr.Range, CodeSecret, "the corosync key is not written: set ha_cluster_corosync_key_src to a vault-encrypted copy of it (or leave it unset for a new key)")
		}
	}
	root.add("ha_cluster_transport", tr)
	if !totem.empty() {
		root.add("ha_cluster_totem", mapping().add("options", totem.node))
	}
	if qu := m.Quorum; qu != nil {
		q := mapping()
		qo := newNV()
		for _, o := range qu.Options {
			switch {
			case o.Name == "provider" && o.Value == "corosync_votequorum":
			case o.Name == "two_node" || o.Name == "expected_votes":
				e.derived(&o.Base, "quorum option %s is not written: pcs sets it from the node list", o.Name)
			case slices.Contains(quorumOptions, o.Name):
				qo.put(o.Name, o.Value)
			default:
				e.cannot(&o.Base, "quorum option %s", o.Name)
			}
		}
		q.addIf("options", qo.node)
		if d := qu.Device; d != nil {
			dv := mapping().add("model", str(d.Model))
			mo, go_, ho := newNV(), newNV(), newNV()
			for _, o := range d.Net {
				mo.put(o.Name, o.Value)
			}
			for _, o := range d.Options {
				if o.Name == "votes" || o.Name == "model" {
					continue
				}
				go_.put(o.Name, o.Value)
			}
			for _, o := range d.Heuristics {
				ho.put(o.Name, o.Value)
			}
			dv.addIf("model_options", mo.node)
			dv.addIf("generic_options", go_.node)
			dv.addIf("heuristics_options", ho.node)
			q.add("device", dv)
		}
		if qu.QDisk != nil {
			e.cannot(&qu.QDisk.Base, "a quorum disk (qdiskd)")
		}
		root.addIf("ha_cluster_quorum", q)
	}
	for _, s := range m.Sections {
		e.cannot(&s.Base, "corosync section %s", s.Name)
	}
	if m.AuthKeys != nil {
		e.derived(&m.AuthKeys.Base, "heartbeat's authkeys are not carried over: the role distributes a corosync key (ha_cluster_corosync_key_src, or a new one)")
	}
	for _, fd := range m.FenceDevices {
		e.cannot(&fd.Base, "membership-level fence device %s (convert it to a stonith resource)", fd.Name)
	}
}

// --- configuration --------------------------------------------------------

// managed are cluster properties Pacemaker maintains itself.
var managed = []string{"dc-version", "cluster-infrastructure", "cluster-name", "have-watchdog", "last-lrm-refresh"}

func (e *emitter) config(root node, cfg *model.Configuration, m *model.Membership) {
	e.templates = map[string]*model.Primitive{}
	for _, r := range cfg.Resources {
		if p, ok := r.(*model.Primitive); ok && p.IsTemplate {
			e.templates[p.ID] = p
		}
	}
	e.nodes(root, cfg, m)

	props := newNV()
	for i, s := range cfg.ClusterOptions {
		if i > 0 || s.Rule != nil || s.IDRef != "" {
			e.cannot(&s.Base, "cluster property set %s (only the first set, without a rule, is applied)", s.ID)
			continue
		}
		for _, p := range s.Pairs {
			if slices.Contains(managed, p.Name) {
				continue
			}
			props.put(p.Name, p.Value)
		}
	}
	if !props.empty() {
		root.add("ha_cluster_cluster_properties", seq().push(mapping().add("attrs", props.node)))
	}
	if d := e.defaults(cfg.RscDefaults, "resource defaults"); !d.empty() {
		root.add("ha_cluster_resource_defaults", mapping().add("meta_attrs", d))
	}
	if d := e.defaults(cfg.OpDefaults, "operation defaults"); !d.empty() {
		root.add("ha_cluster_resource_operation_defaults", mapping().add("meta_attrs", d))
	}

	prims, groups, clones, bundles := seq(), seq(), seq(), seq()
	model.Walk(cfg.Resources, func(r, _ model.Resource) {
		switch x := r.(type) {
		case *model.Primitive:
			if p := e.primitive(x); !p.empty() {
				prims.push(p)
			}
		case *model.Group:
			g := mapping().add("id", str(x.ID))
			ids := seq()
			for _, mb := range x.Members {
				ids.push(str(mb.ID))
			}
			g.add("resource_ids", ids)
			e.common(g, &x.ResourceCommon, "group")
			groups.push(g)
		case *model.Clone:
			cl := mapping().add("resource_id", str(x.Child.ResourceID()))
			if x.Promotable() {
				cl.add("promotable", boolean(true))
			}
			cl.add("id", str(x.ID))
			rc := x.ResourceCommon
			rc.MetaAttrs = withoutPair(rc.MetaAttrs, "promotable")
			e.common(cl, &rc, "clone")
			clones.push(cl)
		case *model.Bundle:
			bundles.push(e.bundle(x))
		}
	})
	root.addIf("ha_cluster_resource_primitives", prims)
	root.addIf("ha_cluster_resource_groups", groups)
	root.addIf("ha_cluster_resource_clones", clones)
	root.addIf("ha_cluster_resource_bundles", bundles)

	if ft := cfg.FencingTopology; ft != nil {
		levels := seq()
		for _, l := range ft.Levels {
			lv := mapping()
			n, err := strconv.Atoi(l.Index)
			if err != nil {
				e.cannot(&l.Base, "fencing level %s with index %q", l.ID, l.Index)
				continue
			}
			lv.add("level", integer(n))
			switch {
			case l.TargetPattern != "":
				lv.add("target_pattern", str(l.TargetPattern))
			case l.TargetAttribute != "":
				lv.add("target_attribute", str(l.TargetAttribute))
				lv.add("target_value", str(l.TargetValue))
			default:
				lv.add("target", str(l.Target))
			}
			ids := seq()
			for _, d := range strings.Split(l.Devices, ",") {
				if d = strings.TrimSpace(d); d != "" {
					ids.push(str(d))
				}
			}
			lv.add("resource_ids", ids)
			levels.push(lv)
		}
		root.addIf("ha_cluster_stonith_levels", levels)
	}

	e.constraints(root, cfg.Constraints)

	for _, t := range cfg.Tags {
		e.cannot(&t.Base, "tag %s (the role has no tags)", t.ID)
	}
	alerts := seq()
	for _, a := range cfg.Alerts {
		alerts.push(e.alert(a))
	}
	root.addIf("ha_cluster_alerts", alerts)
	if cfg.ACLs != nil {
		root.addIf("ha_cluster_acls", e.acls(cfg.ACLs))
	}
	e.unknown(cfg)
}

func withoutPair(sets []*model.NVSet, name string) []*model.NVSet {
	var out []*model.NVSet
	for _, s := range sets {
		c := *s
		c.Pairs = nil
		for _, p := range s.Pairs {
			if p.Name != name {
				c.Pairs = append(c.Pairs, p)
			}
		}
		out = append(out, &c)
	}
	return out
}

// nodes writes ha_cluster_node_options: corosync addresses from the
// membership, attributes and utilization from the configuration.
func (e *emitter) nodes(root node, cfg *model.Configuration, m *model.Membership) {
	type entry struct {
		name string
		n    node
	}
	var list []*entry
	byName := map[string]*entry{}
	get := func(name string) *entry {
		if en := byName[name]; en != nil {
			return en
		}
		en := &entry{name: name, n: mapping().add("node_name", str(name))}
		byName[name] = en
		list = append(list, en)
		return en
	}
	if m != nil {
		for i, mn := range m.Nodes {
			if mn.Name == "" {
				e.cannot(&mn.Base, "a member without a name")
				continue
			}
			en := get(mn.Name)
			addrs := slices.Clone(mn.Addrs)
			slices.SortStableFunc(addrs, func(a, b *model.NodeAddr) int { return a.Link - b.Link })
			as := seq()
			for _, a := range addrs {
				as.push(str(a.Addr))
			}
			en.n.addIf("corosync_addresses", as)
			if mn.NodeID != 0 && mn.NodeID != uint32(i+1) {
				e.cannot(&mn.Base, "node id %d of %s (pcs numbers the nodes 1, 2, ... in order)", mn.NodeID, mn.Name)
			}
			if mn.Votes > 1 {
				e.cannot(&mn.Base, "quorum votes %d of node %s", mn.Votes, mn.Name)
			}
		}
	}
	for _, n := range cfg.Nodes {
		if n.Type == "ping" || n.Type == "remote" {
			e.cannot(&n.Base, "%s node %s", n.Type, n.Uname)
			continue
		}
		en := get(n.Uname)
		if a := e.firstSetOf(n.InstanceAttrs, "node attribute set", n.Uname); !a.empty() {
			en.n.add("attributes", seq().push(mapping().add("attrs", a)))
		}
		if u := e.firstSet(n.Utilization, "node utilization set"); !u.empty() {
			en.n.add("utilization", seq().push(mapping().add("attrs", u)))
		}
		if n.Score != "" || n.Description != "" {
			e.cannot(&n.Base, "score or description of node %s", n.Uname)
		}
	}
	out := seq()
	for _, en := range list {
		out.push(en.n)
	}
	root.addIf("ha_cluster_node_options", out)
}

// firstSet writes the pairs of the first plain set; the role applies only
// the first set, so later ones and sets with rules are reported.
func (e *emitter) firstSet(sets []*model.NVSet, what string) node {
	return e.firstSetOf(sets, what, "")
}

// firstSetOf is firstSet for the sets of resource owner, whose sensitive
// values become vault references.
func (e *emitter) firstSetOf(sets []*model.NVSet, what, owner string) node {
	l := newNV()
	for i, s := range sets {
		if i > 0 || s.Rule != nil || s.Score != "" || s.IDRef != "" {
			e.cannot(&s.Base, "%s %s (only the first set, without rule, score or id-ref, is applied)", what, s.ID)
			continue
		}
		for _, p := range s.Pairs {
			switch {
			case p.IDRef != "":
				e.cannot(&p.Base, "nvpair %s with id-ref", p.ID)
			case model.IsSensitive(p.Name) && p.Value != "":
				v := VaultVar(owner, p.Name)
				l.push(nameValue(p.Name, str("{{ "+v+" }}")))
				e.diags.Warnf(p.Range, CodeSecret, "the %s of %s is not written: it reads the vault variable %s", p.Name, owner, v)
			case p.NoValue:
				e.cannot(&p.Base, "nvpair %s without a value", p.Name)
			default:
				l.push(nameValue(p.Name, str(p.Value)))
			}
		}
	}
	return l.node
}

// defaults writes resource or operation default sets: each with id, rule
// (pcs syntax), score and attrs.
func (e *emitter) defaults(sets []*model.NVSet, what string) node {
	out := seq()
	for _, s := range sets {
		if s.IDRef != "" {
			e.cannot(&s.Base, "%s set with id-ref %s", what, s.IDRef)
			continue
		}
		d := mapping()
		d.addStr("id", s.ID)
		if s.Rule != nil {
			if !e.defaultsRule(s.Rule, what) {
				continue
			}
			r, ok := e.rule(s.Rule)
			if !ok {
				continue
			}
			d.add("rule", str(r))
			if s.Rule.Score != "" && s.Score == "" {
				e.cannot(&s.Rule.Base, "the score %s of rule %s in %s set %s (pcs gives a defaults set's rule no score; the set's own score orders sets)", s.Rule.Score, s.Rule.ID, what, s.ID)
			}
		}
		d.addStr("score", s.Score)
		l := newNV()
		for _, p := range s.Pairs {
			l.put(p.Name, p.Value)
		}
		d.addIf("attrs", l.node)
		out.push(d)
	}
	return out
}

func (e *emitter) common(n node, rc *model.ResourceCommon, what string) {
	if m := e.firstSetOf(rc.MetaAttrs, what+" meta attribute set", rc.ID); !m.empty() {
		n.add("meta_attrs", seq().push(mapping().add("attrs", m)))
	}
	if len(rc.InstanceAttrs) > 0 && what != "primitive" {
		e.cannot(&rc.InstanceAttrs[0].Base, "instance attributes of %s %s", what, rc.ID)
	}
	if len(rc.Utilization) > 0 && what != "primitive" {
		e.cannot(&rc.Utilization[0].Base, "utilization of %s %s", what, rc.ID)
	}
	if rc.Description != "" {
		e.cannot(&rc.Base, "the description of %s %s", what, rc.ID)
	}
}

var opAttrs = []struct {
	name string
	get  func(*model.Op) string
}{
	{"interval", func(o *model.Op) string { return o.Interval }},
	{"timeout", func(o *model.Op) string { return o.Timeout }},
	{"start-delay", func(o *model.Op) string { return o.StartDelay }},
	{"interval-origin", func(o *model.Op) string { return o.IntervalOrigin }},
	{"enabled", func(o *model.Op) string { return o.Enabled }},
	{"record-pending", func(o *model.Op) string { return o.RecordPending }},
	{"role", func(o *model.Op) string { return o.Role }},
	{"requires", func(o *model.Op) string { return o.Requires }},
	{"on-fail", func(o *model.Op) string { return o.OnFail }},
	{"description", func(o *model.Op) string { return o.Description }},
}

func (e *emitter) primitive(p *model.Primitive) node {
	if p.IsTemplate {
		e.derived(&p.Base, "resource template %s is not written: the role has no templates; the primitives built on it are written out in full", p.ID)
		return mapping()
	}
	if p.Template != "" {
		tpl := e.templates[p.Template]
		if tpl == nil {
			e.cannot(&p.Base, "primitive %s built on template %s, which is not defined", p.ID, p.Template)
			return mapping()
		}
		p = expand(p, tpl)
		e.derived(&p.Base, "primitive %s is written out with the agent, attributes and operations of template %s (the role has no templates)", p.ID, tpl.ID)
	}
	n := mapping().add("id", str(p.ID))
	n.add("agent", str(p.Agent()))
	if ia := e.firstSetOf(p.InstanceAttrs, "instance attribute set", p.ID); !ia.empty() {
		n.add("instance_attrs", seq().push(mapping().add("attrs", ia)))
	}
	e.common(n, &p.ResourceCommon, "primitive")
	n.add("copy_operations_from_agent", boolean(false))
	if p.Operations != nil {
		if p.Operations.IDRef != "" {
			e.cannot(&p.Operations.Base, "operations by id-ref %s", p.Operations.IDRef)
		}
		ops := seq()
		for _, o := range p.Operations.Ops {
			if o.IDRef != "" {
				e.cannot(&o.Base, "operation by id-ref %s", o.IDRef)
				continue
			}
			attrs := newNV()
			for _, a := range opAttrs {
				attrs.put(a.name, a.get(o))
			}
			for _, s := range o.InstanceAttrs {
				for _, pr := range s.Pairs {
					if pr.Name == "OCF_CHECK_LEVEL" {
						attrs.put(pr.Name, pr.Value)
					} else {
						e.cannot(&pr.Base, "operation instance attribute %s", pr.Name)
					}
				}
			}
			for _, s := range o.MetaAttrs {
				e.cannot(&s.Base, "operation meta attributes of %s %s", p.ID, o.Name)
			}
			if attrs.empty() {
				attrs.put("interval", "0s")
			}
			ops.push(mapping().add("action", str(o.Name)).add("attrs", attrs.node))
		}
		n.addIf("operations", ops)
	}
	if u := e.firstSet(p.Utilization, "utilization set"); !u.empty() {
		n.add("utilization", seq().push(mapping().add("attrs", u)))
	}
	return n
}

func (e *emitter) bundle(b *model.Bundle) node {
	n := mapping().add("id", str(b.ID))
	if b.Primitive != nil {
		n.add("resource_id", str(b.Primitive.ID))
	}
	attrs := func(as model.Attrs) node {
		l := newNV()
		for _, a := range as {
			l.put(a.Name, a.Value)
		}
		return l.node
	}
	if b.Container != nil {
		c := mapping().add("type", str(b.Container.Element))
		c.addIf("options", attrs(b.Container.Attrs))
		n.add("container", c)
	} else {
		e.cannot(&b.Base, "bundle %s without a container", b.ID)
	}
	if b.Network != nil {
		n.addIf("network_options", attrs(b.Network.Attrs))
		pm := seq()
		for _, p := range b.Network.PortMappings {
			pm.push(attrs(p.Attrs))
		}
		n.addIf("port_map", pm)
	}
	sm := seq()
	for _, s := range b.Storage {
		sm.push(attrs(s.Attrs))
	}
	n.addIf("storage_map", sm)
	e.common(n, &b.ResourceCommon, "bundle")
	return n
}

// --- constraints ----------------------------------------------------------

func (e *emitter) constraints(root node, cs []model.Constraint) {
	loc, col, ord, tik := seq(), seq(), seq(), seq()
	for _, c := range cs {
		switch x := c.(type) {
		case *model.Location:
			for _, n := range e.location(x) {
				loc.push(n)
			}
		case *model.Colocation:
			n := mapping()
			opts := newNV()
			opts.put("score", x.Score)
			opts.put("influence", x.Influence)
			opts.put("node-attribute", x.NodeAttribute)
			if len(x.Sets) > 0 {
				n.add("resource_sets", e.sets(x.Sets))
			} else {
				n.add("resource_follower", resourceRef(x.Rsc, "role", newRole(x.RscRole)))
				n.add("resource_leader", resourceRef(x.WithRsc, "role", newRole(x.WithRscRole)))
				if x.RscInstance != "" || x.WithRscInstance != "" {
					e.cannot(&x.Base, "rsc-instance/with-rsc-instance of colocation %s", x.ID)
				}
			}
			n.add("id", str(x.ID))
			n.addIf("options", opts.node)
			col.push(n)
		case *model.Order:
			n := mapping()
			opts := newNV()
			opts.put("kind", x.Kind)
			opts.put("score", x.Score)
			opts.put("symmetrical", x.Symmetrical)
			opts.put("require-all", x.RequireAll)
			if len(x.Sets) > 0 {
				n.add("resource_sets", e.sets(x.Sets))
			} else {
				n.add("resource_first", resourceRef(x.First, "action", x.FirstAction))
				n.add("resource_then", resourceRef(x.Then, "action", x.ThenAction))
				if x.FirstInstance != "" || x.ThenInstance != "" {
					e.cannot(&x.Base, "first-instance/then-instance of order %s", x.ID)
				}
			}
			n.add("id", str(x.ID))
			n.addIf("options", opts.node)
			ord.push(n)
		case *model.Ticket:
			n := mapping()
			if len(x.Sets) > 0 {
				n.add("resource_sets", e.sets(x.Sets))
			} else {
				n.add("resource", resourceRef(x.Rsc, "role", newRole(x.RscRole)))
			}
			n.add("ticket", str(x.Ticket))
			n.add("id", str(x.ID))
			opts := newNV()
			opts.put("loss-policy", x.LossPolicy)
			n.addIf("options", opts.node)
			tik.push(n)
		}
	}
	root.addIf("ha_cluster_constraints_location", loc)
	root.addIf("ha_cluster_constraints_colocation", col)
	root.addIf("ha_cluster_constraints_order", ord)
	root.addIf("ha_cluster_constraints_ticket", tik)
}

// newRole writes a role by its Pacemaker 2.1 name, which the role's
// README lists (Promoted, Unpromoted, Started).
func newRole(r string) string {
	switch r {
	case "Master":
		return "Promoted"
	case "Slave":
		return "Unpromoted"
	}
	return r
}

func resourceRef(id, key, value string) node {
	n := mapping().add("id", str(id))
	n.addStr(key, value)
	return n
}

func (e *emitter) sets(sets []*model.ResourceSet) node {
	out := seq()
	for _, s := range sets {
		ids := seq()
		for _, r := range s.Resources {
			ids.push(str(r.ID))
		}
		n := mapping().add("resource_ids", ids)
		opts := newNV()
		opts.put("sequential", s.Sequential)
		opts.put("require-all", s.RequireAll)
		opts.put("ordering", s.Ordering)
		opts.put("action", s.Action)
		opts.put("role", newRole(s.Role))
		opts.put("score", s.Score)
		opts.put("kind", s.Kind)
		n.addIf("options", opts.node)
		out.push(n)
	}
	return out
}

// location writes one entry per node or rule: the role takes one rule per
// constraint, so a constraint with several rules becomes several entries
// (ids suffixed -1, -2, ...; Pacemaker ORs rules, and so do several
// constraints).
func (e *emitter) location(l *model.Location) []node {
	if len(l.Sets) > 0 {
		e.cannot(&l.Base, "location %s with resource sets", l.ID)
		return nil
	}
	resource := func(role string) node {
		res := mapping()
		if l.RscPattern != "" {
			res.add("pattern", str(l.RscPattern))
		} else {
			res.add("id", str(l.Rsc))
		}
		// Started matches every role, as no role does; pcs 0.11 refuses
		// it in a location rule.
		if role = newRole(role); role != "" && role != "Started" {
			res.add("role", str(role))
		}
		return res
	}
	if l.Role != "" && len(l.Rules) == 0 && newRole(l.Role) != "Started" {
		e.cannot(&l.Base, "the role of location %s without a rule", l.ID)
	}
	base := newNV()
	base.put("resource-discovery", l.ResourceDiscovery)
	if len(l.Rules) == 0 {
		opts := newNV()
		opts.put("score", l.Score)
		opts.Content = append(opts.Content, base.Content...)
		n := mapping().add("resource", resource("")).add("node", str(l.Node)).add("id", str(l.ID))
		n.addIf("options", opts.node)
		return []node{n}
	}
	var out []node
	for i, r := range l.Rules {
		rs, ok := e.rule(r)
		if !ok {
			continue
		}
		id := l.ID
		if len(l.Rules) > 1 {
			id = fmt.Sprintf("%s-%d", l.ID, i+1)
		}
		opts := newNV()
		if r.ScoreAttribute != "" {
			e.cannot(&r.Base, "score-attribute of rule %s", r.ID)
			continue
		}
		opts.put("score", r.Score)
		opts.Content = append(opts.Content, base.Content...)
		n := mapping().add("resource", resource(cmp.Or(r.Role, l.Role))).add("rule", str(rs)).add("id", str(id))
		n.addIf("options", opts.node)
		out = append(out, n)
	}
	return out
}

// defaultsRule reports a defaults rule pcs refuses: pcs takes only date,
// resource and (for operation defaults) op expressions there, no node
// attribute expressions.
func (e *emitter) defaultsRule(r *model.Rule, what string) bool {
	for _, x := range r.Expressions {
		switch x := x.(type) {
		case *model.Expr:
			e.cannot(&x.Base, "the node attribute expression %s in a %s rule (pcs accepts only date, resource and op expressions there)", x.Attribute, what)
			return false
		case *model.Rule:
			if !e.defaultsRule(x, what) {
				return false
			}
		}
	}
	return true
}

// rule writes r in pcs's rule syntax, which the role passes to pcs.
func (e *emitter) rule(r *model.Rule) (string, bool) {
	if r.IDRef != "" {
		e.cannot(&r.Base, "rule reference %s", r.IDRef)
		return "", false
	}
	op := r.BooleanOp
	if op == "" {
		op = "and"
	}
	var parts []string
	for _, x := range r.Expressions {
		switch x := x.(type) {
		case *model.Expr:
			if x.ValueSource != "" && x.ValueSource != "literal" {
				e.cannot(&x.Base, "value-source %s of expression %s", x.ValueSource, x.ID)
				return "", false
			}
			if x.Operation == "defined" || x.Operation == "not_defined" {
				parts = append(parts, x.Operation+" "+quote(x.Attribute))
				continue
			}
			s := quote(x.Attribute) + " " + x.Operation + " "
			if x.Type != "" {
				s += x.Type + " "
			}
			parts = append(parts, s+quote(x.Value))
		case *model.DateExpr:
			switch {
			case x.Operation == "gt" && x.Start != "":
				parts = append(parts, "date gt "+quote(x.Start))
			case x.Operation == "lt" && x.End != "":
				parts = append(parts, "date lt "+quote(x.End))
			case x.Operation == "in_range" && x.Start != "" && x.End != "":
				parts = append(parts, "date in_range "+quote(x.Start)+" to "+quote(x.End))
			case x.Operation == "in_range" && x.Start != "" && x.Duration != nil && len(x.Duration.Fields) > 0:
				parts = append(parts, "date in_range "+quote(x.Start)+" to duration "+fields(x.Duration.Fields))
			case x.Operation == "date_spec" && x.DateSpec != nil && len(x.DateSpec.Fields) > 0:
				parts = append(parts, "date-spec "+fields(x.DateSpec.Fields))
			default:
				e.cannot(&x.Base, "date expression %s (%s)", x.ID, x.Operation)
				return "", false
			}
		case *model.RscExpr:
			parts = append(parts, "resource "+x.Class+":"+x.Provider+":"+x.Type)
		case *model.OpExpr:
			s := "op " + x.Name
			if x.Interval != "" {
				s += " interval=" + x.Interval
			}
			parts = append(parts, s)
		case *model.Rule:
			sub, ok := e.rule(x)
			if !ok {
				return "", false
			}
			parts = append(parts, "("+sub+")")
		}
	}
	if len(parts) == 0 {
		e.cannot(&r.Base, "empty rule %s", r.ID)
		return "", false
	}
	return strings.Join(parts, " "+op+" "), true
}

// fields writes date_spec or duration fields as pcs reads them: name=value.
func fields(as model.Attrs) string {
	var ws []string
	for _, a := range as {
		ws = append(ws, a.Name+"="+quote(a.Value))
	}
	return strings.Join(ws, " ")
}

// quote quotes a rule word for pcs when it holds spaces or quotes.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'()") {
		return s
	}
	return strconv.Quote(s)
}

// --- alerts and ACLs ------------------------------------------------------

func (e *emitter) alert(a *model.Alert) node {
	n := mapping().add("id", str(a.ID)).add("path", str(a.Path))
	n.addStr("description", a.Description)
	if ia := e.firstSetOf(a.InstanceAttrs, "alert instance attribute set", a.ID); !ia.empty() {
		n.add("instance_attrs", seq().push(mapping().add("attrs", ia)))
	}
	if ma := e.firstSetOf(a.MetaAttrs, "alert meta attribute set", a.ID); !ma.empty() {
		n.add("meta_attrs", seq().push(mapping().add("attrs", ma)))
	}
	if a.Select != nil {
		e.cannot(&a.Select.Base, "the select filter of alert %s", a.ID)
	}
	rs := seq()
	for _, r := range a.Recipients {
		rn := mapping().add("value", str(r.Value))
		rn.addStr("id", r.ID)
		rn.addStr("description", r.Description)
		if ia := e.firstSetOf(r.InstanceAttrs, "recipient instance attribute set", r.ID); !ia.empty() {
			rn.add("instance_attrs", seq().push(mapping().add("attrs", ia)))
		}
		if ma := e.firstSetOf(r.MetaAttrs, "recipient meta attribute set", r.ID); !ma.empty() {
			rn.add("meta_attrs", seq().push(mapping().add("attrs", ma)))
		}
		rs.push(rn)
	}
	n.addIf("recipients", rs)
	return n
}

func (e *emitter) acls(a *model.ACLs) node {
	n := mapping()
	roles := seq()
	for _, r := range a.Roles {
		rn := mapping().add("id", str(r.ID))
		rn.addStr("description", r.Description)
		perms := seq()
		for _, p := range r.Permissions {
			pn := mapping().add("kind", str(p.Kind))
			switch {
			case p.Xpath != "":
				pn.add("xpath", str(p.Xpath))
			case p.Reference != "":
				pn.add("reference", str(p.Reference))
			default:
				e.cannot(&p.Base, "ACL permission %s by object-type/attribute", p.ID)
				continue
			}
			perms.push(pn)
		}
		rn.addIf("permissions", perms)
		roles.push(rn)
	}
	n.addIf("acl_roles", roles)
	users, groups := seq(), seq()
	for _, t := range a.Targets {
		tn := mapping().add("id", str(t.ID))
		if t.Name != "" {
			e.cannot(&t.Base, "the name attribute of ACL target %s", t.ID)
		}
		rs := seq()
		for _, r := range t.Roles {
			rs.push(str(r.ID))
		}
		tn.addIf("roles", rs)
		if len(t.Permissions) > 0 {
			e.cannot(&t.Base, "inline permissions of legacy ACL user %s (give them a role)", t.ID)
		}
		if t.Element == "acl_group" {
			groups.push(tn)
		} else {
			users.push(tn)
		}
	}
	n.addIf("acl_users", users)
	n.addIf("acl_groups", groups)
	return n
}

// unknown reports elements hakit kept without a type: the role cannot
// carry them either.
func (e *emitter) unknown(cfg *model.Configuration) {
	report := func(b *model.Base) {
		for _, u := range b.Unknown {
			e.diags.Warnf(u.Range, CodeCannot, "the ha_cluster role cannot express this element; it is left out")
		}
	}
	report(&cfg.Base)
	model.Walk(cfg.Resources, func(r, _ model.Resource) { report(r.Src()) })
	for _, c := range cfg.Constraints {
		report(c.Src())
	}
}
