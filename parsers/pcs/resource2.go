package pcs

import (
	"slices"
	"strings"

	"hakit/agents"
	"hakit/internal/pcsid"
	"hakit/model"
)

// removeResource takes r out of the configuration with what refers to it.
func (p *parser) removeResource(r, parent model.Resource) {
	cfg := p.cfg()
	removed := map[string]bool{}
	walkIDs(r, func(id string) { removed[id] = true })
	for id := range removed {
		delete(p.ids, id)
	}
	switch par := parent.(type) {
	case nil:
		cfg.Resources = slices.DeleteFunc(cfg.Resources, func(x model.Resource) bool { return x == r })
	case *model.Group:
		par.Members = slices.DeleteFunc(par.Members, func(x *model.Primitive) bool { return x == r })
		if len(par.Members) == 0 {
			_, gp := p.find(par.ID)
			p.removeResource(par, gp)
		}
	case *model.Clone:
		_, cp := p.find(par.ID)
		p.removeResource(par, cp)
	case *model.Bundle:
		par.Primitive = nil
	}
	p.dropRefs(removed)
}

// dropRefs removes constraint and tag references to removed resources.
func (p *parser) dropRefs(removed map[string]bool) {
	cfg := p.cfg()
	sets := func(ss []*model.ResourceSet) []*model.ResourceSet {
		for _, s := range ss {
			s.Resources = slices.DeleteFunc(s.Resources, func(r *model.IDRef) bool { return removed[r.ID] })
		}
		return slices.DeleteFunc(ss, func(s *model.ResourceSet) bool {
			if len(s.Resources) == 0 {
				delete(p.ids, s.ID)
				return true
			}
			return false
		})
	}
	cfg.Constraints = slices.DeleteFunc(cfg.Constraints, func(c model.Constraint) bool {
		drop := false
		switch x := c.(type) {
		case *model.Location:
			had := len(x.Sets) > 0
			x.Sets = sets(x.Sets)
			drop = removed[x.Rsc] || had && len(x.Sets) == 0
		case *model.Colocation:
			had := len(x.Sets) > 0
			x.Sets = sets(x.Sets)
			drop = removed[x.Rsc] || removed[x.WithRsc] || had && len(x.Sets) == 0
		case *model.Order:
			had := len(x.Sets) > 0
			x.Sets = sets(x.Sets)
			drop = removed[x.First] || removed[x.Then] || had && len(x.Sets) == 0
		case *model.Ticket:
			had := len(x.Sets) > 0
			x.Sets = sets(x.Sets)
			drop = removed[x.Rsc] || had && len(x.Sets) == 0
		}
		if drop {
			p.release(c)
		}
		return drop
	})
	cfg.Tags = slices.DeleteFunc(cfg.Tags, func(t *model.Tag) bool {
		t.Refs = slices.DeleteFunc(t.Refs, func(r *model.IDRef) bool { return removed[r.ID] })
		if len(t.Refs) == 0 {
			delete(p.ids, t.ID)
			return true
		}
		return false
	})
}

func (p *parser) resourceDelete(c *call, args []word, stonith bool) {
	if len(args) != 1 {
		p.diags.Errorf(span(c.args), "HA3009", "'%s delete' needs exactly one resource id", c.args[0].s)
		return
	}
	r, parent := p.find(args[0].s)
	if r == nil {
		p.diags.Errorf(args[0].r, "HA3010", "resource '%s' does not exist", args[0].s)
		return
	}
	if pr, ok := r.(*model.Primitive); ok && (pr.Class == "stonith") != stonith {
		if stonith {
			p.diags.Errorf(args[0].r, "HA3012", "'%s' is not a stonith resource", args[0].s)
		} else {
			p.diags.Errorf(args[0].r, "HA3012", "'%s' is a stonith resource, use 'pcs stonith delete'", args[0].s)
		}
		return
	}
	p.removeResource(r, parent)
}

