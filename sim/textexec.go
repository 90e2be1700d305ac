package sim

import (
	"fmt"
	"hakit/model"
	"sort"
	"strings"
)

// The executed list as crm_simulate prints it comes from running the
// transition graph: the graph's actions (synapses) are taken in their order
// in the graph, pass after pass; an action runs, and counts as done at
// once, as soon as everything it waits for is done. So the list depends on
// the graph's actions (probes, pseudo-actions of groups and clones, stops,
// starts, recurring monitors), what each waits for, and the order the
// scheduler writes them in: per top-level resource in display order, a
// primitive's actions by kind, a group's pseudo-actions before its
// members', a clone's after its instances', then fencing and shutdowns.

// gAct is one action of the transition graph.
type gAct struct {
	line string
	in   []*gAct
	done bool
}

// xgraph is the transition graph the executed list is run from.
type xgraph struct {
	w     *world
	acts  map[*resource]map[string][]*gAct
	names map[*resource]string // the name the executed list gives an instance
	// pseudo names a container's pseudo-action ("grp_start_0").
	all    []*gAct
	fences []*gAct
	downs  []*gAct
	extra  []*gAct // pseudo-actions of no resource
	// orphanDeletes: history of what the configuration no longer has
	// as a primitive, deleted.
	orphanDeletes []*gAct
}

func (g *xgraph) add(r *resource, task, line string) *gAct {
	a := &gAct{line: line}
	if g.acts[r] == nil {
		g.acts[r] = map[string][]*gAct{}
	}
	g.acts[r][task] = append(g.acts[r][task], a)
	return a
}

func (g *xgraph) get(r *resource, task string) []*gAct {
	if r == nil {
		return nil
	}
	return g.acts[r][task]
}

// after makes each of then wait for each of first.
func after(then, first []*gAct) {
	for _, t := range then {
		for _, f := range first {
			if f != t {
				t.in = append(t.in, f)
			}
		}
	}
}

// instanceFor finds the clone instance a step acts on: the one of that
// name, or the one that runs (stops) or is placed (starts) on its node.
func (w *world) instanceFor(s step) *resource {
	p := s.p
	if p == nil || p.cloneParent() == nil {
		return p
	}
	var cands []*resource
	for _, q := range w.allPrims {
		if key(q) == s.key {
			cands = append(cands, q)
		}
	}
	for _, q := range cands {
		if s.name != "" && q.id == s.name {
			return q
		}
	}
	for _, q := range cands {
		switch s.task {
		case "stop", "demote", "migrate_to":
			for _, st := range q.running {
				if st.node.name == s.node {
					return q
				}
			}
		default:
			if q.assigned != nil && q.assigned.name == s.node {
				return q
			}
		}
	}
	return p
}

