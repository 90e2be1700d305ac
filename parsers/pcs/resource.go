package pcs

import (
	"slices"
	"strings"

	"hakit/agents"
	"hakit/internal/pcsid"
	"hakit/model"
)

func (p *parser) cfg() *model.Configuration { return p.c.EnsureConfig() }

// find returns the resource called id and the resource that contains it
// (nil at the top level).
func (p *parser) find(id string) (model.Resource, model.Resource) {
	if p.c.Config == nil {
		return nil, nil
	}
	var walk func(r, parent model.Resource) (model.Resource, model.Resource)
	walk = func(r, parent model.Resource) (model.Resource, model.Resource) {
		if r.ResourceID() == id {
			return r, parent
		}
		switch x := r.(type) {
		case *model.Group:
			for _, m := range x.Members {
				if m.ID == id {
					return m, x
				}
			}
		case *model.Clone:
			if x.Child != nil {
				return walk(x.Child, x)
			}
		case *model.Bundle:
			if x.Primitive != nil && x.Primitive.ID == id {
				return x.Primitive, x
			}
		}
		return nil, nil
	}
	for _, r := range p.c.Config.Resources {
		if f, par := walk(r, nil); f != nil {
			return f, par
		}
	}
	return nil, nil
}

// mustFind reports a missing resource.
func (p *parser) mustFind(w word, what string) model.Resource {
	r, _ := p.find(w.s)
	if r == nil {
		if what == "" {
			what = "resource"
		}
		p.diags.Errorf(w.r, "HA3010", "%s '%s' does not exist", what, w.s)
	}
	return r
}

func common(r model.Resource) *model.ResourceCommon {
	switch x := r.(type) {
	case *model.Primitive:
		return &x.ResourceCommon
	case *model.Group:
		return &x.ResourceCommon
	case *model.Clone:
		return &x.ResourceCommon
	case *model.Bundle:
		return &x.ResourceCommon
	}
	panic("pcs: unexpected resource type " + strings.TrimPrefix(typeName(r), "*model."))
}

func typeName(v any) string {
	switch v.(type) {
	case *model.Primitive:
		return "*model.Primitive"
	case *model.Group:
		return "*model.Group"
	case *model.Clone:
		return "*model.Clone"
	case *model.Bundle:
		return "*model.Bundle"
	}
	return "unknown"
}

func (p *parser) resource(c *call) {
	a := c.args
	if len(a) < 2 {
		p.unknown(c, 1)
		return
	}
	rest := a[2:]
	switch a[1].s {
	case "create":
		p.only(c, "--force", "--disabled", "--no-default-ops", "--group", "--before", "--after", "--wait", "--agent-validation", "--master", "--promoted", "--clone")
		p.create(c, rest, false)
	case "delete", "remove":
		p.only(c, "--force", "--wait")
		p.resourceDelete(c, rest, false)
	case "update":
		p.only(c, "--force", "--wait", "--agent-validation")
		p.update(c, rest, false)
	case "meta":
		p.only(c, "--force", "--wait")
		p.metaCmd(c, rest)
	case "op":
		p.opCmd(c, rest)
	case "defaults":
		p.defaults(c, rest, "rsc_defaults")
	case "group":
		p.groupCmd(c, rest)
	case "clone", "promotable", "master":
		p.only(c, "--force", "--wait")
		p.cloneCmd(c, a[1], rest)
	case "bundle":
		p.bundleCmd(c, rest)
	case "utilization":
		p.only(c)
		p.utilization(c, rest)
	case "enable", "disable":
		p.only(c, "--wait", "--safe", "--simulate", "--no-strict", "--brief", "--force")
		p.enable(c, rest, a[1].s == "enable")
	case "manage", "unmanage":
		p.only(c, "--monitor")
		p.manage(c, rest, a[1].s == "manage")
	case "status", "config", "show", "move", "move-with-constraint", "ban", "clear", "cleanup", "refresh",
		"restart", "debug-start", "debug-stop", "debug-promote", "debug-demote", "debug-monitor",
		"failcount", "relocate", "describe", "list", "agents", "providers", "standards", "op-defaults",
		"safe-disable", "get_resource_agent_info", "utilization-show":
		p.notConfig(c, 2)
	case "unclone":
		p.notModelled(c, 2)
	default:
		p.unknown(c, 1)
	}
}