func (p *parser) update(c *call, args []word, stonith bool) {
	if len(args) < 1 {
		p.diags.Errorf(span(c.args), "HA3009", "'%s update' needs a resource id", c.args[0].s)
		return
	}
	r := p.mustFind(args[0], "")
	if r == nil {
		return
	}
	groups, _ := groupByKeywords(args[1:], []string{"op", "meta"}, "op")
	if cl, ok := r.(*model.Clone); ok {
		// pcs's resource_update_clone: [clone id] options... [meta
		// options...]; op is refused.
		rest := args[1:]
		if len(rest) > 0 && rest[0].s != "op" && rest[0].s != "meta" && !strings.Contains(rest[0].s, "=") {
			rest = rest[1:]
		}
		var words []word
		for _, w := range rest {
			if w.s == "op" {
				p.diags.Errorf(w.r, "HA3012", "op settings must be changed on base resource, not the clone")
				return
			}
			if w.s != "meta" {
				words = append(words, w)
			}
		}
		for _, a := range p.nvPairs(words, "clone option") {
			p.setNV(&cl.MetaAttrs, "meta_attributes", cl.ID+"-meta_attributes", a.name, a.value, a.w.r)
		}
		return
	}
	prim, ok := r.(*model.Primitive)
	if !ok {
		p.diags.Errorf(args[0].r, "HA3012", "'%s' is not a primitive resource", args[0].s)
		return
	}
	if (prim.Class == "stonith") != stonith {
		p.diags.Errorf(args[0].r, "HA3012", "use 'pcs %s update' for '%s'", map[bool]string{true: "stonith", false: "resource"}[prim.Class == "stonith"], prim.ID)
		return
	}
	inst := p.nvPairs(groups[""][0], "resource option")
	var meta []nvArg
	for _, g := range groups["meta"] {
		meta = append(meta, p.nvPairs(g, "meta option")...)
	}
	if ag, found := agents.Lookup(prim.Class, prim.Provider, prim.Type); found {
		if !p.checkParams(ag, inst, c.has("--force"), args[0].r, true) {
			return
		}
	}
	if !c.has("--force") {
		// pcs refuses the whole update for an unknown op option.
		for _, ow := range splitOps(groups["op"]) {
			for _, w := range ow[min(1, len(ow)):] {
				if n, _, isNV := strings.Cut(w.s, "="); isNV && !slices.Contains(opOptions, n) {
					p.diags.Errorf(w.r, "HA3012", "%s is not a valid op option (use --force to override)", n)
					return
				}
			}
		}
	}
	for _, a := range inst {
		p.setNV(&prim.InstanceAttrs, "instance_attributes", prim.ID+"-instance_attributes", a.name, a.value, a.w.r)
	}
	for _, a := range meta {
		p.setNV(&prim.MetaAttrs, "meta_attributes", prim.ID+"-meta_attributes", a.name, a.value, a.w.r)
	}
	for _, ow := range splitOps(groups["op"]) {
		if len(ow) < 2 {
			continue
		}
		op, id, ok := p.buildOp(ow, false)
		if !ok {
			continue
		}
		if prim.Operations == nil {
			prim.Operations = &model.Operations{}
		}
		ops := prim.Operations.Ops
		i := slices.IndexFunc(ops, func(o *model.Op) bool { return o.Name == op.Name && o.Role == op.Role })
		if i >= 0 {
			p.release(&model.Primitive{Operations: &model.Operations{Ops: []*model.Op{ops[i]}}})
			ops = slices.Delete(ops, i, i+1)
		} else {
			i = len(ops)
		}
		p.nameOp(prim.ID, op, id)
		prim.Operations.Ops = slices.Insert(ops, i, op)
	}
}

func (p *parser) metaCmd(c *call, args []word) {
	if len(args) < 2 {
		p.diags.Errorf(span(c.args), "HA3009", "'resource meta' needs a resource id and meta options")
		return
	}
	r := p.mustFind(args[0], "")
	if r == nil {
		return
	}
	rc := common(r)
	for _, a := range p.nvPairs(args[1:], "meta option") {
		p.setNV(&rc.MetaAttrs, "meta_attributes", rc.ID+"-meta_attributes", a.name, a.value, a.w.r)
	}
}

