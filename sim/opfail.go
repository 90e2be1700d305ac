package sim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// FailedOp is an operation that --op-fail made fail while the transition
// ran it.
type FailedOp struct {
	Resource  string `json:"resource"`
	Operation string `json:"operation"`
	Interval  int    `json:"interval"`
	Node      string `json:"node"`
	RC        int    `json:"rc"`
}

// step is one executed action of the transition, in execution order.
type step struct {
	task     string // fence, stop, start, promote, demote, migrate_to, migrate_from, monitor
	key      string // placement key ("" for fencing)
	name     string // what the text calls it (a clone instance's id)
	p        *resource
	node     string
	interval int
	role     Role // the role the action leaves
}

func (s step) text() string {
	switch s.task {
	case "fence":
		return fmt.Sprintf("Fencing %s (reboot)", s.node)
	}
	name := s.key
	if s.name != "" {
		name = s.name
	}
	if s.task == "monitor" {
		return fmt.Sprintf("Resource action: %-15s monitor=%d on %s", name, s.interval, s.node)
	}
	return fmt.Sprintf("Resource action: %-15s %s on %s", name, s.task, s.node)
}

// executionSteps orders the transition's actions as crm_simulate runs
// them, approximately: fencing, then demotions and stops (last resource
// first), then starts and migrations (document order), promotions, and the
// recurring monitors of what started or was promoted.
func (r *Result) executionSteps() []step {
	w := r.w
	prim := map[string]*resource{}
	order := map[string]int{}
	for i, p := range w.displayPrims() {
		k := key(p)
		if _, ok := prim[k]; !ok {
			prim[k], order[k] = p, i
		}
	}
	promotable := func(k string) bool {
		if p := prim[k]; p != nil {
			if c := p.cloneParent(); c != nil {
				return c.promotable
			}
		}
		return false
	}
	var fences, stops, starts, promotes, monitors []step
	started := func(k, n string, role Role) {
		starts = append(starts, step{task: "start", key: k, p: prim[k], node: n, role: role})
	}
	for _, a := range r.Actions {
		if a.Blocked {
			continue
		}
		n, to := deref(a.Node), deref(a.ToNode)
		if a.Resource == nil {
			if strings.HasPrefix(a.Action, "Fence") {
				fences = append(fences, step{task: "fence", node: n})
			}
			continue
		}
		k := deref(a.Resource)
		base := RoleStarted
		if promotable(k) {
			base = RoleUnpromoted
		}
		from := parseRole(deref(a.Role))
		if from == RoleUnknown {
			from = base
		}
		toRole := parseRole(deref(a.ToRole))
		ns, nst, np := len(stops), len(starts), len(promotes)
		switch a.Action {
		case "Start":
			started(k, n, base)
		case "Stop":
			if from == RolePromoted {
				stops = append(stops, step{task: "demote", key: k, p: prim[k], node: n, role: RoleUnpromoted})
			}
			stops = append(stops, step{task: "stop", key: k, p: prim[k], node: n, role: RoleStopped})
		case "Migrate":
			stops = append(stops, step{task: "migrate_to", key: k, p: prim[k], node: n, role: RoleStopped})
			starts = append(starts, step{task: "migrate_from", key: k, p: prim[k], node: to, role: base})
		case "Move", "Recover", "Restart":
			if to == "" {
				to = n
			}
			if from == RolePromoted {
				stops = append(stops, step{task: "demote", key: k, p: prim[k], node: n, role: RoleUnpromoted})
			}
			stops = append(stops, step{task: "stop", key: k, p: prim[k], node: n, role: RoleStopped})
			started(k, to, base)
			if toRole == RolePromoted || toRole == RoleUnknown && from == RolePromoted {
				promotes = append(promotes, step{task: "promote", key: k, p: prim[k], node: to, role: RolePromoted})
			}
		case "Promote":
			if from == RoleStopped {
				started(k, n, base)
			}
			promotes = append(promotes, step{task: "promote", key: k, p: prim[k], node: n, role: RolePromoted})
		case "Demote":
			stops = append(stops, step{task: "demote", key: k, p: prim[k], node: n, role: RoleUnpromoted})
		case "Re-promote":
			stops = append(stops, step{task: "demote", key: k, p: prim[k], node: n, role: RoleUnpromoted})
			promotes = append(promotes, step{task: "promote", key: k, p: prim[k], node: n, role: RolePromoted})
		}
		if name := a.inst; name != "" {
			if p := prim[k]; p != nil && w.historyNames()[p.baseID] {
				// crm_simulate names an anonymous instance as the
				// status history does.
				if c := p.cloneParent(); c != nil && !c.unique {
					name = p.baseID
				}
			}
			for _, ss := range [][]step{stops[ns:], starts[nst:], promotes[np:]} {
				for i := range ss {
					ss[i].name = name
				}
			}
		}
	}
	byOrder := func(ss []step, rev bool) {
		sort.SliceStable(ss, func(i, j int) bool {
			a, b := order[ss[i].key], order[ss[j].key]
			if rev {
				return a > b
			}
			return a < b
		})
	}
	byOrder(stops, true)
	byOrder(starts, false)
	byOrder(promotes, false)
	// What stays where it runs gets the recurring monitors its history
	// lacks (after maintenance, or a monitor added to the configuration).
	moving := map[*resource]bool{}
	for _, ss := range [][]step{stops, starts, promotes} {
		for _, s := range ss {
			moving[s.p] = true
		}
	}
	var stay []step
	for _, p := range w.displayPrims() {
		if !p.managed || moving[p] || p.assigned == nil || p.nextRole <= RoleStopped || p.bundle != nil {
			continue
		}
		if len(p.running) != 1 || p.running[0].node != p.assigned || p.running[0].failed || p.running[0].role != p.nextRole {
			continue
		}
		stay = append(stay, step{task: "start", key: key(p), p: p, node: p.assigned.name, role: p.nextRole, name: p.id})
	}
	for _, s := range append(append(append([]step(nil), starts...), promotes...), stay...) {
		if s.p == nil || s.p.prim == nil || s.p.prim.Operations == nil {
			continue
		}
		for _, op := range s.p.prim.Operations.Ops {
			iv := int(parseDurationMS(op.Interval))
			if op.Name != "monitor" || iv <= 0 {
				continue
			}
			role := parseRole(op.Role)
			if role == RoleUnknown {
				role = RoleStarted
				if s.role == RoleUnpromoted {
					role = RoleUnpromoted
				}
			}
			if role != s.role && !(role == RoleStarted && s.role == RoleUnpromoted) {
				continue
			}
			if s.task == "start" && s.p.monitorsOn[w.byName[s.node]][iv] && !moving[s.p] {
				continue // already recurring there
			}
			monitors = append(monitors, step{task: "monitor", key: s.key, name: s.name, p: s.p, node: s.node, interval: iv, role: s.role})
		}
	}
	// Monitors for the Stopped role run on every node the resource will
	// not run on, where the history lacks them.
	var nodes []*node
	for _, n := range w.nodes {
		if !n.remote && n.online && !n.unclean && !n.pending && !n.fence {
			nodes = append(nodes, n)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return naturalLess(nodes[j].name, nodes[i].name) })
	var stoppedMons []step
	for _, p := range w.displayPrims() {
		if !p.managed || p.bundle != nil || p.prim == nil || p.prim.Operations == nil || p.cloneParent() != nil {
			continue
		}
		for _, op := range p.prim.Operations.Ops {
			iv := int(parseDurationMS(op.Interval))
			if op.Name != "monitor" || iv <= 0 || parseRole(op.Role) != RoleStopped {
				continue
			}
			for _, n := range nodes {
				if p.assigned == n && p.nextRole > RoleStopped || p.monitorsOn[n][iv] {
					continue
				}
				stoppedMons = append(stoppedMons, step{task: "monitor", key: key(p), p: p, node: n.name, interval: iv, role: RoleStopped})
			}
		}
	}
	fenced := map[string]bool{}
	for _, f := range fences {
		fenced[f.node] = true
	}
	var out []step
	for _, ss := range [][]step{fences, stops, stoppedMons, starts, promotes, monitors} {
		for _, s := range ss {
			if (s.task == "stop" || s.task == "demote") && fenced[s.node] {
				continue // implied by fencing the node
			}
			out = append(out, s)
		}
	}
	return out
}