// graphLines runs the transition graph and returns the executed list.
func (r *Result) graphLines() []string {
	w := r.w
	g := &xgraph{w: w, acts: map[*resource]map[string][]*gAct{}, names: map[*resource]string{}}
	steps := r.executionSteps()
	migrated := map[*resource]string{} // migrated primitive -> source node
	for _, s := range steps {
		if s.task == "migrate_to" {
			migrated[w.instanceFor(s)] = s.node
		}
	}
	// A recurring monitor runs where the instance starts, is promoted or
	// demoted, or where its history lacks it; an instance that is
	// promoted runs only its promoted-role monitors there.
	changedOn := map[*resource]map[string]map[string]bool{}
	for _, s := range steps {
		if p := w.instanceFor(s); p != nil && s.task != "monitor" {
			if changedOn[p] == nil {
				changedOn[p] = map[string]map[string]bool{}
			}
			if changedOn[p][s.node] == nil {
				changedOn[p][s.node] = map[string]bool{}
			}
			changedOn[p][s.node][s.task] = true
		}
	}
	// Where a resource stops, its Stopped-role monitors start there, even
	// if the history has them.
	for _, s := range steps {
		p := w.instanceFor(s)
		if s.task != "stop" || p == nil || p.prim == nil || p.prim.Operations == nil ||
			p.assigned != nil && p.assigned.name == s.node && p.nextRole > RoleStopped {
			continue
		}
		for _, op := range p.prim.Operations.Ops {
			iv := int(parseDurationMS(op.Interval))
			if op.Name != "monitor" || iv <= 0 || parseRole(op.Role) != RoleStopped {
				continue
			}
			have := false
			for _, t := range steps {
				have = have || t.task == "monitor" && t.role == RoleStopped && t.node == s.node && t.interval == iv && w.instanceFor(t) == p
			}
			if !have {
				steps = append(steps, step{task: "monitor", key: s.key, name: s.name, p: s.p, node: s.node, interval: iv, role: RoleStopped})
			}
		}
	}
	keep := steps[:0:0]
	for _, s := range steps {
		if s.task == "monitor" && s.role != RoleStopped {
			p := w.instanceFor(s)
			ch := changedOn[p][s.node]
			if ch["promote"] && s.role != RolePromoted {
				continue
			}
			if p != nil && roleMonitor(p, s.interval) {
				continue
			}
			if len(ch) == 0 && p != nil && p.monitorsOn[w.byName[s.node]][s.interval] {
				continue
			}
		}
		keep = append(keep, s)
	}
	steps = keep
	for _, s := range steps {
		if s.task == "fence" {
			g.fences = append(g.fences, &gAct{line: s.text()})
			continue
		}
		p := w.instanceFor(s)
		if p == nil {
			continue
		}
		if c := p.cloneParent(); c != nil && !c.unique && (s.name == p.id || s.name == p.baseID) {
			// crm_simulate names an anonymous instance as the
			// history does.
			s.name = w.execName(p)
		}
		task := s.task
		if task == "monitor" && s.role == RoleStopped {
			task = "stopped-monitor"
		}
		if src, ok := migrated[p]; ok && task == "migrate_from" {
			g.add(p, task, s.text())
			s2 := s
			s2.task, s2.node = "stop", src
			g.add(p, "stop", s2.text())
			g.add(p, "start", fmt.Sprintf("Pseudo action:   %s_start_0", s.name0()))
			continue
		}
		a := g.add(p, task, s.text())
		if _, ok := g.names[p]; !ok {
			g.names[p] = s.name0()
		}
		if task == "monitor" || task == "stopped-monitor" {
			g.acts[p]["mon@"+s.node+"@"+s.role.String()] = append(g.acts[p]["mon@"+s.node+"@"+s.role.String()], a)
		}
		if task != "monitor" && task != "stopped-monitor" {
			g.acts[p][task+"@"+s.node] = append(g.acts[p][task+"@"+s.node], a)
		}
	}
	// Cancels: a start cancels the Stopped-role monitors the history runs
	// there, a promotion the Unpromoted-role ones, a demotion the
	// Promoted-role ones; the action waits for its cancels.
	for p, m := range g.acts {
		if p.kind != kPrimitive || p.prim == nil || p.prim.Operations == nil {
			continue
		}
		for _, task := range []string{"start", "promote", "demote"} {
			for _, n := range w.nodes {
				acts := m[task+"@"+n.name]
				if len(acts) == 0 {
					continue
				}
				if task == "demote" && len(m["stop@"+n.name]) == 0 {
					// Demoted in place: its unpromoted-role monitors
					// run again.
					for _, op := range p.prim.Operations.Ops {
						iv := int(parseDurationMS(op.Interval))
						if role := parseRole(op.Role); op.Name != "monitor" || iv <= 0 || role != RoleUnknown && role != RoleUnpromoted && role != RoleStarted {
							continue
						}
						line := fmt.Sprintf("Resource action: %-15s monitor=%d on %s", g.names[p], iv, n.name)
						dup := false
						for _, a := range m["monitor"] {
							dup = dup || a.line == line
						}
						if !dup {
							a := g.add(p, "monitor", line)
							k := "mon@" + n.name + "@" + RoleUnpromoted.String()
							m[k] = append(m[k], a)
						}
					}
				}
				for _, op := range p.prim.Operations.Ops {
					iv := int(parseDurationMS(op.Interval))
					role := parseRole(op.Role)
					if op.Name != "monitor" || iv <= 0 || !p.monitorsOn[n][iv] {
						continue
					}
					if task == "start" && role != RoleStopped || task == "promote" && role != RoleUnpromoted && role != RoleUnknown && role != RoleStarted ||
						task == "demote" && (role != RolePromoted || len(m["stop@"+n.name]) > 0) {
						// A demotion before a stop there cancels
						// nothing: the stop ends the monitors.
						continue
					}
					c := g.add(p, "cancel", fmt.Sprintf("Resource action: %-15s cancel=%d on %s", g.names[p], iv, n.name))
					after(acts, []*gAct{c})
				}
			}
		}
	}
	// A recurring monitor the history runs that the configuration no
	// longer has is cancelled, after the stop there.
	for _, p := range w.allPrims {
		if p.prim == nil || !p.managed {
			continue
		}
		for _, n := range w.nodes {
			if !n.online || n.fence || len(p.monitorsOn[n]) == 0 {
				continue
			}
			var ivs []int
			for iv := range p.monitorsOn[n] {
				configured := false
				if p.prim.Operations != nil {
					for _, op := range p.prim.Operations.Ops {
						configured = configured || op.Name == "monitor" && int(parseDurationMS(op.Interval)) == iv
					}
				}
				if !configured {
					ivs = append(ivs, iv)
				}
			}
			sort.Ints(ivs)
			for _, iv := range ivs {
				c := g.add(p, "cancel", fmt.Sprintf("Resource action: %-15s cancel=%d on %s", g.instName(p), iv, n.name))
				after([]*gAct{c}, g.get(p, "stop@"+n.name))
			}
		}
	}
	// What ran on a node the transition fences stops (and is demoted)
	// there implicitly: pseudo-actions that wait for the fencing.
	fenceOf := map[string]*gAct{}
	impliedIn := map[*resource][]*gAct{} // clone -> the fencing its instances' stops wait for
	for _, f := range g.fences {
		fenceOf[strings.TrimSuffix(strings.TrimPrefix(f.line, "Fencing "), " (reboot)")] = f
	}
	for _, p := range w.allPrims {
		for _, st := range p.lost {
			f := fenceOf[st.node.name]
			if f == nil || !p.managed {
				continue
			}
			name := w.execName(p)
			if st.role == RolePromoted {
				d := g.add(p, "demote", fmt.Sprintf("Pseudo action:   %s_demote_0", name))
				after([]*gAct{d}, []*gAct{f})
			}
			a := g.add(p, "stop", fmt.Sprintf("Pseudo action:   %s_stop_0", name))
			if p.class != "stonith" {
				// A fence device's stop there waits for nothing.
				after([]*gAct{a}, []*gAct{f})
			}
			if c := p.cloneParent(); c != nil {
				impliedIn[c] = append(impliedIn[c], f)
			}
		}
	}
	for _, pr := range w.probeList() {
		a := g.add(pr.p, "probe", fmt.Sprintf("Resource action: %-15s monitor on %s", pr.name, pr.node.name))
		g.acts[pr.p]["probe@"+pr.node.name] = append(g.acts[pr.p]["probe@"+pr.node.name], a)
	}
	// Shutdowns: a node shutting down waits for what stops there.
	var downs []*node
	for _, n := range w.nodes {
		if n.shutdown && n.online && !n.fence && !n.unclean && !n.remote {
			downs = append(downs, n)
		}
	}
	for _, a := range r.Actions {
		if !a.Blocked || a.Action != "Stop" || a.Resource == nil {
			continue
		}
		for _, p := range w.allPrims {
			if key(p) == *a.Resource && p.parent != nil && p.parent.kind == kGroup && p.cloneParent() == nil {
				// A member's blocked stop still makes its group's.
				g.pseudo(p.parent, "stop")
				break
			}
		}
	}
	g.orderFencing()
	g.edges(downs)
	gr := r.Graph()
	g.deletes(gr)
	g.stayMonitors(gr)
	// A clone whose instance stops by fencing stops after the fencing.
	for c, fs := range impliedIn {
		after(g.get(c, "stop"), fs)
	}
	return g.run(r)
}

