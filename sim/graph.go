package sim

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

// Graph is the transition graph: the actions the transition runs (and the
// ones it cannot run), and the orderings between them, as Pacemaker's
// scheduler builds it and crm_simulate draws it (-D).
type Graph struct {
	Actions []*GraphAction
	Edges   []GraphEdge

	byLabel map[string]*GraphAction
}

// GraphAction is one action of the transition graph.
type GraphAction struct {
	// Rsc is the resource (clone instance, group, clone) the action is
	// for; empty for fencing.
	Rsc string
	// Task is start, stop, monitor, promote, demote, migrate_to,
	// migrate_from, running, stopped, promoted, demoted, or the fencing
	// type (reboot) for fencing.
	Task     string
	Interval int
	// Node is where it runs; empty for pseudo-actions.
	Node string
	// Pseudo actions run nowhere: they mark a point of the transition
	// (a group or clone started, a stop implied by fencing).
	Pseudo bool
	// Runnable is false for actions the transition needs but cannot run.
	Runnable bool

	p *resource
	// raw: Rsc is the whole label (an ordering's pseudo-action).
	raw bool
	// cancel: the action cancels the recurring operation it names.
	cancel bool
	// notify: a notification (or one of a clone's notification
	// pseudo-actions).
	notify bool
}

// GraphEdge orders From before To.
type GraphEdge struct {
	From, To *GraphAction
}

// Key is the action's operation key, rsc_task_interval.
func (a *GraphAction) Key() string {
	return fmt.Sprintf("%s_%s_%d", a.Rsc, a.Task, a.Interval)
}

// Label is the action's name in crm_simulate's dot graph.
func (a *GraphAction) Label() string {
	if a.Rsc == "" {
		if a.Task == "do_shutdown" {
			return a.Task + " " + a.Node
		}
		return fmt.Sprintf("stonith '%s' %s", a.Task, a.Node)
	}
	if a.raw {
		return a.Rsc
	}
	if a.cancel {
		return "Cancel " + a.Key() + " " + a.Node
	}
	if a.Node == "" {
		return a.Key()
	}
	return a.Key() + " " + a.Node
}

// Graph builds the transition graph of the result: what WriteDot draws,
// and the orderings crm_simulate runs its executed actions by (the
// runnable actions, each after the runnable ones its edges name).
func (r *Result) Graph() *Graph {
	b := &graphBuilder{w: r.w, g: &Graph{byLabel: map[string]*GraphAction{}}}
	b.build(r)
	return b.g
}

type graphBuilder struct {
	w *world
	g *Graph
	// acts indexes resource actions by resource and task.
	acts  map[*resource]map[string][]*GraphAction
	edges map[[2]*GraphAction]bool
	rels  []relation
	// byKey: the primitives by placement key.
	byKey map[string][]*resource
	// relsByFirst and startOrders index the orderings by their first.
	relsByFirst map[*resource][]relation
	startOrders map[*resource][]*ordering
	// named: the anonymous clone instances the history names by their
	// bare id.
	named map[*resource]histName
}

// name is what the graph calls p's actions: an anonymous clone instance
// found active under its bare id in the history keeps that id, as
// Pacemaker names it after the history.
func (b *graphBuilder) name(p *resource) string {
	c := p.cloneParent()
	if c == nil || c.unique || p.replicaKey != "" {
		return p.id
	}
	if b.named == nil {
		b.named = b.w.historyNamedInstances()
	}
	if h, ok := b.named[p]; ok {
		return h.id
	}
	return p.id
}

// cloneNamed reports an instance Pacemaker keeps a clone name for.
func (b *graphBuilder) cloneNamed(p *resource) bool {
	b.name(p)
	return b.named[p].cloneName
}

func (b *graphBuilder) add(a *GraphAction) *GraphAction {
	k := a.Label()
	if a.Node == "<none>" {
		// Several instances may share one name and start nowhere.
		k += fmt.Sprintf(" %p", a.p)
	}
	if old := b.g.byLabel[k]; old != nil {
		return old
	}
	b.g.byLabel[k] = a
	b.g.Actions = append(b.g.Actions, a)
	if a.p != nil {
		m := b.acts[a.p]
		if m == nil {
			m = map[string][]*GraphAction{}
			b.acts[a.p] = m
		}
		m[a.Task] = append(m[a.Task], a)
	}
	return a
}

func (b *graphBuilder) edge(from, to *GraphAction) {
	if from == nil || to == nil || from == to {
		return
	}
	k := [2]*GraphAction{from, to}
	if b.edges[k] {
		return
	}
	b.edges[k] = true
	b.g.Edges = append(b.g.Edges, GraphEdge{from, to})
}

// get lists p's actions of a task.
func (b *graphBuilder) get(p *resource, task string) []*GraphAction {
	return b.acts[p][task]
}

// instanceFor finds the clone instance a step (named by placement key) is
// about: the one running on the node for what ends its activity there, the
// one assigned to it for what begins it.
func (b *graphBuilder) instanceFor(s step) *resource {
	p := s.p
	if p == nil && s.key != "" {
		p = b.firstByKey(s.key)
	}
	if p == nil {
		return nil
	}
	c := p.cloneParent()
	if c == nil || c.unique || p.replicaKey != "" {
		return p
	}
	b.firstByKey(s.key) // builds the index
	var cands []*resource
	for _, q := range b.byKey[s.key] {
		if q.cloneParent() == c {
			cands = append(cands, q)
		}
	}
	on := func(q *resource) bool {
		for _, st := range q.running {
			if st.node.name == s.node {
				return true
			}
		}
		for _, st := range q.lost {
			if st.node.name == s.node {
				return true
			}
		}
		return false
	}
	switch s.task {
	case "stop", "demote", "migrate_to":
		for _, q := range cands {
			if on(q) {
				return q
			}
		}
	default:
		for _, q := range cands {
			if q.assigned != nil && q.assigned.name == s.node {
				return q
			}
		}
		for _, q := range cands {
			if on(q) {
				return q
			}
		}
	}
	return p
}

// containers lists the groups and clones above p, innermost first.
func containers(p *resource) []*resource {
	var out []*resource
	for c := p.parent; c != nil; c = c.parent {
		if c.kind == kGroup || c.kind == kClone {
			out = append(out, c)
		}
	}
	return out
}

// doneTask is the pseudo-action that marks a container's task done.
var doneTask = map[string]string{"start": "running", "stop": "stopped", "promote": "promoted", "demote": "demoted"}

// containerTask is the container-level task a member's action belongs to.
func containerTask(task string) string {
	switch task {
	case "migrate_from":
		return "start"
	case "migrate_to":
		return "stop"
	case "start", "stop", "promote", "demote":
		return task
	}
	return ""
}

