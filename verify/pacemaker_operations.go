package verify

// HA12xx: operations of primitives and op_defaults.

import (
	"fmt"
	"strings"

	"hakit/agents"
	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1201", Title: "Duplicate operation", Severity: model.SeverityError, Since: "0.1.0", Check: checkDuplicateOps,
				Doc: pmDoc("Two operations of one resource have the same name and the same interval (10s and 10000ms\n"+
					"are the same; the role does not make them different). Pacemaker keys operations by name and interval,\n"+
					"so one of them is lost. Monitors for the Promoted and Unpromoted roles need different intervals.\n"+
					"Two non-recurring operations (interval 0: start, stop, promote, ...) with one name, whether or not\n"+
					"they differ by role, are a warning, not an error: Pacemaker (2.1.5 and 3.0) checks duplicates among\n"+
					"recurring operations only, uses the first definition's settings and the resource runs; crm_verify\n"+
					"is silent about them.",
					"crm_verify says: `Operation vip-monitor2 is duplicate of vip-monitor (do not use same name and interval\n"+
						"combination more than once per resource)`.",
					`<op id="db-mon-p" name="monitor" interval="10s" role="Promoted"/>
<op id="db-mon-u" name="monitor" interval="10s" role="Unpromoted"/>`,
					`<op id="db-mon-p" name="monitor" interval="10s" role="Promoted"/>
<op id="db-mon-u" name="monitor" interval="11s" role="Unpromoted"/>`)},
			&Rule{ID: "HA1202", Title: "Action that cannot recur has an interval", Severity: model.SeverityError, Since: "0.1.0", Check: checkRecurring,
				Doc: pmDoc("Only monitor operations recur. A start, stop, promote, demote, migrate or notify operation with\n"+
					"a non-zero interval is ignored.",
					"crm_verify says: `Ignoring vip-start because start action cannot be recurring`.",
					`<op id="vip-start" name="start" interval="10s"/>`,
					`<op id="vip-start" name="start" interval="0s" timeout="20s"/>`)},
			&Rule{ID: "HA1203", Title: "on-fail not allowed for this operation", Severity: model.SeverityError, Since: "0.1.0", Check: checkOnFailContext,
				Doc: pmDoc("on-fail=fence while fencing is disabled (stonith-enabled=false), on-fail=demote on an\n"+
					"operation other than promote or a recurring monitor of the Promoted role, or on-fail=standby, demote or\n"+
					"stop on a stop operation. Pacemaker resets it to its default. An on-fail set in the op's\n"+
					"meta_attributes counts as well: Pacemaker reads it like the attribute (crm_verify resets it the same way).",
					"crm_verify says: `Resetting 'on-fail' for operation 'vip_monitor_10000' to 'stop' because 'fence' is not\n"+
						"valid when fencing is disabled`, or `Resetting 'on-fail' for vip monitor action to default value because\n"+
						"'demote' is not allowed for it`. The stop restriction is checked from Pacemaker 2.1.7 on (`... because\n"+
						"'standby' is not allowed for stop`); crm_verify 2.1.5 is silent about it. crm_verify reports a reset\n"+
						"only for the actions its scheduling run creates, so it is silent for, e.g., the primitive of a\n"+
						"bundle it does not place (scheduler CIB bundle-replicas-change.xml); hakit checks every operation.",
					`<op id="vip-monitor" name="monitor" interval="10s" on-fail="demote"/>`,
					`<op id="db-monitor" name="monitor" interval="10s" role="Promoted" on-fail="demote"/>`)},
			&Rule{ID: "HA1204", Title: "Invalid operation attribute", Severity: model.SeverityError, Since: "0.1.0", Check: checkOpAttrs,
				Doc: pmDoc("An operation (or op_defaults) attribute has a value outside its set: on-fail (ignore, block,\n"+
					"stop, restart, standby, fence, restart-container, demote), role, enabled or record-pending (booleans);\n"+
					"or an op carries requires, which the current schema no longer allows on operations. An on-fail in an\n"+
					"op's meta_attributes is read by Pacemaker like the attribute and checked the same way.",
					"crm_verify reports a schema error (`Element primitive failed to validate content`, `CIB did not pass\n"+
						"schema validation`) for an op attribute, and `Resource vip: Unknown failure type (bogus)` for an\n"+
						"op_defaults value or an op's meta_attributes value.",
					`<op id="vip-monitor" name="monitor" interval="10s" on-fail="explode"/>`,
					`<op id="vip-monitor" name="monitor" interval="10s" on-fail="restart"/>`)},
			&Rule{ID: "HA1205", Title: "Invalid operation interval, timeout or origin", Severity: model.SeverityError, Since: "0.1.0", Check: checkOpTimes,
				Doc: pmDoc("An operation's interval, timeout or start-delay (also in op_defaults) is not a duration\n"+
					"Pacemaker reads, or its interval-origin is not an ISO 8601 date.",
					"crm_verify says for interval-origin: `Ignoring 'interval-origin' for operation 'vip-monitor' because\n"+
						"'yesterday' is not valid`. It reads a malformed interval or timeout silently (\"10x\" as 10 seconds,\n"+
						"\"abc\" as the default); hakit reports those too.",
					`<op id="vip-monitor" name="monitor" interval="10x" timeout="abc"/>`,
					`<op id="vip-monitor" name="monitor" interval="10s" timeout="20s"/>`)},
			&Rule{ID: "HA1206", Title: "Unknown operation name", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkOpNames,
				Doc: pmDoc("An operation's name is not an action Pacemaker runs (start, stop, monitor, promote, demote,\n"+
					"notify, migrate_to, migrate_from, reload, reload-agent, ...). Its settings are never used.",
					"crm_verify is silent; hakit goes beyond it because a misspelt \"monitr\" means no monitoring.",
					`<op id="vip-mon" name="monitr" interval="10s"/>`,
					`<op id="vip-mon" name="monitor" interval="10s"/>`)},
			&Rule{ID: "HA1207", Title: "No monitor operation", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkMissingMonitor,
				Doc: pmDoc("A resource (other than a fencing device) has no recurring monitor, so Pacemaker notices its\n"+
					"failure only when something else goes wrong.",
					"crm_verify is silent; hakit adds this as information.",
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>`,
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
  <operations>
    <op id="vip-monitor" name="monitor" interval="10s" timeout="20s"/>
  </operations>
</primitive>`)},
			&Rule{ID: "HA1208", Title: "Monitor interval too short", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkShortMonitor,
				Doc: pmDoc("A recurring monitor runs more often than every 5 seconds. Every run forks the agent; such\n"+
					"intervals load the node, flood the logs, and tend to time out under load, turning a slow node into a\n"+
					"failed resource.",
					"crm_verify is silent; hakit goes beyond it.",
					`<op id="vip-monitor" name="monitor" interval="1s"/>`,
					`<op id="vip-monitor" name="monitor" interval="10s"/>`)},
			&Rule{ID: "HA1209", Title: "Timeout below the agent's advice", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkAdvisedTimeout,
				Doc: pmDoc("An operation's timeout is shorter than the timeout the agent's metadata advises for that\n"+
					"action (hakit's snapshot of the agents). The action may be killed while still working, and a stop\n"+
					"that times out leads to fencing. An operation without a timeout of its own runs with the timeout\n"+
					"of its meta attributes, else op_defaults timeout (from a set without a rule), else Pacemaker's\n"+
					"implicit 20s (a start or stop the primitive does not define at all is HA1722).",
					"crm_verify is silent (it does not read agent metadata); hakit goes beyond it.",
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <operations>
    <op id="fs-start" name="start" interval="0s" timeout="20s"/>
  </operations>
</primitive>`,
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <operations>
    <op id="fs-start" name="start" interval="0s" timeout="60s"/>
  </operations>
</primitive>`)},
			&Rule{ID: "HA1722", Title: "Start or stop left to a default timeout below the agent's advice", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkMissingStartStop,
				Doc: pmDoc("A primitive defines no start (or stop) operation, and the timeout it then runs with —\n"+
					"op_defaults timeout, else Pacemaker's implicit 20s — is shorter than the agent's metadata advises.\n"+
					"Pacemaker does not read the advice: a Filesystem (advised 60s) without ops stops within 20s, and a\n"+
					"stop that times out leads to fencing. pcs adds the advised operations when it creates a resource,\n"+
					"crmsh and hand-written CIBs do not. Information, not a warning: whether the action really needs\n"+
					"that long depends on the system (HA1209 warns where an operation is defined with too short a timeout).",
					"crm_verify is silent (it does not read agent metadata); hakit goes beyond it.",
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <operations>
    <op id="fs-monitor" name="monitor" interval="20s" timeout="40s"/>
  </operations>
</primitive>`,
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <operations>
    <op id="fs-start" name="start" interval="0s" timeout="60s"/>
    <op id="fs-stop" name="stop" interval="0s" timeout="60s"/>
    <op id="fs-monitor" name="monitor" interval="20s" timeout="40s"/>
  </operations>
</primitive>`)},
			&Rule{ID: "HA1210", Title: "Monitor with interval 0", Severity: model.SeverityInfo, Since: "0.1.0", Check: checkZeroMonitor,
				Doc: pmDoc("A monitor with interval 0 configures only the one-time probe, not a recurring monitor. That is\n"+
					"fine when meant (a probe timeout), but often a recurring interval was intended.",
					"crm_verify is silent; hakit adds this as information when the resource has no recurring monitor.",
					`<op id="vip-monitor" name="monitor" interval="0"/>`,
					`<op id="vip-monitor" name="monitor" interval="10s"/>`)},
		)
	})
}

