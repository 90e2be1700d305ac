package sim

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"hakit/model"
)

// Next returns the cluster as it is once the transition has run: the same
// configuration with a status section that records the requested
// modifications and the transition's actions, as crm_simulate -S -O writes
// it. Another Run on it continues the story from there.
//
// When an --op-fail cut the transition short, the status is what the
// executed actions left, as crm_simulate -F -O saves it: the failed
// operation recorded in the resource's history (<rsc>_last_0 and
// <rsc>_last_failure_0, with its rc-code), its fail-count and
// last-failure attributes, and nothing the transition would have run
// after it.
//
// Deliberate differences from crm_simulate: a node that is offline after
// the transition (fenced, failed without fencing, or stopped) keeps no
// executor history and no transient attributes, as the controller purges
// them when a node leaves; crm_simulate keeps the history of a node taken
// down without fencing, so that node would look active again on its return.
// A failed start counts INFINITY failures when start-failure-is-fatal (as
// the controller counts it, and as --op-inject does); crm_simulate counts
// one, so its next run recovers the resource in place.
func (r *Result) Next() *model.Cluster {
	w := r.w
	out := *w.cluster
	out.Status = r.NextStatus()
	if w.cluster.CIB != nil || w.quorumForced || !w.haveQuorum {
		h := &model.CIBHeader{}
		if w.cluster.CIB != nil {
			h.Base = w.cluster.CIB.Base
			h.Attrs = append(model.Attrs(nil), w.cluster.CIB.Attrs...)
		} else {
			// The writer fills in the schema (validate-with, crm_feature_set).
			h.Attrs = model.Attrs{{Name: "epoch", Value: "1"}, {Name: "num_updates", Value: "0"}, {Name: "admin_epoch", Value: "0"}}
		}
		q := "0"
		if w.haveQuorum {
			q = "1"
		}
		h.Attrs.Set("have-quorum", q)
		out.CIB = h
	}
	return &out
}

// NextStatus is the status section of Next.
func (r *Result) NextStatus() *model.Status {
	w := r.w
	orig := w.cluster.Status
	origNS := map[string]*model.NodeState{}
	call := 1
	if orig != nil {
		for _, ns := range orig.Nodes {
			origNS[ns.Uname()] = ns
			if ns.LRM != nil {
				for _, lr := range ns.LRM.Resources {
					for _, op := range lr.Ops {
						if c := op.CallID(); c >= call {
							call = c + 1
						}
					}
				}
			}
		}
	}
	failures := w.injectedFailures()
	restarts := map[string]bool{}
	final := w.finalOn
	var failed *step
	var failedRC int
	if r.executed != nil && len(r.FailedOps) > 0 {
		final, failed = r.executedFinal(restarts)
		failedRC = r.FailedOps[0].RC
		id := lrmID(failed.p)
		failures[failed.node] = append(failures[failed.node], failure{lrmID: id, op: failed.task, interval: failed.interval,
			infinite: failed.task == "start" && w.startFatal})
	} else {
		for _, a := range r.Actions {
			switch a.Action {
			case "Restart", "Recover", "Reload", "Start":
				if a.Resource != nil && a.Node != nil {
					restarts[*a.Resource+"\x00"+*a.Node] = true
				}
			}
		}
	}
	fx := lrmFixes{final: final, restarts: restarts}
	if failed != nil {
		fx.failed, fx.rc = failed, failedRC
	}
	st := &model.Status{}
	if orig != nil {
		st.Base = orig.Base
		st.TicketsBase = orig.TicketsBase
	}
	now := strconv.FormatInt(w.nowTime().Unix(), 10)
	for _, n := range w.nodes {
		o := origNS[n.name]
		if n.remote {
			if o != nil {
				ns := *o
				ns.LRM = w.nextLRM(n, o, &call, fx)
				st.Nodes = append(st.Nodes, &ns)
			}
			continue
		}
		ns := &model.NodeState{}
		if o != nil {
			ns.Base = o.Base
			ns.Attrs = append(model.Attrs(nil), o.Attrs...)
		} else {
			ns.Attrs = model.Attrs{{Name: "id", Value: n.id}, {Name: "uname", Value: n.name}}
		}
		if ns.Attrs.Value("id") == "" {
			ns.Attrs.Set("id", n.id)
		}
		state := w.nodeState(n)
		up := false
		switch state {
		case "unclean-offline":
			ns.Attrs.Set("in_ccm", "false")
			ns.Attrs.Set("crmd", "offline")
			ns.Attrs.Set("join", "down")
			ns.Attrs.Set("expected", "member")
		case "unclean-online", "pending":
			// As the status said: nothing this transition changed.
			if o == nil {
				ns.Attrs.Set("in_ccm", "true")
				ns.Attrs.Set("crmd", "online")
				ns.Attrs.Set("join", "member")
				ns.Attrs.Set("expected", "member")
			}
			up = true
		case "offline", "offline-standby", "offline-maintenance":
			ns.Attrs.Set("in_ccm", "false")
			ns.Attrs.Set("crmd", "offline")
			ns.Attrs.Set("join", "down")
			ns.Attrs.Set("expected", "down")
		default:
			ns.Attrs.Set("in_ccm", "true")
			ns.Attrs.Set("crmd", "online")
			ns.Attrs.Set("join", "member")
			ns.Attrs.Set("expected", "member")
			up = true
		}
		ns.Attrs.Set("crm-debug-origin", "hakit")
		keep := up || state == "unclean-offline"
		if keep {
			ns.Transient = w.nextTransient(n, o, failures[n.name], now)
			ns.LRM = w.nextLRM(n, o, &call, fx)
		}
		st.Nodes = append(st.Nodes, ns)
	}
	var tids []string
	for id := range w.tickets {
		tids = append(tids, id)
	}
	sort.Strings(tids)
	origT := map[string]*model.TicketState{}
	if orig != nil {
		for _, t := range orig.Tickets {
			origT[t.Attrs.Value("id")] = t
		}
	}
	for _, id := range tids {
		t := w.tickets[id]
		ts := &model.TicketState{}
		if o := origT[id]; o != nil {
			ts.Base = o.Base
			ts.Attrs = append(model.Attrs(nil), o.Attrs...)
		} else {
			ts.Attrs = model.Attrs{{Name: "id", Value: id}}
		}
		ts.Attrs.Set("granted", strconv.FormatBool(t.granted))
		if t.standby {
			ts.Attrs.Set("standby", "true")
		} else if _, ok := ts.Attrs.Get("standby"); ok {
			ts.Attrs.Set("standby", "false")
		}
		st.Tickets = append(st.Tickets, ts)
	}
	return st
}

