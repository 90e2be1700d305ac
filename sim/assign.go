package sim

import (
	"sort"
	"strings"

	"hakit/model"
)

func (w *world) newWeights(r *resource) {
	r.weights = make([]int, len(w.nodes))
	r.allowed = make([]bool, len(w.nodes))
	if w.symmetric {
		for i, n := range w.nodes {
			r.allowed[i] = !(n.guest && n.conn != nil && n.conn.bundle != nil) && !(n.remote && r.class == "stonith")
		}
	}
	for _, c := range r.children {
		w.newWeights(c)
	}
	if r.template != nil {
		w.newWeights(r.template)
	}
}

// addWeight adds a score on a node, making it allowed.
func addWeight(r *resource, n *node, score int) {
	if n.remote && r.class == "stonith" {
		return
	}
	if !r.allowed[n.idx] {
		r.allowed[n.idx] = true
		r.weights[n.idx] = 0
	}
	r.weights[n.idx] = addScores(r.weights[n.idx], score)
}

// applyLocation applies a location score to r and everything below it, as
// Pacemaker applies a group's or clone's location to its children.
func (w *world) applyLocation(r *resource, n *node, score int) {
	addWeight(r, n, score)
	if r.kind == kClone {
		// Instances start from the clone's weights at distribution time.
		return
	}
	colocated := r.kind == kGroup && !(r.meta["collocated"] != "" && !model.IsTrue(r.meta["collocated"]))
	for i, c := range r.children {
		if colocated && i > 0 {
			// Pacemaker gives a colocated group's location score to its
			// first member only; the others follow it (they are only
			// allowed there).
			w.applyLocation(c, n, 0)
			continue
		}
		w.applyLocation(c, n, score)
	}
}

// initScores sets node scores from locations, stickiness and failures.
func (w *world) initScores() {
	for _, r := range w.rscs {
		w.newWeights(r)
	}
	for _, l := range w.locs {
		if l.role == RolePromoted || l.role == RoleUnpromoted {
			c := l.rsc
			if c.kind != kClone {
				if p := c.cloneParent(); p != nil {
					c = p
				}
			}
			if c.locPromoted == nil {
				c.locPromoted = make([]int, len(w.nodes))
			}
			if l.role == RolePromoted {
				c.locPromoted[l.node.idx] = addScores(c.locPromoted[l.node.idx], l.score)
			}
			if l.role == RoleUnpromoted || l.score < 0 && false {
				w.applyLocation(l.rsc, l.node, l.score)
			}
			continue
		}
		w.applyLocation(l.rsc, l.node, l.score)
	}
	for _, p := range w.allPrims {
		w.applyStickiness(p)
	}
	w.applyExclusive()
	w.avoidRemoteNodes()
	w.applyHealth()
}

// avoidRemoteNodes bans managed remote connections, and the containers of
// guest nodes outside bundles, from every remote and guest node, as
// Pacemaker's implicit constraints do (no nesting of remotes).
func (w *world) avoidRemoteNodes() {
	for _, n := range w.nodes {
		p := n.conn
		if p == nil || !p.managed || p.bundle != nil || p.cloneParent() != nil {
			continue
		}
		if n.shutdown && !n.guest {
			// A remote node shutting down: its connection stops.
			for i := range w.nodes {
				p.weights[i] = -Infinity
			}
		}
		for _, m := range w.nodes {
			if m.remote && p.allowed[m.idx] {
				p.weights[m.idx] = -Infinity
			}
		}
	}
}

// applyHealth scores nodes by their #health-* attributes under the
// node-health-strategy.
func (w *world) applyHealth() {
	strategy := strings.ToLower(w.opt("node-health-strategy", "none"))
	if strategy == "none" || strategy == "" {
		return
	}
	red := parseScore(w.opt("node-health-red", "-INFINITY"))
	yellow := parseScore(w.opt("node-health-yellow", "0"))
	green := parseScore(w.opt("node-health-green", "0"))
	switch strategy {
	case "migrate-on-red":
		red, yellow, green = -Infinity, 0, 0
	case "only-green":
		red, yellow, green = -Infinity, -Infinity, 0
	}
	for _, n := range w.nodes {
		score := 0
		for k, v := range n.attrs {
			if !strings.HasPrefix(k, "#health") {
				continue
			}
			switch strings.ToLower(v) {
			case "red":
				score = addScores(score, red)
			case "yellow":
				score = addScores(score, yellow)
			case "green":
				score = addScores(score, green)
			default:
				if strategy == "progressive" || strategy == "custom" {
					score = addScores(score, parseScore(v))
				}
			}
		}
		if score == 0 {
			continue
		}
		for _, r := range w.rscs {
			w.applyLocation(r, n, score)
		}
	}
}