// eachOp calls f for every op of every primitive (templates included).
func eachOp(ix *pmIndex, f func(pr *model.Primitive, op *model.Op)) {
	do := func(pr *model.Primitive) {
		if pr.Operations == nil {
			return
		}
		for _, op := range pr.Operations.Ops {
			if op != nil && op.IDRef == "" {
				f(pr, op)
			}
		}
	}
	for _, pr := range ix.prims {
		do(pr)
	}
	for _, t := range ix.templates {
		do(t)
	}
}

func opIntervalMS(op *model.Op) int64 {
	if op.Interval == "" {
		return 0
	}
	ms, _ := durationMS(op.Interval)
	return ms
}

func opLabel(pr *model.Primitive, op *model.Op) string {
	if op.ID != "" {
		return op.ID
	}
	return pr.ID + " " + op.Name
}

func checkDuplicateOps(p *Pass) {
	for _, ic := range configs(p) {
		eachPrimOps(indexOf(p, ic.cfg), func(pr *model.Primitive, ops []*model.Op) {
			seen := map[string]*model.Op{}
			for _, op := range ops {
				ms, ok := durationMS(op.Interval)
				if op.Interval == "" {
					ms, ok = 0, true
				}
				if !ok {
					continue
				}
				k := fmt.Sprintf("%s/%d", op.Name, ms)
				if first := seen[k]; first != nil {
					if ms == 0 {
						// Two non-recurring operations (start, stop, ...):
						// Pacemaker checks duplicates among recurring ones only
						// (pcmk_sched_recurring.c); for these it takes the first
						// definition's settings and the resource runs. A warning.
						why := "the other is ignored"
						if !strings.EqualFold(first.Role, op.Role) {
							why = fmt.Sprintf("they differ only by role (%s, %s), which does not select between them", roleOr(first.Role), roleOr(op.Role))
						}
						p.Reportf(ic.at(op), "operation %s of %s has the same name %s and interval 0 as %s: Pacemaker uses the first one's settings for every %s and %s; merge them",
							opLabel(pr, op), pr.ID, op.Name, opLabel(pr, first), op.Name, why).Severity = model.SeverityWarning
						continue
					}
					p.Reportf(ic.at(op), "operation %s of %s duplicates %s (same name %s and interval %s): use one name/interval pair once per resource",
						opLabel(pr, op), pr.ID, opLabel(pr, first), op.Name, op.Interval).Detail =
						fmt.Sprintf("crm_verify: Operation %s is duplicate of %s (do not use same name and interval combination more than once per resource)", op.ID, first.ID)
					continue
				}
				seen[k] = op
			}
		})
	}
}

