package verify

import (
	"fmt"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1715", Title: "Unknown operation option in op_defaults or op meta attributes", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkOpOptionNames,
			Doc: pmDocAs("text", "A name in op_defaults, or in an operation's meta_attributes, that is no operation option\n"+
				"Pacemaker reads (timeout, interval, start-delay, interval-origin, enabled, record-pending, role,\n"+
				"on-fail, requires, description; OCF_CHECK_LEVEL belongs in instance attributes but is accepted).\n"+
				"Pacemaker ignores it silently, so `op_defaults timout=60s` leaves every operation at the 20s default.",
				"crm_verify does not check op_defaults names; hakit goes beyond it (with a did-you-mean).",
				"op_defaults timout=60s", "op_defaults timeout=60s")})
	})
}

var opOptionNames = []string{"timeout", "interval", "start-delay", "interval-origin", "enabled", "record-pending", "role",
	"on-fail", "requires", "description", "OCF_CHECK_LEVEL",
	// Pacemaker 1.x spellings still read.
	"start_delay", "record_pending", "on_fail", "interval_origin"}

func checkOpOptionNames(p *Pass) {
	known := map[string]bool{}
	for _, n := range opOptionNames {
		known[n] = true
	}
	report := func(ic *inputConfig, nv *model.NVPair, where string) {
		if known[nv.Name] {
			return
		}
		msg := fmt.Sprintf("%s sets %q, which is no operation option: Pacemaker ignores it", where, nv.Name)
		if sg := Suggest(nv.Name, opOptionNames[:10]); sg != "" {
			msg += fmt.Sprintf("; did you mean %q?", sg)
		}
		p.Reportf(ic.at(nv), "%s", msg)
	}
	for _, ic := range configs(p) {
		eachPair(ic.cfg.OpDefaults, func(nv *model.NVPair) { report(ic, nv, "op_defaults") })
		eachOp(indexOf(p, ic.cfg), func(pr *model.Primitive, op *model.Op) {
			eachPair(op.MetaAttrs, func(nv *model.NVPair) { report(ic, nv, "operation "+opLabel(pr, op)+" of "+pr.ID) })
		})
	}
}