func (w *world) applyStickiness(p *resource) {
	c := p.cloneParent()
	fails := p.failcnt
	if fillers, conn := w.fillersOf(p), w.guestConnFails(p); len(fillers) > 0 || len(conn) > 0 {
		// A container's fail count includes its fillers', the implicit
		// connection of its guest node among them.
		fails = map[*node]int{}
		for _, q := range append(fillers, p) {
			for n, cnt := range q.failcnt {
				fails[n] = addScores(fails[n], cnt)
			}
		}
		for n, cnt := range conn {
			fails[n] = addScores(fails[n], cnt)
		}
	}
	for n, cnt := range fails {
		if cnt >= p.migThreshold && !w.failIgnored[p] {
			if c != nil && !c.unique {
				// Anonymous instances share a fail count: ban the node for
				// every instance.
				addWeight(c, n, -Infinity)
			} else {
				addWeight(p, n, -Infinity)
			}
		}
	}
	for n := range p.banned {
		if c != nil && !c.unique {
			addWeight(c, n, -Infinity)
		} else {
			addWeight(p, n, -Infinity)
		}
	}
	if !p.managed || len(p.running) != 1 {
		return
	}
	stick := p.stickiness
	if stick == 0 {
		return
	}
	n := p.running[0].node
	if !w.symmetric && !p.allowed[n.idx] && c == nil {
		// Stickiness does not make a node allowed in an opt-in cluster.
		if p.parent == nil || p.parent.kind != kGroup || !p.parent.allowed[n.idx] {
			return
		}
	}
	addWeight(p, n, stick)
}

// fillersOf lists the primitives whose container is c.
func (w *world) fillersOf(c *resource) []*resource {
	if w.fillers == nil {
		// Indexed once: a scan of every primitive for each one is
		// quadratic (minutes at 10,000 resources).
		w.fillers = map[*resource][]*resource{}
		for _, q := range w.allPrims {
			if k := w.containerOf(q); k != nil {
				w.fillers[k] = append(w.fillers[k], q)
			}
		}
	}
	return w.fillers[c]
}

// guestConnFails reads the fail counts of the implicit connection of the
// guest node p contains (the connection is named after the node).
func (w *world) guestConnFails(p *resource) map[*node]int {
	g := w.byName[p.meta["remote-node"]]
	if g == nil || !g.guest || g.conn != p || p.bundle != nil {
		return nil
	}
	out := map[*node]int{}
	for _, n := range w.nodes {
		for k, v := range n.attrs {
			name, ok := strings.CutPrefix(k, "fail-count-")
			if !ok {
				continue
			}
			name, _, _ = strings.Cut(name, "#")
			if name == g.name {
				out[n] = addScores(out[n], parseScore(v))
			}
		}
	}
	return out
}

// canRunAny reports whether some allowed node with a non-negative score can
// run resources.
func (w *world) canRunAny(weights []int, allowed []bool) bool {
	for i, n := range w.nodes {
		if allowed[i] && weights[i] >= 0 && n.canRun() {
			return true
		}
	}
	return false
}

func (w *world) attrOf(n *node, attr string) string {
	if attr == "" || attr == "#uname" {
		return n.name
	}
	v, _ := w.nodeAttr(n, attr)
	return v
}

// bestScoreMatching is the best score of r on a runnable node whose attr
// equals value.
func (w *world) bestScoreMatching(r *resource, attr, value string) int {
	best := -Infinity
	if attr == "" || attr == "#uname" {
		n := w.byName[value]
		if n != nil && r.allowed[n.idx] && n.canRun() {
			return r.weights[n.idx]
		}
		return best
	}
	for i, n := range w.nodes {
		if r.allowed[i] && n.canRun() && w.attrOf(n, attr) == value && r.weights[i] > best {
			best = r.weights[i]
		}
	}
	return best
}

const (
	flagRollback = 1 << iota
	flagPositive
)