func (b *graphBuilder) build(r *Result) {
	b.acts = map[*resource]map[string][]*GraphAction{}
	b.edges = map[[2]*GraphAction]bool{}
	w := b.w
	b.rels = w.relations()
	b.relsByFirst = map[*resource][]relation{}
	for _, o := range b.rels {
		b.relsByFirst[o.first] = append(b.relsByFirst[o.first], o)
	}
	b.startOrders = map[*resource][]*ordering{}
	for _, o := range w.orders {
		if strings.EqualFold(o.kind, "mandatory") && strings.EqualFold(o.firstAction, "start") && strings.EqualFold(o.thenAction, "start") {
			b.startOrders[o.first] = append(b.startOrders[o.first], o)
		}
	}
	steps := r.executionSteps()
	fences, fenced := b.fencing(steps)
	probes := b.probes()
	b.resourceActions(steps)
	b.stayMonitors()
	implied := b.impliedStops(r, fences, fenced)
	b.otherActions(r)
	b.noneStarts()
	b.interleaveNoneStarts()
	b.blockedContainerStarts()
	prims := b.containerActions(implied)
	for _, c := range w.cloneList() {
		if model.IsTrue(c.meta["notify"]) {
			b.notifications(c, implied)
		}
	}
	b.primitiveEdges(prims, fences, probes)
	b.containerEdges()
	b.orderEdges()
	b.probeEdges(probes)
}

// fencing adds the fencing actions, chained as Pacemaker orders them, and
// the shutdowns of nodes leaving cleanly.
func (b *graphBuilder) fencing(steps []step) (fences []*GraphAction, fenced map[string]bool) {
	w := b.w
	fenced = map[string]bool{}
	for _, s := range steps {
		if s.task == "fence" {
			fenced[s.node] = true
			fences = append(fences, b.add(&GraphAction{Task: "reboot", Node: s.node, Runnable: true}))
		}
	}
	// Fencing in node order, the DC's last: without concurrent fencing
	// (2.1's default) one after the other, else each before the DC's.
	isDC := func(name string) bool {
		n := w.byName[name]
		return n != nil && w.dcUUID != "" && n.id == w.dcUUID
	}
	sort.SliceStable(fences, func(i, j int) bool {
		di, dj := isDC(fences[i].Node), isDC(fences[j].Node)
		if di != dj {
			return dj
		}
		return naturalLess(fences[i].Node, fences[j].Node)
	})
	def := "false"
	if w.v30 {
		def = "true"
	}
	concurrent := model.IsTrue(w.opt("concurrent-fencing", def))
	var dcDown *GraphAction
	var nonDC []*GraphAction
	for _, f := range fences {
		if isDC(f.Node) {
			dcDown = f
			continue
		}
		if !concurrent && len(nonDC) > 0 {
			b.edge(nonDC[len(nonDC)-1], f)
		}
		nonDC = append(nonDC, f)
	}
	// A node shutting down: its stops first.
	var shutdowns []*GraphAction
	for _, n := range w.nodes {
		if n.shutdown && n.online && !fenced[n.name] && !n.remote {
			a := b.add(&GraphAction{Task: "do_shutdown", Node: n.name, Runnable: true})
			if isDC(n.name) {
				if dcDown == nil {
					dcDown = a
				}
			} else {
				shutdowns = append(shutdowns, a)
			}
		}
	}
	if dcDown != nil {
		if dcDown.Task == "do_shutdown" {
			b.edgeAll(shutdowns, []*GraphAction{dcDown})
		}
		if concurrent {
			b.edgeAll(nonDC, []*GraphAction{dcDown})
		} else if len(nonDC) > 0 {
			b.edge(nonDC[len(nonDC)-1], dcDown)
		}
	}
	return fences, fenced
}

// probes adds the probes.
func (b *graphBuilder) probes() []*GraphAction {
	var probes []*GraphAction
	for _, pr := range b.w.graphProbes() {
		probes = append(probes, b.add(&GraphAction{Rsc: b.name(pr.p), Task: "monitor", Node: pr.n.name, Runnable: !pr.n.pending, p: pr.p}))
	}
	return probes
}

// resourceActions adds what the scheduler's steps run.
func (b *graphBuilder) resourceActions(steps []step) {
	for _, s := range steps {
		if s.task == "fence" {
			continue
		}
		p := b.instanceFor(s)
		if p == nil {
			continue
		}
		if s.task == "monitor" && s.role != RoleStopped && b.skipMonitor(p, s) {
			continue
		}
		b.add(&GraphAction{Rsc: b.name(p), Task: s.task, Interval: s.interval, Node: s.node, Runnable: true, p: p})
	}
}

// stayMonitors adds the recurring monitors the history lacks of what stays
// where it runs, in its role (every clone instance, not only the first).
func (b *graphBuilder) stayMonitors() {
	w := b.w
	for _, p := range w.allPrims {
		if !p.managed || p.bundle != nil || p.assigned == nil || p.nextRole <= RoleStopped || len(p.running) != 1 {
			continue
		}
		st := p.running[0]
		if st.node != p.assigned || st.failed || st.role != p.nextRole || len(b.acts[p]) > 0 && (len(b.get(p, "start")) > 0 || len(b.get(p, "stop")) > 0 || len(b.get(p, "promote")) > 0 || len(b.get(p, "demote")) > 0) {
			continue
		}
		for _, iv := range recurringMonitors(p, p.nextRole) {
			s := step{task: "monitor", node: st.node.name, interval: iv, role: p.nextRole}
			if p.monitorsOn[st.node][iv] || b.skipMonitor(p, s) {
				continue
			}
			b.add(&GraphAction{Rsc: b.name(p), Task: "monitor", Interval: iv, Node: st.node.name, Runnable: true, p: p})
		}
	}
}

// impliedStops adds the stops (and demotions) fencing implies:
// pseudo-actions after the fencing. It returns each with its fencing.
func (b *graphBuilder) impliedStops(r *Result, fences []*GraphAction, fenced map[string]bool) [][2]*GraphAction {
	var implied [][2]*GraphAction
	for _, a := range r.Actions {
		if a.Resource == nil || a.Blocked || !fenced[deref(a.Node)] {
			continue
		}
		switch a.Action {
		case "Stop", "Move", "Recover", "Demote":
		default:
			continue
		}
		s := step{task: "stop", key: deref(a.Resource), node: deref(a.Node)}
		s.p = b.firstByKey(s.key)
		p := b.instanceFor(s)
		if p == nil {
			continue
		}
		st := b.add(&GraphAction{Rsc: b.name(p), Task: "stop", Node: s.node, Pseudo: true, Runnable: true, p: p})
		var dm *GraphAction
		for _, ss := range [][]*instState{p.running, p.lost} {
			for _, is := range ss {
				if is.node.name == s.node && is.role == RolePromoted {
					// A promoted instance is demoted by the fencing too.
					dm = b.add(&GraphAction{Rsc: b.name(p), Task: "demote", Node: s.node, Pseudo: true, Runnable: true, p: p})
				}
			}
		}
		for _, f := range fences {
			if f.Node == s.node {
				if p.class != "stonith" {
					// A fence device's implied stop waits for nothing.
					b.edge(f, st)
				}
				if dm != nil {
					b.edge(f, dm)
				}
				implied = append(implied, [2]*GraphAction{f, st})
			}
		}
	}
	return implied
}

