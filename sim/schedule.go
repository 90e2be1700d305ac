package sim

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

// Result is what a transition leads to.
type Result struct {
	Placement Placement `json:"placement"`
	Actions   []Action  `json:"actions"`
	// Scores are the allocation scores, when asked for.
	Scores []Score `json:"scores,omitempty"`
	// FailedOps are the actions --op-fail made fail while the transition
	// ran; the transition stopped there and Placement is what it left.
	FailedOps []FailedOp `json:"failed_ops,omitempty"`
	// Notes say where the events had no effect (an --op-fail naming an
	// action the transition does not run).
	Notes []string `json:"notes,omitempty"`

	// executed are the actions run, in order, when --op-fail applied.
	executed []step

	w *world
	// before is the cluster as it was before the requested modifications,
	// for the "Current cluster status" section; nil when none were made.
	before *world
}

// Placement is the cluster state after the transition. A resource failed
// on no node (a remote connection left failed and stopped) has "" as its
// node, written as JSON null as crm_simulate's summary parser does.
type Placement struct {
	Nodes     map[string]string              `json:"nodes"`
	Resources map[string]map[string][]string `json:"resources"`
}

// MarshalJSON writes a "" node as null.
func (p Placement) MarshalJSON() ([]byte, error) {
	res := make(map[string]map[string][]*string, len(p.Resources))
	for k, roles := range p.Resources {
		m := make(map[string][]*string, len(roles))
		for role, ns := range roles {
			l := make([]*string, len(ns))
			for i := range ns {
				if ns[i] != "" {
					l[i] = &ns[i]
				}
			}
			m[role] = l
		}
		res[k] = m
	}
	return json.Marshal(struct {
		Nodes     map[string]string               `json:"nodes"`
		Resources map[string]map[string][]*string `json:"resources"`
	}{p.Nodes, res})
}

// Action is one line of the transition summary.
type Action struct {
	Action   string  `json:"action"`
	Resource *string `json:"resource"`
	Node     *string `json:"node"`
	ToNode   *string `json:"to_node"`
	Role     *string `json:"role"`
	ToRole   *string `json:"to_role"`
	Blocked  bool    `json:"blocked"`

	// inst is the clone instance the text names ("rsc:1"); Resource is
	// the placement key.
	inst string
	// reason is why a node is fenced, as crm_simulate words it.
	reason string
}

// Score is one allocation score.
type Score struct {
	Resource string `json:"resource"`
	Node     string `json:"node"`
	Score    int    `json:"score"`
}

// Run simulates one transition of cluster c after the events.
func Run(c *model.Cluster, ev *Events) (*Result, error) {
	if c == nil {
		return nil, fmt.Errorf("simulate: no cluster")
	}
	if ev == nil {
		ev = &Events{}
	}
	switch ev.Pacemaker {
	case "", "2.1", "3.0":
	default:
		return nil, &EventError{fmt.Sprintf("unknown Pacemaker version %q (valid: 2.1, 3.0)", ev.Pacemaker)}
	}
	if len(ev.OpFail) > 0 {
		// -F: the action fails when the transition runs it; schedule
		// without it, then run the transition until it fails.
		var specs []opFailSpec
		for _, f := range ev.OpFail {
			rsc, op, iv, n, rc, err := parseOpSpec(f)
			if err != nil {
				return nil, err
			}
			base, _, _ := strings.Cut(rsc, ":")
			specs = append(specs, opFailSpec{rsc: rsc, base: base, task: op, interval: iv, node: n, rc: rc})
		}
		rest := *ev
		rest.OpFail = nil
		res, err := Run(c, &rest)
		if err != nil {
			return nil, err
		}
		for _, f := range specs {
			if _, err := res.w.node(f.node); err != nil {
				return nil, err
			}
			if t, ok := res.w.byID[f.base]; !ok || t.kind != kPrimitive {
				return nil, &EventError{fmt.Sprintf("unknown resource %q", f.rsc)}
			}
		}
		res.applyOpFail(specs)
		return res, nil
	}
	if c.Status == nil {
		// No status: start from the steady state the cluster reaches with
		// every configured node online.
		first, err := runOnce(c, &Events{Time: ev.Time, Pacemaker: ev.Pacemaker})
		if err != nil {
			return nil, err
		}
		c = withStatus(c, first.w.steadyStatus())
	}
	res, err := runOnce(c, ev)
	if err == nil && res.w.stonith && !res.w.haveDevice && len(res.w.allPrims) > 0 {
		// Pacemaker says this only in its logs (crm_verify: "Resource
		// start-up disabled since no STONITH resources have been defined");
		// without it an empty transition reads as a healthy cluster.
		res.Notes = append(res.Notes, "resource start-up disabled: stonith-enabled is true (the default) and no fence device is defined, so Pacemaker starts, stops and fences nothing; define a fence device, or set stonith-enabled=false")
	}
	if err != nil || !ev.modifies() {
		return res, err
	}
	// crm_simulate shows the cluster before the modifications as its
	// current status; the modified run has already changed it.
	if base, err := runOnce(c, &Events{Time: ev.Time, Pacemaker: ev.Pacemaker}); err == nil {
		res.before = base.w
	}
	return res, nil
}

func runOnce(c *model.Cluster, ev *Events) (*Result, error) {
	w, err := newWorld(c, ev.Pacemaker)
	if err != nil {
		return nil, err
	}
	if ev.Time != "" {
		t, ok := ParseTime(ev.Time)
		if !ok {
			return nil, &EventError{fmt.Sprintf("invalid date/time %q", ev.Time)}
		}
		w.now, w.nowSet = t.Unix(), true
	}
	w.unpackNodes()
	w.before = w.currentStates()
	if err := w.applyNodeEvents(ev); err != nil {
		return nil, err
	}
	w.unpackResources()
	w.collectPrims()
	if err := w.applyOpEvents(ev); err != nil {
		return nil, err
	}
	w.unpackConstraints()
	w.unpackTickets()
	if err := w.applyTicketEvents(ev); err != nil {
		return nil, err
	}
	w.linkColocations()
	w.fencing()
	w.preconditions()
	w.initScores()
	order := append([]*resource(nil), w.rscs...)
	isConn := func(r *resource) bool {
		for _, n := range w.nodes {
			// A bundle's connections are inside it, not top-level
			// resources: bundles take their turn like the rest.
			if n.conn != nil && n.conn.top() == r && n.conn.bundle == nil {
				return true
			}
		}
		return false
	}
	sort.SliceStable(order, func(i, j int) bool {
		if ci, cj := isConn(order[i]), isConn(order[j]); ci != cj {
			return ci
		}
		if order[i].priority != order[j].priority {
			return order[i].priority > order[j].priority
		}
		if w.strategy != "default" {
			// Utilization-aware strategies sort further: the higher
			// score on the current node first.
			return w.assignsBefore(order[i], order[j])
		}
		return false
	})
	for _, r := range order {
		w.assign(r)
	}
	w.pendingProbes()
	w.applyOrders()
	w.blockStops()
	for _, p := range w.allPrims {
		if p.quorumBlocked && p.assigned != nil {
			p.blockedOn = p.assigned
			p.blockReason = "no quorum"
			if w.noQuorum == "freeze" {
				p.blockReason = "quorum freeze"
			}
			p.assigned.count--
			p.assigned, p.nextRole = nil, RoleStopped
		}
	}
	res := &Result{w: w}
	res.Placement = w.finalPlacement()
	res.Actions = w.actions()
	if res.Actions == nil {
		// An empty transition is an empty list, not JSON null.
		res.Actions = []Action{}
	}
	if ev.Scores {
		res.Scores = w.scores()
	}
	return res, nil
}