// agentName resolves an agent specification as pcs does.
func (p *parser) agentName(w word, force bool) (class, provider, typ string, ag *agents.Agent, ok bool) {
	parts := strings.Split(w.s, ":")
	switch len(parts) {
	case 3:
		class, provider, typ = parts[0], parts[1], parts[2]
	case 2:
		class, typ = parts[0], parts[1]
	case 1:
		typ = parts[0]
		var found []*agents.Agent
		for _, x := range agents.All() {
			if x.Class == "ocf" && x.Type == typ {
				found = append(found, x)
			}
		}
		switch len(found) {
		case 1:
			ag = found[0]
			p.diags.Infof(w.r, "HA3016", "assumed agent name '%s' (deduced from '%s')", ag, typ)
			return ag.Class, ag.Provider, ag.Type, ag, true
		case 0:
			p.diags.Errorf(w.r, "HA3013", "unable to find agent '%s', try specifying its full name", typ)
			return "", "", "", nil, false
		default:
			names := make([]string, len(found))
			for i, f := range found {
				names[i] = f.String()
			}
			p.diags.Errorf(w.r, "HA3013", "multiple agents match '%s', please specify full name: %s", typ, strings.Join(names, ", "))
			return "", "", "", nil, false
		}
	default:
		p.diags.Errorf(w.r, "HA3013", "invalid resource agent name '%s'", w.s)
		return "", "", "", nil, false
	}
	if class == "" || typ == "" || (class == "ocf") != (provider != "") {
		p.diags.Errorf(w.r, "HA3013", "invalid resource agent name '%s'", w.s)
		return "", "", "", nil, false
	}
	switch class {
	case "ocf", "stonith":
		a, found := agents.Lookup(class, provider, typ)
		if !found {
			if force {
				p.diags.Warnf(w.r, "HA3017", "agent '%s' is not known; its parameters are not checked", w.s)
				return class, provider, typ, nil, true
			}
			p.diags.Errorf(w.r, "HA3013", "agent '%s' is not installed or does not provide valid metadata, use --force to override", w.s)
			return "", "", "", nil, false
		}
		return class, provider, typ, a, true
	case "systemd", "lsb", "service", "upstart", "nagios":
		p.diags.Warnf(w.r, "HA3018", "no metadata is known for '%s'; the unit must exist on every node", w.s)
		return class, provider, typ, nil, true
	}
	p.diags.Errorf(w.r, "HA3013", "invalid resource agent name '%s': unknown class '%s'", w.s, class)
	return "", "", "", nil, false
}

// groupByKeywords splits ws at the keywords; words before the first keyword
// go to "". Repeated keywords in repeat get one group each; other keywords
// met twice are merged.
func groupByKeywords(ws []word, keywords []string, repeat ...string) (map[string][][]word, []word) {
	out := map[string][][]word{}
	key := ""
	var kws []word
	out[""] = [][]word{nil}
	for _, w := range ws {
		if slices.Contains(keywords, w.s) {
			key = w.s
			kws = append(kws, w)
			if slices.Contains(repeat, key) || len(out[key]) == 0 {
				out[key] = append(out[key], []word{})
			}
			continue
		}
		g := out[key]
		g[len(g)-1] = append(g[len(g)-1], w)
	}
	return out, kws
}

// rscOps are the op sections of a command: each op is a name followed by
// name=value words; a word without "=" starts the next op.
func splitOps(groups [][]word) [][]word {
	var ops [][]word
	for _, g := range groups {
		for _, w := range g {
			if !strings.Contains(w.s, "=") || len(ops) == 0 {
				ops = append(ops, []word{w})
				continue
			}
			ops[len(ops)-1] = append(ops[len(ops)-1], w)
		}
	}
	return ops
}

