package sim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Infinity is Pacemaker's INFINITY score.
const Infinity = 1000000

// addScores adds two scores with Pacemaker's saturating INFINITY arithmetic:
// -INFINITY wins over +INFINITY.
func addScores(a, b int) int {
	if a <= -Infinity || b <= -Infinity {
		return -Infinity
	}
	if a >= Infinity || b >= Infinity {
		return Infinity
	}
	s := a + b
	if s >= Infinity {
		return Infinity
	}
	if s <= -Infinity {
		return -Infinity
	}
	return s
}

// parseScore reads a score: an integer, INFINITY, +INFINITY, -INFINITY, or
// the red/green/yellow health names (0 when unknown).
func parseScore(s string) int {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "INFINITY", "+INFINITY":
		return Infinity
	case "-INFINITY":
		return -Infinity
	case "":
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0
		}
		n = int(f)
	}
	if n > Infinity {
		return Infinity
	}
	if n < -Infinity {
		return -Infinity
	}
	return n
}

// parseInt reads an integer with a default.
func parseInt(s string, def int) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return def
	}
	if strings.EqualFold(s, "INFINITY") || strings.EqualFold(s, "+INFINITY") {
		return Infinity
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// parseDurationMS reads a Pacemaker interval ("10s", "1m", "500ms", "10",
// "PT10S") in milliseconds.
func parseDurationMS(s string) int64 {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0
	}
	if strings.HasPrefix(s, "pt") || strings.HasPrefix(s, "p") {
		return isoDurationMS(s)
	}
	units := []struct {
		suf string
		mul int64
	}{{"msec", 1}, {"ms", 1}, {"usec", 0}, {"us", 0}, {"sec", 1000}, {"s", 1000}, {"min", 60000}, {"m", 60000}, {"hr", 3600000}, {"h", 3600000}}
	for _, u := range units {
		if strings.HasSuffix(s, u.suf) {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(s, u.suf)), 10, 64)
			if err != nil {
				return 0
			}
			if u.mul == 0 {
				return n / 1000
			}
			return n * u.mul
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n * 1000
}

func isoDurationMS(s string) int64 {
	s = strings.TrimPrefix(strings.ToUpper(s), "P")
	var total int64
	inTime := false
	num := ""
	for _, r := range s {
		switch {
		case r == 'T':
			inTime = true
		case r >= '0' && r <= '9':
			num += string(r)
		default:
			n, _ := strconv.ParseInt(num, 10, 64)
			num = ""
			switch r {
			case 'Y':
				total += n * 365 * 86400000
			case 'M':
				if inTime {
					total += n * 60000
				} else {
					total += n * 30 * 86400000
				}
			case 'W':
				total += n * 7 * 86400000
			case 'D':
				total += n * 86400000
			case 'H':
				total += n * 3600000
			case 'S':
				total += n * 1000
			}
		}
	}
	return total
}

// scoreLines prints the allocation scores as crm_simulate -s does: per
// top-level resource in assignment order, a primitive's
// "pcmk__primitive_assign" lines; a group's "pcmk__group_assign" lines for
// the group and each member, then its members' primitive lines; a clone's
// "pcmk__clone_allocate" lines for the clone and each instance, then each
// instance's assignment; after a promotable clone, its instances'
// promotion scores. The values are hakit's node scores at the end of
// assignment, so where Pacemaker's change during assignment they can
// differ (see the README).
func (w *world) scoreLines() []string {
	var out []string
	nodeLines := func(fn string, r *resource) {
		if r.weights == nil {
			return
		}
		for i, n := range w.nodes {
			if r.allowed[i] {
				v := r.weights[i]
				if fn == "pcmk__primitive_assign" && v > -Infinity {
					v = addScores(v, cloneStick(r, n))
				}
				out = append(out, fmt.Sprintf("%s: %s allocation score on %s: %s", fn, r.id, n.name, scoreText(v)))
			}
		}
	}
	var assign func(r *resource)
	assign = func(r *resource) {
		switch r.kind {
		case kPrimitive:
			nodeLines("pcmk__primitive_assign", r)
		case kGroup:
			nodeLines("pcmk__group_assign", r)
			for i, c := range r.children {
				w.memberLines(&out, r, c, i == 0)
			}
			for _, c := range r.children {
				assign(c)
			}
		case kClone:
			if r.bundle != nil {
				for _, p := range r.primitives(nil) {
					nodeLines("pcmk__primitive_assign", p)
				}
				return
			}
			nodeLines("pcmk__clone_allocate", r)
			// At distribution the instances start from the clone's
			// scores, plus their stickiness where they run.
			var inst func(c *resource)
			inst = func(c *resource) {
				if r.weights != nil {
					for i, n := range w.nodes {
						if !r.allowed[i] {
							continue
						}
						v := r.weights[i]
						for _, p := range c.primitives(nil) {
							for _, st := range p.running {
								if st.node == n && p.managed && v > -Infinity {
									v = addScores(v, p.stickiness+cloneStick(p, n))
								}
							}
						}
						out = append(out, fmt.Sprintf("pcmk__clone_allocate: %s allocation score on %s: %s", c.id, n.name, scoreText(v)))
					}
				}
				for _, m := range c.children {
					inst(m)
				}
			}
			for _, c := range r.children {
				inst(c)
			}
			for _, c := range r.children {
				assign(c)
			}
			if r.promotable {
				for _, c := range r.children {
					where := "none"
					if c.assigned != nil && c.nextRole > RoleStopped {
						where = c.assigned.name
					}
					score := c.promoScore
					if where == "none" {
						score = 0
					}
					out = append(out, fmt.Sprintf("%s promotion score on %s: %s", c.id, where, scoreText(score)))
				}
			}
		}
	}
	tops := append([]*resource(nil), w.rscs...)
	sort.SliceStable(tops, func(i, j int) bool { return tops[i].priority > tops[j].priority })
	for _, t := range tops {
		assign(t)
	}
	return out
}

// cloneStick is the stickiness a clone instance inherits from its clone
// (1 unless set) where it runs, when it has none of its own: Pacemaker
// counts it in the instance's scores.
func cloneStick(p *resource, n *node) int {
	c := p.cloneParent()
	if c == nil || p.kind != kPrimitive || p.stickiness != 0 || !p.managed || len(p.running) != 1 || p.running[0].node != n {
		return 0
	}
	if _, own := p.meta["resource-stickiness"]; own {
		return 0
	}
	return c.stickiness
}

// memberLines prints a group member's pcmk__group_assign lines: its own
// scores before the group merges them, which are its locations (the
// first member's also the group's), its stickiness where it runs and
// -INFINITY where it is banned.
func (w *world) memberLines(out *[]string, g, m *resource, first bool) {
	if m.weights == nil || m.kind != kPrimitive {
		return
	}
	for i, n := range w.nodes {
		if !m.allowed[i] {
			continue
		}
		v := 0
		if m.weights[i] <= -Infinity && (m.banned[n] || m.failcnt[n] >= m.migThreshold) {
			v = -Infinity
		}
		for _, l := range w.locs {
			if l.node == n && l.role != RolePromoted && l.role != RoleUnpromoted && (l.rsc == m || first && l.rsc == g) {
				v = addScores(v, l.score)
			}
		}
		for _, st := range m.running {
			if st.node == n && m.managed && len(m.running) == 1 {
				v = addScores(v, m.stickiness)
			}
		}
		*out = append(*out, fmt.Sprintf("pcmk__group_assign: %s allocation score on %s: %s", m.id, n.name, scoreText(v)))
	}
}