func (w *world) collectPrims() {
	w.allPrims, w.fillers = nil, nil
	for _, r := range w.rscs {
		w.allPrims = r.primitives(w.allPrims)
	}
}

func (w *world) linkColocations() {
	for _, c := range w.colocs {
		c.dependent.cons = append(c.dependent.cons, c)
		c.primary.consLHS = append(c.primary.consLHS, c)
	}
	// Group members: each with the previous.
	var link func(r *resource)
	link = func(r *resource) {
		if r.kind == kGroup && !(r.meta["collocated"] != "" && !model.IsTrue(r.meta["collocated"])) {
			for i := 1; i < len(r.children); i++ {
				c := &colocation{id: r.id + "-internal", dependent: r.children[i], primary: r.children[i-1],
					score: Infinity, attr: "#uname", influence: true}
				r.children[i].cons = append(r.children[i].cons, c)
				r.children[i-1].consLHS = append(r.children[i-1].consLHS, c)
			}
		}
		for _, ch := range r.children {
			link(ch)
		}
	}
	for _, r := range w.rscs {
		link(r)
	}
}

// fencing decides which unclean nodes get fenced.
func (w *world) fencing() {
	// Without quorum Pacemaker still fences a node it sees online (its
	// own partition); never one it cannot see.
	wasOnline := map[*node]bool{}
	for _, n := range w.nodes {
		wasOnline[n] = n.online && !n.remote
	}
	quorate := w.haveQuorum || w.noQuorum == "ignore"
	canFence := func(n *node) bool {
		return w.stonith && w.haveDevice && (quorate || wasOnline[n])
	}
	panic := w.cluster.CIB != nil && model.IsTrue(w.cluster.CIB.Attrs.Value("no-quorum-panic"))
	if !w.haveQuorum && w.noQuorum == "suicide" && panic && w.stonith && w.haveDevice {
		// no-quorum-policy=suicide, once the partition has lost the
		// quorum it had (no-quorum-panic): every node fences itself.
		for _, n := range w.nodes {
			if wasOnline[n] {
				n.unclean = true
				n.why("cluster does not have quorum")
			}
		}
	}
	for _, p := range w.allPrims {
		for _, s := range p.running {
			if s.stopFail && w.stonith && !s.node.unclean && p.managed && !p.blocked {
				s.node.unclean = true
				s.node.why(p.id + " failed there")
				s.node.online = false
				s.node.failFenced = true
			}
		}
	}
	for _, n := range w.nodes {
		if n.unclean && canFence(n) {
			n.fence = true
			w.fenced = append(w.fenced, n)
		}
	}
	// Drop history from nodes that are down (clean or fenced).
	for _, p := range w.allPrims {
		keep := p.running[:0]
		for _, s := range p.running {
			if s.node.fence {
				p.lost = append(p.lost, s)
				continue
			}
			if !s.node.online && (!s.node.unclean || !w.stonith) && !s.node.remote && (p.managed || !w.stonith) {
				// Down cleanly, or unclean with fencing disabled:
				// what ran there counts as stopped (an unmanaged
				// resource stays as its history says), and a failure
				// there blocks nothing.
				if s.node.unclean && s.failed {
					p.blocked = false
				}
				continue
			}
			if s.node.remote && !s.node.remoteUp() {
				if s.node.guest && p.managed && w.guestDown(s.node) {
					// Fenced with its guest: Pacemaker marks what ran
					// there failed, to be recovered.
					lost := *s
					lost.failed = true
					s.node.failFenced = true
					p.lost = append(p.lost, &lost)
				}
				continue
			}
			keep = append(keep, s)
		}
		p.running = keep
	}
}

// guestDown reports a guest node whose container failed, lost its host to
// fencing, or is not running while resources are active on the guest.
func (w *world) guestDown(n *node) bool {
	c := n.conn
	if c == nil || w.guestLost[n] || len(c.lost) > 0 {
		return c != nil
	}
	for _, s := range c.running {
		if s.failed || s.node.fence {
			return true
		}
	}
	return false
}

// preconditions marks unmanaged, blocked and stopped resources before
// allocation.
func (w *world) preconditions() {
	for _, tc := range w.tcons {
		t := w.tickets[tc.ticket]
		if t != nil && t.granted && !t.standby {
			continue
		}
		policy := strings.ToLower(tc.lossPolicy)
		promotedOnly := tc.role == RolePromoted
		if t != nil && t.standby && t.granted && policy != "stop" {
			policy = "stop"
			if promotedOnly {
				policy = "demote"
			}
		}
		switch policy {
		case "freeze":
			if t != nil {
				w.freeze(tc.rsc)
			} else if !promotedOnly {
				markTree(tc.rsc, func(r *resource) { r.unrunnable = true })
			}
		case "demote":
			if !promotedOnly {
				markTree(tc.rsc, func(r *resource) { r.unrunnable = true })
			}
		case "fence":
			if t != nil && !t.granted && w.stonith {
				for _, p := range tc.rsc.primitives(nil) {
					for _, s := range p.running {
						if promotedOnly && s.role != RolePromoted || s.node.fence {
							continue
						}
						s.node.fence, s.node.unclean, s.node.online = true, true, false
						s.node.why("deadman ticket was lost")
						w.fenced = append(w.fenced, s.node)
					}
				}
			}
			if !promotedOnly {
				markTree(tc.rsc, func(r *resource) { r.unrunnable = true })
			}
		default:
			markTree(tc.rsc, func(r *resource) { r.unrunnable = true })
		}
	}
	noQuorumStop := !w.haveQuorum && (w.noQuorum == "stop" || w.noQuorum == "suicide" || w.noQuorum == "fence")
	// With an unclean node left unfenced, nothing gets placed at all.
	uncleanLeft := false
	for _, n := range w.nodes {
		if n.unclean && !n.fence {
			uncleanLeft = true
		}
	}
	for _, p := range w.allPrims {
		// A failure that blocked the resource is moot once the node it
		// happened on is fenced.
		blocked := p.blocked && !(len(p.running) == 0 && len(p.lost) > 0)
		unmanaged := !p.managed || p.maint || w.maintMode || blocked
		if p.multipleActive == "block" && len(p.running) > 1 && p.cloneParent() == nil {
			// Active on several nodes with multiple-active=block: left
			// alone where it runs.
			unmanaged = true
		}
		for _, s := range p.running {
			if s.node.maint {
				unmanaged = true
			}
		}
		blockedHere := false
		for _, s := range p.running {
			if s.node.unclean && !s.node.fence {
				blockedHere = true
			}
			if s.stopFail && !w.stonith {
				blockedHere = true
			}
		}
		if w.stopAll {
			p.unrunnable = true
		} else if noQuorumStop && p.requires != "nothing" {
			if len(p.running) == 0 && !uncleanLeft {
				// Placed as usual, but its start cannot run.
				p.quorumBlocked = true
			} else {
				p.unrunnable = true
			}
		}
		if !w.haveQuorum && w.noQuorum == "freeze" {
			switch {
			case w.v30:
				unmanaged = true
			case len(p.running) > 0:
				// Pacemaker 2.1 keeps managing what runs (it may
				// move); it only holds back starts.
			case !uncleanLeft:
				p.quorumBlocked = true
			default:
				unmanaged = true
			}
		}
		if w.stonith && !w.haveDevice && !unmanaged && !blockedHere {
			// Fencing enabled and no device: Pacemaker unmanages every
			// resource; each stays as it is, nothing starts or stops.
			p.noDevice = true
			unmanaged = true
		}
		if unmanaged || blockedHere {
			w.pin(p)
			if p.assigned != nil {
				// Pacemaker counts it on its node when its turn to be
				// placed comes, not before.
				p.assigned.count--
				p.countLater = true
			}
		}
	}
}