// mergeWeights folds the node scores of rsc (and of what is colocated with
// it) into nodes, scaled by factor.
func (w *world) mergeWeights(rsc *resource, nodes []int, allowed []bool, attr string, factor float64, flags int) []int {
	if rsc.merging {
		return nodes
	}
	rsc.merging = true
	defer func() { rsc.merging = false }()
	if rsc.kind == kGroup && len(rsc.children) > 0 {
		return w.mergeWeights(rsc.children[0], nodes, allowed, attr, factor, flags)
	}
	work := append([]int(nil), nodes...)
	for i, n := range w.nodes {
		if !allowed[i] {
			continue
		}
		score := w.bestScoreMatching(rsc, attr, w.attrOf(n, attr))
		if factor < 0 && score < 0 && !w.doubleNegative(score) {
			continue
		}
		wf := factor * float64(score)
		weight := 0
		if wf < 0 {
			weight = int(wf - 0.5)
		} else {
			weight = int(wf + 0.5)
		}
		if weight == 0 && score != 0 {
			if factor > 0 {
				weight = 1
			} else if factor < 0 {
				weight = -1
			}
		}
		ns := addScores(weight, work[i])
		if flags&flagPositive != 0 && ns < 0 {
			if work[i] > 0 {
				work[i] = 1
			}
			continue
		}
		work[i] = ns
	}
	if w.canRunAny(work, allowed) {
		mult := 1.0
		if factor < 0 {
			mult = -1
		}
		for _, c := range w.depsOf(rsc) {
			if !c.influence || c.depRole == RolePromoted {
				continue
			}
			f := mult * float64(c.score) / Infinity
			if w.v30 {
				// Pacemaker 3.0 scales each step of the chain by the
				// factor so far; 2.1 keeps only its sign.
				f = factor * float64(c.score) / Infinity
			}
			outer := w.mergeCol
			w.mergeCol = c
			work = w.mergeWeights(c.dependent, work, allowed, c.attr, f, flags|flagRollback)
			w.mergeCol = outer
		}
	} else if flags&flagRollback != 0 {
		return nodes
	}
	return work
}

// doubleNegative reports whether Pacemaker 3.0 lets a dependent's negative
// score, merged through an anti-colocation (w.mergeCol), become a positive
// preference of the primary: only when the dependent can run on one node
// alone, the colocation has influence and the primary's stickiness is below
// the score's size. Pacemaker 2.1 never does.
func (w *world) doubleNegative(score int) bool {
	c := w.mergeCol
	if !w.v30 || c == nil || !c.influence || c.primary.stickiness >= -score {
		return false
	}
	ok := 0
	for i := range w.nodes {
		if c.dependent.allowed[i] && c.dependent.weights[i] >= 0 {
			ok++
		}
	}
	return ok == 1
}

// depsOf lists the colocations in which r is the primary, as Pacemaker
// files them (a group's go to its last member).
func (w *world) depsOf(r *resource) []*colocation {
	out := r.consLHS
	// Pacemaker 2.1 moves "R with group" to the last member only when it
	// assigns the group: before that, merging the group's scores misses R.
	if p := r.parent; p != nil && p.kind == kGroup && p.children[len(p.children)-1] == r && (w.v30 || p.allocated || p.allocating || p.cloneParent() != nil) {
		out = append(append([]*colocation(nil), out...), p.consLHS...)
		out = w.memberColocs(p, r, out, func(m *resource) []*colocation { return m.consLHS })
	}
	return out
}

// memberColocs adds, for Pacemaker 3.0, the explicit colocations of a
// colocated group's other members to those of r (its first member's "this
// with" list, its last member's "with this" list); 2.1 leaves them to the
// members themselves.
func (w *world) memberColocs(g, r *resource, out []*colocation, of func(*resource) []*colocation) []*colocation {
	if !w.v30 || g.meta["collocated"] != "" && !model.IsTrue(g.meta["collocated"]) {
		return out
	}
	for _, m := range g.children {
		if m == r {
			continue
		}
		for _, c := range of(m) {
			if c.id != g.id+"-internal" && !strings.HasSuffix(c.id, "-with-container") {
				out = append(out, c)
			}
		}
	}
	return out
}

