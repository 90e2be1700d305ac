// Package quorum computes a partition's quorum from the membership layer
// in the model, as the daemons do: corosync's votequorum (expected_votes,
// per-node quorum_votes, two_node and the wait_for_all it implies,
// auto_tie_breaker, last_man_standing, qdevice votes), CMAN (expected_votes,
// two_node, quorumd votes) and heartbeat (a majority of the nodes, the
// rule Pacemaker applies on a heartbeat stack). It keeps the state that
// outlives one membership change: the highest expected votes seen, whether
// all nodes were ever up together (wait_for_all), and last_man_standing's
// lowered expectation.
package quorum

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"hakit/model"
)

// State is one partition's view.
type State struct {
	Quorate       bool   `json:"quorate"`
	ExpectedVotes int    `json:"expected_votes"`
	TotalVotes    int    `json:"total_votes"`
	Quorum        int    `json:"quorum"`
	Why           string `json:"why,omitempty"`
}

type member struct {
	name  string
	id    uint32
	votes int
}

// Tracker follows one cluster's quorum across membership changes.
type Tracker struct {
	Provider  string // votequorum, cman, heartbeat
	members   []member
	expected  int // configured or grown expected votes
	twoNode   bool
	wfa       bool
	allSeen   bool
	atb       bool
	atbNodes  []string // in preference order
	lms       bool
	lmsWindow time.Duration
	devVotes  int
	DeviceUp  bool
	stableFor time.Duration
	lastUp    string
	prevCount int    // members of the previous membership (for the ATB split check)
	devTie    string // the device's tie-breaker in a split: lowest, highest or a nodeid
	// lastTotal and lastQuorate are the last view's (for last_man_standing).
	lastTotal   int
	lastQuorate bool
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// New returns the tracker for m, or nil when m holds no membership (then
// Pacemaker's view from the CIB stands).
func New(m *model.Membership) *Tracker {
	if m == nil || len(m.Nodes) == 0 {
		return nil
	}
	t := &Tracker{Provider: "votequorum"}
	switch m.Origin {
	case "cman":
		t.Provider = "cman"
	case "heartbeat":
		t.Provider = "heartbeat"
	}
	for i, n := range m.Nodes {
		v := n.Votes
		if q, ok := n.Options.Get("quorum_votes"); ok {
			v = atoi(q.Value, 1)
		}
		if v == 0 && n.Options.Value("quorum_votes") == "" && n.Options.Value("votes") == "" {
			v = 1
		}
		id := n.NodeID
		if id == 0 {
			id = uint32(i + 1)
		}
		name := n.Name
		if name == "" && len(n.Addrs) > 0 {
			name = n.Addrs[0].Addr // Pacemaker's node name is then the address's
		}
		if name == "" {
			name = "node" + strconv.FormatUint(uint64(id), 10)
		}
		t.members = append(t.members, member{name, id, v})
	}
	var opts model.Options
	if m.Quorum != nil {
		opts = m.Quorum.Options
		if d := m.Quorum.Device; d != nil {
			t.devVotes = atoi(d.Options.Value("votes"), 1)
			t.DeviceUp = true
			t.devTie = d.Net.Value("tie_breaker")
		}
		if d := m.Quorum.QDisk; d != nil {
			t.devVotes = atoi(d.Options.Value("votes"), 1)
			t.DeviceUp = true
		}
	}
	sum := 0
	for _, mb := range t.members {
		sum += mb.votes
	}
	t.expected = atoi(opts.Value("expected_votes"), 0)
	if t.expected == 0 {
		t.expected = sum
		if t.Provider == "cman" {
			t.expected += t.devVotes
		}
	}
	t.twoNode = opts.Value("two_node") == "1" && sum == 2
	t.wfa = t.twoNode
	if v, ok := opts.Get("wait_for_all"); ok {
		t.wfa = v.Value == "1"
	}
	if t.Provider == "cman" {
		t.wfa = false
	}
	t.atb = opts.Value("auto_tie_breaker") == "1"
	atbNode := opts.Value("auto_tie_breaker_node")
	byID := append([]member(nil), t.members...)
	sort.Slice(byID, func(i, j int) bool { return byID[i].id < byID[j].id })
	switch {
	case atbNode == "" || atbNode == "lowest":
		t.atbNodes = []string{byID[0].name}
	case atbNode == "highest":
		t.atbNodes = []string{byID[len(byID)-1].name}
	default:
		for _, f := range strings.Fields(atbNode) {
			id := atoi(f, -1)
			for _, mb := range t.members {
				if int(mb.id) == id {
					t.atbNodes = append(t.atbNodes, mb.name)
				}
			}
		}
	}
	t.lms = opts.Value("last_man_standing") == "1"
	t.lmsWindow = time.Duration(atoi(opts.Value("last_man_standing_window"), 10000)) * time.Millisecond
	return t
}

// Nodes lists the membership's node names.
func (t *Tracker) Nodes() []string {
	var out []string
	for _, m := range t.members {
		out = append(out, m.name)
	}
	return out
}

// NameOf returns the name of the node with the given nodeid, "" when none.
func (t *Tracker) NameOf(id uint32) string {
	for _, m := range t.members {
		if m.id == id {
			return m.name
		}
	}
	return ""
}

// Start records the membership the story starts from: the nodes up
// together at first (wait_for_all is satisfied once all were).
func (t *Tracker) Start(up []string) {
	if len(up) == len(t.members) {
		t.allSeen = true
	}
	t.lastUp = strings.Join(sorted(up), " ")
	t.prevCount = len(up)
}

func sorted(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

// Pass lets time go by with the membership unchanged (last_man_standing's
// window runs).
func (t *Tracker) Pass(d time.Duration) {
	t.stableFor += d
	t.lowerLMS()
}

// lowerLMS applies last_man_standing: once the membership has been stable
// and quorate for the window, expected votes drop to the votes present
// (not below 2, or 1 with auto_tie_breaker).
func (t *Tracker) lowerLMS() bool {
	if !t.lms || !t.lastQuorate || t.stableFor < t.lmsWindow || t.lastTotal >= t.expected {
		return false
	}
	low := 2
	if t.atb {
		low = 1
	}
	t.expected = max(t.lastTotal, low)
	return true
}

// View computes the quorum of the partition whose members are up. It
// also applies what the change does to the lasting state (expected votes
// growing, last_man_standing lowering them once the window has passed on
// a stable membership).
func (t *Tracker) View(up []string) State {
	st := t.view(up, t.prevCount, true)
	t.prevCount = len(up)
	return st
}

// Views computes the quorum of each side of a split, all seen from the
// membership before it; afterwards the first quorate side (else the
// first) is the membership that goes on.
func (t *Tracker) Views(sides [][]string) []State {
	prev := t.prevCount
	var out []State
	next := -1
	dev := t.deviceSide(sides)
	for i, s := range sides {
		st := t.view(s, prev, i == dev)
		if st.Quorate && next < 0 {
			next = i
		}
		out = append(out, st)
	}
	if next < 0 {
		next = 0
	}
	if len(sides) > 0 {
		t.prevCount = len(sides[next])
		t.lastUp = strings.Join(sorted(sides[next]), " ")
	}
	return out
}

// deviceSide is the side of a split the quorum device votes for: qnetd's
// ffsplit and lms algorithms (and qdiskd's master) choose the side with
// the most nodes, a tie going to the side with the tie-breaker node
// (lowest nodeid by default, highest, or a given nodeid).
func (t *Tracker) deviceSide(sides [][]string) int {
	byName := map[string]uint32{}
	var ids []uint32
	for _, m := range t.members {
		byName[m.name] = m.id
		ids = append(ids, m.id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	tie := uint32(0)
	if len(ids) > 0 {
		tie = ids[0]
		switch t.devTie {
		case "", "lowest":
		case "highest":
			tie = ids[len(ids)-1]
		default:
			tie = uint32(atoi(t.devTie, int(tie)))
		}
	}
	best := -1
	for i, s := range sides {
		if best < 0 || len(s) > len(sides[best]) {
			best = i
			continue
		}
		if len(s) == len(sides[best]) {
			for _, n := range s {
				if byName[n] == tie {
					best = i
				}
			}
		}
	}
	return best
}

func (t *Tracker) view(up []string, prevCount int, device bool) State {
	key := strings.Join(sorted(up), " ")
	if key != t.lastUp {
		t.stableFor = 0
		t.lastUp = key
	}
	isUp := map[string]bool{}
	for _, n := range up {
		isUp[n] = true
	}
	total, count := 0, 0
	for _, m := range t.members {
		if isUp[m.name] {
			total += m.votes
			count++
		}
	}
	if count == len(t.members) {
		t.allSeen = true
	}
	if t.Provider == "heartbeat" {
		n := len(t.members)
		// Heartbeat's quorum modules: majority, and "twonodes" breaking
		// the tie of a two-node cluster.
		st := State{Quorate: count*2 > n || n == 2 && count == 1, ExpectedVotes: n, TotalVotes: count, Quorum: n/2 + 1}
		st.Why = "heartbeat: a majority of the nodes"
		if n == 2 {
			st.Quorum = 1
			st.Why = "heartbeat: twonodes tie-breaker"
		}
		return st
	}
	if t.DeviceUp && device {
		total += t.devVotes
	}
	expected := t.expected
	if t.Provider == "votequorum" && t.devVotes > 0 && expected == t.sumVotes() {
		expected += t.devVotes
	}
	if total > expected {
		expected = total
		t.expected = total
	}
	quorum := expected/2 + 1
	st := State{ExpectedVotes: expected, TotalVotes: total, Quorum: quorum}
	switch {
	case t.twoNode && expected == 2:
		st.Quorum = 1
		st.Quorate = total >= 1
		st.Why = "two_node"
	default:
		st.Quorate = total >= quorum
	}
	// auto_tie_breaker: a half (or half-1) split, where the other side
	// cannot have quorum (fewer members left than the quorum), and this
	// side holds the tie-breaker node.
	if !st.Quorate && t.atb && total == expected/2 && prevCount-count < quorum {
		for _, n := range t.atbNodes {
			if isUp[n] {
				st.Quorate, st.Why = true, "auto_tie_breaker: this side holds node "+n
				break
			}
		}
	}
	if t.wfa && !t.allSeen {
		st.Quorate, st.Why = false, "wait_for_all: all nodes have not yet been up together"
	}
	if device {
		t.lastTotal, t.lastQuorate = total, st.Quorate
	}
	if t.lowerLMS() {
		st.Why = "last_man_standing: expected votes lowered after the window"
	}
	return st
}

// Recompute after last_man_standing may have lowered the expectation.
func (t *Tracker) sumVotes() int {
	s := 0
	for _, m := range t.members {
		s += m.votes
	}
	return s
}