// pendingProbes blocks the starts a pending node's probes hold back. A
// node that is online but has not joined (pending) gets probes it cannot
// run; Pacemaker orders a resource's start after its probe on every node
// and, when the resource is active nowhere, an unrunnable probe makes the
// start unrunnable (its probe on a clone holds back the whole clone).
func (w *world) pendingProbes() {
	var pend []*node
	for _, n := range w.nodes {
		if !n.remote && n.online && n.pending && !n.unclean {
			pend = append(pend, n)
		}
	}
	if len(pend) == 0 {
		return
	}
	inactive := func(p *resource) bool { return len(p.running) == 0 && len(p.lost) == 0 }
	unknown := func(p *resource) bool {
		for _, n := range pend {
			if !p.knownOn[n] {
				return true
			}
		}
		return false
	}
	block := func(p *resource) {
		if p.assigned != nil && p.managed && inactive(p) {
			p.blockedOn = p.assigned
			p.assigned.count--
			p.assigned, p.nextRole = nil, RoleStopped
		}
	}
	for _, r := range w.rscs {
		if r.bundle != nil {
			continue
		}
		if r.kind == kClone {
			// The probed instance: for an anonymous clone, the first.
			probed := r.children
			if !r.unique && len(probed) > 0 {
				probed = probed[:1]
			}
			hold := false
			for _, inst := range probed {
				for _, p := range inst.primitives(nil) {
					if inactive(p) && unknown(p) {
						hold = true
					}
				}
			}
			if hold {
				for _, p := range r.primitives(nil) {
					block(p)
				}
			}
			continue
		}
		for _, p := range r.primitives(nil) {
			if unknown(p) {
				block(p)
			}
		}
	}
}

func markTree(r *resource, f func(*resource)) {
	f(r)
	for _, c := range r.children {
		markTree(c, f)
	}
}

func (w *world) freeze(r *resource) {
	for _, p := range r.primitives(nil) {
		w.pin(p)
	}
}

// pin keeps a primitive where it is.
func (w *world) pin(p *resource) {
	p.allocated = true
	p.managed = false
	if len(p.running) > 0 {
		p.pinnedFailed = p.running[0].failed
		p.assigned = p.running[0].node
		p.nextRole = p.running[0].role
		p.assigned.count++
	} else {
		p.assigned = nil
		p.nextRole = RoleStopped
	}
}

// applyOrders stops what cannot start because a mandatory "first" will not
// be active, and what must be with something that stopped.
func (w *world) applyOrders() {
	active := func(r *resource) bool {
		need := 1
		if r.kind == kClone {
			need = parseInt(r.meta["clone-min"], 1)
			if need < 1 {
				need = 1
			}
		}
		cnt := 0
		if r.kind == kClone {
			for _, inst := range r.children {
				ps := inst.primitives(nil)
				if len(ps) > 0 && ps[len(ps)-1].assigned != nil && ps[len(ps)-1].nextRole != RoleStopped {
					cnt++
				}
			}
			return cnt >= need
		}
		for _, p := range r.primitives(nil) {
			if p.assigned != nil && p.nextRole != RoleStopped && !p.pinnedFailed {
				return true
			}
		}
		return false
	}
	needsStart := func(p *resource) bool {
		if p.assigned == nil || !p.managed {
			return false
		}
		for _, s := range p.running {
			if s.node == p.assigned && !s.failed {
				return false
			}
		}
		return true
	}
	for iter := 0; iter < 20; iter++ {
		changed := false
		for _, o := range w.orders {
			if !strings.EqualFold(o.kind, "mandatory") || o.firstAction != "start" && o.firstAction != "promote" {
				continue
			}
			if o.thenAction != "start" && o.thenAction != "promote" {
				continue
			}
			if o.first.kind == kClone && o.then.kind == kClone && o.then.interleave && o.requireAll && o.firstAction == "start" && o.thenAction == "start" &&
				parseInt(o.first.meta["clone-min"], 0) <= 0 {
				// (With clone-min on the first clone, the order is on the
				// clone as a whole, not instance by instance.)
				for _, inst := range o.then.children {
					ps := inst.primitives(nil)
					if len(ps) == 0 || ps[0].assigned == nil || !ps[0].managed {
						continue
					}
					n := ps[0].assigned
					ok := false
					for _, fi := range o.first.children {
						fps := fi.primitives(nil)
						if len(fps) > 0 && fps[len(fps)-1].assigned == n && !fps[len(fps)-1].pinnedFailed {
							ok = true
						}
					}
					if !ok {
						for _, p := range ps {
							if p.assigned != nil {
								p.assigned.count--
								p.assigned, p.nextRole = nil, RoleStopped
								changed = true
							}
						}
					}
				}
			}
			firstOK := active(o.first)
			if !o.requireAll {
				for _, f := range o.firsts {
					if active(f) {
						firstOK = true
					}
				}
			}
			if o.firstAction == "promote" {
				firstOK = false
				for _, p := range o.first.primitives(nil) {
					if p.nextRole == RolePromoted {
						firstOK = true
					}
				}
			}
			if firstOK {
				continue
			}
			// A first that is meant to stay stopped has no start to wait
			// for: what already runs after it stays.
			wantsStop := true
			for _, p := range o.first.primitives(nil) {
				if p.targetRole != RoleStopped && !p.pinnedFailed || len(p.running) > 0 && !p.pinnedFailed && o.symmetrical {
					wantsStop = false
				}
			}
			for _, p := range o.then.primitives(nil) {
				if o.thenAction == "promote" {
					if p.nextRole == RolePromoted && p.managed {
						p.nextRole = RoleUnpromoted
						changed = true
					}
					continue
				}
				if p.assigned != nil && p.managed && (!wantsStop || needsStart(p)) {
					if len(p.running) == 0 && len(p.lost) == 0 {
						p.blockedOn = p.assigned
					}
					if p.blockReason == "" {
						p.blockReason = orderBlockReason(o.first, p)
					}
					p.unrunnableOn = p.assigned
					p.assigned.count--
					p.assigned, p.nextRole = nil, RoleStopped
					changed = true
				}
			}
		}
		for _, c := range w.colocs {
			if c.score >= Infinity && c.depRole == RolePromoted && c.primRole != RolePromoted && !active(c.primary) {
				// Promoted with something placed whose start cannot
				// run: the promotion is planned there, and blocked.
				for _, q := range c.primary.primitives(nil) {
					if q.blockedOn == nil {
						continue
					}
					for _, p := range c.dependent.primitives(nil) {
						if p.nextRole == RolePromoted && p.managed && p.assigned == q.blockedOn {
							p.nextRole, p.promoteBlocked = RoleUnpromoted, true
							changed = true
						}
					}
				}
			}
			if c.score < Infinity || c.depRole == RolePromoted || c.primRole == RolePromoted {
				continue
			}
			if !w.v30 && c.primary.kind == kGroup {
				// Pacemaker 2.1 has moved "R with group" to the last
				// member by now and never blocks R for the group.
				continue
			}
			if active(c.primary) {
				continue
			}
			for _, p := range c.dependent.primitives(nil) {
				if p.assigned != nil && p.managed {
					p.unrunnableOn = p.assigned
					p.assigned.count--
					p.assigned, p.nextRole = nil, RoleStopped
					changed = true
				}
			}
		}
		// Group members after a stopped member stop too.
		for _, p := range w.allPrims {
			g := p.parent
			if g == nil || g.kind != kGroup || p.assigned == nil || !p.managed {
				continue
			}
			for _, m := range g.children {
				if m == p {
					break
				}
				if m.assigned == nil || m.assigned != p.assigned {
					p.assigned.count--
					p.assigned, p.nextRole = nil, RoleStopped
					changed = true
					break
				}
			}
		}
		if !changed {
			break
		}
	}
}