type opFailSpec struct {
	rsc, base, task string
	interval        int
	node            string
	rc              int
}

// applyOpFail runs the transition's actions in order until one matches an
// --op-fail spec: that action fails with the given result and the
// transition stops there, as crm_simulate's -F does (it aborts the graph).
// The placement becomes the state the executed actions leave; the summary
// stays the planned transition.
func (r *Result) applyOpFail(specs []opFailSpec) {
	steps := r.w.runOrder(r.executionSteps())
	fail := -1
	var spec opFailSpec
	for i, s := range steps {
		if s.task == "fence" {
			continue
		}
		for _, f := range specs {
			name := f.rsc
			if !strings.EqualFold(name, s.key) && !(s.p != nil && strings.EqualFold(name, s.p.baseID)) {
				continue
			}
			if f.task == s.task && f.interval == s.interval && f.node == s.node {
				fail, spec = i, f
				break
			}
		}
		if fail >= 0 {
			break
		}
	}
	r.executed = steps
	if fail < 0 {
		for _, f := range specs {
			r.Notes = append(r.Notes, fmt.Sprintf("--op-fail %s_%s_%d@%s: the transition runs no such action; nothing failed",
				f.rsc, f.task, f.interval, f.node))
		}
		return
	}
	failed := steps[fail]
	r.executed = steps[:fail+1]
	r.FailedOps = append(r.FailedOps, FailedOp{Resource: failed.key, Operation: failed.task, Interval: failed.interval,
		Node: failed.node, RC: spec.rc})
	r.Placement = r.w.executedPlacement(steps[:fail], failed)
}

