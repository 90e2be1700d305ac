package sim

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
)

// Role is a resource role.
type Role int

// Roles, in Pacemaker's order.
const (
	RoleUnknown Role = iota
	RoleStopped
	RoleStarted
	RoleUnpromoted
	RolePromoted
)

func (r Role) String() string {
	switch r {
	case RoleStopped:
		return "Stopped"
	case RoleStarted:
		return "Started"
	case RoleUnpromoted:
		return "Unpromoted"
	case RolePromoted:
		return "Promoted"
	}
	return "Unknown"
}

func parseRole(s string) Role {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "stopped":
		return RoleStopped
	case "started":
		return RoleStarted
	case "unpromoted", "slave":
		return RoleUnpromoted
	case "promoted", "master":
		return RolePromoted
	}
	return RoleUnknown
}

// node is one cluster node as the scheduler sees it.
type node struct {
	name, id   string
	idx        int
	online     bool
	standby    bool
	maint      bool
	unclean    bool
	pending    bool
	shutdown   bool
	remote     bool
	fence      bool // fenced by this transition
	failFenced bool // unclean because a resource failed there
	attrs      map[string]string
	util       map[string]int
	count      int // resources assigned in this run
	configured bool
	hasState   bool
	expectedUp bool
	conn       *resource // remote connection or guest container
	// fenceReason: why the node is unclean, as Pacemaker says it (the
	// first reason found wins).
	fenceReason string
	guest       bool
}

// why records the first reason the node needs fencing.
func (n *node) why(reason string) {
	if n.fenceReason == "" {
		n.fenceReason = reason
	}
}

// canRun reports whether the node may host resources.
func (n *node) canRun() bool {
	if n.remote {
		return n.remoteUp() && !n.standby && !n.unclean && !n.maint && !n.shutdown
	}
	return n.online && !n.standby && !n.unclean && !n.pending && !n.shutdown && !n.maint
}

// remoteUp reports whether a remote or guest node's connection is (or, once
// placed, will be) active.
func (n *node) remoteUp() bool {
	c := n.conn
	if c == nil {
		return false
	}
	if c.allocated {
		return c.assigned != nil && c.nextRole != RoleStopped
	}
	for _, s := range c.running {
		if !s.failed {
			return true
		}
	}
	return false
}

type kind int

const (
	kPrimitive kind = iota
	kGroup
	kClone
	kBundle
)

// instState is what the status section says of one primitive on one node.
type instState struct {
	node     *node
	role     Role
	failed   bool
	stopFail bool
	pending  string // in-flight operation
	changed  string // "restart" or "reload": the definition changed (digests)
	// migratedTo is the target of a successful migrate_to that is the
	// last operation here.
	migratedTo string
}

