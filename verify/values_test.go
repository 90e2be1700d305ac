package verify

import "testing"

// The expectations come from crm_verify -V (Pacemaker 2.1.5) on a CIB with
// the value set for stonith-timeout, batch-limit, symmetric-cluster and
// node-health-red; "partial" marks values crm_verify accepts silently but
// reads only in part.
func TestValueChecks(t *testing.T) {
	names := map[valueCheck]string{valueOK: "ok", valuePartial: "partial", valueInvalid: "invalid"}
	for _, c := range []struct {
		kind, v string
		want    valueCheck
	}{
		{"time", "10x", valueInvalid}, {"time", "10", valueOK}, {"time", "1.5s", valuePartial}, {"time", "10 s", valueOK},
		{"time", "PT10S", valueOK}, {"time", "10m", valueOK}, {"time", "10mins", valueOK}, {"time", "5 min", valueOK},
		{"time", "1hr", valueOK}, {"time", "1000ms", valueOK}, {"time", "100us", valueOK}, {"time", "0", valueOK},
		{"time", "", valueInvalid}, {"time", "1d", valueInvalid}, {"time", "10S", valueOK}, {"time", " 5s", valueOK},
		{"time", "5s ", valueOK}, {"time", "99999999999999", valueOK}, {"time", "+5s", valueInvalid}, {"time", "1e3", valueInvalid},
		{"time", "0x10", valueInvalid}, {"time", "abc", valueInvalid}, {"time", "-5s", valueInvalid}, {"time", "s", valueInvalid},
		{"time", " ", valueInvalid}, {"time", "-0", valueInvalid}, {"time", "1 2", valueInvalid}, {"time", ".5s", valueInvalid},
		{"time", "5.s", valuePartial}, {"time", "INFINITY", valueInvalid}, {"time", "10xyz", valueInvalid},
		{"time", "P1D", valueOK}, {"time", "PT1H30M", valueOK}, {"time", "P1W", valueOK}, {"time", "PT", valueOK},
		{"time", "P", valueInvalid}, {"time", "PT5.5S", valueInvalid}, {"time", "p1d", valueInvalid}, {"time", "PT1S1M", valueOK},
		{"time", "10mx", valuePartial}, {"time", "10 hours", valueOK},
		{"integer", "2.5", valuePartial}, {"integer", "-3", valueOK}, {"integer", "+3", valueOK}, {"integer", "INFINITY", valueOK},
		{"integer", "-INFINITY", valueOK}, {"integer", "infinity", valueInvalid}, {"integer", " 3", valuePartial}, {"integer", "3 ", valuePartial},
		{"integer", "", valueInvalid}, {"integer", "1e3", valuePartial}, {"integer", "0x10", valuePartial},
		{"integer", "99999999999999999999", valueInvalid}, {"integer", "abc", valueInvalid}, {"integer", "3x", valuePartial},
		{"integer", "+INFINITY", valueOK},
		{"boolean", " true", valueInvalid}, {"boolean", "TRUE", valueOK}, {"boolean", "Yes", valueOK}, {"boolean", "Y", valueOK},
		{"boolean", "enabled", valueInvalid}, {"boolean", "01", valueInvalid}, {"boolean", "tru", valueInvalid}, {"boolean", "true ", valueInvalid},
	} {
		var got valueCheck
		switch c.kind {
		case "time":
			got = checkTime(c.v)
		case "integer":
			got = checkInteger(c.v, false)
		case "boolean":
			got = checkBoolean(c.v)
		}
		if got != c.want {
			t.Errorf("%s %q: %s, want %s", c.kind, c.v, names[got], names[c.want])
		}
	}
	opts := clusterOptions()
	for _, c := range []struct {
		opt, v string
		want   valueCheck
	}{
		{"no-quorum-policy", "STOP", valueOK}, {"no-quorum-policy", "Freeze", valueOK}, {"no-quorum-policy", "stop ", valueInvalid},
		{"stonith-action", "REBOOT", valueInvalid}, {"stonith-action", "off", valueOK}, {"stonith-action", "Off", valueInvalid},
		{"stonith-action", "halt", valueInvalid}, {"placement-strategy", "Utilization", valueOK}, {"node-health-strategy", "Custom", valueOK},
		{"load-threshold", "80%", valueOK}, {"load-threshold", "80", valueOK}, {"load-threshold", "abc", valueInvalid},
		{"stonith-max-attempts", "0", valueInvalid}, {"stonith-max-attempts", "INFINITY", valueOK},
		{"fence-reaction", "panic", valueOK}, {"fence-reaction", "reboot", valueInvalid},
		{"cluster-name", "anything at all", valueOK},
	} {
		o := opts[c.opt]
		if o == nil {
			t.Errorf("option %s unknown", c.opt)
			continue
		}
		if got := checkOption(o, c.v); got != c.want {
			t.Errorf("%s=%q: %s, want %s", c.opt, c.v, names[got], names[c.want])
		}
	}
}
