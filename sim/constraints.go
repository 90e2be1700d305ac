package sim

import (
	"regexp"
	"strings"

	"hakit/model"
)

// resolve finds resources by id, expanding tags.
func (w *world) resolve(id string) []*resource {
	if r, ok := w.byID[id]; ok && !strings.Contains(r.id, ":") {
		if c := r.cloneParent(); c != nil && c.bundle == nil {
			// What a clone holds is constrained through the clone
			// (Pacemaker finds an instance and takes its top parent).
			return []*resource{r.top()}
		}
		return []*resource{r}
	}
	if users, ok := w.templateUsers[id]; ok {
		return users
	}
	if w.cluster.Config != nil {
		for _, t := range w.cluster.Config.Tags {
			if t.ID == id {
				var out []*resource
				for _, ref := range t.Refs {
					out = append(out, w.resolve(ref.ID)...)
				}
				return out
			}
		}
	}
	return nil
}

// unpackConstraints reads the constraints section.
func (w *world) unpackConstraints() {
	cfg := w.cluster.Config
	if cfg == nil {
		return
	}
	for _, c := range cfg.Constraints {
		switch x := c.(type) {
		case *model.Location:
			w.unpackLocation(x)
		case *model.Colocation:
			w.unpackColocation(x)
		case *model.Order:
			w.unpackOrder(x)
		case *model.Ticket:
			w.unpackTicket(x)
		default:
			panic("sim: unexpected constraint type")
		}
	}
	w.containerConstraints()
}

// containerConstraints adds the implicit constraints of the container meta
// attribute: the resource runs with its container (INFINITY) and starts
// after it.
func (w *world) containerConstraints() {
	for _, r := range w.rscs {
		if r.kind != kPrimitive || r.meta["container"] == "" {
			continue
		}
		c := w.byID[r.meta["container"]]
		if c == nil || c == r {
			continue
		}
		w.addColoc(r.id+"-with-container", r, c, Infinity, RoleUnknown, RoleUnknown, "#uname", true)
		w.orders = append(w.orders, &ordering{id: r.id + "-after-container", first: c, then: r, firstAction: "start",
			thenAction: "start", kind: "Mandatory", symmetrical: true, requireAll: true})
	}
}

func (w *world) unpackLocation(l *model.Location) {
	var targets []*resource
	if l.Rsc != "" {
		targets = w.resolve(l.Rsc)
	} else if l.RscPattern != "" {
		pat, negate := l.RscPattern, false
		if strings.HasPrefix(pat, "!") {
			// "!pattern": the resources that do not match.
			pat, negate = pat[1:], true
		}
		re, err := regexp.Compile(pat)
		if err == nil {
			for _, r := range w.rscs {
				if re.MatchString(r.id) != negate {
					targets = append(targets, r)
				}
			}
		}
	}
	for _, s := range l.Sets {
		for _, ref := range s.Resources {
			targets = append(targets, w.resolve(ref.ID)...)
		}
	}
	role := parseRole(l.Role)
	disc := strings.ToLower(l.ResourceDiscovery)
	for _, r := range targets {
		if disc == "exclusive" {
			w.markExclusive(r, nil)
		}
		if l.Node != "" {
			n := w.byName[l.Node]
			if n == nil {
				continue
			}
			w.locs = append(w.locs, &locationCons{rsc: r, node: n, score: parseScore(l.Score), role: role})
			if disc == "exclusive" {
				w.markExclusive(r, n)
			}
			continue
		}
		for _, rule := range l.Rules {
			rrole := role
			if rule.Role != "" {
				rrole = parseRole(rule.Role)
			}
			for _, n := range w.nodes {
				if !w.evalRule(rule, n, r) {
					continue
				}
				score := parseScore(rule.Score)
				if rule.ScoreAttribute != "" {
					v, ok := w.nodeAttr(n, rule.ScoreAttribute)
					if !ok {
						continue
					}
					score = parseScore(v)
				} else if rule.Score == "" {
					score = 0
				}
				w.locs = append(w.locs, &locationCons{rsc: r, node: n, score: score, role: rrole})
				if disc == "exclusive" {
					w.markExclusive(r, n)
				}
			}
		}
	}
}

