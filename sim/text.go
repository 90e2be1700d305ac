package sim

import (
	"fmt"
	"hakit/model"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// nodeListLines prints the node list as crm_simulate 2.1 does: nodes in
// natural name order, one line per node in a special state, then the
// collapsed Online, OFFLINE, RemoteOnline, RemoteOFFLINE and GuestOnline
// lists. active tells which nodes host resources (a standby node says so).
func (w *world) nodeListLines(states map[string]string, active map[string]bool) []string {
	var names []string
	for n := range states {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return naturalLess(names[i], names[j]) })
	lists := map[string][]string{}
	var out []string
	for _, name := range names {
		st := states[name]
		kind, prefix := "", "Node"
		if n := w.byName[name]; n != nil && n.remote {
			kind, prefix = "Remote", "RemoteNode"
			if n.guest {
				kind, prefix = "Guest", "GuestNode"
			}
		}
		switch st {
		case "online":
			lists[kind+"Online"] = append(lists[kind+"Online"], name)
			continue
		case "offline":
			if kind != "Guest" {
				lists[kind+"OFFLINE"] = append(lists[kind+"OFFLINE"], name)
				continue
			}
		}
		label := map[string]string{"offline": "OFFLINE", "standby": "standby", "maintenance": "maintenance",
			"pending": "pending", "unclean-offline": "UNCLEAN (offline)", "unclean-online": "UNCLEAN (online)",
			"offline-standby": "OFFLINE (standby)", "offline-maintenance": "OFFLINE (maintenance)"}[st]
		if label == "" {
			label = st
		}
		if st == "standby" && active[name] {
			label = "standby (with active resources)"
		}
		out = append(out, fmt.Sprintf("    * %s %s: %s", prefix, name, label))
	}
	for _, l := range []string{"Online", "OFFLINE", "RemoteOnline", "RemoteOFFLINE", "GuestOnline"} {
		if ns := lists[l]; len(ns) > 0 {
			out = append(out, fmt.Sprintf("    * %s: [ %s ]", l, strings.Join(ns, " ")))
		}
	}
	return out
}