func eachPrimOps(ix *pmIndex, f func(pr *model.Primitive, ops []*model.Op)) {
	for _, pr := range ix.prims {
		if pr.Operations != nil {
			f(pr, pr.Operations.Ops)
		}
	}
}

var nonRecurring = map[string]bool{"start": true, "stop": true, "promote": true, "demote": true, "migrate_to": true, "migrate_from": true, "notify": true, "reload": true, "reload-agent": true}

func checkRecurring(p *Pass) {
	for _, ic := range configs(p) {
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			if nonRecurring[op.Name] && opIntervalMS(op) > 0 {
				p.Reportf(ic.at(op), "%s is a %s with interval %s, but %s cannot recur: Pacemaker ignores it", opLabel(pr, op), op.Name, op.Interval, op.Name).Detail =
					fmt.Sprintf("crm_verify: Ignoring %s because %s action cannot be recurring", op.ID, op.Name)
			}
		})
	}
}

func checkOnFailContext(p *Pass) {
	for _, ic := range configs(p) {
		noFence := fencingDisabled(ic.cfg)
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			onFail, at := opOnFail(op)
			if op.Name == "stop" && (onFail == "standby" || onFail == "demote" || onFail == "stop") {
				p.Reportf(ic.at(at), "on-fail=%s of %s is not allowed for stop: newer Pacemaker (2.1.7 and 3.x) resets it to the default (fence, or block without fencing)", onFail, opLabel(pr, op)).Detail =
					fmt.Sprintf("Pacemaker 2.1.7+: Resetting 'on-fail' for %s stop action to default value because '%s' is not allowed for stop", pr.ID, onFail)
				return
			}
			switch onFail {
			case "fence":
				if noFence {
					p.Reportf(ic.at(at), "on-fail=fence of %s while stonith-enabled=false: Pacemaker resets it to stop", opLabel(pr, op)).Detail =
						"crm_verify: Resetting 'on-fail' ... to 'stop' because 'fence' is not valid when fencing is disabled"
				}
			case "demote":
				if op.Name == "promote" || op.Name == "monitor" && opIntervalMS(op) > 0 && (strings.EqualFold(op.Role, "Promoted") || strings.EqualFold(op.Role, "Master")) {
					return
				}
				p.Reportf(ic.at(at), "on-fail=demote of %s is allowed only for promote and monitors of the Promoted role: Pacemaker resets it", opLabel(pr, op)).Detail =
					fmt.Sprintf("crm_verify: Resetting 'on-fail' for %s %s action to default value because 'demote' is not allowed for it", pr.ID, op.Name)
			}
		})
	}
}

