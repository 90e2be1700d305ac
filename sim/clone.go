package sim

import (
	"sort"
	"strings"
)

// assignClone distributes a clone's instances over the nodes and, for a
// promotable clone, chooses the promoted instances.
func (w *world) assignClone(c *resource) {
	if c.allocated || c.allocating {
		return
	}
	c.allocating = true
	defer func() { c.allocating = false; c.allocated = true }()
	// A node the clone's own locations make mandatory outranks the nodes
	// instances run on now (colocations are left out: Pacemaker applies
	// most of them to the instances later).
	mandatory := false
	for i, n := range w.nodes {
		if c.allowed[i] && n.canRun() && c.weights[i] >= Infinity {
			mandatory = true
		}
	}
	own := append([]int(nil), c.weights...)
	for _, col := range c.cons {
		if col.depRole == RolePromoted || col.depRole == RoleUnpromoted {
			continue
		}
		w.assign(col.primary)
		if col.primary.kind == kClone && c.interleave {
			// Interleaved: instances follow the primary's instances node by
			// node; a clone-wide restriction to the primary's nodes is the
			// same for placement.
		}
		if col.score >= Infinity || col.score <= -Infinity {
			w.applyColocation(c, col)
		} else {
			c.weights = w.mergeWeights(col.primary, c.weights, c.allowed, col.attr, float64(col.score)/Infinity, flagRollback|flagPositive)
		}
	}
	for _, col := range c.consLHS {
		if !col.influence || col.depRole == RolePromoted {
			continue
		}
		c.weights = w.mergeWeights(col.dependent, c.weights, c.allowed, col.attr, float64(col.score)/Infinity, flagRollback|flagPositive)
	}
	if c.unrunnable {
		for _, inst := range c.children {
			for _, p := range inst.primitives(nil) {
				p.allocated, p.nextRole = true, RoleStopped
			}
			inst.allocated = true
		}
		return
	}
	// Instance weights start from the clone's.
	merged := c.weights
	if !w.v30 {
		// Pacemaker 2.1's instances start from the clone's own scores;
		// what the clone merged from its colocations only bans.
		c.weights = append([]int(nil), own...)
		for i := range c.weights {
			if merged[i] <= -Infinity {
				c.weights[i] = -Infinity
			}
		}
	}
	for _, inst := range c.children {
		w.seedInstance(inst, c)
	}
	c.weights = merged
	if c.promotable && c.bundle == nil && !c.unique && !w.v30 {
		w.addPromotionScores(c)
	}
	avail := 0
	for i, n := range w.nodes {
		if c.allowed[i] && c.weights[i] >= 0 && n.canRun() {
			avail++
		}
	}
	perNode := c.cloneNodeMax
	locMax := perNode
	if avail > 0 {
		m := (c.cloneMax + avail - 1) / avail
		if m < locMax {
			locMax = m
		}
	}
	counts := map[*node]int{}
	insts := append([]*resource(nil), c.children...)
	// Pacemaker first sets aside the instances active where they are no
	// longer allowed (after the inactive ones).
	disallowed := func(inst *resource, n *node) bool {
		return n != nil && (!c.allowed[n.idx] || own[n.idx] < 0)
	}
	sort.SliceStable(insts, func(i, j int) bool {
		a, b := insts[i].currentNode(), insts[j].currentNode()
		if da, db := disallowed(insts[i], a), disallowed(insts[j], b); da != db {
			return db
		}
		aOK := a != nil && a.canRun()
		bOK := b != nil && b.canRun()
		if aOK != bOK {
			return aOK
		}
		if aOK && bOK {
			// Higher current-node score first.
			wa, wb := c.weights[a.idx], c.weights[b.idx]
			if wa != wb {
				return wa > wb
			}
		}
		return false
	})
	placed := 0
	done := map[*resource]bool{}
	for _, inst := range insts {
		cur := inst.currentNode()
		if cur == nil || !cur.canRun() || !c.allowed[cur.idx] || c.weights[cur.idx] < 0 || counts[cur] >= locMax {
			continue
		}
		if mandatory && own[cur.idx] < Infinity {
			continue
		}
		if placed >= c.cloneMax {
			break
		}
		if n := w.assignInstance(inst, c, cur, counts, perNode); n == cur {
			counts[cur]++
			placed++
			done[inst] = true
		} else if n != nil {
			counts[n]++
			placed++
			done[inst] = true
		}
	}
	for _, inst := range insts {
		if done[inst] {
			continue
		}
		if placed >= c.cloneMax {
			w.stopInstance(inst)
			continue
		}
		if n := w.assignInstance(inst, c, nil, counts, perNode); n != nil {
			counts[n]++
			placed++
		}
	}
	if c.promotable {
		w.promote(c)
	}
}