func (p *parser) opCmd(c *call, args []word) {
	if len(args) == 0 {
		p.notConfig(c, 2)
		return
	}
	switch args[0].s {
	case "defaults":
		p.defaults(c, args[1:], "op_defaults")
	case "add":
		p.only(c, "--force")
		if len(args) < 3 {
			p.diags.Errorf(span(c.args), "HA3009", "'resource op add' needs a resource id and an operation name")
			return
		}
		r := p.mustFind(args[1], "")
		if r == nil {
			return
		}
		prim, ok := r.(*model.Primitive)
		if !ok {
			p.diags.Errorf(args[1].r, "HA3012", "'%s' is not a primitive resource", args[1].s)
			return
		}
		op, id, ok := p.buildOp(args[2:], !c.has("--force"))
		if !ok {
			return
		}
		if prim.Operations == nil {
			prim.Operations = &model.Operations{}
		}
		for _, o := range prim.Operations.Ops {
			if o.Name == op.Name && !c.has("--force") {
				p.diags.Errorf(args[2].r, "HA3011", "operation %s already specified for %s, use --force to override", op.Name, prim.ID)
				return
			}
			if o.Name == op.Name && sameInterval(o.Interval, op.Interval) {
				p.diags.Errorf(span(args[2:]), "HA3011", "operation %s with interval %s already specified for %s", op.Name, op.Interval, prim.ID)
				return
			}
		}
		p.nameOp(prim.ID, op, id)
		prim.Operations.Ops = append(prim.Operations.Ops, op)
	case "delete", "remove":
		p.only(c)
		if len(args) < 2 {
			p.diags.Errorf(span(c.args), "HA3009", "'resource op delete' needs a resource id or an operation id")
			return
		}
		if len(args) == 2 {
			// An operation id, or a resource id and operation name?
			if r, _ := p.find(args[1].s); r == nil {
				for _, res := range p.primitives() {
					if res.Operations == nil {
						continue
					}
					for i, o := range res.Operations.Ops {
						if o.ID == args[1].s {
							p.release(&model.Primitive{Operations: &model.Operations{Ops: []*model.Op{o}}})
							res.Operations.Ops = slices.Delete(res.Operations.Ops, i, i+1)
							return
						}
					}
				}
				p.diags.Errorf(args[1].r, "HA3010", "unable to find operation id: %s", args[1].s)
				return
			}
			p.diags.Errorf(span(args), "HA3009", "'resource op delete' needs an operation name")
			return
		}
		r := p.mustFind(args[1], "")
		prim, _ := r.(*model.Primitive)
		if prim == nil || prim.Operations == nil {
			if r != nil {
				p.diags.Errorf(args[2].r, "HA3010", "unable to find operation matching: %s", joinWords(args[2:]))
			}
			return
		}
		want := map[string]string{"name": args[2].s}
		for _, nv := range p.nvPairs(args[3:], "operation option") {
			want[nv.name] = nv.value
		}
		removeAll := len(args) == 3
		n := 0
		prim.Operations.Ops = slices.DeleteFunc(prim.Operations.Ops, func(o *model.Op) bool {
			match := removeAll && o.Name == args[2].s || !removeAll && n == 0 && sameAttrs(opAttrs(o), want)
			if match {
				n++
				p.release(&model.Primitive{Operations: &model.Operations{Ops: []*model.Op{o}}})
			}
			return match
		})
		if n == 0 {
			p.diags.Errorf(args[2].r, "HA3010", "unable to find operation matching: %s", joinWords(args[2:]))
		}
	default:
		p.unknown(c, 2)
	}
}

func sameInterval(a, b string) bool {
	x, ok1 := seconds(a)
	y, ok2 := seconds(b)
	if ok1 && ok2 {
		return x == y
	}
	return a == b
}