// otherActions adds the unrunnable starts, the monitors of role changes
// and of the Stopped role, deletions of another agent's history, blocked
// promotions and stops.
func (b *graphBuilder) otherActions(r *Result) {
	w := b.w
	// Unrunnable starts: where an ordering (or lost quorum) keeps a
	// placed resource from starting, the start stays in the graph,
	// unrunnable, with its recurring monitors.
	for _, p := range w.allPrims {
		n := p.blockedOn
		if n == nil {
			n = p.unrunnableOn
		}
		if n == nil || !p.managed {
			continue
		}
		started := false
		for _, a := range b.get(p, "start") {
			started = started || a.Node == n.name
		}
		if started {
			continue
		}
		b.add(&GraphAction{Rsc: b.name(p), Task: "start", Node: n.name, p: p})
		role := RoleStarted
		if c := p.cloneParent(); c != nil && c.promotable {
			role = RoleUnpromoted
		}
		for _, iv := range recurringMonitors(p, role) {
			b.add(&GraphAction{Rsc: b.name(p), Task: "monitor", Interval: iv, Node: n.name, p: p})
		}
	}
	// Role changes in place: a promotion cancels the Unpromoted monitors
	// first, a demotion the Promoted ones, and starts the Unpromoted
	// ones after (unless the resource stops there).
	for _, a := range append([]*GraphAction(nil), b.g.Actions...) {
		p := a.p
		if p == nil || p.kind != kPrimitive || !a.Runnable || a.Task != "promote" && a.Task != "demote" {
			continue
		}
		on := func(task string) bool {
			for _, x := range b.get(p, task) {
				if x.Node == a.Node {
					return true
				}
			}
			return false
		}
		inHistory := func(iv int) bool { return p.monitorsOn[w.byName[a.Node]][iv] }
		if a.Task == "promote" && !on("start") {
			for _, iv := range recurringMonitors(p, RoleUnpromoted) {
				if !inHistory(iv) {
					continue
				}
				c := b.add(&GraphAction{Rsc: a.Rsc, Task: "monitor", Interval: iv, Node: a.Node, Runnable: true, cancel: true})
				b.edge(c, a)
			}
		}
		if a.Task == "demote" && !on("stop") {
			for _, iv := range recurringMonitors(p, RolePromoted) {
				if !inHistory(iv) {
					continue
				}
				c := b.add(&GraphAction{Rsc: a.Rsc, Task: "monitor", Interval: iv, Node: a.Node, Runnable: true, cancel: true})
				b.edge(c, a)
			}
			for _, iv := range recurringMonitors(p, RoleUnpromoted) {
				b.add(&GraphAction{Rsc: a.Rsc, Task: "monitor", Interval: iv, Node: a.Node, Runnable: true, p: p})
			}
		}
	}
	// Monitors for the Stopped role: started where the resource stops,
	// cancelled where it starts.
	for _, a := range append([]*GraphAction(nil), b.g.Actions...) {
		p := a.p
		if p == nil || p.kind != kPrimitive || !a.Runnable || a.Pseudo || a.Task != "stop" && a.Task != "start" {
			continue
		}
		for _, iv := range recurringMonitors(p, RoleStopped) {
			if a.Task == "start" {
				if p.monitorsOn[w.byName[a.Node]][iv] {
					c := b.add(&GraphAction{Rsc: a.Rsc, Task: "monitor", Interval: iv, Node: a.Node, Runnable: true, cancel: true})
					b.edge(c, a)
				}
				continue
			}
			if p.assigned != nil && p.assigned.name == a.Node && p.nextRole > RoleStopped {
				continue
			}
			b.add(&GraphAction{Rsc: a.Rsc, Task: "monitor", Interval: iv, Node: a.Node, Runnable: true, p: p})
		}
	}
	// History of another agent where the resource is not active: deleted,
	// before the resource starts there.
	for _, p := range w.allPrims {
		for _, n := range w.nodes {
			if !p.agentReset[n] || !n.online {
				continue
			}
			d := b.add(&GraphAction{Rsc: b.name(p), Task: "delete", Node: n.name, Runnable: true})
			for _, st := range b.get(p, "start") {
				if st.Node == n.name {
					b.edge(d, st)
				}
			}
		}
	}
	// ... and where it is active: after its stop.
	if st := w.cluster.Status; st != nil {
		byName := map[string][]*resource{}
		for _, p := range w.allPrims {
			byName[p.id] = append(byName[p.id], p)
			if n := b.name(p); n != p.id {
				byName[n] = append(byName[n], p)
			}
		}
		for _, ns := range st.Nodes {
			if ns.LRM == nil {
				continue
			}
			for _, lr := range ns.LRM.Resources {
				for _, p := range byName[lr.ID()] {
					if p.prim == nil || p.top().bundle != nil || !w.agentChanged(p, lr) {
						continue
					}
					for _, stop := range b.get(p, "stop") {
						restart := false
						for _, start := range b.get(p, "start") {
							restart = restart || start.Node == stop.Node
						}
						if stop.Node != ns.Uname() || stop.Pseudo || !restart {
							continue
						}
						d := b.add(&GraphAction{Rsc: b.name(p), Task: "delete", Node: stop.Node, Runnable: true})
						b.edge(stop, d)
						for _, start := range b.get(p, "start") {
							if start.Node == stop.Node {
								b.edge(d, start)
							}
						}
					}
				}
			}
		}
	}
	// History of a resource the configuration no longer has, inactive:
	// deleted.
	if st := w.cluster.Status; st != nil {
		stopping := map[string]bool{}
		for _, a := range w.orphanStops {
			stopping[deref(a.Resource)+" "+deref(a.Node)] = true
		}
		for _, ns := range st.Nodes {
			n := w.byName[ns.Uname()]
			if ns.LRM == nil || n == nil || !n.online || n.remote {
				continue
			}
			for _, lr := range ns.LRM.Resources {
				id := lr.ID()
				base, _, _ := strings.Cut(id, ":")
				if r, ok := w.byID[base]; ok && r.kind == kPrimitive || w.byName[id] != nil || stopping[id+" "+n.name] || stopping[base+" "+n.name] || w.bundleHistory(id) {
					continue
				}
				b.add(&GraphAction{Rsc: id, Task: "delete", Node: n.name, Runnable: true})
			}
		}
	}
	// Blocked promotions: the start runs, the promotion cannot.
	for _, a := range r.Actions {
		if !a.Blocked || a.Action != "Promote" || a.Resource == nil {
			continue
		}
		s := step{task: "promote", key: deref(a.Resource), node: deref(a.Node)}
		s.p = b.firstByKey(s.key)
		p := b.instanceFor(s)
		if p == nil {
			continue
		}
		if deref(a.Role) == "Stopped" {
			b.add(&GraphAction{Rsc: b.name(p), Task: "start", Node: s.node, Runnable: true, p: p})
		}
		b.add(&GraphAction{Rsc: b.name(p), Task: "promote", Node: s.node, p: p})
	}
	// Blocked stops: unrunnable.
	for _, a := range r.Actions {
		if !a.Blocked || a.Action != "Stop" || a.Resource == nil {
			continue
		}
		s := step{task: "stop", key: deref(a.Resource), node: deref(a.Node)}
		s.p = b.firstByKey(s.key)
		if p := b.instanceFor(s); p != nil {
			b.add(&GraphAction{Rsc: b.name(p), Task: "stop", Node: s.node, p: p})
		}
	}
}