// addPromotionScores adds each instance's positive promotion score on a
// node to its score there before placement, where the score applies
// (Pacemaker's pcmk__add_promotion_scores): on the node where it is
// active; where no instance is active but the clone was probed; anywhere
// when it is known nowhere; where it is known or active.
func (w *world) addPromotionScores(c *resource) {
	activeOn := func(n *node) *resource {
		for _, inst := range c.children {
			if inst.kind != kPrimitive {
				continue
			}
			for _, s := range inst.running {
				if s.node == n {
					return inst
				}
			}
		}
		return nil
	}
	knownOn := func(n *node) bool {
		for _, inst := range c.children {
			if inst.knownOn[n] {
				return true
			}
		}
		return false
	}
	for _, p := range c.children {
		if p.kind != kPrimitive {
			continue
		}
		for i, n := range w.nodes {
			if !p.allowed[i] || p.weights[i] < 0 || !n.canRun() {
				continue
			}
			a := activeOn(n)
			applies := a == p || a == nil && knownOn(n) ||
				len(p.running) == 0 && len(p.knownOn) == 0 || p.knownOn[n] || p.activeOn(n.name)
			if !applies {
				continue
			}
			if sc, ok := w.promotionScore(p, n); ok && sc > 0 {
				p.weights[i] = addScores(p.weights[i], sc)
			}
		}
	}
}

func (w *world) stopInstance(inst *resource) {
	inst.allocated = true
	for _, p := range inst.primitives(nil) {
		p.allocated, p.assigned, p.nextRole = true, nil, RoleStopped
	}
}

func (w *world) seedInstance(inst, c *resource) {
	for _, p := range append([]*resource{inst}, inst.primitives(nil)...) {
		for i := range w.nodes {
			if c.allowed[i] {
				if !p.allowed[i] {
					p.allowed[i] = true
					p.weights[i] = 0
				}
				p.weights[i] = addScores(p.weights[i], c.weights[i])
			} else if !w.symmetric || c.weights[i] <= -Infinity {
				p.allowed[i] = p.allowed[i] && c.allowed[i]
			}
		}
	}
}

// assignInstance places one instance (a primitive or a group), preferring
// prefer, with at most perNode instances per node.
func (w *world) assignInstance(inst, c *resource, prefer *node, counts map[*node]int, perNode int) *node {
	prims := inst.primitives(nil)
	// Ban full nodes.
	saved := make([][]int, len(prims))
	for k, p := range prims {
		saved[k] = append([]int(nil), p.weights...)
		for n, cnt := range counts {
			if cnt >= perNode && n != prefer {
				p.weights[n.idx] = -Infinity
			}
		}
		if prefer != nil && counts[prefer] >= perNode {
			p.weights[prefer.idx] = -Infinity
		}
	}
	if prefer != nil {
		// Only keep it there if the instance may stay.
		for _, p := range prims {
			if !p.allowed[prefer.idx] || p.weights[prefer.idx] < 0 {
				for k, q := range prims {
					q.weights = saved[k]
				}
				return nil
			}
		}
	}
	var first *node
	if inst.kind == kGroup {
		inst.allocating = true
		for k, m := range inst.children {
			var n *node
			if k == 0 {
				n = w.assignPrimitive(m, prefer, perNode)
			} else {
				n = w.assignPrimitive(m, nil, perNode)
			}
			if k == 0 {
				first = n
			}
		}
		inst.allocating = false
		inst.allocated = true
	} else {
		first = w.assignPrimitive(inst, prefer, perNode)
	}
	if prefer != nil && first != prefer {
		// Undo: not placed where preferred.
		for k, p := range prims {
			if p.assigned != nil {
				p.assigned.count--
				for u, v := range p.util {
					p.assigned.util["#used:"+u] -= v
				}
			}
			p.allocated, p.assigned = false, nil
			p.weights = saved[k]
		}
		inst.allocated = false
		return nil
	}
	return first
}