// execInst is one resource instance's state on a node as the executed
// steps left it.
type execInst struct {
	key, node string
	role      Role
	failed    bool
}

// executedPlacement is the state the cluster is in after the given steps
// ran and the failed one failed: the state before the transition, changed
// by each executed step.
func (w *world) executedPlacement(done []step, failed step) Placement {
	insts, fenced := w.executedInsts(done, failed)
	pl := Placement{Nodes: map[string]string{}, Resources: map[string]map[string][]string{}}
	for _, n := range w.nodes {
		st, ok := w.finalNodeState(n)
		if !ok {
			continue
		}
		if n.fence && !fenced[n.name] {
			st = "unclean-offline"
			if n.online {
				st = "unclean-online"
			}
		}
		pl.Nodes[n.name] = st
	}
	if failed.task == "stop" && w.stonith && w.haveDevice {
		// A failed stop with fencing enabled makes its node unclean.
		pl.Nodes[failed.node] = "unclean-online"
	}
	for _, i := range insts {
		if i.role == RoleStopped || i.role == RoleUnknown {
			continue
		}
		role := i.role.String()
		if i.failed {
			role = "FAILED"
			if i.role == RolePromoted || i.role == RoleUnpromoted {
				role = "FAILED " + i.role.String()
			}
		}
		m := pl.Resources[i.key]
		if m == nil {
			m = map[string][]string{}
			pl.Resources[i.key] = m
		}
		m[role] = append(m[role], i.node)
	}
	for _, m := range pl.Resources {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	return pl
}

// executedInsts replays the executed steps and the failed one on the
// instances running before the transition; it also returns the nodes
// fenced.
func (w *world) executedInsts(done []step, failed step) ([]*execInst, map[string]bool) {
	var insts []*execInst
	for _, p := range w.allPrims {
		for _, ss := range [][]*instState{p.running, p.lost} {
			for _, s := range ss {
				insts = append(insts, &execInst{key: key(p), node: s.node.name, role: s.role, failed: s.failed})
			}
		}
	}
	find := func(k, n string) *execInst {
		for _, i := range insts {
			if i.key == k && i.node == n && i.role != RoleStopped {
				return i
			}
		}
		return nil
	}
	fenced := map[string]bool{}
	apply := func(s step, failedNow bool) {
		switch s.task {
		case "fence":
			fenced[s.node] = true
			for _, i := range insts {
				if i.node == s.node {
					i.role = RoleStopped
				}
			}
			return
		case "start", "migrate_from":
			i := find(s.key, s.node)
			if i == nil {
				i = &execInst{key: s.key, node: s.node}
				insts = append(insts, i)
			}
			i.role, i.failed = s.role, failedNow
			return
		}
		i := find(s.key, s.node)
		if i == nil {
			return
		}
		switch {
		case failedNow:
			i.failed = true
		case s.task == "stop" || s.task == "migrate_to":
			i.role = RoleStopped
		case s.task == "promote" || s.task == "demote":
			i.role, i.failed = s.role, false
		}
	}
	for _, s := range done {
		apply(s, false)
	}
	apply(failed, true)
	return insts, fenced
}

// historyNames are the resource ids the status history holds.
func (w *world) historyNames() map[string]bool {
	if w.histNames != nil {
		return w.histNames
	}
	w.histNames = map[string]bool{}
	if st := w.cluster.Status; st != nil {
		for _, ns := range st.Nodes {
			if ns.LRM == nil {
				continue
			}
			for _, lr := range ns.LRM.Resources {
				w.histNames[lr.ID()] = true
			}
		}
	}
	return w.histNames
}

// runOrder sorts steps the way crm_simulate's graph runs them: in passes,
// each action in the first pass after everything it waits for, and within
// a pass in resource order. An action waits for: fencing (starts and
// promotions), its own resource's demote (stop) and stop (start), the start
// of what it is ordered after (group members, mandatory orders) and, for a
// stop, the stop of what is ordered after it, its start (promotion,
// monitors) and its promotion (monitors).
func (w *world) runOrder(steps []step) []step {
	idx := w.displayIndex()
	before := map[*resource][]*resource{} // then -> firsts (starts)
	for _, r := range w.rscs {
		markTree(r, func(g *resource) {
			if g.kind == kGroup {
				for i := 1; i < len(g.children); i++ {
					for _, t := range g.children[i].primitives(nil) {
						before[t] = append(before[t], g.children[i-1].primitives(nil)...)
					}
				}
			}
		})
	}
	afterPromote := map[*resource][]*resource{} // then -> firsts (promotions)
	// then -> firsts of an order whose then is a clone: its instances wait
	// for the clone's start pseudo-action, which the graph lists after
	// them, so they start a pass after the first.
	viaClone := map[*resource][]*resource{}
	for _, o := range w.orders {
		if strings.EqualFold(o.kind, "serialize") || o.thenAction != "start" {
			continue
		}
		for _, t := range o.then.primitives(nil) {
			switch o.firstAction {
			case "start":
				before[t] = append(before[t], o.first.primitives(nil)...)
				if o.then.kind == kClone {
					viaClone[t] = append(viaClone[t], o.first.primitives(nil)...)
				}
			case "promote":
				afterPromote[t] = append(afterPromote[t], o.first.primitives(nil)...)
			}
		}
	}
	afterIt := map[*resource][]*resource{} // first -> thens: stop thens first
	for t, fs := range before {
		for _, f := range fs {
			afterIt[f] = append(afterIt[f], t)
		}
	}
	fencing := false
	for _, s := range steps {
		fencing = fencing || s.task == "fence"
	}
	find := func(p *resource, tasks ...string) []int {
		var out []int
		for i, s := range steps {
			if s.p != p {
				continue
			}
			for _, t := range tasks {
				if s.task == t {
					out = append(out, i)
				}
			}
		}
		return out
	}
	// What each step waits for.
	deps := make([][]int, len(steps))
	strict := make([][]int, len(steps)) // done in an earlier pass
	for i, s := range steps {
		after := func(js []int) { deps[i] = append(deps[i], js...) }
		if s.task == "start" || s.task == "migrate_from" {
			for _, f := range viaClone[s.p] {
				strict[i] = append(strict[i], find(f, "start", "migrate_from")...)
			}
		}
		switch s.task {
		case "stop", "migrate_to":
			after(find(s.p, "demote"))
			for _, t := range afterIt[s.p] {
				after(find(t, "stop", "migrate_to"))
			}
		case "start", "migrate_from":
			after(find(s.p, "stop", "migrate_to"))
			for _, f := range before[s.p] {
				after(find(f, "start", "migrate_from"))
			}
			for _, f := range afterPromote[s.p] {
				after(find(f, "promote"))
			}
		case "promote":
			after(find(s.p, "start", "migrate_from"))
		case "monitor":
			if s.role == RoleStopped {
				after(find(s.p, "stop", "migrate_to"))
			} else {
				after(find(s.p, "start", "migrate_from", "promote"))
			}
		}
	}
	// The graph's order: fencing, then resource by resource; within a
	// resource the graph lists the monitors, promotions, starts, then
	// demotions and stops.
	taskRank := map[string]int{"monitor": 0, "promote": 1, "start": 2, "migrate_from": 2, "demote": 3, "stop": 4, "migrate_to": 4}
	rank := func(s step) int {
		if s.task == "fence" {
			return -1
		}
		return idx[s.key]
	}
	ord := make([]int, len(steps))
	for i := range ord {
		ord[i] = i
	}
	sort.SliceStable(ord, func(a, b int) bool {
		si, sj := steps[ord[a]], steps[ord[b]]
		if ri, rj := rank(si), rank(sj); ri != rj {
			return ri < rj
		}
		if ii, ij := instanceNumber(si.name), instanceNumber(sj.name); ii != ij {
			return ii < ij // a clone's instances in turn
		}
		return taskRank[si.task] < taskRank[sj.task]
	})
	// crm_simulate runs the graph in passes: each pass fires, in the
	// graph's order, every action whose inputs are done, and an action
	// completes as it fires, so one that a later action waits for lets it
	// run in the same pass. Starts and promotions wait for the pass after
	// fencing.
	pass := make([]int, len(steps)) // 0: not run yet
	out := make([]step, 0, len(steps))
	for n := 1; len(out) < len(steps); n++ {
		fired := false
		for _, i := range ord {
			if pass[i] != 0 {
				continue
			}
			s := steps[i]
			if fencing && n == 1 && (s.task == "start" || s.task == "migrate_from" || s.task == "promote") {
				continue
			}
			ready := true
			for _, j := range deps[i] {
				ready = ready && pass[j] != 0
			}
			for _, j := range strict[i] {
				ready = ready && pass[j] != 0 && pass[j] < n
			}
			if ready {
				pass[i], fired = n, true
				out = append(out, s)
			}
		}
		if !fired && !(fencing && n == 1) {
			// A cycle: run the rest in the graph's order.
			for _, i := range ord {
				if pass[i] == 0 {
					pass[i] = n
					out = append(out, steps[i])
				}
			}
		}
	}
	return out
}

// instanceNumber is the number of a clone instance's name (pr:2), or -1.
func instanceNumber(name string) int {
	i := strings.LastIndexByte(name, ':')
	if i < 0 {
		return -1
	}
	n, err := strconv.Atoi(name[i+1:])
	if err != nil {
		return -1
	}
	return n
}
