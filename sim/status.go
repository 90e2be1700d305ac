package sim

import (
	"sort"
	"strconv"
	"strings"

	"hakit/model"
)

// stateName is the node a node_state is about: its uname, or the
// configured node with its id when it has none (a node that has not yet
// said its name).
func (w *world) stateName(ns *model.NodeState) string {
	if u := ns.Uname(); u != "" {
		return u
	}
	if id := ns.ID(); id != "" {
		for _, n := range w.nodes {
			if n.configured && n.id == id {
				return n.name
			}
		}
	}
	return ""
}

// pendingTooLong reports a node that has been in the membership without
// joining for longer than node-pending-timeout (Pacemaker 2.1.7 and later;
// 2.1.5 knows no such option and aborts on such a node_state): it is
// fenced. in_ccm holds the time it became a member (true counts as the
// epoch's first second).
func (w *world) pendingTooLong(ns *model.NodeState, inCCM, crmdOn bool, join string) bool {
	timeout := parseDurationMS(w.opt("node-pending-timeout", "0")) / 1000
	if timeout <= 0 || !inCCM || crmdOn && join == "member" {
		return false
	}
	since := int64(parseInt(ns.Attrs.Value("in_ccm"), 0))
	if since <= 0 {
		since = 1
	}
	return w.nowTime().Unix() >= since+timeout
}

// unpackNodes reads node_state elements into node flags.
func (w *world) unpackNodes() {
	st := w.cluster.Status
	states := map[string]*model.NodeState{}
	if st != nil {
		for _, ns := range st.Nodes {
			name := w.stateName(ns)
			if name == "" {
				continue
			}
			states[name] = ns
			if _, ok := w.byName[name]; !ok {
				// A node_state without a configured node: crm_simulate adds it.
				n := w.addNode(name, ns.ID())
				// Remote by its node_state, or because history names
				// a remote connection after it (an orphaned one).
				n.remote = ns.Attrs.Value("remote_node") == "true" || w.hasConnHistory(name)
			}
		}
	}
	sort.SliceStable(w.nodes, func(i, j int) bool { return w.nodes[i].name < w.nodes[j].name })
	for i, n := range w.nodes {
		n.idx = i
	}
	if st == nil {
		// No status: every configured node online.
		for _, n := range w.nodes {
			if !n.remote {
				n.online = true
			}
		}
		return
	}
	startupFencing := model.IsTrue(w.opt("startup-fencing", "true"))
	for _, n := range w.nodes {
		ns := states[n.name]
		if ns == nil {
			if w.stonith && startupFencing && !n.remote {
				n.unclean = true // never seen: fenced at start-up
				n.why("node is unclean")
			}
			continue
		}
		n.hasState = true
		if ns.Transient != nil {
			var attrs, util []*model.NVSet
			for _, set := range ns.Transient.Sets {
				if set.Kind == "utilization" {
					util = append(util, set)
				} else {
					attrs = append(attrs, set)
				}
			}
			w.evalSets(attrs, n.attrs, nil)
			if w.v30 {
				// Pacemaker 3.0 reads transient utilization (2.1
				// ignores it): it overrides the configured capacity.
				u := map[string]string{}
				w.evalSets(util, u, nil)
				for k, v := range u {
					n.util[k] = parseInt(v, 0)
				}
			}
		}
		if n.remote || ns.Attrs.Value("remote_node") == "true" {
			n.remote = true
			if parseInt(ns.Attrs.Value("node_in_maintenance"), 0) != 0 {
				n.maint = true
			}
			if sd, ok := n.attrs["shutdown"]; ok && sd != "0" && sd != "" {
				n.shutdown = true
			}
			if parseInt(ns.Attrs.Value("node_fenced"), 0) != 0 {
				if w.remoteFenced == nil {
					w.remoteFenced = map[*node]bool{}
				}
				w.remoteFenced[n] = true
			}
			continue
		}
		// Pacemaker 2.1.7+ writes in_ccm and crmd as timestamps.
		inCCM := model.IsTrue(ns.Attrs.Value("in_ccm")) || parseInt(ns.Attrs.Value("in_ccm"), 0) > 0
		crmd := ns.Attrs.Value("crmd")
		crmdOn := crmd == "online" || model.IsTrue(crmd) || parseInt(crmd, 0) > 0
		join := ns.Attrs.Value("join")
		expected := ns.Attrs.Value("expected")
		n.expectedUp = expected == "member"
		if sd, ok := n.attrs["shutdown"]; ok && sd != "0" && sd != "" {
			n.shutdown = true
		}
		if !w.stonith {
			// Without fencing (Pacemaker's
			// determine_online_status_no_fencing): online only as a
			// joined member; a controller that is down on a node still
			// in the membership and expected up makes it unclean.
			switch {
			case !inCCM:
			case crmdOn:
				n.online = join == "member"
			case n.expectedUp && !n.shutdown:
				n.unclean = true
			}
			continue
		}
		_, seen := ns.Attrs.Get("in_ccm")
		exp := expected
		if exp == "" {
			exp = "down"
		}
		switch {
		case n.shutdown:
			n.online = crmdOn
		case !seen:
			n.unclean = true // never seen by the cluster
			n.why("peer has not been seen by the cluster")
		case join == "banned" || join == "nack":
			n.unclean = true
			n.why("peer failed Pacemaker membership criteria")
			n.online = inCCM && crmdOn
		case exp == "down" && w.pendingTooLong(ns, inCCM, crmdOn, join):
			n.unclean = true // pending longer than node-pending-timeout
			n.why("peer pending timed out on joining the process group")
		case exp == "down":
			if inCCM || crmdOn {
				n.pending, n.online = true, true
			}
		case !inCCM:
			n.unclean = true
			n.why("peer is no longer part of the cluster")
		case !crmdOn:
			n.unclean, n.online = true, true
			n.why("peer process is no longer available")
		case join == "member":
			n.online = true
		case join == "pending" || join == "down":
			n.pending, n.online = true, true
		default:
			n.unclean, n.online = true, true
			n.why("peer was in an unknown state")
		}
	}
	for _, n := range w.nodes {
		if model.IsTrue(n.attrs["standby"]) {
			n.standby = true
		}
		if model.IsTrue(n.attrs["maintenance"]) {
			n.maint = true
		}
	}
}