// promotionAttr reads an instance's promotion score on its node.
func (w *world) promotionScore(p *resource, n *node) (int, bool) {
	if p.bundle != nil {
		if p.guestNode != nil && !p.attrOnHost {
			n = p.guestNode
		} else if p.attrOnHost && !w.v30 {
			// Pacemaker 2.1 reads a host attribute where the container
			// runs now: a replica yet to start has none.
			n = w.containerHost[p]
			if n == nil {
				return 0, false
			}
		}
		if v, ok := n.attrs["master-"+p.innerID]; ok {
			return parseScore(v), true
		}
		return 0, false
	}
	// The name the history knows the instance by, then (anonymous
	// clones) the base name.
	name := p.id
	if p.cloneName != "" {
		name = p.cloneName
	}
	for _, name := range []string{"master-" + name, "master-" + p.baseID, "promotion-" + p.baseID} {
		if v, ok := n.attrs[name]; ok {
			return parseScore(v), true
		}
	}
	return 0, false
}

// promote chooses which instances of a promotable clone are promoted.
func (w *world) promote(c *resource) {
	type cand struct {
		inst  *resource
		prim  *resource // the primitive whose role is shown
		node  *node
		score int
		cur   bool
	}
	var cands []*cand
	for _, inst := range c.children {
		prims := inst.primitives(nil)
		if len(prims) == 0 || prims[0].assigned == nil {
			continue
		}
		n := prims[0].assigned
		score := 0
		has := false
		for _, p := range prims {
			if s, ok := w.promotionScore(p, n); ok {
				score = addScores(score, s)
				has = true
			}
		}
		cur := false
		for _, p := range prims {
			for _, s := range p.running {
				if s.node == n && s.role == RolePromoted {
					cur = true
				}
			}
		}
		if !has {
			score = -1
		}
		if c.locPromoted != nil {
			// A bundle's inner clone runs on the guest nodes: its
			// role-limited locations name those, not the hosts.
			ln := n
			if g := prims[0].guestNode; g != nil && c.bundle != nil {
				ln = g
			}
			score = addScores(score, c.locPromoted[ln.idx])
		}
		if score >= 0 && c.allowed[n.idx] && c.bundle == nil {
			// Pacemaker adds the instance's priority to the clone's own
			// score for the node and promotes by the sum.
			score = addScores(score, c.weights[n.idx])
		}
		cands = append(cands, &cand{inst: inst, node: n, score: score, cur: cur})
	}
	// base: each candidate's score before the colocations below.
	base := map[*cand]int{}
	for _, cd := range cands {
		base[cd] = cd.score
	}
	// Colocations involving the promoted role. (Pacemaker 2.1.5 ignores a
	// bundle's own promoted-role colocations when promoting; 3.0 does not.)
	for _, col := range c.cons {
		if col.depRole != RolePromoted || c.bundle != nil && !w.v30 {
			continue
		}
		if !w.v30 && c.template != nil && c.template.kind == kGroup {
			// Pacemaker 2.1 loses a cloned group's promoted-role
			// colocation at the instance level; only the primary's node
			// scores, scaled by the colocation, reach the instances that
			// may be promoted.
			w.assign(col.primary)
			f := float64(col.score) / Infinity
			for _, cd := range cands {
				if cd.score < 0 {
					continue
				}
				prim := col.primary
				if prim.kind == kGroup && len(prim.children) > 0 {
					prim = prim.children[0]
				}
				s := w.bestScoreMatching(prim, col.attr, w.attrOf(cd.node, col.attr))
				if f < 0 && s < 0 {
					continue
				}
				cd.score = addScores(cd.score, int(f*float64(s)))
			}
			continue
		}
		w.assign(col.primary)
		pn := w.primaryNodes(col)
		attr := col.attr
		if !w.v30 && col.primary.kind == kClone {
			// Pacemaker 2.1 looks for a primary instance on the very
			// node, whatever node-attribute says.
			attr = "#uname"
		}
		vals := map[string]bool{}
		for _, n := range pn {
			vals[w.attrOf(n, attr)] = true
		}
		for _, cd := range cands {
			match := vals[w.attrOf(cd.node, attr)]
			switch {
			case match && col.score < Infinity:
				cd.score = addScores(cd.score, col.score)
			case match:
				cd.score = addScores(cd.score, Infinity)
				base[cd] = cd.score
			case col.score >= Infinity:
				cd.score = -Infinity
			}
		}
	}
	for _, col := range c.cons {
		if col.depRole != RoleUnpromoted || col.score <= 0 {
			continue
		}
		// The unpromoted instance belongs with the primary: the instance
		// there is the last to be promoted.
		w.assign(col.primary)
		vals := map[string]bool{}
		for _, n := range w.primaryNodes(col) {
			vals[w.attrOf(n, col.attr)] = true
		}
		for _, cd := range cands {
			if vals[w.attrOf(cd.node, col.attr)] {
				cd.score = addScores(cd.score, -col.score)
			}
		}
	}
	for _, col := range c.consLHS {
		if col.primRole != RolePromoted || !col.influence {
			continue
		}
		d := col.dependent
		before := make([]int, len(cands))
		for i, cd := range cands {
			before[i] = cd.score
		}
		for _, cd := range cands {
			s := w.bestScoreMatching(d, col.attr, w.attrOf(cd.node, col.attr))
			if d.allocated && d.kind == kPrimitive {
				if d.assigned == cd.node {
					s = addScores(s, 0)
				}
			}
			f := float64(col.score) / Infinity
			if f < 0 && s < 0 {
				continue
			}
			v := int(f * float64(s))
			// Pacemaker merges these non-negatively: a sum below zero
			// is dropped (a positive score becomes 1).
			if ns := addScores(cd.score, v); ns >= 0 {
				cd.score = ns
			} else if cd.score > 0 {
				cd.score = 1
			}
		}
		// Pacemaker rolls the merge back when it would leave no node
		// where an instance could be promoted.
		was, now := false, false
		for i, cd := range cands {
			was = was || before[i] >= 0
			now = now || cd.score >= 0
		}
		if was && !now {
			for i, cd := range cands {
				cd.score = before[i]
			}
		}
	}
	blocked := w.ticketBlocksPromotion(c)
	for _, cd := range cands {
		if base[cd] < 0 && cd.score > base[cd] {
			// Finite colocations only rank instances that may be promoted:
			// one without a promotion score or promoted-role location stays
			// unpromoted (Pacemaker keeps a negative sort index; a
			// mandatory colocation does lift it).
			cd.score = base[cd]
		}
		for _, p := range cd.inst.primitives(nil) {
			if p.targetRole == RoleUnpromoted {
				cd.score = -Infinity
			}
		}
		if blocked {
			cd.score = -Infinity
		}
		if ps := cd.inst.primitives(nil); len(ps) > 0 && !ps[0].managed && ps[0].nextRole == RolePromoted {
			// Unmanaged and promoted: it stays promoted, first in line.
			cd.score = Infinity
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		if cands[i].cur != cands[j].cur {
			return cands[i].cur
		}
		// Then as Pacemaker orders clone instances: a failed one last.
		if fi, fj := cands[i].inst.isFailed(), cands[j].inst.isFailed(); fi != fj {
			return fj
		}
		return false
	})
	promoted := 0
	perNode := map[*node]int{}
	for _, cd := range cands {
		role := RoleUnpromoted
		if promoted < c.promotedMax && cd.score >= 0 && perNode[cd.node] < c.promotedNodeMax {
			role = RolePromoted
			promoted++
			perNode[cd.node]++
		}
		for _, p := range cd.inst.primitives(nil) {
			if p.assigned != nil {
				p.nextRole = role
			}
		}
	}
}

func (w *world) ticketBlocksPromotion(c *resource) bool {
	for _, tc := range w.tcons {
		if tc.rsc != c || tc.role != RolePromoted {
			continue
		}
		t := w.tickets[tc.ticket]
		if t == nil || !t.granted || t.standby {
			return true
		}
	}
	return false
}

var _ = strings.TrimSpace