// key is the placement key of a primitive.
func key(p *resource) string {
	if p.replicaKey != "" {
		return p.replicaKey
	}
	if c := p.cloneParent(); c != nil && !c.unique {
		return p.baseID
	}
	return p.id
}

func (w *world) nodeState(n *node) string {
	if n.remote {
		switch {
		case n.unclean && !n.fence:
			return "unclean-offline"
		case !n.remoteUp():
			return "offline"
		case n.maint:
			return "maintenance"
		case n.standby:
			return "standby"
		}
		return "online"
	}
	switch {
	case n.fence:
		if n.standby {
			return "offline-standby"
		}
		return "offline"
	case n.unclean:
		if n.online {
			return "unclean-online"
		}
		return "unclean-offline"
	case n.pending:
		return "pending"
	case !n.online:
		if n.standby {
			return "offline-standby"
		}
		if n.maint {
			return "offline-maintenance"
		}
		return "offline"
	case n.maint:
		return "maintenance"
	case n.standby:
		return "standby"
	}
	return "online"
}

// finalNodeState is a node's state after the transition, and whether the
// revised status lists it.
func (w *world) finalNodeState(n *node) (string, bool) {
	if n.remote {
		if n.unclean && (w.connFailed[n.conn] || n.conn == nil && !n.fence) {
			// The failure that made it unclean stays in its history.
			return "unclean-offline", true
		}
		if n.guest && n.conn != nil && n.conn.bundle != nil && !n.conn.managed && !w.bundleConnUp[n] {
			return "", false // nothing may start its connection
		}
		if n.remoteUp() {
			return w.nodeState(n), true
		} else if !n.guest && (n.conn != nil || n.configured || w.hasHistoryOf(n.name)) {
			return "offline", true
		}
		return "", false
	}
	return w.nodeState(n), true
}

