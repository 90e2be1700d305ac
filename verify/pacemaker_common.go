package verify

// Shared helpers of the Pacemaker semantic families HA11xx-HA16xx and the
// cross-file family HA70xx: an index of one configuration built once per
// configuration and shared by the rules of a run, value checks, and the Doc
// layout.

import (
	"strconv"
	"strings"
	"sync"

	"hakit/model"
)

// pmDoc lays out a rule's documentation: what it finds, what crm_verify
// says (or why hakit goes beyond it), then a bad and a good example.
func pmDoc(what, crm, bad, good string) string { return pmDocAs("xml", what, crm, bad, good) }

// pmDocAs is pmDoc with examples in another language (text for corosync,
// ha.cf or dlm.conf snippets).
func pmDocAs(lang, what, crm, bad, good string) string {
	return what + "\n\n" + crm + "\n\nBad:\n\n```" + lang + "\n" + bad + "\n```\n\nGood:\n\n```" + lang + "\n" + good + "\n```\n"
}

// pmIndex indexes one configuration: resources by id at any depth, their
// parents, tags, nodes.
type pmIndex struct {
	cfg *model.Configuration
	// rsc maps every resource id (top level, group members, clone
	// children, bundle primitives, templates) to the resource.
	rsc    map[string]model.Resource
	parent map[string]model.Resource
	tags   map[string]*model.Tag
	// nodes maps node unames (and ids) of the nodes section.
	nodes map[string]*model.Node
	// prims are all primitives that are not templates, in document order.
	prims []*model.Primitive
	// templates by id.
	templates map[string]*model.Primitive
}

// pmKey identifies one configuration within one run: Run merges the inputs
// afresh every time, so the merged cluster tells runs apart and a
// configuration changed between two runs is indexed again.
type pmKey struct {
	run *model.Cluster
	cfg *model.Configuration
}

var (
	pmCacheMu sync.Mutex
	pmCache   = map[pmKey]*pmIndex{}
	pmOrder   []pmKey
)

// indexOf returns the index of cfg for the run of p, building it once: the
// rules of one run, running concurrently, share it. The cache holds the
// most recent few only.
func indexOf(p *Pass, cfg *model.Configuration) *pmIndex {
	k := pmKey{p.Merged, cfg}
	pmCacheMu.Lock()
	defer pmCacheMu.Unlock()
	if ix := pmCache[k]; ix != nil {
		return ix
	}
	ix := buildIndex(cfg)
	pmCache[k] = ix
	pmOrder = append(pmOrder, k)
	if len(pmOrder) > 16 {
		delete(pmCache, pmOrder[0])
		pmOrder = pmOrder[1:]
	}
	return ix
}

func buildIndex(cfg *model.Configuration) *pmIndex {
	ix := &pmIndex{cfg: cfg, rsc: map[string]model.Resource{}, parent: map[string]model.Resource{},
		tags: map[string]*model.Tag{}, nodes: map[string]*model.Node{}, templates: map[string]*model.Primitive{}}
	var add func(r, parent model.Resource)
	add = func(r, parent model.Resource) {
		if r == nil {
			return
		}
		if _, dup := ix.rsc[r.ResourceID()]; !dup {
			ix.rsc[r.ResourceID()] = r
		}
		if parent != nil {
			ix.parent[r.ResourceID()] = parent
		}
		switch r := r.(type) {
		case *model.Primitive:
			if r.IsTemplate {
				ix.templates[r.ID] = r
			} else {
				ix.prims = append(ix.prims, r)
			}
		case *model.Group:
			for _, m := range r.Members {
				if m != nil {
					add(m, r)
				}
			}
		case *model.Clone:
			add(r.Child, r)
		case *model.Bundle:
			if r.Primitive != nil {
				add(r.Primitive, r)
			}
		default:
			panic("verify: unexpected resource type " + strconv.Quote(r.ResourceID()))
		}
	}
	for _, r := range cfg.Resources {
		add(r, nil)
	}
	for _, t := range cfg.Tags {
		if t != nil {
			ix.tags[t.ID] = t
		}
	}
	for _, n := range cfg.Nodes {
		if n == nil {
			continue
		}
		if n.Uname != "" {
			if _, dup := ix.nodes[n.Uname]; !dup {
				ix.nodes[n.Uname] = n
			}
		}
	}
	return ix
}