type opRec struct {
	op       *model.LRMOp
	task     string
	interval int
	rc       int
	status   int
	callID   int
	expect   int
	node     *node
}

func expectedRC(op *model.LRMOp) int {
	key := op.Attrs.Value("transition-key")
	parts := strings.Split(key, ":")
	if len(parts) >= 3 {
		if n, err := strconv.Atoi(parts[2]); err == nil {
			return n
		}
	}
	magic := op.Attrs.Value("transition-magic")
	if i := strings.Index(magic, ";"); i >= 0 {
		parts := strings.Split(magic[i+1:], ":")
		if len(parts) >= 3 {
			if n, err := strconv.Atoi(parts[2]); err == nil {
				return n
			}
		}
	}
	return 0
}

// findInstance maps an lrm_resource id on a node to a primitive.
func (w *world) findInstance(id string, n *node, used map[*resource]bool) *resource {
	if r, ok := w.byID[id]; ok && r.kind == kPrimitive && r.cloneParent() == nil {
		return r
	}
	base, _, hasNum := strings.Cut(id, ":")
	t, ok := w.byID[base]
	if !ok || t.kind != kPrimitive {
		return nil
	}
	c := t.cloneParent()
	if c == nil {
		if hasNum {
			return nil
		}
		return t
	}
	// Find the instance list for this primitive: for cloned groups, the
	// member of each group instance.
	var cands []*resource
	for _, inst := range c.children {
		for _, p := range inst.primitives(nil) {
			if p.baseID == base {
				cands = append(cands, p)
			}
		}
	}
	if c.unique {
		for _, p := range cands {
			if p.id == id {
				return p
			}
		}
		return nil
	}
	// Anonymous: keep instances of one group together on a node.
	isFree := func(p *resource) bool {
		if used[p] {
			return false
		}
		for _, s := range p.running {
			if s.node == n {
				return false
			}
		}
		// Group instance already used on another node?
		inst := instanceOf(p, c)
		for _, q := range inst.primitives(nil) {
			for _, s := range q.running {
				if s.node != n {
					return false
				}
			}
		}
		return true
	}
	// Prefer the instance whose group already has members here.
	for _, p := range cands {
		inst := instanceOf(p, c)
		here := false
		for _, q := range inst.primitives(nil) {
			for _, s := range q.running {
				if s.node == n {
					here = true
				}
			}
		}
		if here && isFree(p) {
			return p
		}
	}
	// The instance number in the history id does not count: Pacemaker
	// gives an anonymous clone's history the first free instance.
	for _, p := range cands {
		if isFree(p) && len(instanceOf(p, c).currentNodes()) == 0 {
			return p
		}
	}
	for _, p := range cands {
		if isFree(p) {
			return p
		}
	}
	return nil
}