// containerActions adds the groups' and clones' pseudo-actions and orders
// fencing before the stops of the containers it stops members of. It
// returns the actions before the pseudo-actions were added.
func (b *graphBuilder) containerActions(implied [][2]*GraphAction) []*GraphAction {
	// Container pseudo-actions: runnable when a member's action is; a
	// group's start stays runnable, its running not when a member's start
	// cannot run.
	prims := append([]*GraphAction(nil), b.g.Actions...)
	for _, a := range prims {
		if a.p == nil || a.p.kind != kPrimitive {
			continue
		}
		ct := containerTask(a.Task)
		if ct == "" {
			continue
		}
		for _, c := range containers(a.p) {
			for _, t := range []string{ct, doneTask[ct]} {
				x := b.add(&GraphAction{Rsc: c.id, Task: t, Pseudo: true, Runnable: a.Runnable, p: c})
				x.Runnable = x.Runnable || a.Runnable
				if c.kind == kGroup && (t == "start" && groupStays(c, b) || t == "stop") {
					x.Runnable = true
				}
				if c.kind == kClone && (t == "start" || t == "running") && groupStays(c, b) {
					x.Runnable = true // an instance stays active
				}
			}
		}
	}
	for _, a := range prims {
		if a.p == nil || a.p.kind != kPrimitive || a.Task != "start" && a.Task != "stop" || a.Runnable {
			continue
		}
		if g := a.p.parent; g != nil && g.kind == kGroup {
			for _, r := range b.get(g, doneTask[a.Task]) {
				r.Runnable = false
			}
		}
	}
	// Fencing comes before the stop of the containers it stops members of.
	for _, fs := range implied {
		if fs[1].p.class == "stonith" {
			continue
		}
		for _, c := range containers(fs[1].p) {
			b.edgeAll(fs[:1], b.get(c, "stop"))
		}
	}
	return prims
}

// notifications adds a clone's notifications (notify=true): for each of
// start, stop, promote, demote the clone runs, pre- and post-notification
// pseudo-actions around it and one notification for each instance that is
// active before (pre) or after (post); the post-notifications come before
// the instances' recurring monitors. A stop implied by fencing notifies
// after the fencing.
func (b *graphBuilder) notifications(c *resource, implied [][2]*GraphAction) {
	pseudo := func(task string, runnable bool) *GraphAction {
		return b.add(&GraphAction{Rsc: c.id, Task: task, Pseudo: true, Runnable: runnable, p: c, notify: true})
	}
	insts := c.primitives(nil)
	has := func(q *resource, task string) bool { return len(b.get(q, task)) > 0 }
	runnable := func(q *resource, task string) bool {
		for _, a := range b.get(q, task) {
			if a.Runnable {
				return true
			}
		}
		return false
	}
	type set struct{ pre, preDone, post, postDone *GraphAction }
	sets := map[string]*set{}
	// One notification per instance, node, kind and operation: the
	// fencing's and the stop's post-notifications are one action, named
	// by whichever came first.
	made := map[string]*GraphAction{}
	instNotifyAs := func(q *resource, node, kind, op, task string, from, to *GraphAction) {
		if from == nil || to == nil || !from.Runnable {
			return
		}
		n := b.w.byName[node]
		if n == nil || !n.online {
			return
		}
		k := fmt.Sprintf("%p %s %s %s", q, node, kind, op)
		a := made[k]
		if a == nil {
			a = b.add(&GraphAction{Rsc: b.name(q), Task: kind + "_notify_" + task, Node: node, Runnable: true, notify: true})
			made[k] = a
		}
		b.edge(from, a)
		b.edge(a, to)
	}
	postMonitors := func(q *resource, done *GraphAction) {
		for _, m := range b.get(q, "monitor") {
			if m.Interval > 0 {
				b.edge(done, m)
			}
		}
	}
	// Stops implied by fencing: the other instances are told after it,
	// through pseudo-actions of the fenced instance's.
	for _, fs := range implied {
		q := fs[1].p
		if q == nil || q.cloneParent() != c {
			continue
		}
		post := b.add(&GraphAction{Rsc: b.name(q), Task: "post_notify_stonith", Pseudo: true, Runnable: true, notify: true})
		postDone := b.add(&GraphAction{Rsc: b.name(q), Task: "confirmed-post_notify_stonith", Pseudo: true, Runnable: true, notify: true})
		b.edge(fs[0], post)
		b.edge(post, postDone)
		for _, r := range insts {
			if has(r, "stop") && !(len(r.running) == 0 && len(r.lost) == 0) {
				continue
			}
			task := "stop"
			if b.cloneNamed(r) {
				task = "stonith"
			}
			for _, ss := range [][]*instState{r.running, r.lost} {
				for _, rs := range ss {
					instNotifyAs(r, rs.node.name, "post", "stop", task, post, postDone)
				}
			}
			if len(r.running)+len(r.lost) > 0 {
				postMonitors(r, postDone)
			}
		}
	}
	instNotify := func(q *resource, node, kind, op, task string, from, to *GraphAction) {
		instNotifyAs(q, node, kind, op, task, from, to)
	}
	for _, t := range []string{"start", "stop", "promote", "demote"} {
		open, done := b.get(c, t), b.get(c, doneTask[t])
		if len(open) == 0 || len(done) == 0 {
			continue
		}
		st := &set{
			pre:      pseudo("pre_notify_"+t, open[0].Runnable),
			preDone:  pseudo("confirmed-pre_notify_"+t, open[0].Runnable),
			post:     pseudo("post_notify_"+doneTask[t], done[0].Runnable),
			postDone: pseudo("confirmed-post_notify_"+doneTask[t], done[0].Runnable),
		}
		sets[t] = st
		b.edge(st.pre, st.preDone)
		b.edge(st.preDone, open[0])
		b.edge(done[0], st.post)
		b.edge(st.post, st.postDone)
		b.edge(st.preDone, st.post)
		any := false
		for _, q := range insts {
			any = any || runnable(q, t)
		}
		if !any && t != "stop" {
			continue
		}
		for _, q := range insts {
			named := b.cloneNamed(q)
			postTask := t
			if named {
				postTask = doneTask[t]
			}
			if t == "stop" || t == "demote" {
				stopPseudo := false
				for _, a := range b.get(q, "stop") {
					stopPseudo = stopPseudo || a.Pseudo
				}
				for _, ss := range [][]*instState{q.running, q.lost} {
					for _, rs := range ss {
						if stopPseudo && (rs.node.unclean || rs.node.fence) {
							continue
						}
						instNotify(q, rs.node.name, "pre", t, t, st.pre, st.preDone)
						if t == "demote" || !has(q, "stop") {
							instNotify(q, rs.node.name, "post", t, postTask, st.post, st.postDone)
							postMonitors(q, st.postDone)
						}
					}
				}
				continue
			}
			if q.assigned == nil || q.nextRole <= RoleStopped {
				continue
			}
			if t != "start" || !has(q, "start") {
				instNotify(q, q.assigned.name, "pre", t, t, st.pre, st.preDone)
			}
			instNotify(q, q.assigned.name, "post", t, postTask, st.post, st.postDone)
			postMonitors(q, st.postDone)
		}
	}
	link := func(from, to string) {
		if f, t := sets[from], sets[to]; f != nil && t != nil {
			b.edge(f.postDone, t.pre)
		}
	}
	link("stop", "start")
	if c.promotable {
		link("stop", "promote")
		link("start", "promote")
		link("demote", "promote")
		link("demote", "start")
		link("demote", "stop")
	}
}