// opOnFail returns the on-fail Pacemaker applies to op and where it is
// set: the op's attribute, else an on-fail in the op's meta_attributes
// (Pacemaker 2.1 unpacks those into the action's meta like the attribute:
// crm_verify reports an invalid or misplaced one the same way).
func opOnFail(op *model.Op) (string, model.Element) {
	if op.OnFail != "" {
		return op.OnFail, op
	}
	v, at := "", model.Element(op)
	eachPair(op.MetaAttrs, func(nv *model.NVPair) {
		if nv.Name == "on-fail" {
			v, at = nv.Value, nv
		}
	})
	return v, at
}

var onFailValues = "ignore|block|stop|restart|standby|fence|restart-container|demote"

func checkOpAttrs(p *Pass) {
	for _, ic := range configs(p) {
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			bad := func(attr, v, want string) {
				p.Reportf(ic.at(op), "%s=%q of %s is not valid (%s): the CIB does not pass schema validation", attr, v, opLabel(pr, op), want)
			}
			if op.OnFail != "" && metaValueProblem("on-fail", onFailValues, op.OnFail) != "" {
				bad("on-fail", op.OnFail, "one of "+strings.ReplaceAll(onFailValues, "|", ", "))
			}
			eachPair(op.MetaAttrs, func(nv *model.NVPair) {
				if nv.Name == "on-fail" && metaValueProblem("on-fail", onFailValues, nv.Value) != "" {
					p.Reportf(ic.at(nv), "on-fail=%q in the meta attributes of %s is not valid (one of %s): Pacemaker ignores it and uses the default", nv.Value, opLabel(pr, op), strings.ReplaceAll(onFailValues, "|", ", ")).Detail =
						fmt.Sprintf("crm_verify: Resource %s: Unknown failure type (%s)", pr.ID, nv.Value)
				}
			})
			if op.Role != "" && !validRole(op.Role) {
				bad("role", op.Role, "one of Stopped, Started, Unpromoted, Promoted")
			}
			if op.Enabled != "" && checkBoolean(op.Enabled) != valueOK {
				bad("enabled", op.Enabled, "a boolean")
			}
			if op.RecordPending != "" && checkBoolean(op.RecordPending) != valueOK {
				bad("record-pending", op.RecordPending, "a boolean")
			}
			if op.Requires != "" {
				p.Reportf(ic.at(op), "requires=%q on operation %s: the schema no longer allows requires on operations; set it as a meta attribute of %s", op.Requires, opLabel(pr, op), pr.ID)
			}
		})
		eachPair(ic.cfg.OpDefaults, func(nv *model.NVPair) {
			var why string
			switch nv.Name {
			case "on-fail":
				why = metaValueProblem(nv.Name, onFailValues, nv.Value)
			case "role":
				if !validRole(nv.Value) {
					why = "is not a role"
				}
			case "enabled", "record-pending":
				why = metaValueProblem(nv.Name, "boolean", nv.Value)
			}
			if why != "" {
				d := p.Reportf(ic.at(nv), "op_defaults %s=%q %s", nv.Name, nv.Value, why)
				if nv.Name == "on-fail" {
					d.Detail = fmt.Sprintf("crm_verify: Resource ...: Unknown failure type (%s)", nv.Value)
				}
			}
		})
	}
}