// name0 is the name a step's pseudo-actions use.
func (s step) name0() string {
	if s.name != "" {
		return s.name
	}
	return s.key
}

// edges adds what each action waits for.
func (g *xgraph) edges(downs []*node) {
	w := g.w
	for _, p := range w.allPrims {
		if g.acts[p] == nil {
			continue
		}
		inClone := p.cloneParent() != nil
		g.primEdges(p, inClone)
	}
	// Containers: groups (and group instances) and clones.
	for _, t := range w.rscs {
		markTree(t, func(c *resource) {
			switch c.kind {
			case kGroup:
				g.groupEdges(c)
			}
		})
	}
	for _, t := range w.rscs {
		if t.kind == kClone && t.bundle == nil {
			g.cloneEdges(t)
		}
	}
	g.orderEdges()
	// A mandatory anti-colocation orders the dependent's stop and start
	// around the primary's entering and leaving the role.
	for _, c := range w.colocs {
		if c.score > -Infinity || c.dependent == nil || c.primary == nil || c.depRole == RolePromoted || c.depRole == RoleUnpromoted {
			continue
		}
		// The primary enters the role only after the dependent has
		// stopped; the dependent starts only after the primary has left
		// the role.
		enter, leave := "start", "stop"
		switch c.primRole {
		case RolePromoted:
			enter, leave = "promote", "demote"
		case RoleUnpromoted:
			enter, leave = "demote", "promote"
		}
		after(g.in(c.primary, enter), g.out(c.dependent, "stop"))
		after(g.in(c.dependent, "start"), g.out(c.primary, leave))
	}
	for _, n := range downs {
		a := &gAct{line: fmt.Sprintf("Cluster action:  do_shutdown on %s", n.name)}
		for _, p := range w.allPrims {
			after([]*gAct{a}, g.get(p, "stop@"+n.name))
		}
		g.downs = append(g.downs, a)
	}
	if len(g.fences) > 0 {
		for _, p := range w.allPrims {
			after(g.get(p, "start"), g.fences)
		}
	}
}