// resource is a primitive, group, clone (with its instances as children) or
// bundle.
type resource struct {
	id       string // for clone instances "child:N"
	baseID   string // id without the instance suffix
	kind     kind
	parent   *resource
	children []*resource
	meta     map[string]string
	prim     *model.Primitive
	tmpl     *model.Primitive // the template the primitive is built on
	class    string
	agent    string
	util     map[string]int
	order    int // document order

	priority       int
	stickiness     int
	migThreshold   int
	failureTO      int64
	managed        bool
	maint          bool
	targetRole     Role
	allowMigrate   bool
	requires       string
	multipleActive string

	// clones
	cloneMax, cloneNodeMax       int
	promotedMax, promotedNodeMax int
	unique, promotable           bool
	interleave, ordered          bool
	template                     *resource // clone child template (not scheduled)

	// status
	running []*instState
	lost    []*instState // on nodes fenced by this transition

	// bundles: the replica key shown for a container instance, the inner
	// resource's id and the guest node.
	bundle     *model.Bundle
	replicaKey string
	innerID    string
	guestNode  *node
	attrOnHost bool
	failcnt    map[*node]int
	// migFromFailed marks the nodes where a migrate_from failed.
	migFromFailed map[*node]bool
	orphan        bool

	// scheduling
	weights      []int
	allowed      []bool
	cons         []*colocation // this is the dependent
	consLHS      []*colocation // this is the primary
	assigned     *node
	nextRole     Role
	allocating   bool
	allocated    bool
	merging      bool
	blocked      bool
	locPromoted  []int // location scores for the promoted role, per node
	promoScore   int
	unrunnable   bool
	banned       map[*node]bool
	pinnedFailed bool
	blockedOn    *node // a start that an ordering blocks
	stopBlocked  bool  // a stop that an ordering blocks
	// quorumBlocked: placed, but without quorum its start cannot run.
	quorumBlocked bool
	demoteOn      *node // where a failure with on-fail=demote demotes it
	// noDevice: unmanaged only because fencing is enabled without a
	// device (not shown as "unmanaged" in the status).
	noDevice bool
	// knownOn: the nodes whose status holds history of this primitive
	// (no probe needed there).
	knownOn map[*node]bool
	// monitorsOn: the recurring monitor intervals the history holds, per
	// node.
	monitorsOn map[*node]map[int]bool
	// promoteBlocked: promotion planned but blocked (what it must be
	// promoted with cannot start).
	promoteBlocked bool
	// blockReason: why an ordering or quorum keeps it from running, as
	// crm_simulate words it ("unrunnable rsc3 start", "no quorum").
	blockReason string
	// agentReset: nodes whose history was written by another agent
	// (deleted, fail count cleared).
	agentReset map[*node]bool
	// unrunnableOn: where an ordering's unrunnable first took p off
	// (its start there stays in the transition graph, unrunnable).
	unrunnableOn *node
	// cloneName: the id the status history knows an anonymous clone
	// instance by ("rsc:1" for instance rsc:0), the last one read.
	cloneName string
	// histName: the last history id Pacemaker handed to this anonymous
	// instance that differs from its own id (its clone_name), which the
	// transition graph calls it by.
	histName string
	// countLater: pinned before placement; counted on its node when its
	// turn to be placed comes.
	countLater bool
	// notInstalled: nodes where a probe found the agent not installed
	// (the status says "Stopped (not installed)").
	notInstalled []*node
}

func (r *resource) top() *resource {
	for r.parent != nil {
		r = r.parent
	}
	return r
}

// isClone reports whether r is a clone.
func (r *resource) isClone() bool { return r.kind == kClone }

// cloneParent returns the clone r is an instance of (or inside), or nil.
func (r *resource) cloneParent() *resource {
	for p := r.parent; p != nil; p = p.parent {
		if p.kind == kClone {
			return p
		}
	}
	return nil
}

// primitives lists the primitives at or below r.
func (r *resource) primitives(out []*resource) []*resource {
	if r.kind == kPrimitive {
		return append(out, r)
	}
	for _, c := range r.children {
		out = c.primitives(out)
	}
	return out
}

// currentNode is the node r (a primitive) runs on, or nil.
func (r *resource) currentNodes() []*node {
	var ns []*node
	if r.kind == kPrimitive {
		for _, s := range r.running {
			ns = append(ns, s.node)
		}
		return ns
	}
	seen := map[*node]bool{}
	for _, p := range r.primitives(nil) {
		for _, s := range p.running {
			if !seen[s.node] {
				seen[s.node] = true
				ns = append(ns, s.node)
			}
		}
	}
	return ns
}

