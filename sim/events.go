package sim

import (
	"fmt"
	"strconv"
	"strings"
)

// Events are the modifications applied before the transition, as
// crm_simulate's options take them. Each list may hold several entries.
type Events struct {
	NodeUp, NodeDown, NodeFail []string
	// OpFail makes an action fail when the transition runs it (crm_simulate
	// -F); OpInject records an operation result before scheduling (-i).
	// Both take rsc_op_interval@node=rc.
	OpFail, OpInject          []string
	Standby, Online           []string
	Quorum                    string // "", "true" or "false"
	TicketGrant, TicketRevoke []string
	TicketStandby             []string
	Time                      string
	// Scores asks for the allocation scores.
	Scores bool
	// Pacemaker is the scheduler version whose semantics apply: "2.1"
	// (RHEL 8/9, Debian 12, SLES 15) or "3.0" (RHEL 10, Debian 13,
	// SLES 16); "" means DefaultPacemaker.
	Pacemaker string
}

// DefaultPacemaker is the version simulated when none is named.
const DefaultPacemaker = "2.1"

// modifies reports whether ev changes the cluster (anything but the time
// and the score display).
func (ev *Events) modifies() bool {
	return len(ev.NodeUp)+len(ev.NodeDown)+len(ev.NodeFail)+len(ev.OpInject)+
		len(ev.Standby)+len(ev.Online)+len(ev.TicketGrant)+len(ev.TicketRevoke)+len(ev.TicketStandby) > 0 ||
		ev.Quorum != ""
}

// EventError is an event naming something the cluster does not have; the
// CLI maps it to exit code 2.
type EventError struct{ Msg string }

func (e *EventError) Error() string { return e.Msg }

func (w *world) node(name string) (*node, error) {
	n := w.byName[name]
	if n == nil {
		return nil, &EventError{fmt.Sprintf("unknown node %q", name)}
	}
	return n, nil
}

func (w *world) applyNodeEvents(ev *Events) error {
	for _, name := range ev.NodeUp {
		n, err := w.node(name)
		if err != nil {
			return err
		}
		n.online, n.unclean, n.pending, n.hasState = true, false, false, true
		w.injected = append(w.injected, "Bringing node "+name+" online")
	}
	for _, name := range ev.NodeDown {
		n, err := w.node(name)
		if err != nil {
			return err
		}
		n.online, n.unclean, n.pending = false, false, false
		w.injected = append(w.injected, "Taking node "+name+" offline")
	}
	for _, name := range ev.NodeFail {
		n, err := w.node(name)
		if err != nil {
			return err
		}
		n.online, n.pending = false, false
		if w.stonith {
			n.unclean = true
			n.fenceReason = "peer is no longer part of the cluster"
		}
		w.injected = append(w.injected, "Failing node "+name)
	}
	for _, name := range ev.Standby {
		n, err := w.node(name)
		if err != nil {
			return err
		}
		n.standby = true
		w.injected = append(w.injected, "Putting node "+name+" in standby")
	}
	for _, name := range ev.Online {
		n, err := w.node(name)
		if err != nil {
			return err
		}
		n.standby = false
		w.injected = append(w.injected, "Taking node "+name+" out of standby")
	}
	switch strings.ToLower(ev.Quorum) {
	case "":
	case "true", "1", "yes":
		w.haveQuorum = true
		w.injected = append(w.injected, "Setting quorum: true")
	case "false", "0", "no":
		w.haveQuorum = false
		w.injected = append(w.injected, "Setting quorum: false")
	default:
		return &EventError{fmt.Sprintf("invalid quorum value %q (valid: true, false)", ev.Quorum)}
	}
	return nil
}