// markExclusive records a resource-discovery=exclusive location: r may
// then run only on the nodes such constraints name (n; nil marks r alone).
func (w *world) markExclusive(r *resource, n *node) {
	if w.exclusive == nil {
		w.exclusive = map[*resource]map[*node]bool{}
	}
	if w.exclusive[r] == nil {
		w.exclusive[r] = map[*node]bool{}
	}
	if n != nil {
		w.exclusive[r][n] = true
	}
}

// applyExclusive bans a resource with exclusive discovery (its own or its
// top resource's) from every allowed node no exclusive location of it or
// an ancestor names, as Pacemaker does after locations and stickiness.
func (w *world) applyExclusive() {
	if len(w.exclusive) == 0 {
		return
	}
	var walk func(r *resource, top bool, marked map[*node]bool)
	walk = func(r *resource, top bool, marked map[*node]bool) {
		own := w.exclusive[r]
		if own != nil {
			m := map[*node]bool{}
			for n := range marked {
				m[n] = true
			}
			for n := range own {
				m[n] = true
			}
			marked = m
		}
		if top || own != nil {
			for _, n := range w.nodes {
				if r.allowed[n.idx] && !marked[n] {
					r.weights[n.idx] = -Infinity
				}
			}
		}
		for _, c := range r.children {
			walk(c, top, marked)
		}
		if r.template != nil {
			walk(r.template, top, marked)
		}
	}
	for _, r := range w.rscs {
		walk(r, w.exclusive[r] != nil, nil)
	}
}

func (w *world) addColoc(id string, dep, prim *resource, score int, depRole, primRole Role, attr string, influence bool) {
	if dep == nil || prim == nil || dep == prim {
		return
	}
	c := &colocation{id: id, dependent: dep, primary: prim, score: score, depRole: depRole, primRole: primRole,
		attr: attr, influence: influence}
	w.colocs = append(w.colocs, c)
}

func (w *world) unpackColocation(x *model.Colocation) {
	score := parseScore(x.Score)
	attr := x.NodeAttribute
	if attr == "" {
		attr = "#uname"
	}
	influence := true
	if x.Influence != "" {
		influence = model.IsTrue(x.Influence)
	}
	if len(x.Sets) == 0 {
		_, t1 := w.templateUsers[x.Rsc]
		if _, t2 := w.templateUsers[x.WithRsc]; t1 && t2 {
			return // Pacemaker applies no colocation of a template with a template
		}
		for _, d := range w.resolve(x.Rsc) {
			for _, p := range w.resolve(x.WithRsc) {
				inf := influence
				if x.Influence == "" {
					inf = d.meta["critical"] == "" || model.IsTrue(d.meta["critical"])
				}
				w.addColoc(x.ID, d, p, score, parseRole(x.RscRole), parseRole(x.WithRscRole), attr, inf)
			}
		}
		return
	}
	// Sets, as Pacemaker 2.1 unpacks them: within a set (unless
	// sequential="false"), each member with the previous one
	// (ordering="listed": the previous with the next; a negative score:
	// each against every earlier member). Between two sets, the earlier
	// set depends on the later: its first member (every member, when not
	// sequential) with the later set's last member (every member).
	infl := func(d *resource) bool {
		if x.Influence != "" {
			return influence
		}
		return d.meta["critical"] == "" || model.IsTrue(d.meta["critical"])
	}
	var prevSet []*resource
	var prevRole Role
	prevSeq := true
	for _, s := range x.Sets {
		setScore := score
		if s.Score != "" {
			setScore = parseScore(s.Score)
		}
		role := parseRole(s.Role)
		var members []*resource
		for _, ref := range s.Resources {
			members = append(members, w.resolve(ref.ID)...)
		}
		seq := s.Sequential == "" || model.IsTrue(s.Sequential)
		if seq && setScore != 0 {
			for i := 1; i < len(members); i++ {
				switch {
				case setScore < 0:
					for j := 0; j < i; j++ {
						w.addColoc(x.ID, members[i], members[j], setScore, role, role, attr, infl(members[i]))
					}
				case strings.EqualFold(s.Ordering, "listed"):
					w.addColoc(x.ID, members[i-1], members[i], setScore, role, role, attr, infl(members[i-1]))
				default:
					w.addColoc(x.ID, members[i], members[i-1], setScore, role, role, attr, infl(members[i]))
				}
			}
		}
		if prevSet != nil && len(members) > 0 && score != 0 {
			deps, prims := prevSet, members
			if prevSeq {
				deps = prevSet[:1]
			}
			if seq {
				prims = members[len(members)-1:]
			}
			for _, d := range deps {
				for _, p := range prims {
					w.addColoc(x.ID, d, p, score, prevRole, role, attr, infl(d))
				}
			}
		}
		if len(members) > 0 {
			prevSet, prevRole, prevSeq = members, role, seq
		}
	}
}