func instanceOf(p, c *resource) *resource {
	for p.parent != nil && p.parent != c {
		p = p.parent
	}
	return p
}

// unpackResources reads each node's operation history.
func (w *world) unpackResources() {
	st := w.cluster.Status
	if st == nil {
		return
	}
	type guestHistory struct {
		lr *model.LRMResource
		n  *node
	}
	var inner []guestHistory
	// Online nodes first, as Pacemaker does, so active clone instances
	// are numbered before what offline nodes' history holds.
	states := make([]*model.NodeState, 0, len(st.Nodes))
	for pass := 0; pass < 2; pass++ {
		for _, ns := range st.Nodes {
			n := w.byName[w.stateName(ns)]
			if on := n == nil || n.online || n.remote; on == (pass == 0) {
				states = append(states, ns)
			}
		}
	}
	for _, ns := range states {
		n := w.byName[w.stateName(ns)]
		if n == nil || ns.LRM == nil {
			continue
		}
		if !n.remote && !n.online && !w.stonith {
			// With fencing disabled, what a node that is not online
			// ran counts for nothing.
			continue
		}
		used := map[*resource]bool{}
		// Process anonymous clone entries with a :N first so numbered
		// ones keep their number.
		lrs := append([]*model.LRMResource(nil), ns.LRM.Resources...)
		for _, lr := range lrs {
			if n.remote {
				inner = append(inner, guestHistory{lr, n})
			}
			r := w.findInstance(lr.ID(), n, used)
			if r == nil {
				w.orphan(lr, n)
				continue
			}
			r.cloneName = lr.ID()
			if r.knownOn == nil {
				r.knownOn = map[*node]bool{}
			}
			r.knownOn[n] = true
			w.unpackHistory(r, n, lr)
			if lr.ID() != r.id && activeHere(r, n) {
				r.histName = lr.ID()
			}
			// An instance only probed here (inactive) stays free for the
			// next history entry, as Pacemaker numbers anonymous
			// instances.
			used[r] = used[r] || activeHere(r, n) || r.cloneParent() == nil || r.cloneParent().unique
			if r.prim != nil && r.top().bundle == nil && w.agentChanged(r, lr) && !activeHere(r, n) {
				// History of another agent (class, provider or type) for
				// what is not active here: Pacemaker deletes it and its
				// fail count.
				if r.agentReset == nil {
					r.agentReset = map[*node]bool{}
				}
				r.agentReset[n] = true
				delete(r.banned, n)
				kept := r.running[:0]
				for _, st := range r.running {
					if st.node != n {
						kept = append(kept, st)
					}
				}
				r.running = kept
			}
			if !n.remote && !n.online && !n.unclean && !n.maint && r.managed && !w.maintMode {
				// A node that is down yet, by its history, runs a
				// managed resource is fenced ("thought to be active
				// there").
				for _, s := range r.running {
					if s.node == n && s.role > RoleStopped {
						n.unclean = true
						n.why(r.id + " is thought to be active there")
					}
				}
			}
		}
	}
	// A remote node whose connection failed is offline: a managed
	// resource its history shows active there gets it fenced.
	for _, n := range w.nodes {
		c := n.conn
		if n.guest && c != nil && len(c.running) == 0 {
			// A guest whose container is not running, yet history
			// shows something active on it: its container counts as
			// failed and the guest is fenced by recovering it.
			for _, p := range w.allResources() {
				for _, s := range p.running {
					if s.node == n && s.role > RoleStopped && p.managed {
						if w.guestLost == nil {
							w.guestLost = map[*node]bool{}
						}
						w.guestLost[n] = true
					}
				}
			}
		}
		if w.stonith && n.remote && !n.guest && c == nil && !n.unclean {
			// A remote node nothing connects to is offline: what its
			// history shows active there gets it fenced.
			for _, o := range w.remoteOrphans {
				if o[2] == n.name {
					n.unclean = true
					n.why(o[0] + " is thought to be active there")
				}
			}
		}
		if !w.stonith || !n.remote || n.guest || c == nil || n.unclean {
			continue
		}
		connFailed := false
		for _, s := range c.running {
			connFailed = connFailed || s.failed
		}
		if !connFailed {
			continue
		}
		for _, p := range w.allResources() {
			for _, s := range p.running {
				if s.node == n && s.role > RoleStopped && p.managed && !n.unclean {
					n.unclean = true
					n.why(p.id + " is thought to be active there")
				}
			}
		}
	}
	// Bundle replicas take their inner resource's role, whatever the
	// order of the node states.
	for _, g := range inner {
		w.bundleInnerRole(g.lr, g.n)
	}
	// A completed migration leaves the resource on its target only.
	for _, p := range w.allResources() {
		if len(p.running) < 2 {
			continue
		}
		kept := p.running[:0]
		for _, s := range p.running {
			if s.migratedTo != "" && !s.failed && p.activeOn(s.migratedTo) {
				continue
			}
			kept = append(kept, s)
		}
		p.running = kept
	}
	// An interrupted migration: the source is failed when the target is
	// down or its migrate_from failed, and gives way to a failed target.
	for _, p := range w.allResources() {
		var kept []*instState
		for _, s := range p.running {
			if s.migratedTo == "" || s.failed {
				kept = append(kept, s)
				continue
			}
			t := w.byName[s.migratedTo]
			var ts *instState
			for _, x := range p.running {
				if x.node == t {
					ts = x
				}
			}
			switch {
			case t == nil || !t.online && !t.remote:
				s.failed = true
			case ts != nil && ts.failed:
				continue
			case ts == nil && p.migFromFailed[t]:
				s.failed = true
			}
			kept = append(kept, s)
		}
		p.running = kept
	}
	// Where each bundle container runs as history says (2.1 reads host
	// attributes of a replica there).
	for _, p := range w.allResources() {
		if p.bundle != nil && p.kind == kPrimitive && len(p.running) > 0 {
			if w.containerHost == nil {
				w.containerHost = map[*resource]*node{}
			}
			w.containerHost[p] = p.running[0].node
		}
	}
	// Fail counts.
	for _, n := range w.nodes {
		for k, v := range n.attrs {
			if !strings.HasPrefix(k, "fail-count-") {
				continue
			}
			name := strings.TrimPrefix(k, "fail-count-")
			if i := strings.Index(name, "#"); i >= 0 {
				name = name[:i]
			}
			base, _, _ := strings.Cut(name, ":")
			cnt := parseScore(v)
			for _, r := range w.primsNamed(name, base) {
				if r.agentReset[n] || r.failureTO > 0 && w.failureExpired(r, n) {
					continue
				}
				r.failcnt[n] = addScores(r.failcnt[n], cnt)
			}
		}
	}
}

