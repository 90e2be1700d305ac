package verify

import (
	"strconv"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA1716", Title: "validate-with unknown or none", Severity: model.SeverityError, Since: "0.1.0", Check: checkValidateWith,
			Doc: pmDoc("The CIB's validate-with names no schema Pacemaker has (pacemaker-1.0 to 1.3, 2.0 to 2.10, 3.0 to\n"+
				"3.10, pacemaker-next, or the 0.6/0.7 legacy ones), or is none. An unknown schema makes the cluster\n"+
				"refuse the CIB. none switches validation off: Pacemaker 2.1 then accepts anything (and warns),\n"+
				"Pacemaker 3.0 refuses it. none is reported as a warning, an unknown schema as an error.",
				"crm_verify says: `CIB did not pass schema validation` (unknown), or `Schema validation of configuration is\n"+
					"disabled (enabling is encouraged and prevents common misconfigurations)` for none, a notice: crm_verify\n"+
					"does not fail on it (exit 0), hakit warns because Pacemaker 3.0 refuses it.",
				`<cib validate-with="none" epoch="1" num_updates="0" admin_epoch="0">`,
				`<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">`)})
	})
}

// knownSchema reports whether Pacemaker (up to 3.0) has the schema v.
func knownSchema(v string) bool {
	switch v {
	case "pacemaker-0.6", "pacemaker-0.7", "transitional-0.6", "pacemaker-next":
		return true
	}
	s, ok := strings.CutPrefix(v, "pacemaker-")
	if !ok {
		return false
	}
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		return false
	}
	major, err1 := strconv.Atoi(a)
	minor, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || minor < 0 {
		return false
	}
	switch major {
	case 1:
		return minor <= 3
	case 2:
		return minor <= 10
	case 3:
		return minor <= 10
	}
	return false
}

func checkValidateWith(p *Pass) {
	// Per file: every CIB given has its own header (configs merges them).
	for _, in := range p.Inputs {
		if in == nil || in.Cluster == nil || in.Cluster.CIB == nil || in.Format != "cib" {
			continue
		}
		ic := &inputConfig{in: in, cfg: in.Cluster.Config}
		h := in.Cluster.CIB
		v, ok := h.Attrs.Get("validate-with")
		if !ok {
			continue
		}
		switch {
		case v == "none":
			d := p.Reportf(ic.at(h), "validate-with=\"none\": schema validation is off, so Pacemaker 2.1 accepts any mistake and Pacemaker 3.0 refuses the CIB; name a schema (cibadmin --upgrade sets the newest)")
			d.Severity = model.SeverityWarning
			d.Detail = "crm_verify: Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)"
		case !knownSchema(v):
			p.Reportf(ic.at(h), "validate-with=%q names no schema Pacemaker has: the cluster refuses the CIB", v).Detail =
				"crm_verify: CIB did not pass schema validation"
		}
	}
}