// seconds reads a Pacemaker interval (a number with an optional unit).
func seconds(s string) (int, bool) {
	num := strings.TrimRight(s, "abcdefghijklmnopqrstuvwxyz")
	unit := s[len(num):]
	n := 0
	if num == "" {
		return 0, false
	}
	for _, r := range num {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	switch unit {
	case "", "s", "sec":
		return n, true
	case "m", "min":
		return n * 60, true
	case "h", "hr":
		return n * 3600, true
	case "ms", "msec":
		return n / 1000, true
	}
	return 0, false
}

// opAttrs are the XML attributes of an op other than its id, as pcs
// compares them in "resource op delete".
func opAttrs(o *model.Op) map[string]string {
	m := map[string]string{}
	for k, v := range map[string]string{"name": o.Name, "interval": o.Interval, "timeout": o.Timeout,
		"description": o.Description, "start-delay": o.StartDelay, "interval-origin": o.IntervalOrigin,
		"enabled": o.Enabled, "record-pending": o.RecordPending, "role": o.Role, "requires": o.Requires,
		"on-fail": o.OnFail} {
		if v != "" {
			m[k] = v
		}
	}
	for _, a := range o.Extra {
		m[a.Name] = a.Value
	}
	return m
}

func sameAttrs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func (p *parser) primitives() []*model.Primitive {
	var out []*model.Primitive
	var walk func(r model.Resource)
	walk = func(r model.Resource) {
		switch x := r.(type) {
		case *model.Primitive:
			out = append(out, x)
		case *model.Group:
			for _, m := range x.Members {
				out = append(out, m)
			}
		case *model.Clone:
			if x.Child != nil {
				walk(x.Child)
			}
		case *model.Bundle:
			if x.Primitive != nil {
				out = append(out, x.Primitive)
			}
		}
	}
	if p.c.Config != nil {
		for _, r := range p.c.Config.Resources {
			walk(r)
		}
	}
	return out
}

// defaults interprets "resource [op] defaults [update] name=value...".
func (p *parser) defaults(c *call, args []word, section string) {
	p.only(c, "--force", "--all", "--full", "--no-expire-check")
	if len(args) == 0 {
		p.notConfig(c, len(c.args))
		return
	}
	switch args[0].s {
	case "update":
		args = args[1:]
	case "config":
		p.notConfig(c, len(c.args))
		return
	case "set":
		p.defaultsSet(c, args, section)
		return
	default:
		if !strings.Contains(args[0].s, "=") {
			p.unknown(c, len(c.args)-len(args))
			return
		}
		p.diags.Warnf(span(args), "HA3005", "'pcs %s name=value' is deprecated, use 'pcs %s update name=value'", joinWords(c.args[:len(c.args)-len(args)]), joinWords(c.args[:len(c.args)-len(args)]))
	}
	cfg := p.cfg()
	sets := &cfg.RscDefaults
	if section == "op_defaults" {
		sets = &cfg.OpDefaults
	}
	pairs := p.nvPairs(args, "option")
	var metas []*model.NVSet
	for _, s := range *sets {
		if s.Kind == "meta_attributes" {
			metas = append(metas, s)
		}
	}
	if len(metas) > 1 && len(pairs) > 0 {
		// pcs: "Found more than one set of defaults, use 'pcs resource
		// defaults set update' to specify the set".
		p.diags.Errorf(span(c.args), "HA3012", "more than one set of %s exists, use 'pcs %s set update SET_ID meta name=value' to name the set", section, joinWords(c.args[:len(c.args)-len(args)-1]))
		return
	}
	for _, a := range pairs {
		if len(metas) == 1 {
			p.setPair(metas[0], a.name, a.value, a.w.r)
			continue
		}
		p.setNV(sets, "meta_attributes", section+"-meta_attributes", a.name, a.value, a.w.r)
	}
}

// setPair sets name=value in s as pcs's _set_nvpair: a new pair's id is
// <set>-<name cut to 20 characters>; an empty value removes the pair.
func (p *parser) setPair(s *model.NVSet, name, value string, r model.Range) {
	for i, np := range s.Pairs {
		if np.Name == name {
			if value == "" {
				delete(p.ids, np.ID)
				s.Pairs = slices.Delete(s.Pairs, i, i+1)
			} else {
				np.Value = value
			}
			return
		}
	}
	if value != "" {
		s.Pairs = append(s.Pairs, &model.NVPair{Base: model.Base{Range: r}, ID: p.take(sanitizeID(s.ID + "-" + truncRunes(name, 20))), Name: name, Value: value})
	}
}

func truncRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[:n])
	}
	return s
}

// groupKeywords splits ws at the keywords as pcs's group_by_keywords with
// keyword_repeat_allowed=False: the words before the first keyword are
// group "", a repeated keyword is reported.
func (p *parser) groupKeywords(ws []word, keywords ...string) (map[string][]word, bool) {
	groups := map[string][]word{}
	cur := ""
	seen := map[string]bool{}
	for _, w := range ws {
		if slices.Contains(keywords, w.s) {
			if seen[w.s] {
				p.diags.Errorf(w.r, "HA3009", "'%s' cannot be used more than once", w.s)
				return nil, false
			}
			seen[w.s] = true
			cur = w.s
			groups[cur] = groups[cur]
			continue
		}
		groups[cur] = append(groups[cur], w)
	}
	return groups, true
}

