package pcs

import (
	"slices"
	"strconv"
	"strings"

	"hakit/agents"
	"hakit/internal/pcsid"
	"hakit/model"
)

func (p *parser) stonith(c *call) {
	a := c.args
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	rest := a[2:]
	switch a[1].s {
	case "create":
		p.only(c, "--force", "--disabled", "--no-default-ops", "--group", "--before", "--after", "--wait", "--agent-validation")
		if c.has("--group") {
			p.diags.Warnf(c.opts["--group"].r, "HA3005", "putting stonith resources into groups is deprecated")
		}
		p.create(c, rest, true)
	case "update":
		p.only(c, "--force", "--wait", "--agent-validation")
		p.update(c, rest, true)
	case "delete", "remove":
		p.only(c, "--force")
		p.resourceDelete(c, rest, true)
	case "meta":
		p.metaCmd(c, rest)
	case "op":
		p.opCmd(c, rest)
	case "level":
		if len(rest) > 0 && rest[0].s == "add" {
			p.only(c, "--force")
			p.levelAdd(c, rest[1:])
			return
		}
		if len(rest) > 0 && (rest[0].s == "config" || rest[0].s == "verify") {
			p.notConfig(c, 3)
			return
		}
		p.notModelled(c, 3)
	case "enable", "disable":
		p.enable(c, rest, a[1].s == "enable")
	case "status", "config", "show", "list", "describe", "fence", "confirm", "cleanup", "refresh", "history", "sbd", "watchdog", "history-show", "failcount":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

// knownNodes returns the node names the script defined, or nil when it
// defined none (and node names cannot be checked).
func (p *parser) knownNodes() []string {
	var out []string
	if m := p.c.Membership; m != nil {
		for _, n := range m.Nodes {
			out = append(out, n.Name)
		}
	}
	if p.c.Config != nil {
		for _, n := range p.c.Config.Nodes {
			out = append(out, n.Uname)
		}
	}
	return out
}

func (p *parser) levelAdd(c *call, args []word) {
	if len(args) < 3 {
		p.diags.Errorf(span(c.args), "HA3009", "'stonith level add' needs a level, a target and devices")
		return
	}
	lvl, err := strconv.Atoi(args[0].s)
	if err != nil || lvl < 1 || lvl > 9 {
		p.diags.Errorf(args[0].r, "HA3012", "'%s' is not a valid level value, use a positive integer (1-9)", args[0].s)
		return
	}
	fl := &model.FencingLevel{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, Index: args[0].s}
	tw := args[1]
	target := tw.s
	switch {
	case strings.HasPrefix(target, "regexp%"):
		fl.TargetPattern = strings.TrimPrefix(target, "regexp%")
	case strings.HasPrefix(target, "attrib%"):
		n, v, ok := strings.Cut(strings.TrimPrefix(target, "attrib%"), "=")
		if !ok {
			p.diags.Errorf(tw.r, "HA3012", "target attribute '%s' needs the form attrib%%name=value", target)
			return
		}
		fl.TargetAttribute, fl.TargetValue = n, v
	default:
		fl.Target = strings.TrimPrefix(target, "node%")
		if known := p.knownNodes(); !c.has("--force") && known != nil && !slices.Contains(known, fl.Target) {
			p.diags.Errorf(tw.r, "HA3010", "node '%s' does not appear to exist in configuration, use --force to override", fl.Target)
			return
		}
	}
	var devices []string
	id := ""
	for _, w := range args[2:] {
		for _, d := range strings.Split(w.s, ",") {
			// pcs checks each id of a comma list, --force or not.
			if d == "" {
				p.diags.Errorf(w.r, "HA3008", "device id cannot be empty")
				return
			}
			if e := idError(d); e != "" {
				p.diags.Errorf(w.r, "HA3008", "invalid device id '%s': %s", d, e)
				return
			}
			r, _ := p.find(d)
			if pr, ok := r.(*model.Primitive); !ok || pr.Class != "stonith" {
				if !c.has("--force") {
					p.diags.Errorf(w.r, "HA3010", "stonith resource '%s' does not exist, use --force to override", d)
					return
				}
			}
			devices = append(devices, d)
		}
	}
	if len(devices) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "missing stonith devices")
		return
	}
	fl.Devices = strings.Join(devices, ",")
	cfg := p.cfg()
	if cfg.FencingTopology == nil {
		cfg.FencingTopology = &model.FencingTopology{}
	}
	for _, o := range cfg.FencingTopology.Levels {
		if o.Index == fl.Index && o.Target == fl.Target && o.TargetPattern == fl.TargetPattern && o.TargetAttribute == fl.TargetAttribute && o.TargetValue == fl.TargetValue && o.Devices == fl.Devices {
			p.diags.Errorf(span(c.args), "HA3011", "fencing level for '%s' at level '%s' with device(s) '%s' already exists", target, fl.Index, fl.Devices)
			return
		}
	}
	if id == "" {
		t := first(fl.Target, fl.TargetPattern, fl.TargetAttribute)
		id = p.unique(pcsid.Sanitize("fl-" + t + "-" + fl.Index))
	}
	fl.ID = id
	p.ids[id] = true
	cfg.FencingTopology.Levels = append(cfg.FencingTopology.Levels, fl)
}

