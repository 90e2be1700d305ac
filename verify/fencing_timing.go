package verify

// HA1723: fencing delays and per-device timeouts that do not fit the time
// the fencer gives a fencing action (facts from Pacemaker 2.1.5's
// daemons/fenced: the requester waits 1.2 × (pcmk_<action>_timeout, else
// stonith-timeout, + pcmk_delay_max) for a device; the device first
// sleeps its delay, pcmk_delay_base included, and only then runs the agent).

import (
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1723", Title: "Fencing delay or timeout that does not fit stonith-timeout", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkFenceTiming,
			Doc: pmDoc("The fencer gives a device 1.2 × its action timeout (pcmk_reboot_timeout, or pcmk_off_timeout when\n"+
				"stonith-action=off, else stonith-timeout, 60s by default) plus pcmk_delay_max to answer. The device\n"+
				"first waits its delay — pcmk_delay_base counts here but is not added to the timeout — and only then\n"+
				"runs the agent. Reported: a pcmk_delay_base (the largest of a per-node map) at or above the action\n"+
				"timeout, which leaves the agent at most a fifth of it, so fencing times out and is retried while the\n"+
				"node may already be off; a pcmk_delay_base above pcmk_delay_max, which the fencer cuts down to the\n"+
				"maximum; and a pcmk_list_timeout or pcmk_status_timeout above stonith-timeout, of which the fencer\n"+
				"itself notes \"timeout may occur\" (the host check runs within stonith-timeout); and an agent\n"+
				"power_timeout (its own wait for the power state to change, in seconds) at or above the action\n"+
				"timeout. A pcmk_reboot_timeout above stonith-timeout is not reported: the fencer uses it for that\n"+
				"device instead of stonith-timeout.",
				"crm_verify does not check fencing timing (the fencer finds out when it fences); hakit goes beyond it.",
				`<nvpair id="opt-st" name="stonith-timeout" value="30s"/>
<nvpair id="fence-node1-delay" name="pcmk_delay_base" value="30s"/>`,
				`<nvpair id="opt-st" name="stonith-timeout" value="60s"/>
<nvpair id="fence-node1-delay" name="pcmk_delay_base" value="10s"/>`)})
	})
}

// delayBaseMS reads pcmk_delay_base: one duration, or a per-node map
// "node1:5s;node2:0" of which the largest counts.
func delayBaseMS(v string) (int64, bool) {
	if ms, ok := durationMS(strings.TrimSpace(v)); ok {
		return ms, true
	}
	var max int64
	found := false
	for _, e := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == ' ' }) {
		_, d, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		if ms, ok := durationMS(strings.TrimSpace(d)); ok {
			found = true
			if ms > max {
				max = ms
			}
		}
	}
	return max, found
}