var opOptions = []string{"id", "interval", "description", "start-delay", "interval-origin", "timeout",
	"enabled", "record-pending", "role", "requires", "on-fail", "OCF_CHECK_LEVEL"}

var roles = []string{"Stopped", "Started", "Promoted", "Unpromoted", "Master", "Slave"}

// role reads a role as pcs: case-insensitive, the legacy names translated.
func (p *parser) role(w word, v string) (string, bool) {
	cleaned := strings.ToUpper(v[:min(1, len(v))]) + strings.ToLower(v[min(1, len(v)):])
	if !slices.Contains(roles, cleaned) {
		p.diags.Errorf(w.r, "HA3012", "invalid role value '%s', allowed values are: 'Promoted', 'Started', 'Stopped', 'Unpromoted'", v)
		return "", false
	}
	switch cleaned {
	case "Master":
		p.diags.Warnf(w.r, "HA3005", "role value 'Master' is deprecated, use 'Promoted'")
		cleaned = "Promoted"
	case "Slave":
		p.diags.Warnf(w.r, "HA3005", "role value 'Slave' is deprecated, use 'Unpromoted'")
		cleaned = "Unpromoted"
	}
	return cleaned, true
}

// buildOp reads "name opt=val ..." into an op (without id).
func (p *parser) buildOp(ws []word, strict bool) (*model.Op, string, bool) {
	name := ws[0]
	if strings.Contains(name.s, "=") {
		p.diags.Errorf(name.r, "HA3009", "'%s' does not appear to be a valid operation action", name.s)
		return nil, "", false
	}
	op := &model.Op{Base: model.Base{Range: span(ws)}, Name: name.s}
	ok := true
	var id string
	for _, nv := range p.nvPairs(ws[1:], "operation option") {
		if strict && !slices.Contains(opOptions, nv.name) {
			p.diags.Errorf(nv.w.r, "HA3012", "invalid resource operation option '%s', allowed options are: %s", nv.name, strings.Join(opOptions, ", "))
			ok = false
			continue
		}
		switch nv.name {
		case "id":
			if !p.checkNewID(word{nv.value, nv.w.r}, "operation id") {
				ok = false
			}
			id = nv.value
		case "interval":
			op.Interval = nv.value
		case "timeout":
			op.Timeout = nv.value
		case "description":
			op.Description = nv.value
		case "start-delay":
			op.StartDelay = nv.value
		case "interval-origin":
			op.IntervalOrigin = nv.value
		case "enabled":
			op.Enabled = nv.value
		case "record-pending":
			op.RecordPending = nv.value
		case "role":
			r, good := p.role(nv.w, nv.value)
			ok = ok && good
			op.Role = r
		case "requires":
			op.Requires = nv.value
		case "on-fail":
			if !slices.Contains([]string{"ignore", "block", "demote", "stop", "restart", "standby", "fence", "restart-container"}, nv.value) {
				p.diags.Errorf(nv.w.r, "HA3012", "'%s' is not a valid on-fail value", nv.value)
				ok = false
			}
			op.OnFail = nv.value
		case "OCF_CHECK_LEVEL":
			op.InstanceAttrs = append(op.InstanceAttrs, &model.NVSet{Kind: "instance_attributes", Pairs: []*model.NVPair{{Name: "OCF_CHECK_LEVEL", Value: nv.value}}})
		default:
			if !xmlName(nv.name) {
				// Not even --force makes it an attribute of <op>.
				p.diags.Errorf(nv.w.r, "HA3012", "operation option '%s' cannot be an XML attribute name", nv.name)
				ok = false
				continue
			}
			op.Extra.Set(nv.name, nv.value)
		}
	}
	if op.Interval == "" {
		op.Interval = "0s"
		if op.Name == "monitor" {
			op.Interval = "60s"
		}
	}
	return op, id, ok
}