// probeEdges adds Pacemaker's implied orderings of probes: where a
// primitive's stop is ordered before another action (its container's
// stopped, the previous group member's stop, a symmetrical ordering's
// reverse, an anti-colocated start on the same node), its probes are too,
// since a probe finding it active leads to that stop; and a probe comes
// before the stop of whatever restarts because what it probes starts.
func (b *graphBuilder) probeEdges(probes []*GraphAction) {
	for _, pr := range probes {
		p := pr.p
		if c := p.parent; c != nil && c.kind != kBundle {
			b.edgeAll([]*GraphAction{pr}, b.get(c, "stopped"))
			if c.kind == kClone && c.ordered {
				for i, ch := range c.children {
					if ch == p && i > 0 {
						b.edgeAll([]*GraphAction{pr}, b.thenOf(c.children[i-1], "stop"))
					}
				}
			}
			if c.kind == kGroup {
				for i, ch := range c.children {
					if last := lastActiveBefore(c, i); ch == p && last != nil {
						b.edgeAll([]*GraphAction{pr}, b.thenOf(last, "stop"))
					}
				}
			}
		}
		for _, o := range b.relsByFirst[p] {
			if o.firstTask != "stop" || o.then == p {
				continue
			}
			for _, t := range b.thenOf(o.then, o.thenTask) {
				if o.anti && t.Node != "" && t.Node != pr.Node {
					continue
				}
				b.edge(pr, t)
			}
		}
		// Restarts: what starts because p starts.
		for _, q := range b.w.startsAfter(p, b.startOrders) {
			if q == p {
				continue
			}
			il := q.cloneParent() != nil && q.cloneParent().interleave && p.cloneParent() != q.cloneParent()
			for _, st := range b.get(q, "stop") {
				if il && (p.assigned == nil || st.Node != p.assigned.name) {
					continue // interleaved: only the instance beside p's
				}
				if !st.Pseudo {
					b.edge(pr, st)
				}
			}
		}
	}
}

// startsAfter lists the primitives whose start a start of p implies:
// the next members of its group, what mandatory orderings start after it
// or after the containers it completes, and their members.
func (w *world) startsAfter(p *resource, startOrders map[*resource][]*ordering) []*resource {
	seen := map[*resource]bool{}
	var out []*resource
	var visit func(r *resource, running bool)
	visit = func(r *resource, running bool) {
		key := r
		if seen[key] && !running {
			return
		}
		if !running {
			seen[key] = true
			if r.kind == kPrimitive {
				out = append(out, r)
			} else {
				for _, ch := range r.children {
					visit(ch, false)
				}
			}
		}
		// What waits for r to be started.
		if par := r.parent; par != nil && par.kind == kGroup {
			for i, ch := range par.children {
				if ch == r && i+1 < len(par.children) {
					visit(par.children[i+1], false)
				}
			}
		}
		for _, o := range startOrders[r] {
			visit(o.then, false)
		}
		if par := r.parent; par != nil && (par.kind == kGroup || par.kind == kClone) && !seen[par] {
			seen[par] = true
			visit(par, true)
		}
	}
	visit(p, false)
	return out
}

// first returns the action of p that others wait for when they wait for
// p's task: a container's done pseudo-action, a primitive's action.
func (b *graphBuilder) firstOf(p *resource, task string) []*GraphAction {
	if p.kind == kPrimitive {
		out := b.get(p, task)
		if task == "start" {
			out = append(out, b.get(p, "migrate_from")...)
		}
		if task == "stop" {
			out = append(out, b.get(p, "migrate_to")...)
		}
		return out
	}
	if p.kind == kClone && model.IsTrue(p.meta["notify"]) {
		// A notifying clone is done when its post-notifications are.
		if out := b.get(p, "confirmed-post_notify_"+doneTask[task]); len(out) > 0 {
			return out
		}
	}
	return b.get(p, doneTask[task])
}

// thenOf returns the action of p that waits when p's task waits.
func (b *graphBuilder) thenOf(p *resource, task string) []*GraphAction {
	if p.kind == kPrimitive {
		out := b.get(p, task)
		if task == "start" {
			out = append(out, b.get(p, "migrate_to")...)
		}
		if task == "stop" {
			out = append(out, b.get(p, "migrate_to")...)
		}
		return out
	}
	return b.get(p, task)
}

func (b *graphBuilder) primitiveEdges(prims, fences, probes []*GraphAction) {
	for _, a := range prims {
		p := a.p
		if p == nil || p.kind != kPrimitive {
			continue
		}
		switch {
		case a.Task == "start":
			for _, f := range fences {
				b.edge(f, a)
			}
			for _, s := range b.get(p, "stop") {
				b.edge(s, a)
			}
		case a.Task == "stop":
			for _, d := range b.get(p, "demote") {
				b.edge(d, a)
			}
			if sd := b.g.byLabel["do_shutdown "+a.Node]; sd != nil && !a.Pseudo {
				b.edge(a, sd)
			}
		case a.Task == "promote":
			for _, s := range b.get(p, "start") {
				b.edge(s, a)
			}
			for _, d := range b.get(p, "demote") {
				b.edge(d, a)
			}
		case a.Task == "migrate_from":
			for _, s := range b.get(p, "migrate_to") {
				b.edge(s, a)
			}
		case a.Task == "monitor" && a.Interval > 0:
			tasks := []string{"start", "promote", "demote", "migrate_from"}
			if b.stoppedMonitor(a) {
				// A monitor for the Stopped role: after the stop, or
				// the probe, there.
				tasks = []string{"stop", "monitor"}
			}
			for _, t := range tasks {
				for _, s := range b.get(p, t) {
					if s.Node == a.Node && (s.Task != "monitor" || s.Interval == 0) {
						b.edge(s, a)
					}
				}
			}
		}
	}
	// Probes before the start of what they probe (a clone's start for
	// its instances), and before the start of what must not run with it
	// on the probed node.
	for _, pr := range probes {
		p := pr.p
		target := p
		if c := p.cloneParent(); c != nil {
			target = c
		}
		for _, s := range b.thenOf(target, "start") {
			b.edge(pr, s)
		}
	}
}