func (w *world) finalPlacement() Placement {
	pl := Placement{Nodes: map[string]string{}, Resources: map[string]map[string][]string{}}
	for _, n := range w.nodes {
		if st, ok := w.finalNodeState(n); ok {
			pl.Nodes[n.name] = st
		}
	}
	add := func(k, role, node string) {
		m := pl.Resources[k]
		if m == nil {
			m = map[string][]string{}
			pl.Resources[k] = m
		}
		m[role] = append(m[role], node)
	}
	for _, p := range w.allPrims {
		if !p.managed {
			// Failure is a flag of the resource, not of one node:
			// active on several nodes, it shows failed on each.
			anyFailed := false
			for _, s := range p.running {
				anyFailed = anyFailed || s.failed
			}
			for _, s := range p.running {
				role := s.role.String()
				if p.bundle != nil && p.innerID != "" && !w.innerSeen[p] {
					// The container runs, its inner resource does not.
					role = RoleStopped.String()
				}
				// On an unclean host left unfenced, a replica's guest is
				// down: its inner resource counts as failed.
				lost := p.guestNode != nil && p.innerID != "" && s.node.unclean && !s.node.fence
				if s.failed || lost || anyFailed && p.cloneParent() == nil {
					role = "FAILED"
					if s.role == RolePromoted || s.role == RoleUnpromoted {
						role = "FAILED " + s.role.String()
					}
				}
				add(key(p), role, s.node.name)
			}
			continue
		}
		if p.assigned == nil || p.nextRole == RoleStopped || p.nextRole == RoleUnknown {
			continue
		}
		add(key(p), p.nextRole.String(), p.assigned.name)
	}
	for _, k := range w.orphanKept {
		add(k[0], k[1], k[2])
	}
	for _, p := range w.allPrims {
		// A replica whose guest is fenced off and not started again:
		// the inner resource's history still shows it, failed, on no
		// node.
		if p.guestNode == nil || p.innerID == "" || !p.managed || p.assigned != nil && p.nextRole != RoleStopped ||
			!w.guestDown(p.guestNode) {
			continue
		}
		var was *instState
		if len(p.lost) > 0 {
			was = p.lost[0]
		} else if len(p.running) > 0 {
			was = p.running[0]
		}
		if was == nil {
			continue
		}
		role := "FAILED"
		if was.role == RolePromoted || was.role == RoleUnpromoted {
			role += " " + was.role.String()
		}
		add(key(p), role, "")
	}
	for _, k := range w.remoteOrphans {
		// Left where they run while their node stays unclean.
		if n := w.byName[k[2]]; n != nil && n.unclean && !n.fence {
			add(k[0], k[1], k[2])
		}
	}
	for _, p := range w.allPrims {
		if w.connFailed[p] && p.managed && (p.assigned == nil || p.nextRole == RoleStopped) {
			add(key(p), "FAILED", "")
		}
	}
	for _, m := range pl.Resources {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	return pl
}

func sp(s string) *string { return &s }

func (w *world) actions() []Action {
	var out []Action
	for _, n := range w.fenced {
		out = append(out, Action{Action: "Fence (reboot)", Node: sp(n.name), reason: n.fenceReason})
	}
	out = append(out, w.guestFencing()...)
	out = append(out, w.unfence()...)
	migrating := w.migrations()
	for _, p := range w.allPrims {
		if !p.managed {
			continue
		}
		first := len(out)
		k := key(p)
		var cur *instState
		fencedAway := false // stopped by fencing its node
		if len(p.running) > 0 {
			cur = p.running[0]
		} else if len(p.lost) > 0 {
			cur = p.lost[0]
			fencedAway = !cur.node.failFenced
		}
		next := p.assigned
		promotable := false
		if c := p.cloneParent(); c != nil {
			promotable = c.promotable
		}
		switch {
		case cur == nil && next == nil:
		case cur == nil:
			if p.promoteBlocked {
				out = append(out, Action{Action: "Promote", Resource: sp(k), Node: sp(next.name), Role: sp("Stopped"), ToRole: sp("Promoted"), Blocked: true})
			} else if p.nextRole == RolePromoted {
				out = append(out, Action{Action: "Promote", Resource: sp(k), Node: sp(next.name), Role: sp("Stopped"), ToRole: sp("Promoted")})
			} else {
				out = append(out, Action{Action: "Start", Resource: sp(k), Node: sp(next.name)})
			}
		case next == nil:
			a := Action{Action: "Stop", Resource: sp(k), Node: sp(cur.node.name), reason: p.blockReason}
			if promotable {
				a.Role = sp(cur.role.String())
			}
			out = append(out, a)
			if len(p.running) > 1 && p.cloneParent() == nil {
				// Active on several nodes: stopped on each.
				for _, s := range p.running[1:] {
					out = append(out, Action{Action: "Stop", Resource: sp(k), Node: sp(s.node.name)})
				}
			}
		case cur.node != next:
			act := "Move"
			if cur.failed && !fencedAway {
				act = "Recover"
			} else if migrating[p] {
				act = "Migrate"
			}
			a := Action{Action: act, Resource: sp(k), Node: sp(cur.node.name), ToNode: sp(next.name)}
			if promotable {
				if cur.role != p.nextRole {
					a.Role, a.ToRole = sp(cur.role.String()), sp(p.nextRole.String())
				} else {
					a.Role = sp(cur.role.String())
				}
			}
			out = append(out, a)
		default:
			if p.demoteOn == next && cur.role == RolePromoted && p.nextRole == RolePromoted {
				// Demoted for its failure (on-fail=demote), promoted again.
				a := Action{Action: "Re-promote", Resource: sp(k), Node: sp(next.name), Role: sp("Promoted")}
				if p.guestNode != nil && p.innerID != "" {
					// A bundle's inner resource, on its guest node.
					a.Resource, a.Node = sp(p.innerID), sp(p.guestNode.name)
				}
				out = append(out, a)
			} else if cur.role != p.nextRole && promotable {
				act := "Promote"
				if p.nextRole < cur.role {
					act = "Demote"
				}
				a := Action{Action: act, Resource: sp(k), Node: sp(next.name), Role: sp(cur.role.String()), ToRole: sp(p.nextRole.String())}
				if cur.failed {
					a.Action = "Recover"
				}
				out = append(out, a)
			} else if cur.failed {
				a := Action{Action: "Recover", Resource: sp(k), Node: sp(next.name)}
				if promotable {
					a.Role = sp(cur.role.String())
				}
				out = append(out, a)
			} else if len(p.running) > 1 && p.cloneParent() == nil && !p.blocked && p.multipleActive != "block" {
				// Active on several nodes: stopped everywhere, started
				// again here.
				out = append(out, Action{Action: "Restart", Resource: sp(k), Node: sp(next.name)})
			} else if cur.changed != "" {
				act := "Restart"
				if cur.changed == "reload" {
					act = "Reload"
				}
				a := Action{Action: act, Resource: sp(k), Node: sp(next.name)}
				if promotable {
					a.Role = sp(cur.role.String())
				}
				out = append(out, a)
			}
		}
		if c := p.cloneParent(); c != nil && p.replicaKey == "" {
			// The text names the clone instance.
			for i := first; i < len(out); i++ {
				out[i].inst = p.id
			}
		}
	}
	for _, p := range w.allPrims {
		inst := ""
		if c := p.cloneParent(); c != nil && p.replicaKey == "" {
			inst = p.id
		}
		if p.stopBlocked && len(p.running) > 0 {
			out = append(out, Action{Action: "Stop", Resource: sp(key(p)), Node: sp(p.running[0].node.name), Blocked: true, inst: inst})
		}
		if p.blockedOn != nil && p.assigned == nil && p.managed {
			out = append(out, Action{Action: "Start", Resource: sp(key(p)), Node: sp(p.blockedOn.name), Blocked: true, inst: inst, reason: p.blockReason})
		}
	}
	out = append(out, w.restarts(out, migrating)...)
	out = dropRestartedRoleChanges(out)
	out = append(out, w.orphanStops...)
	out = w.expandBundles(out)
	out = w.guestConnections(out)
	out = cancelSwaps(out)
	// A reload is moot when the resource restarts anyway.
	restarted := map[string]bool{}
	for _, a := range out {
		if a.Action == "Restart" && a.Resource != nil {
			restarted[*a.Resource] = true
		}
	}
	kept := out[:0]
	for _, a := range out {
		if a.Action == "Reload" && restarted[*a.Resource] {
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

// restarts lists the resources that stay where they are but restart
// because something they are ordered after starts.
func (w *world) restarts(acts []Action, migrating map[*resource]bool) []Action {
	starting := map[*resource]bool{}
	for _, p := range w.allPrims {
		if !p.managed || p.assigned == nil || migrating[p] {
			continue
		}
		// An anonymous clone instance taking over a node where another
		// instance runs is the same thing running on.
		var same []*resource
		if c := p.cloneParent(); c != nil && !c.unique && p.parent == c {
			same = c.children
		} else {
			same = []*resource{p}
		}
		moved := true
		for _, q := range same {
			for _, s := range q.running {
				if s.node == p.assigned && !s.failed && s.changed != "restart" {
					moved = false
				}
			}
		}
		if moved {
			starting[p] = true
		}
	}
	stays := func(p *resource) bool {
		if !p.managed || p.assigned == nil || starting[p] {
			return false
		}
		promotable := false
		if c := p.cloneParent(); c != nil {
			promotable = c.promotable
		}
		for _, s := range p.running {
			if s.node == p.assigned && !s.failed && (s.role == RoleStarted || promotable && s.role == p.nextRole) {
				return true
			}
		}
		return false
	}
	// An edge restarts then when first (re)starts; sameNode edges (between
	// interleaved clone instances) only when both are placed on one node;
	// fromClone edges (from any instance of a clone to what is ordered
	// after the whole clone) when that instance moves or restarts: a clone
	// starting or stopping an instance leaves its dependents alone.
	type edge struct {
		first, then *resource
		sameNode    bool
		fromClone   bool
		why         string // what then requires, as crm_simulate says it
	}
	// changesRole: a promotable instance staying on its node in another
	// role (its history state there), or nil.
	changesRole := func(p *resource) *instState {
		c := p.cloneParent()
		if !p.managed || p.assigned == nil || starting[p] || c == nil || !c.promotable || p.nextRole < RoleUnpromoted {
			return nil
		}
		for _, s := range p.running {
			if s.node == p.assigned && !s.failed && s.role >= RoleUnpromoted && s.role != p.nextRole {
				return s
			}
		}
		return nil
	}
	restarting := func(p *resource) bool {
		if len(p.running) == 0 {
			return false
		}
		return starting[p]
	}
	var edges []edge
	for _, o := range w.orders {
		if !strings.EqualFold(o.kind, "mandatory") || o.firstAction != "start" || o.thenAction != "start" {
			continue
		}
		if o.then.kind == kClone && o.first.kind == kClone && o.then.interleave {
			for _, fi := range o.first.children {
				for _, ti := range o.then.children {
					for _, f := range fi.primitives(nil) {
						for _, t := range ti.primitives(nil) {
							edges = append(edges, edge{f, t, true, false, f.id + " start"})
						}
					}
				}
			}
			continue
		}
		if o.first.kind == kClone && !o.requireAll {
			continue
		}
		for _, f := range o.first.primitives(nil) {
			why := f.id + " start"
			if o.first.kind != kPrimitive {
				why = o.first.id + " running"
			}
			for _, t := range o.then.primitives(nil) {
				edges = append(edges, edge{f, t, false, o.first.kind == kClone, why})
			}
		}
	}
	for _, r := range w.rscs {
		markTree(r, func(g *resource) {
			if g.kind == kGroup {
				for i := 1; i < len(g.children); i++ {
					edges = append(edges, edge{g.children[i-1], g.children[i], false, false, g.children[i-1].id + " start"})
				}
			}
		})
	}
	var out []Action
	// Re-unfencing a node (its unfencing device changed) restarts what
	// runs there.
	reunfence := map[*node]bool{}
	for _, p := range w.allPrims {
		if p.class == "stonith" && p.meta["provides"] == "unfencing" {
			for _, s := range p.running {
				if s.changed != "" {
					reunfence[s.node] = true
				}
			}
		}
	}
	for _, p := range w.allPrims {
		if p.class != "stonith" && stays(p) && reunfence[p.assigned] {
			starting[p] = true
			a := Action{Action: "Restart", Resource: sp(key(p)), Node: sp(p.assigned.name)}
			if c := p.cloneParent(); c != nil && c.promotable {
				a.Role = sp(p.nextRole.String())
			}
			out = append(out, a)
		}
	}
	// A failed resource in a container restarts the container.
	for _, p := range w.allPrims {
		c := w.byID[p.meta["container"]]
		if c == nil || c.kind != kPrimitive || !starting[p] || len(p.running) == 0 || !p.running[0].failed {
			continue
		}
		if stays(c) {
			starting[c] = true
			out = append(out, Action{Action: "Restart", Resource: sp(key(c)), Node: sp(c.assigned.name)})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			trigger := starting[e.first]
			if e.fromClone {
				trigger = restarting(e.first)
			}
			cr := changesRole(e.then)
			if trigger && (stays(e.then) || cr != nil) && (!e.sameNode || e.first.assigned == e.then.assigned) {
				starting[e.then] = true
				a := Action{Action: "Restart", Resource: sp(key(e.then)), Node: sp(e.then.assigned.name), reason: "required " + e.why}
				if e.then.cloneParent() != nil && e.then.replicaKey == "" {
					a.inst = e.then.id
				}
				if c := e.then.cloneParent(); c != nil && c.promotable {
					a.Role = sp(e.then.nextRole.String())
				}
				if s := cr; s != nil {
					// Restarted into its new role: one line, replacing
					// the promotion or demotion.
					a.Role, a.ToRole = sp(s.role.String()), sp(e.then.nextRole.String())
				}
				if stopStuck(e.then) {
					// A later group member that cannot stop (unmanaged
					// and active) keeps it from stopping: the restart is
					// a blocked stop.
					a.Action, a.Blocked, a.Role = "Stop", true, nil
					if stopStuck(e.first) && len(e.first.running) > 0 {
						a.reason = "required " + e.first.id + " stop"
					} else if g := e.then.parent; g != nil {
						for i, m := range g.children {
							if m == e.then && i+1 < len(g.children) {
								a.reason = "unrunnable " + g.children[i+1].id + " stop"
							}
						}
					}
				}
				out = append(out, a)
				changed = true
			}
		}
	}
	return out
}

// stopStuck reports a group member that cannot stop because a later member
// of its group is unmanaged and active.
func stopStuck(p *resource) bool {
	g := p.parent
	if g == nil || g.kind != kGroup {
		return false
	}
	later := false
	for _, m := range g.children {
		if m == p {
			later = true
			continue
		}
		if later && !m.managed && len(m.running) > 0 {
			return true
		}
	}
	return false
}

func (w *world) scores() []Score {
	var out []Score
	for _, p := range w.allPrims {
		if p.weights == nil {
			continue
		}
		for i, n := range w.nodes {
			if p.allowed[i] {
				out = append(out, Score{Resource: p.id, Node: n.name, Score: p.weights[i]})
			}
		}
	}
	return out
}

// blockStops keeps running what cannot stop because something ordered after
// it cannot stop first (it is unmanaged or blocked).
func (w *world) blockStops() {
	// Pairs (blocker, blocked): blocked cannot stop before blocker has.
	type pair struct{ blocker, blocked *resource }
	var pairs []pair
	for _, o := range w.orders {
		if !strings.EqualFold(o.kind, "mandatory") {
			continue
		}
		blocker, blocked := o.then, o.first
		if o.firstAction == "stop" && o.thenAction == "stop" {
			blocker, blocked = o.first, o.then
		} else if !o.symmetrical || o.firstAction != "start" {
			continue
		}
		pairs = append(pairs, pair{blocker, blocked})
	}
	// Group members stop in reverse order.
	for _, r := range w.rscs {
		markTree(r, func(g *resource) {
			if g.kind == kGroup {
				for i := 1; i < len(g.children); i++ {
					pairs = append(pairs, pair{g.children[i], g.children[i-1]})
				}
			}
		})
	}
	for changed := true; changed; {
		changed = false
		for _, pr := range pairs {
			if w.blockPair(pr.blocker, pr.blocked) {
				changed = true
			}
		}
	}
}

// blockPair pins what of blocked would stop or move while blocker is stuck
// (unmanaged and active); it reports whether it pinned anything.
func (w *world) blockPair(blocker, blocked *resource) bool {
	stuck := false
	for _, p := range blocker.primitives(nil) {
		if !p.managed && len(p.running) > 0 {
			stuck = true
		}
	}
	if !stuck {
		return false
	}
	pinned := false
	for _, p := range blocked.primitives(nil) {
		if !p.managed || len(p.running) == 0 || p.assigned == p.running[0].node {
			continue
		}
		if p.assigned != nil {
			p.assigned.count--
		} else {
			p.stopBlocked = true
		}
		w.pin(p)
		pinned = true
	}
	return pinned
}

func withStatus(c *model.Cluster, st *model.Status) *model.Cluster {
	cp := *c
	cp.Status = st
	return &cp
}

// hasInstanceOn reports an instance of clone c placed on n.
func (c *resource) hasInstanceOn(n *node) bool {
	for _, p := range c.primitives(nil) {
		if p.assigned == n && p.nextRole > RoleStopped {
			return true
		}
	}
	return false
}

// steadyStatus writes the result of a transition as a status section: every
// node online, every placed resource started (and promoted) there.
func (w *world) steadyStatus() *model.Status {
	st := &model.Status{}
	byNode := map[*node]*model.NodeState{}
	for _, n := range w.nodes {
		if n.remote {
			continue
		}
		ns := &model.NodeState{Attrs: model.Attrs{{Name: "id", Value: n.id}, {Name: "uname", Value: n.name},
			{Name: "in_ccm", Value: "true"}, {Name: "crmd", Value: "online"}, {Name: "join", Value: "member"},
			{Name: "expected", Value: "member"}}, LRM: &model.LRM{ID: n.id}}
		byNode[n] = ns
		st.Nodes = append(st.Nodes, ns)
	}
	call := 1
	probed := map[string]bool{}
	op := func(p *resource, task string) *model.LRMOp {
		call++
		return &model.LRMOp{Attrs: model.OpAttrsList(model.Attrs{{Name: "id", Value: p.id + "_" + task + "_0"}, {Name: "operation", Value: task},
			{Name: "interval", Value: "0"}, {Name: "call-id", Value: fmt.Sprint(call)}, {Name: "rc-code", Value: "0"},
			{Name: "op-status", Value: "0"}, {Name: "transition-key", Value: "0:0:0:hakit-steady"}})}
	}
	for _, p := range w.allPrims {
		n := p.assigned
		// A steady cluster has probed everything everywhere (an
		// anonymous clone once per node, under its base id).
		pid := p.id
		c := p.cloneParent()
		anon := c != nil && !c.unique
		if anon {
			pid = p.baseID
		}
		for _, m := range w.nodes {
			if byNode[m] == nil || m == n && p.nextRole > RoleStopped || p.bundle != nil {
				continue
			}
			if anon {
				if probed[pid+"@"+m.name] || c.hasInstanceOn(m) {
					continue
				}
				probed[pid+"@"+m.name] = true
			}
			call++
			probe := &model.LRMOp{Attrs: model.OpAttrsList(model.Attrs{{Name: "id", Value: pid + "_monitor_0"}, {Name: "operation", Value: "monitor"},
				{Name: "interval", Value: "0"}, {Name: "call-id", Value: fmt.Sprint(call)}, {Name: "rc-code", Value: "7"},
				{Name: "op-status", Value: "0"}, {Name: "transition-key", Value: "0:0:7:hakit-steady"}})}
			byNode[m].LRM.Resources = append(byNode[m].LRM.Resources, &model.LRMResource{Attrs: model.Attrs{{Name: "id", Value: pid}}, Ops: []*model.LRMOp{probe}})
		}
		if n == nil || p.nextRole <= RoleStopped || byNode[n] == nil {
			continue
		}
		// Pacemaker records an anonymous instance under its base id.
		lr := &model.LRMResource{Attrs: model.Attrs{{Name: "id", Value: pid}}}
		lr.Ops = append(lr.Ops, op(p, "start"))
		if p.nextRole == RolePromoted {
			lr.Ops = append(lr.Ops, op(p, "promote"))
		}
		byNode[n].LRM.Resources = append(byNode[n].LRM.Resources, lr)
	}
	return st
}

// unfence lists the nodes a fencing device providing unfencing (meta
// provides=unfencing) must unfence ("Fence (on)"): online cluster nodes not
// yet unfenced (no #node-unfenced attribute), and nodes where such a
// device's definition changed.
func (w *world) unfence() []Action {
	need := map[*node]bool{}
	enabled := false
	for _, p := range w.allPrims {
		if p.class != "stonith" || p.meta["provides"] != "unfencing" {
			continue
		}
		enabled = true
		for _, s := range p.running {
			if s.changed != "" && !s.node.remote {
				need[s.node] = true
			}
		}
	}
	if !enabled {
		return nil
	}
	var out []Action
	for _, n := range w.nodes {
		if n.remote || !n.online || n.unclean || n.fence || n.pending || n.shutdown {
			continue
		}
		if v := n.attrs["#node-unfenced"]; v == "" || v == "0" || need[n] {
			out = append(out, Action{Action: "Fence (on)", Node: sp(n.name)})
		}
	}
	return out
}

// migrations lists the primitives that live-migrate to their new node:
// allow-migrate, healthy, active on one node and moving; but not when
// something they are ordered after (mandatory start orders, earlier group
// members) stops and starts again rather than migrating.
func (w *world) migrations() map[*resource]bool {
	mig := map[*resource]bool{}
	for _, p := range w.allPrims {
		if !p.managed || !p.allowMigrate || p.assigned == nil || len(p.running) != 1 {
			continue
		}
		cur := p.running[0]
		if cur.failed || cur.node == p.assigned || cur.role != RoleStarted {
			continue
		}
		mig[p] = true
	}
	if len(mig) == 0 {
		return mig
	}
	// disrupted: stops and starts again in this transition.
	disrupted := func(p *resource) bool {
		if len(p.running) == 0 || p.assigned == nil || mig[p] {
			return false
		}
		for _, s := range p.running {
			if s.node != p.assigned || s.failed || s.changed == "restart" {
				return true
			}
		}
		return false
	}
	type edge struct{ first, then *resource }
	var edges []edge
	for _, o := range w.orders {
		if !strings.EqualFold(o.kind, "mandatory") || o.firstAction != "start" || o.thenAction != "start" {
			continue
		}
		for _, f := range o.first.primitives(nil) {
			for _, t := range o.then.primitives(nil) {
				edges = append(edges, edge{f, t})
			}
		}
	}
	for _, r := range w.rscs {
		markTree(r, func(g *resource) {
			if g.kind == kGroup {
				for i := 1; i < len(g.children); i++ {
					for j := 0; j < i; j++ {
						edges = append(edges, edge{g.children[j], g.children[i]})
					}
				}
			}
		})
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			if mig[e.then] && disrupted(e.first) {
				delete(mig, e.then)
				changed = true
			}
		}
	}
	return mig
}

// cancelSwaps drops a Stop and a Start of the same anonymous clone
// instance name on the same node: two instances swapping numbers there,
// which Pacemaker avoids by keeping the active instance.
// mergePromoteSwaps turns an anonymous instance stopping on a node where
// another is promoted from Stopped into the promotion of what runs there:
// Pacemaker promotes the instance already on the node.
func mergePromoteSwaps(acts []Action) []Action {
	type k struct{ rsc, node string }
	promos := map[k][]int{}
	for i, a := range acts {
		if a.Action == "Promote" && !a.Blocked && a.Resource != nil && a.Node != nil && deref(a.Role) == "Stopped" {
			x := k{*a.Resource, *a.Node}
			promos[x] = append(promos[x], i)
		}
	}
	if len(promos) == 0 {
		return acts
	}
	drop := map[int]bool{}
	for i, a := range acts {
		if a.Action != "Stop" || a.Blocked || a.Resource == nil || a.Node == nil || a.Role != nil && *a.Role != "Unpromoted" {
			continue
		}
		x := k{*a.Resource, *a.Node}
		if len(promos[x]) == 0 {
			continue
		}
		j := promos[x][0]
		promos[x] = promos[x][1:]
		acts[j].Role = sp("Unpromoted")
		acts[j].inst = a.inst
		drop[i] = true
	}
	var out []Action
	for i, a := range acts {
		if !drop[i] {
			out = append(out, a)
		}
	}
	return out
}

// dropRestartedRoleChanges drops the promotion or demotion of an instance
// that restarts into its new role (the Restart line says both).
func dropRestartedRoleChanges(acts []Action) []Action {
	type k struct{ rsc, node, inst string }
	re := map[k]bool{}
	for _, a := range acts {
		if a.Action == "Restart" && a.ToRole != nil && a.Resource != nil && a.Node != nil {
			re[k{*a.Resource, *a.Node, a.inst}] = true
		}
	}
	if len(re) == 0 {
		return acts
	}
	var out []Action
	for _, a := range acts {
		if (a.Action == "Promote" || a.Action == "Demote") && a.Resource != nil && a.Node != nil && re[k{*a.Resource, *a.Node, a.inst}] {
			continue
		}
		out = append(out, a)
	}
	return out
}

func cancelSwaps(acts []Action) []Action {
	acts = mergePromoteSwaps(acts)
	type k struct{ rsc, node string }
	starts := map[k]int{}
	for _, a := range acts {
		if a.Action == "Start" && !a.Blocked && a.Resource != nil && a.Node != nil && a.Role == nil {
			starts[k{*a.Resource, *a.Node}]++
		}
	}
	drop := map[k]int{}
	for _, a := range acts {
		if a.Action == "Stop" && !a.Blocked && a.Resource != nil && a.Node != nil && a.Role == nil {
			x := k{*a.Resource, *a.Node}
			if starts[x] > drop[x] {
				drop[x]++
			}
		}
	}
	if len(drop) == 0 {
		return acts
	}
	stopsLeft, startsLeft := map[k]int{}, map[k]int{}
	for x, n := range drop {
		stopsLeft[x], startsLeft[x] = n, n
	}
	var out []Action
	for _, a := range acts {
		if a.Resource != nil && a.Node != nil && a.Role == nil && !a.Blocked {
			x := k{*a.Resource, *a.Node}
			if a.Action == "Stop" && stopsLeft[x] > 0 {
				stopsLeft[x]--
				continue
			}
			if a.Action == "Start" && startsLeft[x] > 0 {
				startsLeft[x]--
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// assignsBefore orders two equal-priority resources as Pacemaker does for
// utilization-aware placement strategies: the one with the higher score on
// its current node first. (Pacemaker then compares scores node by node in
// its sorted node order, which is not modelled.)
func (w *world) assignsBefore(a, b *resource) bool {
	var own func(r *resource, n *node) int
	weight := func(r *resource, n *node) int {
		// Its own score, plus the scores of what it must run with,
		// scaled by each colocation.
		sc := own(r, n)
		for _, c := range r.cons {
			if c.depRole == RolePromoted || c.depRole == RoleUnpromoted || c.score == 0 || sc <= -Infinity {
				continue
			}
			p := own(c.primary, n)
			if p <= -Infinity && c.score < 0 {
				continue
			}
			sc = addScores(sc, int(float64(c.score)/Infinity*float64(p)))
		}
		return sc
	}
	own = func(r *resource, n *node) int {
		if n == nil {
			return -Infinity
		}
		if r.kind == kGroup && len(r.children) > 0 {
			// Pacemaker starts from the last member and adds, through
			// the group's internal colocations, every earlier one.
			sum := 0
			for _, m := range r.children {
				if m.weights == nil || !m.allowed[n.idx] {
					return -Infinity
				}
				sum = addScores(sum, m.weights[n.idx])
			}
			return sum
		}
		if r.weights == nil || !r.allowed[n.idx] {
			return -Infinity
		}
		return r.weights[n.idx]
	}
	wa, wb := weight(a, a.currentNode()), weight(b, b.currentNode())
	if wa != wb {
		return wa > wb
	}
	nodes := append([]*node(nil), w.nodes...)
	sort.SliceStable(nodes, func(i, j int) bool {
		if ci, cj := nodes[i].canRun(), nodes[j].canRun(); ci != cj {
			return ci
		}
		if ri, rj := w.remaining(nodes[i]), w.remaining(nodes[j]); ri != rj {
			return ri > rj
		}
		return nodes[i].name < nodes[j].name
	})
	for _, n := range nodes {
		if wa, wb := weight(a, n), weight(b, n); wa != wb {
			return wa > wb
		}
	}
	return false
}

// guestFencing lists the guest nodes Pacemaker "fences" by recovering
// their container: one that failed, or whose host is fenced.
func (w *world) guestFencing() []Action {
	var out []Action
	for _, n := range w.nodes {
		c := n.conn
		if !n.guest || c == nil || n.fence {
			continue
		}
		lost := len(c.lost) > 0 || w.guestLost[n]
		for _, s := range c.running {
			lost = lost || s.failed || s.node.fence
		}
		if !lost {
			continue
		}
		a := Action{Action: "Fence (reboot)", Node: sp(n.name), reason: "guest is unclean"}
		if c.assigned == nil || c.nextRole == RoleStopped {
			a.Action = "Fence (off)" // the container is not restarted
		}
		out = append(out, a)
	}
	return out
}

// guestConnections adds the actions of a guest node's implicit connection
// resource (named after the node), which follows its container: it starts,
// stops, moves and migrates with it, and restarts when the container is
// recovered in place. crm_simulate lists these; the status does not.
func (w *world) guestConnections(acts []Action) []Action {
	guests := map[string]*node{}
	for _, n := range w.nodes {
		if n.guest && n.conn != nil && n.conn.bundle == nil {
			guests[key(n.conn)] = n
		}
	}
	if len(guests) == 0 {
		return acts
	}
	out := acts
	for _, a := range acts {
		n := guests[deref(a.Resource)]
		if n == nil || a.Blocked || a.Node == nil {
			continue
		}
		c := Action{Action: a.Action, Resource: sp(n.name), Node: a.Node, ToNode: a.ToNode}
		switch a.Action {
		case "Start", "Stop", "Move", "Migrate", "Restart":
		case "Recover":
			c.Action = "Restart"
			if a.ToNode != nil && *a.ToNode != *a.Node {
				c.Action = "Move"
			}
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// hasHistoryOf tells whether some node's history has a resource named id
// (an orphaned remote connection keeps its remote node listed).
func (w *world) hasHistoryOf(id string) bool {
	if w.cluster.Status == nil {
		return false
	}
	for _, ns := range w.cluster.Status.Nodes {
		if ns.LRM == nil {
			continue
		}
		for _, lr := range ns.LRM.Resources {
			if lr.ID() == id {
				// The first entry decides: one with a container is an
				// orphaned guest node's, and guests are listed only
				// while up.
				return lr.Attrs.Value("container") == ""
			}
		}
	}
	return false
}

// expandBundles spells out the start or stop of a bundle replica with an
// inner resource as crm_simulate lists it: the container and the guest
// connection on the host, and the inner resource on the guest node.
func (w *world) expandBundles(acts []Action) []Action {
	replicas := map[string]*resource{}
	for _, p := range w.allPrims {
		if p.bundle != nil && p.innerID != "" && p.guestNode != nil && p.replicaKey != p.id {
			replicas[p.replicaKey] = p
		}
	}
	if len(replicas) == 0 {
		return acts
	}
	var out []Action
	for _, a := range acts {
		p := replicas[deref(a.Resource)]
		if p != nil && a.Node != nil && a.ToNode == nil && (a.Action == "Promote" || a.Action == "Demote") {
			// A replica changes role through its inner resource, on
			// its guest node.
			a.Resource, a.Node = sp(p.innerID), sp(p.guestNode.name)
			out = append(out, a)
			continue
		}
		if p == nil || a.Blocked || a.Node == nil || a.ToNode != nil || (a.Action != "Start" && a.Action != "Stop") {
			out = append(out, a)
			continue
		}
		inner := Action{Action: a.Action, Resource: sp(p.innerID), Node: sp(p.guestNode.name), Role: a.Role}
		a.Role = nil
		container := Action{Action: a.Action, Resource: sp(p.id), Node: a.Node}
		if h := w.byName[*a.Node]; a.Action == "Start" && h != nil && h.remote && !h.guest && h.conn != nil && h.conn.assigned != nil {
			// The replica's connection cannot run on a remote node: it
			// runs where that node's own connection does.
			a.Node = sp(h.conn.assigned.name)
		}
		out = append(out, a, container, inner)
	}
	// A replica whose container keeps running where it is, but whose
	// connection or inner resource history does not show active, starts
	// them.
	acted := map[string]bool{}
	for _, a := range out {
		acted[deref(a.Resource)] = true
	}
	for _, p := range w.allPrims {
		g := p.guestNode
		if g == nil || p.innerID == "" || !p.managed || acted[p.id] || acted[p.replicaKey] || p.assigned == nil ||
			p.nextRole == RoleStopped || len(p.running) == 0 || p.running[0].node != p.assigned || p.running[0].failed {
			continue
		}
		if !w.bundleConnUp[g] {
			host := p.assigned
			if host.remote && !host.guest && host.conn != nil && host.conn.assigned != nil {
				host = host.conn.assigned
			}
			out = append(out, Action{Action: "Start", Resource: sp(p.replicaKey), Node: sp(host.name)})
		}
		if !w.innerSeen[p] && p.nextRole != RolePromoted {
			out = append(out, Action{Action: "Start", Resource: sp(p.innerID), Node: sp(g.name)})
		}
	}
	return out
}

// orderBlockReason words why an ordering stops or blocks p, as
// crm_simulate 2.1.5 does: "unrunnable FIRST start" ("running" for a
// group or clone), or "required ..." when the first is active and stops
// itself, a managed primitive (before a clone) for any reason, a group or clone because an
// ordering stops it. A later member of a group that such a required first
// stops names the member before it: the second that member's stop, the
// others its start.
func orderBlockReason(first, p *resource) string {
	task := " running"
	if first.kind == kPrimitive {
		task = " start"
	}
	why := "unrunnable "
	if first.kind == kPrimitive && len(first.running) > 0 && first.managed && p.cloneParent() != nil {
		why = "required "
	}
	if first.kind != kPrimitive {
		for _, q := range first.primitives(nil) {
			if len(q.running) > 0 && (strings.HasPrefix(q.blockReason, "unrunnable ") || strings.HasPrefix(q.blockReason, "required ")) {
				why = "required "
			}
		}
	}
	if g := p.parent; why == "required " && g != nil && g.kind == kGroup {
		for i, m := range g.children {
			if m == p && i > 0 {
				prev := g.children[i-1]
				if i == 1 {
					return "required " + prev.id + " stop"
				}
				return "required " + prev.id + " start"
			}
		}
	}
	return why + first.id + task
}