// activeHere reports r active (failed or not) on n by its history.
func activeHere(r *resource, n *node) bool {
	for _, s := range r.running {
		if s.node == n && s.role > RoleStopped {
			return true
		}
	}
	return false
}

func (w *world) primsNamed(name, base string) []*resource {
	r, ok := w.byID[base]
	if !ok || r.kind != kPrimitive {
		return nil
	}
	c := r.cloneParent()
	if c == nil {
		return []*resource{r}
	}
	var out []*resource
	for _, inst := range c.children {
		for _, p := range inst.primitives(nil) {
			if p.baseID == base && (!c.unique || p.id == name || name == base) {
				out = append(out, p)
			}
		}
	}
	return out
}

func (w *world) failureExpired(r *resource, n *node) bool {
	last := 0
	for k, v := range n.attrs {
		if strings.HasPrefix(k, "last-failure-"+r.baseID) {
			if x, err := strconv.Atoi(v); err == nil && x > last {
				last = x
			}
		}
	}
	if last == 0 {
		// No failure time: only a fail count can keep it unexpired.
		for k, v := range n.attrs {
			if strings.HasPrefix(k, "fail-count-"+r.baseID) && parseScore(v) > 0 {
				name := strings.TrimPrefix(k, "fail-count-")
				name, _, _ = strings.Cut(name, "#")
				if name == r.baseID || strings.HasPrefix(name, r.baseID+":") {
					return false
				}
			}
		}
		return true
	}
	return int64(last)+r.failureTO < w.nowTime().Unix()
}