func checkFenceTiming(p *Pass) {
	for _, ic := range configs(p) {
		if fencingDisabled(ic.cfg) {
			continue
		}
		stName, stMS := "stonith-timeout (default 60s)", int64(60000)
		for _, n := range []string{"stonith-timeout", "fencing-timeout"} {
			if nv := ic.option(n); nv != nil {
				if ms, ok := durationMS(nv.Value); ok && ms > 0 {
					stName, stMS = n+"="+nv.Value, ms
				}
			}
		}
		action := "reboot"
		for _, n := range []string{"stonith-action", "fencing-action"} {
			if nv := ic.option(n); nv != nil && (nv.Value == "off" || nv.Value == "poweroff") {
				action = "off"
			}
		}
		ix := indexOf(p, ic.cfg)
		for _, pr := range ix.prims {
			if c, _, _ := ix.agentOf(pr); c != "stonith" {
				continue
			}
			sets := pr.InstanceAttrs
			if t := ix.templates[pr.Template]; t != nil {
				sets = append(append([]*model.NVSet(nil), sets...), t.InstanceAttrs...)
			}
			ps := params(sets)
			tName, tMS := stName, stMS
			if nv := ps["pcmk_"+action+"_timeout"]; nv != nil {
				if ms, ok := durationMS(nv.Value); ok && ms > 0 {
					tName, tMS = nv.Name+"="+nv.Value, ms
				}
			}
			var maxMS int64
			if nv := ps["pcmk_delay_max"]; nv != nil {
				maxMS, _ = durationMS(nv.Value)
			}
			if nv := ps["pcmk_delay_base"]; nv != nil {
				if base, ok := delayBaseMS(nv.Value); ok && base > 0 {
					switch {
					case maxMS > 0 && base > maxMS:
						p.Reportf(ic.at(nv), "fencing device %s sets pcmk_delay_base=%s above pcmk_delay_max=%s: the fencer cuts the delay down to the maximum", pr.ID, nv.Value, ps["pcmk_delay_max"].Value)
					case base >= tMS:
						left := tMS*12/10 + maxMS - base
						if left < 0 {
							left = 0
						}
						p.Reportf(ic.at(nv), "fencing device %s waits pcmk_delay_base=%s before it runs the agent, but the fencer gives it %s (1.2 × %s%s) in all: %s is left for the %s, so fencing times out", pr.ID, nv.Value, fmtMS(tMS*12/10+maxMS), tName, plusMax(maxMS), fmtMS(left), action)
					}
				}
			}
			// power_timeout is the fence agent's own wait for the power
			// state to change, inside the action's time.
			if nv := ps["power_timeout"]; nv != nil {
				if ms, ok := durationMS(nv.Value); ok && ms >= tMS {
					p.Reportf(ic.at(nv), "fencing device %s waits up to power_timeout=%s for the power state to change, but the %s action may take only %s: the agent is killed before it confirms the node is off", pr.ID, nv.Value, action, tName)
				}
			}
			for _, k := range []string{"pcmk_list_timeout", "pcmk_status_timeout"} {
				if nv := ps[k]; nv != nil {
					if ms, ok := durationMS(nv.Value); ok && ms > stMS {
						p.Reportf(ic.at(nv), "fencing device %s sets %s=%s above %s: the host check runs within stonith-timeout, so it may time out (the fencer notes \"timeout may occur\")", pr.ID, k, nv.Value, stName)
					}
				}
			}
		}
	}
}

func plusMax(ms int64) string {
	if ms == 0 {
		return ""
	}
	return " + pcmk_delay_max " + fmtMS(ms)
}

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1724", Title: "stonith-watchdog-timeout below SBD's watchdog timeout", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkWatchdogTimeout,
			Doc: pmDoc("stonith-watchdog-timeout (watchdog self-fencing with SBD) is positive but below 5s, SBD's\n"+
				"default SBD_WATCHDOG_TIMEOUT. Pacemaker 2.1 compares the two when it starts and shuts itself down\n"+
				"(\"stonith-watchdog-timeout too short\") when the cluster option is the shorter: a node that stops\n"+
				"answering would be considered fenced before its watchdog has fired. hakit does not read\n"+
				"/etc/sysconfig/sbd, so it assumes SBD's default; the usual advice is twice SBD_WATCHDOG_TIMEOUT,\n"+
				"or -1 to let Pacemaker compute that.",
				"crm_verify does not know SBD's timeout and is silent; hakit goes beyond it (Pacemaker's controller refuses at start-up).",
				`<nvpair id="opt-swt" name="stonith-watchdog-timeout" value="3s"/>`,
				`<nvpair id="opt-swt" name="stonith-watchdog-timeout" value="10s"/>`)})
	})
}

// sbdDefaultWatchdogMS is sbd's default SBD_WATCHDOG_TIMEOUT (5 s).
const sbdDefaultWatchdogMS = 5000

func checkWatchdogTimeout(p *Pass) {
	for _, ic := range configs(p) {
		for _, n := range []string{"stonith-watchdog-timeout", "fencing-watchdog-timeout"} {
			nv := ic.option(n)
			if nv == nil {
				continue
			}
			ms, ok := durationMS(nv.Value)
			if !ok || ms <= 0 || ms >= sbdDefaultWatchdogMS {
				continue
			}
			p.Reportf(ic.at(nv), "%s=%s is below SBD's default watchdog timeout of 5s: Pacemaker shuts down at start (\"too short\") unless SBD_WATCHDOG_TIMEOUT is lower; use twice SBD_WATCHDOG_TIMEOUT (10s) or -1", n, nv.Value)
		}
	}
}