// agentOf returns the class, provider and type of pr, through its template.
func (ix *pmIndex) agentOf(pr *model.Primitive) (class, provider, typ string) {
	class, provider, typ = pr.Class, pr.Provider, pr.Type
	if t := ix.templates[pr.Template]; t != nil && pr.Template != "" {
		if class == "" {
			class = t.Class
		}
		if provider == "" {
			provider = t.Provider
		}
		if typ == "" {
			typ = t.Type
		}
	}
	return
}

// promotable reports whether the resource id is a promotable clone or lies
// inside one.
func (ix *pmIndex) promotable(id string) bool {
	for r := ix.rsc[id]; r != nil; r = ix.parent[r.ResourceID()] {
		if c, ok := r.(*model.Clone); ok && c.Promotable() {
			return true
		}
		if b, ok := r.(*model.Bundle); ok && bundlePromotable(b) {
			return true
		}
	}
	return false
}

// bundlePromotable reports whether a bundle's container sets promoted-max
// (or the legacy masters) above 0, or its meta attributes do.
func bundlePromotable(b *model.Bundle) bool {
	pos := func(v string) bool { return v != "" && v != "0" && checkInteger(v, true) != valueInvalid }
	if b.Container != nil {
		if pos(b.Container.Attrs.Value("promoted-max")) || pos(b.Container.Attrs.Value("masters")) {
			return true
		}
	}
	if v, _ := b.Meta("promotable"); model.IsTrue(v) {
		return true
	}
	v, _ := b.Meta("promoted-max")
	return pos(v)
}

// cloneLike returns the clone or bundle r is or lies inside, or nil.
func (ix *pmIndex) cloneLike(id string) model.Resource {
	for r := ix.rsc[id]; r != nil; r = ix.parent[r.ResourceID()] {
		switch r.(type) {
		case *model.Clone, *model.Bundle:
			return r
		}
	}
	return nil
}

// clone returns the clone that r is or lies inside, or nil.
func (ix *pmIndex) clone(id string) *model.Clone {
	for r := ix.rsc[id]; r != nil; r = ix.parent[r.ResourceID()] {
		if c, ok := r.(*model.Clone); ok {
			return c
		}
	}
	return nil
}

// exists reports whether id names a resource, template or tag.
func (ix *pmIndex) exists(id string) bool {
	if _, ok := ix.rsc[id]; ok {
		return true
	}
	_, ok := ix.tags[id]
	return ok
}

// params returns the instance attributes of pr as one map (first set
// wins, rules ignored), with the pairs for their positions.
func params(sets []*model.NVSet) map[string]*model.NVPair {
	out := map[string]*model.NVPair{}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, nv := range s.Pairs {
			if nv == nil || nv.Name == "" {
				continue
			}
			if _, ok := out[nv.Name]; !ok {
				out[nv.Name] = nv
			}
		}
	}
	return out
}

// eachPair calls f for every named pair of sets.
func eachPair(sets []*model.NVSet, f func(nv *model.NVPair)) {
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, nv := range s.Pairs {
			if nv != nil && nv.Name != "" {
				f(nv)
			}
		}
	}
}