func (g *xgraph) primEdges(p *resource, inClone bool) {
	starts := g.get(p, "start")
	after(starts, g.get(p, "stop"))
	if !inClone {
		after(starts, g.get(p, "probe"))
	}
	after(starts, g.get(p, "migrate_from"))
	after(g.get(p, "migrate_from"), g.get(p, "migrate_to"))
	after(g.get(p, "stop"), g.get(p, "migrate_from"))
	after(g.get(p, "stop"), g.get(p, "demote"))
	after(g.get(p, "promote"), starts)
	for _, n := range g.w.nodes {
		mon := func(role Role) []*gAct { return g.get(p, "mon@"+n.name+"@"+role.String()) }
		for _, role := range []Role{RoleStarted, RoleUnpromoted} {
			after(mon(role), g.get(p, "start@"+n.name))
			after(mon(role), g.get(p, "migrate_from@"+n.name))
			after(mon(role), g.get(p, "demote@"+n.name))
		}
		if _, ok := g.acts[p]["migrate_from@"+n.name]; ok {
			after(mon(RoleStarted), starts)
		}
		after(mon(RolePromoted), g.get(p, "start@"+n.name))
		after(mon(RolePromoted), g.get(p, "promote@"+n.name))
		after(mon(RoleStopped), g.get(p, "stop@"+n.name))
		after(mon(RoleStopped), g.get(p, "probe@"+n.name))
	}
}

// pseudo returns (creating when asked) a container's pseudo-action.
func (g *xgraph) pseudo(c *resource, task string) *gAct {
	if as := g.get(c, task); len(as) > 0 {
		return as[0]
	}
	return g.add(c, task, fmt.Sprintf("Pseudo action:   %s_%s_0", c.id, task))
}

// doneName maps an action to its container's completion pseudo-action.
var doneName = map[string]string{"start": "running", "stop": "stopped", "promote": "promoted", "demote": "demoted"}

// in is what starts task X on r (a primitive's X actions, a container's X
// pseudo-action); out is what says X is done on r.
func (g *xgraph) in(r *resource, task string) []*gAct {
	if r.kind == kPrimitive {
		return g.get(r, task)
	}
	return g.get(r, task)
}

func (g *xgraph) out(r *resource, task string) []*gAct {
	if r.kind == kPrimitive {
		return g.get(r, task)
	}
	if r.kind == kClone {
		// A notify=true clone is done when its post notifications are.
		if as := g.get(r, "confirmed-post_notify_"+doneName[task]); len(as) > 0 {
			return as
		}
	}
	return g.get(r, doneName[task])
}

func (g *xgraph) groupEdges(gr *resource) {
	for _, task := range []string{"start", "stop", "promote", "demote"} {
		any := false
		for _, c := range gr.children {
			any = any || len(g.in(c, task)) > 0
		}
		if !any {
			continue
		}
		x := g.pseudo(gr, task)
		done := &gAct{} // stays out of the graph unless made below
		if task != "start" || g.allPlaced(gr) {
			done = g.pseudo(gr, doneName[task])
		}
		after([]*gAct{done}, []*gAct{x})
		for i, c := range gr.children {
			after(g.in(c, task), []*gAct{x})
			after([]*gAct{done}, g.out(c, task))
			// Each member waits for the nearest one before it (after
			// it, for stops and demotions) that does the same.
			switch task {
			case "start", "promote":
				for k := i - 1; k >= 0; k-- {
					if prev := g.out(gr.children[k], task); len(prev) > 0 {
						after(g.in(c, task), prev)
						break
					}
				}
			default:
				for k := i + 1; k < len(gr.children); k++ {
					if next := g.out(gr.children[k], task); len(next) > 0 {
						after(g.in(c, task), next)
						break
					}
				}
			}
		}
	}
	if len(g.get(gr, "stop")) > 0 && len(g.get(gr, "start")) == 0 && strings.EqualFold(gr.meta["target-role"], "started") && g.remainsActive(gr) {
		// Seen in crm_simulate: a group with an explicit
		// target-role=Started that stops part of itself schedules its
		// start pseudo-action too (its running one waits for nothing
		// that runs, so it stays out).
		after([]*gAct{g.pseudo(gr, "start")}, nil)
	}
	g.containerChain(gr)
}