// defaultsSet interprets "resource [op] defaults set create|update|delete|
// remove|config ..." as pcs 0.11 does: each set is a meta_attributes set of
// rsc_defaults or op_defaults, with an optional rule in the grammar of
// nvrule.go.
func (p *parser) defaultsSet(c *call, args []word, section string) {
	cmd := joinWords(c.args[:len(c.args)-len(args)+1])
	if len(args) < 2 {
		p.unknown(c, len(c.args)-len(args)+1)
		return
	}
	sub, rest := args[1], args[2:]
	cfg := p.cfg()
	sets := &cfg.RscDefaults
	if section == "op_defaults" {
		sets = &cfg.OpDefaults
	}
	switch sub.s {
	case "config":
		p.notConfig(c, len(c.args))
	case "create":
		p.only(c, "--force")
		p.defaultsSetCreate(c, rest, section, sets)
	case "update":
		p.only(c)
		if len(rest) == 0 {
			p.diags.Errorf(span(c.args), "HA3009", "'pcs %s update' needs a set id", cmd)
			return
		}
		groups, ok := p.groupKeywords(rest[1:], "meta")
		if !ok {
			return
		}
		if len(groups[""]) > 0 {
			p.diags.Errorf(span(groups[""]), "HA3009", "'pcs %s update' takes 'meta name=value...' after the set id", cmd)
			return
		}
		var set *model.NVSet
		for _, s := range *sets {
			if s.ID == rest[0].s {
				set = s
			}
		}
		if set == nil {
			p.diags.Errorf(rest[0].r, "HA3010", "%s set '%s' does not exist", section, rest[0].s)
			return
		}
		for _, a := range p.nvPairs(groups["meta"], "meta option") {
			p.setPair(set, a.name, a.value, a.w.r)
		}
	case "delete", "remove":
		p.only(c)
		for _, w := range rest {
			i := slices.IndexFunc(*sets, func(s *model.NVSet) bool { return s.ID == w.s })
			if i < 0 {
				p.diags.Errorf(w.r, "HA3010", "%s set '%s' does not exist", section, w.s)
				return
			}
		}
		for _, w := range rest {
			i := slices.IndexFunc(*sets, func(s *model.NVSet) bool { return s.ID == w.s })
			if i >= 0 {
				p.release((*sets)[i])
				*sets = slices.Delete(*sets, i, i+1)
			}
		}
	default:
		p.unknown(c, len(c.args)-len(args)+1)
	}
}

func (p *parser) defaultsSetCreate(c *call, args []word, section string, sets *[]*model.NVSet) {
	groups, ok := p.groupKeywords(args, "meta", "rule")
	if !ok {
		return
	}
	set := &model.NVSet{Base: model.Base{Range: span(c.args)}, Kind: "meta_attributes"}
	var idWord *word
	failed := false
	for _, a := range p.nvPairs(groups[""], "set option") {
		switch a.name {
		case "id":
			// pcs checks an empty id too ("id cannot be empty").
			w := word{a.value, a.w.r}
			idWord = &w
		case "score":
			if !validScore(a.value) {
				p.diags.Errorf(a.w.r, "HA3012", "'%s' is not a valid score value, use integer or INFINITY or -INFINITY", a.value)
				failed = true
			}
			set.Score = a.value
		default:
			if c.has("--force") {
				// pcs adds the attribute, and the CIB schema then refuses
				// it ("Unable to update cib").
				p.diags.Errorf(a.w.r, "HA3012", "set option '%s' is not allowed by Pacemaker's schema (pcs --force writes it and the CIB update fails)", a.name)
				failed = true
				continue
			}
			p.diags.Errorf(a.w.r, "HA3012", "invalid set option '%s', allowed options are: 'id', 'score'; use --force to override", a.name)
			failed = true
		}
	}
	if idWord != nil && !p.checkNewID(*idWord, "id") {
		failed = true
	}
	var tree *nvNode
	if rw, has := groups["rule"]; has && len(rw) > 0 {
		t, err := parseNVRule(rw)
		if err != nil {
			p.diags.Errorf(span(rw), "HA3012", "'%s' is not a valid rule expression: %s", joinWords(rw), err)
			return
		}
		for _, e := range validateNVRule(t, section == "op_defaults") {
			p.diags.Errorf(span(rw), "HA3012", "%s", e)
			failed = true
		}
		tree = t
	}
	if failed {
		return
	}
	if idWord != nil {
		set.ID = p.take(idWord.s)
	} else {
		set.ID = p.take(section + "-meta_attributes")
	}
	if tree != nil {
		set.Rule = p.buildNVRule(set.ID, tree, true).(*model.Rule)
	}
	for _, a := range p.nvPairs(groups["meta"], "meta option") {
		p.setPair(set, a.name, a.value, a.w.r)
	}
	*sets = append(*sets, set)
}

func (p *parser) groupCmd(c *call, args []word) {
	if len(args) == 0 {
		p.unknown(c, 2)
		return
	}
	switch args[0].s {
	case "add":
		p.only(c, "--before", "--after", "--wait")
		if len(args) < 3 {
			p.diags.Errorf(span(c.args), "HA3009", "'resource group add' needs a group id and resources")
			return
		}
		p.groupAdd(c, args[1], args[2:])
	case "list":
		p.notConfig(c, 3)
	case "remove", "delete":
		p.ungroup(c, args[1:])
	default:
		p.unknown(c, 2)
	}
}