// failure is one injected failed operation.
type failure struct {
	lrmID, op string
	interval  int
	infinite  bool
}

// injectedFailures reads the operation failures this run injected, per
// node, from the modifications it reports.
func (w *world) injectedFailures() map[string][]failure {
	out := map[string][]failure{}
	for _, l := range w.injected {
		rest, ok := strings.CutPrefix(l, "Injecting ")
		if !ok {
			continue
		}
		key, tail, ok := strings.Cut(rest, " on ")
		if !ok {
			continue
		}
		nodeName, rcs, ok := strings.Cut(tail, " = ")
		if !ok {
			continue
		}
		rsc, op, interval, _, rc, err := parseOpSpec(key + "@" + nodeName + "=" + rcs)
		if err != nil {
			continue
		}
		expect := 0
		if op == "monitor" && interval == 0 {
			expect = 7
		}
		success := rc == expect || op == "monitor" && interval == 0 && (rc == 0 || rc == 8) || rc == 8 && op == "monitor"
		if success {
			continue
		}
		base, _, _ := strings.Cut(rsc, ":")
		id := rsc
		if t := w.byID[base]; t != nil {
			if c := t.cloneParent(); c != nil && !c.unique {
				id = base
			}
		}
		out[nodeName] = append(out[nodeName], failure{lrmID: id, op: op, interval: interval,
			infinite: op == "start" && w.startFatal})
	}
	return out
}