func (w *world) onFail(r *resource, task string, interval int) string {
	if r.prim == nil || r.prim.Operations == nil {
		return ""
	}
	for _, o := range r.prim.Operations.Ops {
		if o.Name == task && int(parseDurationMS(o.Interval)) == interval {
			return strings.ToLower(o.OnFail)
		}
	}
	return ""
}

func (w *world) unpackHistory(r *resource, n *node, lr *model.LRMResource) {
	uncleanBefore := n.unclean && !n.failFenced
	var ops []opRec
	// A recurring monitor recorded before the last start, promotion or
	// demotion there no longer runs (the text's executed list schedules
	// it again).
	lastChange := -1
	for _, op := range lr.Ops {
		switch op.Operation() {
		case "start", "promote", "demote", "migrate_from":
			lastChange = max(lastChange, op.CallID())
		}
	}
	for _, op := range lr.Ops {
		ops = append(ops, opRec{op: op, task: op.Operation(), interval: op.IntervalMS(), rc: op.RC(),
			status: op.OpStatus(), callID: op.CallID(), expect: expectedRC(op), node: n})
		if op.Operation() == "monitor" && op.IntervalMS() > 0 && (op.CallID() < 0 || op.CallID() > lastChange) {
			if r.monitorsOn == nil {
				r.monitorsOn = map[*node]map[int]bool{}
			}
			if r.monitorsOn[n] == nil {
				r.monitorsOn[n] = map[int]bool{}
			}
			r.monitorsOn[n][op.IntervalMS()] = true
		}
	}
	for i := range ops {
		// OCF_DEGRADED and OCF_DEGRADED_PROMOTED count as success.
		switch ops[i].rc {
		case 190:
			ops[i].rc = 0
		case 191:
			ops[i].rc = 8
		}
	}
	sort.SliceStable(ops, func(i, j int) bool {
		a, b := ops[i].callID, ops[j].callID
		if a < 0 {
			a = 1 << 30
		}
		if b < 0 {
			b = 1 << 30
		}
		return a < b
	})
	role := RoleStopped
	failed, stopFail := false, false
	// resetRemote: a remote connection failure whose default on-fail
	// (reset-remote) no later success has cleared.
	resetRemote := false
	reconnect := w.reconnectInterval(r)
	blockedHere := false
	pending := ""
	migratedAway := false
	migratedTo := "" // target of a successful migrate_to, the last operation
	for _, o := range ops {
		if o.status == 1 || o.task == "notify" || o.task == "meta-data" || o.task == "delete" {
			continue
		}
		if !(o.task == "monitor" && o.interval > 0) {
			migratedTo = ""
		}
		if o.status == -1 || o.callID == -1 && o.status != 0 {
			pending = o.task
			switch o.task {
			case "start", "migrate_from":
				role = RoleStarted
			case "promote":
				role = RolePromoted
			}
			continue
		}
		probe := o.task == "monitor" && o.interval == 0
		// For "done" and "error", the exit code against the expected one
		// decides (Pacemaker remaps the status).
		done := o.status == 0 || o.status == 4
		ok := done && (o.rc == o.expect || probe && (o.rc == 7 || o.rc == 0 || o.rc == 8))
		if done && o.task == "monitor" && o.interval > 0 && o.rc == 8 && o.expect == 0 {
			ok = true
		}
		of := w.onFail(r, o.task, o.interval)
		if ok && resetRemote && reconnect == 0 && o.task != "monitor" || ok && resetRemote && o.rc == 7 && reconnect == 0 {
			resetRemote = false
		}
		if !ok && reconnect > 0 && w.stonith && o.task == "monitor" && o.interval > 0 && !w.remoteFenced[w.byName[r.id]] {
			// A remote connection's monitor failure does not expire
			// before its node has been fenced.
		} else if r.failureTO > 0 && !ok && o.task != "stop" && !(o.interval > 0 && of == "block") && w.failureExpired(r, n) {
			// Expired failure: ignore (never a recurring monitor's
			// that blocked the resource).
			if o.task == "start" {
				role = RoleStopped
			}
			continue
		} else if r.failureTO > 0 && !ok && o.task == "stop" && of != "block" && o.rc != 5 && o.status != 5 && w.failureExpired(r, n) {
			// An expired stop failure: the resource is taken as still
			// active; Pacemaker 2.1 also leaves it blocked, 3.0 stops it.
			if role == RoleStopped {
				role = RoleStarted
			}
			if !w.v30 {
				r.blocked, blockedHere = true, true
			}
			continue
		}
		if !ok && of == "ignore" && !(o.rc == 5 && o.status != 0) {
			// (An agent found not installed cannot be ignored.)
			if w.failIgnored == nil {
				w.failIgnored = map[*resource]bool{}
			}
			w.failIgnored[r] = true
			ok = true
			if o.task == "start" || o.task == "monitor" {
				if role == RoleStopped {
					role = RoleStarted
				}
			}
			continue
		}
		if !ok && of == "demote" && role == RolePromoted && (o.task == "monitor" || o.task == "promote") {
			// on-fail=demote: demoted in place, not recovered.
			r.demoteOn = n
			continue
		}
		switch {
		case ok && o.rc == 7 && o.expect == 7 && !probe:
			// "Not running" as expected, whatever the operation.
			role = RoleStopped
			failed = false
		case ok:
			switch o.task {
			case "start":
				role = RoleStarted
				failed = false
			case "stop":
				role = RoleStopped
				failed = false
				stopFail = false
				if blockedHere {
					// Stopped cleanly after the failure that blocked it.
					r.blocked, blockedHere = false, false
				}
			case "promote":
				role = RolePromoted
				failed = false
			case "demote":
				// A demote clears an earlier failure only under
				// on-fail=demote (handled above), unlike start, stop
				// and promote.
				role = RoleUnpromoted
			case "migrate_from":
				role = RoleStarted
				failed = false
			case "migrate_to":
				migratedAway = true
				migratedTo = o.op.Attrs.Value("migrate_target")
				role = RoleStarted
			case "monitor":
				switch o.rc {
				case 7:
					role = RoleStopped
					failed = false
				case 8:
					role = RolePromoted
				case 0:
					if role == RoleStopped || role == RolePromoted && o.interval == 0 {
						role = RoleStarted
					}
					if role == RolePromoted && probe {
						role = RoleStarted
					}
				}
			}
		case o.rc == 5 || o.status == 5:
			// Not installed: not running here, and never will be.
			r.banned[n] = true
			if probe && o.rc == 5 {
				r.notInstalled = append(r.notInstalled, n)
			}
			if o.task == "monitor" && o.interval > 0 {
				// Found missing by a recurring monitor: it ran, and
				// is recovered elsewhere.
				failed = true
				if role == RoleStopped {
					role = RoleStarted
				}
			} else if o.task != "stop" {
				role = RoleStopped
				failed = false
			} else {
				// A stop that failed is a failed stop, whatever the
				// reason: it may still be active.
				failed, stopFail = true, true
				if role == RoleStopped {
					role = RoleStarted
				}
				if w.onFail(r, o.task, o.interval) == "fence" && w.stonith {
					n.unclean = true
					n.failFenced = true
					n.why(r.id + " failed there")
				}
			}
		default:
			switch o.rc {
			case 2, 3, 4:
				if r.class != "ocf" && r.class != "stonith" {
					break
				}
				r.banned[n] = true
			case 6:
				for _, x := range w.nodes {
					r.banned[x] = true
				}
			}
			switch o.task {
			case "stop":
				failed, stopFail = true, true
				if role == RoleStopped {
					role = RoleStarted
				}
				if of == "" && w.containerOf(r) != nil {
					// on-fail defaults to restart-container: the
					// container's stop stands in for the failed one.
					stopFail = false
				}
			case "start", "migrate_from":
				failed = true
				role = RoleStarted
				if o.task == "migrate_from" {
					if r.migFromFailed == nil {
						r.migFromFailed = map[*node]bool{}
					}
					r.migFromFailed[n] = true
				}
				// (A failed start bans the node through the fail count
				// the controller sets, start-failure-is-fatal making it
				// INFINITY; the history alone bans nothing.)
			case "migrate_to":
				failed = true
				role = RoleStarted
			case "promote":
				failed = true
				role = RolePromoted
			case "demote":
				// A failed demote counts as unpromoted (recovery stops it
				// anyway), unless the failure blocks.
				failed = true
				role = RoleUnpromoted
				if of == "block" {
					role = RolePromoted
				}
			case "monitor":
				if probe && o.rc == 7 {
					role = RoleStopped
					break
				}
				if !probe && o.rc == 7 && o.expect == 0 {
					failed = true
					if role == RoleStopped {
						role = RoleStarted
					}
					break
				}
				if o.rc == 8 {
					role = RolePromoted
				} else if o.rc == 0 && o.expect == 8 {
					role = RoleUnpromoted
				}
				failed = true
				if role == RoleStopped {
					role = RoleStarted
				}
			default:
				failed = true
			}
			if w.remoteConnNode(r) != nil && (of == "" || !r.managed) && !probe && o.task != "start" && r.managed {
				resetRemote = true
			}
			if of == "block" {
				r.blocked, blockedHere = true, true
			}
			if of == "stop" && o.task != "stop" {
				r.targetRole = RoleStopped
			}
			if of == "standby" {
				n.standby = true
			}
			if of == "fence" && w.stonith {
				n.unclean = true
				n.failFenced = true
				n.why(r.id + " failed there")
			}
		}
	}
	_ = migratedAway
	if uncleanBefore && !n.remote {
		// On a node already unclean, Pacemaker leaves a failure
		// unprocessed: what runs there is lost with the node.
		failed = false
	}
	if resetRemote {
		// Pacemaker fences the remote node ("remote connection is
		// unrecoverable") unless it was fenced since; with a reconnect
		// interval the connection stays failed and stopped until the
		// failure expires.
		rn := w.remoteConnNode(r)
		if w.stonith && !w.remoteFenced[rn] {
			rn.unclean = true
			rn.why("remote connection is unrecoverable")
		}
		if reconnect > 0 {
			if w.connFailed == nil {
				w.connFailed = map[*resource]bool{}
			}
			w.connFailed[r] = true
			r.targetRole = RoleStopped
			if role != RoleStopped {
				failed = true
			}
		}
	}
	if role == RoleStopped && !failed && pending == "" {
		return
	}
	if role == RoleStarted {
		if c := r.cloneParent(); c != nil && c.promotable {
			role = RoleUnpromoted
		}
	}
	changed := ""
	if !failed {
		changed = w.definitionChanged(r, n, lr, ops)
		if changed == "reload" && pending != "" {
			changed = "restart" // no reload while a start is pending
		}
	}
	r.running = append(r.running, &instState{node: n, role: role, failed: failed, stopFail: stopFail, pending: pending, changed: changed, migratedTo: migratedTo})
}