func (p *parser) groupAdd(c *call, gw word, members []word) {
	r, _ := p.find(gw.s)
	group, isGroup := r.(*model.Group)
	if r != nil && !isGroup {
		p.diags.Errorf(gw.r, "HA3012", "'%s' is not a group", gw.s)
		return
	}
	if r == nil && !p.checkNewID(gw, "group name") {
		return
	}
	var prims []*model.Primitive
	for _, m := range members {
		mr, parent := p.find(m.s)
		if mr == nil {
			p.diags.Errorf(m.r, "HA3010", "resource '%s' does not exist", m.s)
			return
		}
		pr, ok := mr.(*model.Primitive)
		if !ok {
			p.diags.Errorf(m.r, "HA3012", "'%s' is not a primitive resource, only primitives can be put into a group", m.s)
			return
		}
		switch parent.(type) {
		case *model.Clone, *model.Bundle:
			p.diags.Errorf(m.r, "HA3012", "'%s' is inside a clone or bundle and cannot be put into a group", m.s)
			return
		}
		if slices.Contains(prims, pr) {
			p.diags.Errorf(m.r, "HA3011", "resource '%s' is specified more than once", m.s)
			return
		}
		prims = append(prims, pr)
	}
	var ref model.Resource
	o := firstOpt(c.opts["--before"], c.opts["--after"])
	if o != nil {
		if group != nil {
			for _, m := range group.Members {
				if m.ID == o.val {
					ref = m
				}
			}
		}
		if ref == nil || slices.ContainsFunc(prims, func(x *model.Primitive) bool { return x.ID == o.val }) {
			p.diags.Errorf(o.r, "HA3010", "there is no resource '%s' in the group '%s'", o.val, gw.s)
			return
		}
	}
	cfg := p.cfg()
	if group == nil {
		group = &model.Group{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: gw.r}, ID: gw.s}}
		p.ids[gw.s] = true
		// pcs puts a new group where the first resource was.
		pos := len(cfg.Resources)
		if i := slices.IndexFunc(cfg.Resources, func(x model.Resource) bool { return x == model.Resource(prims[0]) }); i >= 0 {
			pos = i
		}
		cfg.Resources = slices.Insert(cfg.Resources, pos, model.Resource(group))
	}
	for _, pr := range prims {
		_, parent := p.find(pr.ID)
		switch par := parent.(type) {
		case nil:
			cfg.Resources = slices.DeleteFunc(cfg.Resources, func(x model.Resource) bool { return x == model.Resource(pr) })
		case *model.Group:
			par.Members = slices.DeleteFunc(par.Members, func(x *model.Primitive) bool { return x == pr })
			if len(par.Members) == 0 && par != group {
				_, gp := p.find(par.ID)
				p.removeResource(par, gp)
			}
		}
	}
	after := o != nil && o.name == "--after"
	for i, pr := range prims {
		insertMember(group, pr, ref, after)
		if ref != nil {
			ref = pr
			after = true
		}
		_ = i
	}
}

func (p *parser) ungroup(c *call, args []word) {
	if len(args) < 1 {
		p.diags.Errorf(span(c.args), "HA3009", "'resource group remove' needs a group id")
		return
	}
	r, parent := p.find(args[0].s)
	g, ok := r.(*model.Group)
	if !ok {
		p.diags.Errorf(args[0].r, "HA3010", "group '%s' does not exist", args[0].s)
		return
	}
	if parent != nil {
		p.notModelled(c, 3)
		return
	}
	cfg := p.cfg()
	take := g.Members
	if len(args) > 1 {
		take = nil
		for _, w := range args[1:] {
			i := slices.IndexFunc(g.Members, func(m *model.Primitive) bool { return m.ID == w.s })
			if i < 0 {
				p.diags.Errorf(w.r, "HA3010", "resource '%s' is not in group '%s'", w.s, g.ID)
				return
			}
			take = append(take, g.Members[i])
		}
	}
	i := slices.IndexFunc(cfg.Resources, func(x model.Resource) bool { return x == model.Resource(g) })
	var moved []model.Resource
	for _, m := range take {
		moved = append(moved, m)
	}
	g.Members = slices.DeleteFunc(g.Members, func(m *model.Primitive) bool { return slices.Contains(take, m) })
	cfg.Resources = slices.Insert(cfg.Resources, i+1, moved...)
	if len(g.Members) == 0 {
		p.removeResource(g, nil)
	}
}