// remainsActive reports whether some primitive of r runs now and does
// not stop.
func (g *xgraph) remainsActive(r *resource) bool {
	for _, p := range r.primitives(nil) {
		if len(p.running) > 0 && len(g.get(p, "stop")) == 0 && len(g.get(p, "migrate_to")) == 0 {
			return true
		}
	}
	return false
}

// containerChain orders a container's phases: demote, stop, start,
// promote.
func (g *xgraph) containerChain(c *resource) {
	p := func(t string) []*gAct { return g.get(c, t) }
	after(p("stop"), p("demoted"))
	after(p("start"), p("stopped"))
	after(p("start"), p("demoted"))
	after(p("promote"), p("running"))
	after(p("promote"), p("demoted"))
	after(p("promote"), p("stopped"))
}

func (g *xgraph) cloneEdges(c *resource) {
	for _, task := range []string{"start", "stop", "promote", "demote"} {
		any := false
		for _, i := range c.children {
			any = any || len(g.in(i, task)) > 0
		}
		if !any {
			continue
		}
		x, done := g.pseudo(c, task), g.pseudo(c, doneName[task])
		after([]*gAct{done}, []*gAct{x})
		for k, i := range c.children {
			after(g.in(i, task), []*gAct{x})
			after([]*gAct{done}, g.out(i, task))
			if !c.ordered {
				continue
			}
			// ordered=true: instances start one after another and
			// stop in reverse.
			switch task {
			case "start", "promote":
				for j := k - 1; j >= 0; j-- {
					if prev := g.out(c.children[j], task); len(prev) > 0 {
						after(g.in(i, task), prev)
						break
					}
				}
			default:
				if k+1 < len(c.children) {
					for _, q := range c.children[k+1].primitives(nil) {
						after(g.in(i, task), g.get(q, "probe"))
					}
				}
				for j := k + 1; j < len(c.children); j++ {
					if next := g.out(c.children[j], task); len(next) > 0 {
						after(g.in(i, task), next)
						break
					}
				}
			}
		}
		if task == "start" || task == "stop" {
			w := x
			if task == "stop" {
				w = done
			}
			for _, i := range c.children {
				for _, q := range i.primitives(nil) {
					after([]*gAct{w}, g.get(q, "probe"))
				}
			}
		}
	}
	if len(g.get(c, "stop")) > 0 && len(g.get(c, "start")) == 0 && g.remainsActive(c) && g.oneOrMoreFirst(c) {
		// Seen in crm_simulate: the first clone of a require-all=false
		// order that stops some instances also schedules its start and
		// running pseudo-actions.
		x, done := g.pseudo(c, "start"), g.pseudo(c, "running")
		after([]*gAct{done}, []*gAct{x})
	}
	g.containerChain(c)
	if model.IsTrue(c.meta["notify"]) {
		g.notifications(c)
	}
}

// instName is the name the executed list gives a clone instance.
func (g *xgraph) instName(q *resource) string {
	if n, ok := g.names[q]; ok {
		return n
	}
	return g.w.execName(q)
}

// execName is the name the executed list gives an anonymous clone
// instance, as crm_simulate prints the graph's name for it: the history
// id Pacemaker handed the instance last (its clone name) when that names
// a resource, else the primitive's own id when the history uses it, else
// the instance's id.
func (w *world) execName(p *resource) string {
	if c := p.cloneParent(); c == nil || c.unique {
		return p.id
	}
	if h := p.histName; h != "" && h != p.baseID {
		for _, q := range w.allPrims {
			if q.id == h {
				return h
			}
		}
	}
	if w.historyNames()[p.baseID] {
		return p.baseID
	}
	return p.id
}