func (r *resource) currentNode() *node {
	ns := r.currentNodes()
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func (r *resource) currentRole() Role {
	best := RoleStopped
	for _, p := range r.primitives(nil) {
		for _, s := range p.running {
			if s.role > best {
				best = s.role
			}
		}
	}
	return best
}

func (r *resource) isFailed() bool {
	for _, p := range r.primitives(nil) {
		for _, s := range p.running {
			if s.failed {
				return true
			}
		}
	}
	return false
}

type colocation struct {
	id        string
	dependent *resource
	primary   *resource
	score     int
	depRole   Role
	primRole  Role
	attr      string
	influence bool
}

type ordering struct {
	id          string
	first, then *resource
	firstAction string
	thenAction  string
	kind        string // Mandatory, Optional, Serialize
	symmetrical bool
	requireAll  bool
	firsts      []*resource // require-all=false set: any of them
}

type ticket struct {
	id      string
	granted bool
	standby bool
}

type ticketCons struct {
	rsc        *resource
	ticket     string
	role       Role
	lossPolicy string
}

type locationCons struct {
	rsc   *resource
	node  *node
	score int
	role  Role
}

// world is the scheduler's working set.
type world struct {
	// fillers: the primitives whose container meta attribute names each
	// primitive (fillersOf).
	fillers map[*resource][]*resource
	// setIndex: the configuration's attribute sets by id ($id-ref).
	setIndex map[string]*model.NVSet
	cluster  *model.Cluster
	nodes    []*node
	byName   map[string]*node
	rscs     []*resource // top-level, document order
	byID     map[string]*resource
	allPrims []*resource

	colocs  []*colocation
	orders  []*ordering
	locs    []*locationCons
	tickets map[string]*ticket
	tcons   []*ticketCons

	opts      map[string]string
	symmetric bool
	stonith   bool
	// haveDevice: a fence device is configured (or have-watchdog is
	// true). Fencing enabled without one makes every resource unmanaged
	// and no node fenceable, as Pacemaker does.
	haveDevice bool
	histNames  map[string]bool // resource ids in the status history
	// exclusive: resources with a resource-discovery=exclusive location,
	// and the nodes those locations name.
	exclusive map[*resource]map[*node]bool
	// mergeCol: the colocation whose dependent mergeWeights is folding in.
	mergeCol *colocation
	// remoteFenced: remote nodes whose node_state says they were fenced;
	// connFailed: remote connections left failed and stopped (reset-remote
	// with a reconnect interval).
	remoteFenced map[*node]bool
	connFailed   map[*resource]bool
	// bundleConnUp: bundle guest nodes whose connection's history shows
	// it active; innerSeen: replicas whose inner resource's history shows
	// it active.
	bundleConnUp map[*node]bool
	innerSeen    map[*resource]bool
	// containerHost: the node a bundle container runs on by its history.
	containerHost map[*resource]*node
	// guestLost: guest nodes with resources active on them by history
	// while their container is not running.
	guestLost map[*node]bool
	// remoteOrphans: removed resources active on remote nodes that no
	// connection reaches (key, role, node).
	remoteOrphans [][3]string
	// failIgnored: resources with a failure ignored by on-fail=ignore,
	// whose migration-threshold Pacemaker ignores too.
	failIgnored map[*resource]bool
	// v30: Pacemaker 3.0 semantics where they differ from 2.1.
	v30           bool
	haveQuorum    bool
	noQuorum      string
	startFatal    bool
	strategy      string
	stopAll       bool
	maintMode     bool
	defStick      int
	now           int64 // unix seconds
	nowSet        bool
	fenced        []*node
	warnings      []string
	injected      []string
	quorumForced  bool
	dcUUID        string
	templateUsers map[string][]*resource
	orphanStops   []Action
	orphanKept    [][3]string       // key, role, node of orphans left running
	before        map[string]string // node states before the events
}

func (w *world) opt(name, def string) string {
	if v, ok := w.opts[name]; ok {
		return v
	}
	if v, ok := w.opts[strings.ReplaceAll(name, "-", "_")]; ok {
		return v
	}
	return def
}

// metaOf computes the effective meta attributes of a resource element:
// rsc_defaults, then the parent's, then its own.
func (w *world) evalSets(sets []*model.NVSet, into map[string]string, nd *node) {
	w.evalSetsFor(sets, into, nd, nil)
}

// evalSetsFor is evalSets with a resource for rsc_expression rules (nil:
// such rules match).
func (w *world) evalSetsFor(sets []*model.NVSet, into map[string]string, nd *node, rsc *resource) {
	// Sets are applied in order of score (higher first wins); without
	// scores, the first set that defines a name wins.
	type scored struct {
		s     *model.NVSet
		score int
		i     int
	}
	var ss []scored
	for i, s := range sets {
		s = w.resolveSet(s)
		if s == nil {
			continue
		}
		ss = append(ss, scored{s, parseScore(s.Score), i})
	}
	sort.SliceStable(ss, func(a, b int) bool { return ss[a].score > ss[b].score })
	seen := map[string]bool{}
	for _, x := range ss {
		if x.s.Rule != nil && !w.evalRule(x.s.Rule, nd, rsc) {
			continue
		}
		for _, p := range x.s.Pairs {
			if strings.EqualFold(p.Value, "#default") && !p.NoValue {
				// Pacemaker: "#default" drops a value set so far and
				// sets none.
				if seen[p.Name] {
					delete(into, p.Name)
					seen[p.Name] = false
				}
				continue
			}
			if seen[p.Name] || p.NoValue {
				continue
			}
			seen[p.Name] = true
			into[p.Name] = p.Value
		}
	}
}

func (w *world) resolveSet(s *model.NVSet) *model.NVSet {
	if s.IDRef == "" {
		return s
	}
	if t, ok := w.setIndex[s.IDRef]; ok {
		return t
	}
	return nil
}

// newWorld builds the working set from a cluster model.
func newWorld(c *model.Cluster, version string) (*world, error) {
	w := &world{cluster: c, byName: map[string]*node{}, byID: map[string]*resource{}, tickets: map[string]*ticket{},
		opts: map[string]string{}, v30: version == "3.0" || version == "" && DefaultPacemaker == "3.0"}
	cfg := c.Config
	if cfg == nil {
		cfg = &model.Configuration{}
	}
	w.setIndex = indexSets(cfg)
	w.evalSets(cfg.ClusterOptions, w.opts, nil)
	w.symmetric = model.IsTrue(w.opt("symmetric-cluster", "true"))
	w.stonith = model.IsTrue(w.opt("stonith-enabled", w.opt("fencing-enabled", "true")))
	w.noQuorum = w.opt("no-quorum-policy", "stop")
	w.haveDevice = model.IsTrue(w.opt("have-watchdog", "false")) || hasFenceDevice(cfg.Resources)
	w.startFatal = model.IsTrue(w.opt("start-failure-is-fatal", "true"))
	w.strategy = strings.ToLower(w.opt("placement-strategy", "default"))
	w.stopAll = model.IsTrue(w.opt("stop-all-resources", "false"))
	w.maintMode = model.IsTrue(w.opt("maintenance-mode", "false"))
	w.defStick = parseScore(w.opt("default-resource-stickiness", "0"))
	w.haveQuorum = true
	if c.CIB != nil {
		w.dcUUID = c.CIB.Attrs.Value("dc-uuid")
		if v, ok := c.CIB.Attrs.Get("have-quorum"); ok {
			w.haveQuorum = model.IsTrue(v)
		}
	}
	w.buildNodes(cfg)
	if err := w.buildResources(cfg); err != nil {
		return nil, err
	}
	return w, nil
}

// hasFenceDevice reports whether any primitive (template, clone or group
// member included) is of class stonith.
func hasFenceDevice(rs []model.Resource) bool {
	for _, r := range rs {
		switch x := r.(type) {
		case *model.Primitive:
			if strings.EqualFold(x.Class, "stonith") {
				return true
			}
		case *model.Group:
			for _, m := range x.Members {
				if hasFenceDevice([]model.Resource{m}) {
					return true
				}
			}
		case *model.Clone:
			if x.Child != nil && hasFenceDevice([]model.Resource{x.Child}) {
				return true
			}
		case *model.Bundle:
			if x.Primitive != nil && hasFenceDevice([]model.Resource{x.Primitive}) {
				return true
			}
		}
	}
	return false
}

// indexSets maps the id of every attribute set of cfg to the set, for
// $id-ref resolution.
func indexSets(cfg *model.Configuration) map[string]*model.NVSet {
	setIndex := map[string]*model.NVSet{}
	add := func(sets []*model.NVSet) {
		for _, s := range sets {
			if s.ID != "" && s.IDRef == "" {
				setIndex[s.ID] = s
			}
		}
	}
	add(cfg.ClusterOptions)
	add(cfg.RscDefaults)
	add(cfg.OpDefaults)
	var walk func(r model.Resource)
	walk = func(r model.Resource) {
		switch x := r.(type) {
		case *model.Primitive:
			add(x.MetaAttrs)
			add(x.InstanceAttrs)
			add(x.Utilization)
		case *model.Group:
			add(x.MetaAttrs)
			for _, m := range x.Members {
				walk(m)
			}
		case *model.Clone:
			add(x.MetaAttrs)
			if x.Child != nil {
				walk(x.Child)
			}
		case *model.Bundle:
			add(x.MetaAttrs)
			if x.Primitive != nil {
				walk(x.Primitive)
			}
		}
	}
	for _, r := range cfg.Resources {
		walk(r)
	}
	for _, n := range cfg.Nodes {
		add(n.InstanceAttrs)
		add(n.Utilization)
	}
	return setIndex
}

func (w *world) addNode(name, id string) *node {
	if n, ok := w.byName[name]; ok {
		return n
	}
	n := &node{name: name, id: id, idx: len(w.nodes), attrs: map[string]string{}, util: map[string]int{}}
	w.nodes = append(w.nodes, n)
	w.byName[name] = n
	return n
}

func (w *world) buildNodes(cfg *model.Configuration) {
	for _, cn := range cfg.Nodes {
		name := cn.Uname
		if name == "" {
			name = cn.ID
		}
		n := w.addNode(name, cn.ID)
		n.configured = true
		if cn.Type == "remote" {
			n.remote = true
		}
		w.evalSets(cn.InstanceAttrs, n.attrs, nil)
		u := map[string]string{}
		w.evalSets(cn.Utilization, u, nil)
		for k, v := range u {
			n.util[k] = parseInt(v, 0)
		}
	}
	sort.SliceStable(w.nodes, func(i, j int) bool { return w.nodes[i].name < w.nodes[j].name })
	for i, n := range w.nodes {
		n.idx = i
	}
}

func (w *world) buildResources(cfg *model.Configuration) error {
	var defSets []*model.NVSet
	if w.cluster.Config != nil {
		defSets = w.cluster.Config.RscDefaults
	}
	templates := map[string]*model.Primitive{}
	for _, r := range cfg.Resources {
		if p, ok := r.(*model.Primitive); ok && p.IsTemplate {
			templates[p.ID] = p
		}
	}
	order := 0
	var build func(mr model.Resource, parent *resource) *resource
	build = func(mr model.Resource, parent *resource) *resource {
		r := &resource{meta: map[string]string{}, parent: parent, order: order, failcnt: map[*node]int{},
			util: map[string]int{}, banned: map[*node]bool{}}
		order++
		// Own meta attributes win over the parent's, which win over
		// rsc_defaults (evaluated for this resource, below).
		if parent != nil {
			for k, v := range parent.meta {
				r.meta[k] = v
			}
		}
		own := map[string]string{}
		switch x := mr.(type) {
		case *model.Primitive:
			r.kind = kPrimitive
			r.id = x.ID
			r.prim = x
			if x.Template != "" && parent == nil || x.Template != "" && parent.kind == kGroup {
				if w.templateUsers == nil {
					w.templateUsers = map[string][]*resource{}
				}
				w.templateUsers[x.Template] = append(w.templateUsers[x.Template], r)
			}
			r.class, r.agent = x.Class, x.Agent()
			var util []*model.NVSet
			if x.Template != "" {
				if t, ok := templates[x.Template]; ok {
					r.tmpl = t
					w.evalSets(t.MetaAttrs, own, nil)
					util = append(util, t.Utilization...)
					if r.class == "" {
						cp := *x
						cp.Class, cp.Provider, cp.Type = t.Class, t.Provider, t.Type
						r.class, r.agent = t.Class, cp.Agent()
					}
				}
			}
			tmp := map[string]string{}
			w.evalSets(x.MetaAttrs, tmp, nil)
			for k, v := range tmp {
				own[k] = v
			}
			u := map[string]string{}
			w.evalSets(append(append([]*model.NVSet(nil), x.Utilization...), util...), u, nil)
			for k, v := range u {
				r.util[k] = parseInt(v, 0)
			}
			for _, a := range x.Extra {
				own[a.Name] = a.Value
			}
		case *model.Group:
			r.kind = kGroup
			r.id = x.ID
			w.evalSets(x.MetaAttrs, own, nil)
		case *model.Clone:
			r.kind = kClone
			r.id = x.ID
			w.evalSets(x.MetaAttrs, own, nil)
			for _, a := range x.Extra {
				own[a.Name] = a.Value
			}
			if x.Element == "master" {
				own["promotable"] = "true"
			}
		case *model.Bundle:
			r.kind = kBundle
			r.id = x.ID
			w.evalSets(x.MetaAttrs, own, nil)
		default:
			panic(fmt.Sprintf("sim: unexpected resource type %T", mr))
		}
		for k, v := range own {
			r.meta[strings.ReplaceAll(k, "_", "-")] = v
		}
		if len(defSets) > 0 {
			defs := map[string]string{}
			w.evalSetsFor(defSets, defs, nil, r)
			for k, v := range defs {
				k = strings.ReplaceAll(k, "_", "-")
				if _, set := r.meta[k]; !set {
					r.meta[k] = v
				}
			}
		}
		r.baseID = r.id
		w.byID[r.id] = r
		switch x := mr.(type) {
		case *model.Group:
			for _, m := range x.Members {
				r.children = append(r.children, build(m, r))
			}
		case *model.Clone:
			if x.Child != nil {
				r.template = build(x.Child, r)
			}
		case *model.Bundle:
			w.settings(r)
			w.buildBundle(r, x)
			return r
		}
		w.settings(r)
		return r
	}
	for _, mr := range cfg.Resources {
		if p, ok := mr.(*model.Primitive); ok && p.IsTemplate {
			continue
		}
		r := build(mr, nil)
		w.rscs = append(w.rscs, r)
	}
	// Remote and guest nodes.
	for _, r := range w.rscs {
		for _, p := range r.primitives(nil) {
			if p.cloneParent() != nil {
				continue
			}
			if p.agent == "ocf:pacemaker:remote" {
				n := w.addNode(p.id, p.id)
				n.remote, n.conn = true, p
				if ri := w.reconnectInterval(p); ri > 0 {
					// The reconnect interval is the failure timeout.
					p.failureTO = ri
				}
			} else if g := p.meta["remote-node"]; g != "" {
				n := w.addNode(g, g)
				n.remote, n.guest, n.conn = true, true, p
			}
		}
	}
	// Create clone instances.
	for _, r := range w.rscs {
		if r.kind == kClone && r.template != nil && r.bundle == nil {
			w.makeInstances(r)
		}
	}
	return nil
}

func (w *world) settings(r *resource) {
	m := r.meta
	r.priority = parseScore(m["priority"])
	if v, ok := m["resource-stickiness"]; ok {
		r.stickiness = parseScore(v)
	} else {
		r.stickiness = w.defStick
	}
	r.migThreshold = parseInt(m["migration-threshold"], Infinity)
	if r.migThreshold <= 0 {
		r.migThreshold = Infinity
	}
	r.failureTO = parseDurationMS(m["failure-timeout"]) / 1000
	r.managed = !(m["is-managed"] != "" && !model.IsTrue(m["is-managed"]))
	r.maint = model.IsTrue(m["maintenance"])
	r.targetRole = parseRole(m["target-role"])
	r.allowMigrate = model.IsTrue(m["allow-migrate"])
	r.requires = m["requires"]
	r.multipleActive = m["multiple-active"]
	if r.kind == kClone {
		nn := len(w.nodes)
		r.cloneMax = parseInt(m["clone-max"], nn)
		r.cloneNodeMax = parseInt(m["clone-node-max"], 1)
		r.promotable = model.IsTrue(m["promotable"])
		r.promotedMax = parseInt(firstOf(m["promoted-max"], m["master-max"]), 1)
		r.promotedNodeMax = parseInt(firstOf(m["promoted-node-max"], m["master-node-max"]), 1)
		r.unique = model.IsTrue(m["globally-unique"])
		if _, set := m["globally-unique"]; !set && w.v30 && r.cloneNodeMax > 1 {
			// Pacemaker 3.0: globally-unique defaults to true when
			// clone-node-max is above 1.
			r.unique = true
		}
		if !r.unique && r.cloneNodeMax > 1 {
			// Pacemaker 2.1 ignores clone-node-max for anonymous clones:
			// one instance per node.
			r.cloneNodeMax = 1
		}
		r.interleave = model.IsTrue(m["interleave"])
		r.ordered = model.IsTrue(m["ordered"])
		if _, ok := m["resource-stickiness"]; !ok {
			r.stickiness = 1
			m["resource-stickiness"] = "1"
		}
	}
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// makeInstances creates clone-max copies of the clone's child.
func (w *world) makeInstances(c *resource) {
	t := c.template
	c.cloneMax = parseInt(c.meta["clone-max"], len(w.nodes))
	if c.unique {
		// Only ocf and stonith agents can be unique clones; Pacemaker
		// makes any other clone anonymous, one instance per node.
		for _, p := range t.primitives(nil) {
			if cl := strings.ToLower(p.class); cl != "ocf" && cl != "stonith" {
				c.unique = false
				c.cloneNodeMax = 1
				c.cloneMax = min(c.cloneMax, len(w.nodes))
				break
			}
		}
	}
	// Stonith clones are anonymous.

	for i := 0; i < c.cloneMax; i++ {
		c.children = append(c.children, w.copyInstance(t, c, i))
	}
}

func (w *world) copyInstance(t, parent *resource, i int) *resource {
	r := *t
	r.id = fmt.Sprintf("%s:%d", t.id, i)
	r.baseID = t.id
	r.parent = parent
	r.failcnt = map[*node]int{}
	r.banned = map[*node]bool{}
	r.children = nil
	for _, ch := range t.children {
		r.children = append(r.children, w.copyInstance(ch, &r, i))
	}
	return &r
}

// buildBundle turns a bundle into a unique clone of container replicas, each
// with its guest node when the bundle has an inner resource.
func (w *world) buildBundle(r *resource, x *model.Bundle) {
	r.kind = kClone
	r.bundle = x
	r.unique = true
	ctype := "docker"
	var cattrs model.Attrs
	if x.Container != nil {
		ctype = x.Container.Element
		cattrs = x.Container.Attrs
	}
	r.cloneMax = parseInt(cattrs.Value("replicas"), 1)
	pm := parseInt(firstOf(cattrs.Value("promoted-max"), cattrs.Value("masters")), 0)
	r.cloneMax = max(r.cloneMax, pm)
	r.cloneNodeMax = parseInt(cattrs.Value("replicas-per-host"), 1)
	// Only an inner resource can be promoted: containers alone just start.
	r.promotable = (model.IsTrue(r.meta["promotable"]) || pm > 0) && x.Primitive != nil
	r.promotedMax = pm
	if r.promotedMax == 0 {
		r.promotedMax = parseInt(firstOf(r.meta["promoted-max"], r.meta["master-max"]), 1)
	}
	r.promotedNodeMax = Infinity
	if _, ok := r.meta["resource-stickiness"]; !ok {
		r.stickiness = w.defStick
	}
	inner := ""
	if x.Primitive != nil {
		inner = x.Primitive.ID
	}
	for i := 0; i < r.cloneMax; i++ {
		id := fmt.Sprintf("%s-%s-%d", r.id, ctype, i)
		p := &resource{id: id, baseID: id, kind: kPrimitive, parent: r, meta: map[string]string{}, class: "ocf",
			agent: "ocf:heartbeat:" + ctype, failcnt: map[*node]int{}, util: map[string]int{}, banned: map[*node]bool{},
			bundle: x, innerID: inner, attrOnHost: r.meta["container-attribute-target"] == "host"}
		for k, v := range r.meta {
			p.meta[k] = v
		}
		w.settings(p)
		p.replicaKey = id
		if inner != "" {
			p.replicaKey = fmt.Sprintf("%s-%d", r.id, i)
			n := w.addNode(p.replicaKey, p.replicaKey)
			n.remote, n.guest, n.conn = true, true, p
			p.guestNode = n
		}
		w.byID[id] = p
		r.children = append(r.children, p)
	}
}