// validScore follows the schema's score type: an integer or INFINITY with
// an optional sign.
func validScore(s string) bool {
	switch s {
	case "INFINITY", "+INFINITY", "-INFINITY":
		return true
	}
	t := strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if t == "" {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// scoreValue reads a valid score, INFINITY as 1000000.
func scoreValue(s string) int {
	switch s {
	case "INFINITY", "+INFINITY":
		return 1000000
	case "-INFINITY":
		return -1000000
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return max(-1000000, min(1000000, n))
}

// durationMS reads an interval or timeout as Pacemaker does, in
// milliseconds; ok is false when the value is not valid.
func durationMS(v string) (int64, bool) {
	if timeInvalid(v) {
		return 0, false
	}
	s := strings.TrimSpace(v)
	if strings.HasPrefix(s, "P") {
		var total, n int64
		timePart := false
		for _, c := range s[1:] {
			switch {
			case c >= '0' && c <= '9':
				n = n*10 + int64(c-'0')
			case c == 'T':
				timePart = true
			default:
				mult := map[rune]int64{'Y': 31536000, 'W': 604800, 'D': 86400, 'H': 3600, 'S': 1}[c]
				if c == 'M' {
					mult = 2592000
					if timePart {
						mult = 60
					}
				}
				total += n * mult
				n = 0
			}
		}
		return total * 1000, true
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return 0, false
	}
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
		j++
	}
	unit := strings.ToLower(strings.TrimSpace(s[j:]))
	switch {
	case strings.HasPrefix(unit, "ms"):
		return n, true
	case strings.HasPrefix(unit, "us"):
		return n / 1000, true
	case strings.HasPrefix(unit, "m"):
		return n * 60000, true
	case strings.HasPrefix(unit, "h"):
		return n * 3600000, true
	}
	return n * 1000, true
}

// fencingDisabled reports whether stonith-enabled is set to a false value.
func fencingDisabled(cfg *model.Configuration) bool {
	v, ok := cfg.ClusterOption("stonith-enabled")
	return ok && checkBoolean(v) == valueOK && !model.IsTrue(v)
}

// validRole reads a role as Pacemaker does: case-insensitively.
func validRole(role string) bool {
	switch strings.ToLower(role) {
	case "stopped", "started", "slave", "master", "unpromoted", "promoted":
		return true
	}
	return false
}

// promotedRole reports whether role only makes sense for promotable clones.
func promotedRole(role string) bool {
	switch strings.ToLower(role) {
	case "slave", "master", "unpromoted", "promoted":
		return true
	}
	return false
}

// timeInvalid reports whether Pacemaker cannot read v as an interval or
// timeout. Beyond checkTime it accepts ISO 8601 durations that put hours,
// minutes or seconds before the T ("P10S"), which Pacemaker reads.
func timeInvalid(v string) bool {
	if checkTime(v) != valueInvalid {
		return false
	}
	s := strings.TrimSpace(v)
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return true
	}
	digits := false
	for _, c := range s[1:] {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case strings.ContainsRune("YMWDHST", c):
			if c != 'T' && !digits {
				return true
			}
			digits = false
		default:
			return true
		}
	}
	return digits
}

// constraintRefs returns the resource ids a constraint names directly
// (not through sets), with the attribute name.
func constraintRefs(c model.Constraint) [][2]string {
	var out [][2]string
	add := func(attr, id string) {
		if id != "" {
			out = append(out, [2]string{attr, id})
		}
	}
	switch c := c.(type) {
	case *model.Location:
		add("rsc", c.Rsc)
	case *model.Colocation:
		add("rsc", c.Rsc)
		add("with-rsc", c.WithRsc)
	case *model.Order:
		add("first", c.First)
		add("then", c.Then)
	case *model.Ticket:
		add("rsc", c.Rsc)
	case nil:
	default:
		panic("verify: unexpected constraint type")
	}
	return out
}

// constraintSets returns the resource sets of a constraint.
func constraintSets(c model.Constraint) []*model.ResourceSet {
	switch c := c.(type) {
	case *model.Location:
		return c.Sets
	case *model.Colocation:
		return c.Sets
	case *model.Order:
		return c.Sets
	case *model.Ticket:
		return c.Sets
	case nil:
		return nil
	default:
		panic("verify: unexpected constraint type")
	}
}

// rangeOr returns e's range or, when it has none, the input's file.
func rangeOr(ic *inputConfig, e model.Element) model.Range { return ic.at(e) }
