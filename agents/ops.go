package agents

import (
	"strconv"
	"strings"
)

// DefaultOps returns the operations "pcs resource create" (pcs 0.11, and
// unchanged on pcs's main branch) adds to a new resource of this agent, in
// the agent's metadata order. Source: pcs/lib/cib/resource/agent.py
// (get_default_operations, action_to_operation_dto,
// _is_default_operation_resource/_stonith), pcs/lib/cib/resource/operations.py
// (prepare, uniquify_operations_intervals, create_operations, create_id) and
// pcs/lib/resource_agent/pcs_transform.py (role translation). The rule:
//
//  1. Which actions: for class stonith only "monitor"; for every other class
//     every action except "meta-data", "validate-all" and "status" (a
//     deprecated alias of monitor). Custom actions are kept. Nothing depends
//     on the resource being promotable: role-specific monitors
//     (role="Promoted"/"Unpromoted") are copied for plain primitives too.
//  2. If no monitor was kept, a monitor with interval "60s" and no timeout
//     is added at the end.
//  3. Each kept action becomes an op with the action's timeout, role,
//     start-delay and depth. An empty interval becomes "60s" for monitor and
//     "0s" for everything else; any other interval ("0", "10", "20s") is
//     copied verbatim. Roles use the current names: "Master" becomes
//     "Promoted" and "Slave" "Unpromoted" (pcs writes the legacy names
//     back only into a CIB whose schema predates them, < 3.7).
//  4. Ops of the same name get distinct intervals: walking in metadata
//     order, an op whose interval (in seconds, as pcs's timeout_to_seconds
//     reads it: a bare integer or a number with s, sec, m, min, h or hr) is
//     taken by an earlier op of that name is moved to the next free second
//     and its interval written as a bare number of seconds ("11"). Intervals
//     pcs cannot read are left alone.
//
// What the caller (a pcs converter) still does to reproduce pcs:
//
//   - drop the default ops whose name the user gave explicitly with "op";
//     user ops come first, then the remaining defaults (dropping whole names
//     does not change step 4's result);
//   - write the <op> elements sorted by name, stably (so within one name the
//     order above is kept);
//   - name each op with OpID and make it unique as pcs does, by appending
//     "-1", "-2", ... while the id is taken;
//   - a Depth other than "" and "0" is not an attribute but an
//     <instance_attributes id="<op-id>-instance_attributes"> holding
//     <nvpair id="<op-id>-instance_attributes-OCF_CHECK_LEVEL"
//     name="OCF_CHECK_LEVEL" value="<depth>"/>;
//   - empty fields are not written.
//
// Checked against pcs 0.11.5 (Debian 12) "pcs -f cib.xml resource create"
// for ocf:heartbeat:nginx, ocf:linbit:drbd, ocf:pacemaker:Stateful and
// stonith:fence_ipmilan; ops_test.go holds the results.
func (a *Agent) DefaultOps() []Action { return a.pcsOps(false) }

// NecessaryOps returns what "pcs resource create --no-default-ops" adds:
// only the agent's monitor actions, or a 60s monitor if it has none,
// transformed as in DefaultOps.
func (a *Agent) NecessaryOps() []Action { return a.pcsOps(true) }

func (a *Agent) pcsOps(necessaryOnly bool) []Action {
	var ops []Action
	hasMonitor := false
	for _, act := range a.Actions {
		var keep bool
		switch {
		case necessaryOnly, a.Class == "stonith":
			keep = act.Name == "monitor"
		default:
			keep = act.Name != "meta-data" && act.Name != "validate-all" && act.Name != "status"
		}
		if !keep {
			continue
		}
		hasMonitor = hasMonitor || act.Name == "monitor"
		op := act
		if op.Interval == "" {
			op.Interval = pcsDefaultInterval(op.Name)
		}
		op.Role = primaryRole(op.Role)
		ops = append(ops, op)
	}
	if !hasMonitor {
		ops = append(ops, Action{Name: "monitor", Interval: pcsDefaultInterval("monitor")})
	}
	used := map[string]map[int]bool{}
	for i := range ops {
		secs, ok := pcsSeconds(ops[i].Interval)
		if !ok {
			continue
		}
		if used[ops[i].Name] == nil {
			used[ops[i].Name] = map[int]bool{}
		}
		seen := used[ops[i].Name]
		if seen[secs] {
			for seen[secs] {
				secs++
			}
			ops[i].Interval = strconv.Itoa(secs)
		}
		seen[secs] = true
	}
	return ops
}

func pcsDefaultInterval(name string) string {
	if name == "monitor" {
		return "60s"
	}
	return "0s"
}

func primaryRole(role string) string {
	switch role {
	case "Master":
		return "Promoted"
	case "Slave":
		return "Unpromoted"
	}
	return role
}

// pcsSeconds reads an interval as pcs's timeout_to_seconds does: a
// non-negative integer, or digits followed by one of s, sec, m, min, h, hr.
func pcsSeconds(s string) (int, bool) {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n, n >= 0
	}
	for _, u := range []struct {
		suffix string
		mul    int
	}{{"s", 1}, {"sec", 1}, {"m", 60}, {"min", 60}, {"h", 3600}, {"hr", 3600}} {
		num, ok := strings.CutSuffix(s, u.suffix)
		if ok && num != "" && strings.Trim(num, "0123456789") == "" {
			n, err := strconv.Atoi(num)
			return n * u.mul, err == nil
		}
	}
	return 0, false
}

// OpID returns the id pcs proposes for an op of resource rsc:
// "<rsc>-<name>-interval-<interval>", with the characters a CIB id cannot
// hold removed (a first character other than a letter or "_", and any later
// character other than letters, digits, "_", "." and "-"). The caller makes
// it unique.
func OpID(rsc string, op Action) string {
	id := rsc + "-" + op.Name + "-interval-" + op.Interval
	var b strings.Builder
	for i, r := range id {
		letter := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
		if i == 0 {
			if letter {
				b.WriteRune(r)
			}
			continue
		}
		if letter || r < 128 && (r >= '0' && r <= '9' || r == '.' || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