func (p *parser) property(c *call) {
	a := c.args
	if a[0].s == "prop" {
		p.diags.Warnf(a[0].r, "HA3005", "'pcs prop' is an abbreviation, write 'pcs property'")
	}
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	switch a[1].s {
	case "set":
		p.only(c, "--force")
		p.propertySet(c, a[2:], false)
	case "unset":
		p.only(c, "--force")
		p.propertySet(c, a[2:], true)
	case "config", "show", "list", "defaults", "describe", "get_cluster_properties_definition":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

func (p *parser) propertySet(c *call, args []word, unset bool) {
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "'property %s' needs properties", c.args[1].s)
		return
	}
	var pairs []nvArg
	if unset {
		for _, w := range args {
			pairs = append(pairs, nvArg{w.s, "", w})
		}
	} else {
		pairs = p.nvPairs(args, "property")
	}
	cfg := p.cfg()
	for _, nv := range pairs {
		if slices.Contains(ReadOnlyProperties, nv.name) {
			p.diags.Errorf(nv.w.r, "HA3012", "cluster property '%s' is set by the cluster itself and cannot be set with pcs", nv.name)
			return
		}
		opt, ok := agents.ClusterOption(nv.name)
		if !ok && !c.has("--force") {
			p.diags.Errorf(nv.w.r, "HA3012", "invalid cluster property '%s', use --force to override", nv.name)
			return
		}
		if ok && nv.value != "" && len(opt.Values) > 0 && !slices.Contains(opt.Values, nv.value) && !c.has("--force") {
			p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid %s value, use %s", nv.value, nv.name, strings.Join(opt.Values, ", "))
			return
		}
		if ok && nv.value != "" && opt.Type == "boolean" && !isBoolValue(nv.value) && !c.has("--force") {
			p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid %s value, use a pacemaker boolean value", nv.value, nv.name)
			return
		}
	}
	for _, nv := range pairs {
		if unset {
			if _, has := model.Lookup(cfg.ClusterOptions, nv.name); !has {
				p.diags.Errorf(nv.w.r, "HA3010", "cannot remove property '%s', it is not present in property set 'cib-bootstrap-options'", nv.name)
				continue
			}
		}
		p.setNV(&cfg.ClusterOptions, "cluster_property_set", "cib-bootstrap-options", nv.name, nv.value, nv.w.r)
	}
}

// ReadOnlyProperties are the cluster properties pcs refuses to set, even
// with --force, because the cluster maintains them.
var ReadOnlyProperties = []string{"cluster-infrastructure", "cluster-name", "dc-version", "have-watchdog", "last-lrm-refresh"}

func isBoolValue(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "on", "off", "yes", "no", "y", "n", "1", "0":
		return true
	}
	return false
}