// notifications adds a notify=true clone's notification pseudo-actions
// around each of its phases, and the instances' notify actions: before a
// phase to the instances active then, after it to those active after.
func (g *xgraph) notifications(c *resource) {
	type phase struct{ task, done string }
	stopping := map[*resource]bool{}
	for _, q := range c.children {
		stopping[q] = len(g.get(q, "stop")) > 0
	}
	before := func(q *resource, dropStopping bool) []string {
		if dropStopping && stopping[q] {
			return nil
		}
		var ns []string
		for _, s := range q.running {
			ns = append(ns, s.node.name)
		}
		return ns
	}
	afterNodes := func(q *resource) []string {
		if q.assigned != nil && q.nextRole > RoleStopped {
			return []string{q.assigned.name}
		}
		return nil
	}
	posts := map[string]*gAct{}
	for _, ph := range []phase{{"demote", "demoted"}, {"stop", "stopped"}, {"start", "running"}, {"promote", "promoted"}} {
		x := g.get(c, ph.task)
		if len(x) == 0 {
			continue
		}
		pre := g.pseudo(c, "pre_notify_"+ph.task)
		cpre := g.pseudo(c, "confirmed-pre_notify_"+ph.task)
		post := g.pseudo(c, "post_notify_"+ph.done)
		cpost := g.pseudo(c, "confirmed-post_notify_"+ph.done)
		posts[ph.task] = cpost
		after([]*gAct{cpre}, []*gAct{pre})
		after(x, []*gAct{cpre})
		after([]*gAct{post}, g.get(c, ph.done))
		after([]*gAct{post}, []*gAct{cpre})
		after([]*gAct{cpost}, []*gAct{post})
		for _, q := range c.children {
			if q.kind != kPrimitive {
				continue
			}
			var preN, postN []string
			switch ph.task {
			case "demote":
				preN, postN = before(q, false), before(q, false)
			case "stop":
				preN, postN = before(q, false), before(q, true)
			case "start":
				preN, postN = before(q, true), afterNodes(q)
			case "promote":
				preN, postN = afterNodes(q), afterNodes(q)
			}
			for _, n := range preN {
				a := g.add(q, "notify-pre-"+ph.task, fmt.Sprintf("Resource action: %-15s notify on %s", g.instName(q), n))
				after([]*gAct{a}, []*gAct{pre})
				after([]*gAct{cpre}, []*gAct{a})
			}
			for _, n := range postN {
				a := g.add(q, "notify-post-"+ph.task, fmt.Sprintf("Resource action: %-15s notify on %s", g.instName(q), n))
				after([]*gAct{a}, []*gAct{post})
				after([]*gAct{cpost}, []*gAct{a})
			}
		}
	}
	chain := func(then, first string) {
		if t, f := g.get(c, then), posts[first]; len(t) > 0 && f != nil {
			after(t, []*gAct{f})
		}
	}
	chain("pre_notify_stop", "demote")
	chain("pre_notify_start", "stop")
	chain("pre_notify_promote", "start")
	chain("pre_notify_promote", "demote")
	for _, q := range c.children {
		for _, t := range []string{"start", "promote", "demote"} {
			if posts[t] != nil {
				after(g.get(q, "monitor"), []*gAct{posts[t]})
			}
		}
	}
}

// orderEdges adds the ordering constraints between the actions that exist:
// then's action waits for first's, and (symmetrical) first's inverse waits
// for then's inverse.
func (g *xgraph) orderEdges() {
	inverse := map[string]string{"start": "stop", "promote": "demote", "stop": "start", "demote": "promote"}
	for _, o := range g.w.orders {
		if o.first == nil || o.then == nil {
			continue
		}
		if !o.requireAll && o.firsts == nil && o.first.kind == kClone {
			// require-all=false: then waits for a pseudo-action that
			// waits for the first's instances.
			var firsts []*gAct
			for _, i := range o.first.children {
				firsts = append(firsts, g.out(i, o.firstAction)...)
			}
			if len(firsts) > 0 {
				a := &gAct{line: "Pseudo action:   clone-one-or-more:" + o.id}
				after([]*gAct{a}, firsts)
				after(g.in(o.then, o.thenAction), []*gAct{a})
				g.extra = append(g.extra, a)
			}
		} else {
			after(g.in(o.then, o.thenAction), g.out(o.first, o.firstAction))
		}
		if o.symmetrical {
			fi, ti := inverse[o.firstAction], inverse[o.thenAction]
			if fi != "" && ti != "" {
				after(g.in(o.first, fi), g.out(o.then, ti))
			}
			if o.firstAction == "start" && o.thenAction == "start" && o.then.kind == kPrimitive {
				after(g.in(o.first, "stop"), g.get(o.then, "probe"))
			}
		}
	}
}

// taskRank orders a resource's actions in the graph.
var notifyRank = []string{"notify-post-demote", "notify-pre-demote", "notify-post-promote", "notify-pre-promote",
	"notify-post-stop", "notify-pre-stop", "notify-post-start", "notify-pre-start"}