func (w *world) nextTransient(n *node, o *model.NodeState, fs []failure, now string) *model.TransientAttributes {
	ta := &model.TransientAttributes{ID: n.id}
	set := &model.NVSet{Kind: "instance_attributes", ID: "status-" + n.id}
	if o != nil && o.Transient != nil {
		ta.Base = o.Transient.Base
		if o.Transient.ID != "" {
			ta.ID = o.Transient.ID
		}
		for _, s := range o.Transient.Sets {
			if s.Rule == nil && s.IDRef == "" && set.Pairs == nil && len(ta.Sets) == 0 {
				cp := *s
				cp.Pairs = append([]*model.NVPair(nil), s.Pairs...)
				set = &cp
				continue
			}
			ta.Sets = append(ta.Sets, s)
		}
	}
	put := func(name, value string) {
		for i, p := range set.Pairs {
			if p.Name == name {
				cp := *p
				cp.Value, cp.NoValue = value, false
				set.Pairs[i] = &cp
				return
			}
		}
		set.Pairs = append(set.Pairs, &model.NVPair{ID: set.ID + "-" + name, Name: name, Value: value})
	}
	get := func(name string) string {
		for _, p := range set.Pairs {
			if p.Name == name {
				return p.Value
			}
		}
		return ""
	}
	for _, f := range fs {
		suffix := fmt.Sprintf("%s#%s_%d", f.lrmID, f.op, f.interval)
		cnt := addScores(parseScore(get("fail-count-"+suffix)), 1)
		if f.infinite {
			cnt = Infinity
		}
		put("fail-count-"+suffix, scoreText(cnt))
		put("last-failure-"+suffix, now)
	}
	if n.standby != model.IsTrue(n.attrs["standby"]) {
		v := "off"
		if n.standby {
			v = "on"
		}
		put("standby", v)
	}
	ta.Sets = append([]*model.NVSet{set}, ta.Sets...)
	if len(set.Pairs) == 0 && len(ta.Sets) == 1 && (o == nil || o.Transient == nil) {
		return nil
	}
	return ta
}

// lrmID is the id a primitive's history has in the status section.
func lrmID(p *resource) string {
	if c := p.cloneParent(); c != nil && !c.unique {
		return p.baseID
	}
	return p.id
}

// finalOn reports the role p has on n once the transition has run, and
// whether it is left failed there.
func (w *world) finalOn(p *resource, n *node) (Role, bool) {
	if !p.managed {
		for _, s := range p.running {
			if s.node == n {
				return s.role, s.failed
			}
		}
		return RoleStopped, false
	}
	if p.assigned == n && p.nextRole > RoleStopped {
		return p.nextRole, false
	}
	for _, s := range p.running {
		if s.node == n && (p.stopBlocked || s.stopFail && !n.fence) {
			return s.role, true
		}
	}
	return RoleStopped, false
}

// lrmFixes is what nextLRM writes the history from: each instance's final
// role, the resources started afresh, and the operation that failed
// (with its result) when an --op-fail cut the transition short.
type lrmFixes struct {
	final    func(p *resource, n *node) (Role, bool)
	restarts map[string]bool
	failed   *step
	rc       int
}

// executedFinal is finalOn for a transition cut short: each instance's role
// as the executed steps left it. It fills restarts with what they started
// and returns the step that failed. An instance the failed step left
// failed reports its role, not failed: the failed operation itself is
// recorded on top of its history.
func (r *Result) executedFinal(restarts map[string]bool) (func(p *resource, n *node) (Role, bool), *step) {
	w := r.w
	failed := r.executed[len(r.executed)-1]
	insts, _ := w.executedInsts(r.executed[:len(r.executed)-1], failed)
	state := map[string]*execInst{}
	for _, i := range insts {
		if i.role > RoleStopped {
			state[i.key+"\x00"+i.node] = i
		}
	}
	for _, s := range r.executed[:len(r.executed)-1] {
		if s.task == "start" || s.task == "migrate_from" {
			restarts[s.key+"\x00"+s.node] = true
		}
	}
	failedKey := failed.key + "\x00" + failed.node
	claimed := map[string]bool{}
	final := func(p *resource, n *node) (Role, bool) {
		k := key(p) + "\x00" + n.name
		i := state[k]
		if i == nil || claimed[k] {
			return RoleStopped, false
		}
		// An anonymous clone's instances share the key: the one that ran
		// there before keeps it.
		mine := false
		for _, s := range p.running {
			mine = mine || s.node == n
		}
		if !mine {
			for _, q := range w.allPrims {
				if q != p && key(q) == key(p) {
					for _, s := range q.running {
						if s.node == n {
							return RoleStopped, false
						}
					}
				}
			}
		}
		claimed[k] = true
		return i.role, i.failed && k != failedKey
	}
	return final, &failed
}