// consOf lists the colocations in which r is the dependent (a group's go to
// its first member).
func (w *world) consOf(r *resource) []*colocation {
	out := r.cons
	if p := r.parent; p != nil && p.kind == kGroup && p.children[0] == r {
		out = append(append([]*colocation(nil), out...), p.cons...)
		out = w.memberColocs(p, r, out, func(m *resource) []*colocation { return m.cons })
	} else if p != nil && p.kind == kGroup {
		// After an unmanaged member, the internal colocations no longer
		// carry the group's mandatory ones: Pacemaker gives them to each
		// later member too.
		for _, m := range p.children {
			if m == r {
				break
			}
			if !m.managed {
				for _, c := range p.cons {
					if c.score >= Infinity {
						out = append(append([]*colocation(nil), out...), c)
					}
				}
				break
			}
		}
	}
	if c := r.cloneParent(); c != nil && r.parent == c {
		out = append(append([]*colocation(nil), out...), c.cons...)
	}
	// Pacemaker keeps them sorted by the primary's priority, highest
	// first: the primary placed first gets the first say.
	if len(out) > 1 {
		out = append([]*colocation(nil), out...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].primary.priority > out[j].primary.priority })
	}
	return out
}

// primaryNodes returns the nodes the primary of c is (or will be) on, and
// whether the primary is placed at all.
func (w *world) primaryNodes(c *colocation) []*node {
	p := c.primary
	switch p.kind {
	case kPrimitive:
		if p.assigned == nil {
			return nil
		}
		if c.primRole == RolePromoted && p.nextRole != RolePromoted {
			return nil
		}
		if c.primRole == RoleUnpromoted && p.nextRole == RolePromoted {
			return nil
		}
		return []*node{p.assigned}
	case kGroup:
		if len(p.children) == 0 {
			return nil
		}
		m := p.children[0]
		if c.score >= Infinity {
			m = p.children[len(p.children)-1]
		}
		if m.assigned == nil {
			return nil
		}
		return []*node{m.assigned}
	case kClone:
		var out []*node
		seen := map[*node]bool{}
		for _, inst := range p.children {
			for _, q := range inst.primitives(nil) {
				if q.assigned == nil || seen[q.assigned] || q.blocked && c.score >= Infinity {
					// (a blocked instance is no mandatory colocation's
					// target)
					continue
				}
				if c.primRole == RolePromoted && q.nextRole != RolePromoted {
					continue
				}
				if c.primRole == RoleUnpromoted && q.nextRole != RoleUnpromoted {
					continue
				}
				seen[q.assigned] = true
				out = append(out, q.assigned)
			}
		}
		return out
	}
	return nil
}

// applyColocation restricts or biases dep's scores by where c's primary is.
func (w *world) applyColocation(dep *resource, c *colocation) {
	if c.score == 0 {
		return
	}
	if c.depRole == RolePromoted || c.depRole == RoleUnpromoted && dep.cloneParent() != nil {
		return // promotion only
	}
	if !c.primary.allocated {
		return // still being placed (a colocation loop)
	}
	pn := w.primaryNodes(c)
	if !w.v30 && c.primary.bundle != nil && c.primRole == RolePromoted && c.score < Infinity {
		// Pacemaker 2.1.5 applies an optional (or -INFINITY) colocation
		// with a bundle's role to each container, whose role never
		// matches: ignored when positive, against every replica's
		// host when negative.
		if c.score > 0 {
			return
		}
		pn = nil
		for _, inst := range c.primary.children {
			if inst.assigned != nil {
				pn = append(pn, inst.assigned)
			}
		}
	}
	if len(pn) == 0 && c.score < 0 {
		return
	}
	values := map[string]bool{}
	for _, n := range pn {
		values[w.attrOf(n, c.attr)] = true
	}
	work := append([]int(nil), dep.weights...)
	for i, n := range w.nodes {
		if !dep.allowed[i] {
			continue
		}
		match := len(pn) > 0 && values[w.attrOf(n, c.attr)]
		if match {
			if c.score < Infinity {
				work[i] = addScores(c.score, work[i])
			}
		} else if len(pn) == 0 || c.score >= Infinity {
			work[i] = -Infinity
		}
	}
	if w.canRunAny(work, dep.allowed) || c.score <= -Infinity || c.score >= Infinity {
		dep.weights = work
	}
}

// assign places any resource.
func (w *world) assign(r *resource) {
	switch r.kind {
	case kPrimitive:
		if c := r.cloneParent(); c != nil && !c.allocated {
			w.assign(c)
			return
		}
		if g := r.parent; g != nil && g.kind == kGroup && g.cloneParent() == nil {
			w.assignGroup(g)
			return
		}
		w.assignPrimitive(r, nil, 0)
	case kGroup:
		if c := r.cloneParent(); c != nil && !c.allocated {
			w.assign(c)
			return
		}
		w.assignGroup(r)
	case kClone:
		w.assignClone(r)
	case kBundle:
		r.allocated = true
	}
}

