package scenario

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"hakit/model"
	"hakit/sim"
	"hakit/sim/quorum"
)

// DefaultStart is the story's clock at the first step when no step sets
// the date: a fixed time, so that output is the same on every run.
var DefaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Report is the played story.
type Report struct {
	Steps []*StepReport `json:"steps"`
}

// Failed counts the assertions that do not hold.
func (r *Report) Failed() (failed, total int) {
	for _, s := range r.Steps {
		for _, a := range s.Assertions {
			total++
			if !a.OK {
				failed++
			}
		}
	}
	return
}

// StepReport is one step's outcome. Placement and Actions have the shape
// of hakit simulate --format json.
type StepReport struct {
	Name       string        `json:"name"`
	Time       string        `json:"time"`
	Quorate    bool          `json:"quorate"`
	Quorum     *quorum.State `json:"quorum,omitempty"`
	Partitions []Partition   `json:"partitions"`
	Placement  sim.Placement `json:"placement"`
	Actions    []sim.Action  `json:"actions"`
	Fenced     []string      `json:"fenced"`
	Outage     []Outage      `json:"outage"`
	Assertions []Assertion   `json:"assertions"`
	// Notes say what the scheduler could not do and Pacemaker only logs
	// (no fence device, an --op-fail that failed nothing).
	Notes    []string `json:"notes,omitempty"`
	Injected []string `json:"-"`
}

// Partition is one side's view of a split membership.
type Partition struct {
	Nodes     []string     `json:"nodes"`
	Quorate   bool         `json:"quorate"`
	Quorum    quorum.State `json:"quorum"`
	Simulated bool         `json:"simulated"`
	Note      string       `json:"note,omitempty"`
}

// Outage is the estimated interruption of one resource, with its parts
// (all in seconds; an upper bound from the configured timeouts).
type Outage struct {
	Resource  string  `json:"resource"`
	Seconds   float64 `json:"estimate_seconds"`
	Detection float64 `json:"detection"`
	Fencing   float64 `json:"fencing"`
	Stop      float64 `json:"stop"`
	Start     float64 `json:"start"`
	Basis     string  `json:"basis"`
}