// containerEdges orders a group's and a clone's members between its
// pseudo-actions, and a group's members one after another.
func (b *graphBuilder) containerEdges() {
	var cs []*resource
	seen := map[*resource]bool{}
	for _, a := range b.g.Actions {
		if a.p != nil && a.p.kind != kPrimitive && !seen[a.p] {
			seen[a.p] = true
			cs = append(cs, a.p)
		}
	}
	for _, c := range cs {
		for _, task := range []string{"start", "stop", "promote", "demote"} {
			open, done := b.get(c, task), b.get(c, doneTask[task])
			if len(open) == 0 {
				continue
			}
			if task != "promote" && !(task == "demote" && c.kind == kGroup) {
				b.edgeAll(open, done)
			}
			for _, ch := range c.children {
				for _, a := range b.thenOf(ch, task) {
					if a.Node == "<none>" && len(b.get(ch, "stop")) == 0 {
						continue // a member that never ran: not started by its group
					}
					b.edge(open[0], a)
				}
				for _, a := range b.firstOf(ch, task) {
					b.edge(a, done[0])
				}
			}
		}
		b.edgeAll(b.get(c, "stopped"), b.get(c, "start"))
		b.edgeAll(b.get(c, "demoted"), b.get(c, "stop"))
		if c.kind == kClone {
			b.edgeAll(b.get(c, "running"), b.get(c, "promote"))
			b.edgeAll(b.get(c, "demoted"), b.get(c, "promote"))
		}
		if c.promotable {
			b.edgeAll(b.get(c, "stopped"), b.get(c, "promote"))
			b.edgeAll(b.get(c, "demoted"), b.get(c, "start"))
		}
		if c.kind == kClone && c.ordered {
			// An ordered clone: each instance after the previous one.
			for i := 1; i < len(c.children); i++ {
				b.edgeAll(b.firstOf(c.children[i-1], "start"), b.thenOf(c.children[i], "start"))
				b.edgeAll(b.firstOf(c.children[i], "stop"), b.thenOf(c.children[i-1], "stop"))
			}
		}
		if c.kind == kGroup {
			for i := 1; i < len(c.children); i++ {
				next := c.children[i]
				b.edgeAll(b.firstOf(c.children[i-1], "promote"), b.thenOf(next, "promote"))
				b.edgeAll(b.firstOf(next, "demote"), b.thenOf(c.children[i-1], "demote"))
				for _, f := range b.firstOf(c.children[i-1], "start") {
					for _, t := range b.thenOf(next, "start") {
						b.edge(f, t)
					}
				}
				// A member stops before the previous active one.
				if last := lastActiveBefore(c, i); last != nil {
					for _, f := range b.firstOf(next, "stop") {
						for _, t := range b.thenOf(last, "stop") {
							b.edge(f, t)
						}
					}
				}
			}
		}
	}
}

func (b *graphBuilder) edgeAll(from, to []*GraphAction) {
	for _, f := range from {
		for _, t := range to {
			b.edge(f, t)
		}
	}
}

// inverse is the task a symmetrical ordering's reverse applies to.
var inverse = map[string]string{"start": "stop", "stop": "start", "promote": "demote", "demote": "promote"}

// relation is one ordering between two resources' tasks: a user's
// ordering, its symmetrical reverse, or one an anti-colocation implies
// (applied only to actions on the same node).
type relation struct {
	first, then         *resource
	firstTask, thenTask string
	anti                bool
	// interleave: between two clones, each instance also waits for the
	// other clone's instance on its node.
	interleave bool
}

// relations lists the orderings constraints and anti-colocations make.
func (w *world) relations() []relation {
	var out []relation
	for _, o := range w.orders {
		fa, ta := strings.ToLower(o.firstAction), strings.ToLower(o.thenAction)
		il := o.first.kind == kClone && o.then.kind == kClone && o.then.interleave
		if o.requireAll || o.first.kind != kClone || o.firsts != nil {
			out = append(out, relation{first: o.first, then: o.then, firstTask: fa, thenTask: ta, interleave: il})
		} // else through a clone-one-or-more pseudo-action (orderEdges)
		if o.symmetrical {
			if ifa, ita := inverse[fa], inverse[ta]; ifa != "" && ita != "" {
				out = append(out, relation{first: o.then, then: o.first, firstTask: ita, thenTask: ifa, interleave: il})
			}
		}
	}
	anti := func(first *resource, fr Role, then *resource, tr Role) {
		fts := []string{"stop"}
		switch fr {
		case RolePromoted:
			fts = []string{"demote"}
		case RoleUnpromoted:
			fts = append(fts, "promote")
		}
		tts := []string{"start"}
		switch tr {
		case RolePromoted:
			tts = []string{"promote"}
		case RoleUnpromoted:
			tts = append(tts, "demote")
		}
		for _, ft := range fts {
			for _, tt := range tts {
				out = append(out, relation{first: first, then: then, firstTask: ft, thenTask: tt, anti: true})
			}
		}
	}
	for _, c := range w.colocs {
		if c.score > -Infinity {
			continue
		}
		anti(c.dependent, c.depRole, c.primary, c.primRole)
		anti(c.primary, c.primRole, c.dependent, c.depRole)
	}
	return out
}

// orderEdges adds the orderings between actions both in the graph.
func (b *graphBuilder) orderEdges() {
	// require-all=false after a clone: any instance's action lets the
	// then-action run, through a pseudo-action of the ordering's.
	for _, o := range b.w.orders {
		if o.requireAll || o.first.kind != kClone || o.firsts != nil {
			continue
		}
		fa, ta := strings.ToLower(o.firstAction), strings.ToLower(o.thenAction)
		thens := b.thenOf(o.then, ta)
		var firsts []*GraphAction
		for _, q := range o.first.primitives(nil) {
			firsts = append(firsts, b.firstOf(q, fa)...)
		}
		runnable := false
		for _, f := range firsts {
			runnable = runnable || f.Runnable
		}
		if len(thens) == 0 || !runnable {
			continue
		}
		one := b.add(&GraphAction{Rsc: "clone-one-or-more:" + o.id, Pseudo: true, Runnable: true, raw: true})
		for _, q := range o.first.primitives(nil) {
			b.edgeAll(b.firstOf(q, fa), []*GraphAction{one})
		}
		b.edgeAll([]*GraphAction{one}, thens)
	}
	for _, o := range b.rels {
		if o.interleave {
			b.interleaveEdges(o)
		}
		for _, f := range b.firstOf(o.first, o.firstTask) {
			for _, t := range b.thenOf(o.then, o.thenTask) {
				if o.anti && f.Node != "" && t.Node != "" && f.Node != t.Node {
					continue
				}
				b.edge(f, t)
			}
		}
	}
}

type graphProbe struct {
	p *resource
	n *node
}