// nameOp gives op its id (given or generated) and ids for its sets.
func (p *parser) nameOp(rsc string, op *model.Op, id string) {
	if id == "" {
		id = p.unique(agents.OpID(rsc, agents.Action{Name: op.Name, Interval: op.Interval}))
	}
	op.ID = id
	p.ids[id] = true
	for _, s := range op.InstanceAttrs {
		s.ID = p.take(id + "-instance_attributes")
		for _, np := range s.Pairs {
			np.ID = p.take(s.ID + "-" + np.Name)
		}
	}
}

// actionNames lists an agent's action names as pcs does in its refusal:
// quoted, sorted, each once.
func actionNames(ag *agents.Agent) string {
	var names []string
	for _, a := range ag.Actions {
		names = append(names, "'"+a.Name+"'")
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ", ")
}

// sortOps orders ops by name, stably, as pcs writes them.
func sortOps(ops []*model.Op) {
	slices.SortStableFunc(ops, func(a, b *model.Op) int { return strings.Compare(a.Name, b.Name) })
}

// checkParams validates instance attributes against the agent metadata.
func (p *parser) checkParams(ag *agents.Agent, attrs []nvArg, force bool, at model.Range, update bool) bool {
	if ag == nil {
		return true
	}
	stonith := ag.Class == "stonith"
	allowed := map[string]bool{}
	for _, prm := range ag.Params {
		if stonith && (prm.Name == "help" || prm.Name == "version") {
			continue
		}
		allowed[prm.Name] = true
	}
	if stonith {
		for _, prm := range agents.FencerParams() {
			allowed[prm.Name] = true
		}
	} else {
		allowed["trace_ra"], allowed["trace_file"] = true, true
	}
	ok := true
	given := map[string]bool{}
	for _, a := range attrs {
		given[a.name] = true
		if !allowed[a.name] {
			if force {
				p.diags.Warnf(a.w.r, "HA3017", "invalid resource option '%s' for agent %s", a.name, ag)
				continue
			}
			p.diags.Errorf(a.w.r, "HA3012", "invalid resource option '%s' for agent %s, use --force to override", a.name, ag)
			ok = false
		}
	}
	if update {
		return ok
	}
	missing := pcsid.MissingRequired(ag, given)
	if len(missing) > 0 {
		if force {
			p.diags.Warnf(at, "HA3017", "required option(s) %s of agent %s are missing", strings.Join(missing, ", "), ag)
		} else {
			p.diags.Errorf(at, "HA3009", "required option(s) %s of agent %s are missing, use --force to override", strings.Join(missing, ", "), ag)
			ok = false
		}
	}
	return ok
}

