package verify

// HA1725, HA1726: alerts (CIB <alerts>, crm "alert", pcs "alert create").
// Pacemaker unpacks them in the controller and the attribute manager
// (lib/common/alerts.c) and runs the agent through the executor
// (lib/services: stat() then execvp() of the path as written).

import (
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1725", Title: "Alert agent path is not absolute", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkAlertPath,
				Doc: pmDoc("An alert's path is not an absolute file name. Pacemaker's executor runs the agent exactly as\n"+
					"written: it first stat()s the path, relative to the executor's working directory, and only then\n"+
					"execs it, so a bare name such as alert_file.sh is not looked up in $PATH and every alert fails\n"+
					"with \"Cannot execute\" in the log. The cluster keeps running; the alerts are lost. A warning, since\n"+
					"Pacemaker accepts the configuration.",
					"crm_verify does not look at alerts and is silent; hakit goes beyond it.",
					`<alert id="smtp" path="alert_smtp.sh"/>`,
					`<alert id="smtp" path="/var/lib/pacemaker/alert_smtp.sh"/>`)},
			&Rule{ID: "HA1726", Title: "Invalid alert timeout", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkAlertTimeout,
				Doc: pmDoc("The timeout meta attribute of an alert or of one of its recipients is not a valid duration\n"+
					"(or is negative). Pacemaker logs \"Using default timeout (30s) for alert ... because ... is not a\n"+
					"valid timeout\" and kills the agent after 30 s instead of the time asked for. timeout=0 is not\n"+
					"reported: Pacemaker quietly uses the default for it. timestamp-format is not checked, since\n"+
					"Pacemaker passes any text to strftime.",
					"crm_verify does not unpack alerts and is silent; hakit goes beyond it (the controller warns at run time).",
					`<alert id="smtp" path="/var/lib/pacemaker/alert_smtp.sh">
  <meta_attributes id="smtp-meta">
    <nvpair id="smtp-timeout" name="timeout" value="fifteen"/>
  </meta_attributes>
</alert>`,
					`<nvpair id="smtp-timeout" name="timeout" value="15s"/>`)},
		)
	})
}

func checkAlertPath(p *Pass) {
	for _, ic := range configs(p) {
		for _, a := range ic.cfg.Alerts {
			if a == nil || a.Path == "" || strings.HasPrefix(a.Path, "/") {
				continue
			}
			p.Reportf(ic.at(a), "alert %s has path %q, which is not absolute: Pacemaker runs it as written, not from $PATH, so every alert fails", a.ID, a.Path)
		}
	}
}

func checkAlertTimeout(p *Pass) {
	for _, ic := range configs(p) {
		for _, a := range ic.cfg.Alerts {
			if a == nil {
				continue
			}
			check := func(what string, sets []*model.NVSet) {
				for _, set := range sets {
					if set == nil {
						continue
					}
					for _, nv := range set.Pairs {
						if nv == nil || nv.Name != "timeout" || nv.NoValue {
							continue
						}
						if ms, ok := durationMS(nv.Value); ok && ms >= 0 {
							continue
						}
						p.Reportf(ic.at(nv), "%s has timeout %q, which is not a valid timeout: Pacemaker uses the default of 30s", what, nv.Value)
					}
				}
			}
			check("alert "+a.ID, a.MetaAttrs)
			for _, r := range a.Recipients {
				if r != nil {
					check("recipient "+r.ID+" of alert "+a.ID, r.MetaAttrs)
				}
			}
		}
	}
}