func (w *world) nextLRM(n *node, o *model.NodeState, call *int, fx lrmFixes) *model.LRM {
	restarts := fx.restarts
	lrm := &model.LRM{ID: n.id}
	origLR := map[string]*model.LRMResource{}
	var order []string
	if o != nil && o.LRM != nil {
		lrm.Base, lrm.ResourcesBase = o.LRM.Base, o.LRM.ResourcesBase
		if o.LRM.ID != "" {
			lrm.ID = o.LRM.ID
		}
		for _, lr := range o.LRM.Resources {
			if _, dup := origLR[lr.ID()]; !dup {
				order = append(order, lr.ID())
			}
			origLR[lr.ID()] = lr
		}
	}
	done := map[string]bool{}
	byID := map[string]*model.LRMResource{}
	op := func(id, task string, rc, target int) *model.LRMOp {
		c := *call
		*call++
		key := fmt.Sprintf("%d:0:%d:hakit", c, target)
		return &model.LRMOp{Attrs: model.OpAttrsList(model.Attrs{
			{Name: "id", Value: id + "_last_0"}, {Name: "operation_key", Value: id + "_" + task + "_0"},
			{Name: "operation", Value: task}, {Name: "crm-debug-origin", Value: "hakit"},
			{Name: "crm_feature_set", Value: "3.16.2"}, {Name: "transition-key", Value: key},
			{Name: "transition-magic", Value: fmt.Sprintf("0:%d;%s", rc, key)},
			{Name: "exit-reason", Value: ""}, {Name: "on_node", Value: n.name},
			{Name: "call-id", Value: strconv.Itoa(c)}, {Name: "rc-code", Value: strconv.Itoa(rc)},
			{Name: "op-status", Value: "0"}, {Name: "interval", Value: "0"},
			{Name: "last-rc-change", Value: "0"}, {Name: "exec-time", Value: "0"}, {Name: "queue-time", Value: "0"}})}
	}
	header := func(p *resource, id string) model.Attrs {
		var as model.Attrs
		if lr := origLR[id]; lr != nil {
			as = append(as, lr.Attrs...)
		}
		as.Set("id", id)
		class, provider, typ := agentParts(p)
		if as.Value("type") == "" {
			as.Set("type", typ)
		}
		if as.Value("class") == "" {
			as.Set("class", class)
		}
		if provider != "" && as.Value("provider") == "" {
			as.Set("provider", provider)
		}
		return as
	}
	for _, p := range w.allPrims {
		if p.orphan {
			continue
		}
		id := lrmID(p)
		if origLR[id] == nil && origLR[p.id] != nil && !done[p.id] {
			// An anonymous instance recorded with its number.
			origLR[id] = origLR[p.id]
			done[p.id] = true
		}
		role, failed := fx.final(p, n)
		var before *instState
		for _, s := range p.running {
			if s.node == n {
				before = s
			}
		}
		if done[id] && role <= RoleStopped {
			continue // another instance of an anonymous clone
		}
		switch {
		case role > RoleStopped && failed:
			if lr := origLR[id]; lr != nil {
				byID[id] = &model.LRMResource{Base: lr.Base, Attrs: header(p, id), Ops: lr.Ops}
			}
		case role > RoleStopped && before != nil && !before.failed && before.changed == "" && before.role == role &&
			hasDigest(origLR[id]) && !restarts[key(p)+"\x00"+n.name]:
			lr := origLR[id]
			byID[id] = &model.LRMResource{Base: lr.Base, Attrs: header(p, id), Ops: lr.Ops}
		case role > RoleStopped:
			lr := &model.LRMResource{Attrs: header(p, id)}
			lr.Ops = append(lr.Ops, op(id, "start", 0, 0))
			if p.prim != nil {
				params, _ := w.opParams(p, "start", n)
				lr.Ops[0].Attrs.Set("op-digest", paramsDigest(params))
			}
			if role == RolePromoted {
				lr.Ops[0].Attrs.Set("id", id+"_start_0")
				lr.Ops = append(lr.Ops, op(id, "promote", 0, 0))
			}
			byID[id] = lr
		case before != nil || origLR[id] != nil && !done[id]:
			if before == nil {
				if w.siblingRunsOn(p, n) {
					continue // the history is that instance's
				}
				lr := origLR[id]
				byID[id] = &model.LRMResource{Base: lr.Base, Attrs: header(p, id), Ops: lr.Ops}
				break
			}
			lr := &model.LRMResource{Attrs: header(p, id)}
			lr.Ops = append(lr.Ops, op(id, "stop", 0, 0))
			byID[id] = lr
		default:
			continue
		}
		done[id] = true
	}
	if f := fx.failed; f != nil && f.node == n.name && f.p != nil {
		id := lrmID(f.p)
		lr := byID[id]
		if lr == nil {
			lr = &model.LRMResource{Attrs: header(f.p, id)}
			if o := origLR[id]; o != nil {
				lr.Base, lr.Ops = o.Base, o.Ops
			}
			byID[id] = lr
			done[id] = true
		}
		target := 0
		if f.task == "monitor" && f.interval == 0 {
			target = 7
		}
		fop := op(id, f.task, fx.rc, target)
		fop.Attrs.Set("operation_key", fmt.Sprintf("%s_%s_%d", id, f.task, f.interval))
		fop.Attrs.Set("interval", strconv.Itoa(f.interval))
		fop.Attrs.Set("exit-reason", "User-injected result")
		if f.p.prim != nil {
			params, _ := w.opParams(f.p, f.task, n)
			fop.Attrs.Set("op-digest", paramsDigest(params))
		}
		opID := id + "_last_0"
		if f.interval > 0 {
			opID = fmt.Sprintf("%s_%s_%d", id, f.task, f.interval)
		}
		fop.Attrs.Set("id", opID)
		last := &model.LRMOp{Attrs: model.OpAttrsList(slices.Clone(fop.Attrs.List()))}
		last.Attrs.Set("id", id+"_last_failure_0")
		var ops []*model.LRMOp
		for _, o := range lr.Ops {
			if v := o.Attrs.Value("id"); v != opID && v != id+"_last_failure_0" {
				ops = append(ops, o)
			}
		}
		lr.Ops = append(ops, fop, last)
	}
	// Orphans and whatever else the scheduler did not claim stay as they were.
	for _, id := range order {
		if _, ok := byID[id]; !ok && !done[id] {
			if w.orphanStopped(id, n) {
				lr := &model.LRMResource{Attrs: append(model.Attrs(nil), origLR[id].Attrs...)}
				lr.Ops = append(lr.Ops, op(id, "stop", 0, 0))
				byID[id] = lr
			} else {
				byID[id] = origLR[id]
			}
		}
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range order {
		if byID[id] != nil {
			ids = append(ids, id)
			seen[id] = true
		}
	}
	var added []string
	for id := range byID {
		if !seen[id] {
			added = append(added, id)
		}
	}
	sort.Strings(added)
	for _, id := range append(ids, added...) {
		lrm.Resources = append(lrm.Resources, byID[id])
	}
	return lrm
}

// siblingRunsOn reports another instance of p's anonymous clone active on n
// by its history.
func (w *world) siblingRunsOn(p *resource, n *node) bool {
	c := p.cloneParent()
	if c == nil || c.unique {
		return false
	}
	for _, q := range c.primitives(nil) {
		if q != p && q.baseID == p.baseID {
			for _, s := range q.running {
				if s.node == n {
					return true
				}
			}
		}
	}
	return false
}

func (w *world) orphanStopped(id string, n *node) bool {
	for _, a := range w.orphanStops {
		if a.Resource != nil && *a.Resource == id && a.Node != nil && *a.Node == n.name {
			return true
		}
	}
	return false
}

// agentParts splits a primitive's agent into class, provider and type.
func agentParts(p *resource) (string, string, string) {
	if p.prim != nil && p.prim.Type != "" {
		return p.prim.Class, p.prim.Provider, p.prim.Type
	}
	if p.tmpl != nil && p.tmpl.Type != "" {
		return p.tmpl.Class, p.tmpl.Provider, p.tmpl.Type
	}
	f := strings.Split(p.agent, ":")
	switch len(f) {
	case 3:
		return f[0], f[1], f[2]
	case 2:
		return f[0], "", f[1]
	}
	return "ocf", "heartbeat", p.agent
}

// hasDigest reports whether a history records the parameters it ran with,
// so that the scheduler can tell it is the current definition.
func hasDigest(lr *model.LRMResource) bool {
	if lr == nil {
		return false
	}
	for _, op := range lr.Ops {
		if op.Attrs.Value("op-digest") != "" {
			return true
		}
	}
	return false
}