// create interprets "resource create" and "stonith create".
func (p *parser) create(c *call, args []word, stonith bool) {
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'%s create' needs a resource id and an agent", c.args[0].s)
		return
	}
	force := c.has("--force")
	idw, agw := args[0], args[1]
	if stonith && !strings.Contains(agw.s, ":") {
		agw.s = "stonith:" + agw.s
	} else if stonith && !strings.HasPrefix(agw.s, "stonith:") {
		p.diags.Errorf(agw.r, "HA3013", "'%s' is not a stonith agent", agw.s)
		return
	}
	if !stonith && strings.HasPrefix(agw.s, "stonith:") {
		p.diags.Errorf(agw.r, "HA3013", "this command is not accepted for stonith resources, use 'pcs stonith create'")
		return
	}
	okID := p.checkNewID(idw, "resource id")
	class, provider, typ, ag, okAgent := p.agentName(agw, force)
	groups, kws := groupByKeywords(args[2:], []string{"op", "meta", "clone", "promotable", "bundle"}, "op")
	for _, k := range kws {
		if stonith && (k.s == "clone" || k.s == "promotable" || k.s == "bundle") {
			p.diags.Errorf(k.r, "HA3012", "stonith resources cannot be put into a %s with this command", k.s)
			return
		}
	}
	legacyMaster := false
	var instWords []word
	for _, w := range groups[""][0] {
		if w.s == "master" {
			p.diags.Warnf(w.r, "HA3005", "master/slave resources are promotable clones since pcs 0.10: write 'promotable' instead of 'master'")
			legacyMaster = true
			continue
		}
		instWords = append(instWords, w)
	}
	inst := p.nvPairs(instWords, "resource option")
	var meta []nvArg
	for _, g := range groups["meta"] {
		meta = append(meta, p.nvPairs(g, "meta option")...)
	}
	okParams := okAgent && p.checkParams(ag, inst, force, agw.r, false)
	for _, a := range append(slices.Clone(inst), meta...) {
		if a.value == "" {
			p.diags.Errorf(a.w.r, "HA3009", "%s cannot be empty", a.name)
			okParams = false
		}
	}
	// Ops.
	var ops []*model.Op
	var opIDs []string
	okOps := true
	for _, ow := range splitOps(groups["op"]) {
		op, id, ok := p.buildOp(ow, true)
		if !ok {
			okOps = false
			continue
		}
		if ag != nil && !force {
			if _, known := ag.Action(op.Name); !known {
				// pcs checks names against the agent's actions in create
				// only: 'resource op add' takes any name.
				p.diags.Errorf(op.Range, "HA3012", "'%s' is not a valid operation name value, use %s, use --force to override", op.Name, actionNames(ag))
				okOps = false
				continue
			}
		}
		for _, o := range ops {
			if o.Name == op.Name && o.Interval == op.Interval {
				p.diags.Errorf(op.Range, "HA3012", "operation %s with interval %s is specified more than once", op.Name, op.Interval)
				okOps = false
			}
		}
		ops = append(ops, op)
		opIDs = append(opIDs, id)
	}
	// Placement.
	cloneKind := ""
	var cloneArgs []word
	for _, k := range []string{"clone", "promotable"} {
		if g, ok := groups[k]; ok {
			if cloneKind != "" {
				p.diags.Errorf(span(c.args), "HA3012", "you can specify only one of clone, promotable")
				return
			}
			cloneKind = k
			cloneArgs = g[0]
		}
	}
	if legacyMaster || c.has("--master") || c.has("--promoted") {
		if c.has("--master") {
			p.diags.Warnf(c.opts["--master"].r, "HA3005", "--master is pcs 0.9 syntax, use the 'promotable' keyword")
		}
		if cloneKind == "" {
			cloneKind = "promotable"
		}
	}
	if c.has("--clone") {
		p.diags.Warnf(c.opts["--clone"].r, "HA3005", "--clone is pcs 0.9 syntax, use the 'clone' keyword")
		if cloneKind == "" {
			cloneKind = "clone"
		}
	}
	groupID, gopt := c.val("--group")
	bundleGroups, inBundle := groups["bundle"]
	if (cloneKind != "" && (gopt != nil || inBundle)) || (gopt != nil && inBundle) {
		p.diags.Errorf(span(c.args), "HA3012", "you can specify only one of clone, promotable, bundle or --group")
		return
	}
	_, before := c.val("--before")
	_, after := c.val("--after")
	if (before != nil || after != nil) && gopt == nil {
		p.diags.Errorf(span(c.args), "HA3012", "you cannot use --before or --after without --group")
		return
	}
	if before != nil && after != nil {
		p.diags.Errorf(after.r, "HA3012", "you cannot specify both --before and --after")
		return
	}
	var bundle *model.Bundle
	if inBundle {
		if len(bundleGroups[0]) != 1 {
			p.diags.Errorf(span(c.args), "HA3009", "you have to specify exactly one bundle")
			return
		}
		bw := bundleGroups[0][0]
		r, _ := p.find(bw.s)
		b, isBundle := r.(*model.Bundle)
		switch {
		case r == nil:
			p.diags.Errorf(bw.r, "HA3010", "bundle '%s' does not exist", bw.s)
			return
		case !isBundle:
			p.diags.Errorf(bw.r, "HA3012", "'%s' is not a bundle", bw.s)
			return
		case b.Primitive != nil:
			p.diags.Errorf(bw.r, "HA3012", "bundle '%s' already contains resource '%s', a bundle may contain at most one resource", bw.s, b.Primitive.ID)
			return
		}
		bundle = b
	}
	var cloneMeta []nvArg
	cloneID := ""
	var cloneIDw word
	if cloneKind != "" {
		if len(cloneArgs) > 0 && !strings.Contains(cloneArgs[0].s, "=") {
			cloneIDw = cloneArgs[0]
			cloneID = cloneArgs[0].s
			cloneArgs = cloneArgs[1:]
			if !p.checkNewID(cloneIDw, "clone id") {
				return
			}
		}
		cloneMeta = p.nvPairs(cloneArgs, "clone option")
		if cloneKind == "promotable" {
			for _, m := range cloneMeta {
				if m.name == "promotable" {
					p.diags.Errorf(m.w.r, "HA3012", "you cannot specify the 'promotable' option with the 'promotable' keyword")
					return
				}
			}
			kw := agw
			for _, k := range kws {
				if k.s == "promotable" {
					kw = k
				}
			}
			cloneMeta = append(cloneMeta, nvArg{name: "promotable", value: "true", w: kw})
		}
		for _, m := range cloneMeta {
			if (m.name == "promotable" || m.name == "globally-unique") && isTrue(m.value) {
				if class != "ocf" {
					p.diags.Errorf(m.w.r, "HA3012", "clone option '%s' is not compatible with '%s' resource agent", m.name, agw.s)
					return
				}
				if m.name == "promotable" && ag != nil && ag.OCFVersion == "1.1" && !provides(ag, "promote", "demote") && !force {
					p.diags.Errorf(m.w.r, "HA3012", "clone option 'promotable' is not compatible with '%s' resource agent, use --force to override", ag)
					return
				}
			}
		}
	}
	var group *model.Group
	var ref model.Resource
	if gopt != nil {
		gw := word{groupID, gopt.r}
		r, _ := p.find(groupID)
		switch g := r.(type) {
		case nil:
			if e := idError(groupID); e != "" {
				p.diags.Errorf(gw.r, "HA3008", "invalid group name '%s': %s", groupID, e)
				return
			}
			if p.ids[groupID] {
				p.diags.Errorf(gw.r, "HA3011", "id '%s' already exists", groupID)
				return
			}
		case *model.Group:
			group = g
		default:
			p.diags.Errorf(gw.r, "HA3012", "'%s' is not a group", groupID)
			return
		}
		if o := firstOpt(before, after); o != nil {
			if group == nil {
				p.diags.Errorf(o.r, "HA3010", "there is no resource '%s' in the group '%s'", o.val, groupID)
				return
			}
			for _, m := range group.Members {
				if m.ID == o.val {
					ref = m
				}
			}
			if ref == nil {
				p.diags.Errorf(o.r, "HA3010", "there is no resource '%s' in the group '%s'", o.val, groupID)
				return
			}
		}
	}
	if !okID || !okAgent || !okParams || !okOps {
		return
	}
	// Build.
	prim := &model.Primitive{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: c.r, Comments: p.cmd.comments}, ID: idw.s},
		Class: class, Provider: provider, Type: typ}
	p.ids[idw.s] = true
	for _, a := range inst {
		p.setNV(&prim.InstanceAttrs, "instance_attributes", idw.s+"-instance_attributes", a.name, a.value, a.w.r)
	}
	for _, a := range meta {
		p.setNV(&prim.MetaAttrs, "meta_attributes", idw.s+"-meta_attributes", a.name, a.value, a.w.r)
	}
	if c.has("--disabled") && cloneKind == "" {
		p.setNV(&prim.MetaAttrs, "meta_attributes", idw.s+"-meta_attributes", "target-role", "Stopped", c.opts["--disabled"].r)
	}
	// Operations: user ops, then the defaults whose name the user did not give.
	var defaults []agents.Action
	switch {
	case ag != nil && c.has("--no-default-ops"):
		defaults = ag.NecessaryOps()
	case ag != nil:
		defaults = ag.DefaultOps()
	default:
		defaults = []agents.Action{{Name: "monitor", Interval: "60s"}}
	}
	all := slices.Clone(ops)
	allIDs := slices.Clone(opIDs)
	for _, d := range defaults {
		if slices.ContainsFunc(ops, func(o *model.Op) bool { return o.Name == d.Name }) {
			continue
		}
		op := &model.Op{Base: model.Base{Range: agw.r}, Name: d.Name, Interval: d.Interval, Timeout: d.Timeout, Role: d.Role, StartDelay: d.StartDelay}
		if d.Depth != "" && d.Depth != "0" {
			op.InstanceAttrs = []*model.NVSet{{Kind: "instance_attributes", Pairs: []*model.NVPair{{Name: "OCF_CHECK_LEVEL", Value: d.Depth}}}}
		}
		all = append(all, op)
		allIDs = append(allIDs, "")
	}
	for i, op := range all {
		if allIDs[i] != "" {
			p.ids[allIDs[i]] = true
		}
		_ = op
	}
	for i, op := range all {
		p.nameOp(idw.s, op, allIDs[i])
	}
	sortOps(all)
	prim.Operations = &model.Operations{Ops: all}
	cfg := p.cfg()
	switch {
	case cloneKind != "":
		if cloneID == "" {
			cloneID = p.unique(idw.s + "-clone")
		}
		p.ids[cloneID] = true
		cl := &model.Clone{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: c.r}, ID: cloneID}, Element: "clone", Child: prim}
		for _, m := range cloneMeta {
			p.setNV(&cl.MetaAttrs, "meta_attributes", cloneID+"-meta_attributes", m.name, m.value, c.r)
		}
		if c.has("--disabled") {
			p.setNV(&cl.MetaAttrs, "meta_attributes", cloneID+"-meta_attributes", "target-role", "Stopped", c.opts["--disabled"].r)
		}
		cfg.Resources = append(cfg.Resources, cl)
	case bundle != nil:
		bundle.Primitive = prim
	case gopt != nil:
		if group == nil {
			group = &model.Group{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: gopt.r}, ID: groupID}}
			p.ids[groupID] = true
			cfg.Resources = append(cfg.Resources, group)
		}
		insertMember(group, prim, ref, after != nil)
	default:
		cfg.Resources = append(cfg.Resources, prim)
	}
}

func firstOpt(os ...*opt) *opt {
	for _, o := range os {
		if o != nil {
			return o
		}
	}
	return nil
}

func provides(ag *agents.Agent, names ...string) bool {
	for _, n := range names {
		if _, ok := ag.Action(n); !ok {
			return false
		}
	}
	return true
}

func isTrue(v string) bool {
	switch strings.ToLower(v) {
	case "true", "on", "yes", "y", "1":
		return true
	}
	return false
}

// insertMember puts prim into g before or after ref (at the end without ref).
func insertMember(g *model.Group, prim *model.Primitive, ref model.Resource, after bool) {
	if ref == nil {
		g.Members = append(g.Members, prim)
		return
	}
	i := slices.IndexFunc(g.Members, func(m *model.Primitive) bool { return m.ID == ref.ResourceID() })
	if after {
		i++
	}
	g.Members = slices.Insert(g.Members, i, prim)
}

// xmlName reports whether s can name an XML attribute as pcs writes it
// (lxml takes an NCName: ASCII letters or '_' first, then letters, digits,
// '-', '.' or '_'; no colon, which would make a prefix).
func xmlName(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '-' || r == '.')) {
			return false
		}
	}
	return s != ""
}