func (p *parser) cloneCmd(c *call, kw word, args []word) {
	if kw.s == "master" {
		p.diags.Warnf(kw.r, "HA3005", "'pcs resource master' is pcs 0.9 syntax, use 'pcs resource promotable <resource> [clone id]'")
		// pcs 0.9: master [<master id>] <resource id> [options]
		if len(args) >= 2 && !strings.Contains(args[1].s, "=") {
			args = append([]word{args[1], args[0]}, args[2:]...)
		}
	}
	if len(args) < 1 {
		p.diags.Errorf(span(c.args), "HA3009", "'resource %s' needs a resource id", kw.s)
		return
	}
	r, parent := p.find(args[0].s)
	if r == nil {
		p.diags.Errorf(args[0].r, "HA3010", "resource '%s' does not exist", args[0].s)
		return
	}
	switch r.(type) {
	case *model.Clone, *model.Bundle:
		p.diags.Errorf(args[0].r, "HA3012", "'%s' is already a clone or bundle resource", args[0].s)
		return
	}
	if parent != nil {
		p.diags.Errorf(args[0].r, "HA3012", "'%s' is in a group, clone the group instead", args[0].s)
		return
	}
	rest := args[1:]
	cloneID := ""
	if len(rest) > 0 && !strings.Contains(rest[0].s, "=") && rest[0].s != "meta" {
		if !p.checkNewID(rest[0], "clone id") {
			return
		}
		cloneID = rest[0].s
		rest = rest[1:]
	}
	if len(rest) > 0 && rest[0].s == "meta" {
		rest = rest[1:]
	}
	opts := p.nvPairs(rest, "clone option")
	if kw.s != "clone" {
		opts = append(opts, nvArg{name: "promotable", value: "true", w: kw})
	}
	for _, o := range opts {
		if o.name != "promotable" || !isTrue(o.value) || c.has("--force") {
			continue
		}
		if prim, ok := r.(*model.Primitive); ok {
			if ag, known := agents.Lookup(prim.Class, prim.Provider, prim.Type); known && ag.OCFVersion == "1.1" && !provides(ag, "promote", "demote") {
				p.diags.Errorf(o.w.r, "HA3012", "Clone option 'promotable' is not compatible with '%s' resource agent of resource '%s', use --force to override", prim.Agent(), prim.ID)
				return
			}
		}
	}
	if cloneID == "" {
		cloneID = p.unique(r.ResourceID() + "-clone")
	}
	p.ids[cloneID] = true
	cl := &model.Clone{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: c.r}, ID: cloneID}, Element: "clone", Child: r}
	for _, o := range opts {
		p.setNV(&cl.MetaAttrs, "meta_attributes", cloneID+"-meta_attributes", o.name, o.value, o.w.r)
	}
	cfg := p.cfg()
	i := slices.IndexFunc(cfg.Resources, func(x model.Resource) bool { return x == r })
	cfg.Resources[i] = cl
}