func (w *world) assignGroup(g *resource) {
	if g.allocated || g.allocating {
		return
	}
	g.allocating = true
	for _, m := range g.children {
		w.assignPrimitive(m, nil, 0)
	}
	g.allocating = false
	g.allocated = true
}

// assignPrimitive chooses a node for a primitive. limit > 0 bans nodes that
// already hold that many instances of the clone.
func (w *world) assignPrimitive(r *resource, prefer *node, limit int) *node {
	if r.allocated {
		if r.countLater {
			r.countLater = false
			if r.assigned != nil {
				r.assigned.count++
			}
		}
		return r.assigned
	}
	if r.allocating {
		return nil
	}
	r.allocating = true
	defer func() { r.allocating = false }()
	// Pacemaker 3.0 applies mandatory colocations (both directions) before
	// optional ones, to satisfy as many as it can; 2.1 takes them in one
	// pass.
	passes := []func(c *colocation) bool{func(*colocation) bool { return true }}
	if w.v30 {
		mandatory := func(c *colocation) bool { return c.score >= Infinity || c.score <= -Infinity }
		passes = []func(c *colocation) bool{mandatory, func(c *colocation) bool { return !mandatory(c) }}
	}
	for _, in := range passes {
		for _, c := range w.consOf(r) {
			if !in(c) || c.primary.top() == r.top() && c.primary.kind == kClone {
				continue
			}
			w.assign(c.primary)
			w.applyColocation(r, c)
		}
		for _, c := range w.depsOf(r) {
			if !in(c) || !c.influence || c.depRole == RolePromoted {
				continue
			}
			w.mergeCol = c
			r.weights = w.mergeWeights(c.dependent, r.weights, r.allowed, c.attr, float64(c.score)/Infinity, flagRollback)
			w.mergeCol = nil
		}
	}
	if r.managed && r.bundle != nil && r.guestNode != nil {
		// A bundle's connection may not run on remote nodes and sticks
		// to its container at 10000: the container avoids them by that
		// much, unless then nothing could host it.
		work := append([]int(nil), r.weights...)
		for _, m := range w.nodes {
			if m.remote && r.allowed[m.idx] {
				work[m.idx] = addScores(work[m.idx], -10000)
			}
		}
		if w.canRunAny(work, r.allowed) {
			r.weights = work
		}
	}
	n := w.chooseNode(r, prefer)
	w.setAssigned(r, n)
	return n
}

func (w *world) setAssigned(r *resource, n *node) {
	r.allocated = true
	r.assigned = n
	if n != nil {
		n.count++
		for k, v := range r.util {
			n.util["#used:"+k] += v
		}
		r.nextRole = RoleStarted
	} else {
		r.nextRole = RoleStopped
	}
}

func (w *world) fits(r *resource, n *node, combined bool) bool {
	if w.strategy == "default" || w.strategy == "" {
		return true
	}
	// What must run with r (mandatory colocations, not yet placed) must fit
	// too.
	need := map[string]int{}
	seen := map[*resource]bool{}
	var add func(x *resource)
	add = func(x *resource) {
		if seen[x] {
			return
		}
		seen[x] = true
		for k, v := range x.util {
			need[k] += v
		}
		if !combined {
			return
		}
		for _, c := range w.depsOf(x) {
			d := c.dependent
			if c.score >= Infinity && d.kind == kPrimitive && !d.allocated && d.allowed[n.idx] && d.weights[n.idx] > -Infinity {
				add(c.dependent)
			}
		}
	}
	add(r)
	for k, v := range need {
		if v <= 0 {
			continue
		}
		capa, ok := n.util[k]
		if !ok {
			capa = 0
		}
		if capa-n.util["#used:"+k] < v {
			return false
		}
	}
	return true
}