func checkOpTimes(p *Pass) {
	for _, ic := range configs(p) {
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			for _, kv := range [][2]string{{"interval", op.Interval}, {"timeout", op.Timeout}, {"start-delay", op.StartDelay}} {
				if kv[1] != "" && timeInvalid(kv[1]) {
					p.Reportf(ic.at(op), "%s=%q of %s is not a duration (such as 10s, 2min or PT1M)", kv[0], kv[1], opLabel(pr, op))
				}
			}
			if op.IntervalOrigin != "" {
				if why := checkISODate(op.IntervalOrigin); why != "" {
					p.Reportf(ic.at(op), "interval-origin %q of %s is not an ISO 8601 date/time (%s): Pacemaker ignores it", op.IntervalOrigin, opLabel(pr, op), why).Detail =
						fmt.Sprintf("crm_verify: Ignoring 'interval-origin' for operation '%s' because '%s' is not valid", op.ID, op.IntervalOrigin)
				}
			}
			eachPair(op.MetaAttrs, func(nv *model.NVPair) {
				if (nv.Name == "timeout" || nv.Name == "interval" || nv.Name == "start-delay") && timeInvalid(nv.Value) {
					p.Reportf(ic.at(nv), "%s=%q of %s is not a duration", nv.Name, nv.Value, opLabel(pr, op))
				}
			})
		})
		eachPair(ic.cfg.OpDefaults, func(nv *model.NVPair) {
			if (nv.Name == "timeout" || nv.Name == "interval" || nv.Name == "start-delay") && timeInvalid(nv.Value) {
				p.Reportf(ic.at(nv), "op_defaults %s=%q is not a duration", nv.Name, nv.Value)
			}
		})
	}
}

var opNames = []string{"start", "stop", "monitor", "promote", "demote", "notify", "migrate_to", "migrate_from", "reload", "reload-agent", "meta-data", "validate-all", "status", "cancel", "delete"}

func checkOpNames(p *Pass) {
	known := map[string]bool{}
	for _, n := range opNames {
		known[n] = true
	}
	for _, ic := range configs(p) {
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			if op.Name == "" || known[op.Name] {
				return
			}
			msg := fmt.Sprintf("operation name %q of %s is not an action Pacemaker runs: its settings are never used", op.Name, opLabel(pr, op))
			if sg := Suggest(op.Name, opNames); sg != "" {
				msg += fmt.Sprintf("; did you mean %q?", sg)
			}
			p.Reportf(ic.at(op), "%s", msg)
		})
	}
}

func hasRecurringMonitor(pr *model.Primitive) bool {
	if pr.Operations == nil {
		return false
	}
	for _, op := range pr.Operations.Ops {
		if op != nil && op.Name == "monitor" && opIntervalMS(op) > 0 {
			return true
		}
	}
	return false
}

func checkMissingMonitor(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, pr := range ix.prims {
			class, _, _ := ix.agentOf(pr)
			if class == "stonith" || hasRecurringMonitor(pr) {
				continue
			}
			if t := ix.templates[pr.Template]; t != nil && hasRecurringMonitor(t) {
				continue
			}
			p.Reportf(ic.at(pr), "%s has no recurring monitor operation: Pacemaker will not notice when it fails", pr.ID)
		}
	}
}

func checkShortMonitor(p *Pass) {
	for _, ic := range configs(p) {
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			if ms := opIntervalMS(op); op.Name == "monitor" && ms > 0 && ms < 5000 {
				p.Reportf(ic.at(op), "monitor %s runs every %s (less than 5 seconds): this loads the node and tends to time out", opLabel(pr, op), op.Interval)
			}
		})
	}
}