func (p *parser) alert(c *call) {
	a := c.args
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	switch a[1].s {
	case "create":
		p.only(c)
		p.alertCreate(c, a[2:])
	case "recipient":
		if len(a) > 2 && a[2].s == "add" {
			p.only(c, "--force")
			p.recipientAdd(c, a[3:])
			return
		}
		p.notModelled(c, 3)
	case "update", "delete", "remove":
		p.notModelled(c, 2)
	case "config", "show", "get_all_alerts":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

// alertParts reads "key=value... [options k=v...] [meta k=v...]".
func (p *parser) alertParts(args []word) (top, inst, meta []nvArg) {
	groups, _ := groupByKeywords(args, []string{"options", "meta"})
	top = p.nvPairs(groups[""][0], "option")
	if g, ok := groups["options"]; ok {
		inst = p.nvPairs(g[0], "option")
	}
	if g, ok := groups["meta"]; ok {
		meta = p.nvPairs(g[0], "meta option")
	}
	return
}

func (p *parser) alertCreate(c *call, args []word) {
	top, inst, meta := p.alertParts(args)
	al := &model.Alert{Base: model.Base{Range: c.r, Comments: p.cmd.comments}}
	for _, nv := range top {
		switch nv.name {
		case "path":
			al.Path = nv.value
		case "id":
			if !p.checkNewID(word{nv.value, nv.w.r}, "alert-id") {
				return
			}
			al.ID = nv.value
		case "description":
			al.Description = nv.value
		default:
			p.diags.Errorf(nv.w.r, "HA3012", "invalid alert option '%s', allowed options are: description, id, path", nv.name)
			return
		}
	}
	if al.Path == "" {
		p.diags.Errorf(span(c.args), "HA3009", "required option 'path' is missing")
		return
	}
	if al.ID == "" {
		al.ID = p.unique("alert")
	}
	p.ids[al.ID] = true
	for _, nv := range inst {
		p.setNV(&al.InstanceAttrs, "instance_attributes", al.ID+"-instance_attributes", nv.name, nv.value, nv.w.r)
	}
	for _, nv := range meta {
		p.setNV(&al.MetaAttrs, "meta_attributes", al.ID+"-meta_attributes", nv.name, nv.value, nv.w.r)
	}
	cfg := p.cfg()
	cfg.Alerts = append(cfg.Alerts, al)
}

func (p *parser) recipientAdd(c *call, args []word) {
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'alert recipient add' needs an alert id and value=")
		return
	}
	var al *model.Alert
	for _, x := range p.cfg().Alerts {
		if x.ID == args[0].s {
			al = x
		}
	}
	if al == nil {
		p.diags.Errorf(args[0].r, "HA3010", "alert '%s' does not exist", args[0].s)
		return
	}
	top, inst, meta := p.alertParts(args[1:])
	rc := &model.Recipient{Base: model.Base{Range: c.r}}
	hasValue := false
	for _, nv := range top {
		switch nv.name {
		case "value":
			rc.Value, hasValue = nv.value, true
		case "id":
			if !p.checkNewID(word{nv.value, nv.w.r}, "recipient-id") {
				return
			}
			rc.ID = nv.value
		case "description":
			rc.Description = nv.value
		default:
			p.diags.Errorf(nv.w.r, "HA3012", "invalid recipient option '%s', allowed options are: description, id, value", nv.name)
			return
		}
	}
	if !hasValue || rc.Value == "" {
		p.diags.Errorf(span(c.args), "HA3009", "required option 'value' is missing")
		return
	}
	for _, o := range al.Recipients {
		if o.Value == rc.Value && !c.has("--force") {
			p.diags.Errorf(span(c.args), "HA3011", "recipient '%s' in alert '%s' already exists, use --force to override", rc.Value, al.ID)
			return
		}
	}
	if rc.ID == "" {
		rc.ID = p.unique(al.ID + "-recipient")
	}
	p.ids[rc.ID] = true
	for _, nv := range inst {
		p.setNV(&rc.InstanceAttrs, "instance_attributes", rc.ID+"-instance_attributes", nv.name, nv.value, nv.w.r)
	}
	for _, nv := range meta {
		p.setNV(&rc.MetaAttrs, "meta_attributes", rc.ID+"-meta_attributes", nv.name, nv.value, nv.w.r)
	}
	al.Recipients = append(al.Recipients, rc)
}

func (p *parser) tag(c *call) {
	a := c.args
	if len(a) < 2 {
		p.notConfig(c, 1)
		return
	}
	switch a[1].s {
	case "create":
		p.only(c)
		if len(a) < 4 {
			p.diags.Errorf(span(c.args), "HA3009", "'tag create' needs a tag id and at least one id")
			return
		}
		if !p.checkNewID(a[2], "tag id") {
			return
		}
		t := &model.Tag{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, ID: a[2].s}
		var seen []string
		for _, w := range a[3:] {
			if r, _ := p.find(w.s); r == nil {
				p.diags.Errorf(w.r, "HA3010", "bundle, clone, group or resource '%s' does not exist", w.s)
				return
			}
			if slices.Contains(seen, w.s) {
				p.diags.Errorf(w.r, "HA3011", "ids to add must be unique, duplicate id: '%s'", w.s)
				return
			}
			seen = append(seen, w.s)
			t.Refs = append(t.Refs, &model.IDRef{Base: model.Base{Range: w.r}, ID: w.s})
		}
		p.ids[t.ID] = true
		cfg := p.cfg()
		cfg.Tags = append(cfg.Tags, t)
	case "update":
		p.only(c, "--before", "--after")
		p.tagUpdate(c, a[2:])
	case "delete", "remove":
		p.only(c)
		p.tagDelete(c, a[2:])
	case "config", "list":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

func (p *parser) node(c *call) {
	a := c.args
	if len(a) < 2 {
		p.unknown(c, 1)
		return
	}
	switch a[1].s {
	case "attribute", "utilization":
		p.only(c, "--force", "--name")
		if len(a) < 4 {
			p.notConfig(c, 2)
			return
		}
		nw := a[2]
		cfg := p.cfg()
		var n *model.Node
		for _, x := range cfg.Nodes {
			if x.Uname == nw.s {
				n = x
			}
		}
		if n == nil {
			id, known := nw.s, false
			if m := p.c.Membership; m != nil {
				for _, mn := range m.Nodes {
					if mn.Name == nw.s {
						known = true
						if mn.NodeID > 0 {
							id = strconv.Itoa(int(mn.NodeID))
						}
					}
				}
			}
			if !known {
				// pcs (crm_attribute, or its own node lookup) finds the node
				// in the CIB or the cluster's membership only.
				if a[1].s == "attribute" {
					name := ""
					if nvs := p.nvPairs(a[3:], "attribute"); len(nvs) > 0 {
						name = nvs[0].name
					}
					p.diags.Errorf(nw.r, "HA3010", "unable to set attribute %s: crm_attribute: Could not map name=%s to a UUID (no such node in the CIB or the script's cluster setup)", name, nw.s)
				} else {
					p.diags.Errorf(nw.r, "HA3010", "Unable to find a node: %s (not in the CIB or the script's cluster setup)", nw.s)
				}
				return
			}
			n = &model.Node{Base: model.Base{Range: nw.r}, ID: id, Uname: nw.s}
			p.ids[id] = true
			cfg.Nodes = append(cfg.Nodes, n)
		}
		for _, nv := range p.nvPairs(a[3:], "attribute") {
			if a[1].s == "attribute" {
				p.setNV(&n.InstanceAttrs, "instance_attributes", "nodes-"+n.ID, nv.name, nv.value, nv.w.r)
			} else {
				p.setNV(&n.Utilization, "utilization", "nodes-"+n.ID+"-utilization", nv.name, nv.value, nv.w.r)
			}
		}
	case "standby", "unstandby", "maintenance", "unmaintenance":
		p.notConfig(c, 2)
	default:
		p.unknown(c, 1)
	}
}

func (p *parser) findTag(w word) *model.Tag {
	if p.c.Config != nil {
		for _, t := range p.c.Config.Tags {
			if t.ID == w.s {
				return t
			}
		}
	}
	p.diags.Errorf(w.r, "HA3010", "tag '%s' does not exist", w.s)
	return nil
}

// tagUpdate is "pcs tag update TAG [add ID... [--before ID | --after ID]]
// [remove ID...]" as pcs 0.11 validates and applies it: ids to add must be
// resources, given once and (unless placed with --before/--after, which
// moves them) not in the tag yet; ids to remove must be in it; the tag must
// not end up empty.
func (p *parser) tagUpdate(c *call, args []word) {
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'tag update' needs a tag id and 'add' or 'remove'")
		return
	}
	t := p.findTag(args[0])
	if t == nil {
		return
	}
	var add, remove []word
	var into *[]word
	for _, w := range args[1:] {
		switch w.s {
		case "add":
			into = &add
		case "remove":
			into = &remove
		default:
			if into == nil {
				p.diags.Errorf(w.r, "HA3009", "expected 'add' or 'remove', got '%s'", w.s)
				return
			}
			*into = append(*into, w)
		}
	}
	if len(add) == 0 && len(remove) == 0 {
		p.diags.Errorf(span(args), "HA3009", "at least one id to add or remove must be given")
		return
	}
	adjacent, after := "", false
	if v, o := c.val("--before"); o != nil {
		adjacent = v
	}
	if v, o := c.val("--after"); o != nil {
		if adjacent != "" {
			p.diags.Errorf(o.r, "HA3009", "--before and --after cannot be used together")
			return
		}
		adjacent, after = v, true
	}
	in := func(id string) bool {
		return slices.ContainsFunc(t.Refs, func(r *model.IDRef) bool { return r.ID == id })
	}
	var seen []string
	for _, w := range add {
		if r, _ := p.find(w.s); r == nil {
			p.diags.Errorf(w.r, "HA3010", "bundle, clone, group or resource '%s' does not exist", w.s)
			return
		}
		if slices.Contains(seen, w.s) {
			p.diags.Errorf(w.r, "HA3011", "ids to add must be unique, duplicate id: '%s'", w.s)
			return
		}
		seen = append(seen, w.s)
		if adjacent == "" && in(w.s) {
			p.diags.Errorf(w.r, "HA3011", "cannot add reference id '%s' already in tag '%s'", w.s, t.ID)
			return
		}
		if w.s == adjacent {
			p.diags.Errorf(w.r, "HA3011", "cannot put id '%s' next to itself", w.s)
			return
		}
	}
	if adjacent != "" && !in(adjacent) {
		p.diags.Errorf(span(args), "HA3010", "there is no reference id '%s' in tag '%s'", adjacent, t.ID)
		return
	}
	for _, w := range remove {
		if !in(w.s) {
			p.diags.Errorf(w.r, "HA3010", "tag '%s' does not contain id '%s'", t.ID, w.s)
			return
		}
		if slices.Contains(seen, w.s) {
			p.diags.Errorf(w.r, "HA3011", "id '%s' cannot be both added and removed", w.s)
			return
		}
	}
	refs := slices.DeleteFunc(slices.Clone(t.Refs), func(r *model.IDRef) bool {
		return slices.ContainsFunc(remove, func(w word) bool { return w.s == r.ID }) ||
			adjacent != "" && slices.Contains(seen, r.ID)
	})
	var news []*model.IDRef
	for _, w := range add {
		news = append(news, &model.IDRef{Base: model.Base{Range: w.r}, ID: w.s})
	}
	at := len(refs)
	if adjacent != "" {
		at = slices.IndexFunc(refs, func(r *model.IDRef) bool { return r.ID == adjacent })
		if after {
			at++
		}
	}
	refs = slices.Insert(refs, at, news...)
	if len(refs) == 0 {
		p.diags.Errorf(span(args), "HA3011", "tag '%s' cannot be empty", t.ID)
		return
	}
	t.Refs = refs
}

// tagDelete is "pcs tag delete TAG...": a tag named in a constraint is
// not removed (pcs refuses).
func (p *parser) tagDelete(c *call, args []word) {
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "'tag delete' needs a tag id")
		return
	}
	var tags []*model.Tag
	for _, w := range args {
		t := p.findTag(w)
		if t == nil {
			return
		}
		for _, k := range p.cfg().Constraints {
			if slices.Contains(constraintRefs(k), t.ID) {
				p.diags.Errorf(w.r, "HA3011", "unable to delete tag '%s' because it is referenced in constraint '%s'", t.ID, k.ConstraintID())
				return
			}
		}
		tags = append(tags, t)
	}
	cfg := p.cfg()
	cfg.Tags = slices.DeleteFunc(cfg.Tags, func(t *model.Tag) bool { return slices.Contains(tags, t) })
	for _, t := range tags {
		delete(p.ids, t.ID)
	}
}

// constraintRefs lists the resource ids a constraint names.
func constraintRefs(k model.Constraint) []string {
	var ids []string
	var sets []*model.ResourceSet
	switch k := k.(type) {
	case *model.Location:
		ids, sets = []string{k.Rsc}, k.Sets
	case *model.Colocation:
		ids, sets = []string{k.Rsc, k.WithRsc}, k.Sets
	case *model.Order:
		ids, sets = []string{k.First, k.Then}, k.Sets
	case *model.Ticket:
		ids, sets = []string{k.Rsc}, k.Sets
	}
	for _, s := range sets {
		for _, r := range s.Resources {
			ids = append(ids, r.ID)
		}
	}
	return ids
}