func (p *parser) bundleCmd(c *call, args []word) {
	if len(args) == 0 {
		p.unknown(c, 2)
		return
	}
	switch args[0].s {
	case "create":
		p.only(c, "--disabled", "--force", "--wait")
	case "reset", "update":
		p.notModelled(c, 3)
		return
	default:
		p.unknown(c, 2)
		return
	}
	args = args[1:]
	if len(args) < 1 {
		p.diags.Errorf(span(c.args), "HA3009", "'resource bundle create' needs a bundle id")
		return
	}
	idw := args[0]
	if !p.checkNewID(idw, "bundle name") {
		return
	}
	groups, _ := groupByKeywords(args[1:], []string{"container", "network", "port-map", "storage-map", "meta"}, "port-map", "storage-map")
	if len(groups[""][0]) > 0 {
		p.diags.Errorf(span(groups[""][0]), "HA3009", "unexpected arguments '%s', use container, network, port-map, storage-map or meta", joinWords(groups[""][0]))
		return
	}
	cg, ok := groups["container"]
	if !ok || len(cg[0]) == 0 || strings.Contains(cg[0][0].s, "=") {
		p.diags.Errorf(span(c.args), "HA3009", "'resource bundle create' needs 'container <type>'")
		return
	}
	ctype := cg[0][0]
	if !slices.Contains([]string{"docker", "podman", "rkt"}, ctype.s) {
		p.diags.Errorf(ctype.r, "HA3012", "'%s' is not a valid container type value, use 'docker', 'podman', 'rkt'", ctype.s)
		return
	}
	b := &model.Bundle{ResourceCommon: model.ResourceCommon{Base: model.Base{Range: c.r}, ID: idw.s}}
	p.ids[idw.s] = true
	b.Container = &model.BundlePart{Element: ctype.s}
	hasImage := false
	for _, a := range p.nvPairs(cg[0][1:], "container option") {
		b.Container.Attrs.Set(a.name, a.value)
		hasImage = hasImage || a.name == "image"
	}
	if !hasImage && !c.has("--force") {
		p.diags.Errorf(ctype.r, "HA3009", "required container option 'image' is missing")
		delete(p.ids, idw.s)
		return
	}
	if ng, ok := groups["network"]; ok {
		b.Network = &model.BundleNetwork{}
		for _, a := range p.nvPairs(ng[0], "network option") {
			b.Network.Attrs.Set(a.name, a.value)
		}
	}
	for _, pg := range groups["port-map"] {
		pm := &model.BundlePart{Element: "port-mapping"}
		var id string
		var attrs model.Attrs
		for _, a := range p.nvPairs(pg, "port-map option") {
			if a.name == "id" {
				if !p.checkNewID(word{a.value, a.w.r}, "port-map id") {
					return
				}
				id = a.value
				continue
			}
			attrs.Set(a.name, a.value)
		}
		if id == "" {
			id = p.unique(pcsid.Sanitize(idw.s + "-port-map-" + first(attrs.Value("port"), attrs.Value("range"))))
		}
		p.ids[id] = true
		pm.Attrs = append(model.Attrs{{Name: "id", Value: id}}, attrs...)
		if b.Network == nil {
			b.Network = &model.BundleNetwork{}
		}
		b.Network.PortMappings = append(b.Network.PortMappings, pm)
	}
	for _, sg := range groups["storage-map"] {
		sm := &model.BundlePart{Element: "storage-mapping"}
		var id string
		var attrs model.Attrs
		for _, a := range p.nvPairs(sg, "storage-map option") {
			if a.name == "id" {
				if !p.checkNewID(word{a.value, a.w.r}, "storage-map id") {
					return
				}
				id = a.value
				continue
			}
			attrs.Set(a.name, a.value)
		}
		if id == "" {
			id = p.unique(idw.s + "-storage-map")
		}
		p.ids[id] = true
		sm.Attrs = append(model.Attrs{{Name: "id", Value: id}}, attrs...)
		b.Storage = append(b.Storage, sm)
	}
	for _, g := range groups["meta"] {
		for _, a := range p.nvPairs(g, "meta option") {
			p.setNV(&b.MetaAttrs, "meta_attributes", idw.s+"-meta_attributes", a.name, a.value, a.w.r)
		}
	}
	if c.has("--disabled") {
		p.setNV(&b.MetaAttrs, "meta_attributes", idw.s+"-meta_attributes", "target-role", "Stopped", c.opts["--disabled"].r)
	}
	cfg := p.cfg()
	cfg.Resources = append(cfg.Resources, b)
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func (p *parser) utilization(c *call, args []word) {
	if len(args) < 2 {
		p.notConfig(c, 2)
		return
	}
	r := p.mustFind(args[0], "")
	if r == nil {
		return
	}
	rc := common(r)
	for _, a := range p.nvPairs(args[1:], "utilization") {
		p.setNV(&rc.Utilization, "utilization", rc.ID+"-utilization", a.name, a.value, a.w.r)
	}
}

func (p *parser) enable(c *call, args []word, on bool) {
	if len(args) == 0 {
		p.diags.Errorf(span(c.args), "HA3009", "'resource %s' needs resource ids", c.args[1].s)
		return
	}
	var rs []model.Resource
	for _, w := range args {
		r := p.mustFind(w, "")
		if r == nil {
			return
		}
		rs = append(rs, r)
	}
	for i, r := range rs {
		rc := common(r)
		if on {
			for _, s := range rc.MetaAttrs {
				if _, has := s.Get("target-role"); has {
					p.setNV(&[]*model.NVSet{s}, "meta_attributes", "", "target-role", "", args[i].r)
				}
			}
			if cl, ok := r.(*model.Clone); ok && cl.Child != nil {
				cc := common(cl.Child)
				for _, s := range cc.MetaAttrs {
					p.setNV(&[]*model.NVSet{s}, "meta_attributes", "", "target-role", "", args[i].r)
				}
			}
			continue
		}
		p.setNV(&rc.MetaAttrs, "meta_attributes", rc.ID+"-meta_attributes", "target-role", "Stopped", args[i].r)
	}
}

func (p *parser) manage(c *call, args []word, on bool) {
	for _, w := range args {
		r := p.mustFind(w, "")
		if r == nil {
			return
		}
		rc := common(r)
		if on {
			for _, s := range rc.MetaAttrs {
				p.setNV(&[]*model.NVSet{s}, "meta_attributes", "", "is-managed", "", w.r)
			}
			continue
		}
		p.setNV(&rc.MetaAttrs, "meta_attributes", rc.ID+"-meta_attributes", "is-managed", "false", w.r)
	}
}