// naturalLess orders names as Pacemaker sorts node names: case-insensitive,
// runs of digits compared as numbers.
func naturalLess(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// activeNodes tells which nodes run a resource now.
func (w *world) activeNodes(bool) map[string]bool {
	m := map[string]bool{}
	for _, p := range w.allPrims {
		for _, s := range p.running {
			m[s.node.name] = true
		}
		for _, s := range p.lost {
			m[s.node.name] = true
		}
	}
	return m
}

func (w *world) currentStates() map[string]string {
	m := map[string]string{}
	for _, n := range w.nodes {
		switch {
		case n.unclean:
			if n.online {
				m[n.name] = "unclean-online"
			} else {
				m[n.name] = "unclean-offline"
			}
		case !n.online:
			m[n.name] = "offline"
		case n.standby:
			m[n.name] = "standby"
		case n.maint:
			m[n.name] = "maintenance"
		case n.pending:
			m[n.name] = "pending"
		default:
			m[n.name] = "online"
		}
	}
	return m
}

func (w *world) writeResources(out io.Writer, current bool) {
	fmt.Fprintln(out, "  * Full List of Resources:")
	for _, p := range w.displayPrims() {
		if c := p.cloneParent(); c != nil && c.bundle == nil && c.parent == nil {
			if c.children[0].primitives(nil)[0] == p {
				w.writeClone(out, c, current)
			}
			continue
		}
		if g := p.parent; g != nil && g.kind == kGroup && g.cloneParent() == nil && g.children[0] == p {
			if g.targetRole == RoleStopped {
				fmt.Fprintf(out, "    * Resource Group: %s (disabled):\n", g.id)
			} else {
				fmt.Fprintf(out, "    * Resource Group: %s:\n", g.id)
			}
		}
		indent := "    "
		if g := p.parent; g != nil && g.kind == kGroup {
			indent = "      "
		}
		fmt.Fprintf(out, "%s* %s\t(%s):\t %s\n", indent, p.id, p.agent, w.primText(p, current))
	}
}

// primText is what the status shows after a primitive's name and agent,
// as Pacemaker's native resource text has it: [ORPHANED] FAILED [Promoted]
// or the role, the node when it runs on one, flags in parentheses, and the
// node list when it runs on several.
func (w *world) primText(p *resource, current bool) string {
	shown := w.shown(p, current)
	failed := false
	role := RoleStopped
	for _, s := range shown {
		failed = failed || s.failed
		if s.role > role {
			role = s.role
		}
	}
	var text string
	switch {
	case failed:
		text = "FAILED"
		if role == RolePromoted {
			text += " Promoted"
		}
	default:
		text = role.String()
	}
	if len(shown) == 1 {
		text += " " + shown[0].node.name
	}
	if len(shown) == 0 && len(p.notInstalled) > 0 {
		text += " (not installed) " // with the trailing space Pacemaker prints
	}
	var flags []string
	if len(shown) == 1 && shown[0].node.unclean && (!shown[0].node.fence || current) && !(current && w.failOnline(shown[0].node)) {
		flags = append(flags, "UNCLEAN")
	}
	if p.targetRole == RoleStopped {
		flags = append(flags, "disabled")
	}
	if w.shownBlocked(p, shown) {
		flags = append(flags, "blocked")
	} else if w.configUnmanaged(p) {
		flags = append(flags, "unmanaged")
	}
	if len(flags) > 0 {
		text += " (" + strings.Join(flags, ", ") + ")"
	}
	if len(shown) > 1 {
		var ns []string
		for _, s := range shown {
			ns = append(ns, s.node.name)
		}
		text += " [ " + strings.Join(ns, " ") + " ]"
	}
	return text
}

// shownBlocked reports what the status marks blocked: a failure with
// on-fail=block, or a stop that failed where nothing can fence.
func (w *world) shownBlocked(p *resource, shown []shownState) bool {
	failed, stopFail := false, false
	for _, s := range p.running {
		failed = failed || s.failed
		stopFail = stopFail || s.stopFail
	}
	if !failed {
		return false
	}
	return p.blocked || stopFail && !w.stonith
}

// configUnmanaged reports a resource the configuration leaves unmanaged
// (is-managed=false, maintenance), as the status marks it.
func (w *world) configUnmanaged(p *resource) bool {
	v, ok := p.meta["is-managed"]
	return ok && !model.IsTrue(v) || p.maint || w.maintMode
}

// WriteText prints the result in crm_simulate's layout.
func (r *Result) WriteText(out io.Writer) error {
	w := r.w
	dateLine := ""
	if !w.nowSet && w.cluster.CIB != nil {
		if v, err := strconv.ParseInt(w.cluster.CIB.Attrs.Value("execution-date"), 10, 64); err == nil && v > 0 {
			dateLine = "Using the original execution date of: " + time.Unix(v, 0).UTC().Format("2006-01-02 15:04:05Z")
			fmt.Fprintln(out, dateLine)
		}
	}
	fmt.Fprintln(out, "Current cluster status:")
	fmt.Fprintln(out, "  * Node List:")
	cur := w
	if r.before != nil {
		cur = r.before
	}
	states := w.before
	if r.before == nil {
		// A node the status itself shows unclean (a failed stop there)
		// is UNCLEAN in the current status already.
		states = map[string]string{}
		for k, v := range w.before {
			states[k] = v
			if n := w.byName[k]; n != nil && n.failFenced && v == "online" {
				states[k] = "unclean-online"
			}
		}
	}
	for _, l := range w.nodeListLines(states, cur.activeNodes(true)) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintln(out)
	if r.before != nil {
		r.before.writeResources(out, true)
	} else {
		w.writeResources(out, true)
	}
	if len(w.injected) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Performing Requested Modifications:")
		for _, l := range w.injected {
			fmt.Fprintf(out, "  * %s\n", l)
		}
	}
	if len(r.Scores) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Allocation Scores:")
		for _, l := range w.scoreLines() {
			fmt.Fprintln(out, l)
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Transition Summary:")
	for _, a := range r.sortedActions() {
		fmt.Fprintf(out, "  * %s\n", w.summaryLine(a))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Executing Cluster Transition:")
	if r.executed != nil && len(r.FailedOps) > 0 {
		for i, s := range r.executed {
			fmt.Fprintf(out, "  * %s\n", s.text())
			if i == len(r.executed)-1 {
				f := r.FailedOps[0]
				fmt.Fprintf(out, "Pretending action %d failed with rc=%d\n", i+1, f.RC)
				id := w.byName[f.Node].id
				fmt.Fprintf(out, "  * Injecting attribute fail-count-%s#%s_%d=value++ into /node_state '%s'\n", s.p.baseID, f.Operation, f.Interval, id)
				fmt.Fprintf(out, "  * Injecting attribute last-failure-%s#%s_%d=%d into /node_state '%s'\n", s.p.baseID, f.Operation, f.Interval, w.now, id)
			}
		}
	} else {
		for _, l := range r.graphLines() {
			fmt.Fprintf(out, "  * %s\n", l)
		}
	}
	if dateLine != "" {
		fmt.Fprintln(out, dateLine)
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Revised Cluster Status:")
	fmt.Fprintln(out, "  * Node List:")
	activeAfter := map[string]bool{}
	for _, roles := range r.Placement.Resources {
		for _, ns := range roles {
			for _, n := range ns {
				activeAfter[n] = true
			}
		}
	}
	for _, l := range w.nodeListLines(r.Placement.Nodes, activeAfter) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintln(out)
	if len(r.FailedOps) > 0 {
		r.writePlacedResources(out)
	} else {
		w.writeResources(out, false)
	}
	return nil
}

// writePlacedResources lists the resources as the placement has them (after
// an --op-fail stopped the transition).
func (r *Result) writePlacedResources(out io.Writer) {
	fmt.Fprintln(out, "  * Full List of Resources:")
	left := map[string][][2]string{}
	for k, roles := range r.Placement.Resources {
		var rs []string
		for role := range roles {
			rs = append(rs, role)
		}
		sort.Strings(rs)
		for _, role := range rs {
			for _, n := range roles[role] {
				left[k] = append(left[k], [2]string{role, n})
			}
		}
	}
	for _, p := range r.w.displayPrims() {
		if g := p.parent; g != nil && g.kind == kGroup && g.cloneParent() == nil && g.children[0] == p {
			fmt.Fprintf(out, "    * Resource Group: %s:\n", g.id)
		}
		k := key(p)
		var parts []string
		anon := false
		if c := p.cloneParent(); c != nil && !c.unique && p.replicaKey == "" {
			anon = true
		}
		for len(left[k]) > 0 {
			e := left[k][0]
			left[k] = left[k][1:]
			parts = append(parts, e[0]+" "+e[1])
			if anon {
				break
			}
		}
		if len(parts) == 0 {
			parts = []string{"Stopped"}
		}
		fmt.Fprintf(out, "    * %s\t(%s):\t %s\n", p.id, p.agent, strings.Join(parts, ", "))
	}
}

func scoreText(s int) string {
	switch {
	case s >= Infinity:
		return "INFINITY"
	case s <= -Infinity:
		return "-INFINITY"
	}
	return fmt.Sprint(s)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// displayPrims lists the primitives in the order crm_simulate shows
// resources: top-level resources by priority (highest first), document
// order among equals.
func (w *world) displayPrims() []*resource {
	ps := append([]*resource(nil), w.allPrims...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].top().priority > ps[j].top().priority })
	return ps
}

// displayIndex maps each placement key to its first position in
// displayPrims.
func (w *world) displayIndex() map[string]int {
	idx := map[string]int{}
	for i, p := range w.displayPrims() {
		if _, ok := idx[key(p)]; !ok {
			idx[key(p)] = i
		}
	}
	return idx
}

// sortedActions orders the summary as crm_simulate does: fencing first,
// then by resource in display order.
func (r *Result) sortedActions() []Action {
	as := append([]Action(nil), r.Actions...)
	idx := r.w.displayIndex()
	first := map[string]*resource{}
	for _, p := range r.w.displayPrims() {
		if _, ok := first[key(p)]; !ok {
			first[key(p)] = p
		}
	}
	// A clone's actions come instance by instance (a cloned group's
	// member by member within each instance), as crm_simulate walks the
	// resources.
	type rk struct{ top, inst, member int }
	rank := func(a Action) rk {
		if a.Resource == nil {
			return rk{-1, 0, 0}
		}
		i, ok := idx[*a.Resource]
		if !ok {
			return rk{len(idx), 0, 0}
		}
		p := first[*a.Resource]
		c := p.cloneParent()
		if c == nil || c.bundle != nil {
			return rk{i, 0, 0}
		}
		top := idx[key(c.primitives(nil)[0])]
		name := a.inst
		if name == "" {
			name = *a.Resource
		}
		inst := 0
		if k := strings.LastIndexByte(name, ':'); k >= 0 {
			inst, _ = strconv.Atoi(name[k+1:])
		}
		member := 0
		if g := p.parent; g != nil && g.kind == kGroup {
			for m, q := range g.children {
				if q == p {
					member = m
				}
			}
		}
		return rk{top, inst, member}
	}
	sort.SliceStable(as, func(i, j int) bool {
		ri, rj := rank(as[i]), rank(as[j])
		if ri.top == -1 && rj.top == -1 {
			// Fencing: last node first, as crm_simulate lists it.
			return naturalLess(deref(as[j].Node), deref(as[i].Node))
		}
		if ri.top != rj.top {
			return ri.top < rj.top
		}
		if ri.inst != rj.inst {
			return ri.inst < rj.inst
		}
		return ri.member < rj.member
	})
	return as
}

// summaryLine is a's Transition Summary line with what only the world
// knows: a blocked stop on a node that is up is blocked "due to node
// availability", and a start or stop held by a require-all=false order
// names the order's clone-one-or-more pseudo-action.
func (w *world) summaryLine(a Action) string {
	if a.Resource != nil && a.Blocked && a.reason == "" && a.Action == "Stop" {
		if n := w.byName[deref(a.Node)]; n != nil && !n.unclean {
			a.reason = "node availability"
		}
	}
	if a.Resource != nil && a.reason == "" && (a.Action == "Stop" && !a.Blocked || a.Blocked && a.Action == "Promote") {
		// Held by a mandatory colocation with something that does not
		// run: crm_simulate names it.
		for _, p := range w.allPrims {
			if key(p) != *a.Resource {
				continue
			}
			for _, c := range p.top().cons {
				if c.score >= Infinity && c.primary != nil && c.primary.kind == kPrimitive && c.primary.assigned == nil && len(c.primary.running) > 0 {
					a.reason = "colocation with " + c.primary.id
				}
			}
			break
		}
	}
	if strings.HasPrefix(a.reason, "unrunnable ") && strings.HasSuffix(a.reason, " running") && a.Resource != nil {
		first := strings.TrimSuffix(strings.TrimPrefix(a.reason, "unrunnable "), " running")
		for _, o := range w.orders {
			if !o.requireAll && o.firsts == nil && o.first != nil && o.first.id == first && o.then != nil &&
				(o.then.id == *a.Resource || o.then.kind != kPrimitive && containsKey(o.then, *a.Resource)) {
				a.reason = "unrunnable clone-one-or-more:" + o.id
				break
			}
		}
	}
	return a.line()
}

// containsKey reports whether a primitive of r has the placement key k.
func containsKey(r *resource, k string) bool {
	for _, p := range r.primitives(nil) {
		if key(p) == k {
			return true
		}
	}
	return false
}

func (a Action) line() string {
	if a.Resource == nil {
		if a.reason != "" {
			return fmt.Sprintf("%-10s %s '%s'", a.Action, deref(a.Node), a.reason)
		}
		return fmt.Sprintf("%-10s %s", a.Action, deref(a.Node))
	}
	var where string
	switch {
	case a.ToNode != nil && a.Role != nil:
		where = fmt.Sprintf("%s %s -> %s", deref(a.Role), deref(a.Node), deref(a.ToNode))
	case a.ToNode != nil:
		where = fmt.Sprintf("%s -> %s", deref(a.Node), deref(a.ToNode))
	case a.ToRole != nil:
		where = fmt.Sprintf("%s -> %s %s", deref(a.Role), deref(a.ToRole), deref(a.Node))
	case a.Role != nil:
		where = fmt.Sprintf("%s %s", deref(a.Role), deref(a.Node))
	default:
		where = deref(a.Node)
	}
	name := deref(a.Resource)
	if a.inst != "" {
		name = a.inst
	}
	s := fmt.Sprintf("%-10s %-14s ( %s )", a.Action, name, where)
	switch {
	case a.reason != "" && a.Blocked:
		s += "  due to " + a.reason + " (blocked)"
	case a.reason != "":
		s += "  due to " + a.reason
	case a.Blocked:
		s += "  blocked"
	case a.Action == "Stop":
		s += "  due to node availability"
	}
	return s
}

func (a Action) steps() []string {
	rsc, n, to := deref(a.Resource), deref(a.Node), deref(a.ToNode)
	switch a.Action {
	case "Start":
		return []string{fmt.Sprintf("Resource action: %-15s start on %s", rsc, n)}
	case "Stop":
		return []string{fmt.Sprintf("Resource action: %-15s stop on %s", rsc, n)}
	case "Move", "Recover":
		if to == "" {
			to = n
		}
		return []string{fmt.Sprintf("Resource action: %-15s stop on %s", rsc, n),
			fmt.Sprintf("Resource action: %-15s start on %s", rsc, to)}
	case "Migrate":
		return []string{fmt.Sprintf("Resource action: %-15s migrate_to on %s", rsc, n),
			fmt.Sprintf("Resource action: %-15s migrate_from on %s", rsc, to)}
	case "Promote":
		return []string{fmt.Sprintf("Resource action: %-15s promote on %s", rsc, n)}
	case "Demote":
		return []string{fmt.Sprintf("Resource action: %-15s demote on %s", rsc, n)}
	}
	if strings.HasPrefix(a.Action, "Fence") {
		return []string{fmt.Sprintf("Fencing %s (reboot)", n)}
	}
	return nil
}

// probes lists the probes the transition runs, as crm_simulate prints
// them: for each resource in display order, on each node that can run them
// (last node first) where its state is unknown. Clone instances and bundle
// replicas are left out (their probes are not modelled).
func (w *world) probes() []string {
	var out []string
	for _, pr := range w.probeList() {
		out = append(out, fmt.Sprintf("Resource action: %-15s monitor on %s", pr.name, pr.node.name))
	}
	return out
}

// probeList lists the probes as probes prints them, with the instance
// each belongs to.
func (w *world) probeList() []probe {
	var nodes []*node
	for _, n := range w.nodes {
		if !n.remote && n.online && !n.unclean && !n.pending && !n.fence {
			nodes = append(nodes, n)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return naturalLess(nodes[j].name, nodes[i].name) })
	var out []probe
	var p *resource
	line := func(id string, n *node) {
		out = append(out, probe{p: p, name: id, node: n})
	}
	for _, p = range w.displayPrims() {
		if p.bundle != nil || p.orphan {
			continue
		}
		c := p.cloneParent()
		switch {
		case c == nil:
			for _, n := range nodes {
				if !p.knownOn[n] {
					line(p.id, n)
				}
			}
		case c.unique && (p.parent == c || p.parent.kind == kGroup && p.parent.parent == c):
			for _, n := range nodes {
				if !p.knownOn[n] {
					line(p.id, n)
				}
			}
		case p.parent != c && p.parent.kind == kGroup && p.parent.parent == c && !c.unique:
			// A member of an anonymous clone's group instance: as
			// an anonymous instance, per member.
			n := p.assigned
			if n == nil || p.nextRole <= RoleStopped || !n.online || n.unclean || n.pending || n.remote {
				continue
			}
			known := false
			for _, q := range c.primitives(nil) {
				known = known || q.baseID == p.baseID && q.knownOn[n]
			}
			if !known {
				line(w.anonName(p), n)
			}
		case p.parent == c:
			// Anonymous: every node where no instance is known gets
			// one probe, by the instance going there, else by the
			// first instance.
			for _, n := range nodes {
				known := false
				var to *resource
				for _, q := range c.children {
					known = known || q.knownOn[n]
					if q.assigned == n && q.nextRole > RoleStopped {
						to = q
					}
				}
				if to == nil {
					to = c.children[0]
				}
				if !known && to == p && !w.historyOn(c, n) {
					line(w.anonName(p), n)
				}
			}
		}
	}
	return out
}

// instState is what one clone instance shows: role, node, failed.
type shownState struct {
	role   Role
	node   *node
	failed bool
}

func (w *world) shown(p *resource, current bool) []shownState {
	var out []shownState
	if current || !p.managed {
		for _, s := range p.running {
			out = append(out, shownState{s.role, s.node, s.failed})
		}
		if current {
			// What runs on a node this transition fences still
			// runs there now.
			for _, s := range p.lost {
				out = append(out, shownState{s.role, s.node, s.failed})
			}
		}
		return out
	}
	if p.assigned != nil && p.nextRole > RoleStopped {
		out = append(out, shownState{p.nextRole, p.assigned, false})
	}
	return out
}

// writeClone prints a clone of primitives as crm_simulate 2.1 does: a
// header with its flags, unique instances one by one, anonymous ones
// collapsed into Promoted / Started (Unpromoted) / Stopped node lists,
// failed or unmanaged instances in full.
func (w *world) writeClone(out io.Writer, c *resource, current bool) {
	var flags []string
	if c.promotable {
		flags = append(flags, "promotable")
	}
	if c.unique {
		flags = append(flags, "unique")
	}
	if !c.children[0].managed && !c.children[0].noDevice {
		flags = append(flags, "unmanaged")
	}
	disabled := c.targetRole == RoleStopped
	if disabled {
		flags = append(flags, "disabled")
	}
	childID := c.template.id
	head := fmt.Sprintf("    * Clone Set: %s [%s]", c.id, childID)
	if len(flags) > 0 {
		head += " (" + strings.Join(flags, ", ") + ")"
	}
	fmt.Fprintln(out, head+":")
	line := func(id, agent, st string) {
		fmt.Fprintf(out, "      * %s\t(%s):\t %s\n", id, agent, st)
	}
	roleText := func(s shownState) string {
		t := s.role.String()
		if s.failed {
			t = "FAILED"
			if s.role == RolePromoted {
				t = "FAILED Promoted"
			}
		}
		return t + " " + s.node.name
	}
	group := func(g *resource, name func(*resource) string) {
		fmt.Fprintf(out, "      * Resource Group: %s:\n", g.id)
		for _, p := range g.children {
			fmt.Fprintf(out, "        * %s\t(%s):\t %s\n", name(p), p.agent, w.primText(p, current))
		}
	}
	if c.unique {
		for _, p := range c.children {
			if p.kind == kGroup {
				group(p, func(q *resource) string { return q.id })
				continue
			}
			ss := w.shown(p, current)
			if len(ss) == 0 {
				line(p.id, p.agent, "Stopped")
				continue
			}
			for _, s := range ss {
				line(p.id, p.agent, roleText(s))
			}
		}
		return
	}
	var promoted, started []*node
	running := map[*node]bool{}
	active, activeN := 0, 0
	for _, g := range c.children {
		if g.kind == kGroup {
			full, active, loc, role := false, 0, (*node)(nil), RoleStopped
			for _, p := range g.children {
				ss := w.shown(p, current)
				if len(ss) > 0 {
					active++
				}
				if len(ss) > 1 || !p.managed && !p.noDevice {
					full = true
				}
				for _, s := range ss {
					running[s.node] = true
					full = full || s.failed || loc != nil && loc != s.node
					loc = s.node
					role = max(role, s.role)
				}
			}
			switch {
			case active == 0:
			case full || active < len(g.children) || !loc.online && loc.unclean && !(current && w.failOnline(loc)):
				group(g, func(q *resource) string { return q.baseID })
			case role == RolePromoted:
				promoted = append(promoted, loc)
			default:
				started = append(started, loc)
			}
			if active > 0 {
				activeN++
			}
			continue
		}
		p := g
		for _, s := range w.shown(p, current) {
			running[s.node] = true
			switch {
			case s.failed || !p.managed && !p.noDevice || !s.node.online && s.node.unclean && !(current && w.failOnline(s.node)):
				st := roleText(s)
				var flags []string
				if !s.node.online && s.node.unclean && !(current && w.failOnline(s.node)) {
					flags = append(flags, "UNCLEAN")
				}
				if !p.managed && !p.noDevice {
					flags = append(flags, "unmanaged")
				}
				if len(flags) > 0 {
					st += " (" + strings.Join(flags, ", ") + ")"
				}
				line(p.baseID, p.agent, st)
			case s.role == RolePromoted:
				promoted = append(promoted, s.node)
				active++
			default:
				started = append(started, s.node)
				active++
			}
		}
	}
	names := func(ns []*node) string {
		var out []string
		for _, n := range ns {
			out = append(out, n.name)
		}
		sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
		return strings.Join(out, " ")
	}
	if len(promoted) > 0 {
		fmt.Fprintf(out, "      * Promoted: [ %s ]\n", names(promoted))
	}
	if len(started) > 0 {
		label := "Started"
		if c.promotable {
			label = "Unpromoted"
		}
		fmt.Fprintf(out, "      * %s: [ %s ]\n", label, names(started))
	}
	if c.cloneMax > active+activeN {
		var stopped []*node
		for _, n := range w.nodes {
			if running[n] || n.remote && (c.template.class == "stonith" || !n.remoteUp() && !current) {
				continue
			}
			if !w.symmetric && !w.cloneAllowed(c, n) {
				continue
			}
			stopped = append(stopped, n)
		}
		// One line per state, states in text order; a node where a
		// probe found the agent missing says so.
		byState := map[string][]*node{}
		for _, n := range stopped {
			st := "Stopped"
			if disabled {
				st = "Stopped (disabled)"
			}
			for _, p := range c.primitives(nil) {
				if slices.Contains(p.notInstalled, n) {
					st = "Stopped (not installed)"
				}
			}
			byState[st] = append(byState[st], n)
		}
		for _, st := range []string{"Stopped", "Stopped (disabled)", "Stopped (not installed)"} {
			if ns := byState[st]; len(ns) > 0 {
				fmt.Fprintf(out, "      * %s: [ %s ]\n", st, names(ns))
			}
		}
	}
}

// cloneAllowed reports a location constraint of clone c on n, whatever its
// score: in an asymmetric cluster such nodes are the clone's allowed nodes,
// which its Stopped list shows.
func (w *world) cloneAllowed(c *resource, n *node) bool {
	for _, l := range w.locs {
		if l.node == n && (l.rsc == c || l.rsc.cloneParent() == c) {
			return true
		}
	}
	return false
}

// executedLines approximates crm_simulate's executed list: the stop (and a
// group's start) pseudo-actions that wait for nothing, the probes, fencing,
// each group's or clone's stops and then starts between its pseudo-actions
// (a clone's recurring monitors after them), promotions, the rest of the
// monitors. crm_simulate runs its graph in passes, so the order is an
// approximation where actions do not depend on each other.
func (r *Result) executedLines() []string {
	steps := r.w.runOrder(r.executionSteps())
	container := func(s step) *resource {
		if s.p == nil {
			return nil
		}
		t := s.p.top()
		if t.bundle != nil || t.kind == kPrimitive {
			return nil
		}
		return t
	}
	pseudo := func(c *resource, what string) string {
		return fmt.Sprintf("Pseudo action:   %s_%s_0", c.id, what)
	}
	has := map[*resource]map[string]bool{}
	mark := func(c *resource, task string) {
		if has[c] == nil {
			has[c] = map[string]bool{}
		}
		has[c][task] = true
	}
	var order []*resource
	for _, s := range steps {
		if c := container(s); c != nil {
			if has[c] == nil {
				order = append(order, c)
			}
			mark(c, s.task)
		}
	}
	var out []string
	for _, c := range order {
		if has[c]["stop"] {
			out = append(out, pseudo(c, "stop"))
		} else if c.kind == kGroup && has[c]["start"] {
			out = append(out, pseudo(c, "start"))
		}
	}
	out = append(out, r.w.probes()...)
	phase := func(tasks map[string]bool, open, done string, withMon bool) {
		var lone []string
		byC := map[*resource][]string{}
		var mons map[*resource][]string
		if withMon {
			mons = map[*resource][]string{}
		}
		for _, s := range steps {
			c := container(s)
			task := s.task
			if task == "monitor" && s.role == RoleStopped {
				task = "stopped-monitor"
			}
			if task == "monitor" && withMon && c != nil {
				mons[c] = append(mons[c], s.text())
				continue
			}
			if !tasks[task] {
				continue
			}
			if c == nil {
				lone = append(lone, s.text())
				continue
			}
			byC[c] = append(byC[c], s.text())
		}
		out = append(out, lone...)
		for _, c := range order {
			ls := byC[c]
			if len(ls) == 0 {
				continue
			}
			if open != "" && !(open == "start" && c.kind == kGroup && !has[c]["stop"]) {
				out = append(out, pseudo(c, open))
			}
			out = append(out, ls...)
			if c.kind == kGroup && withMon {
				out = append(out, mons[c]...)
				delete(mons, c)
			}
			out = append(out, pseudo(c, done))
			if withMon {
				out = append(out, mons[c]...)
				delete(mons, c)
			}
		}
		for _, c := range order {
			out = append(out, mons[c]...) // of what only got promoted
		}
	}
	for _, s := range steps {
		if s.task == "fence" {
			out = append(out, s.text())
		}
	}
	phase(map[string]bool{"demote": true}, "demote", "demoted", false)
	phase(map[string]bool{"stop": true, "migrate_to": true}, "", "stopped", false)
	phase(map[string]bool{"start": true, "migrate_from": true, "stopped-monitor": true}, "start", "running", true)
	phase(map[string]bool{"promote": true}, "promote", "promoted", false)
	for _, s := range steps {
		if s.task == "monitor" && s.role != RoleStopped && container(s) == nil {
			out = append(out, s.text())
		}
	}
	return out
}

// historyOn reports whether n's status holds history of any instance of
// anonymous clone c (under its own name or an instance's): no probe there.
func (w *world) historyOn(c *resource, n *node) bool {
	if w.cluster.Status == nil {
		return false
	}
	for _, ns := range w.cluster.Status.Nodes {
		if ns.Attrs.Value("uname") != n.name && ns.Attrs.Value("id") != n.id || ns.LRM == nil {
			continue
		}
		for _, lr := range ns.LRM.Resources {
			for _, p := range c.primitives(nil) {
				if id := lr.ID(); id == p.baseID || id == p.id {
					return true
				}
			}
		}
	}
	return false
}

// failOnline reports a node that a failed stop makes unclean while it is
// still a member: the current status shows it UNCLEAN (online), and what
// runs there without the offline node's UNCLEAN mark.
func (w *world) failOnline(n *node) bool {
	return n.failFenced && w.before[n.name] == "online"
}

// anonName is the name crm_simulate gives an anonymous clone instance:
// the primitive's own id when the history uses it, else the instance's.
func (w *world) anonName(p *resource) string {
	if w.historyNames()[p.baseID] {
		return p.baseID
	}
	return p.id
}