// parseOpSpec reads rsc_op_interval@node=rc.
func parseOpSpec(spec string) (rsc, op string, interval int, nodeName string, rc int, err error) {
	lhs, rcs, ok := strings.Cut(spec, "=")
	if !ok {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid operation %q (want rsc_op_interval@node=rc)", spec)}
	}
	rc, e := strconv.Atoi(strings.TrimSpace(rcs))
	if e != nil {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid rc in %q", spec)}
	}
	key, nodeName, ok := strings.Cut(lhs, "@")
	if !ok {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid operation %q (want rsc_op_interval@node=rc)", spec)}
	}
	i := strings.LastIndex(key, "_")
	if i <= 0 {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid operation key %q", key)}
	}
	interval, e = strconv.Atoi(key[i+1:])
	if e != nil {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid interval in %q", key)}
	}
	rest := key[:i]
	j := strings.LastIndex(rest, "_")
	if j <= 0 {
		return "", "", 0, "", 0, &EventError{fmt.Sprintf("invalid operation key %q", key)}
	}
	rsc, op = rest[:j], rest[j+1:]
	if op == "to" || op == "from" {
		if k := strings.LastIndex(rest[:j], "_"); k > 0 {
			rsc, op = rest[:k], rest[k+1:]
		}
	}
	return rsc, op, interval, nodeName, rc, nil
}

func (w *world) applyOpEvents(ev *Events) error {
	apply := func(spec string) error {
		rscID, op, interval, nodeName, rc, err := parseOpSpec(spec)
		if err != nil {
			return err
		}
		n, err := w.node(nodeName)
		if err != nil {
			return err
		}
		base, _, _ := strings.Cut(rscID, ":")
		t, ok := w.byID[base]
		if !ok || t.kind != kPrimitive {
			return &EventError{fmt.Sprintf("unknown resource %q", rscID)}
		}
		// Find the instance running there, or any instance.
		var p *resource
		for _, q := range w.primsNamed(rscID, base) {
			for _, s := range q.running {
				if s.node == n {
					p = q
				}
			}
		}
		if p == nil {
			if qs := w.primsNamed(rscID, base); len(qs) > 0 {
				p = qs[0]
				for _, q := range qs {
					if len(q.running) == 0 {
						p = q
						break
					}
				}
			}
		}
		if p == nil {
			return &EventError{fmt.Sprintf("unknown resource %q", rscID)}
		}
		w.injected = append(w.injected, fmt.Sprintf("Injecting %s_%s_%d on %s = %d", rscID, op, interval, n.name, rc))
		var st *instState
		for _, s := range p.running {
			if s.node == n {
				st = s
			}
		}
		expect := 0
		if op == "monitor" && interval == 0 {
			expect = 7
		}
		success := rc == expect || op == "monitor" && interval == 0 && (rc == 0 || rc == 8) || rc == 8 && op == "monitor"
		if success {
			role := RoleStarted
			switch {
			case op == "stop" || op == "monitor" && rc == 7:
				role = RoleStopped
			case rc == 8 || op == "promote":
				role = RolePromoted
			}
			if c := p.cloneParent(); c != nil && c.promotable && role == RoleStarted {
				role = RoleUnpromoted
			}
			if role == RoleStopped {
				if st != nil {
					out := p.running[:0]
					for _, s := range p.running {
						if s != st {
							out = append(out, s)
						}
					}
					p.running = out
				}
				return nil
			}
			if st == nil {
				p.running = append(p.running, &instState{node: n, role: role})
			} else {
				st.role, st.failed = role, false
			}
			return nil
		}
		if st == nil {
			role := RoleStarted
			if c := p.cloneParent(); c != nil && c.promotable {
				role = RoleUnpromoted
			}
			st = &instState{node: n, role: role}
			p.running = append(p.running, st)
		}
		st.failed = true
		if op == "stop" {
			st.stopFail = true
		}
		if op == "start" && w.startFatal {
			p.failcnt[n] = Infinity
		} else {
			p.failcnt[n] = addScores(p.failcnt[n], 1)
		}
		return nil
	}
	for _, s := range ev.OpInject {
		if err := apply(s); err != nil {
			return err
		}
	}
	return nil
}

func (w *world) applyTicketEvents(ev *Events) error {
	get := func(id string) *ticket {
		t := w.tickets[id]
		if t == nil {
			t = &ticket{id: id}
			w.tickets[id] = t
		}
		return t
	}
	for _, id := range ev.TicketGrant {
		t := get(id)
		t.granted, t.standby = true, false
		w.injected = append(w.injected, "Making ticket "+id+" granted")
	}
	for _, id := range ev.TicketRevoke {
		get(id).granted = false
		w.injected = append(w.injected, "Revoking ticket "+id)
	}
	for _, id := range ev.TicketStandby {
		get(id).standby = true
		w.injected = append(w.injected, "Making ticket "+id+" standby")
	}
	return nil
}
