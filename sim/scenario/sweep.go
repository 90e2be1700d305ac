package scenario

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"hakit/model"
	"hakit/sim"
	"hakit/sim/quorum"
)

// SweepReport is an N-1 (or N-K) analysis: every failure of one kind,
// each from the same settled state.
type SweepReport struct {
	Kind   string     `json:"kind"`
	Events []SweepRow `json:"events"`
	// Notes are the settled state's: why resources do not run at all.
	Notes []string `json:"notes,omitempty"`
}

// SweepRow is what one failure does.
type SweepRow struct {
	Event   string   `json:"event"`
	Quorate bool     `json:"quorate"`
	Fenced  []string `json:"fenced"`
	Moved   []string `json:"moved"`
	Stopped []string `json:"stopped"`
	// Lost are the resources that ran before and cannot run anywhere
	// after (the N-1 violations).
	Lost []string `json:"lost"`
}

// Violations counts the events that leave a running resource unrunnable.
func (r *SweepReport) Violations() int {
	n := 0
	for _, e := range r.Events {
		if len(e.Lost) > 0 {
			n++
		}
	}
	return n
}

// ParseSweep reads --sweep: node-fail, node-fail=K or op-fail.
func ParseSweep(s string) (kind string, k int, err error) {
	kind, ks, hasK := strings.Cut(s, "=")
	switch kind {
	case "node-fail":
		k = 1
		if hasK {
			k, err = strconv.Atoi(ks)
			if err != nil || k < 1 {
				return "", 0, fmt.Errorf("invalid --sweep %q: node-fail=K takes K >= 1", s)
			}
		}
	case "op-fail":
		if hasK {
			return "", 0, fmt.Errorf("invalid --sweep %q: op-fail takes no count", s)
		}
	default:
		return "", 0, fmt.Errorf("unknown --sweep %q (valid: node-fail, node-fail=K, op-fail)", s)
	}
	return kind, k, nil
}

// running lists, per placement key, the up nodes where it is active.
func running(pl sim.Placement) map[string][]string {
	out := map[string][]string{}
	for k, roles := range pl.Resources {
		var ns []string
		for role, nodes := range roles {
			if role == "Stopped" {
				continue
			}
			for _, n := range nodes {
				// Not on a failed node awaiting fencing: that is not running.
				switch pl.Nodes[n] {
				case "online", "standby", "maintenance", "":
					ns = append(ns, n)
				}
			}
		}
		sort.Strings(ns)
		if len(ns) > 0 {
			out[k] = ns
		}
	}
	return out
}

// Sweep settles the cluster, then runs every failure of the kind from
// that state. mem (may be nil) decides quorum per event.
func Sweep(c *model.Cluster, mem *model.Membership, kind string, k int) (*SweepReport, error) {
	if c.Status != nil && len(c.Status.Nodes) == 0 {
		cp := *c
		cp.Status = nil
		c = &cp
	}
	base, err := sim.Run(c, nil)
	if err != nil {
		return nil, err
	}
	state := base.Next()
	before := running(base.Placement)
	var online []string
	for n, s := range base.Placement.Nodes {
		if s == "online" || s == "standby" || s == "maintenance" {
			online = append(online, n)
		}
	}
	sort.Strings(online)
	rep := &SweepReport{Kind: kind, Events: []SweepRow{}, Notes: base.Notes}
	try := func(label string, ev *sim.Events, down []string) error {
		if tr := quorum.New(mem); tr != nil {
			tr.Start(online)
			var up []string
			for _, n := range online {
				if !contains(down, n) {
					up = append(up, n)
				}
			}
			ev.Quorum = strconv.FormatBool(tr.View(up).Quorate)
		}
		res, err := sim.Run(state, observedFailures(ev))
		if err != nil {
			return err
		}
		row := SweepRow{Event: label, Quorate: true, Fenced: []string{}, Moved: []string{}, Stopped: []string{}, Lost: []string{}}
		if ev.Quorum == "false" {
			row.Quorate = false
		}
		for _, a := range res.Actions {
			if strings.HasPrefix(a.Action, "Fence") && a.Action != "Fence (on)" && a.Node != nil {
				row.Fenced = append(row.Fenced, *a.Node)
			}
		}
		after := running(res.Placement)
		var keys []string
		for key := range before {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			was, now := before[key], after[key]
			switch {
			case len(now) == 0:
				row.Stopped = append(row.Stopped, key)
				row.Lost = append(row.Lost, key)
			case strings.Join(was, ",") != strings.Join(now, ","):
				row.Moved = append(row.Moved, key)
			}
		}
		rep.Events = append(rep.Events, row)
		return nil
	}
	switch kind {
	case "node-fail":
		var combo []string
		var rec func(start int) error
		rec = func(start int) error {
			if len(combo) == k {
				down := append([]string(nil), combo...)
				return try("node-fail "+strings.Join(down, ","), &sim.Events{NodeFail: down}, down)
			}
			for i := start; i < len(online); i++ {
				combo = append(combo, online[i])
				if err := rec(i + 1); err != nil {
					return err
				}
				combo = combo[:len(combo)-1]
			}
			return nil
		}
		if err := rec(0); err != nil {
			return nil, err
		}
	case "op-fail":
		ops := monitors(c)
		var keys []string
		for key := range before {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			base, _, _ := strings.Cut(key, ":")
			mon, ok := ops[base]
			if !ok {
				continue
			}
			for _, n := range before[key] {
				spec := fmt.Sprintf("%s_monitor_%d@%s=1", key, mon, n)
				if err := try("op-fail "+spec, &sim.Events{OpFail: []string{spec}}, nil); err != nil {
					return nil, err
				}
			}
		}
	}
	return rep, nil
}

// monitors maps each primitive to the interval (ms) of its first
// recurring monitor.
func monitors(c *model.Cluster) map[string]int64 {
	out := map[string]int64{}
	if c.Config == nil {
		return out
	}
	model.Primitives(c.Config.Resources, func(p *model.Primitive) {
		if p.Operations == nil {
			return
		}
		for _, o := range p.Operations.Ops {
			if iv := durMS(o.Interval); o.Name == "monitor" && iv > 0 {
				if _, seen := out[p.ID]; !seen {
					out[p.ID] = iv
				}
			}
		}
	})
	return out
}

// WriteText prints the sweep as a table.
func (r *SweepReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "N-1 sweep (%s): %d events\n", r.Kind, len(r.Events))
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	show := func(xs []string) string {
		if len(xs) == 0 {
			return "-"
		}
		return strings.Join(xs, " ")
	}
	for _, e := range r.Events {
		q := "quorate"
		if !e.Quorate {
			q = "NOT quorate"
		}
		mark := "ok  "
		if len(e.Lost) > 0 {
			mark = "LOST"
		}
		fmt.Fprintf(w, "%s %s: %s; fenced %s; moved %s; stopped %s\n", mark, e.Event, q, show(e.Fenced), show(e.Moved), show(e.Stopped))
	}
	if v := r.Violations(); v > 0 {
		fmt.Fprintf(w, "\n%d of %d failures leave a running resource unrunnable: not N-1 resilient\n", v, len(r.Events))
	} else {
		fmt.Fprintf(w, "\nevery failure leaves every running resource running: N-1 resilient\n")
	}
	return nil
}

// WriteJSON writes the sweep as JSON.
func (r *SweepReport) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