func checkAdvisedTimeout(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		defTimeout, defFrom, known := opDefaultTimeout(ic.cfg)
		for _, pr := range ix.prims {
			class, provider, typ := ix.agentOf(pr)
			if class != "ocf" {
				continue
			}
			a, ok := agents.Lookup(class, provider, typ)
			if !ok {
				continue
			}
			below := func(t string, op *model.Op) (string, bool) {
				have, ok := durationMS(t)
				adv := advisedTimeout(a, op)
				want, ok2 := durationMS(adv)
				return adv, ok && ok2 && adv != "" && have < want
			}
			if pr.Operations != nil {
				for _, op := range pr.Operations.Ops {
					if op == nil {
						continue
					}
					if op.Timeout != "" {
						if adv, low := below(op.Timeout, op); low {
							p.Reportf(ic.at(op), "timeout %s of %s is below the %s advised by %s for %s", op.Timeout, opLabel(pr, op), adv, a, op.Name)
						}
						continue
					}
					t, from, set := defTimeout, defFrom, known
					eachPair(op.MetaAttrs, func(nv *model.NVPair) {
						if nv.Name == "timeout" {
							t, from, set = nv.Value, "timeout="+nv.Value+" in its meta attributes", true
						}
					})
					if adv, low := below(t, op); set && low {
						p.Reportf(ic.at(op), "%s of %s runs with %s, below the %s advised by %s for %s", opLabel(pr, op), pr.ID, from, adv, a, op.Name)
					}
				}
			}
		}
	}
}

// checkMissingStartStop is HA1722: a start or stop the primitive does not
// define runs with op_defaults timeout or Pacemaker's implicit 20s.
func checkMissingStartStop(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		defTimeout, defFrom, known := opDefaultTimeout(ic.cfg)
		if !known {
			continue
		}
		for _, pr := range ix.prims {
			if pr.Template != "" {
				continue // the template may define the operation
			}
			class, provider, typ := ix.agentOf(pr)
			if class != "ocf" {
				continue
			}
			a, ok := agents.Lookup(class, provider, typ)
			if !ok {
				continue
			}
			defined := map[string]bool{}
			if pr.Operations != nil {
				for _, op := range pr.Operations.Ops {
					if op != nil {
						defined[strings.ToLower(op.Name)] = true
					}
				}
			}
			have, _ := durationMS(defTimeout)
			var short []string
			for _, name := range []string{"start", "stop"} {
				if defined[name] {
					continue
				}
				adv := advisedTimeout(a, &model.Op{Name: name, Interval: "0"})
				if want, ok := durationMS(adv); ok && adv != "" && have < want {
					short = append(short, fmt.Sprintf("%s (advised %s)", name, adv))
				}
			}
			// One finding a primitive: a large CIB of such resources would
			// otherwise double the findings.
			if len(short) > 0 {
				p.Reportf(ic.at(pr), "%s defines no %s operation, so it runs with %s, below the timeout advised by %s", pr.ID, strings.Join(short, " or "), defFrom, a)
			}
		}
	}
}

// opDefaultTimeout returns the timeout of operations that set none: the
// op_defaults timeout of a set without a rule, else Pacemaker's implicit
// 20s, and how to name it; known is false when an op_defaults set with a
// rule sets a timeout (which operations it matches is not checked here).
func opDefaultTimeout(cfg *model.Configuration) (t, from string, known bool) {
	t, from, known = "20s", "Pacemaker's implicit default 20s", true
	for _, set := range cfg.OpDefaults {
		if set == nil {
			continue
		}
		for _, nv := range set.Pairs {
			if nv == nil || nv.Name != "timeout" {
				continue
			}
			if set.Rule != nil {
				known = false
			} else if !timeInvalid(nv.Value) {
				t, from = nv.Value, "op_defaults timeout="+nv.Value
			}
		}
	}
	return t, from, known
}

// advisedTimeout returns the agent's timeout for op: the action with the
// same name and interval, else the first action of that name.
func advisedTimeout(a *agents.Agent, op *model.Op) string {
	ms := opIntervalMS(op)
	first := ""
	for _, act := range a.Actions {
		if act.Name != op.Name || act.Timeout == "" {
			continue
		}
		if first == "" {
			first = act.Timeout
		}
		if iv, ok := durationMS(act.Interval); ok && act.Interval != "" && iv == ms {
			return act.Timeout
		}
	}
	return first
}

func checkZeroMonitor(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		eachOp(ix, func(pr *model.Primitive, op *model.Op) {
			if op.Name == "monitor" && op.Interval != "" && !timeInvalid(op.Interval) && opIntervalMS(op) == 0 && !hasRecurringMonitor(pr) {
				p.Reportf(ic.at(op), "monitor %s has interval %s: it sets the probe only, %s has no recurring monitor", opLabel(pr, op), op.Interval, pr.ID)
			}
		})
	}
}

func roleOr(r string) string {
	if r == "" {
		return "any role"
	}
	return r
}