// graphProbes lists the probes the transition runs, as world.probes
// words them for the text, with the instance and node.
func (w *world) graphProbes() []graphProbe {
	inCCM := map[string]bool{}
	if st := w.cluster.Status; st != nil {
		for _, ns := range st.Nodes {
			v := ns.Attrs.Value("in_ccm")
			inCCM[ns.Uname()] = v != "" && v != "false" && v != "0"
		}
	}
	var nodes []*node
	for _, n := range w.nodes {
		// A pending node (a member still joining) gets probes it cannot
		// run yet.
		if !n.remote && (n.online && !n.pending || n.pending && inCCM[n.name]) && !n.unclean && !n.fence {
			nodes = append(nodes, n)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return naturalLess(nodes[j].name, nodes[i].name) })
	var out []graphProbe
	for _, p := range w.displayPrims() {
		if p.bundle != nil || p.orphan {
			continue
		}
		c := p.cloneParent()
		if c == nil || c.unique {
			for _, n := range nodes {
				if !p.knownOn[n] {
					out = append(out, graphProbe{p, n})
				}
			}
		}
	}
	// Anonymous clones: on a node where no instance is known, the
	// instance going there is probed, else the first one. Any history of
	// the clone there counts, even one held by no instance.
	hist := map[string]map[string]bool{}
	if st := w.cluster.Status; st != nil {
		for _, ns := range st.Nodes {
			if ns.LRM == nil {
				continue
			}
			m := map[string]bool{}
			for _, lr := range ns.LRM.Resources {
				base, _, _ := strings.Cut(lr.ID(), ":")
				m[base] = true
			}
			hist[ns.Uname()] = m
		}
	}
	for _, c := range w.cloneList() {
		if c.unique || len(c.children) == 0 || c.children[0].bundle != nil {
			continue
		}
		for _, n := range nodes {
			known := false
			for _, q := range c.primitives(nil) {
				known = known || q.knownOn[n] || hist[n.name][q.baseID]
			}
			if known {
				continue
			}
			inst := c.children[0]
			for _, ch := range c.children {
				ps := ch.primitives(nil)
				if len(ps) > 0 && ps[0].assigned == n && ps[0].nextRole > RoleStopped {
					inst = ch
					break
				}
			}
			for _, q := range inst.primitives(nil) {
				if !q.orphan {
					out = append(out, graphProbe{q, n})
				}
			}
		}
	}
	return out
}

// stoppedMonitor reports a recurring monitor for the Stopped role.
func (b *graphBuilder) stoppedMonitor(a *GraphAction) bool {
	p := a.p
	if p == nil || p.prim == nil || p.prim.Operations == nil {
		return false
	}
	for _, op := range p.prim.Operations.Ops {
		if op.Name == "monitor" && int(parseDurationMS(op.Interval)) == a.Interval {
			return parseRole(op.Role) == RoleStopped
		}
	}
	return false
}

// histName is what the status history calls a clone instance.
type histName struct {
	id string
	// cloneName: the history id differs from the instance Pacemaker
	// hands the entry to, so Pacemaker keeps it as the instance's clone
	// name (and keys its notifications by the completed task).
	cloneName bool
}

// historyNamedInstances finds the anonymous clone instances that take a
// history entry, as Pacemaker hands them out while it reads the status in
// document order: the instance active on that node, else the first one
// not active anywhere yet. Pacemaker then calls their actions by the
// history's id.
func (w *world) historyNamedInstances() map[*resource]histName {
	named := map[*resource]histName{}
	st := w.cluster.Status
	if st == nil {
		return named
	}
	insts := map[string][]*resource{}
	for _, p := range w.allPrims {
		if c := p.cloneParent(); c != nil && !c.unique && p.replicaKey == "" && p.bundle == nil {
			insts[p.baseID] = append(insts[p.baseID], p)
		}
	}
	active := map[*resource]bool{}
	internal := map[string]map[int]bool{}
	runsOn := func(p *resource, n string) bool {
		for _, ss := range [][]*instState{p.running, p.lost} {
			for _, s := range ss {
				if s.node.name == n {
					return true
				}
			}
		}
		return false
	}
	for _, ns := range st.Nodes {
		if ns.LRM == nil {
			continue
		}
		for _, lr := range ns.LRM.Resources {
			h := lr.ID()
			base, _, _ := strings.Cut(h, ":")
			cands := insts[base]
			if len(cands) == 0 {
				continue
			}
			var inst *resource
			for _, p := range cands {
				if runsOn(p, ns.Uname()) && (h == base || p.id == h) {
					inst = p
					break
				}
			}
			isActive := inst != nil
			if !isActive && h != base {
				continue // numbered and inactive: no name taken
			}
			if isActive {
				active[inst] = true
			} else {
				for _, p := range cands {
					if !active[p] {
						inst = p
						break
					}
				}
			}
			if internal[base] == nil {
				internal[base] = map[int]bool{}
			}
			idx := 0
			for internal[base][idx] {
				idx++
			}
			if isActive {
				internal[base][idx] = true
			}
			if inst != nil {
				named[inst] = histName{id: h, cloneName: h != fmt.Sprintf("%s:%d", base, idx)}
			}
		}
	}
	return named
}

// lastActiveBefore is the member of group g before the i-th that is
// active, whose stop the i-th member's stop precedes.
func lastActiveBefore(g *resource, i int) *resource {
	for j := i - 1; j >= 0; j-- {
		for _, q := range g.children[j].primitives(nil) {
			if len(q.running) > 0 || len(q.lost) > 0 {
				return g.children[j]
			}
		}
	}
	return nil
}

// cloneList lists the clones, in document order.
func (w *world) cloneList() []*resource {
	var out []*resource
	for _, r := range w.rscs {
		markTree(r, func(x *resource) {
			if x.kind == kClone {
				out = append(out, x)
			}
		})
	}
	return out
}

// recurringMonitors lists the intervals of p's recurring monitors for a
// role (a monitor without a role is for Started and Unpromoted).
func recurringMonitors(p *resource, role Role) []int {
	if p.prim == nil || p.prim.Operations == nil {
		return nil
	}
	var out []int
	for _, op := range p.prim.Operations.Ops {
		iv := int(parseDurationMS(op.Interval))
		if op.Name != "monitor" || iv <= 0 {
			continue
		}
		r := parseRole(op.Role)
		if r == role || r == RoleUnknown && (role == RoleStarted || role == RoleUnpromoted) {
			out = append(out, iv)
		}
	}
	return out
}

// skipMonitor reports a recurring monitor the transition does not
// schedule: one the history already holds where the resource keeps
// running (an operation with the same key, whatever its role), or one for
// a role other than Promoted where the resource will be promoted.
func (b *graphBuilder) skipMonitor(p *resource, s step) bool {
	n := b.w.byName[s.node]
	if p.prim != nil && p.prim.Operations != nil {
		count := 0
		for _, op := range p.prim.Operations.Ops {
			if op.Name != "monitor" || int(parseDurationMS(op.Interval)) != s.interval {
				continue
			}
			count++
			// role=Started names no role of a promotable clone's.
			if c := p.cloneParent(); c != nil && c.promotable && parseRole(op.Role) == RoleStarted {
				return true
			}
		}
		if count > 1 {
			return true // two monitors with one key: Pacemaker runs neither
		}
	}
	starts := false
	for _, t := range []string{"start", "migrate_from", "promote", "demote"} {
		for _, a := range b.get(p, t) {
			starts = starts || a.Node == s.node
		}
	}
	if !starts && n != nil && p.monitorsOn[n][s.interval] {
		return true
	}
	if p.nextRole == RolePromoted && p.assigned == n {
		for _, iv := range recurringMonitors(p, RolePromoted) {
			if iv == s.interval {
				return false
			}
		}
		return true
	}
	return false
}