// colocatedNeed sums the utilization of r and of what is not placed yet
// among the resources mandatorily colocated with it, either way and
// transitively (Pacemaker's colocated_resources).
func (w *world) colocatedNeed(r *resource) map[string]int {
	seen := map[*resource]bool{}
	var walk func(x *resource)
	walk = func(x *resource) {
		if x == nil || seen[x] {
			return
		}
		seen[x] = true
		if p := x.parent; p != nil && (p.kind == kGroup && p.cloneParent() == nil || p.kind == kClone) {
			walk(p)
		}
		if x.kind == kGroup {
			for _, m := range x.children {
				walk(m)
			}
		}
		for _, c := range x.cons {
			if c.score >= Infinity && c.depRole != RolePromoted && c.primRole != RolePromoted {
				walk(c.primary)
			}
		}
		for _, c := range x.consLHS {
			if x.kind == kClone && c.dependent.kind != kClone {
				continue
			}
			if c.score >= Infinity && c.depRole != RolePromoted && c.primRole != RolePromoted {
				walk(c.dependent)
			}
		}
	}
	walk(r)
	need := map[string]int{}
	for x := range seen {
		var prims []*resource
		switch x.kind {
		case kPrimitive:
			if x.cloneParent() == nil || x == r {
				prims = []*resource{x}
			}
		case kClone:
			if r.cloneParent() == x {
				break // r stands for its clone
			}
			// One instance not placed yet.
			for _, inst := range x.children {
				ps := inst.primitives(nil)
				if len(ps) > 0 && !ps[0].allocated {
					prims = ps
					break
				}
			}
		}
		for _, p := range prims {
			if p.allocated && p != r {
				continue
			}
			for k, v := range p.util {
				need[k] += v
			}
		}
	}
	return need
}

// hasRoom reports whether n has the capacity left for need.
func (w *world) hasRoom(n *node, need map[string]int) bool {
	for k, v := range need {
		if v <= 0 {
			continue
		}
		if n.util[k]-n.util["#used:"+k] < v {
			return false
		}
	}
	return true
}

func (w *world) remaining(n *node) int {
	tot := 0
	for k, v := range n.util {
		if len(k) > 0 && k[0] == '#' {
			continue
		}
		tot += v - n.util["#used:"+k]
	}
	return tot
}

// chooseNode picks the best node for r.
func (w *world) chooseNode(r *resource, prefer *node) *node {
	if r.unrunnable || r.targetRole == RoleStopped {
		return nil
	}
	var cands []*node
	if w.strategy == "default" || w.strategy == "" {
		for i, n := range w.nodes {
			if r.allowed[i] && n.canRun() && r.weights[i] >= 0 {
				cands = append(cands, n)
			}
		}
	} else {
		// As Pacemaker: the nodes with room for r and everything that
		// must run with it and is not placed yet; failing any, the nodes
		// with room for r alone, preferring the one with the most room.
		need := w.colocatedNeed(r)
		var alone []*node
		var roomiest *node
		for i, n := range w.nodes {
			if !r.allowed[i] || !n.canRun() || r.weights[i] < 0 {
				continue
			}
			if w.hasRoom(n, need) {
				cands = append(cands, n)
			}
			if w.fits(r, n, false) {
				alone = append(alone, n)
			}
			if roomiest == nil || w.remaining(n) > w.remaining(roomiest) {
				roomiest = n
			}
		}
		if len(cands) == 0 {
			cands = alone
			if prefer == nil && roomiest != nil {
				best := -Infinity
				for _, n := range cands {
					best = max(best, r.weights[n.idx])
				}
				for _, n := range cands {
					if n == roomiest && r.weights[n.idx] >= best {
						return n
					}
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	if prefer != nil {
		best := -Infinity
		for _, n := range cands {
			best = max(best, r.weights[n.idx])
		}
		for _, n := range cands {
			// Pacemaker 2.1 takes the preferred node only when no other
			// scores better (so a clone instance may give up its node to
			// a better one and leave it to another instance).
			if n == prefer && (w.v30 || r.weights[n.idx] >= best) {
				return n
			}
		}
	}
	cur := r.currentNode()
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if wa, wb := r.weights[a.idx], r.weights[b.idx]; wa != wb {
			return wa > wb
		}
		if w.strategy == "balanced" {
			if ra, rb := w.remaining(a), w.remaining(b); ra != rb {
				return ra > rb
			}
		}
		if w.strategy != "minimal" {
			if a.count != b.count {
				return a.count < b.count
			}
		}
		if cur != nil && (a == cur) != (b == cur) {
			return a == cur
		}
		return a.name < b.name
	})
	return cands[0]
}

func (w *world) roleStoppedAbove(r *resource) bool {
	for p := r.parent; p != nil; p = p.parent {
		if p.targetRole == RoleStopped {
			return true
		}
	}
	return false
}