func prevSetLast(s []*resource, seq bool) []*resource {
	if len(s) == 0 {
		return nil
	}
	if seq {
		return s[len(s)-1:]
	}
	return s
}

func (w *world) unpackOrder(x *model.Order) {
	kind := x.Kind
	if kind == "" {
		if x.Score != "" && parseScore(x.Score) == 0 {
			kind = "Optional"
		} else {
			kind = "Mandatory"
		}
	}
	symm := x.Symmetrical == "" || model.IsTrue(x.Symmetrical)
	if strings.EqualFold(kind, "serialize") {
		symm = false
	}
	add := func(f, t *resource, fa, ta string, requireAll bool, firsts []*resource) {
		if fa == "" {
			fa = "start"
		}
		if ta == "" {
			ta = fa
		}
		w.orders = append(w.orders, &ordering{id: x.ID, first: f, then: t, firstAction: fa, thenAction: ta,
			kind: kind, symmetrical: symm, requireAll: requireAll, firsts: firsts})
	}
	if len(x.Sets) == 0 {
		for _, f := range w.resolve(x.First) {
			for _, t := range w.resolve(x.Then) {
				add(f, t, x.FirstAction, x.ThenAction, x.RequireAll == "" || model.IsTrue(x.RequireAll), nil)
			}
		}
		return
	}
	var prev []*resource
	var prevAction string
	prevRequireAll := true
	for _, s := range x.Sets {
		var members []*resource
		for _, ref := range s.Resources {
			members = append(members, w.resolve(ref.ID)...)
		}
		seq := s.Sequential == "" || model.IsTrue(s.Sequential)
		act := s.Action
		if seq {
			for i := 1; i < len(members); i++ {
				add(members[i-1], members[i], act, act, true, nil)
			}
		}
		if prev != nil {
			ra := prevRequireAll
			for _, m := range members {
				if ra {
					for _, p := range prevSetLast(prev, prevSeq(x, prev)) {
						add(p, m, prevAction, act, true, nil)
					}
				} else {
					add(prev[0], m, prevAction, act, false, prev)
				}
				if seq {
					break
				}
			}
		}
		prev, prevAction = members, act
		prevRequireAll = s.RequireAll == "" || model.IsTrue(s.RequireAll)
		if seq && len(members) > 0 {
			prevRequireAll = true
			if s.RequireAll != "" && !model.IsTrue(s.RequireAll) {
				prevRequireAll = false
			}
		}
	}
}

func prevSeq(x *model.Order, prev []*resource) bool { return true }

func (w *world) unpackTicket(x *model.Ticket) {
	add := func(r *resource, role string) {
		w.tcons = append(w.tcons, &ticketCons{rsc: r, ticket: x.Ticket, role: parseRole(role), lossPolicy: x.LossPolicy})
	}
	for _, r := range w.resolve(x.Rsc) {
		add(r, x.RscRole)
	}
	for _, s := range x.Sets {
		for _, ref := range s.Resources {
			for _, r := range w.resolve(ref.ID) {
				add(r, s.Role)
			}
		}
	}
}

func (w *world) unpackTickets() {
	st := w.cluster.Status
	if st == nil {
		return
	}
	for _, t := range st.Tickets {
		id := t.Attrs.Value("id")
		w.tickets[id] = &ticket{id: id, granted: model.IsTrue(t.Attrs.Value("granted")),
			standby: model.IsTrue(t.Attrs.Value("standby"))}
	}
}