var primRank = append(append([]string(nil), notifyRank...), "monitor", "stopped-monitor", "migrate_from", "migrate_to", "demote", "promote", "start", "stop", "probe", "cancel", "delete")
var containerRank = []string{
	"confirmed-post_notify_demoted", "post_notify_demoted", "confirmed-pre_notify_demote", "pre_notify_demote", "demoted", "demote",
	"confirmed-post_notify_promoted", "post_notify_promoted", "confirmed-pre_notify_promote", "pre_notify_promote", "promoted", "promote",
	"confirmed-post_notify_stopped", "post_notify_stopped", "confirmed-pre_notify_stop", "pre_notify_stop", "stopped", "stop",
	"confirmed-post_notify_running", "post_notify_running", "confirmed-pre_notify_start", "pre_notify_start", "running", "start"}

// run lays the actions out in graph order and runs them in passes.
func (g *xgraph) run(r *Result) []string {
	var order []*gAct
	var emit func(x *resource)
	own := func(x *resource) {
		if x.kind == kPrimitive {
			rank := primRank
			stops, starts := g.get(x, "stop"), g.get(x, "start")
			failed := false
			for _, s := range x.running {
				failed = failed || s.failed
			}
			if len(stops) == 1 && len(starts) == 1 && len(g.get(x, "migrate_from")) == 0 {
				// A failed resource's stop is written early (so last),
				// and a recovery in place or a restart keeps its
				// monitors after both.
				same := onNode(stops[0].line) != "" && onNode(stops[0].line) == onNode(starts[0].line)
				switch {
				case same && len(g.get(x, "delete")) > 0:
					// Restarted for another agent's history: the
					// probes, the start and the deletion come first.
					rank = append(append([]string(nil), notifyRank...), "probe", "migrate_from", "migrate_to", "demote", "promote", "start", "delete", "stop", "monitor", "stopped-monitor", "cancel")
				case same && failed:
					rank = append(append([]string(nil), notifyRank...), "migrate_from", "migrate_to", "demote", "promote", "start", "probe", "stop", "monitor", "stopped-monitor", "cancel", "delete")
				case same && x.running[0].changed != "":
					rank = append(append([]string(nil), notifyRank...), "migrate_from", "migrate_to", "demote", "promote", "stop", "start", "monitor", "stopped-monitor", "probe", "cancel", "delete")
				case failed:
					rank = append(append([]string(nil), notifyRank...), "monitor", "stopped-monitor", "migrate_from", "migrate_to", "demote", "promote", "start", "probe", "stop", "cancel", "delete")
				}
			}
			placed := map[*gAct]bool{}
			for _, t := range rank {
				as := g.get(x, t)
				if t == "stop" && len(as) > 1 {
					// Stops on several nodes: last node first, each
					// followed by its Stopped-role monitors there.
					for i := len(as) - 1; i >= 0; i-- {
						order = append(order, as[i])
						on := onNode(as[i].line)
						for _, m := range g.get(x, "stopped-monitor") {
							if on != "" && onNode(m.line) == on && !placed[m] {
								order = append(order, m)
								placed[m] = true
							}
						}
					}
					continue
				}
				if t == "stopped-monitor" {
					if len(g.get(x, "stop")) > 1 {
						continue // placed with the stops
					}
					for _, m := range as {
						if !placed[m] {
							order = append(order, m)
							placed[m] = true
						}
					}
					continue
				}
				if t == "monitor" {
					// Recurring monitors: the last configured first.
					for i := len(as) - 1; i >= 0; i-- {
						order = append(order, as[i])
					}
					continue
				}
				order = append(order, as...)
			}
			for _, m := range g.get(x, "stopped-monitor") {
				if !placed[m] && len(g.get(x, "stop")) > 1 {
					order = append(order, m)
				}
			}
			return
		}
		for _, t := range containerRank {
			order = append(order, g.get(x, t)...)
		}
	}
	emit = func(x *resource) {
		switch {
		case x.kind == kClone:
			for _, c := range x.children {
				emit(c)
			}
			own(x)
		case x.kind == kGroup:
			own(x)
			for _, c := range x.children {
				emit(c)
			}
		default:
			own(x)
		}
	}
	seen := map[*resource]bool{}
	for _, p := range g.w.displayPrims() {
		t := p.top()
		if !seen[t] {
			seen[t] = true
			emit(t)
		}
	}
	order = append(order, g.orphanDeletes...)
	order = append(order, g.extra...)
	order = append(order, g.fences...)
	order = append(order, g.downs...)
	var out []string
	for {
		progress := false
		for _, a := range order {
			if a.done {
				continue
			}
			ready := true
			for _, i := range a.in {
				if !i.done {
					ready = false
					break
				}
			}
			if ready {
				a.done, progress = true, true
				out = append(out, a.line)
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// probe is one probe the transition runs.
type probe struct {
	p    *resource
	name string
	node *node
}

// orderFencing puts the fencing actions in the order the scheduler makes
// them (nodes in natural order, the DC last) and, unless concurrent-fencing is set,
// makes each wait for the one before.
func (g *xgraph) orderFencing() {
	w := g.w
	rank := map[string]int{}
	nodes := append([]*node(nil), w.nodes...)
	sort.SliceStable(nodes, func(i, j int) bool { return naturalLess(nodes[i].name, nodes[j].name) })
	for i, n := range nodes {
		rank[n.name] = i
		if w.dcUUID != "" && n.id == w.dcUUID {
			rank[n.name] = len(w.nodes) + i
		}
	}
	node := func(a *gAct) string {
		return strings.TrimSuffix(strings.TrimPrefix(a.line, "Fencing "), " (reboot)")
	}
	sort.SliceStable(g.fences, func(i, j int) bool { return rank[node(g.fences[i])] < rank[node(g.fences[j])] })
	if model.IsTrue(w.opt("concurrent-fencing", "false")) {
		return
	}
	for i := 1; i < len(g.fences); i++ {
		after(g.fences[i:i+1], g.fences[i-1:i])
	}
}

// roleMonitor reports a recurring monitor interval configured twice (for
// two roles): Pacemaker rejects the duplicate and schedules neither.
func roleMonitor(p *resource, interval int) bool {
	if p.prim == nil || p.prim.Operations == nil {
		return false
	}
	n := 0
	for _, op := range p.prim.Operations.Ops {
		if op.Name == "monitor" && int(parseDurationMS(op.Interval)) == interval {
			n++
		}
	}
	return n > 1
}

// allPlaced reports whether every member of a group runs after the
// transition: a member that cannot start keeps the group's "running"
// pseudo-action out of the graph.
func (g *xgraph) allPlaced(gr *resource) bool {
	for _, p := range gr.primitives(nil) {
		if p.assigned == nil || p.nextRole <= RoleStopped {
			return false
		}
	}
	return true
}

// onNode is the node an executed line names ("... on NODE"), or "".
func onNode(line string) string {
	i := strings.LastIndex(line, " on ")
	if i < 0 {
		return ""
	}
	return line[i+len(" on "):]
}

// oneOrMoreFirst reports whether c is the first of a require-all=false
// order.
func (g *xgraph) oneOrMoreFirst(c *resource) bool {
	for _, o := range g.w.orders {
		if !o.requireAll && o.firsts == nil && o.first == c {
			return true
		}
	}
	return false
}

// deletes adds the history deletions the transition graph holds (another
// agent's history, a resource the configuration no longer has), with the
// stops they wait for and the starts that wait for them.
func (g *xgraph) deletes(gr *Graph) {
	var prim map[*GraphAction]*resource
	for _, a := range gr.Actions {
		if a.Task != "delete" {
			continue
		}
		if prim == nil {
			prim = map[*GraphAction]*resource{}
		}
		var p *resource
		for _, e := range gr.Edges {
			if e.From == a && e.To.p != nil {
				p = e.To.p
			}
			if e.To == a && e.From.p != nil {
				p = e.From.p
			}
		}
		line := fmt.Sprintf("Resource action: %-15s delete on %s", a.Rsc, a.Node)
		if p == nil {
			g.orphanDeletes = append(g.orphanDeletes, &gAct{line: line})
			continue
		}
		d := g.add(p, "delete", line)
		for _, e := range gr.Edges {
			if e.From == a && e.To.p == p {
				after(g.get(p, e.To.Task+"@"+e.To.Node), []*gAct{d})
			}
			if e.To == a && e.From.p == p {
				after([]*gAct{d}, g.get(p, e.From.Task+"@"+e.From.Node))
			}
		}
	}
}

// stayMonitors adds the recurring monitors the transition graph starts
// for an instance that otherwise stays as it is, where its history lacks
// them.
func (g *xgraph) stayMonitors(gr *Graph) {
	acts := map[*resource]bool{} // what has actions of its own already
	for p := range g.acts {
		for _, t := range []string{"start", "stop", "promote", "demote", "migrate_to", "migrate_from", "monitor", "stopped-monitor"} {
			acts[p] = acts[p] || len(g.get(p, t)) > 0
		}
	}
	for _, a := range gr.Actions {
		p := a.p
		if p == nil || a.Task != "monitor" || a.Interval <= 0 || a.cancel || !a.Runnable || a.Pseudo || acts[p] {
			continue
		}
		line := fmt.Sprintf("Resource action: %-15s monitor=%d on %s", g.instName(p), a.Interval, a.Node)
		g.add(p, "monitor", line)
	}
}