// Assertion is one checked expectation.
type Assertion struct {
	Expect  string `json:"expect"`
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

// Names lists the node and resource names a cluster has, for Check.
func Names(c *model.Cluster) (nodes, resources []string) {
	seen := map[string]bool{}
	if c.Config != nil {
		for _, n := range c.Config.Nodes {
			name := n.Uname
			if name == "" {
				name = n.ID
			}
			if !seen[name] {
				seen[name] = true
				nodes = append(nodes, name)
			}
		}
		model.Walk(c.Config.Resources, func(r, _ model.Resource) {
			resources = append(resources, r.ResourceID())
		})
	}
	if c.Membership != nil {
		for _, n := range c.Membership.Nodes {
			if n.Name != "" && !seen[n.Name] {
				seen[n.Name] = true
				nodes = append(nodes, n.Name)
			}
		}
	}
	return nodes, resources
}

// Play runs the story on cluster c. tr computes quorum from the membership
// (nil: the CIB's view, or what the steps set). membership is the
// membership as read (for totem timings; may be nil).
func Play(sc *Scenario, c *model.Cluster, tr *quorum.Tracker, membership *model.Membership) (*Report, error) {
	rep := &Report{}
	if c.Status != nil && len(c.Status.Nodes) == 0 {
		// An empty status: start, as without one, from the steady state.
		cp := *c
		cp.Status = nil
		c = &cp
	}
	nodes, _ := Names(c)
	up := map[string]bool{}
	for _, n := range nodes {
		up[n] = true
	}
	if c.Status != nil {
		for n := range up {
			up[n] = false
		}
		for _, ns := range c.Status.Nodes {
			// in_ccm is a boolean, or (Pacemaker 2.1.7+) the time it joined.
			v := ns.Attrs.Value("in_ccm")
			if model.IsTrue(v) || v != "" && !model.IsBool(v) {
				up[ns.Uname()] = true
			}
		}
	}
	upList := func() []string {
		var out []string
		for _, n := range nodes {
			if up[n] {
				out = append(out, n)
			}
		}
		return out
	}
	if tr != nil {
		tr.Start(upList())
	}
	info := newConfigInfo(c, membership)
	now := DefaultStart
	var split [][]string // the partition in force
	var lastPlacement sim.Placement
	for _, st := range sc.Steps {
		ev := st.Events
		ev.Scores = false
		now = now.Add(st.Wait)
		if ev.Time != "" {
			if t, ok := sim.ParseTime(ev.Time); ok {
				now = t
			}
		}
		ev.Time = now.UTC().Format("2006-01-02 15:04:05")
		sr := &StepReport{Name: st.Name, Time: ev.Time + "Z", Partitions: []Partition{}, Fenced: []string{}, Outage: []Outage{}, Assertions: []Assertion{}}
		if tr != nil {
			tr.Pass(st.Wait)
			switch st.QDevice {
			case "lost":
				tr.DeviceUp = false
			case "back":
				tr.DeviceUp = true
			}
		}
		for _, n := range ev.NodeFail {
			up[n] = false
		}
		for _, n := range ev.NodeDown {
			up[n] = false
		}
		for _, n := range ev.NodeUp {
			up[n] = true
		}
		if st.Heal && split != nil {
			for _, side := range split[1:] {
				for _, n := range side {
					if !up[n] && !contains(ev.NodeFail, n) && !contains(ev.NodeDown, n) {
						ev.NodeUp = append(ev.NodeUp, n)
						up[n] = true
					}
				}
			}
			split = nil
		}
		if len(st.Partition) > 0 {
			split = nil
			var sides []Partition
			var names [][]string
			for _, side := range st.Partition {
				var ns []string
				for _, x := range side {
					if up[x.Value] {
						ns = append(ns, x.Value)
					}
				}
				names = append(names, ns)
				sides = append(sides, Partition{Nodes: ns, Quorate: len(ns)*2 > len(nodes)})
			}
			if tr != nil {
				for i, q := range tr.Views(names) {
					sides[i].Quorum, sides[i].Quorate = q, q.Quorate
				}
			}
			// The simulated side: the first quorate one, else the first.
			pick := 0
			for i, p := range sides {
				if p.Quorate {
					pick = i
					break
				}
			}
			raceNote := ""
			if q := countQuorate(sides); q > 1 {
				var w int
				w, raceNote = info.fenceRace(c, sides, lastPlacement)
				if w >= 0 {
					pick = w
				}
			}
			sides[pick].Simulated = true
			if raceNote != "" {
				sides[pick].Note = raceNote
			}
			if !sides[pick].Quorate {
				sides[pick].Note = "no side is quorate: each applies no-quorum-policy (with ignore, both run their resources: split brain); simulated is the first side"
			}
			for i, p := range sides {
				if i != pick {
					p.Note = "inquorate: applies no-quorum-policy"
					if p.Quorate {
						p.Note = "quorate too: races the simulated side to fence"
						if strings.HasPrefix(raceNote, "wins") {
							p.Note = "quorate too, but loses the fence race"
						}
					} else if sides[pick].Quorate {
						p.Note = "inquorate: applies no-quorum-policy and is fenced by the quorate side"
					}
					sides[i] = p
				}
			}
			split = append(split, sides[pick].Nodes)
			for i, p := range sides {
				if i == pick {
					continue
				}
				split = append(split, p.Nodes)
				for _, n := range p.Nodes {
					ev.NodeFail = append(ev.NodeFail, n)
					up[n] = false
				}
			}
			sr.Partitions = sides
		}
		if tr != nil && ev.Quorum == "" {
			view := tr.View(upList())
			sr.Quorum = &view
			ev.Quorum = strconv.FormatBool(view.Quorate)
		}
		res, err := sim.Run(c, observedFailures(&ev))
		if err != nil {
			return rep, fmt.Errorf("%s: %w", st.Name, err)
		}
		sr.Placement, sr.Actions, sr.Notes = res.Placement, res.Actions, res.Notes
		lastPlacement = res.Placement
		if sr.Actions == nil {
			sr.Actions = []sim.Action{}
		}
		for _, a := range res.Actions {
			if strings.HasPrefix(a.Action, "Fence") && a.Action != "Fence (on)" && a.Node != nil {
				sr.Fenced = append(sr.Fenced, *a.Node)
				up[*a.Node] = false
			}
		}
		c = res.Next()
		sr.Quorate = c.CIB == nil || c.CIB.Attrs.Value("have-quorum") == "" || model.IsTrue(c.CIB.Attrs.Value("have-quorum"))
		sr.Outage = info.outage(st, sr, len(nodes))
		for _, e := range st.Expect {
			sr.Assertions = append(sr.Assertions, info.check(e, sr))
		}
		rep.Steps = append(rep.Steps, sr)
	}
	return rep, nil
}

func countQuorate(ps []Partition) int {
	n := 0
	for _, p := range ps {
		if p.Quorate {
			n++
		}
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// configInfo is what assertions and estimates read from the configuration.
type configInfo struct {
	prims     map[string][]string // resource id -> placement keys of its primitives
	groups    map[string]bool
	ops       map[string]map[string]*model.Op // primitive -> "name interval" -> op
	groupOf   map[string][]string             // primitive -> group members before it (itself included)
	before    map[string][]string             // primitive -> primitives that must start before it
	fenceTO   float64
	tokenTO   float64
	nodeBasis string // what detects a lost node
	opDefault float64
}

func newConfigInfo(c *model.Cluster, m *model.Membership) *configInfo {
	ci := &configInfo{prims: map[string][]string{}, groups: map[string]bool{}, ops: map[string]map[string]*model.Op{},
		groupOf: map[string][]string{}, before: map[string][]string{}, fenceTO: 60, tokenTO: 3, opDefault: 20, nodeBasis: "totem token + consensus"}
	if c.Config != nil {
		var add func(id string, r model.Resource)
		add = func(id string, r model.Resource) {
			switch x := r.(type) {
			case *model.Primitive:
				ci.prims[id] = append(ci.prims[id], x.ID)
			case *model.Group:
				for _, p := range x.Members {
					ci.prims[id] = append(ci.prims[id], p.ID)
				}
			case *model.Clone:
				add(id, x.Child)
			}
		}
		model.Walk(c.Config.Resources, func(r, _ model.Resource) {
			add(r.ResourceID(), r)
			if g, ok := r.(*model.Group); ok {
				ci.groups[g.ID] = true
				var before []string
				for _, p := range g.Members {
					before = append(before, p.ID)
					ci.groupOf[p.ID] = append([]string(nil), before...)
				}
			}
		})
		for _, g := range ci.groupOf {
			for i := 1; i < len(g); i++ {
				ci.before[g[i]] = appendNew(ci.before[g[i]], g[i-1])
			}
		}
		for _, con := range c.Config.Constraints {
			o, ok := con.(*model.Order)
			if !ok || o.First == "" || o.Then == "" || strings.EqualFold(o.Kind, "Optional") || strings.EqualFold(o.Kind, "Serialize") || o.Score == "0" {
				continue
			}
			firsts := ci.prims[o.First]
			if g := ci.prims[o.First]; len(g) > 0 && ci.groups[o.First] {
				firsts = g[len(g)-1:] // a group is started when its last member is
			}
			thens := ci.prims[o.Then]
			if len(thens) > 0 && ci.groups[o.Then] {
				thens = thens[:1]
			}
			for _, t := range thens {
				for _, f := range firsts {
					ci.before[t] = appendNew(ci.before[t], f)
				}
			}
		}
		model.Primitives(c.Config.Resources, func(p *model.Primitive) {
			m := map[string]*model.Op{}
			if p.Operations != nil {
				for _, o := range p.Operations.Ops {
					m[o.Name+" "+strconv.FormatInt(durMS(o.Interval), 10)] = o
				}
			}
			ci.ops[p.ID] = m
		})
		if v, ok := model.Lookup(c.Config.ClusterOptions, "stonith-timeout"); ok {
			ci.fenceTO = float64(durMS(v)) / 1000
		}
		for _, s := range c.Config.OpDefaults {
			for _, p := range s.Pairs {
				if p.Name == "timeout" {
					ci.opDefault = float64(durMS(p.Value)) / 1000
				}
			}
		}
	}
	if m != nil && m.Heartbeat != nil && m.Origin == "heartbeat" {
		// heartbeat declares a node dead after deadtime (default 30 s).
		dead := m.Heartbeat.Directives.Value("deadtime")
		ci.tokenTO, ci.nodeBasis = 30, "heartbeat deadtime"
		if dead != "" {
			ci.tokenTO = float64(durMS(dead)) / 1000
		}
	} else if m != nil {
		// totem times are milliseconds; corosync 2/3 default the token to
		// 3 s plus token_coefficient (650 ms) per node beyond two, CMAN to 10 s.
		token := 3000.0
		if m.Origin == "cman" {
			token = 10000
		}
		if v := atoiMS(m.Totem.Value("token")); v > 0 {
			token = float64(v)
		}
		if n := len(m.Nodes); n > 2 && m.Origin != "cman" {
			coef := 650.0
			if v := m.Totem.Value("token_coefficient"); v != "" {
				coef = float64(atoiMS(v))
			}
			token += coef * float64(n-2)
		}
		consensus := 1.2 * token
		if v := atoiMS(m.Totem.Value("consensus")); v > 0 {
			consensus = float64(v)
		}
		ci.tokenTO = (token + consensus) / 1000
	}
	return ci
}

// atoiMS reads a corosync time: plain milliseconds.
func atoiMS(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// durMS reads a Pacemaker duration (plain seconds, or with ms/s/m/min/h).
func durMS(s string) int64 {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n * 1000
	}
	if d, ok := ParseDuration(s); ok {
		return d.Milliseconds()
	}
	return 0
}

func (ci *configInfo) opTimeout(prim, name string, interval int64) float64 {
	if o := ci.ops[prim][name+" "+strconv.FormatInt(interval, 10)]; o != nil && o.Timeout != "" {
		return float64(durMS(o.Timeout)) / 1000
	}
	return ci.opDefault
}

// outage estimates the interruption of every resource the step moved,
// recovered or restarted: detection, fencing, then the stop and start
// timeouts along its group, as an upper bound.
func (ci *configInfo) outage(st *Step, sr *StepReport, _ int) []Outage {
	out := []Outage{}
	failedOp := map[string]sim.OpSpec{}
	for _, s := range st.Events.OpFail {
		if o, err := sim.ParseOpSpec(s); err == nil {
			failedOp[o.Resource] = o
		}
	}
	nodeFailed := len(st.Events.NodeFail) > 0 || len(st.Partition) > 0
	moving := map[string]bool{}
	for _, a := range sr.Actions {
		switch a.Action {
		case "Move", "Recover", "Restart", "Start", "Migrate":
			if a.Resource != nil {
				b, _, _ := strings.Cut(*a.Resource, ":")
				moving[b] = true
			}
		}
	}
	for _, a := range sr.Actions {
		if a.Resource == nil {
			continue
		}
		switch a.Action {
		case "Move", "Recover", "Restart", "Start", "Migrate":
		default:
			continue
		}
		rsc := *a.Resource
		base, _, _ := strings.Cut(rsc, ":")
		o := Outage{Resource: rsc}
		var basis []string
		if f, ok := failedOp[base]; ok {
			o.Detection = float64(f.Interval)/1000 + ci.opTimeout(base, f.Op, int64(f.Interval))
			basis = append(basis, "monitor interval + timeout")
		} else if nodeFailed {
			o.Detection = ci.tokenTO
			basis = append(basis, ci.nodeBasis)
		}
		if len(sr.Fenced) > 0 && a.Action != "Restart" {
			o.Fencing = ci.fenceTO
			basis = append(basis, "stonith-timeout")
		}
		stops := a.Action != "Start" && (a.Action != "Move" || len(sr.Fenced) == 0)
		if stops {
			o.Stop = ci.chain(base, "stop", moving, map[string]bool{})
		}
		o.Start = ci.chain(base, "start", moving, map[string]bool{})
		basis = append(basis, "stop/start timeouts along the ordering")
		o.Seconds = o.Detection + o.Fencing + o.Stop + o.Start
		o.Basis = strings.Join(basis, ", ")
		out = append(out, o)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}

// nodesOf lists the nodes where the placement keys run in the given roles
// ("" any active role).
func nodesOf(pl sim.Placement, keys []string, role string) []string {
	set := map[string]bool{}
	for _, k := range keys {
		for r, ns := range pl.Resources[k] {
			if role != "" && r != role || r == "Stopped" {
				continue
			}
			for _, n := range ns {
				set[n] = true
			}
		}
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func values(ns []Name) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Value)
	}
	sort.Strings(out)
	return out
}

func (ci *configInfo) keys(id string) []string {
	if ks := ci.prims[id]; len(ks) > 0 {
		return ks
	}
	return []string{id}
}

// Evaluate checks one expectation against a step's outcome (for tests
// that read the outcome from another tool: placement, quorum, fencing and
// actions are read from sr).
func Evaluate(c *model.Cluster, e *Expect, sr *StepReport) Assertion {
	return newConfigInfo(c, nil).check(e, sr)
}

func (ci *configInfo) check(e *Expect, sr *StepReport) Assertion {
	a := Assertion{Expect: e.Text(), OK: true}
	fail := func(f string, args ...any) {
		a.OK, a.Message = false, fmt.Sprintf(f, args...)
	}
	show := func(ns []string) string {
		if len(ns) == 0 {
			return "nowhere"
		}
		return strings.Join(ns, ", ")
	}
	switch e.Key {
	case "running", "promoted":
		role := ""
		if e.Key == "promoted" {
			role = "Promoted"
		}
		want := values(e.Nodes)
		if ci.groups[e.Resource.Value] && role == "" {
			for _, k := range ci.keys(e.Resource.Value) {
				if got := nodesOf(sr.Placement, []string{k}, ""); strings.Join(got, ",") != strings.Join(want, ",") {
					fail("%s (of %s) runs on %s", k, e.Resource.Value, show(got))
					break
				}
			}
		} else if got := nodesOf(sr.Placement, ci.keys(e.Resource.Value), role); strings.Join(got, ",") != strings.Join(want, ",") {
			fail("%s is %s on %s", e.Resource.Value, map[string]string{"": "running", "Promoted": "promoted"}[role], show(got))
		}
	case "stopped":
		for _, x := range e.Names {
			if got := nodesOf(sr.Placement, ci.keys(x.Value), ""); len(got) > 0 {
				fail("%s runs on %s", x.Value, show(got))
				break
			}
		}
	case "quorate":
		if sr.Quorate != e.Bool {
			fail("the cluster is %s", map[bool]string{true: "quorate", false: "not quorate"}[sr.Quorate])
		}
	case "fenced":
		for _, x := range e.Names {
			if !contains(sr.Fenced, x.Value) {
				fail("%s is not fenced (fenced: %s)", x.Value, show(sr.Fenced))
				break
			}
		}
		if len(e.Names) == 0 && len(sr.Fenced) > 0 {
			fail("fenced: %s", show(sr.Fenced))
		}
	case "actions-include":
		for _, l := range e.Lines {
			if !hasAction(sr.Actions, l) {
				var all []string
				for _, x := range sr.Actions {
					all = append(all, actionWords(x))
				}
				fail("no action %q (actions: %s)", l, strings.Join(all, "; "))
				break
			}
		}
	}
	if a.OK {
		a.Message = "holds"
	}
	return a
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// actionWords is an action as "verb resource node [to-node]", the way
// actions-include writes it ("fence node1" for fencing).
func actionWords(a sim.Action) string {
	verb := strings.ToLower(a.Action)
	if strings.HasPrefix(verb, "fence") {
		return "fence " + deref(a.Node)
	}
	f := []string{verb, deref(a.Resource), deref(a.Node)}
	if a.ToNode != nil {
		f = append(f, *a.ToNode)
	}
	return strings.Join(f, " ")
}

func hasAction(as []sim.Action, want string) bool {
	w := strings.Fields(strings.ToLower(want))
	for _, a := range as {
		got := strings.Fields(strings.ToLower(actionWords(a)))
		if strings.Join(got, " ") == strings.Join(w, " ") {
			return true
		}
		// "move vip node2" names the destination only.
		if len(got) == 4 && len(w) == 3 && got[0] == w[0] && got[1] == w[1] && got[3] == w[2] {
			return true
		}
		// "start vip" without a node.
		if len(w) == 2 && len(got) >= 2 && got[0] == w[0] && got[1] == w[1] {
			return true
		}
	}
	return false
}

// fenceRace decides which of several quorate sides (two_node) fences the
// other first: fencing a node waits for the pcmk_delay_base of the device
// that targets it, plus priority-fencing-delay when the node runs the
// resources of higher total priority; the side whose own fencing waits
// longer wins. A random pcmk_delay_max, or equal delays, make it a race
// (-1: the first side listed is simulated).
func (ci *configInfo) fenceRace(c *model.Cluster, sides []Partition, prev sim.Placement) (int, string) {
	if c.Config == nil {
		return -1, "more than one side is quorate: a fence race decides; simulated is the first side listed"
	}
	type dev struct {
		id         string
		hosts      []string
		base, max  float64
		targetsAll bool
	}
	var devs []dev
	prio := map[string]int{}
	model.Primitives(c.Config.Resources, func(p *model.Primitive) {
		params := map[string]string{}
		for _, set := range p.InstanceAttrs {
			for _, nv := range set.Pairs {
				params[nv.Name] = nv.Value
			}
		}
		if p.Class == "stonith" {
			d := dev{id: p.ID, base: float64(durMS(params["pcmk_delay_base"])) / 1000, max: float64(durMS(params["pcmk_delay_max"])) / 1000}
			if hl := params["pcmk_host_list"]; hl != "" {
				d.hosts = strings.FieldsFunc(hl, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
			} else {
				d.targetsAll = true
			}
			devs = append(devs, d)
		}
		if v, ok := p.Meta("priority"); ok {
			prio[p.ID], _ = strconv.Atoi(v)
		}
	})
	pfd := 0.0
	if v, ok := model.Lookup(c.Config.ClusterOptions, "priority-fencing-delay"); ok {
		pfd = float64(durMS(v)) / 1000
	}
	// delay to fence a side: the smallest over its nodes and the devices
	// that can target them; random when a device has pcmk_delay_max.
	delay := func(side Partition) (float64, bool, string) {
		best, random, why := -1.0, false, ""
		for _, n := range side.Nodes {
			for _, d := range devs {
				if !d.targetsAll && !contains(d.hosts, n) {
					continue
				}
				x := d.base
				if best < 0 || x < best {
					best, why = x, fmt.Sprintf("%s fences %s after %gs", d.id, n, x)
				}
				random = random || d.max > 0
			}
		}
		return best, random, why
	}
	var ds []float64
	var whys []string
	for i, side := range sides {
		d, random, why := delay(side)
		if d < 0 {
			return -1, "more than one side is quorate, and no fence device targets side " + strconv.Itoa(i+1) + ": a race; simulated is the first side listed"
		}
		if random {
			return -1, "more than one side is quorate and pcmk_delay_max makes the fence delay random: a race; simulated is the first side listed"
		}
		ds = append(ds, d)
		whys = append(whys, why)
	}
	if pfd > 0 {
		// priority-fencing-delay delays fencing the side whose nodes run
		// the resources of highest total priority.
		best, bestP, tie := -1, 0, false
		for i, side := range sides {
			p := 0
			for k, roles := range prev.Resources {
				base, _, _ := strings.Cut(k, ":")
				for _, ns := range roles {
					for _, n := range ns {
						if contains(side.Nodes, n) {
							p += prio[base]
						}
					}
				}
			}
			switch {
			case best < 0 || p > bestP:
				best, bestP, tie = i, p, false
			case p == bestP:
				tie = true
			}
		}
		if best >= 0 && !tie && bestP > 0 {
			ds[best] += pfd
			whys[best] += fmt.Sprintf(" + priority-fencing-delay %gs (its resources' priority %d is highest)", pfd, bestP)
		}
	}
	win := -1
	for i := range ds {
		if win < 0 || ds[i] > ds[win] {
			win = i
		} else if ds[i] == ds[win] {
			return -1, "more than one side is quorate with equal fence delays (" + strings.Join(whys, "; ") + "): a race; simulated is the first side listed"
		}
	}
	return win, "wins the fence race: " + strings.Join(whys, "; ")
}

func appendNew(xs []string, x string) []string {
	if contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// chain is the upper bound of the time until prim's task (start or stop)
// is done in a transition where the primitives in moving start or stop:
// its own timeout after the longest chain of those ordered before it
// (for start) or after it (for stop: dependents stop first).
func (ci *configInfo) chain(prim, task string, moving, seen map[string]bool) float64 {
	if seen[prim] {
		return 0
	}
	seen[prim] = true
	defer delete(seen, prim)
	var deps []string
	if task == "start" {
		deps = ci.before[prim]
	} else {
		for t, fs := range ci.before {
			if contains(fs, prim) {
				deps = append(deps, t)
			}
		}
		sort.Strings(deps)
	}
	longest := 0.0
	for _, d := range deps {
		if moving[d] {
			longest = max(longest, ci.chain(d, task, moving, seen))
		}
	}
	return longest + ci.opTimeout(prim, task, 0)
}