// hasConnHistory tells whether some node's history holds an
// ocf:pacemaker:remote resource named id.
func (w *world) hasConnHistory(id string) bool {
	for _, ns := range w.cluster.Status.Nodes {
		if ns.LRM == nil {
			continue
		}
		for _, lr := range ns.LRM.Resources {
			if lr.ID() == id && lr.Attrs.Value("type") == "remote" && lr.Attrs.Value("provider") == "pacemaker" {
				return true
			}
		}
	}
	return false
}

// containerOf is the primitive a resource's container meta attribute
// names (nil: none, itself, or not a primitive).
func (w *world) containerOf(r *resource) *resource {
	c := w.byID[r.meta["container"]]
	if c == nil || c == r || c.kind != kPrimitive || r.kind != kPrimitive {
		return nil
	}
	return c
}

// remoteConnNode is the remote node (not guest) whose connection r is.
func (w *world) remoteConnNode(r *resource) *node {
	if n := w.byName[r.id]; n != nil && n.conn == r && !n.guest {
		return n
	}
	return nil
}

// reconnectInterval is a remote connection's reconnect_interval in
// seconds (0: none).
func (w *world) reconnectInterval(r *resource) int64 {
	if r.prim == nil || w.remoteConnNode(r) == nil {
		return 0
	}
	ps := map[string]string{}
	w.evalSets(r.prim.InstanceAttrs, ps, nil)
	return parseDurationMS(ps["reconnect_interval"]) / 1000
}