// interleaveEdges orders each instance of an interleaved clone after the
// other clone's instance on the same node (the first one there).
func (b *graphBuilder) interleaveEdges(o relation) {
	on := func(r *resource, task, node string) bool {
		for _, q := range r.primitives(nil) {
			switch task {
			case "stop", "demote":
				for _, ss := range [][]*instState{q.running, q.lost} {
					for _, st := range ss {
						if st.node.name == node {
							return true
						}
					}
				}
			default:
				if q.assigned != nil && q.assigned.name == node && q.nextRole > RoleStopped {
					return true
				}
			}
		}
		return false
	}
	for _, t := range o.then.children {
		for _, ta := range b.thenOf(t, o.thenTask) {
			node := ta.Node
			if node == "" {
				// A group instance: where its members act.
				for _, q := range t.primitives(nil) {
					for _, x := range b.thenOf(q, o.thenTask) {
						node = x.Node
					}
				}
			}
			if node == "" {
				continue
			}
			for _, f := range o.first.children {
				if !on(f, o.firstTask, node) {
					continue
				}
				b.edgeAll(b.firstOf(f, o.firstTask), []*GraphAction{ta})
				break
			}
		}
	}
}

// noneStarts adds the unrunnable start on no node ("<none>") Pacemaker
// keeps for a resource that has no start but must have one: a primitive
// that stops while an ordering waits for its start, and a group member
// that cannot run (or stops without being disabled) while its group
// starts.
func (b *graphBuilder) noneStarts() {
	none := func(q *resource) {
		if len(b.get(q, "start")) == 0 && len(b.get(q, "migrate_from")) == 0 {
			b.add(&GraphAction{Rsc: b.name(q), Task: "start", Node: "<none>", p: q})
		}
	}
	for _, q := range b.w.allPrims {
		if len(b.get(q, "stop")) == 0 || q.assigned != nil && q.nextRole > RoleStopped || !q.managed {
			continue
		}
		if c := q.cloneParent(); c != nil && !c.unique {
			for _, o := range b.w.orders {
				if o.first == c && !o.requireAll && strings.EqualFold(o.firstAction, "start") {
					none(q)
				}
			}
		}
	}
	for _, q := range b.w.allPrims {
		if q.parent != nil || len(b.get(q, "stop")) == 0 {
			continue
		}
		for _, o := range b.rels {
			if o.first == q && o.firstTask == "start" && !o.anti {
				none(q)
				break
			}
		}
	}
	for _, r := range b.w.rscs {
		markTree(r, func(g *resource) {
			if g.kind != kGroup || g.cloneParent() != nil {
				return
			}
			starts, stays := false, false
			for _, m := range g.children {
				starts = starts || len(b.get(m, "start")) > 0
				stays = stays || m.kind == kPrimitive && len(m.running) > 0 && m.assigned != nil && m.nextRole > RoleStopped && len(b.get(m, "stop")) == 0
			}
			prevGone := false
			for _, m := range g.children {
				placed := m.assigned != nil && m.nextRole > RoleStopped
				if m.kind != kPrimitive || !m.managed || placed {
					continue
				}
				stopping := len(b.get(m, "stop")) > 0
				if starts && !stopping || stopping && stays && prevGone && m.targetRole != RoleStopped {
					none(m)
				}
				prevGone = true
			}
		})
	}
}

// groupStays reports a group member that keeps running where it is.
func groupStays(g *resource, b *graphBuilder) bool {
	for _, m := range g.children {
		if m.kind == kPrimitive && len(m.running) > 0 && m.assigned != nil && m.nextRole > RoleStopped && len(b.get(m, "stop")) == 0 {
			return true
		}
	}
	return false
}

// blockedContainerStarts adds the unrunnable start pseudo-action of an
// active group or clone a mandatory ordering makes wait for what cannot
// happen (its first neither runs nor reaches the role afterwards).
func (b *graphBuilder) blockedContainerStarts() {
	for _, o := range b.w.orders {
		t := o.then
		if t.kind != kGroup && t.kind != kClone || !strings.EqualFold(o.kind, "mandatory") || !strings.EqualFold(o.thenAction, "start") {
			continue
		}
		if len(b.get(t, "start")) > 0 {
			continue
		}
		active, managed := false, true
		for _, q := range t.primitives(nil) {
			active = active || len(q.running) > 0
			managed = managed && q.managed
		}
		if !active || !managed || !groupStays(t, b) {
			continue
		}
		want := RoleStarted
		if strings.EqualFold(o.firstAction, "promote") {
			want = RolePromoted
		} else if !strings.EqualFold(o.firstAction, "start") {
			continue
		}
		reached := false
		for _, q := range o.first.primitives(nil) {
			if q.assigned != nil && (q.nextRole == want || want == RoleStarted && q.nextRole > RoleStopped) {
				reached = true
			}
		}
		if !reached {
			b.add(&GraphAction{Rsc: t.id, Task: "start", Pseudo: true, p: t})
		}
	}
}

// firstByKey is the first primitive with a placement key.
func (b *graphBuilder) firstByKey(k string) *resource {
	if b.byKey == nil {
		b.byKey = map[string][]*resource{}
		for _, q := range b.w.allPrims {
			b.byKey[key(q)] = append(b.byKey[key(q)], q)
		}
	}
	if qs := b.byKey[k]; len(qs) > 0 {
		return qs[0]
	}
	return nil
}

// interleaveNoneStarts adds, for an interleaved clone ordered after
// another, the unrunnable start on no node of each instance that goes
// nowhere, after the other clone's instances starting where it has no
// instance (Pacemaker finds such an instance no partner).
func (b *graphBuilder) interleaveNoneStarts() {
	for _, o := range b.w.orders {
		f, t := o.first, o.then
		if f.kind != kClone || t.kind != kClone || !t.interleave || !o.requireAll || !strings.EqualFold(o.firstAction, "start") || !strings.EqualFold(o.thenAction, "start") {
			continue
		}
		taken := map[string]bool{}
		for _, q := range t.primitives(nil) {
			if q.assigned != nil && q.nextRole > RoleStopped {
				taken[q.assigned.name] = true
			}
		}
		var lone []*GraphAction
		for _, q := range f.primitives(nil) {
			for _, a := range b.get(q, "start") {
				if a.Runnable && !taken[a.Node] {
					lone = append(lone, a)
				}
			}
		}
		if len(lone) == 0 {
			continue
		}
		for _, q := range t.children {
			if q.kind != kPrimitive || !q.managed || q.assigned != nil && q.nextRole > RoleStopped || len(b.get(q, "start")) > 0 {
				continue
			}
			a := b.add(&GraphAction{Rsc: b.name(q), Task: "start", Node: "<none>", p: q})
			b.edgeAll(lone, []*GraphAction{a})
		}
	}
}

// bundleHistory reports history named after a bundle's generated
// resources.
func (w *world) bundleHistory(id string) bool {
	for _, r := range w.rscs {
		if r.bundle != nil && strings.HasPrefix(id, r.id+"-") {
			return true
		}
	}
	return false
}
