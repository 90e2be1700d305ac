package sim

import (
	"sort"
	"strings"
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
	for i, c := range r.children {
		if r.kind == kGroup && i > 0 {
			// The members after the first follow it: Pacemaker gives them
			// the constraint's nodes with score 0 (group_rsc_location).
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
	w.applyHealth()
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
	for n, cnt := range p.failcnt {
		if cnt >= p.migThreshold {
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
		if factor < 0 && score < 0 {
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
			work = w.mergeWeights(c.dependent, work, allowed, c.attr, mult*float64(c.score)/Infinity, flags|flagRollback)
		}
	} else if flags&flagRollback != 0 {
		return nodes
	}
	return work
}

// depsOf lists the colocations in which r is the primary, as Pacemaker
// files them (a group's go to its last member).
func (w *world) depsOf(r *resource) []*colocation {
	out := r.consLHS
	if p := r.parent; p != nil && p.kind == kGroup && p.children[len(p.children)-1] == r {
		out = append(append([]*colocation(nil), out...), p.consLHS...)
	}
	return out
}

// consOf lists the colocations in which r is the dependent (a group's go to
// its first member).
func (w *world) consOf(r *resource) []*colocation {
	out := r.cons
	if p := r.parent; p != nil && p.kind == kGroup && p.children[0] == r {
		out = append(append([]*colocation(nil), out...), p.cons...)
	}
	if c := r.cloneParent(); c != nil && r.parent == c {
		out = append(append([]*colocation(nil), out...), c.cons...)
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
				if q.assigned == nil || seen[q.assigned] {
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
		return r.assigned
	}
	if r.allocating {
		return nil
	}
	r.allocating = true
	defer func() { r.allocating = false }()
	for _, c := range w.consOf(r) {
		if c.primary.top() == r.top() && c.primary.kind == kClone {
			continue
		}
		w.assign(c.primary)
		w.applyColocation(r, c)
	}
	for _, c := range w.depsOf(r) {
		if !c.influence || c.depRole == RolePromoted {
			continue
		}
		r.weights = w.mergeWeights(c.dependent, r.weights, r.allowed, c.attr, float64(c.score)/Infinity, flagRollback)
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
	for _, combined := range []bool{true, false} {
		for i, n := range w.nodes {
			if r.allowed[i] && n.canRun() && r.weights[i] >= 0 && w.fits(r, n, combined) {
				cands = append(cands, n)
			}
		}
		if len(cands) > 0 || w.strategy == "default" {
			break
		}
	}
	if len(cands) == 0 {
		return nil
	}
	if prefer != nil {
		for _, n := range cands {
			if n == prefer {
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