// orphan records a stop for history of something the configuration does
// not (or no longer) have running there.
func (w *world) orphan(lr *model.LRMResource, n *node) {
	id := lr.ID()
	if n.remote && !n.guest && n.conn == nil && w.byName[id] == nil {
		// On a remote node nothing connects to: it stays (see
		// unreachableOrphans).
		tmp := &resource{id: id, baseID: id, kind: kPrimitive, meta: map[string]string{}, failcnt: map[*node]int{},
			banned: map[*node]bool{}, util: map[string]int{}, managed: true}
		w.unpackHistory(tmp, n, lr)
		if len(tmp.running) > 0 && tmp.running[0].role > RoleStopped {
			base, _, _ := strings.Cut(id, ":")
			w.remoteOrphans = append(w.remoteOrphans, [3]string{base, tmp.running[0].role.String(), n.name})
		}
		return
	}
	if n.remote || !n.online {
		return
	}
	if g, ok := w.byName[id]; ok {
		if g.guest && g.conn != nil && g.conn.bundle != nil {
			// A bundle replica's connection: whether it is up matters
			// when nothing may start it (an unmanaged bundle).
			tmp := &resource{id: id, baseID: id, kind: kPrimitive, meta: map[string]string{}, failcnt: map[*node]int{},
				banned: map[*node]bool{}, util: map[string]int{}, managed: true}
			w.unpackHistory(tmp, n, lr)
			if len(tmp.running) > 0 {
				if w.bundleConnUp == nil {
					w.bundleConnUp = map[*node]bool{}
				}
				w.bundleConnUp[g] = true
			}
		}
		return // a remote connection
	}
	for _, r := range w.rscs {
		if r.bundle != nil && strings.HasPrefix(id, r.id+"-") {
			return
		}
	}
	key := id
	base, _, _ := strings.Cut(id, ":")
	if t, ok := w.byID[base]; ok {
		if c := t.cloneParent(); c != nil && !c.unique {
			key = base
		}
	}
	tmp := &resource{id: id, baseID: base, kind: kPrimitive, meta: map[string]string{}, failcnt: map[*node]int{},
		banned: map[*node]bool{}, util: map[string]int{}, managed: true}
	w.unpackHistory(tmp, n, lr)
	if len(tmp.running) == 0 {
		return
	}
	stopRemoved := w.opt("stop-orphan-resources", "true")
	if w.v30 {
		// Pacemaker 3.0's name for it (the old one still works).
		stopRemoved = w.opt("stop-removed-resources", stopRemoved)
	}
	if !model.IsTrue(stopRemoved) {
		// Left alone where it runs.
		s := tmp.running[0]
		role := s.role.String()
		if s.failed {
			role = "FAILED"
		}
		w.orphanKept = append(w.orphanKept, [3]string{key, role, n.name})
		return
	}
	w.orphanStops = append(w.orphanStops, Action{Action: "Stop", Resource: sp(key), Node: sp(n.name)})
}

// allResources lists every primitive, clone instances included.
func (w *world) allResources() []*resource {
	var out []*resource
	for _, r := range w.rscs {
		out = r.primitives(out)
	}
	return out
}

// activeOn tells whether the primitive is healthy and active on the named
// node.
func (r *resource) activeOn(name string) bool {
	for _, s := range r.running {
		if s.node.name == name && !s.failed && s.migratedTo == "" {
			return true
		}
	}
	return false
}

// bundleInnerRole reads the history of a bundle's inner resource on its
// guest node: the replica (modelled by its container) takes the inner
// resource's promoted role.
func (w *world) bundleInnerRole(lr *model.LRMResource, n *node) {
	if !n.remote {
		return
	}
	for _, p := range w.allResources() {
		if base, _, _ := strings.Cut(lr.ID(), ":"); p.guestNode != n || p.innerID == "" || base != p.innerID {
			continue // (older histories number the inner resource)
		}
		tmp := &resource{id: lr.ID(), baseID: lr.ID(), kind: kPrimitive, meta: map[string]string{}, failcnt: map[*node]int{},
			banned: map[*node]bool{}, util: map[string]int{}, managed: true, parent: p.parent, prim: p.bundle.Primitive}
		w.unpackHistory(tmp, n, lr)
		if tmp.demoteOn != nil && len(p.running) > 0 {
			p.demoteOn = p.running[0].node
		}
		if len(tmp.running) > 0 {
			if w.innerSeen == nil {
				w.innerSeen = map[*resource]bool{}
			}
			w.innerSeen[p] = true
		}
		if len(tmp.running) > 0 && tmp.running[0].role == RolePromoted && !tmp.running[0].failed {
			for _, s := range p.running {
				if s.role == RoleUnpromoted || s.role == RoleStarted {
					s.role = RolePromoted
				}
			}
		}
		return
	}
}
